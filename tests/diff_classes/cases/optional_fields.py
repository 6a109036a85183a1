"""Optional fields narrowed by a test on the field itself where nothing between the test
and the use can change it: a linked node (`if self.parent is not None:
self.parent.depth()`), a heading level (`if h.level:`), an optional config value (`if
self.timeout is not None and self.timeout > 0`), and a field reassigned after its test."""

from typing import Optional


class Node:
    def __init__(self, name: str, parent: Optional["Node"] = None) -> None:
        self.name = name
        self.parent = parent

    def depth(self) -> int:
        if self.parent is not None:
            return self.parent.depth() + 1
        return 0

    def path(self) -> str:
        if self.parent is None:
            return self.name
        return self.parent.path() + "/" + self.name

    def root(self) -> str:
        node = self
        while node.parent is not None:
            node = node.parent
        return node.name


class Heading:
    def __init__(self, text: str, level: int | None) -> None:
        self.text = text
        self.level = level


class Config:
    def __init__(self, name: str, timeout: float | None = None,
                 label: str | None = None) -> None:
        self.name = name
        self.timeout = timeout
        self.label = label

    def effective_timeout(self, default: float) -> float:
        if self.timeout is not None and self.timeout > 0:
            return self.timeout
        if default <= 0:
            raise ValueError(f"{self.name}: no timeout and a default of {default}")
        return default

    def title(self) -> str:
        if self.label:
            return self.label.upper() + f" ({len(self.label)})"
        return self.name


def chain(names: list[str]) -> list[tuple[str, int, str]]:
    if not names:
        raise ValueError("no names")
    nodes = [Node(names[0])]
    for name in names[1:]:
        nodes.append(Node(name, nodes[-1]))
    return [(n.path(), n.depth(), n.root()) for n in nodes]


def outline(items: list[tuple[str, int]]) -> list[str]:
    out = []
    for text, level in items:
        h = Heading(text, level if level >= 0 else None)
        if h.level:
            out.append("#" * h.level + " " + h.text)
        elif h.level is not None:
            out.append(f"{h.text} (level {h.level})")
        else:
            out.append(h.text)
    return out


def timeouts(specs: dict[str, float], default: float) -> dict[str, float]:
    out = {}
    for name, t in specs.items():
        c = Config(name, t if t >= 0 else None)
        out[name] = c.effective_timeout(default)
    return out


def titles(names: list[str], labels: list[str]) -> list[str]:
    out = []
    for i, name in enumerate(names):
        c = Config(name, None, labels[i] if i < len(labels) else None)
        out.append(c.title())
    return out


def reparented_depths(names: list[str], k: int) -> list[int]:
    nodes = [Node(n) for n in names]
    for i in range(1, len(nodes)):
        nodes[i].parent = nodes[i - 1]
    out = []
    for n in nodes:
        if n.parent is not None:
            out.append(n.parent.depth())
            n.parent = None
            out.append(n.depth())
        else:
            out.append(-1)
    return out + [nodes[k].depth()]
