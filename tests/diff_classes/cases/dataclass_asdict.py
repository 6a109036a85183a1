"""`dataclasses.asdict` of dataclasses whose fields hold plain values: the fields in
order (inherited ones first), lists and dicts copied (changing the dict leaves the
object alone), ready for `json.dumps`."""

import dataclasses
import json
from dataclasses import asdict, dataclass, field


@dataclass
class Doc:
    id: str
    text: str
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    label: str
    value: float
    rank: int | None = None


@dataclass
class Base:
    name: str
    size: int = 0


@dataclass
class Child(Base):
    extra: list[int] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Priority:
    level: int
    name: str = "normal"


@dataclass(frozen=True, order=True)
class Urgent(Priority):
    """Declares `level` again, with a default: the field keeps its base's place (first),
    in `__init__`, `repr`, ordering and asdict, as CPython's field dict does."""
    level: int = 9
    reason: str = ""


def export(ids: list[str], texts: list[str]) -> str:
    """asdict of each record, dumped as JSON with sorted keys."""
    if len(ids) != len(texts):
        raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
    docs = [Doc(i, t, tags=t.split()[:2]) for i, t in zip(ids, texts)]
    return json.dumps([asdict(d) for d in docs], sort_keys=True)


def copied(tags: list[str]) -> str:
    """asdict copies the list: appending to the dict's list leaves the object's."""
    d = Doc("1", "x", tags=tags)
    out = asdict(d)
    out["tags"].append("new")
    out["text"] = "changed"
    return f"{d.tags} {d.text} {out['tags']} {out['text']}"


def scores(labels: list[str], values: list[float]) -> str:
    """asdict of a frozen dataclass with an optional field, through `dataclasses.`."""
    rows = [dataclasses.asdict(Score(l, v, i if v > 0.5 else None))
            for i, (l, v) in enumerate(zip(labels, values, strict=True))]
    return repr(rows)


def inherited(name: str, size: int, extra: list[int]) -> str:
    """A subclass's asdict: the base's fields first."""
    if size < 0:
        raise ValueError("size must not be negative")
    return repr(asdict(Child(name, size, extra)))


def keys_and_values(text: str) -> list[str]:
    """Iterating over asdict's items."""
    d = Doc(str(len(text)), text, meta={"len": str(len(text))})
    return [f"{k}={v!r}" for k, v in asdict(d).items()]


def redeclared(level: int, name: str) -> str:
    """A subclass declaring a base's field again: positional arguments, repr, order."""
    u = Urgent(level, name, "late")
    ranked = sorted([u, Urgent(), Urgent(level), Priority(level, name)], key=lambda p: (p.level, p.name))
    return f"{u!r} {Urgent()!r} {Urgent(level) < Urgent(9, name)} {asdict(u)} {[repr(p) for p in ranked]}"
