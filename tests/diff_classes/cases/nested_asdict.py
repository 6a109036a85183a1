"""`dataclasses.asdict` / `astuple` of nested dataclasses, as CPython recurses: a
dataclass field, lists and dicts of dataclasses, an optional one, a tuple holding
one, a tree of nodes of the class itself; the result a copy, ready for `json.dumps`."""

import dataclasses
import json
from dataclasses import asdict, astuple, dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


@dataclass
class Token:
    text: str
    span: Span
    score: float = 0.0


@dataclass
class Doc:
    id: str
    tokens: list[Token]
    best: Span | None = None
    by_label: dict[str, list[Span]] = field(default_factory=dict)
    window: tuple[Span, int] | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Node:
    name: str
    children: list["Node"] = field(default_factory=list)


def _doc(words: list[str]) -> Doc:
    tokens: list[Token] = []
    pos = 0
    for w in words:
        tokens.append(Token(w, Span(pos, pos + len(w), "UP" if w.isupper() else "LO"),
                            len(w) / 4))
        pos += len(w) + 1
    doc = Doc("d1", tokens, tokens[0].span if tokens else None, tags=["x"])
    for t in tokens:
        doc.by_label.setdefault(t.span.label, []).append(t.span)
    if len(tokens) > 1:
        doc.window = (tokens[1].span, len(tokens))
    return doc


def export(words: list[str]) -> str:
    return json.dumps(asdict(_doc(words)), sort_keys=True)


def exported_copy(words: list[str]) -> str:
    doc = _doc(words)
    d = asdict(doc)
    d["tags"].append("y")
    d["tokens"].append("more")
    return f"{len(doc.tokens)} {doc.tags} {d['tags']} {len(d['tokens'])}"


def token_dict(word: str, start: int) -> str:
    return repr(dataclasses.asdict(Token(word, Span(start, start + len(word), "W"))))


def token_tuple(word: str, start: int) -> str:
    return repr(astuple(Token(word, Span(start, start + len(word), "W"))))


def doc_tuple(words: list[str]) -> str:
    return repr(dataclasses.astuple(_doc(words)))


def tree(depth: int, width: int) -> str:
    root = Node("root")
    level = [root]
    for d in range(depth):
        nxt: list[Node] = []
        for n in level:
            for i in range(width):
                child = Node(f"{n.name}.{i}")
                n.children.append(child)
                nxt.append(child)
        level = nxt
    return json.dumps(asdict(root))


def first_label(words: list[str]) -> str:
    d = asdict(_doc(words))
    return str(d["tokens"][0]["span"]["label"])


def window_end(words: list[str]) -> int:
    t = astuple(_doc(words))
    return int(t[4][0][1])
