"""`collections` types: `Counter`, `defaultdict` and `OrderedDict` are dicts whose
type remembers the subclass (`DictT.kind`; their ops are in opslib/collections.toml).

A defaultdict is compiled only with a factory whose value is its value type's zero
(`int`, `float`, `bool`, `str`, `list`, `set`, `dict`): a missing key then reads as
that type's `Default::default()`, and the annotation `defaultdict[str, list[int]]`
alone says what the factory is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.types import (
    BOOL,
    FLOAT,
    INT,
    STR,
    BoolT,
    DequeT,
    DictT,
    FloatT,
    GenT,
    IntT,
    IterT,
    ListT,
    OptionalT,
    SetT,
    StrT,
    TupleT,
    Type,
)

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer

KINDS = ("Counter", "defaultdict", "OrderedDict")
FACTORIES = ("int", "float", "bool", "str", "list", "set", "dict")


def zero_factory(value: Type) -> bool:
    """Whether a defaultdict with values of this type has a builtin factory."""
    return isinstance(value, (IntT, FloatT, BoolT, StrT, ListT, SetT)) or (
        isinstance(value, DictT) and not value.kind)


def annotation(head: str, args: list[Type]) -> Type | str | None:
    """The type an annotation `Counter[str]`, `defaultdict[str, list[int]]`,
    `OrderedDict[str, int]` or `deque[float]` stands for; a message when it is malformed; None for
    other heads."""
    base = head.split(".")[-1]
    if base == "Counter":
        if len(args) != 1:
            return "a Counter takes its key type: `Counter[str]`"
        return DictT(args[0], INT, "Counter")
    if base in ("defaultdict", "DefaultDict"):
        if len(args) != 2:
            return "a defaultdict takes key and value types: `defaultdict[str, list[int]]`"
        if not zero_factory(args[1]):
            return ("a defaultdict's values must be int, float, bool, str, list, set or dict "
                    "(made by that factory)")
        return DictT(args[0], args[1], "defaultdict")
    if base == "OrderedDict":
        if len(args) != 2:
            return "an OrderedDict takes key and value types: `OrderedDict[str, int]`"
        return DictT(args[0], args[1], "OrderedDict")
    if base in ("deque", "Deque"):
        if len(args) != 1:
            return "a deque takes its item type: `deque[int]`"
        return DequeT(args[0])
    return None


def defaultdict_call(inf: FunctionInferrer, e: ir.Call, expected: Type | None) -> ir.Expr:
    """`defaultdict(list)`: an empty dict whose missing keys take the factory's value."""
    span = e.span
    factory = e.args[0] if len(e.args) == 1 and not e.keywords else None
    name = factory.id if isinstance(factory, ir.Name) and factory.id not in inf.vars else None
    if name not in FACTORIES:
        inf.sink.error("E030", "a defaultdict is compiled with the factory int, float, bool, "
                               "str, list, set or dict, and no other argument", span,
                       help="write `defaultdict(list)`; for other defaults use "
                            "`d.setdefault(key, default)` or `d.get(key, default)`")
        return ir.Const(None, span, DictT(INT, INT, "defaultdict"))
    fresh = inf.subst.fresh
    scalars: dict[str, Type] = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR}
    value: Type
    if name in scalars:
        value = scalars[name]
    elif name == "list":
        value = ListT(fresh())
    elif name == "set":
        value = SetT(fresh())
    else:
        value = DictT(fresh(), fresh())
    t = DictT(fresh(), value, "defaultdict")
    if expected is not None:
        inf.subst.unify(t, expected)
    return ir.DictLit((), (), span, t)


def nested_kind(t: Type) -> DictT | None:
    """A Counter, defaultdict or OrderedDict held inside another value's type: there
    it would print, compare and copy as a plain dict (`Vec`, tuples and dict values
    use the map's own `repr`/`==`)."""
    match t:
        case ListT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x):
            return x if isinstance(x, DictT) and x.kind else nested_kind(x)
        case DictT(k, v):
            for x in (k, v):
                if isinstance(x, DictT) and x.kind:
                    return x
                found = nested_kind(x)
                if found is not None:
                    return found
        case TupleT(items):
            for x in items:
                if isinstance(x, DictT) and x.kind:
                    return x
                found = nested_kind(x)
                if found is not None:
                    return found
    return None


def check_deque_loop(inf: FunctionInferrer, it: ir.Expr, body: tuple[ir.Stmt, ...]) -> None:
    """E050 for a `for` loop over a deque that its body changes in place: CPython's deque
    iterator raises `RuntimeError: deque mutated during iteration` at its next step, the
    compiled loop would walk on over its own copy."""
    if not (isinstance(it, ir.Name) and isinstance(inf.subst.resolve(it.ty),  # type: ignore[arg-type]
                                                   DequeT)):
        return
    for node in ir.walk(body):
        if isinstance(node, ir.OpCall) and "self" in node.op.mutated:
            recv = dict(node.args).get("self")
            if isinstance(recv, ir.Name) and recv.id == it.id:
                inf.sink.error("E050", f"`{it.id}` is changed in place while a `for` loop "
                                       "iterates over it", node.span,
                               help="CPython raises `RuntimeError: deque mutated during "
                                    f"iteration` here; iterate over a copy (`for x in "
                                    f"list({it.id}):`) or take items with `while {it.id}: "
                                    f"x = {it.id}.popleft()`")
                return
