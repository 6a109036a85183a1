"""Calling a call's result (issue 10): `get_model()(text)` where the function returns
an object whose class defines `__call__` (a module-level instance, a new one, one
built lazily under `functools.lru_cache`), `Model(...)(x)`, `make_scaler(2.0)(x)`
(a function returning a function), `partial(f, ...)(x)`, `_pick(kind)(x)`."""

import functools
from collections.abc import Callable
from functools import partial


class Model:
    def __init__(self, scale: float) -> None:
        if scale <= 0:
            raise ValueError(f"scale must be positive, got {scale}")
        self.scale = scale

    def __call__(self, text: str, *, bias: float = 0.0) -> float:
        if not text:
            raise ValueError("empty text")
        return len(text) * self.scale + bias


class Tagger:
    def __init__(self, tags: dict[str, str]) -> None:
        self.tags = tags

    def __call__(self, words: list[str]) -> list[str]:
        return [self.tags[w] for w in words]  # KeyError for an unknown word


MODEL = Model(0.5)
TAGS = {"the": "DET", "cat": "NOUN", "sat": "VERB"}


def _get_model() -> Model:
    return MODEL


def _make_model(scale: float) -> Model:
    return Model(scale)


@functools.lru_cache(maxsize=1)
def _get_tagger() -> Tagger:
    return Tagger(TAGS)


def make_scaler(k: float) -> Callable[[float], float]:
    if k == 0:
        raise ValueError("k must not be zero")
    return lambda x: x / k


def _add(a: int, b: int) -> int:
    return a + b


def _pick(kind: str) -> Callable[[float], float]:
    if kind == "half":
        return make_scaler(2.0)
    if kind == "third":
        return make_scaler(3.0)
    raise KeyError(kind)


def score(text: str) -> float:
    return _get_model()(text)


def score_biased(text: str, bias: float) -> float:
    return _get_model()(text, bias=bias)


def score_with(text: str, scale: float) -> float:
    return _make_model(scale)(text)


def score_direct(text: str, scale: float) -> float:
    return Model(scale)(text, bias=1.0)


def tag(text: str) -> list[str]:
    return _get_tagger()(text.split())


def scaled(x: float, k: float) -> float:
    return make_scaler(k)(x)


def picked(kind: str, x: float) -> float:
    return _pick(kind)(x)


def added(x: int) -> int:
    return partial(_add, 10)(x)


def added_kw(x: int, b: int) -> int:
    return functools.partial(_add, b=b)(x)


def scores(texts: list[str]) -> list[float]:
    return [_get_model()(t) for t in texts]
