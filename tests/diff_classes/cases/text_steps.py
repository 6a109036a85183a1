"""A chain of post-processing steps over generated text: an abstract base whose
subclasses set a class constant again (`name`, read through a value typed with the
base), objects called through `__call__`, and `type(self).__name__` in the base's
`__repr__` naming the object's own class."""

from abc import ABC, abstractmethod


class Step(ABC):
    name = "step"
    cost = 1

    def __init__(self) -> None:
        self.calls = 0

    @abstractmethod
    def apply(self, text: str) -> str: ...

    def __call__(self, text: str) -> str:
        self.calls += 1
        return self.apply(text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(calls={self.calls})"


class Strip(Step):
    name = "strip"

    def apply(self, text: str) -> str:
        return text.strip()


class StopAt(Step):
    name = "stop"
    cost = 2

    def __init__(self, stops: list[str]) -> None:
        super().__init__()
        self.stops = stops

    def apply(self, text: str) -> str:
        cut = len(text)
        for s in self.stops:
            i = text.find(s)
            if i != -1:
                cut = min(cut, i)
        return text[:cut]


class MaxWords(Step):
    name = "maxwords"

    def __init__(self, n: int) -> None:
        super().__init__()
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        self.n = n

    def apply(self, text: str) -> str:
        words = text.split()
        if len(words) <= self.n:
            return text
        return " ".join(words[: self.n]) + "..."


class LowerMaxWords(MaxWords):
    """Inherits `name` from MaxWords, sets `cost` again."""
    cost = 3

    def apply(self, text: str) -> str:
        return super().apply(text.lower())


class Chain:
    def __init__(self, steps: list[Step]) -> None:
        self.steps = steps

    def run(self, text: str) -> str:
        for step in self.steps:
            text = step(text)
        return text

    def describe(self) -> str:
        return " -> ".join(f"{s.name}({s.cost})" for s in self.steps)


def postprocess(texts: list[str], stops: list[str], max_words: int) -> list[str]:
    chain = Chain([StopAt(stops), Strip(), MaxWords(max_words)])
    return [chain.run(t) for t in texts]


def describe_chain(max_words: int, lower: bool) -> str:
    last: Step = LowerMaxWords(max_words) if lower else MaxWords(max_words)
    chain = Chain([Strip(), last, Strip()])
    chain.run("  A b C  ")
    out = chain.run("X y")
    return f"{chain.describe()} {chain.steps!r} {out!r}"


def call_directly(text: str) -> tuple[str, str, int]:
    step = StopAt(["."])
    first = step(text)
    second = step(first + ". more")
    return first, second, step.calls


def total_cost(kinds: list[str]) -> int:
    steps: list[Step] = []
    for k in kinds:
        if k == "strip":
            steps.append(Strip())
        elif k == "lower":
            steps.append(LowerMaxWords(2))
        else:
            raise KeyError(k)
    return sum(s.cost for s in steps)


def names(kinds: list[int]) -> list[str]:
    steps: list[Step] = [Strip() if k == 0 else MaxWords(k) for k in kinds]
    return [f"{type(s).__name__}:{s.name}" for s in steps]
