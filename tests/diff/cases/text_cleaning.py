"""Cleaning raw text before it reaches a tokenizer."""

STOPWORDS = ["a", "an", "the", "of", "and", "or", "to", "in", "is"]
PUNCT = ".,;:!?\"'()[]"
QUOTES = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00ab": '"', "\u00bb": '"'}


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (Unicode included) to one space."""
    return " ".join(text.split())


def strip_punctuation(text: str, keep: str = "") -> str:
    out = []
    for ch in text:
        if ch in PUNCT and ch not in keep:
            continue
        out.append(ch)
    return "".join(out)


def remove_stopwords(text: str, lowercase: bool = True) -> list[str]:
    words = text.lower().split() if lowercase else text.split()
    return [w for w in words if w not in STOPWORDS]


def clean_token(tok: str) -> str:
    """Strip surrounding punctuation, a leading #/@ marker and trailing dots."""
    tok = tok.strip(" \t").lstrip("#@").rstrip(".!?")
    tok = tok.strip(PUNCT).lower()
    return tok.replace("\u2019", "'")


def collapse_repeats(text: str, max_run: int = 2) -> str:
    """'soooo goooood' -> 'soo good'."""
    if max_run < 1:
        raise ValueError(f"max_run must be >= 1, got {max_run}")
    out = []
    prev = ""
    run = 0
    for ch in text:
        if ch == prev:
            run += 1
        else:
            prev = ch
            run = 1
        if run <= max_run:
            out.append(ch)
    return "".join(out)


def normalize_quotes(text: str) -> str:
    return "".join(QUOTES.get(ch, ch) for ch in text)


def slugify(title: str, sep: str = "-") -> str:
    words = []
    current = ""
    for ch in title.lower():
        if ch.isalpha() or ch.isdigit():
            current += ch
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return sep.join(words)


def initials(full_name: str) -> str:
    """Splits on single spaces, so a double space is an IndexError (a real bug)."""
    parts = full_name.split(" ")
    return "".join(p[0].upper() + "." for p in parts)


def has_url(text: str) -> bool:
    return any(
        w.startswith("http://") or w.startswith("https://") or w.endswith(".com")
        for w in text.split()
    )
