"""State kept in an optional local and changed in place once it is known not to be
None (`current: dict | None`, `acc: list[int] | None`), the way token-classification
post-processing groups BIO tags into entities; dynamic dict values as slice bounds;
a list's `__getitem__` as a key function; NamedTuple `_asdict` over fields of several
types."""

import json
import math
from typing import Any, NamedTuple

ID2LABEL = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-LOC", 4: "I-LOC"}


class Entity(NamedTuple):
    word: str
    label: str
    score: float
    start: int
    end: int


def _softmax(row: list[float]) -> list[float]:
    m = max(row)
    exps = [math.exp(v - m) for v in row]
    total = sum(exps)
    return [e / total for e in exps]


def _close(current: dict[str, Any], text: str) -> Entity:
    return Entity(text[current["start"]:current["end"]], current["label"],
                  current["score"] / current["n"], current["start"], current["end"])


def group_entities(offsets: list[tuple[int, int]], logits: list[list[float]],
                   text: str) -> list[Entity]:
    """BIO tags to entities: an optional dict holds the entity being built."""
    entities: list[Entity] = []
    current: dict[str, Any] | None = None
    for (s, e), row in zip(offsets, logits):
        probs = _softmax(row)
        best = max(range(len(probs)), key=probs.__getitem__)
        label = ID2LABEL[best]
        if label == "O":
            if current:
                entities.append(_close(current, text))
                current = None
            continue
        prefix, kind = label.split("-", 1)
        if prefix == "B" or current is None or current["label"] != kind:
            if current:
                entities.append(_close(current, text))
            current = {"label": kind, "start": s, "end": e, "score": probs[best], "n": 1}
        else:
            current["end"] = e
            current["score"] += probs[best]
            current["n"] += 1
    if current:
        entities.append(_close(current, text))
    return entities


def entities_json(offsets: list[tuple[int, int]], logits: list[list[float]], text: str) -> str:
    """`_asdict` of a NamedTuple with str, float and int fields, merged into a dict."""
    ents = group_entities(offsets, logits, text)
    return json.dumps([{**e._asdict(), "score": round(e.score, 3)} for e in ents])


def running(values: list[int], limit: int) -> str:
    """An optional list created on the first value and grown in place."""
    acc: list[int] | None = None
    for v in values:
        if v > limit:
            raise ValueError(f"value {v} over the limit {limit}")
        if acc is None:
            acc = []
        acc.append(v)
        acc[0] = max(acc[0], v)
    return "none" if acc is None else str(acc)


def counts(words: list[str]) -> str:
    """An optional dict changed through item assignment after an `is not None` test."""
    table: dict[str, int] | None = None
    if words:
        table = {}
    if table is not None:
        for w in words:
            table[w] = table.get(w, 0) + 1
        table["<total>"] = len(words)
    return str(table)


def ranked(scores: list[float], k: int) -> list[int]:
    """Indices by score with `key=scores.__getitem__`; `scores.__getitem__(i)` called."""
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    if k > len(order):
        raise IndexError(f"k={k} is more than {len(order)} scores")
    return [i for i in order[:k] if scores.__getitem__(i) > 0.0]


def window(spec: dict[str, Any], text: str) -> str:
    """Dynamic values (JSON numbers or null) as slice bounds."""
    return text[spec.get("start"):spec.get("end")]
