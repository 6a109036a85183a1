"""Dicts with typed keys read with dynamic values, as inference code does with ids
from `tolist()` or JSON: CPython compares the value with the keys, so `1`, `True` and
`1.0` find the key `1`, a value of another class finds nothing, and an unhashable one
raises TypeError (each was E040 before). A typed list indexed by a dynamic value gives
its item type (`LABELS[t]`), and `round` takes a dynamic number."""

import json
from collections import defaultdict
from typing import Any

ID2LABEL = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-ORG"}
VOCAB = {"[PAD]": 0, "[UNK]": 1, "hello": 7}
BIGRAMS = {("new", "york"): 2, ("san", "jose"): 5}


def decode_labels(ids: list[Any]) -> list[str]:
    return [ID2LABEL.get(i, "O") for i in ids]


def label_or_none(raw: str) -> list[Any]:
    data = json.loads(raw)
    if not isinstance(data, list):
        raise TypeError("expected a JSON list")
    return [ID2LABEL.get(x) for x in data]


def token_ids(raw: str) -> list[int]:
    tokens = json.loads(raw)
    unk = VOCAB["[UNK]"]
    return [VOCAB[t] if t in VOCAB else unk for t in tokens]  # noqa: SIM401 (`in`, then `[]`)


def strict_label(x: Any) -> str:
    return ID2LABEL[x]


def bigram_count(raw: str) -> int:
    total = 0
    for pair in json.loads(raw):
        key = tuple(pair) if isinstance(pair, list) else pair
        total += BIGRAMS.get(key, 0)
    return total


def search_hits(scores: list[float], top_k: int) -> list[list[dict[str, Any]]]:
    """sentence-transformers' semantic_search shape: a record of an int id and a float
    score keeps each value's kind (`{"corpus_id": 2, "score": 0.5}`)."""
    if top_k < 0:
        raise ValueError(f"top_k must not be negative, got {top_k}")
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    hits = []
    for i in order[:top_k]:
        hits.append({"corpus_id": i, "score": scores[i]})
    best = [{"corpus_id": i, "score": round(scores[i], 1), "rank": r}
            for r, i in enumerate(order[:1])]
    out = [hits, best]
    if hits and hits[0]["corpus_id"] + hits[0]["score"] > 100:
        raise OverflowError(f"score out of range: {hits[0]}")
    return out


def group_scores(lines: list[str]) -> dict[str, list[float]]:
    """A JSON value as the key of an item changed in place (a defaultdict's, a dict's)."""
    by_label: defaultdict[str, list[float]] = defaultdict(list)
    counts: dict[str, list[int]] = {"pos": [], "neg": []}
    for line in lines:
        d = json.loads(line)
        by_label[d["label"]].append(float(d.get("score", 0)))
        counts[d["label"]].append(len(line))
    return {k: v + [float(len(counts[k]))] for k, v in sorted(by_label.items())}


LABELS = ["O", "B-PER", "I-PER", "B-ORG"]


def labels_by_index(ids: list[Any]) -> list[str]:
    """`LABELS[t]` for `t` an item of `tolist()` or JSON: an int or a bool indexes."""
    out: list[str] = []
    for t in ids:
        out.append(LABELS[t])
    return out


def rounded(values: list[Any], digits: int) -> list[Any]:
    return [round(v, digits) for v in values]


def rounded_total(raw: str) -> int:
    return sum(round(v) for v in json.loads(raw))
