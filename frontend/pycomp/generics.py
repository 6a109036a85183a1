"""Plain generic functions, a copy per set of call-site types (part of the infer stage).

`T = TypeVar("T")` (also `bound=`, constrained `TypeVar("N", int, float)`, PEP 695
`def first[T](...)`) in a module function's annotations is lowered to a `PVar` (the
lowering stage, `type_variable`); such a function is generic: never an entry point, not
inferred as written. Each call (infer, `FunctionInferrer.user_call`) types its
arguments, matches them against the parameters' annotations to bind every TypeVar
(`instance`), and calls the copy of the function for those types, named
`first__int`, `first__list_str` (`mangled`): an ordinary private function typed by its
annotations with the TypeVars replaced, inferred once per distinct set of types.

A TypeVar is the argument's own type, as CPython runs the body with the value it was
given: bounds and constraints are not checked (CPython does not check them either). A
TypeVar given two different types by one call (`pick(1, 2.5)` for `(a: T, b: T)`) is
E030: a copy typed `float` would turn CPython's `1` into `1.0`. One the call does not
decide (`first([])`, a TypeVar only in the return type, a generic function used as a
value without a typed target) is E032, naming the TypeVar.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from pycomp import ir
from pycomp.diagnostics import Span
from pycomp.generic_deco import CALLABLE_TYPEVAR
from pycomp.types import (
    CallableT,
    ErrT,
    FuncT,
    IterableT,
    ListT,
    PVar,
    Type,
    has_tvars,
)

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer, Inferrer
    from pycomp.lower import Lowerer

# copies of one generic function, at most: more means each copy asks for another
MAX_COPIES = 32


# ------------------------------------------------------------------ lowering


def type_variable(lw: Lowerer, node: Node) -> PVar | None:
    """`T` in an annotation of a plain module function (or a function nested in one):
    the TypeVar as a `PVar`; None elsewhere (a method, a module constant: E011)."""
    if not lw.plain_generic or lw.instance is not None or node.type != "identifier":
        return None
    name = lw.text(node)
    return PVar(name) if lw.typevars.get(name) in ("TypeVar", CALLABLE_TYPEVAR) else None


def declared(lw: Lowerer, definition: Node) -> dict[str, str]:
    """PEP 695 type parameters of a function (`def first[T](...)`, `[N: (int, float)]`,
    `[H: float]`): name -> "TypeVar" (bounds and constraints are not checked, as CPython
    does not check them)."""
    params = definition.child_by_field_name("type_parameters")
    out: dict[str, str] = {}
    if params is None or not lw.plain_generic:
        return out
    for t in lw.named_children(params):
        inner = t.named_children[0] if t.type == "type" and t.named_children else t
        if inner.type == "constrained_type" and inner.named_children:
            inner = inner.named_children[0]
            inner = inner.named_children[0] if inner.type == "type" and \
                inner.named_children else inner
        if inner.type == "identifier":
            out[lw.text(inner)] = "TypeVar"
    return out


# ------------------------------------------------------------------ types


def mentions_pvar(t: object) -> bool:
    if isinstance(t, PVar):
        return True
    if isinstance(t, tuple):
        return any(mentions_pvar(x) for x in t)
    cls = type(t)
    names = _TYPE_FIELDS.get(cls)
    if names is None:
        names = _TYPE_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if (
            dataclasses.is_dataclass(cls) and cls.__module__ == "pycomp.types") else ()
    return any(mentions_pvar(getattr(t, name)) for name in names)


# class -> the fields mentions_pvar looks into (a type's; () for anything else), asked
# of every signature's types
_TYPE_FIELDS: dict[type, tuple[str, ...]] = {}


def is_generic(fn: ir.Function) -> bool:
    return any(mentions_pvar(p.annotation) for p in fn.params) or mentions_pvar(fn.returns)


def type_params(fn: ir.Function) -> list[str]:
    """The function's TypeVars, in the order its signature first names them."""
    out: list[str] = []

    def visit(t: object) -> None:
        if isinstance(t, PVar):
            if t.name not in out:
                out.append(t.name)
        elif isinstance(t, tuple):
            for x in t:
                visit(x)
        elif dataclasses.is_dataclass(t) and type(t).__module__ == "pycomp.types":
            for f in dataclasses.fields(t):
                visit(getattr(t, f.name))

    for p in fn.params:
        visit(p.annotation)
    visit(fn.returns)
    return out


