"""Iterators handed to the host and class instances: E100 where one could hold an instance;
likewise the fields of an exception class, which travel with the exception (`Send + Sync`).

A compiled generator (`pcrt::Gen`) is not `Send`: its body may hold class instances
(`pcrt::Instance`, an `Rc`, docs/architecture.md "Objects"), and a generator made and
consumed inside one call never leaves that call's thread. An entry point that returns an
iterator gives its generator to the host, which may advance it from another thread
(Python releases the GIL, Node runs calls on worker threads). The runtime's iterator
handle (`templates/runtime/iter_abi.rs`) relies on this check: an entry point's iterator
whose code could reach an instance is refused here, before any Rust is written.

"Could reach" is decided over the call graph: the entry point and every module function
it calls, directly or through other functions, constructors and methods. If any of them
has a parameter, result, local or expression whose type holds an instance of a (non-enum)
class, the iterator may capture one. Enum members are plain `Copy` values.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink
from pycomp.names import EXC_ARGS_FIELD
from pycomp.types import (
    ClassT,
    DequeT,
    DictT,
    GenT,
    IterT,
    ListT,
    OptionalT,
    SetT,
    TupleT,
    Type,
    plain_value,
)

HELP = ("return a list instead (`[... for ...]`, or collect the items and `return` them "
        "in place of `yield`): the host may advance an iterator from another thread, and "
        "a compiled class instance stays on the thread that made it")


def _holds(t: Type, leaf: Callable[[Type], bool]) -> bool:
    """Whether `t` or a type it holds (items, keys, values) is one `leaf` accepts."""
    if leaf(t):
        return True
    match t:
        case ListT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x):
            return _holds(x, leaf)
        case DictT(k, v):
            return _holds(k, leaf) or _holds(v, leaf)
        case TupleT(items):
            return any(_holds(i, leaf) for i in items)
    return False


def _holds_object(t: Type) -> bool:
    """Whether a value of type `t` may hold a shared class instance (not an enum member)."""
    return _holds(t, lambda u: isinstance(u, ClassT) and not u.enum)


def _touches_objects(fn: ir.Function) -> bool:
    if fn.returns is not None and _holds_object(fn.returns):
        return True
    if any(p.annotation is not None and _holds_object(p.annotation) for p in fn.params):
        return True
    if any(_holds_object(t) for _, t in fn.locals):
        return True
    return any((t := getattr(n, "ty", None)) is not None and _holds_object(t)
               for n in ir.walk(fn.body))


def _callees(fn: ir.Function, names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in ir.walk(fn.body):
        match n:
            case ir.UserCall(func=f):
                out.add(f)
            case ir.New(init=init) if init is not None:
                out.add(init)
            case ir.Name(id=i) if i in names:
                out.add(i)
    return out


def check_generator_values(mod: ir.Module, sink: DiagnosticSink) -> None:
    """E100 at each entry point returning an iterator whose code could reach a class
    instance."""
    fns = {f.name: f for f in mod.functions}
    names = set(fns)
    touches: dict[str, bool] = {}
    for entry in mod.functions:
        if not entry.is_entry or not isinstance(entry.returns, GenT):
            continue
        seen: set[str] = set()
        todo = [entry.name]
        culprit: ir.Function | None = None
        while todo and culprit is None:
            f = fns.get(todo.pop())
            if f is None or f.name in seen:
                continue
            seen.add(f.name)
            if f.name not in touches:
                touches[f.name] = _touches_objects(f)
            if touches[f.name]:
                culprit = f
                break
            todo.extend(_callees(f, names))
        if culprit is None:
            continue
        via = "" if culprit is entry else f" (through `{culprit.name}`)"
        sink.error("E100", f"an iterator returned to the host that may hold an instance of a "
                           f"class{via} is not supported", entry.name_span or entry.span,
                   help=HELP)


def check_exception_fields(mod: ir.Module, sink: DiagnosticSink) -> None:
    """E100 at each field of an exception class that could hold a class instance or a
    generator: an exception's fields are copied into the `pcrt::PyErr`, which may be kept
    by a module-level resource and handed to any thread, so they must be `Send + Sync`."""
    own = {x.state for x in mod.exceptions if x.state == x.name}
    for c in mod.classes:
        if c.name not in own:
            continue
        for f in c.fields:
            t = f.annotation
            if t is not None and _holds(t, lambda u: isinstance(u, (GenT, IterT)) or (
                    isinstance(u, ClassT) and not u.enum)):
                sink.error("E100", f"the field `{c.name}.{f.name}` of type `{t}` in an "
                                   "exception class is not supported", f.span,
                           help="store plain values in an exception (numbers, strings, "
                                "containers of them): it is copied into the raised "
                                "exception, which may cross threads; store what you need "
                                "of the object")
    for fn in mod.functions:
        if fn.owner not in own:
            continue
        for st in fn.body:  # the args `lower_classes._exception_args` stores
            if isinstance(st, ir.Assign) and isinstance(st.value, ir.Coerce) and any(
                    isinstance(t, ir.AttrTarget) and t.attr == EXC_ARGS_FIELD
                    for t in st.targets) and st.value.value.ty is not None and \
                    not plain_value(st.value.value.ty):
                sink.error("E100", f"an exception's args holding a `{st.value.value.ty}` are "
                                   "not supported", st.span,
                           help="give `super().__init__(...)` plain values (numbers, "
                                "strings, containers of them), such as `str(obj)`: they "
                                "travel with the raised exception, which may cross threads")
