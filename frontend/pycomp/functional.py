"""`map`, `filter`, `dict.fromkeys`, `key=d.get`, and `reversed` of dict views,
written as the forms they mean before they are typed.

`map(f, xs)` is the generator expression `(f(x) for x in xs)` and `filter(f,
xs)` is `(x for x in xs if f(x))`: CPython defines them so, and the compiler
then types and evaluates them exactly as it does the generator expressions.
`max(d, key=d.get)` over the dict's own keys never sees a missing key: it is
`max(d, key=lambda k: d[k])`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.diagnostics import Span
from pycomp.types import ErrT

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer

# names that stand for a type's unbound method in `str.lower`-style arguments
TYPE_NAMES = {"str", "int", "float", "bool", "list", "dict", "set", "tuple"}


def _arg(i: int) -> str:
    return f"__pc_item{i}"


def is_bound(fi: FunctionInferrer, e: ir.Expr) -> bool:
    """`d.get`, `s.startswith`: a method of a value (not of a type such as `str`)."""
    return isinstance(e, ir.Attribute) and isinstance(e.value, ir.Name) and (
        e.value.id in fi.vars or e.value.id in fi.p.info.constants or any(
            e.value.id in scope for scope in fi.lambda_scopes)
    ) and e.value.id not in TYPE_NAMES | set(fi.p.info.modules)


def apply(fi: FunctionInferrer, f: ir.Expr, args: list[ir.Expr], span: Span) -> ir.Expr | None:
    """The call `f(*args)` written out, for a function given by name: a function, a
    type's method (`str.lower`), or a value's method (`d.get`)."""
    match f:
        case ir.Name():
            return ir.Call(f, tuple(args), (), span)
        case ir.Attribute(value=ir.Name()) if is_bound(fi, f) or fi.module_function(
                f) is not None:
            return ir.Call(f, tuple(args), (), span)
        case ir.Attribute(value=ir.Name(), attr=attr) if args:
            return ir.Call(ir.Attribute(args[0], attr, span), tuple(args[1:]), (), span)
    return None


def map_call(fi: FunctionInferrer, e: ir.Call) -> ir.Expr | None:
    """`map(f, a, b, ...)` as `(f(x, y) for x, y in zip(a, b))`."""
    if len(e.args) < 2 or e.keywords:
        return None
    f, iters = e.args[0], list(e.args[1:])
    span = e.span
    names = [ir.Name(_arg(i), span) for i in range(len(iters))]
    body: ir.Expr | None
    if isinstance(f, ir.Lambda) and len(f.params) == len(iters):
        # the lambda's parameters are the loop variables, its body the item
        names = [ir.Name(p, span) for p in f.params]
        body = f.body
    else:
        body = apply(fi, f, list(names), span)
    if body is None:
        return None
    if len(iters) == 1:
        target: ir.Target = ir.NameTarget(names[0].id, span)
        source = iters[0]
    else:
        target = ir.TupleTarget(tuple(ir.NameTarget(n.id, span) for n in names), span)
        source = ir.Call(ir.Name("zip", span), tuple(iters), (), span)
    gen = ir.Comprehension("gen", body, None, (ir.CompFor(target, source, (), span),), span)
    return fi.expr(gen)


def filter_call(fi: FunctionInferrer, e: ir.Call) -> ir.Expr | None:
    """`filter(f, xs)` as `(x for x in xs if f(x))`; `filter(None, xs)` keeps truthy items."""
    if len(e.args) != 2 or e.keywords:
        return None
    f, source = e.args
    span = e.span
    item = ir.Name(_arg(0), span)
    cond: ir.Expr | None
    if isinstance(f, ir.Lambda) and len(f.params) == 1:
        item, cond = ir.Name(f.params[0], span), f.body
    elif isinstance(f, ir.Const) and f.value is None:
        cond = item
    else:
        cond = apply(fi, f, [item], span)
    if cond is None:
        return None
    gen = ir.Comprehension("gen", item, None,
                           (ir.CompFor(ir.NameTarget(item.id, span), source, (cond,), span),),
                           span)
    return fi.expr(gen)


def dict_get_key(e: ir.Call) -> ir.Call:
    """`max(d, key=d.get)` (also min, sorted; also over `d.keys()`) as `key=lambda k: d[k]`:
    every key is present, so `get` never gives None."""
    key = next((k for k in e.keywords if k.name == "key"), None)
    if key is None or not e.args:
        return e
    kv = key.value
    if not (isinstance(kv, ir.Attribute) and kv.attr == "get" and isinstance(kv.value, ir.Name)):
        return e
    d = kv.value.id
    first = e.args[0]
    over_d = isinstance(first, ir.Name) and first.id == d or (
        isinstance(first, ir.Call) and isinstance(first.func, ir.Attribute)
        and first.func.attr == "keys" and isinstance(first.func.value, ir.Name)
        and first.func.value.id == d and not first.args)
    if not over_d:
        return e
    k = ir.Name(_arg(0), kv.span)
    lam = ir.Lambda((k.id,), ir.Subscript(kv.value, k, kv.span), kv.span)
    keywords = tuple(ir.Keyword("key", lam, kw.span) if kw is key else kw for kw in e.keywords)
    return ir.Call(e.func, e.args, keywords, e.span)


def reversed_view(e: ir.Call) -> tuple[str, ir.Expr] | None:
    """`reversed(d.keys())` / `.values()` / `.items()`: the view's name and the dict."""
    if len(e.args) != 1 or e.keywords:
        return None
    a = e.args[0]
    if isinstance(a, ir.Call) and not a.args and not a.keywords and isinstance(
            a.func, ir.Attribute) and a.func.attr in ("keys", "values", "items"):
        return a.func.attr, a.func.value
    return None


