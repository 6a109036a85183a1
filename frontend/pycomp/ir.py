"""The IR: a structured tree of statements and expressions, a span on every node.

`lower` builds it from the syntax tree with `ty=None` everywhere; `infer`
rebuilds it with every expression typed and every operator, builtin and method
call replaced by an `OpCall` naming an op of the op library. `verify` checks
those invariants between passes; `pprint` prints the canonical text form.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pycomp.diagnostics import Span
from pycomp.opslib import OpSpec
from pycomp.types import Type

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(node: object) -> tuple[str, ...]:
    """The dataclass fields of an IR node (or a type, an op, a span), in order;
    () for anything else. The passes that walk every node reflectively ask this
    per node, so it is cached per class."""
    cls = type(node)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls)) \
            if dataclasses.is_dataclass(cls) else ()
        _FIELD_NAMES[cls] = names
    return names


def map_fields(node: Any, fn: Callable[[Any], Any]) -> Any:
    """`node` with each field but `ty` and `span` replaced by `fn(field)`; `node` itself
    when nothing changes (the rewriting passes keep unchanged subtrees shared)."""
    changes = {}
    for f in field_names(node):
        if f in ("ty", "span"):
            continue
        old = getattr(node, f)
        new = fn(old)
        if new is not old:
            changes[f] = new
    return dataclasses.replace(node, **changes) if changes else node


# Field annotations that never hold an IR node (names, flags, types, ops, spans):
# `walk` and `children` do not look inside them. A field not listed is looked into.
_LEAF_ANNOTATIONS = frozenset({
    "Span", "Span | None", "Type", "Type | None", "str", "str | None", "bool", "int",
    "tuple[str, ...]", "tuple[str, ...] | None", "tuple[tuple[str, Type], ...]",
    "int | float | str | bool | None", "OpSpec", "OpSpec | None",
    "tuple[tuple[OpSpec, bool], ...]", "list[tuple[str, str]]"})
# Modules whose dataclasses are values inside the IR, not IR nodes.
_LEAF_MODULES = frozenset({"pycomp.types", "pycomp.opslib", "pycomp.diagnostics"})
# class -> the fields that may hold IR nodes, last first (the order `walk` pushes
# them); None for a class that is not an IR node.
_CHILD_FIELDS: dict[type, tuple[str, ...] | None] = {}
# A variable-length tuple type: mypyc keeps a fixed-length one unboxed, and `is` against
# the sentinel would never hold.
_UNSEEN: tuple[str, ...] = ("?",)


def _child_fields(cls: type) -> tuple[str, ...] | None:
    names = _CHILD_FIELDS.get(cls, _UNSEEN)
    if names is _UNSEEN:
        names = None
        if dataclasses.is_dataclass(cls) and cls.__module__ not in _LEAF_MODULES:
            names = tuple(reversed([f.name for f in dataclasses.fields(cls)
                                    if f.type not in _LEAF_ANNOTATIONS]))
        _CHILD_FIELDS[cls] = names
    return names


def walk(root: object) -> Iterator[object]:
    """`root` (a node, or a tuple or list of them) and every IR node under it,
    parents before children, in source order; iterative, so any depth is fine.
    Types, ops and spans held by nodes are not IR nodes: not entered, not given.

    Within `memoized_walks()` (one compile) the nodes under a tuple or a frozen
    node are listed once and given again from that list: the passes after infer
    each walk every function's body. A root under which a list or a mutable
    dataclass is found is walked afresh each time, lazily, as outside."""
    memo: dict[int, tuple[object, list[object]]] | None = getattr(_memo, "walks", None)
    if memo is None or type(root) is list:
        return _walk(root)
    hit = memo.get(id(root))
    if hit is None:
        nodes = _walk_frozen(root)
        if nodes is None:
            return _walk(root)
        memo[id(root)] = (root, nodes)  # `root` kept alive: its id is not reused
        return iter(nodes)
    return iter(hit[1])


_memo = threading.local()


@contextmanager
def memoized_walks() -> Iterator[None]:
    """`walk` remembers what it found under each immutable root while inside (on
    this thread); nested uses share the outer memo."""
    old = getattr(_memo, "walks", None)
    _memo.walks = {} if old is None else old
    try:
        yield
    finally:
        _memo.walks = old


# class -> its child fields (as `_CHILD_FIELDS`), for the frozen dataclasses only
_FROZEN_CHILD_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _walk_frozen(root: object) -> list[object] | None:
    """The nodes `walk(root)` gives, as a list; None when a list or a mutable
    dataclass is under `root` (what it holds may change)."""
    out: list[object] = []
    add = out.append
    stack = [root]
    pop, push = stack.pop, stack.append
    fields = _FROZEN_CHILD_FIELDS
    while stack:
        x = pop()
        cls = type(x)
        if cls is tuple:
            stack.extend(reversed(x))  # type: ignore[call-overload]
            continue
        names = fields.get(cls, _UNSEEN)
        if names is _UNSEEN:
            if cls is list:
                return None
            names = _child_fields(cls)
            if names is not None and not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                return None
            fields[cls] = names
        if names is None:
            continue
        add(x)
        for f in names:
            push(getattr(x, f))
    return out


def _walk(root: object) -> Iterator[object]:
    stack = [root]
    pop, push = stack.pop, stack.append
    fields = _CHILD_FIELDS
    while stack:
        x = pop()
        cls = type(x)
        if cls is tuple or cls is list:
            stack.extend(reversed(x))  # type: ignore[call-overload]
            continue
        names = fields.get(cls, _UNSEEN)
        if names is _UNSEEN:
            names = _child_fields(cls)
        if names is None:
            continue
        yield x
        for f in names:
            push(getattr(x, f))


def children(node: object) -> list[object]:
    """The IR nodes directly under `node` (through tuples and lists), in source order.
    A list built without recursion or generators: passes call this once per node."""
    fields = _CHILD_FIELDS
    cls = type(node)
    if cls is tuple or cls is list:
        todo: list[object] = list(reversed(node))  # type: ignore[call-overload]
    else:
        names = fields.get(cls, _UNSEEN)
        if names is _UNSEEN:
            names = _child_fields(cls)
        if names is None:
            return []
        todo = [getattr(node, f) for f in names]  # last field first: popped first to last
    out: list[object] = []
    while todo:
        x = todo.pop()
        cls = type(x)
        if cls is tuple or cls is list:
            todo.extend(reversed(x))  # type: ignore[call-overload]
            continue
        names = fields.get(cls, _UNSEEN)
        if names is _UNSEEN:
            names = _child_fields(cls)
        if names is not None:
            out.append(x)
    return out


# ---------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class Const:
    value: int | float | str | bytes | bool | None
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    span: Span
    ty: Type | None = None
    # After infer: the Rust variable this name reads (shadowed versions differ).
    rust: str | None = None
    kind: str = "local"  # local | param | const | func | module | exc | builtin


@dataclass(frozen=True, slots=True)
class Attribute:
    value: Expr
    attr: str
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Expr
    right: Expr
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class UnaryOp:
    op: str  # neg | pos | not | invert
    operand: Expr
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # and | or
    values: tuple[Expr, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Compare:
    left: Expr
    ops: tuple[str, ...]
    comparators: tuple[Expr, ...]
    span: Span
    ty: Type | None = None
    # After infer: one OpCall template per comparison, as (op, negate) pairs.
    resolved: tuple[tuple[OpSpec, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class IfExp:
    test: Expr
    body: Expr
    orelse: Expr
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Keyword:
    name: str
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    func: Expr  # Name, or Attribute for methods and module functions
    args: tuple[Expr, ...]
    keywords: tuple[Keyword, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Subscript:
    value: Expr
    index: Expr
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Slice:
    value: Expr
    lower: Expr | None
    upper: Expr | None
    step: Expr | None
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class ListLit:
    elts: tuple[Expr, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class TupleLit:
    elts: tuple[Expr, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class SetLit:
    elts: tuple[Expr, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class DictLit:
    keys: tuple[Expr, ...]
    values: tuple[Expr, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class CompFor:
    target: Target
    iter: Expr
    conds: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Comprehension:
    kind: str  # list | set | dict | gen
    elt: Expr
    key: Expr | None  # dict comprehensions: key, elt is the value
    generators: tuple[CompFor, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class Lambda:
    params: tuple[str, ...]
    body: Expr
    span: Span
    ty: Type | None = None
    rust_params: tuple[str, ...] = ()
    # the enclosing variables the lambda took as defaults (`lambda v, i=i: v + i`): their
    # values when it is made, which a function value's copy is
    early: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FormattedValue:
    value: Expr
    conversion: str | None  # r | s | a
    spec: str | FString | None  # an FString when the spec holds nested fields (`{x:>{n}}`)
    span: Span


@dataclass(frozen=True, slots=True)
class FString:
    parts: tuple[str | FormattedValue, ...]
    span: Span
    ty: Type | None = None


def join_fstring_parts(parts: list[str | FormattedValue]) -> tuple[str | FormattedValue, ...]:
    """Adjacent texts joined, empty ones dropped: the canonical parts of an f-string."""
    merged: list[str | FormattedValue] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        elif p != "":
            merged.append(p)
    return tuple(merged)


# Typed-only nodes, made by infer.


@dataclass(frozen=True, slots=True)
class OpCall:
    """A call of an op of the op library, arguments bound to its parameters."""

    op: OpSpec
    args: tuple[tuple[str, Expr], ...]  # (parameter, argument) in signature order
    span: Span
    ty: Type | None = None
    # Rust types of the op's type variables, for `{T}` in templates.
    tvars: tuple[tuple[str, Type], ...] = ()


@dataclass(frozen=True, slots=True)
class KwSpread:
    """`f(..., **d)`: the dict `d`, evaluated once after the written arguments, and what
    CPython checks binding its keys (the run time's `pcrt::KwSpec`, in its order: a key
    repeating a written keyword, a key naming a parameter a positional argument fills, a
    key no parameter takes, required parameters left unfilled). The call's arguments
    that `d` may fill read it (`d["a"] if "a" in d else default`, the `**kwargs` dict
    of its other keys); they never raise once the check has passed."""

    value: Expr
    written: tuple[int, ...]  # the written arguments (indexes into the call's), in order
    func: str  # the function as CPython's binding errors name it (`C.__init__`)
    merged: str  # as its keyword-merging error names it (`mod.C`)
    before: tuple[str, ...]  # keywords written before `**d`
    after: tuple[str, ...]  # and after it
    named: tuple[str, ...]  # the parameters a keyword may fill
    by_position: tuple[str, ...]  # those the positional arguments fill
    posonly: tuple[str, ...]
    varkw: bool
    missing: tuple[str, ...]  # required positional parameters no written argument fills
    missing_kwonly: tuple[str, ...]  # required keyword-only ones
    # a method subclasses override, called on a value of a family (its dispatcher): the
    # name `func` for an object of each class, deepest first ((class, name), ...)
    by_class: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class UserCall:
    """A call of a function defined in the compiled module."""

    func: str
    args: tuple[Expr, ...]  # every parameter, in order, defaults filled
    span: Span
    ty: Type | None = None
    # A call of a function value (a `Callable[...]` parameter, `func` its name): the Name
    callee: Expr | None = None
    # The order CPython evaluates `args` in (indexes into `args`) where it is not theirs:
    # keyword arguments written in another order than the parameters (`f(b=g(), a=h())`)
    order: tuple[int, ...] = ()
    # `f(..., **d)`: the dict and its run-time binding
    spread: KwSpread | None = None


@dataclass(frozen=True, slots=True)
class Coerce:
    """An implicit conversion Python does without saying: int to float, T to T | None.
    `method`: a dynamic value converted to receive a call of that method, which only the
    target's class has (`AttributeError` when the value is of another class)."""

    value: Expr
    span: Span
    ty: Type | None = None
    method: str = ""


