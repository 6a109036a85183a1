"""lower/upper/casefold/replace of a borrowed string whose result is only read
(issue 12): a `Cow` borrowing the string when nothing changes, an owned result
otherwise, in lookups, comparisons, tests and loops over `split()`; and the
runtime's one-pass `split()` over non-ASCII whitespace, short `in` tests and
`join`."""


def lookup_lowered(words: list[str], vocab: dict[str, int]) -> tuple[int, int]:
    """A lowered word looked up, read, compared; a missing one raises KeyError."""
    total = 0
    hits = 0
    for w in words:
        if w.lower() in vocab:
            hits += 1
        total += vocab[w.casefold()]
        if w.upper() == "THE" or w.lower().startswith("stra"):
            total += 100
    return total, hits


def replaced_tests(text: str, old: str, new: str, count: int) -> tuple[bool, int, str]:
    """replace() compared with its input, its length read, its first character."""
    same = text.replace(old, new, count) == text
    n = len(text.replace(old, new))
    return same, n, text.replace(old, new, count)[0]


def lowered_tokens(text: str, n: int) -> tuple[list[str], int]:
    """Tokens of the lowered text: a loop over the pieces and a bound list."""
    tokens = text.lower().split()
    count = 0
    for t in text.upper().split():
        if t.isalpha():
            count += 1
    return tokens[n:n + 2], count + len(tokens[n])


def split_spaces(text: str, maxsplit: int) -> tuple[list[str], list[str], str]:
    """split() on whitespace beyond ASCII, with and without a limit, joined back."""
    parts = text.split(None, maxsplit)
    every = text.split()
    return parts, every, "|".join(every) + str(len(parts[maxsplit]))


def short_in(text: str, chars: str, needle: str) -> tuple[int, bool, bool]:
    """`c in chars` per character of text; a longer needle in a short and a long text."""
    n = 0
    for c in text:
        if c in chars:
            n += 1
    if not text:
        raise ValueError("empty text")
    return n, needle in text, needle in text * 20


def lowered_grams(text: str, n: int) -> tuple[dict[str, int], int]:
    """Word n-grams of the lowered text: the tokens a list of slices of the `Cow`
    read only by len, join and slices."""
    if n <= 0:
        raise ValueError("n must be positive")
    tokens = text.lower().split()
    counts: dict[str, int] = {}
    for i in range(len(tokens) - n + 1):
        gram = " ".join(tokens[i:i + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts, len(tokens)
