"""str.format and printf-style `%` with a literal format string, typed as f-strings.

`"{}: {:.2%}".format(n, x)` and `"%-10s %6.2f" % (name, x)` are read at compile
time into the same typed IR as `f"{n}: {x:.2%}"`: each field becomes a `format`
op (or `str`), so the formatting itself is the f-string's, tested once. A
`%` conversion maps to the format spec CPython's printf formatting agrees with
(`%-10s` is `<10` of `str(x)`, `%05d` is `05d`, `%d` of a float truncates as
`int(x)` does). What cannot be mapped exactly, or a format that always raises
(too few arguments), is a diagnostic.

Each argument is evaluated once, as in CPython: an argument used by several
fields, or by none, must be a plain name or a literal.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.diagnostics import Span
from pycomp.types import INT, STR, BoolT, DictT, ErrT, FloatT, IntT, TupleT

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer

PRINTF = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-+ #0]*)(?P<width>\*|\d+)?"
                    r"(?:\.(?P<prec>\*|\d*))?(?P<len>[hlL])?(?P<conv>.?)", re.DOTALL)


def _pure(e: ir.Expr) -> bool:
    return isinstance(e, (ir.Name, ir.Const))


def _field(fi: FunctionInferrer, value: ir.Expr, conversion: str | None,
           spec: ir.Expr | None, span: Span) -> ir.FormattedValue:
    """One typed replacement field, as the f-string's typing makes it."""
    if conversion in ("r", "a"):
        value = fi.resolve_op("repr", [value], {}, span)
    if conversion == "a":  # the repr, non-ASCII escaped
        value = fi.resolve_op("__ascii", [value], {}, span)
    elif conversion == "s":
        value = fi.str_of(value)
    if spec is not None:
        value = fi.resolve_op("format", [value, spec], {}, span)
    else:
        value = fi.str_of(value)
    return ir.FormattedValue(value, None, None, span)


def _fstring(parts: list[str | ir.FormattedValue], span: Span) -> ir.Expr:
    merged = ir.join_fstring_parts(parts)
    if all(isinstance(p, str) for p in merged):
        return ir.Const("".join(merged), span, STR)  # type: ignore[arg-type]
    return ir.FString(tuple(merged), span, STR)


def literal_format(fi: FunctionInferrer, fmt: ir.Expr) -> str | None:
    """The format string when it is known at compile time: a literal, or a module
    constant holding one."""
    if isinstance(fmt, ir.Const) and isinstance(fmt.value, str):
        return fmt.value
    if isinstance(fmt, ir.Name) and fmt.id not in fi.vars:
        for c in fi.p.mod.constants:
            if c.name == fmt.id and isinstance(c.value, ir.Const) and \
                    isinstance(c.value.value, str):
                return c.value.value
    return None


def _error(fi: FunctionInferrer, message: str, span: Span, help: str | None = None) -> ir.Expr:
    fi.sink.error("E042", message, span, help=help)
    return ir.Const(None, span, ErrT())


# ---------------------------------------------------------------- str.format

def str_format_map(fi: FunctionInferrer, fmt: str, mapping: ir.Expr, span: Span) -> ir.Expr:
    """`fmt.format_map(mapping)` with `fmt` known: each field `{name}` reads
    `mapping[name]` where it stands, as CPython looks the names up while formatting
    (KeyError for the first missing one); the mapping is a plain name."""
    if not _pure(mapping):
        return _error(fi, "`format_map` of an expression", mapping.span,
                      help="assign the mapping to a name first")
    names: list[str] = []

    def collect(text: str) -> str | None:
        try:
            pieces = list(string.Formatter().parse(text))
        except ValueError as ex:
            return str(ex)
        for _, name, spec, _ in pieces:
            if name is None:
                continue
            if name == "" or name.isdigit():
                return "Format string contains positional fields"
            names.append(name)
            if spec and "{" in spec and (problem := collect(spec)) is not None:
                return problem
        return None

    problem = collect(fmt)
    if problem is not None:
        return _error(fi, f"this format always raises: {problem}", span)
    lookups: dict[str, ir.Expr] = {n: ir.Subscript(mapping, ir.Const(n, span), span)
                                   for n in names if n.isidentifier()}
    return str_format(fi, fmt, [], lookups, span, repeatable=True)


