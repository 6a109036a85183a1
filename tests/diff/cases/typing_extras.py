"""Annotations from `typing` that describe values rather than types (`Literal`,
`Final`) and `zip(..., strict=True)`, which checks that parallel lists line up."""

from typing import Final, Literal, Optional, TypeAlias

MAX_LEN: Final = 8
SEPARATOR: Final[str] = " | "
PAD_ID: Final[int] = 0

# type aliases: each stands for its type wherever an annotation names it
Hit = tuple[str, float]
Hits = list[Hit]
MaybeLabel = str | None
Buckets: TypeAlias = dict[str, list[float]]
Threshold = Optional[float]


def pair_labels(tokens: list[str], labels: list[int]) -> list[str]:
    out = []
    for tok, lab in zip(tokens, labels, strict=True):
        out.append(f"{tok}/{lab}")
    return out


def weighted_total(values: list[float], weights: list[float]) -> float:
    total = 0.0
    for v, w in zip(values, weights, strict=True):
        total += v * w
    return total


def spans_text(words: list[str], starts: list[int], ends: list[int]) -> str:
    parts = [f"{w}[{s}:{e}]" for w, s, e in zip(words, starts, ends, strict=True)]
    return SEPARATOR.join(parts)


def first_mismatch(a: str, b: str) -> int:
    i = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            return i
        i += 1
    return -1


def pad_ids(ids: list[int]) -> list[int]:
    if len(ids) > MAX_LEN:
        raise ValueError(f"too many ids: {len(ids)} > {MAX_LEN}")
    padded: Final = ids + [PAD_ID] * (MAX_LEN - len(ids))
    return padded


def apply_mode(text: str, mode: Literal["upper", "lower", "title"]) -> str:
    if mode == "upper":
        return text.upper()
    if mode == "lower":
        return text.lower()
    if mode == "title":
        return text.title()
    raise ValueError(f"unknown mode: {mode!r}")


def pick_side(xs: list[int], side: Literal["left", "right"] = "left") -> int:
    if side == "left":
        return xs[0]
    return xs[-1]


def round_to(x: float, digits: Literal[0, 1, 2]) -> float:
    scale: Final[float] = 10.0 ** digits
    return round(x * scale) / scale


def strategy(name: Literal["greedy", "sample"] | None) -> str:
    chosen: Literal["greedy", "sample"] = "greedy" if name is None else name
    return chosen.upper()


def bucket_hits(hits: Hits, cut: Threshold) -> tuple[Buckets, list[MaybeLabel]]:
    """Type aliases in parameters, results, locals and string annotations."""
    buckets: Buckets = {}
    labels: "list[MaybeLabel]" = []
    for name, score in hits:
        if score < 0:
            raise ValueError(f"negative score for {name!r}")
        key = "high" if cut is not None and score >= cut else "low"
        buckets.setdefault(key, []).append(score)
        labels.append(name if key == "high" else None)
    return buckets, labels
