"""Classes holding library objects in their fields (a lock, a compiled pattern, a
logger, a numpy Generator, a random.Random, a hash), and the lazily built object of inference code: a
cached function without parameters returning an instance (`@functools.cache def
_model() -> Model`), read by every call."""

from __future__ import annotations

import functools
import hashlib
import logging
import random
import re
import threading

import numpy as np


class Normalizer:
    def __init__(self, pattern: str, lowercase: bool = True) -> None:
        self.pat = re.compile(pattern)
        self.lock = threading.Lock()
        self.log = logging.getLogger("normalizer")
        self.lowercase = lowercase
        self.seen = 0

    def clean(self, text: str) -> str:
        with self.lock:
            self.seen += 1
        out = self.pat.sub(" ", text).strip()
        return out.lower() if self.lowercase else out


class Sampler:
    def __init__(self, seed: int) -> None:
        if seed < 0:
            raise ValueError(f"seed must be non-negative, got {seed}")
        self.rng = np.random.default_rng(seed)

    def draw(self, n: int) -> list[int]:
        return [int(v) for v in self.rng.integers(0, 100, size=n)]


class Augmenter:
    """A `random.Random` of its own, as data augmentation keeps one per worker."""

    def __init__(self, seed: int, p: float) -> None:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.rng = random.Random(seed)
        self.p = p

    def drop_words(self, words: list[str]) -> list[str]:
        return [w for w in words if self.rng.random() >= self.p]


class Pipeline:
    """A class holding another class that holds a library object."""

    def __init__(self, pattern: str) -> None:
        self.norm = Normalizer(pattern)
        self.digests: list[str] = []

    def run(self, texts: list[str]) -> list[str]:
        for t in texts:
            c = self.norm.clean(t)
            self.digests.append(hashlib.sha256(c.encode()).hexdigest()[:10])
        return self.digests


class Vocab:
    def __init__(self, words: list[str]) -> None:
        if not words:
            raise ValueError("empty vocabulary")
        self.stoi = {w: i for i, w in enumerate(words)}

    def encode(self, text: str) -> list[int]:
        return [self.stoi.get(w, -1) for w in text.split()]


@functools.cache
def _vocab() -> Vocab:
    return Vocab(["the", "cat", "sat", "on", "mat"])


@functools.lru_cache(maxsize=1)
def _empty_vocab() -> Vocab:
    return Vocab([])


@functools.lru_cache(maxsize=None)  # noqa: UP033 (written as users write it)
def _normalizer() -> Normalizer:
    return Normalizer(r"[\s_]+", lowercase=False)


def normalize(texts: list[str]) -> list[str]:
    n = Normalizer(r"\s+")
    out = [n.clean(t) for t in texts]
    out.append(f"seen={n.seen}")
    return out


def sample(seed: int, n: int) -> list[int]:
    s = Sampler(seed)
    return s.draw(n) + s.draw(2)


def pipeline(texts: list[str]) -> list[str]:
    return Pipeline(r"\W+").run(texts)


def encode(text: str) -> list[int]:
    return _vocab().encode(text)


def encode_twice(text: str) -> bool:
    return _vocab() is _vocab() and _vocab().encode(text) == encode(text)


def encode_empty(text: str) -> list[int]:
    return _empty_vocab().encode(text)


def cached_clean(text: str) -> str:
    return _normalizer().pat.sub("-", text)


def augment(seed: int, p: float, sentences: list[list[str]]) -> list[list[str]]:
    aug = Augmenter(seed, p)
    return [aug.drop_words(ws) for ws in sentences]