def cmp_sorted(fi: FunctionInferrer, e: ir.Call) -> ir.Expr | None:
    """`sorted(xs, key=functools.cmp_to_key(cmp))` as one op: CPython's sort driven by the
    comparison function."""
    key = next((k for k in e.keywords if k.name == "key"), None)
    if key is None or len(e.args) != 1 or not isinstance(key.value, ir.Call):
        return None
    f = key.value.func
    named = isinstance(f, ir.Attribute) and f.attr == "cmp_to_key" and isinstance(
        f.value, ir.Name) and fi.p.info.modules.get(f.value.id) == "functools"
    imported = isinstance(f, ir.Name) and fi.p.info.from_names.get(f.id) == "functools" \
        and f.id == "cmp_to_key"
    if not (named or imported) or len(key.value.args) != 1:
        return None
    kwargs = {k.name: fi.expr(k.value) for k in e.keywords if k.name != "key"}
    return fi.resolve_op("functools.cmp_to_key",
                         [fi.arg(e.args[0]), fi.arg(key.value.args[0])], kwargs, e.span)


# `operator`'s functions, each as the expression CPython defines it to compute
OPERATOR_BINOPS = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//",
                   "mod": "%", "pow": "**", "matmul": "@", "and_": "&", "or_": "|",
                   "xor": "^", "lshift": "<<", "rshift": ">>"}
OPERATOR_COMPARES = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "ge": ">=", "gt": ">"}
OPERATOR_UNARY = {"neg": "neg", "pos": "pos", "not_": "not", "invert": "invert",
                  "inv": "invert"}
OPERATOR_CALLS = {"truth": "bool", "abs": "abs"}
OPERATOR_FUNCTIONS = (set(OPERATOR_BINOPS) | set(OPERATOR_COMPARES) | set(OPERATOR_UNARY)
                      | set(OPERATOR_CALLS) | {"contains", "getitem", "itemgetter",
                                               "attrgetter"})


def operator_name(fi: FunctionInferrer, e: ir.Expr) -> str | None:
    """`operator.add` / `add` imported from operator: "add"."""
    q = fi.qualified_name(e) if isinstance(e, (ir.Name, ir.Attribute)) else None
    if q is None or not q.startswith("operator.") or q.count(".") != 1:
        return None
    return q.split(".", 1)[1]


