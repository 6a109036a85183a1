"""re: tokenizing and finding words, spans and lines."""

import re

WORD_RE = re.compile(r"\w+")
TAG_RE = re.compile(r"<(/?)(\w+)[^>]*>")


def tokenize(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD_RE.finditer(text)]


def open_tags(html: str) -> list[str]:
    out = []
    for closing, name in TAG_RE.findall(html):
        if not closing:
            out.append(name)
    return out


def line_starts(text: str) -> list[str]:
    return re.findall(r"^\w+", text, re.MULTILINE)


def last_word(text: str) -> str:
    m = re.search(r"(\w+)\W*$", text)
    return m.group(1) if m else ""


def ascii_words(text: str) -> list[str]:
    return re.findall(r"\w+", text, re.ASCII)


def repeated_words(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"\b(\w+) \1\b", text)]


def escape_and_find(word: str, text: str) -> list[int]:
    pat = re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)
    return [m.start() for m in pat.finditer(text)]


def count_pattern(pattern: str, text: str) -> int:
    return len([m.group() for m in re.finditer(pattern, text)])


def is_identifier(s: str) -> bool:
    return re.fullmatch(r"[A-Za-z_]\w*", s) is not None
