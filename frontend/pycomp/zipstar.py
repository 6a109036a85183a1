"""`zip(*rows)`: where its tuples may be compiled as lists.

`zip(*rows)` yields tuples of `len(rows)` items, a length known only at run time.
Compiled code holds each of them as a list (ops `zip_star`, `unzip2`/`unzip3`), so
the program may only use them where a list and a tuple behave alike: iterated,
given to `len`/`sum`/`min`/`max`/`sorted`/`list`/`tuple`/`set`/`any`/`all`/`enumerate`/
`zip`/`reversed`/`str.join` or a `statistics` function, tested with `in` or for
truth, passed on as `*args`.
Printed, compared, sliced, indexed (a list's IndexError names the list) or stored
in a container, they would differ from CPython's, so that is E002 (at lowering).

Accepted shapes: `for col in zip(*rows)` and `for j, col in enumerate(zip(*rows))`
(in a loop or a comprehension),
`xs, ys = zip(*pairs)`, and `map(f, zip(*rows))` with `f` one of the builtins above
that give the same for a list and a tuple (`map(list, zip(*rows))`).

Anywhere else inside a function (`list(zip(*rows))`, `Counter(zip(*grams))`, `for a, b
in zip(*rows)`, `sorted(zip(*rows))`, or a `for` loop whose column escapes), the call is
read as `map(tuple, zip(*rows))` before typing: the same tuples, as tuples of any length
(`tuple[T, ...]`), which print, compare, index and hash as CPython's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink

# builtins whose result is the same for a list and a tuple of the same items
_MAPPED = {"list", "tuple", "sum", "min", "max", "sorted", "len", "set", "any", "all"}

_HELP = ("its items are tuples of any length, compiled as lists: iterate them "
         "(`for col in zip(*rows)`), unpack them (`xs, ys = zip(*pairs)`) or make lists "
         "or tuples of them (`[list(c) for c in zip(*rows)]`, `tuple(names)`, "
         "`list(map(tuple, zip(*rows)))`)")


def is_zip_star(e: object) -> bool:
    """`zip(*x)`: no other argument."""
    return (isinstance(e, ir.Call) and isinstance(e.func, ir.Name) and e.func.id == "zip"
            and not e.args and len(e.keywords) == 1 and e.keywords[0].name == "*")


def check_module(mod: ir.Module, sink: DiagnosticSink) -> None:
    """Report every `zip(*x)`, and every use of the tuples it gives, that compiled code
    could not run as CPython does; inside functions, first read the ones whose tuples
    escape as `map(tuple, zip(*x))`."""
    # the statistics functions read their data as any iterable: `statistics.mean(col)`
    stats = {i.alias for i in mod.imports if i.module == "statistics" and not i.names}
    stat_names = {n for i in mod.imports if i.module == "statistics" for n in i.names}
    readers = _Readers(stats, stat_names)
    for i, fn in enumerate(mod.functions):
        mod.functions[i] = _as_tuples(fn, readers)
    names = {c.name for c in mod.constants}
    if not {"map", "tuple", "zip"} & names:
        for i, c in enumerate(mod.constants):
            if any(is_zip_star(x) for x in ir.walk(c.value)):
                mod.constants[i] = dataclasses.replace(
                    c, value=_wrap(c.value, _escaping(c.value, readers)))
    for fn in mod.functions:
        _check_scope(fn.body, sink, readers)
    for c in mod.constants:
        _check_scope(c.value, sink, readers)
    for cls in mod.classes:
        _check_scope(cls.consts, sink, readers)


@dataclass(frozen=True)
class _Readers:
    """Module functions whose first argument is only iterated: `statistics` imported as
    `modules`, or its functions imported by name."""

    modules: set[str]
    names: set[str]

    def reads(self, call: ir.Call, x: ir.Name) -> bool:
        if not call.args or call.args[0] is not x:
            return False
        match call.func:
            case ir.Attribute(value=ir.Name(id=m)):
                return m in self.modules
            case ir.Name(id=n):
                return n in self.names
        return False


def _walk(root: object) -> Iterator[tuple[object, object, str]]:
    """(node, parent, the parent's field holding it), depth first."""
    stack: list[tuple[object, object, str]] = [(root, None, "")]
    while stack:
        x, parent, field = stack.pop()
        if isinstance(x, (tuple, list)):
            stack.extend((y, parent, field) for y in x)
            continue
        yield x, parent, field
        stack.extend((getattr(x, f), x, f) for f in ir.field_names(x) if f not in ("ty", "span"))


def _check_scope(root: object, sink: DiagnosticSink, readers: _Readers) -> None:
    if not any(is_zip_star(x) for x in ir.walk(root)):
        return  # the common case, in one walk without parents
    columns: set[str] = set()  # names bound to one of the tuples
    enumerated: dict[int, str] = {}  # `for i, col in enumerate(zip(*rows))`: id -> col
    for x, _, _ in _walk(root):
        if isinstance(x, (ir.For, ir.CompFor)):
            match x.target, x.iter:
                case (ir.TupleTarget(elts=(ir.NameTarget(), ir.NameTarget(id=col)), star=None),
                      ir.Call(func=ir.Name(id="enumerate"), args=(inner,), keywords=())
                      ) if is_zip_star(inner):
                    enumerated[id(inner)] = col
    found = False
    for x, parent, field in _walk(root):
        if not is_zip_star(x):
            continue
        found = True
        assert isinstance(x, ir.Call)
        names = {enumerated[id(x)]} if id(x) in enumerated else _bound_names(x, parent, field)
        if names is None and isinstance(parent, (ir.For, ir.CompFor)) and field == "iter":
            sink.error("E002", "unpacking the tuples of `zip(*...)` in a `for` target is not "
                               "supported", x.span,
                       help="bind each tuple to one name and unpack it in the body "
                            "(`for col in zip(*rows):` then `a, b = col`: CPython's "
                            "ValueError when the rows are not two)")
        elif names is None:
            sink.error("E002", "`zip(*...)` used this way is not supported", x.span,
                       help=_HELP)
        else:
            columns |= names
    if not found or not columns:
        return
    for x, parent, field in _walk(root):
        if isinstance(x, ir.Name) and x.id in columns and not _column_use(x, parent, field, readers):
            sink.error("E002", f"`{x.id}` (a tuple made by `zip(*...)`) used this way is "
                               "not supported", x.span, help=_HELP)


def _escaping(root: object, readers: _Readers) -> set[int]:
    """The ids of the `zip(*x)` calls under `root` whose tuples escape: placed where they
    are not iterated or unpacked into names, or iterated into a name some use of which
    tells a list from a tuple."""
    enumerated: set[int] = set()
    loops: dict[str, list[int]] = {}  # column name -> the calls binding it in a `for`
    found: list[int] = []
    for x, parent, field in _walk(root):
        if isinstance(x, (ir.For, ir.CompFor)):
            match x.target, x.iter:
                case (ir.TupleTarget(elts=(ir.NameTarget(), ir.NameTarget()), star=None),
                      ir.Call(func=ir.Name(id="enumerate"), args=(inner,), keywords=())
                      ) if is_zip_star(inner):
                    enumerated.add(id(inner))
        if not is_zip_star(x) or id(x) in enumerated:
            continue
        names = _bound_names(x, parent, field)  # type: ignore[arg-type]
        if names is None and not (isinstance(parent, (ir.For, ir.CompFor)) and
                                  field == "iter"):
            # (`for a, b in zip(*rows)`: unpacking a tuple of any length is E030)
            found.append(id(x))
        elif names is not None and isinstance(parent, (ir.For, ir.CompFor)) and \
                len(names) == 1:
            loops.setdefault(next(iter(names)), []).append(id(x))
    if loops:
        for x, parent, field in _walk(root):
            if isinstance(x, ir.Name) and x.id in loops and \
                    not _column_use(x, parent, field, readers):
                found.extend(loops.pop(x.id))
                if not loops:
                    break
    return set(found)


def _as_tuples(fn: ir.Function, readers: _Readers) -> ir.Function:
    """`fn` with each escaping `zip(*x)` of its body read as `map(tuple, zip(*x))`, unless
    the function binds `map` or `tuple` itself."""
    if not any(is_zip_star(x) for x in ir.walk(fn.body)):
        return fn
    bound = {x.id for x in ir.walk(fn.body) if isinstance(x, ir.NameTarget)} | \
        {p.name for p in fn.params}
    if {"map", "tuple", "zip"} & bound:
        return fn
    targets = _escaping(fn.body, readers)
    if not targets:
        return fn
    return dataclasses.replace(fn, body=_wrap(fn.body, targets))


def _wrap(root: Any, targets: set[int]) -> Any:
    """`root` with each call whose id is in `targets` wrapped in `map(tuple, ...)`."""

    def rewrite(node: Any) -> Any:
        if isinstance(node, tuple):
            new = tuple(rewrite(y) for y in node)
            return node if all(a is b for a, b in zip(new, node, strict=True)) else new
        if isinstance(node, list):
            return [rewrite(y) for y in node]
        if id(node) in targets:
            sp = node.span
            return ir.Call(ir.Name("map", sp), (ir.Name("tuple", sp), node), (), sp)
        if not dataclasses.is_dataclass(node) or isinstance(node, type) or \
                not ir.field_names(node):
            return node
        return ir.map_fields(node, rewrite)

    return rewrite(root) if targets else root


def _column_use(x: ir.Name, parent: object, field: str, readers: _Readers) -> bool:
    """A use where a list and a tuple of the same items behave alike. Indexed only by
    `0` or `-1`: a tuple of `zip(*rows)` always has an item (no rows, no tuples), and
    any other index could raise a list's IndexError ('list index out of range')."""
    from pycomp.lower import _tuple_like_use

    if isinstance(parent, ir.Subscript):
        return field == "value" and _first_or_last(parent.index)
    if isinstance(parent, ir.Call) and readers.reads(parent, x):
        return True
    if isinstance(parent, ir.Call) and isinstance(parent.func, ir.Name) and \
            parent.func.id in ("map", "filter") and field == "args" and \
            len(parent.args) == 2 and parent.args[1] is x:
        return True
    return _tuple_like_use(parent, field)


def _first_or_last(index: object) -> bool:
    match index:
        case ir.Const(value=int() as v) if type(v) is int:
            return v in (0, -1)
        case ir.UnaryOp(op="neg", operand=ir.Const(value=int() as v)) if type(v) is int:
            return v == 1
    return False


def _bound_names(call: ir.Call, parent: object, field: str) -> set[str] | None:
    """The names a well-placed `zip(*x)` binds its tuples to, or None if it is placed
    where its tuples would escape."""
    match parent:
        case ir.For(target=target) | ir.CompFor(target=target) if field == "iter":
            # (`for a, b in zip(*rows)` would unpack a list: E030 in infer, so not here)
            return {target.id} if isinstance(target, ir.NameTarget) else None
        case ir.Assign(targets=(ir.TupleTarget(elts=elts, star=None),)) if field == "value":
            if all(isinstance(t, ir.NameTarget) for t in elts):
                return {t.id for t in elts if isinstance(t, ir.NameTarget)}
            return None
        case ir.Call(func=ir.Name(id="map"), args=(ir.Name(id=f), second), keywords=()) \
                if field == "args" and second is call and f in _MAPPED:
            return set()
    return None