def runtime_template(fi: FunctionInferrer, method: str, span: Span) -> ir.Expr:
    """`template.format(...)` of a template known only at run time: its fields, and so the
    types formatted and the arguments read, are not known when compiling."""
    return _error(fi, f"`str.{method}` of a template known only at run time is not compiled",
                  span, help="the template must be a string literal or a module constant "
                             "holding one (its fields are typed when compiling); for "
                             "templates chosen at run time, pick among literal ones "
                             "(`A.format(...) if short else B.format(...)`), use "
                             "`string.Template(t).substitute(d)`, or `re.sub` over "
                             "`{name}` fields with a function")


def str_format_unpacked(fi: FunctionInferrer, fmt: str, mapping: ir.Expr,
                        span: Span) -> ir.Expr:
    """`fmt.format(**d)` with `fmt` known and `d` a plain `dict` with str keys: CPython
    copies `d` into the keyword arguments, so each field `{name}` is `d[name]` (KeyError
    for a missing one), which is `fmt.format_map(d)`. A Counter or defaultdict would
    answer a missing name in `format_map` but not in the copy, so it is refused."""
    if not isinstance(mapping, ir.Name):
        return _error(fi, "`format(**...)` of an expression", mapping.span,
                      help="assign the dict to a name first (`fields = ...`, then "
                           "`fmt.format(**fields)`)")
    mt = fi.subst.resolve(fi.expr(mapping).ty)  # type: ignore[arg-type]
    if isinstance(mt, ErrT):
        return ir.Const(None, span, ErrT())
    if not (isinstance(mt, DictT) and mt.kind == "" and fi.subst.resolve(mt.key) == STR):
        fi.sink.error("E002", f"`format(**{mapping.id})` of a `{mt}` is not supported",
                      mapping.span,
                      help="`**` in `str.format` compiles for a plain `dict` with str keys "
                           "(a Counter's or defaultdict's missing names would differ once "
                           "copied): pass the fields by name (`fmt.format(name=...)`)")
        return ir.Const(None, span, ErrT())
    return str_format_map(fi, fmt, mapping, span)


def str_format(fi: FunctionInferrer, fmt: str, args: list[ir.Expr],
               kwargs: dict[str, ir.Expr], span: Span, repeatable: bool = False) -> ir.Expr:
    """`fmt.format(*args, **kwargs)` with `fmt` known. `repeatable`: the arguments may be
    evaluated where each field stands, as often as it is used (format_map's lookups)."""
    typed = [fi.expr(a) for a in args]
    named = {k: fi.expr(v) for k, v in kwargs.items()}
    uses: dict[object, int] = {}
    order: list[object] = []
    state: dict[str, str] = {"auto": "0", "mode": ""}

    def arg(name: str) -> ir.Expr | str:
        if name == "" or name.isdigit():
            mode = "auto" if name == "" else "manual"
            if state["mode"] and state["mode"] != mode:
                return ("cannot switch from automatic field numbering to manual field "
                        "specification")
            state["mode"] = mode
            if name == "":
                i = int(state["auto"])
                state["auto"] = str(i + 1)
            else:
                i = int(name)
            if i >= len(typed):
                return f"Replacement index {i} out of range for positional args tuple"
            key: object = i
            value = typed[i]
        elif name.isidentifier():
            if name not in named:
                return f"the format names `{name}`, which the call does not pass"
            key, value = name, named[name]
        else:
            return f"the field `{{{name}}}` reads an attribute or an item"
        uses[key] = uses.get(key, 0) + 1
        order.append(key)
        return value

    def parse(text: str, depth: int) -> list[str | ir.FormattedValue] | str:
        out: list[str | ir.FormattedValue] = []
        try:
            pieces = list(string.Formatter().parse(text))
        except ValueError as ex:
            return str(ex)
        for literal, name, spec, conv in pieces:
            out.append(literal)
            if name is None:
                continue
            value = arg(name)
            if isinstance(value, str):
                return value
            spec_expr: ir.Expr | None = None
            if spec:
                if "{" in spec:
                    if depth > 0:
                        return "Max string recursion exceeded"
                    inner = parse(spec, depth + 1)
                    if isinstance(inner, str):
                        return inner
                    spec_expr = _fstring(inner, span)
                else:
                    spec_expr = ir.Const(spec, span, STR)
            if conv not in (None, "r", "s", "a"):
                return f"Unknown conversion specifier {conv}"
            out.append(_field(fi, value, conv, spec_expr, span))
        return out

    parts = parse(fmt, 0)
    if isinstance(parts, str):
        return _error(fi, f"this format always raises: {parts}", span)
    if repeatable:
        return _fstring(parts, span)
    given: dict[object, ir.Expr] = dict(enumerate(typed))
    given.update(named)
    return _once_in_order(fi, given, uses, order, span) or _fstring(parts, span)


