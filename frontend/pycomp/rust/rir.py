"""The lowered IR: Rust-shaped statements and expressions, ownership explicit.

`pycomp.rust.lower` builds it from the typed IR and decides, once, how every
value is passed (moved, cloned, borrowed, copied); `pycomp.rust.printer`
prints it as Rust (rustfmt does the layout) or as the lowered-IR text that
`pycomp trace --lowered` and the `tests/data/lowered-*.test` cases show.

Leaves that carry no ownership meaning (literals, paths, types) are `Code`;
an op of the op library is a `Template` whose holes are already filled with
lowered expressions.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Own(enum.Enum):
    """How an owned value is obtained from a place or a reference."""

    MOVE = "move"  # the place's last use: the value moves
    CLONE = "clone"  # the place stays live: `.clone()`
    TO_OWNED = "to_owned"  # from a reference: `.to_owned()`
    DEREF = "deref"  # a `Copy` value behind a reference: `*r`


# ------------------------------------------------------------------ expressions


@dataclass(frozen=True, slots=True)
class Code:
    """Rust text with no ownership meaning: a literal, a path, a type, `None`."""

    text: str


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Owned:
    value: RExpr
    how: Own


@dataclass(frozen=True, slots=True)
class Borrow:
    value: RExpr
    mutable: bool = False


@dataclass(frozen=True, slots=True)
class Template:
    """An op of the op library, its holes filled (`op` names it in the lowered IR)."""

    op: str
    parts: tuple[str | RExpr, ...]


@dataclass(frozen=True, slots=True)
class Call:
    func: str  # a path: `pcrt::int_to_str`, `Some`, `Ok`
    args: tuple[RExpr, ...]


@dataclass(frozen=True, slots=True)
class MethodCall:
    receiver: RExpr
    method: str
    args: tuple[RExpr, ...] = ()


@dataclass(frozen=True, slots=True)
class Field:
    value: RExpr
    index: int | str  # a tuple item, or a struct field by name


@dataclass(frozen=True, slots=True)
class Try:
    """A fallible value: `?`, or into the innermost enclosing `try` (`label` set)."""

    value: RExpr
    err: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Not:
    value: RExpr


@dataclass(frozen=True, slots=True)
class Logic:
    op: str  # && | ||
    operands: tuple[RExpr, ...]


@dataclass(frozen=True, slots=True)
class Cast:
    value: RExpr
    type: str


@dataclass(frozen=True, slots=True)
class IfExpr:
    cond: RExpr
    then: RExpr
    orelse: RExpr


@dataclass(frozen=True, slots=True)
class Block:
    stmts: tuple[Stmt, ...]
    tail: RExpr | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    params: tuple[tuple[str, str], ...]  # (name, Rust type)
    ret: str  # "" when inferred
    body: RExpr
    moves: bool = False  # `move |..|`: captures by value
    is_async: bool = False  # the body is an `async move` block (a generator's steps)


@dataclass(frozen=True, slots=True)
class Await:
    value: RExpr


@dataclass(frozen=True, slots=True)
class Macro:
    name: str  # format, vec
    args: tuple[str | RExpr, ...]  # a str is a literal token (the format string)
    brackets: str = "()"


@dataclass(frozen=True, slots=True)
class TupleExpr:
    items: tuple[RExpr, ...]


RExpr = (
    Code | Var | Owned | Borrow | Template | Call | MethodCall | Field | Try | Not | Logic | Cast |
    IfExpr | Block | Closure | Await | Macro | TupleExpr
)


# ------------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True)
class Comment:
    text: str


@dataclass(frozen=True, slots=True)
class Let:
    pattern: str  # a name, `(mut a, mut b)`, `_`
    value: RExpr | None
    type: str | None = None
    mutable: bool = False


@dataclass(frozen=True, slots=True)
class Assign:
    place: RExpr
    value: RExpr


@dataclass(frozen=True, slots=True)
class ExprStmt:
    value: RExpr


@dataclass(frozen=True, slots=True)
class If:
    cond: RExpr
    then: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...] = ()  # a single `If` prints as `else if`


@dataclass(frozen=True, slots=True)
class IfLet:
    pattern: str
    value: RExpr
    then: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...] = ()


@dataclass(frozen=True, slots=True)
class While:
    cond: RExpr
    body: tuple[Stmt, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Loop:
    body: tuple[Stmt, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class For:
    pattern: str
    iter: RExpr
    body: tuple[Stmt, ...]
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Labeled:
    label: str | None  # None: a plain block
    body: tuple[Stmt, ...]


@dataclass(frozen=True, slots=True)
class Break:
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Continue:
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Return:
    value: RExpr


Stmt = (
    Comment | Let | Assign | ExprStmt | If | IfLet | While | Loop | For | Labeled | Break |
    Continue | Return
)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    mutable: bool


@dataclass(frozen=True, slots=True)
class Fn:
    name: str
    public: bool
    doc: tuple[str, ...]
    params: tuple[Param, ...]
    ret: str
    body: tuple[Stmt, ...]
    tail: RExpr | None = None
