"""setorder: W006 where code observes the order of a set of numbers.

A compiled set keeps its items in insertion order. CPython's set iterates in the
order of its hash table, which for strings changes from process to process (hash
randomisation: any order is one CPython may show) but for ints, floats, bools
and tuples of them is fixed by the values and the set's history: `list({3, 1,
2})` is `[1, 2, 3]` in CPython and `[3, 1, 2]` compiled. Following CPython's table
through every operation is not done (docs/language.md, Sets); this pass reports
each place the typed code walks such a set in an order it can observe: a `for`
loop or comprehension over it, or an op other than those whose result does not
depend on the order (`len`, `in`, `sorted`, `min`, `max`, set algebra, ...).
Sets crossing the ABI are rebuilt by the host's CPython, in its own order.
"""

from __future__ import annotations

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.types import BoolT, FloatT, IntT, SetT, TupleT, Type

# ops whose result does not depend on the order they meet a set's items in
_ORDER_FREE = frozenset({
    "len", "in", "not in", "truth", "bool", "sorted", "min", "max", "any", "all", "set",
    "frozenset", "==", "!=", "<", "<=", ">", ">=", "|", "&", "-", "^", "|=", "&=", "-=",
    "^=", "set.add", "set.clear", "set.copy", "set.difference", "set.difference_update",
    "set.discard", "set.intersection", "set.intersection_update", "set.isdisjoint",
    "set.issubset", "set.issuperset", "set.remove", "set.symmetric_difference",
    "set.symmetric_difference_update", "set.union", "set.update", "hash",
})
# order-free for int items only (a float sum rounds differently in another order)
_ORDER_FREE_FOR_INTS = frozenset({"sum", "math.prod"})


def _numeric(t: Type) -> bool:
    match t:
        case IntT() | FloatT() | BoolT():
            return True
        case TupleT(items=items):
            return all(_numeric(i) for i in items)
    return False


def _numbers_set(t: Type | None) -> SetT | None:
    return t if isinstance(t, SetT) and _numeric(t.item) else None


def _unwrapped(e: ir.Expr) -> ir.Expr:
    """`e` without the conversions around it (a set given where `T | None` is declared)."""
    while isinstance(e, ir.Coerce):
        e = e.value
    return e


def check_set_order(mod: ir.Module, sink: DiagnosticSink) -> None:
    seen: set[Span] = set()

    def warn(span: Span, t: SetT, how: str) -> None:
        if span in seen:
            return
        seen.add(span)
        sink.warning("W006", f"{how} a `{t}` in insertion order; CPython walks a set of "
                              "numbers in its hash table's order", span,
                     help="walk `sorted(...)` of it where the order matters; "
                          "`list(dict.fromkeys(xs))` keeps first occurrences in order in both")

    roots: list[object] = [fn.body for fn in mod.functions]
    roots.extend(c.value for c in mod.constants)
    for node in ir.walk(roots):
        match node:
            case ir.For(iter=it) if (t := _numbers_set(it.ty)) is not None:
                warn(it.span, t, "this loop walks")
            case ir.Comprehension(kind=kind, generators=gens) if kind != "set":
                for g in gens:
                    if (t := _numbers_set(g.iter.ty)) is not None:
                        warn(g.iter.span, t, "this comprehension walks")
            case ir.FormattedValue(value=v) if (t := _numbers_set(_unwrapped(v).ty)) is not None:
                warn(v.span, t, "formatting walks")
            case ir.OpCall(op=op, args=args) if op.name not in _ORDER_FREE:
                for _, a in args:
                    t = _numbers_set(_unwrapped(a).ty)
                    if t is None or op.name in _ORDER_FREE_FOR_INTS and isinstance(
                            t.item, (IntT, BoolT)):
                        continue
                    warn(a.span, t, f"`{op.name}` walks")
