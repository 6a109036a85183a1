"""`string.Template`'s `substitute` / `safe_substitute` calls (the ops are in
opslib/stdlib_small.toml, the matching in templates/runtime/stdmods.rs).

The op takes one mapping, `dict[str, V]` of plain values, whose `str()` the runtime
writes in each placeholder. Keywords (`t.substitute(name=user, n=3)`, the common
prompt-template form) become a `dict[str, str]` of their `str()`s, and `t.substitute(**d)`
passes `d` itself. A value of a class of the module is refused: CPython calls its
`__str__` only where a placeholder names it (a call that may raise or print), so the
caller writes `str(x)` where CPython would call it as written. A mapping together with
keywords (CPython's `ChainMap(keywords, mapping)`) is refused too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.types import STR, DictT, ErrT, StrT, Type, plain_value

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer

METHODS = ("substitute", "safe_substitute")


def substitute(fi: FunctionInferrer, recv: ir.Expr, method: str, e: ir.Call) -> ir.Expr:
    """`t.substitute(...)` / `t.safe_substitute(...)` of a typed Template `recv`."""
    span = e.span
    named = [k for k in e.keywords if k.name not in ("*", "**")]
    splat = [k.value for k in e.keywords if k.name == "**"]
    if any(k.name == "*" for k in e.keywords) or len(e.args) + len(splat) > 1 or (
            named and (e.args or splat)):
        return _refused(fi, f"`{method}` with a mapping and keywords together", span,
                        "give one dict: `{**mapping, \"name\": value}`")
    if e.args or splat:
        mapping = fi.expr((e.args or splat)[0])
        mt = fi.subst.resolve(mapping.ty)  # type: ignore[arg-type]
        if isinstance(mt, ErrT):
            return ir.Const(None, span, ErrT())
        if not (isinstance(mt, DictT) and isinstance(fi.subst.resolve(mt.key), StrT)):
            return _refused(fi, f"`{method}` of a `{mt}`", mapping.span,
                            "give a `dict[str, ...]` (or keywords)")
        if not plain_value(fi.subst.resolve(mt.value)):
            return _refused(fi, f"`{method}` of a dict of `{mt.value}` values", mapping.span,
                            "CPython calls `str()` of a value only where a placeholder "
                            "names it: make them strs first (`{k: str(v) for k, v in "
                            "d.items()}`)")
    else:
        values: list[ir.Expr] = []
        for k in named:
            v = fi.expr(k.value)
            vt: Type = fi.subst.resolve(v.ty)  # type: ignore[arg-type]
            if not isinstance(vt, ErrT) and not plain_value(vt):
                return _refused(fi, f"`{method}` of a `{vt}` keyword", k.value.span,
                                "CPython calls `str()` of a value only where a placeholder "
                                f"names it: pass `{k.name}=str(...)` where it is always "
                                "called")
            values.append(fi.str_of(v))
        keys = tuple(ir.Const(k.name, k.span, STR) for k in named)
        mapping = ir.DictLit(keys, tuple(values), span, DictT(STR, STR))
    return fi.resolve_op(f"Template.{method}", [recv, mapping], {}, span, method=True)


def _refused(fi: FunctionInferrer, what: str, span: ir.Span, help: str) -> ir.Expr:
    fi.sink.error("E040", f"{what} is not compiled", span, help=help)
    return ir.Const(None, span, ErrT())