def substituted(x: Any, pv: dict[str, Type]) -> Any:
    """`x` (a type, an IR node, a tuple or list of them) with each TypeVar replaced."""
    if isinstance(x, PVar):
        return pv.get(x.name, x)
    if isinstance(x, (tuple, list)):
        items = [substituted(y, pv) for y in x]
        if all(a is b for a, b in zip(items, x, strict=True)):
            return x
        return tuple(items) if isinstance(x, tuple) else items
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        if type(x).__module__ == "pycomp.types":
            changes = {f.name: new for f in dataclasses.fields(x)
                       if (new := substituted(old := getattr(x, f.name), pv)) is not old}
            return dataclasses.replace(x, **changes) if changes else x
        if type(x).__module__ == "pycomp.ir" and ir.field_names(x):
            x = ir.map_fields(x, lambda y: substituted(y, pv))
            ty = getattr(x, "ty", None)  # a local's annotation (`seen: set[T] = set()`)
            return x if ty is None or (new := substituted(ty, pv)) is ty else \
                dataclasses.replace(x, ty=new)
    return x


def parameter_type(t: Type) -> Type:
    """A parameter's type as a call sees it (`Sequence[T]` takes the list callers pass,
    as Inferrer.signature types it)."""
    return ListT(t.item) if isinstance(t, IterableT) else t


def mangled(t: Type) -> str:
    return re.sub(r"\W+", "_", str(t)).strip("_") or "t"


# ------------------------------------------------------------------ calls


def _bind(fi: FunctionInferrer, pattern: Type, actual: Type, pv: dict[str, Type]) -> None:
    actual = fi.subst.resolve(actual)
    if isinstance(pattern, (CallableT, FuncT)) and isinstance(actual, (CallableT, FuncT)):
        if len(pattern.params) == len(actual.params):
            for p, a in zip((*pattern.params, pattern.ret), (*actual.params, actual.ret),
                            strict=True):
                _bind(fi, p, a, pv)
        return
    fi.match_type(pattern, actual, pv, exact=True)


def _merge(fi: FunctionInferrer, name: str, into: dict[str, Type], found: dict[str, Type],
           why: dict[str, str], what: str, span: Span) -> bool:
    """Add one argument's bindings; E030 where a TypeVar already has another type."""
    for tv, t in found.items():
        t = fi.subst.resolve(t)
        if tv not in into:
            into[tv], why[tv] = t, what
            continue
        old = fi.subst.resolve(into[tv])
        if old == t or isinstance(t, ErrT) or isinstance(old, ErrT):
            continue
        if (has_tvars(old) or has_tvars(t)) and fi.subst.unify(old, t):
            into[tv] = fi.subst.resolve(old)
            continue
        fi.sink.error("E030", f"the type variable `{tv}` of `{name}()` is `{old}` by "
                              f"{why[tv]} and `{t}` by {what}", span,
                      help="CPython runs the function with each value as it is, so pycomp "
                           "compiles a copy per set of argument types and each TypeVar "
                           "stands for one type: pass values of one type (`float(x)`)")
        return False
    return True


