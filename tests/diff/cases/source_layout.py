"""Source laid out as people write it: comments inside parameter lists, calls,
literals and conditions, and backslash line continuations after commas,
operators, keywords and annotations (tree-sitter places both between any two
tokens; the compiled result must not depend on them)."""

import math, \
    re  # two modules on one logical line
from collections import \
    Counter

Hit = tuple[str,  # the document's id
            float]  # its score


def normalize(xs: list[float],  # raw scores
              scale: float = 1.0,  # applied after dividing
              ) -> list[float]:
    """Scores over their sum; AssertionError for an all-zero list."""
    total = \
        sum(xs, 0.0)
    assert total != 0, \
        "the scores sum to zero"
    return [x / total * scale \
            for x in xs \
            if x > 0]  # zeros dropped


def frequent_words(text: str,
                   # words seen fewer times are dropped
                   at_least: int = 2) -> dict[str, int]:
    counts = Counter(w.lower() for w in \
                     re.findall(r"\w+", text))
    return {w: n for w, n in counts.items() \
            if n >= at_least}


def signs(a: int, b: int) -> tuple[int, int]:
    """Both positive: as given; any negative: negated; ZeroDivisionError when
    the loop's divisor reaches zero."""
    if a > 0 and \
            b > 0:  # both positive
        return a, \
            b
    elif a < 0 \
            or b < 0:
        return \
            -a, -b
    for i in \
            range(3):
        a += 6 // (b - i)
    y: \
        int = (lambda q: \
               q + 1)(a)
    return y, math.floor(
        # half up? no: floor
        1.5)


def best(docs: list[str], scores: list[float]) -> str:
    """The best document and the count; ValueError for lengths that differ."""
    hits = _make_hits(docs, scores)
    ranked = sorted(hits,
                    key=lambda h: (-h[1],  # highest first
                                   h[0]),  # ties by id
                    )
    table: \
        dict[str, str | int] = {
            # header row
            "n": len(ranked),  # how many
            "top": ranked[0][0] \
            if ranked else "-",
        }
    return f"{table['top']}/{table['n']}"


def _make_hits(docs: list[str], scores: list[float]) -> list[Hit]:
    return [(d,  # id
             s) for d, s \
            in zip(docs, scores, strict=True)]


def parse_pair(line: str) -> tuple[str, int]:
    """`key = value` with the value an int; ValueError for a line without `=`
    or with a value that is not an int."""
    key, value = line.split("=",  # at the first one
                            1)
    return key.strip(), \
        int(value)  # int() strips the spaces itself
