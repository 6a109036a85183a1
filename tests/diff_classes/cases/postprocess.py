"""Post-processing code a new user writes with classes: spans with order, a vocabulary
with __len__/__contains__/__getitem__, a label enum over logits, NamedTuple tokens
sorted by key, a beam search over a dataclass, an IntEnum field in a dataclass
(`schedule` found a cargo error: records with enum fields), running statistics
behind a property, entities printed through __str__."""

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import NamedTuple


@dataclass(order=True, frozen=True)
class Span:
    start: int
    end: int
    label: str

    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def merge_spans(starts: list[int], ends: list[int], labels: list[str]) -> list[Span]:
    spans = sorted(Span(s, e, l) for s, e, l in zip(starts, ends, labels))
    out: list[Span] = []
    for sp in spans:
        if out and out[-1].overlaps(sp) and out[-1].label == sp.label:
            last = out.pop()
            out.append(Span(last.start, max(last.end, sp.end), last.label))
        else:
            out.append(sp)
    return out


class Vocab:
    UNK = "<unk>"

    def __init__(self, words: list[str]) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []
        for w in [Vocab.UNK] + words:
            if w not in self.index:
                self.index[w] = len(self.words)
                self.words.append(w)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, w: str) -> bool:
        return w in self.index

    def __getitem__(self, w: str) -> int:
        return self.index.get(w, 0)

    def decode(self, ids: list[int]) -> list[str]:
        return [self.words[i] for i in ids]


def encode_text(vocab_words: list[str], text: str) -> tuple[int, list[int], int]:
    v = Vocab(vocab_words)
    toks = text.split()
    ids = [v[t] for t in toks]
    known = sum(1 for t in toks if t in v)
    return len(v), ids, known


class Label(Enum):
    NEGATIVE = 0
    NEUTRAL = 1
    POSITIVE = 2


def classify(logits: list[list[float]]) -> list[str]:
    out: list[str] = []
    for row in logits:
        best = max(range(len(row)), key=lambda i: row[i])
        lab = Label(best)
        out.append(f"{lab.name.lower()}:{row[best]:.2f}")
    return out


class Token(NamedTuple):
    text: str
    start: int
    score: float = 0.0


def top_tokens(words: list[str], scores: list[float], k: int) -> list[tuple[str, int]]:
    toks = [Token(w, i, s) for i, (w, s) in enumerate(zip(words, scores))]
    toks.sort(key=lambda t: (-t.score, t.start))
    return [(t.text, t.start) for t in toks[:k]]


@dataclass
class Hypothesis:
    tokens: list[int] = field(default_factory=list)
    score: float = 0.0

    def extend(self, tok: int, logp: float) -> "Hypothesis":
        return Hypothesis(self.tokens + [tok], self.score + logp)

    def __lt__(self, other: "Hypothesis") -> bool:
        return self.score < other.score


def beam_search(step_logps: list[list[float]], width: int) -> list[list[int]]:
    beams = [Hypothesis()]
    for logps in step_logps:
        cands: list[Hypothesis] = []
        for h in beams:
            for tok, lp in enumerate(logps):
                cands.append(h.extend(tok, lp))
        beams = sorted(cands, reverse=True)[:width]
    return [b.tokens for b in beams]


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


@dataclass
class Task:
    name: str
    priority: Priority


def schedule(names: list[str], prios: list[int]) -> list[str]:
    tasks = [Task(n, Priority(p)) for n, p in zip(names, prios)]
    tasks.sort(key=lambda t: t.priority, reverse=True)
    return [f"{t.name}={t.priority.name}" for t in tasks]


class RunningStats:
    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0

    def push(self, x: float) -> None:
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)

    @property
    def variance(self) -> float:
        if self.n < 2:
            raise ValueError("need at least two values")
        return self.m2 / (self.n - 1)


def stats(xs: list[float]) -> tuple[float, float]:
    rs = RunningStats()
    for x in xs:
        rs.push(x)
    return rs.mean, rs.variance


@dataclass
class Entity:
    text: str
    label: str
    score: float

    def __str__(self) -> str:
        return f"{self.text}/{self.label}"


def group_entities(texts: list[str], labels: list[str], scores: list[float]) -> dict[str, list[str]]:
    ents = [Entity(t, l, s) for t, l, s in zip(texts, labels, scores)]
    by_label: dict[str, list[str]] = {}
    for e in ents:
        if e.score >= 0.5:
            by_label.setdefault(e.label, []).append(str(e))
    return by_label


def entity_repr(text: str, label: str, score: float) -> str:
    return repr(Entity(text, label, score))
