"""`collections` types: `Counter`, `defaultdict` and `OrderedDict` are dicts whose
type remembers the subclass (`DictT.kind`; their ops are in opslib/collections.toml).

A defaultdict is compiled only with a factory whose value is its value type's empty
value (`int`, `float`, `bool`, `str`, `list`, `set`, `dict`, `Counter`, `OrderedDict`,
`lambda: defaultdict(int)`): a missing key then reads as that type's
`Default::default()`, and the annotation `defaultdict[str, list[int]]` alone says what
the factory is.

The classes nest in other values (`list[Counter[str]]`); as they share the dict's Rust
map, the ops that would show or compare a nested one as a plain dict are refused
(`check_observed`).
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
    VarTupleT,
    has_dyn,
    has_tvars,
)

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer, Inferrer

KINDS = ("Counter", "defaultdict", "OrderedDict")
FACTORIES = ("int", "float", "bool", "str", "list", "set", "dict")


def zero_factory(value: Type) -> bool:
    """Whether a defaultdict with values of this type has a factory making its empty
    value: a builtin (`int`, ..., `dict`), `Counter`, `OrderedDict`, or a lambda making
    an inner defaultdict (`lambda: defaultdict(int)`)."""
    return isinstance(value, (IntT, FloatT, BoolT, StrT, ListT, SetT, DictT))


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
            return ("a defaultdict's values must be int, float, bool, str, list, set, dict, "
                    "Counter, OrderedDict or defaultdict (made by that factory)")
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
    """`defaultdict(list)`, `defaultdict(Counter)`, `defaultdict(lambda: defaultdict(int))`:
    an empty dict whose missing keys take the factory's value (the value type's
    `Default`: each of these factories makes its type's empty value)."""
    span = e.span
    factory = e.args[0] if len(e.args) == 1 and not e.keywords else None
    value = _factory_value(inf, factory) if factory is not None else None
    if value is None:
        inf.sink.error("E030", "a defaultdict is compiled with the factory int, float, bool, "
                               "str, list, set, dict, Counter, OrderedDict or "
                               "`lambda: defaultdict(...)`, and no other argument", span,
                       help="write `defaultdict(list)`; for other defaults use "
                            "`d.setdefault(key, default)` or `d.get(key, default)`")
        return ir.Const(None, span, DictT(INT, INT, "defaultdict"))
    t = DictT(inf.subst.fresh(), value, "defaultdict")
    if expected is not None:
        inf.subst.unify(t, expected)
    return ir.DictLit((), (), span, t)


def _factory_value(inf: FunctionInferrer, factory: ir.Expr) -> Type | None:
    """The value type a defaultdict factory makes; None for a factory not compiled (its
    value would not be the type's `Default`, or its repr would show a function)."""
    fresh = inf.subst.fresh
    if isinstance(factory, ir.Lambda) and not factory.params and isinstance(
            factory.body, ir.Call):
        # `lambda: defaultdict(int)`: the call makes an empty map and nothing else, so
        # calling it at each missing key is the map's `Default`
        call = factory.body
        made = inf.qualified_name(call.func)
        if made == "collections.defaultdict":
            inner = call.args[0] if len(call.args) == 1 and not call.keywords else None
            value = _factory_value(inf, inner) if inner is not None else None
            return DictT(fresh(), value, "defaultdict") if value is not None else None
        # (not `lambda: Counter()`: its defaultdict's repr would name the lambda where
        # the value type says `<class 'collections.Counter'>`)
        return None
    if isinstance(factory, ir.Name) and factory.id in FACTORIES and factory.id not in inf.vars:
        scalars: dict[str, Type] = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR}
        if factory.id in scalars:
            return scalars[factory.id]
        if factory.id == "list":
            return ListT(fresh())
        if factory.id == "set":
            return SetT(fresh())
        return DictT(fresh(), fresh())
    made = inf.qualified_name(factory)
    if made == "collections.Counter":
        return DictT(fresh(), INT, "Counter")
    if made == "collections.OrderedDict":
        return DictT(fresh(), fresh(), "OrderedDict")
    return None


