"""Type aliases as typed inference code names its shapes: `Vector = list[float]`,
`Batch = dict[str, Ids]` built from another alias, `typing` generics (`List`,
`Tuple`, `Optional`, `Union`), `X: TypeAlias = ...` and `int | str` unions, used in
parameters, results and local annotations (each was E011 before)."""

from typing import Dict, List, Optional, Tuple, TypeAlias, Union

Vector = List[float]
Pair = Tuple[str, int]
Scores: TypeAlias = Dict[str, float]
MaybeText = Optional[str]
Num = Union[int, float]
Ids = list[int]
Batch = dict[str, Ids]
Key = int | str


def features(texts: list[str], scale: float = 1.0) -> List[Vector]:
    out: List[Vector] = []
    for t in texts:
        v: Vector = [len(t) * scale, float(t.count(" "))]
        out.append(v)
    return out


def ranked(counts: dict[str, int], k: int) -> List[Pair]:
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    items: List[Pair] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:k]


def best(scores: Scores, default: MaybeText = None) -> MaybeText:
    if not scores:
        return default
    return max(scores, key=lambda name: scores[name])


def encode(texts: list[str], max_len: int) -> Batch:
    out: Batch = {"input_ids": [], "lengths": []}
    for t in texts:
        ids: Ids = [ord(c) % 11 for c in t][:max_len]
        if not ids:
            raise ValueError("empty text")
        out["input_ids"].extend(ids)
        out["lengths"].append(len(ids))
    return out


def describe(key: Key, n: Num) -> str:
    kind = "name" if isinstance(key, str) else "index"
    return f"{kind} {key!r} -> {n!r}"


def scaled(v: "Vector", k: float) -> "List[Vector]":
    if k == 0:
        raise ZeroDivisionError("scale by zero")
    return [[x * k for x in v], [x / k for x in v]]
