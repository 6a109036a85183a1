"""User-style class code: a `Pipeline` of `Step` subclasses (overridden methods and
properties dispatched through the base type, a class holding base-typed objects in a
field), a `Span` dataclass hierarchy with an overridden property, and a `Vocab` whose
methods read its dict and list fields in place."""

from dataclasses import dataclass


class Step:
    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def label(self) -> str:
        return f"step:{self.name}"

    def run(self, xs: list[float]) -> list[float]:
        return xs


class Scale(Step):
    def __init__(self, k: float) -> None:
        super().__init__("scale")
        self.k = k

    @property
    def label(self) -> str:
        return f"scale x{self.k}"

    def run(self, xs: list[float]) -> list[float]:
        return [x * self.k for x in xs]


class Clip(Step):
    def __init__(self, hi: float) -> None:
        super().__init__("clip")
        self.hi = hi

    def run(self, xs: list[float]) -> list[float]:
        if self.hi < 0:
            raise ValueError("negative bound")
        return [min(x, self.hi) for x in xs]


class Pipeline:
    def __init__(self, steps: list[Step]) -> None:
        self.steps = steps

    def __call__(self, xs: list[float]) -> list[float]:
        for s in self.steps:
            xs = s.run(xs)
        return xs

    def describe(self) -> str:
        return " | ".join(s.label for s in self.steps)


def run_pipeline(xs: list[float], k: float, hi: float) -> list[float]:
    p = Pipeline([Scale(k), Clip(hi), Step("id")])
    return p.steps[0].run(xs) + Pipeline([Clip(hi), Scale(k)]).steps[1].run(xs)


def describe(k: float) -> str:
    p = Pipeline([Scale(k), Clip(1.0), Step("id")])
    return p.describe()


def apply_all(xs: list[float], k: float, hi: float) -> list[float]:
    steps: list[Step] = [Scale(k), Clip(hi)]
    for s in steps:
        xs = s.run(xs)
    return xs


@dataclass
class Span:
    start: int
    end: int

    @property
    def kind(self) -> str:
        return "span"

    def length(self) -> int:
        return self.end - self.start


@dataclass
class Entity(Span):
    label: str = "X"

    @property
    def kind(self) -> str:
        return f"entity:{self.label}"


def spans(n: int) -> list[str]:
    items: list[Span] = [Span(0, n), Entity(1, n + 2, "PER")]
    out = [f"{s.kind}/{s.length()}" for s in items]
    out.append(repr(items[1]))
    return out


class Vocab:
    def __init__(self, words: list[str]) -> None:
        self.stoi: dict[str, int] = {}
        self.items: list[str] = []
        for w in words:
            if w not in self.stoi:
                self.stoi[w] = len(self.items)
                self.items.append(w)

    def has(self, tok: str) -> bool:
        return tok in self.stoi

    def index(self, w: str) -> int:
        return self.stoi[w.lower()]

    def total_len(self) -> int:
        n = 0
        for x in self.items:
            n += len(x)
        return n

    def first(self) -> str:
        return self.items[0]


def encode(words: list[str], text: str) -> list[int]:
    v = Vocab(words)
    out = [v.index(t) if v.has(t.lower()) else -1 for t in text.split()]
    return out + [len(v.items), v.total_len(), len(v.first())]


class Node:
    def __init__(self, name: str) -> None:
        self.name = name

    @staticmethod
    def kind() -> str:
        return "node"

    @classmethod
    def make(cls, name: str) -> "Node":
        return cls(name)

    def describe(self) -> str:
        return self.name


class Leaf(Node):
    def __init__(self, name: str, value: int) -> None:
        super().__init__(name)
        self.value = value

    @staticmethod
    def kind() -> str:
        return "leaf"

    @classmethod
    def make(cls, name: str) -> "Node":
        return cls(name, len(name))

    def describe(self) -> str:
        return f"{self.name}={self.value}"


class Branch(Node):
    def __init__(self, name: str, label: str) -> None:
        super().__init__(name)
        self.label = label

    @classmethod
    def make(cls, name: str) -> "Node":
        return Leaf(name, 7)


def static_on_instance(n: int) -> list[str]:
    nodes: list[Node] = [Leaf("a", n), Node("b")]
    return [x.kind() for x in nodes]


def class_on_instance(n: int) -> list[str]:
    nodes: list[Node] = [Leaf("a", n), Branch("b", "x"), Node("c")]
    return [x.make("z").describe() for x in nodes]