def nested_kind(t: Type) -> DictT | None:
    """The first Counter, defaultdict or OrderedDict held inside another value's type
    (a list's item, a dict's value, a tuple's field): these share the dict's Rust map,
    so the container's `repr`/`==` would show and compare them as plain dicts."""
    match t:
        case ListT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x) | VarTupleT(x):
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


# The kinds whose `==` is not a dict's: a Counter's missing keys count 0, two
# OrderedDicts compare their order too (a defaultdict compares as its dict).
_OWN_EQ = ("Counter", "OrderedDict")


def _compared_kind(t: Type, own_op: bool) -> DictT | None:
    """The Counter or OrderedDict in `t` whose `==` an op comparing `t` values would not
    apply: a nested one, or `t` itself unless the op is the kind's own (`c1 == c2`)."""
    if isinstance(t, DictT) and t.kind in _OWN_EQ and not own_op:
        return t
    match t:
        case ListT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x) | VarTupleT(x):
            return _compared_kind(x, False)
        case DictT(_, v):
            return _compared_kind(v, False)
        case TupleT(items):
            return next((k for x in items if (k := _compared_kind(x, False)) is not None),
                        None)
    return None


def kinds_marker(t: Type) -> str:
    """The Rust marker type naming where collections classes sit in a `t` value
    (templates/runtime/collections.rs `KindShape`): `pcrt::KList<pcrt::KCounter>` for
    `list[Counter[str]]`; `pcrt::KPlain` for a part holding none (its own traits)."""
    if kinds_marker_free(t):
        return "pcrt::KPlain"
    match t:
        case ListT(x):
            return f"pcrt::KList<{kinds_marker(x)}>"
        case DequeT(x):
            return f"pcrt::KDeque<{kinds_marker(x)}>"
        case OptionalT(x):
            return f"pcrt::KOpt<{kinds_marker(x)}>"
        case TupleT(items):
            return f"pcrt::KTuple{len(items)}<{', '.join(kinds_marker(x) for x in items)}>"
        case DictT(_, _, "Counter"):
            return "pcrt::KCounter"
        case DictT(_, v, "OrderedDict"):
            return f"pcrt::KOrdered<{kinds_marker(v)}>"
        case DictT(_, v, "defaultdict"):
            return f"pcrt::KDefault<{kinds_marker(v)}>"
        case DictT(_, v):
            return f"pcrt::KDict<{kinds_marker(v)}>"
    raise ValueError(f"no kinds marker for {t}")


def _shaped(t: Type) -> str | None:
    """Why a value holding collections classes has no `kinds_marker`; None when it has."""
    match t:
        case VarTupleT() | SetT() | IterT() | GenT():
            return f"a `{t}` holding a collections class is not shown nor compared " \
                   "(make a list of it first)"
        case TupleT(items) if len(items) > 6:
            return "a tuple of more than 6 fields holding a collections class is not " \
                   "shown nor compared"
        case DictT(_, DictT(kind="defaultdict"), "defaultdict"):
            # its factory is a lambda, whose repr names a function and an address
            return "the repr of a defaultdict made by `lambda: defaultdict(...)` shows the " \
                   "lambda (an address), which is not compiled; print `dict(d)` or its items"
    for part in _parts(t):
        why = _shaped(part)
        if why is not None:
            return why
    return None


def _parts(t: Type) -> tuple[Type, ...]:
    match t:
        case ListT(x) | DequeT(x) | OptionalT(x) | VarTupleT(x) | SetT(x):
            return (x,)
        case DictT(k, v):
            return (k, v)
        case TupleT(items):
            return items
    return ()


