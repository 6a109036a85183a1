"""intfloat: where compiled code holds a float and CPython may hold an int (W001).

pycomp types a value once, CPython by what it holds. Three places give a float
where CPython may keep an int (or a bool where an int is kept):

- an int (or bool) stored in a `float` slot: `x: float = 3`, `xs: list[float]
  = [1, 2]`, a float parameter's int default, an int argument of a float
  parameter (`str(x)` then gives `'3.0'`, CPython `'3'`);
- `sum()` of floats without a start: an empty iterable gives CPython's int `0`
  (`-sum([])` prints `0`, compiled `-0.0`);
- `a ** b` of ints whose exponent may be negative: typed float (CPython gives a
  float for a negative exponent and an int otherwise).

Such a value is converted to float where it is made. That is only observable
when the value reaches something that tells an int from a float (`str`, a
format without a float presentation type, `-`, a container, a return, a
variable); used directly as an operand of float arithmetic, a comparison or a
`math` function, it behaves exactly as CPython's int would. This pass takes the
typed IR and warns (W001) at each such value that is not consumed that way.
"""

from __future__ import annotations

from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink
from pycomp.opslib import OpSpec
from pycomp.types import BoolT, FloatT, IntT, OptionalT, Type

ARITH = {"+", "-", "*", "//", "%", "**"}
# `/` is float division whatever its operands are
COMPARE = {"<", "<=", ">", ">=", "==", "!=", "/"}
# ops whose result is the same for an int and for the float of the same value
CONVERTING = {"float", "int", "truth", "bool", "abs_float", "math.isclose"}
# float presentation types: `format(0, '.2f')` and `format(0.0, '.2f')` agree
FLOAT_SPECS = set("eEfFgG%")
# ops whose `key=` function's results are only compared with each other
KEYED = {"min", "max", "sorted", "list.sort", "heapq.nlargest", "heapq.nsmallest"}


def _coerced_from_int(node: ir.Coerce) -> bool:
    target = node.ty.item if isinstance(node.ty, OptionalT) else node.ty
    source = node.value.ty
    if isinstance(target, FloatT):
        return isinstance(source, (IntT, BoolT))
    return isinstance(target, IntT) and isinstance(source, BoolT)


def _risk(node: object) -> str | None:
    """Why `node` may differ from CPython's value in int-ness, or None."""
    match node:
        case ir.Coerce() if _coerced_from_int(node):
            if isinstance(node.ty, IntT):
                return "a bool is stored where an `int` is kept; compiled code holds an int"
            src = "a bool" if isinstance(node.value.ty, BoolT) else "an int"
            return f"{src} is stored where a `float` is kept; compiled code holds a float"
        case ir.OpCall(op=op, args=args) if op.name == "sum" and isinstance(node.ty, FloatT) \
                and "start" not in dict(args):
            return "`sum()` of floats is `0` (an int) in CPython when the iterable is empty; " \
                   "compiled code holds 0.0"
        case ir.OpCall(op=op, args=args) if op.name == "dict.get" and isinstance(
                node.ty, FloatT) and isinstance(getattr(dict(args)["self"].ty, "value", None),
                                                IntT):
            return "`d.get(k, <float>)` of a dict of ints is the int value in CPython when " \
                   "the key is there; compiled code holds a float"
        case ir.OpCall(op=op, args=args) if op.name == "**" and isinstance(node.ty, FloatT) \
                and all(isinstance(a.ty, IntT) for _, a in args):
            return "`int ** int` is an int in CPython when the exponent is not negative; " \
                   "compiled code holds a float"
    return None


def _help(node: object) -> str:
    match node:
        case ir.Coerce(value=ir.Const(value=v)) if isinstance(v, int) and not isinstance(v, bool):
            return f"write `{float(v)!r}` to keep a float, as compiled code does"
        case ir.Coerce(ty=IntT()):
            return "convert explicitly with int(...)"
        case ir.Coerce():
            return "convert explicitly with float(...) (or annotate the slot `int`)"
        case ir.OpCall(op=OpSpec(name="sum")):
            return "pass a float start, `sum(xs, 0.0)`, or use `math.fsum(xs)`"
        case ir.OpCall(op=OpSpec(name="dict.get")):
            return "use it only in comparisons (a `key=` function of `min`, `max` or " \
                   "`sorted`), or convert with float(...)"
    return "write `float(a) ** b`, or make the exponent visibly non-negative (a literal, " \
           "`len(...)`, `abs(...)`, a `range` loop variable)"


def _operands(parent: ir.OpCall) -> list[ir.Expr]:
    return [v for _, v in parent.args]


def _safe_in(parent: object, child: object, compared: set[int]) -> bool:
    """Whether `child`, as an operand of `parent`, acts exactly as CPython's int would
    (`compared`: the lambdas whose results are only compared with each other)."""
    match parent:
        case ir.Compare():
            return True
        case ir.Lambda():
            return id(parent) in compared
        case ir.OpCall(op=op):
            name = op.name
            if name in COMPARE or name in CONVERTING or name.startswith("math."):
                return True
            if name == "round":
                return "ndigits" not in dict(parent.args)
            if name == "format":
                spec = dict(parent.args).get("format_spec")
                return isinstance(spec, ir.Const) and isinstance(spec.value, str) and \
                    spec.value[-1:] in FLOAT_SPECS
            if name in ARITH:
                if isinstance(child, ir.Coerce) and isinstance(child.ty, IntT):
                    return True  # a bool in int arithmetic is the int CPython uses
                # int op float is float op float; an int result needs both operands ints
                others = [o for o in _operands(parent) if o is not child]
                return any(_is_plain_float(o) for o in others)
    return False


def _is_plain_float(e: ir.Expr) -> bool:
    ty: Type | None = e.ty
    return isinstance(ty, FloatT) and _risk(e) is None and not isinstance(e, ir.Coerce)


def _walk(root: Any, sink: DiagnosticSink) -> None:
    """W001 at each node under `root` whose value may differ in int-ness, in source order.
    Iterative: any depth costs the same per node."""
    stack: list[tuple[Any, object]] = [(root, None)]
    compared: set[int] = set()
    risky = (ir.Coerce, ir.OpCall)
    while stack:
        node, parent = stack.pop()
        if isinstance(node, ir.OpCall) and node.op.name in KEYED:
            key = dict(node.args).get("key")
            if isinstance(key, ir.Lambda):
                compared.add(id(key))
        why = _risk(node) if isinstance(node, risky) else None
        if why is not None and not _safe_in(parent, node, compared):
            sink.warning("W001", why, node.span, help=_help(node))
        # a conversion into an optional (`Some(..)`) is transparent: its operand is judged
        # by what consumes the optional
        inner_parent = parent if isinstance(node, ir.Coerce) and why is None else node
        stack.extend([(child, inner_parent) for child in reversed(ir.children(node))])


def check_int_floats(mod: ir.Module, sink: DiagnosticSink) -> None:
    """Warn (W001) where compiled code holds a float and CPython's code can observe that
    it would hold an int."""
    for c in mod.constants:
        _walk(c, sink)
    for fn in mod.functions:
        _walk(fn, sink)
