"""str.maketrans / str.translate tables (also as module constants), math.gcd /
math.lcm of several numbers, and str.format_map of a literal template."""

import math
import string

NO_PUNCT = str.maketrans("", "", string.punctuation)
LEET = str.maketrans("aeio", "4310")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "…": "..."})


def strip_punctuation(s: str) -> str:
    return s.translate(NO_PUNCT)


def leet(s: str) -> str:
    return s.translate(LEET).translate(str.maketrans("st", "57", "!"))


def normalize_quotes(s: str) -> str:
    return s.translate(QUOTES)


def swap(s: str, a: str, b: str) -> str:
    return s.translate(str.maketrans(a + b, b + a))


def common_step(xs: list[int]) -> tuple[int, int, int]:
    if len(xs) < 3:
        raise ValueError(f"need three numbers, got {len(xs)}")
    return math.gcd(xs[0], xs[1], xs[2]), math.lcm(xs[0], xs[1], xs[2]), math.gcd()


def line_stats(text: str) -> tuple[int, int, str | None, str | None]:
    """max/min with key= and default=None."""
    lines = text.splitlines()
    nonempty = [ln for ln in lines if ln.strip()]
    return (len(lines), len(nonempty), max(nonempty, key=len, default=None),
            min(nonempty, default=None))


def debug_fields(name: str, score: float, n: int) -> str:
    """f-string `=` fields: the expression as written (spaces kept), then its repr, or
    the value formatted by the spec or converted by `!s`/`!r`."""
    if n < 0:
        raise ValueError(f"{n=} must not be negative")
    return f"{name=} {score=:.3f} { n = } {n*2=:>4} {name=!s} {name = !r:>8}|"


ROW = "{name:<8}|{count:>5}|{name!r}"


def report_rows(rows: list[dict[str, str]], counts: dict[str, int]) -> list[str]:
    out = [ROW.format_map(r) for r in rows]
    return out + ["{total} of {kinds}".format_map(counts)]