@dataclass(frozen=True, slots=True)
class DTypeLit:
    """A numpy dtype named in the source (`np.float32`, `dtype="int64"`): compile-time only."""

    name: str
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class SliceItem:
    """One `a:b:c` inside a multi-dimensional index (`x[:, 0]`)."""

    lower: Expr | None
    upper: Expr | None
    step: Expr | None
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class EllipsisLit:
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class NdIndex:
    """Basic numpy indexing: ints, slices, None (new axis) and `...`, typed by infer."""

    value: Expr
    items: tuple[Expr, ...]  # SliceItem | EllipsisLit | Const(None) | an int expression
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class SessionRun:
    """`session.run(output_names, {name: array, ...})`, checked against the model."""

    session: Expr
    output_names: tuple[str, ...] | None
    feeds: tuple[tuple[str, Expr], ...]
    span: Span
    ty: Type | None = None
    # `**d` items: (how many of `feeds` come before it, the dict of arrays)
    spreads: tuple[tuple[int, Expr], ...] = ()


@dataclass(frozen=True, slots=True)
class OutputTake:
    """One output of `session.run`, by constant index, as a typed array."""

    value: Expr
    index: int
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class DeferredTruth:
    """`bool(x)` for a value whose type is not known yet (an item of `[]` before its
    first append): resolved to a `truth` op once inference has finished."""

    value: Expr
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class IsInstance:
    value: Expr
    classes: tuple[str, ...]
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class FieldGet:
    """Reading an instance field: `p.x` (typed by infer from the class's fields)."""

    value: Expr
    cls: str
    attr: str
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class New:
    """`Point(1, 2)`: a new instance, then `__init__` (named by `init`, or none) on it."""

    cls: str
    init: str | None
    args: tuple[Expr, ...]  # __init__'s parameters after self, defaults filled
    span: Span
    ty: Type | None = None
    order: tuple[int, ...] = ()  # as `UserCall.order`
    spread: KwSpread | None = None  # as `UserCall.spread`


