"""intfloat: where compiled code holds a float and CPython may hold an int (W001).

pycomp types a value once, CPython by what it holds. Three places give a float
where CPython may keep an int (or a bool where an int is kept):

- an int (or bool) stored in a `float` slot: `x: float = 3`, `xs: list[float]
  = [1, 2]`, a float parameter's int default, an int argument of a float
  parameter (`str(x)` then gives `'3.0'`, CPython `'3'`);
- `sum()` of floats without a start: an empty iterable gives CPython's int `0`
  (`-sum([])` prints `0`, compiled `-0.0`);
- `a ** b` of ints whose exponent may be negative: typed float (CPython gives a
  float for a negative exponent and an int otherwise);
- an entry point's `float` (or `float | None`) parameter: a caller across the ABI
  may pass an int, which arrives as a float (`def f(x: float) -> str: return
  str(x)` gives `'3.0'` for `f(3)`, CPython `'3'`).

Such a value is converted to float where it is made. That is only observable
when the value reaches something that tells an int from a float (`str`, a
format without a float presentation type, `-`, a container, a return, a
variable); used directly as an operand of float arithmetic, a comparison or a
`math` function, it behaves exactly as CPython's int would. This pass takes the
typed IR and warns (W001) at each such value that is not consumed that way.
"""

from __future__ import annotations

import itertools
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink
from pycomp.opslib import OpSpec
from pycomp.types import BoolT, FloatT, IntT, NdAnyT, NdArrayT, OptionalT, Type

ARITH = {"+", "-", "*", "//", "%", "**"}
# ops whose result is an int in CPython when their operands are (`round(x, 2)` too)
INT_KEEPING = ARITH | {"round"}
# `/` is float division whatever its operands are
COMPARE = {"<", "<=", ">", ">=", "==", "!=", "/"}
# ops whose result is the same for an int and for the float of the same value
# (`np.linspace` converts its start and stop to float64 first, as numpy does)
CONVERTING = {"float", "int", "truth", "bool", "abs_float", "math.isclose", "is_none",
              "numpy.linspace"}
# float presentation types: `format(0, '.2f')` and `format(0.0, '.2f')` agree
FLOAT_SPECS = set("eEfFgG%")
FLOAT_DTYPES = {"float16", "float32", "float64"}
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


def _safe_in(parent: object, child: object, compared: set[int],
             params: Reads | None = None) -> bool:
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
                if isinstance(spec, ir.FString) and spec.parts:
                    # a spec built at run time (`{x:{n}.{d}f}`) ends with its type
                    last = spec.parts[-1]
                    return isinstance(last, str) and last[-1:] in FLOAT_SPECS
                return isinstance(spec, ir.Const) and isinstance(spec.value, str) and \
                    spec.value[-1:] in FLOAT_SPECS
            if name in ARITH:
                if isinstance(child, ir.Coerce) and isinstance(child.ty, IntT):
                    return True  # a bool in int arithmetic is the int CPython uses
                # int op float is float op float; an int result needs both operands ints
                others = [o for o in _operands(parent) if o is not child]
                return any((_is_plain_float(o) and _param_risk(o, params or {}) is None)
                           or _is_float_array(o) for o in others)
    return False


def _is_plain_float(e: ir.Expr) -> bool:
    ty: Type | None = e.ty
    return isinstance(ty, FloatT) and _risk(e) is None and not isinstance(e, ir.Coerce)


def _is_float_slot(ty: Type | None) -> bool:
    return isinstance(ty.item if isinstance(ty, OptionalT) else ty, FloatT)


def _float_params(fn: ir.Function) -> set[str]:
    return {p.name for p in fn.params
            if p.kind in ("", "posonly", "kwonly") and _is_float_slot(p.annotation)}


# For each parameter that may hold an int, where it is first bound again (line, column),
# or None where a read may always see the caller's value: never bound again, or bound to
# a value that may itself be an int.
Reads = dict[str, tuple[int, int] | None]
# a node's ancestors, nearest first: (parent, the parent's chain), None at the root
Chain = tuple[Any, Any] | None


def _param_reads(fn: ir.Function, names: set[str]) -> Reads:
    rebound: dict[str, tuple[int, int]] = {}
    keeps_int: set[str] = set()
    for node in ir.walk(fn.body):  # statements: only in the body
        targets: tuple[Any, ...] = ()
        value = None
        if isinstance(node, ir.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, (ir.AugAssign, ir.For)):
            targets = (node.target,)
        for t in targets:
            if isinstance(t, ir.NameTarget) and t.id in names:
                where = (t.span.line, t.span.col)
                rebound[t.id] = min(rebound.get(t.id, where), where)
                if value is None or not _is_plain_float(value):
                    keeps_int.add(t.id)
    return {name: (None if name in keeps_int else rebound.get(name)) for name in names}


def _param_risk(node: object, params: Reads) -> str | None:
    """Why a read of a float parameter may be an int in CPython, or None."""
    if not isinstance(node, ir.Name) or node.id not in params or node.kind == "func":
        return None
    until = params[node.id]
    if until is not None and (node.span.line, node.span.col) > until:
        return None
    return f"a caller may pass an int for the `float` parameter `{node.id}`; it arrives " \
           "as a float in compiled code"