def _once_in_order(fi: FunctionInferrer, given: dict[object, ir.Expr],
                   uses: dict[object, int], order: list[object], span: Span
                   ) -> ir.Expr | None:
    """The fields evaluate each argument once, in the order CPython evaluates them (that
    of `given`), where it is not a plain name: an error otherwise, else None."""
    for key, value in given.items():
        if not _pure(value) and uses.get(key, 0) != 1:
            return _error(fi, "an argument that is not a plain name must be used by exactly "
                              "one field", value.span,
                          help="assign it to a name first; CPython evaluates each argument "
                               "once")
    impure = [k for k in order if not _pure(given[k])]
    if impure != [k for k in given if k in impure]:
        return _error(fi, "fields use arguments that are not plain names out of order", span,
                      help="assign the arguments to names first; CPython evaluates them in "
                           "the call's order")
    return None


# ---------------------------------------------------------------- printf

def percent_format(fi: FunctionInferrer, fmt: str, rhs: ir.Expr, span: Span) -> ir.Expr:
    """`fmt % rhs` with `fmt` known: a tuple of values, a dict for `%(name)s`, or one
    value."""
    convs = [m for m in PRINTF.finditer(fmt)]
    needed = [m for m in convs if m.group("conv") != "%"]
    keyed = any(m.group("key") is not None for m in needed)
    if any("*" in (m.group("width") or "", m.group("prec") or "") for m in needed):
        # each `*` takes an argument of its own: say so before counting them
        return _error(fi, "`*` widths in % formats are not compiled", span,
                      help="give the width in an f-string (`f\"{value:<{width}}\"`) or pad "
                           "the value first (`value.ljust(width)`)")
    if keyed and isinstance(rhs, ir.DictLit) and (names := _literal_keys(rhs)) is not None:
        return _percent_dict_literal(fi, fmt, convs, names, rhs, span)
    value = fi.expr(rhs)
    vt = fi.subst.resolve(value.ty)  # type: ignore[arg-type]
    if isinstance(vt, ErrT):
        return ir.Const(None, span, ErrT())
    positional: list[ir.Expr] = []
    if keyed:
        if not isinstance(vt, DictT) or not _pure(value):
            return _error(fi, "`%(name)s` formats need a dict held by a name", rhs.span)
    elif isinstance(vt, TupleT):
        if isinstance(value, ir.TupleLit):
            positional = list(value.elts)
        elif _pure(value):
            positional = [ir.Subscript(value, ir.Const(i, span, INT), span, t)
                          for i, t in enumerate(vt.items)]
        else:
            return _error(fi, "format a tuple held by a name, or a tuple literal", rhs.span)
    else:
        positional = [value]
    if not keyed and len(positional) < len(needed):
        return _error(fi, "this format always raises: not enough arguments for format string",
                      span)
    if not keyed and len(positional) > len(needed):
        return _error(fi, "this format always raises: not all arguments converted during "
                          "string formatting", span)
    if keyed:
        return _printf_fields(fi, fmt, convs, span, lambda key: fi.resolve_op(
            "getitem", [value, ir.Const(key, span, STR)], {}, span))
    args = iter(positional)
    return _printf_fields(fi, fmt, convs, span, lambda _: next(args, ir.Const(None, span, ErrT())))


def _literal_keys(d: ir.DictLit) -> list[str] | None:
    """The keys of a dict display whose keys are distinct str literals, else None."""
    keys = [k.value for k in d.keys if isinstance(k, ir.Const) and type(k.value) is str]
    return keys if keys and len(keys) == len(d.keys) == len(set(keys)) else None


