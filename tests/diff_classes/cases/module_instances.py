"""Objects built once at module level and read by every call: a vocabulary, a label
map, a list of rules, a dataclass of settings, a dict of NamedTuple prototypes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Vocab:
    UNK = "<unk>"

    def __init__(self, words: list[str]) -> None:
        self.stoi = {w: i for i, w in enumerate([Vocab.UNK] + words)}
        self.itos = [Vocab.UNK] + words

    def encode(self, text: str) -> list[int]:
        return [self.stoi.get(w, 0) for w in text.lower().split()]

    def decode(self, ids: list[int]) -> str:
        return " ".join(self.itos[i] for i in ids)

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, word: str) -> bool:
        return word in self.stoi


class LabelMap:
    def __init__(self, names: list[str], threshold: float = 0.5) -> None:
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate labels in {names}")
        self.names = names
        self.threshold = threshold

    def label(self, scores: list[float]) -> str:
        if len(scores) != len(self.names):
            raise ValueError(f"expected {len(self.names)} scores, got {len(scores)}")
        best = max(range(len(scores)), key=lambda i: scores[i])
        return self.names[best] if scores[best] >= self.threshold else "uncertain"


@dataclass
class Rule:
    pattern: str
    tag: str
    weight: float = 1.0

    def matches(self, word: str) -> bool:
        return word.endswith(self.pattern)


@dataclass(frozen=True)
class Settings:
    max_words: int = 8
    lowercase: bool = True
    stop: list[str] = field(default_factory=list)


class Proto(NamedTuple):
    name: str
    x: float
    y: float


VOCAB = Vocab(["the", "cat", "sat", "on", "mat", "dog"])
LABELS = LabelMap(["negative", "neutral", "positive"], threshold=0.4)
RULES = [Rule("ing", "VERB"), Rule("ly", "ADV", 0.5), Rule("ed", "VERB", 0.8)]
SETTINGS = Settings(max_words=5, stop=["the", "a", "an"])
PROTOS = {"left": Proto("left", -1.0, 0.0), "right": Proto("right", 1.0, 0.0),
          "up": Proto("up", 0.0, 1.0)}
SHARED = VOCAB


def encode(text: str) -> list[int]:
    return VOCAB.encode(text)


def round_trip(text: str) -> str:
    ids = VOCAB.encode(text)
    if not ids:
        raise ValueError("nothing to decode")
    return VOCAB.decode(ids) + f" ({len(VOCAB)} words, same={SHARED is VOCAB})"


def known(words: list[str]) -> list[bool]:
    return [w in VOCAB for w in words]


def classify(scores: list[float]) -> str:
    return LABELS.label(scores)


def tag(words: list[str]) -> list[tuple[str, str, float]]:
    out = []
    for w in words[:SETTINGS.max_words]:
        if SETTINGS.lowercase:
            w = w.lower()
        if w in SETTINGS.stop:
            continue
        hits = [r for r in RULES if r.matches(w)]
        best = max(hits, key=lambda r: r.weight) if hits else None
        out.append((w, best.tag if best is not None else "X", best.weight if best else 0.0))
    return out


def nearest(x: float, y: float) -> str:
    best = min(PROTOS.values(), key=lambda p: (p.x - x) ** 2 + (p.y - y) ** 2)
    return f"{best.name} {PROTOS[best.name]}"


def rule_repr(i: int) -> str:
    return repr(RULES[i])