def nested_text(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """Typing hook of `repr`/`str` of a value holding a Counter, defaultdict or
    OrderedDict (in a list, a tuple, a dict's value): shown by its `kinds_marker`, as
    CPython shows each class. None (the op does not apply) for other values."""
    t = types["x"]
    if has_tvars(t) or nested_kind(t) is None:
        return None
    return _shaped(t) or STR


def nested_eq(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """Typing hook of `==`/`!=` of values holding collections classes: compared by
    their `kinds_marker` (a Counter's missing keys count 0, an OrderedDict's order
    counts)."""
    t = types["a"]
    if has_tvars(t) or nested_kind(t) is None:
        return None
    return _shaped(t) or BOOL


def nested_in(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """Typing hook of `x in xs` of a list whose items are or hold collections classes."""
    t = types["x"]
    if has_tvars(t) or kinds_marker_free(t):
        return None
    return _shaped(t) or BOOL


def kinds_marker_free(t: Type) -> bool:
    """Whether `t` neither is nor holds a collections class (its marker is `KPlain`)."""
    return nested_kind(t) is None and not (isinstance(t, DictT) and t.kind)


def check_observed(inf: Inferrer, call: ir.OpCall) -> None:
    """E030 for an op that would show a nested Counter, defaultdict or OrderedDict as a
    plain dict: `repr`/`str`/`format` of a value holding one (`print(counts)` of a
    `list[Counter[str]]`), `==`, `in`, `list.index` comparing values holding a Counter or
    OrderedDict. Everything else (item access, methods, iteration) keeps the kind, as the
    item's type does."""
    name = call.op.name
    if call.op.typing.startswith("pycomp.pycollections:"):
        return  # shown or compared by its kinds marker
    args = dict(call.args)
    held: DictT | None = None
    if name in ("str", "repr", "format") and args:
        t = next(iter(args.values())).ty
        held = nested_kind(inf.subst.resolve(t)) if t is not None else None
        what = "shows"
        fix = "format the items one by one (`\", \".join(repr(c) for c in counts)`), " \
              "or convert them to plain dicts first (`[dict(c) for c in counts]`)"
    elif name in ("==", "!=", "in", "not in") or name.endswith((".index", ".count", ".remove")):
        own = call.op.file == "collections.toml"
        for k, a in args.items():
            if k != "self" and a.ty is not None:
                held = _compared_kind(inf.subst.resolve(a.ty), own)
                if held is not None:
                    break
        what = "compares"
        fix = "compare the items one by one (a Counter's missing keys count 0, " \
              "an OrderedDict's order counts), or compare plain dicts (`dict(c)`)"
    if held is None or call.span in inf.compare_reported:
        return
    inf.compare_reported.add(call.span)
    article = "an" if held.kind == "OrderedDict" else "a"
    inf.sink.error("E030", f"`{name}` {what} {article} {held.kind} held inside another value "
                           "as a plain dict, which is not compiled", call.span, help=fix)


def check_dynamic(inf: Inferrer, coerce: ir.Coerce) -> None:
    """E030 for a Counter, defaultdict or OrderedDict (or a value holding one) made a
    dynamic value (an `Any`/`object` slot, a mixed list): `pcrt::Obj` has no such
    classes, so it would be a plain dict there (its repr, its missing keys)."""
    t = inf.subst.resolve(coerce.ty) if coerce.ty is not None else None
    src = coerce.value.ty
    if t is None or src is None or not has_dyn(t):
        return
    src = inf.subst.resolve(src)
    held = src if isinstance(src, DictT) and src.kind else nested_kind(src)
    if held is None or coerce.span in inf.compare_reported or coerce.span in inf.dict_as_is:
        return
    inf.compare_reported.add(coerce.span)
    inf.sink.error("E030", f"a {held.kind} made a dynamic value (`Any`, `object`, a mixed "
                           "list) would be a plain dict there, which is not compiled",
                   coerce.span, help="store a plain dict (`dict(c)`), or keep the "
                                     f"{held.kind} in a variable of its declared type")


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
