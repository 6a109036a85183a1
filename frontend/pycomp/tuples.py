"""Tuple operations whose result the tuple's fixed shape decides at compile time.

A compiled tuple is a Rust tuple: its arity and item types are part of its
type. `len(t)`, `t[1:]`, `a + b` and `t * 2` are therefore known shapes,
built here as tuple literals of the items; operations that pick an item by a
run-time value (`t[i]`, `x in t`, `t.index(x)`, `t.count(x)`) need a
homogeneous tuple and see it as a list of its items. A tuple that is not a
plain name or literal is read item by item, so these forms need it held by a
name (CPython evaluates it once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.diagnostics import Span
from pycomp.types import INT, ErrT, ListT, TupleT, Type

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer


def _pure(e: ir.Expr) -> bool:
    return isinstance(e, (ir.Name, ir.Const)) or isinstance(e, ir.TupleLit) and all(
        _pure(x) for x in e.elts)


def items(obj: ir.Expr, t: TupleT, span: Span) -> list[ir.Expr]:
    """The items of a tuple expression, each read by position."""
    if isinstance(obj, ir.TupleLit):
        return list(obj.elts)
    return [ir.Subscript(obj, ir.Const(i, span, INT), span, it) for i, it in enumerate(t.items)]


def _needs_name(fi: FunctionInferrer, obj: ir.Expr) -> ir.Expr:
    fi.sink.error("E030", "this tuple operation needs the tuple held by a name", obj.span,
                  help="assign the tuple to a name first: `t = ...`")
    return ir.Const(None, obj.span, ErrT())


def homogeneous(fi: FunctionInferrer, t: TupleT) -> Type | None:
    if not t.items:
        return None
    first = t.items[0]
    return first if all(fi.subst.unify(x, first) for x in t.items[1:]) else None


def as_list(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, span: Span) -> ir.Expr | None:
    """A homogeneous tuple as the list of its items, or None (with a diagnostic)."""
    item = homogeneous(fi, t)
    if item is None:
        fi.sink.error("E030", f"`{t}` mixes item types; only a tuple of one item type can be "
                              "indexed by a value, searched or counted", span,
                      help="index it by constants, or use a list")
        return None
    if not _pure(obj):
        _needs_name(fi, obj)
        return None
    return ir.ListLit(tuple(items(obj, t, span)), span, ListT(item))


def length(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, span: Span) -> ir.Expr:
    if not _pure(obj):
        return _needs_name(fi, obj)
    return ir.Const(len(t.items), span, INT)


def getitem(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, index: ir.Expr, span: Span
            ) -> ir.Expr:
    """`t[i]` with `i` known only at run time."""
    view = as_list(fi, obj, t, span)
    if view is None:
        return ir.Const(None, span, ErrT())
    return fi.resolve_op("tuple.__getitem__", [view, index], {}, span)


def method(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, name: str, args: list[ir.Expr],
           kwargs: dict[str, ir.Expr], span: Span) -> ir.Expr:
    """`t.count(x)`, `t.index(x)`."""
    view = as_list(fi, obj, t, span)
    if view is None:
        return ir.Const(None, span, ErrT())
    op = "list.count" if name == "count" else f"tuple.{name}"
    return fi.resolve_op(op, [view, *args], kwargs, span, method=True)


def contains(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, needle: ir.Expr, span: Span
             ) -> ir.Expr:
    """`x in t`."""
    view = as_list(fi, obj, t, span)
    if view is None:
        return ir.Const(None, span, ErrT())
    return fi.resolve_op("in", [view, needle], {}, span)


def constant_bounds(bounds: list[ir.Expr | None]) -> list[int | None] | None:
    """The values of a slice's bounds written as int literals (None: omitted), or None
    when one is computed."""
    values: list[int | None] = []
    for b in bounds:
        if b is None or isinstance(b, ir.Const) and b.value is None:
            values.append(None)
        elif isinstance(b, ir.Const) and isinstance(b.value, int) and not isinstance(
                b.value, bool):
            values.append(b.value)
        elif isinstance(b, ir.UnaryOp) and b.op == "neg" and isinstance(b.operand, ir.Const) \
                and isinstance(b.operand.value, int):
            values.append(-b.operand.value)
        else:
            return None
    return values


def slice_(fi: FunctionInferrer, obj: ir.Expr, t: TupleT, bounds: list[ir.Expr | None],
           span: Span) -> ir.Expr:
    """`t[a:b:c]` with constant bounds: the tuple of the selected items."""
    values = constant_bounds(bounds)
    if values is None:
        fi.sink.error("E030", "a tuple is sliced by constants", span,
                      help="the slice's length is part of the result's type; use a list "
                           "for slices computed at run time")
        return ir.Const(None, span, ErrT())
    if values[2] == 0:
        fi.sink.error("E030", "this slice always raises: slice step cannot be zero", span)
        return ir.Const(None, span, ErrT())
    if not _pure(obj):
        return _needs_name(fi, obj)
    picked = list(range(len(t.items)))[slice(*values)]
    all_items = items(obj, t, span)
    chosen = [all_items[i] for i in picked]
    return ir.TupleLit(tuple(chosen), span, TupleT(tuple(t.items[i] for i in picked)))


def concat(fi: FunctionInferrer, a: ir.Expr, at: TupleT, b: ir.Expr, bt: TupleT, span: Span
           ) -> ir.Expr:
    """`a + b` of tuples."""
    if not (_pure(a) and _pure(b)):
        return _needs_name(fi, a if not _pure(a) else b)
    elts = items(a, at, span) + items(b, bt, span)
    return ir.TupleLit(tuple(elts), span, TupleT(at.items + bt.items))


def repeat(fi: FunctionInferrer, a: ir.Expr, at: TupleT, n: ir.Expr, span: Span) -> ir.Expr:
    """`t * k` with a constant `k`."""
    if not (isinstance(n, ir.Const) and isinstance(n.value, int)):
        fi.sink.error("E030", "a tuple is repeated by a constant", span,
                      help="the result's length is part of its type; use a list")
        return ir.Const(None, span, ErrT())
    if not _pure(a):
        return _needs_name(fi, a)
    k = max(0, n.value)
    return ir.TupleLit(tuple(items(a, at, span) * k), span, TupleT(at.items * k))
