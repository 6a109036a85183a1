"""Op templates parsed once: the Rust text of an op with typed holes.

An op's `rust` (docs/opslib.md) is one Rust expression whose placeholders name
the op's parameters (or its type variables), each with how the argument is
passed:

| placeholder  | mode        | the argument is                                      |
|--------------|-------------|------------------------------------------------------|
| `{x}`        | `OWN`       | an owned value (moved, or cloned when still needed)  |
| `{&x}`       | `BORROW`    | a shared reference                                   |
| `{&mut x}`   | `BORROW_MUT`| a mutable reference to the place the argument names  |
| `{iter x}`   | `ITER`      | an iterator of owned items                           |
| `{iter &x}`  | `ITER_REF`  | an iterator of items only read (references to the    |
|              |             | items of a live container; owned items of a temporary)|
| `{opt &x}`   | `BORROW_OPT`| an optional read through: `Option<&T>` (`&str` for a  |
|              |             | str), no copy of the value                           |
| `{fn x}`     | `FN`        | a closure `FnMut(..) -> PyResult<..>`                |
| `{T}`        | `TYPE`      | the Rust type bound to type variable `T`             |
| `{kinds T}`  | `KINDS`     | the marker naming where collections classes sit in   |
|              |             | `T`'s value (`pcrt::KList<pcrt::KCounter>`)          |

Everything that reads a template (infer, alias, the Rust lowering, op
synthesis and the tests) goes through `parse_template`; nobody matches the
template string again.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache


class HoleMode(enum.Enum):
    OWN = ""
    BORROW = "&"
    BORROW_MUT = "&mut"
    ITER = "iter"
    ITER_REF = "iter &"
    BORROW_OPT = "opt &"
    FN = "fn"
    TYPE = "type"
    KINDS = "kinds"


@dataclass(frozen=True, slots=True)
class Hole:
    name: str
    mode: HoleMode
    method_receiver: bool  # a `.` follows: a compound argument needs parentheses

    @property
    def spelled(self) -> str:
        prefix = {HoleMode.OWN: "", HoleMode.TYPE: "", HoleMode.BORROW: "&",
                  HoleMode.BORROW_MUT: "&mut ", HoleMode.ITER: "iter ",
                  HoleMode.ITER_REF: "iter &", HoleMode.BORROW_OPT: "opt &",
                  HoleMode.FN: "fn ", HoleMode.KINDS: "kinds "}[self.mode]
        return f"{{{prefix}{self.name}}}"


@dataclass(frozen=True, slots=True)
class Template:
    """Rust text and holes, in order."""

    parts: tuple[str | Hole, ...]

    @property
    def holes(self) -> Iterator[Hole]:
        return (p for p in self.parts if isinstance(p, Hole))

    def hole(self, name: str) -> Hole | None:
        """The first hole naming a parameter."""
        return next((h for h in self.holes if h.name == name), None)

    def mode(self, name: str) -> HoleMode | None:
        h = self.hole(name)
        return h.mode if h is not None else None

    def mutates(self, name: str) -> bool:
        """The op changes its argument `name` in place."""
        return any(h.name == name and h.mode is HoleMode.BORROW_MUT for h in self.holes)

    @property
    def mutates_any(self) -> bool:
        return any(h.mode is HoleMode.BORROW_MUT for h in self.holes)

    def fill(self, value: Callable[[Hole], str]) -> str:
        return "".join(p if isinstance(p, str) else value(p) for p in self.parts)

    def __str__(self) -> str:
        return self.fill(lambda h: h.spelled)


_HOLE = re.compile(r"\{(&mut |&|iter &|iter |opt &|fn |kinds )?([A-Za-z_][A-Za-z0-9_]*)\}")
_TYPE_VAR = re.compile(r"[A-Z][0-9]?")


@lru_cache(maxsize=4096)
def parse_template(rust: str, params: tuple[str, ...] = ()) -> Template:
    """Split `rust` into text and holes. A bare `{T}` that names no parameter in
    `params` and is spelled like a type variable is a TYPE hole."""
    parts: list[str | Hole] = []
    pos = 0
    for m in _HOLE.finditer(rust):
        if m.start() > pos:
            parts.append(rust[pos:m.start()])
        prefix = (m.group(1) or "").strip()
        name = m.group(2)
        mode = HoleMode(prefix)
        if mode is HoleMode.OWN and name not in params and _TYPE_VAR.fullmatch(name):
            mode = HoleMode.TYPE
        parts.append(Hole(name, mode, rust[m.end():m.end() + 1] == "."))
        pos = m.end()
    if pos < len(rust):
        parts.append(rust[pos:])
    return Template(tuple(parts))