def operator_expr(fi: FunctionInferrer, name: str, args: list[ir.Expr],
                  span: Span) -> ir.Expr | None:
    """`operator.NAME(*args)` as the expression it computes; None for a wrong arity (the
    op lookup then reports it)."""
    if name in OPERATOR_BINOPS and len(args) == 2:
        return ir.BinOp(OPERATOR_BINOPS[name], args[0], args[1], span)
    if name in OPERATOR_COMPARES and len(args) == 2:
        return ir.Compare(args[0], (OPERATOR_COMPARES[name],), (args[1],), span)
    if name in OPERATOR_UNARY and len(args) == 1:
        return ir.UnaryOp(OPERATOR_UNARY[name], args[0], span)
    if name in OPERATOR_CALLS and len(args) == 1:
        return ir.Call(ir.Name(OPERATOR_CALLS[name], span), (args[0],), (), span)
    if name == "contains" and len(args) == 2:
        return ir.Compare(args[1], ("in",), (args[0],), span)
    if name == "getitem" and len(args) == 2:
        return ir.Subscript(args[0], args[1], span)
    return None


def _literal_key(e: ir.Expr) -> bool:
    """An itemgetter index or attrgetter name written as a literal: evaluated when the
    getter is made in CPython, so only a value that cannot change reads the same later."""
    return isinstance(e, ir.Const) or (isinstance(e, ir.UnaryOp) and e.op == "neg"
                                       and isinstance(e.operand, ir.Const))


def operator_function(fi: FunctionInferrer, e: ir.Expr) -> ir.Expr:
    """A function of `operator` given as an argument (`key=itemgetter(1)`,
    `reduce(operator.mul, xs, 1)`) as the lambda it stands for; other values unchanged."""
    span = e.span
    if isinstance(e, ir.Call) and (name := operator_name(fi, e.func)) in ("itemgetter",
                                                                             "attrgetter"):
        if e.keywords or not e.args or not all(_literal_key(a) for a in e.args):
            fi.sink.error("E002", f"`operator.{name}` is supported with literal arguments "
                                  "only", span,
                          help="write a lambda, e.g. `key=lambda row: row[i]`")
            return ir.Const(None, span, ErrT())
        x = ir.Name(_arg(0), span)
        parts: list[ir.Expr] = []
        for a in e.args:
            if name == "itemgetter":
                parts.append(ir.Subscript(x, a, span))
                continue
            if not (isinstance(a, ir.Const) and isinstance(a.value, str)):
                fi.sink.error("E042", "attribute name must be a string", a.span)
                return ir.Const(None, span, ErrT())
            got: ir.Expr = x
            for attr in a.value.split("."):
                got = ir.Attribute(got, attr, span)
            parts.append(got)
        body = parts[0] if len(parts) == 1 else ir.TupleLit(tuple(parts), span)
        return ir.Lambda((x.id,), body, span)
    name = operator_name(fi, e)
    if name is None or name in ("itemgetter", "attrgetter"):
        return e
    arity = 2 if name in OPERATOR_BINOPS or name in OPERATOR_COMPARES or name in (
        "contains", "getitem") else 1
    params = [ir.Name(_arg(i), span) for i in range(arity)]
    written = operator_expr(fi, name, list(params), span)
    if written is None:
        return e
    return ir.Lambda(tuple(p.id for p in params), written, span)


def operator_args(fi: FunctionInferrer, e: ir.Call) -> ir.Call:
    """The call with its `operator` function arguments written as lambdas."""
    args = tuple([operator_function(fi, a) for a in e.args])
    values = [operator_function(fi, k.value) for k in e.keywords]
    if all(a is b for a, b in zip(args, e.args)) and all(
            v is k.value for v, k in zip(values, e.keywords)):
        return e  # (most calls: no keyword rebuilt)
    keywords = tuple(ir.Keyword(k.name, v, k.span) for k, v in zip(e.keywords, values))
    return ir.Call(e.func, args, keywords, e.span)
