"""Dicts with typed keys read with dynamic values, as inference code does with ids
from `tolist()` or JSON: CPython compares the value with the keys, so `1`, `True` and
`1.0` find the key `1`, a value of another class finds nothing, and an unhashable one
raises TypeError (each was E040 before)."""

import json
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