@dataclass(frozen=True, slots=True)
class EnumMember:
    """`Label.POS`: one member of an enum class."""

    cls: str
    member: str
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class EnumOp:
    """Enum operations the runtime cannot know: `.name`, `.value`, `Label(v)`, `Label[s]`,
    iteration over the class (`kind` names which)."""

    cls: str
    kind: str  # name | value | by_value | by_name | members
    arg: Expr | None
    span: Span
    ty: Type | None = None


@dataclass(frozen=True, slots=True)
class ObjIs:
    """`a is b` on instances: the same object."""

    left: Expr
    right: Expr
    span: Span
    ty: Type | None = None


Expr = (
    Const | Name | Attribute | BinOp | UnaryOp | BoolOp | Compare | IfExp | Call | Subscript |
    Slice | ListLit | TupleLit | SetLit | DictLit | Comprehension | Lambda | FString | OpCall |
    UserCall | Coerce | IsInstance | DTypeLit | SliceItem | EllipsisLit | NdIndex | SessionRun |
    OutputTake | DeferredTruth | FieldGet | New | EnumMember | EnumOp | ObjIs
)
# The expression classes, for a per-node test in the walks: `type(x) in EXPR_CLASSES` is
# one hash look-up where `isinstance(x, <the union's classes>)` tries each in turn.
EXPR_CLASSES: frozenset[type] = frozenset(Expr.__args__)  # type: ignore[attr-defined]