def instance(fi: FunctionInferrer, name: str, e: ir.Call,
             typed_args: list[ir.Expr] | None) -> str | None:
    """The copy of the generic function `name` a call runs (made and typed on first
    use); None when the call's types do not decide it (reported)."""
    p: Inferrer = fi.p
    fn = p.generics[name]
    # a nested function's captured variables (pycomp.nested) are typed by the calls
    params = [(q, parameter_type(q.annotation) if q.annotation is not None else
               fi.subst.fresh()) for q in fn.params
              if q.annotation is not None or q.name in fn.captured]
    if len(params) != len(fn.params) or any(q.kind in ("args", "kwargs") for q in fn.params) \
            or any(k.name in ("*", "**") for k in e.keywords):
        fi.sink.error("E002", f"this call of the generic function `{name}` is not supported",
                      e.span, help="a generic function is compiled for calls passing its "
                                   "annotated parameters by position or keyword (no `*args`, "
                                   "`**kwargs`, unpacking)")
        return None
    given: dict[int, ir.Expr] = dict(enumerate(typed_args if typed_args is not None
                                              else e.args))
    positional = [i for i, (q, _) in enumerate(params) if q.kind in ("", "posonly")]
    wrong = f"`{name}()` takes {len(positional)} positional arguments but {len(given)} " \
        "were given" if len(given) > len(positional) else None
    for k in e.keywords:
        idx = next((i for i, (q, _) in enumerate(params) if q.name == k.name and
                    q.kind != "posonly"), None)
        if idx is None:
            wrong = wrong or f"`{name}()` has no parameter `{k.name}`"
        elif idx in given:
            wrong = wrong or f"`{name}()` got several values for `{k.name}`"
        else:
            given[idx] = k.value
    for i, (q, _) in enumerate(params):
        if i not in given and q.default is not None:
            given[i] = q.default
        elif i not in given:
            wrong = wrong or f"`{name}()` is missing the argument `{q.name}`"
    if wrong is not None:
        fi.sink.error("E042", wrong, e.span)
        return None
    mark, snap = len(fi.sink.items), fi.subst.snapshot()
    early = set(p.early)
    pv: dict[str, Type] = {}
    why: dict[str, str] = {}
    ok = True
    # functions last: a lambda's parameters are typed by what the others decided
    order = sorted(given, key=lambda i: isinstance(params[i][1], CallableT))
    for i in order:
        if i >= len(params):
            continue
        q, pattern = params[i]
        if not mentions_pvar(pattern):
            continue
        a = given[i]
        found: dict[str, Type] = {}
        if isinstance(pattern, CallableT) and not (isinstance(a, ir.Name) and a.id in fi.vars):
            # a lambda, a named function, `str.upper`: as the call will make it
            found = dict(pv)  # its parameters' TypeVars decided by the others
            fi.match_callable(pattern, a, found)
        else:
            typed = a if typed_args is not None and i < len(typed_args) else fi.expr(a)
            if isinstance(fi.subst.resolve(typed.ty), ErrT):  # type: ignore[arg-type]
                ok = False
                break
            _bind(fi, pattern, typed.ty, found)  # type: ignore[arg-type]
        found = {k: v for k, v in found.items() if k not in pv or
                 fi.subst.resolve(pv[k]) != fi.subst.resolve(v)}
        if not _merge(fi, name, pv, found, why, f"`{q.name}`", a.span):
            ok = False
            break
    tvs = type_params(fn)
    types = {tv: fi.subst.resolve(pv[tv]) for tv in tvs if tv in pv}
    fi.subst.restore(snap)
    for n in set(p.early) - early:  # inferred with bindings now undone
        del p.early[n]
    if not ok and len(fi.sink.items) > mark and any(
            d.code != "E030" for d in fi.sink.items[mark:]):
        # an argument that does not compile: reported where it is written
        return None
    errors = [d for d in fi.sink.items[mark:] if d.code == "E030" and
              "type variable" in d.message]
    del fi.sink.items[mark:]
    if errors:
        fi.sink.items.extend(errors)
        return None
    if not ok:
        return None
    undecided = [tv for tv in tvs if tv not in types or has_tvars(types[tv])]
    if undecided:
        tv = undecided[0]
        fi.sink.error("E032", f"the type variable `{tv}` of `{name}()` is not decided by "
                              "this call", e.span,
                      help="pycomp compiles a copy of a generic function per set of argument "
                           "types; give the arguments known types (annotate an empty list: "
                           f"`xs: list[int] = []`), or write the concrete type instead of "
                           f"`{tv}`")
        return None
    key = tuple(types[tv] for tv in tvs)
    if (name, key) not in p.generic_copies and \
            sum(n == name for n, _ in p.generic_copies) >= MAX_COPIES:
        fi.sink.error("E002", f"the generic function `{name}` would need more than "
                              f"{MAX_COPIES} copies", e.span,
                      help="each call gives its TypeVars new types (a call inside the function "
                           "passing `[x]` for `x: T`: polymorphic recursion); write the "
                           "concrete types")
        return None
    return p.generic_copy(name, key, e.span)


def copy_note(fn: ir.Function, types: tuple[Type, ...], site: Span) -> str | None:
    """The note on an error in a copy's body: which copy, made for which call (none for
    a call in the generic function itself, its recursion: the first copy's note tells)."""
    if site.file == fn.span.file and fn.span.line <= site.line <= fn.span.end_line:
        return None
    bound = ", ".join(f"{tv} = {t}" for tv, t in zip(type_params(fn), types))
    return f"in the copy of `{fn.name}` for {bound}, made for the call at " \
           f"{site.file}:{site.line}:{site.col}"


def copy_of(fn: ir.Function, types: tuple[Type, ...], name: str) -> ir.Function:
    """The generic function `fn` with its TypeVars (in `type_params` order) bound to
    `types`, named `name`: a private function like any other."""
    pv = dict(zip(type_params(fn), types, strict=True))
    copy = substituted(fn, pv)
    return dataclasses.replace(copy, name=name, is_entry=False)


def instance_name(fn: ir.Function, types: tuple[Type, ...], taken: Any) -> str:
    base = f"{fn.name}__{'__'.join(mangled(t) for t in types)}"
    name, i = base, 1
    while name in taken:
        i += 1
        name = f"{base}_{i}"
    return name


def decided(fi: FunctionInferrer, expected: Type | None) -> bool:
    """Whether a generic function used as a value gets its types from where it goes
    (`key: Callable[[str], int] = first`: a copy for those)."""
    t = fi.subst.resolve(expected) if expected is not None else None
    return isinstance(t, FuncT) and not has_tvars(t) and not mentions_pvar(t)


def undecided_value(fi: FunctionInferrer, name: str, span: Span) -> ir.Expr:
    tv = type_params(fi.p.generics[name])[0]
    fi.sink.error("E032", f"the type variable `{tv}` of the generic function `{name}` used "
                          "as a value is not decided here", span,
                  help="pycomp compiles a copy of a generic function per set of argument "
                       f"types: call it (`lambda x: {name}(x)`), or store it where the type "
                       "is written (`f: Callable[[list[int]], int] = " + name + "`)")
    return ir.Const(None, span, ErrT())
