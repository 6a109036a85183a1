"""`zip(*...)` whose tuples escape (issue 11, trialG's trials): n-grams as
`list(zip(*[words[i:] for i in range(n)]))`, counted by `Counter(zip(*...))`, of a
generator of slices, columns sorted or kept in a list, read as `map(tuple, zip(*...))`:
tuples of any length that print, compare, index and hash as CPython's."""

from collections import Counter

GRID = [[1, 2, 3], [4, 5, 6]]
COLS = list(zip(*GRID))


def ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return list(zip(*[words[i:] for i in range(n)]))


def ngram_counts(text: str, n: int) -> dict[tuple[str, ...], int]:
    """A generator of slices given to `zip(*...)`: run to its end first, as CPython does."""
    words = text.lower().split()
    return dict(Counter(zip(*(words[i:] for i in range(n)))))


def top_bigram(words: list[str]) -> str:
    grams = Counter(zip(*[words, words[1:]]))
    best = max(grams, key=lambda g: (grams[g], g))
    return f"{best} {best[1]} x{grams[best]}"


def columns_desc(rows: list[list[int]]) -> list[tuple[int, ...]]:
    return sorted(zip(*rows), reverse=True)


def kept_columns(rows: list[list[str]], width: int) -> list[str]:
    """A column appended to a list, then indexed past its end: `tuple index out of range`."""
    kept = []
    for col in zip(*rows):
        kept.append(col)
    return [repr(c) + c[width] for c in kept]


def grid_column(i: int, probe: int) -> str:
    """A module constant made by `list(zip(*GRID))`, its tuples compared with a fixed one."""
    col = COLS[i]
    return f"{col} {col == (2, 5)} {col[probe]}"