# ------------------------------------------------------------------- targets


@dataclass(frozen=True, slots=True)
class NameTarget:
    id: str
    span: Span
    ty: Type | None = None
    rust: str | None = None
    # After infer: this assignment declares the Rust variable (`let`).
    declare: bool = False


@dataclass(frozen=True, slots=True)
class TupleTarget:
    elts: tuple[Target, ...]
    span: Span
    ty: Type | None = None
    # `first, *rest = xs`: the index of the starred name (it takes a list of the rest)
    star: int | None = None


@dataclass(frozen=True, slots=True)
class SubscriptTarget:
    value: Expr
    index: Expr
    span: Span
    ty: Type | None = None
    op: OpSpec | None = None


@dataclass(frozen=True, slots=True)
class AttrTarget:
    """`obj.x = value`: assigning a declared field of an instance (or a property setter,
    named by `setter` after infer)."""

    value: Expr
    attr: str
    span: Span
    ty: Type | None = None
    cls: str | None = None
    setter: str | None = None


Target = NameTarget | TupleTarget | SubscriptTarget | AttrTarget

# ---------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True)
class Assign:
    targets: tuple[Target, ...]  # a = b = value has two
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class AugAssign:
    target: Target
    op: str
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ExprStmt:
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class If:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class While:
    test: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class For:
    target: Target
    iter: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Break:
    span: Span


@dataclass(frozen=True, slots=True)
class Continue:
    span: Span


@dataclass(frozen=True, slots=True)
class Return:
    value: Expr | None
    span: Span


@dataclass(frozen=True, slots=True)
class Raise:
    exc: str | None  # exception class name; None re-raises inside except
    # the message; with no `exc`, the exception value raised (`raise err`, after infer)
    message: Expr | None
    span: Span
    # The exception object `E(args)` as written (lower); after infer, the construction
    # (`New`) of the class holding an exception class's fields, or None if it has none.
    # `message`, `repr` and `args` then read it as `names.RAISED`. For a class of the
    # module without one, `raise E(x)`: `obj` is `x` and `args` the tuple `(x,)`.
    obj: Expr | None = None
    repr: Expr | None = None
    args: Expr | None = None