def _percent_dict_literal(fi: FunctionInferrer, fmt: str, convs: list[re.Match[str]],
                          names: list[str], rhs: ir.DictLit, span: Span) -> ir.Expr:
    """`"%(name)s: %(n)d" % {"name": name, "n": len(xs)}`: each field formats the value
    the literal gives its key (of its own type, as a name holding the dict would hold
    `Any`); values evaluated once, in the literal's order, as CPython builds the dict."""
    given: dict[object, ir.Expr] = {k: fi.expr(v) for k, v in zip(names, rhs.values)}
    uses: dict[object, int] = {}
    order: list[object] = []
    for m in convs:
        key = m.group("key")
        if m.group(0) == "%%":
            continue
        if key is None:
            return _error(fi, "this format always raises: not enough arguments for format "
                              "string", span)
        if key not in given:
            return _error(fi, f"this format always raises: KeyError {key!r}", span)
        uses[key] = uses.get(key, 0) + 1
        order.append(key)
    return _once_in_order(fi, given, uses, order, span) or _printf_fields(
        fi, fmt, convs, span, lambda key: given[key])


def _printf_fields(fi: FunctionInferrer, fmt: str, convs: list[re.Match[str]], span: Span,
                   arg_of: Callable[[str], ir.Expr]) -> ir.Expr:
    """The f-string of a printf format whose field `m` formats `arg_of(m's key)`."""
    parts: list[str | ir.FormattedValue] = []
    pos = 0
    for m in convs:
        parts.append(fmt[pos:m.start()])
        pos = m.end()
        conv = m.group("conv")
        if conv == "%" and m.group(0) == "%%":
            parts.append("%")
            continue
        field = _printf_field(fi, m, arg_of(m.group("key")), span)
        if isinstance(field, str):
            return _error(fi, field, span, help="use an f-string or str.format for this")
        parts.append(field)
    parts.append(fmt[pos:])
    return _fstring(parts, span)


def _printf_field(fi: FunctionInferrer, m: re.Match[str], arg: ir.Expr, span: Span
                  ) -> ir.FormattedValue | str:
    conv = m.group("conv")
    flags = m.group("flags") or ""
    width = m.group("width") or ""
    prec = m.group("prec")
    if width == "*" or prec == "*":
        return "`*` widths in % formats are not compiled"
    if conv not in "sradiufFeEgGxXo" or conv == "":
        return f"the % conversion `{m.group(0)}` is not compiled"
    t = fi.subst.resolve(arg.ty)  # type: ignore[arg-type]
    align = "<" if "-" in flags else ">"
    sign = "+" if "+" in flags else " " if " " in flags else ""
    alt = "#" if "#" in flags else ""
    if conv in "sra":
        if not width and prec is None:
            return _field(fi, arg, conv, None, span)
        spec = f"{align}{width}" + (f".{prec or 0}" if prec is not None else "")
        return _field(fi, arg, conv, ir.Const(spec, span, STR), span)
    if not isinstance(t, (IntT, BoolT, FloatT)):
        return f"`%{conv}` formats a number, not `{t}`"
    zero = "0" if "0" in flags and "-" not in flags else ""
    if zero:
        align = ""
    if conv in "diu":
        if prec is not None:
            return "a precision on `%d` is not compiled"
        if not isinstance(t, IntT):
            arg = fi.resolve_op("int", [arg], {}, span)
        spec = f"{align}{sign}{zero}{width}d"
    elif conv in "xXo":
        if not isinstance(t, (IntT, BoolT)):
            return f"`%{conv}` needs an int"
        if isinstance(t, BoolT):
            arg = fi.resolve_op("int", [arg], {}, span)
        if prec is not None:
            return "a precision on `%x` is not compiled"
        spec = f"{align}{sign}{alt}{zero}{width}{conv}"
    else:
        p = "6" if prec is None else (prec or "0")
        if isinstance(t, BoolT):
            arg = fi.resolve_op("float", [arg], {}, span)
        spec = f"{align}{sign}{alt}{zero}{width}.{p}{conv}"
    return _field(fi, arg, None, ir.Const(spec, span, STR), span)