def _forwarded_to(parent: object, child: object,
                  funcs: dict[str, ir.Function]) -> tuple[str, str] | None:
    """(function, parameter) when `child` is an argument of a call of a module function
    that takes it as a `float` parameter: the read is judged inside that function."""
    if not isinstance(parent, ir.UserCall) or parent.callee is not None:
        return None
    callee = funcs.get(parent.func)
    if callee is None or len(callee.params) != len(parent.args):
        return None
    floats = _float_params(callee)
    for p, arg in zip(callee.params, parent.args):
        if arg is child and p.name in floats:
            return callee.name, p.name
    return None


def _int_params(mod: ir.Module) -> dict[str, Reads]:
    """Per function, the `float` parameters that may hold an int in CPython: an entry
    point's (a caller across the ABI may pass one), and those given an int, or such a
    parameter's value, by a call."""
    funcs = {fn.name: fn for fn in mod.functions}
    names = {fn.name: _float_params(fn) if fn.is_entry else set() for fn in mod.functions}
    # an entry split by its arrays' dtypes (pycomp.ndany) dispatches to its copies
    for fn in mod.functions:
        if fn.is_entry and not fn.body:
            for copy in mod.functions:
                if copy.name.startswith(f"{fn.name}__") and not copy.is_entry:
                    names[copy.name] |= _float_params(copy)
    # an int given to a helper's float parameter (`_above(n, y)`) is judged in the helper
    for fn in mod.functions:
        # the parameters' defaults, then the body (whose walk the other passes share)
        for node in itertools.chain(ir.walk(fn.params), ir.walk(fn.body)):
            if isinstance(node, ir.UserCall):
                for arg in node.args:
                    target = _forwarded_to(node, arg, funcs) \
                        if isinstance(arg, ir.Coerce) and _risk(arg) is not None else None
                    if target is not None:
                        names[target[0]].add(target[1])
    work = [fn.name for fn in mod.functions if names[fn.name]]
    while work:
        fn = funcs[work.pop()]
        reads = _param_reads(fn, names[fn.name])
        stack: list[tuple[Any, object]] = [(fn, None)]
        while stack:
            node, parent = stack.pop()
            target = _forwarded_to(parent, node, funcs) \
                if _param_risk(node, reads) is not None else None
            if target is not None and target[1] not in names[target[0]]:
                names[target[0]].add(target[1])
                work.append(target[0])
            stack.extend([(child, node) for child in ir.children(node)])
    return {name: _param_reads(funcs[name], params) for name, params in names.items()
            if params}


def _is_float_array(e: ir.Expr) -> bool:
    """A float array or numpy float scalar: with a Python int or float of the same value
    the result's dtype and values are the same (numpy's weak scalars)."""
    ty = e.ty
    if isinstance(ty, NdArrayT):
        return ty.dtype in FLOAT_DTYPES
    return isinstance(ty, NdAnyT) and all(d in FLOAT_DTYPES for d in ty.dtypes)


def _walk(root: Any, sink: DiagnosticSink, params: Reads | None = None,
          funcs: dict[str, ir.Function] | None = None) -> None:
    """W001 at each node under `root` whose value may differ in int-ness, in source order
    (`params`: the function's parameters that may hold an int). Iterative: any depth costs
    the same per node."""
    params = params or {}
    # each node with its chain of ancestors: (parent, the parent's chain)
    stack: list[tuple[Any, Chain]] = [(root, None)]
    compared: set[int] = set()
    risky = (ir.Coerce, ir.OpCall)
    while stack:
        node, chain = stack.pop()
        if isinstance(node, ir.OpCall) and node.op.name in KEYED:
            key = dict(node.args).get("key")
            if isinstance(key, ir.Lambda):
                compared.add(id(key))
        why = _risk(node) if isinstance(node, risky) else _param_risk(node, params)
        parent = chain[0] if chain is not None else None
        if why is not None and not _safe_up(node, chain, compared, params) and not (
                isinstance(node, (ir.Name, ir.Coerce))
                and _forwarded_to(parent, node, funcs or {})):
            help = f"convert it where it is read, `float({node.id})`" \
                if isinstance(node, ir.Name) else _help(node)
            sink.warning("W001", why, node.span, help=help)
        # a conversion into an optional (`Some(..)`) is transparent: its operand is judged
        # by what consumes the optional
        inner = chain if isinstance(node, ir.Coerce) and why is None else (node, chain)
        stack.extend([(child, inner) for child in reversed(ir.children(node))])


def _safe_up(node: object, chain: Chain, compared: set[int], params: Reads) -> bool:
    """Whether `node`'s value acts exactly as CPython's int would where it is consumed:
    arithmetic of ints, or `round(x, n)` of one (an int in CPython too), passes the
    question to its own consumer."""
    while chain is not None:
        parent, chain = chain
        if _safe_in(parent, node, compared, params):
            return True
        if not (isinstance(parent, ir.OpCall) and parent.op.name in INT_KEEPING
                and isinstance(parent.ty, FloatT)):
            return False
        node = parent
    return False


def check_int_floats(mod: ir.Module, sink: DiagnosticSink) -> None:
    """Warn (W001) where compiled code holds a float and CPython's code can observe that
    it would hold an int."""
    for c in mod.constants:
        _walk(c, sink)
    funcs = {fn.name: fn for fn in mod.functions}
    int_params = _int_params(mod)
    for fn in mod.functions:
        _walk(fn, sink, int_params.get(fn.name), funcs)