@dataclass(frozen=True, slots=True)
class Handler:
    classes: tuple[str, ...]  # empty: bare except (catches Exception)
    name: str | None
    body: tuple[Stmt, ...]
    span: Span
    rust_name: str | None = None


@dataclass(frozen=True, slots=True)
class Try:
    body: tuple[Stmt, ...]
    handlers: tuple[Handler, ...]
    orelse: tuple[Stmt, ...]
    finalbody: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Assert:
    test: Expr
    msg: Expr | None
    span: Span


@dataclass(frozen=True, slots=True)
class Pass:
    span: Span


@dataclass(frozen=True, slots=True)
class Del:
    target: Target
    span: Span


@dataclass(frozen=True, slots=True)
class Yield:
    """`yield value` (a statement: values sent into a generator are not compiled), or
    `yield from iterable` (`delegate`)."""

    value: Expr | None
    span: Span
    delegate: bool = False


Stmt = (
    Assign | AugAssign | ExprStmt | If | While | For | Break | Continue | Return | Raise | Try |
    Assert | Pass | Del | Yield
)

# -------------------------------------------------------------------- module


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    annotation: Type | None
    default: Expr | None
    span: Span
    annotation_span: Span | None = None
    # "" (positional or keyword), "posonly" (before `/`), "kwonly" (after `*` or `*args`),
    # "args" (`*args: T`, a list[T] here), "kwargs" (`**kwargs: T`, a dict[str, T])
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Cache:
    """`@functools.cache` / `@functools.lru_cache(maxsize=...)` on a function: one cache of
    results by arguments, shared by every call and thread."""

    maxsize: int | None  # None: unbounded
    span: Span


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    params: tuple[Param, ...]
    returns: Type | None
    body: tuple[Stmt, ...]
    doc: str | None
    span: Span
    is_entry: bool
    name_span: Span | None = None
    # After infer: every local's Rust name and type, in first-assignment order.
    locals: tuple[tuple[str, Type], ...] = ()
    # The body holds `yield`: calling the function makes a generator.
    is_generator: bool = False
    # Methods: the class whose body defines it, and its decorator (staticmethod,
    # classmethod, property, setter) or None.
    owner: str | None = None
    decorator: str | None = None
    cache: Cache | None = None
    # A nested function lifted to module level (pycomp.nested): its last parameters are
    # the enclosing function's variables it reads, typed by the calls.
    captured: tuple[str, ...] = ()
    # A nested function: the enclosing functions' variables it (or a function nested in
    # it) rebinds (`nonlocal`) or changes in place; the function binding one holds it in
    # a cell (pycomp.cells).
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldDef:
    """A field declared in a class body (`x: int` or `x: int = 0`), or, for a plain class,
    first assigned in `__init__` (`self.x = ...`)."""

    name: str
    annotation: Type | None
    default: Expr | None
    factory: str | None  # dataclasses.field(default_factory=NAME)
    span: Span


@dataclass(frozen=True, slots=True)
class ClassDef:
    """A class of the module. Its methods are module functions named `Class.method` with
    `owner` set; `lower` writes the methods dataclass and NamedTuple generate."""

    name: str
    kind: str  # class | dataclass | namedtuple | enum | intenum | strenum | strmixin
    base: str | None  # a class of the module, or None
    fields: tuple[FieldDef, ...]
    consts: tuple[Constant, ...]  # class attributes; enum members for enums
    methods: tuple[str, ...]  # the names of the methods this class body defines
    doc: str | None
    span: Span
    frozen: bool = False
    order: bool = False
    eq: bool = True
    abstract: bool = False  # derives from ABC
    # Fields replaced by a module-level resource (pycomp.shared_resources): (field, constant)
    shared: tuple[tuple[str, str], ...] = ()
    # the methods this class body declares with @abstractmethod (they compile to nothing)
    abstract_methods: tuple[str, ...] = ()
    # comparison methods returning NotImplemented when the other operand is not an instance
    # of the class: the `other: object` form guarded by `isinstance`, and those dataclass
    # and NamedTuple generate
    declining: tuple[str, ...] = ()
    # the class of each user-written declining method's guard (`isinstance(other, C)`):
    # (method, C); the generated ones decline for any other class than the object's
    guards: tuple[tuple[str, str], ...] = ()
    # the declining methods giving False, not NotImplemented, when the guard fails (`__eq__`
    # written `return isinstance(other, C) and ...`): no reflected method is asked then
    false_others: tuple[str, ...] = ()
    # the cell of a variable nested functions change (pycomp.cells): one field `v`
    cell: bool = False
    # a module variable's cell that, once set, is never None again (a lazily loaded model
    # or tokenizer, pycomp.globalcells): a test or an assignment narrows it for good
    once_set: bool = False
    # the names a plain class's `__slots__` lists (None: no `__slots__`)
    slots: tuple[str, ...] | None = None

    @property
    def is_enum(self) -> bool:
        return self.kind in ENUM_KINDS

    @property
    def str_enum(self) -> bool:
        """A `StrEnum` or a `(str, Enum)`: its members are strs (compared, hashed and
        ordered as their values, taking str's methods)."""
        return self.kind in ("strenum", "strmixin")

    def members(self) -> list[tuple[str, int | str]]:
        """An enum's members: (name, value), in definition order."""
        return [(k.name, k.value.value) for k in self.consts  # type: ignore[misc]
                if isinstance(k.value, Const) and isinstance(k.value.value, (int, str))]


