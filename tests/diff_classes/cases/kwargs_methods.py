"""`obj.m(**d)`, `C(**d)`, `Dataclass(**d)`, static and class methods: the dict's keys
bound to the parameters as CPython binds them, with its TypeErrors naming the method
(`C.__init__() missing 1 required positional argument: 'a'`, a key `self`)."""

from __future__ import annotations

from dataclasses import dataclass


class Tokenizer:
    def __init__(self, vocab: str, lower: int = 1, max_len: int = 8) -> None:
        self.vocab = vocab
        self.lower = lower
        self.max_len = max_len

    def encode(self, text: str, *, pad: int = 0, **special: int) -> list[int]:
        s = text.lower() if self.lower else text
        ids = [self.vocab.find(c) for c in s][: self.max_len]
        return ids + [pad] * (self.max_len - len(ids)) + sorted(special.values())

    @staticmethod
    def joined(a: str, b: str = "-", sep: str = "") -> str:
        return a + sep + b

    @classmethod
    def named(cls, vocab: str, **options: bool) -> str:
        return vocab + ":" + ",".join(k for k, v in options.items() if v)


class Scorer:
    def score(self, x: int, scale: int = 1) -> int:
        return x * scale


class Shifted(Scorer):
    def score(self, x: int, scale: int = 1) -> int:
        return x * scale + 100


@dataclass
class Sampling:
    temperature: float
    top_k: int = 0
    seed: int = 0


def tokenizer_from(config: dict[str, int], text: str) -> list[int]:
    return Tokenizer("abcdefgh", **{k: v for k, v in config.items() if k != "pad"}).encode(text)


def encoded(text: str, options: dict[str, int]) -> list[int]:
    return Tokenizer("abcdefgh", max_len=4).encode(text, **options)


def encoded_text(options: dict[str, int]) -> list[int]:
    return Tokenizer("abcdefgh", max_len=3).encode("bad", **options)


def statics(parts: dict[str, str]) -> str:
    return Tokenizer.joined(**parts) + "|" + Tokenizer.named("v", **{k: True for k in parts})


def sampling(params: dict[str, int]) -> str:
    s = Sampling(0.5, **params)
    return f"{s.temperature} {s.top_k} {s.seed}"


def sampling_all(params: dict[str, int]) -> str:
    s = Sampling(**params)
    return f"{s.temperature} {s.top_k} {s.seed}"




def dispatched(shifted: bool, options: dict[str, int]) -> int:
    scorer: Scorer = Shifted() if shifted else Scorer()
    return scorer.score(**options) + scorer.score(2, **{k: v for k, v in options.items()
                                                        if k != "x"})
