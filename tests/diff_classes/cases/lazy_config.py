"""Model-wrapper classes as users write them: a config dataclass whose list and dict
defaults come from `default_factory=lambda: ...`, state loaded lazily behind a property
(`if self._vocab is None: self._vocab = ...` then `return self._vocab`), and
parameters defaulting to module constants (`batch_size: int = BATCH_SIZE`)."""

from dataclasses import dataclass, field

BATCH_SIZE = 4
THRESHOLD = 0.5
NEG = -1
DEFAULT_LABEL = "other"


@dataclass
class Config:
    threshold: float = THRESHOLD
    labels: list[str] = field(default_factory=lambda: ["neg", "neu", "pos"])
    aliases: dict[str, str] = field(default_factory=lambda: {"bad": "neg", "good": "pos"})
    top_k: int = 2


class Labeler:
    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._vocab: dict[str, int] | None = None
        self._name: str | None = None
        self.loads = 0

    @property
    def vocab(self) -> dict[str, int]:
        if self._vocab is None:
            self.loads += 1
            self._vocab = {w: i for i, w in enumerate(self.words)}
        return self._vocab

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = "-".join(self.words[:2]) or DEFAULT_LABEL
        return self._name

    def ids(self, text: str) -> list[int]:
        return [self.vocab.get(w, NEG) for w in text.split()]


def config_repr(top_k: int) -> str:
    a = Config(top_k=top_k)
    b = Config()
    a.labels.append("extra")  # each instance has its own list
    return f"{a!r} | {b!r}"


def resolve(word: str, threshold: float = THRESHOLD) -> str:
    cfg = Config(threshold=threshold)
    if cfg.threshold > 1.0:
        raise ValueError(f"threshold {cfg.threshold} above 1")
    label = cfg.aliases.get(word, word)
    if label not in cfg.labels:
        raise KeyError(label)
    return label


def lazy_ids(words: list[str], text: str) -> tuple[list[int], int, str]:
    lab = Labeler(words)
    first = lab.ids(text)
    second = lab.ids(text)
    if first != second:
        raise RuntimeError("unstable")
    return first, lab.loads, lab.name


def batches(items: list[int], batch_size: int = BATCH_SIZE, pad: int = NEG) -> list[list[int]]:
    if batch_size <= 0:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    out = []
    for i in range(0, len(items), batch_size):
        chunk = items[i:i + batch_size]
        out.append(chunk + [pad] * (batch_size - len(chunk)))
    return out


def scores_above(scores: list[float], threshold: float = THRESHOLD,
                 label: str = DEFAULT_LABEL) -> list[str]:
    cfg = Config(threshold=threshold)
    return [cfg.labels[i % len(cfg.labels)] if s >= cfg.threshold else label
            for i, s in enumerate(scores)]