# ClassDef kinds of enums: `Enum`, `IntEnum`, `StrEnum`, and `(str, Enum)`; whose members
# are values of their value's type (int, str), used as such where the class has no method
ENUM_KINDS = ("enum", "intenum", "strenum", "strmixin")
VALUE_ENUM_KINDS = ("intenum", "strenum", "strmixin")


@dataclass(frozen=True, slots=True)
class ExceptionDef:
    """An exception class of the module (`class ValidationError(ValueError): pass`): raised
    and caught by name; at run time a `pcrt::UserExc` static (docs/architecture.md,
    "Exception classes")."""

    name: str
    base: str  # a builtin exception class or an exception class defined above
    doc: str | None
    span: Span
    # The class (a `ClassDef`) holding its fields: its own, when its `__init__` stores
    # some, or its base's; None when it has none.
    state: str | None = None
    # Its args are the constructor call's (no `__init__` in its chain calls the builtin
    # class's): raised with positional arguments only.
    from_call: bool = False


@dataclass(frozen=True, slots=True)
class Constant:
    name: str
    value: Expr
    annotation: Type | None
    span: Span


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # math | typing | tokenizers | onnxruntime | numpy
    alias: str
    names: tuple[str, ...]  # from-imports
    span: Span


@dataclass
class Module:
    name: str
    file: str
    doc: str | None
    imports: list[Import] = field(default_factory=list)
    constants: list[Constant] = field(default_factory=list)
    functions: list[Function] = field(default_factory=list)
    # Module-level calls configuring a resource constant (`tokenizer.enable_padding()`),
    # in source order: they run once, when the resource is first used.
    setup: list[ExprStmt] = field(default_factory=list)
    # Files named by resource initialisers: (name in the bundle, absolute path).
    assets: list[tuple[str, str]] = field(default_factory=list)
    classes: list[ClassDef] = field(default_factory=list)
    exceptions: list[ExceptionDef] = field(default_factory=list)  # bases first

    def cls(self, name: str) -> ClassDef | None:
        for c in self.classes:
            if c.name == name:
                return c
        return None

    def exception(self, name: str) -> ExceptionDef | None:
        for x in self.exceptions:
            if x.name == name:
                return x
        return None

    def exception_fields(self, name: str) -> list[tuple[str, Type]] | None:
        """The fields a raised `name` carries to the host (docs/abi.md, `exceptions`): the
        user's fields of the class holding its object, in order; None without an object."""
        from pycomp.names import EXC_ARGS_FIELD, EXC_ARGS_REPR_FIELD, EXC_MESSAGE_FIELD

        x = self.exception(name)
        c = self.cls(x.state) if x is not None and x.state is not None else None
        if c is None:
            return None
        hidden = (EXC_ARGS_FIELD, EXC_ARGS_REPR_FIELD, EXC_MESSAGE_FIELD)
        return [(f.name, f.annotation) for f in c.fields
                if f.name not in hidden and f.annotation is not None]

    def builtin_base(self, name: str) -> str:
        """The builtin exception class that exception class `name` is or derives from."""
        x = self.exception(name)
        while x is not None:
            name = x.base
            x = self.exception(name)
        return name

    def function(self, name: str) -> Function | None:
        for f in self.functions:
            if f.name == name:
                return f
        return None
