"""Resources a class creates in `__init__`, hoisted to module-level resources.

Takes the lowered (untyped) module and changes it in place, before inference.
The common shape of inference code wraps the model in a class built once at
module level:

    class Embedder:
        def __init__(self, model_dir: str, max_length: int = 128) -> None:
            self.tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
            self.tokenizer.enable_truncation(max_length=max_length)
    embedder = Embedder("model")

When every instance of such a class is built at module level with literal
arguments, the arguments are propagated into `__init__`: the path of each
resource its top-level statements create (`self.F = <resource>(...)`) becomes a
literal (f-strings, `+` and `os.path.join` of constants are folded), the resource
becomes a module-level resource `Class.F` (created once, shared by every thread,
docs/architecture.md), the calls configuring it right after (`self.F.m(...)`)
become its module-level setup, and the field `F` is replaced by that resource
(`ClassDef.shared`: reading `obj.F` reads it). Every instance then refers to the
same resource, which no function may change (E050), so no program can tell the
difference from one resource per instance.

Where that cannot be done (the class is also built inside a function, has a
subclass, or is given an argument that is not a literal) and a resource path
depends on `__init__`'s parameters, E012 says what to write instead.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.names import cached_instance_name
from pycomp.opslib import OpLibrary

# a Path (`pathlib.Path(__file__).parent`) is folded as a PurePosixPath
Literal = int | float | str | bytes | bool | None | PurePosixPath


def resource_file(source: str, literal: str) -> Path:
    """The file a resource initialiser's literal path names: relative to the folder of
    the source file `source`, resolved (the key its bundled copy is found by)."""
    p = Path(literal)
    if not p.is_absolute():
        p = Path(source).resolve().parent / p
    return p.resolve()


class _NotLiteral(Exception):
    """A value needed at compile time is not known there."""

    def __init__(self, span: Span, what: str):
        super().__init__(what)
        self.span = span
        self.what = what


@dataclasses.dataclass
class _Hoist:
    """One resource field of a class: its creating and configuring statements."""

    attr: str
    create: ir.Assign
    configure: list[ir.ExprStmt]


def hoist_instance_resources(mod: ir.Module, lib: OpLibrary, sink: DiagnosticSink) -> None:
    resource_ops = {op.name for op in lib.ops if any(p.is_path for p in op.params)}
    _cached_instances_to_constants(mod)
    names = ImportedNames(mod)
    for i, cls in enumerate(mod.classes):
        init = mod.function(f"{cls.name}.__init__")
        if init is None or cls.kind != "class" or not init.params:
            continue
        self_name = init.params[0].name
        hoists = _resource_fields(init, self_name, resource_ops, names)
        if not hoists:
            _share_passed_resources(mod, i, init, resource_ops, names)
            continue
        params = {p.name for p in init.params[1:]}
        needs_args = any(_mentions(h.create.value, params | _locals(init)) for h in hoists)
        refusal = _why_not_hoisted(mod, cls)
        if refusal is not None:
            if needs_args:
                span, why = refusal
                sink.error("E012", f"`{cls.name}` creates a resource from its arguments in "
                                   f"`__init__`, and {why}", span,
                           help=f"build `{cls.name}` only at module level, with literal "
                                f"arguments (`model = {cls.name}(\"model\")`), and use that "
                                "instance in functions; or create the resource at module "
                                "level from a literal path and pass it in")
            continue
        sites = [call for c in mod.constants for call in _calls_of(c.value, cls.name)]
        if not sites:
            continue
        try:
            built = [_fold_construction(init, call, hoists, names, mod) for call in sites]
        except _NotLiteral as e:
            sink.error("E012", f"{e.what} must be known when compiling: `{cls.name}` creates a "
                               "resource from it in `__init__`", e.span,
                       help="pass a string or number literal, or a module constant that is one "
                            "(the resource file is bundled at compile time)")
            continue
        first = built[0]
        for other, call in zip(built[1:], sites[1:]):
            if other != first:
                sink.error("E012", f"two instances of `{cls.name}` would create different "
                                   "resources", call.span,
                           help="build one instance at module level and share it, or create "
                                "each resource at module level and pass it in")
                break
        else:
            _rewrite(mod, i, init, hoists, first, names)


def _cached_instances_to_constants(mod: ir.Module) -> None:
    """`@functools.cache` (or `lru_cache`) on a function without parameters that builds
    an instance of a module class (`def get_embedder() -> Embedder: return
    Embedder(MODEL_DIR)`, the lazily loaded model of inference code): the instance
    becomes a module-level one (`cached_instance_name`), which the function returns.

    CPython builds it at the first call and hands every later call the same object;
    a module-level instance is built at its first use too, and is read-only in
    functions (E050, also through the function's result), so no program can tell
    one object from the per-thread copies a module-level instance is. An exception
    the constructor raises is raised by every call, as CPython's cache, which keeps
    no exception, raises it again at each call. Its resources are then hoisted as
    any module-level instance's are."""
    classes = {c.name for c in mod.classes if c.kind == "class"}
    # `f.cache_info()`, `f.cache_clear()`: the cache is observed, it stays a cache
    observed = {n.value.id for f in mod.functions for n in ir.walk(f.body)
                if isinstance(n, ir.Attribute) and isinstance(n.value, ir.Name)}
    for i, fn in enumerate(mod.functions):
        if fn.cache is None or fn.params or fn.owner is not None or fn.is_generator or \
                fn.name in observed:
            continue
        match fn.body:
            case (ir.Return(value=ir.Call(func=ir.Name(id=cls)) as call, span=span),) \
                    if cls in classes:
                name = cached_instance_name(fn.name)
                mod.constants.append(ir.Constant(name, call, fn.returns, call.span))
                mod.functions[i] = dataclasses.replace(
                    fn, cache=None, body=(ir.Return(ir.Name(name, call.span), span),))


def _share_passed_resources(mod: ir.Module, index: int, init: ir.Function,
                            resource_ops: set[str], names: ImportedNames) -> None:
    """`self.F = tok` in `__init__`, where every construction of the class (all at
    module level) passes the same module-level resource for `tok`
    (`Encoder(tokenizer, session)`): the field is that resource, read where `obj.F` is
    read (`ClassDef.shared`), as the hoisted ones are. CPython's instance holds the very
    object the module does, so sharing it is what CPython does."""
    cls = mod.classes[index]
    if _why_not_hoisted(mod, cls) is not None:
        return
    sites = [call for c in mod.constants for call in _calls_of(c.value, cls.name)]
    resources = {c.name for c in mod.constants if isinstance(c.value, ir.Call)
                 and names.qualified(c.value.func) in resource_ops}
    if not sites or not resources:
        return
    self_name = init.params[0].name
    params = [p.name for p in init.params[1:]]
    reads = [n.id for n in ir.walk(init.body) if isinstance(n, ir.Name)]
    shared: list[tuple[str, str]] = []
    moved: set[int] = set()
    for st in init.body:
        match st:
            case ir.Assign(targets=(ir.AttrTarget(value=ir.Name(id=who), attr=attr),),
                           value=ir.Name(id=param)) if who == self_name and \
                    param in params and reads.count(param) == 1:
                passed = {_argument(call, params.index(param), param) for call in sites}
                if len(passed) == 1 and (name := passed.pop()) in resources:
                    shared.append((attr, name))
                    moved.add(id(st))
    if not shared:
        return
    attrs = {attr for attr, _ in shared}
    mod.classes[index] = dataclasses.replace(
        cls, fields=tuple(f for f in cls.fields if f.name not in attrs),
        shared=cls.shared + tuple(shared))
    mod.functions[mod.functions.index(init)] = dataclasses.replace(
        init, body=tuple(s for s in init.body if id(s) not in moved))


def _argument(call: ir.Call, position: int, name: str) -> str | None:
    """The module-level name a construction passes for a parameter, if it is a name."""
    given = call.args[position] if position < len(call.args) else next(
        (k.value for k in call.keywords if k.name == name), None)
    return given.id if isinstance(given, ir.Name) else None


def fold_module_resource_paths(mod: ir.Module, lib: OpLibrary, sink: DiagnosticSink) -> None:
    """The path arguments of the module-level resources computed from module constants
    and `__file__` (`Tokenizer.from_file(f"{MODEL_DIR}/tokenizer.json")`,
    `os.path.join(os.path.dirname(__file__), "model.onnx")`, `Path(__file__).parent /
    "model.onnx"`), folded into literals: a resource file is bundled at compile time. A
    resource is created when the module is loaded, before any function could rebind a
    constant, so each constant's value is the one CPython uses. A constant computing a
    path (`HERE = os.path.dirname(__file__)`) that nothing reads once the paths are
    folded is dropped: what it would hold at run time is not the compile-time folder.

    A path read from the environment (`Path(os.environ.get("MODEL_DIR", "model"))`) is
    read when building, as the files are bundled then: W005 says so where a resource
    is found through it."""
    resource_ops = {op.name for op in lib.ops if any(p.is_path for p in op.params)}
    names = ImportedNames(mod)
    scope: dict[str, Literal | _NotLiteral] = dict(_literal_constants(mod))
    scope["__file__"] = str(Path(mod.file).resolve())
    path_constants: set[str] = set()
    sources: dict[str, ir.Expr] = {}  # a folded path constant -> its expression
    found_through: list[ir.Expr] = []  # the resources' path arguments, as written
    for i, c in enumerate(mod.constants):
        call = c.value
        if not isinstance(call, ir.Const) and _path_expr(call, names):
            value = _path_of(call, scope, names)  # a Path stays a Path (`BASE / "x"`)
            if value is not None:
                scope[c.name] = value
                path_constants.add(c.name)
                sources[c.name] = call
            continue
        if not (isinstance(call, ir.Call) and names.qualified(call.func) in resource_ops):
            continue
        found_through.extend((*call.args, *(k.value for k in call.keywords)))
        args = tuple(_folded_path(a, scope, names) for a in call.args)
        keywords = tuple(dataclasses.replace(k, value=_folded_path(k.value, scope, names))
                         for k in call.keywords)
        mod.constants[i] = dataclasses.replace(
            c, value=dataclasses.replace(call, args=args, keywords=keywords))
    _warn_environment_reads(found_through, sources, names, sink)
    while path_constants:
        read = {n.id for n in ir.walk((mod.functions, mod.classes, mod.setup,
                                       [c.value for c in mod.constants]))
                if isinstance(n, ir.Name)}
        unread = path_constants - read
        if not unread:
            break
        mod.constants[:] = [c for c in mod.constants if c.name not in unread]
        path_constants -= unread


def _warn_environment_reads(found_through: list[ir.Expr], sources: dict[str, ir.Expr],
                            names: ImportedNames, sink: DiagnosticSink) -> None:
    """W005 at each environment read a resource's path was folded through (directly or
    through path constants): the bundle carries the files found when building."""
    seen: set[str] = set()
    todo = list(found_through)
    reads: list[ir.Call] = []
    while todo:
        e = todo.pop()
        for n in ir.walk(e):
            if isinstance(n, ir.Name) and n.id in sources and n.id not in seen:
                seen.add(n.id)
                todo.append(sources[n.id])
            elif isinstance(n, ir.Call) and names.qualified(n.func) in _ENV_READS:
                reads.append(n)
    for call in sorted(set(reads), key=lambda c: (c.span.line, c.span.col)):
        key = str(call.args[0].value) if isinstance(call.args[0], ir.Const) else "?"
        value = os.environ.get(key)
        now = f"set to {value!r}" if value is not None else "unset: the default is used"
        sink.warning("W005", f"the environment variable {key} is read when pycomp builds the "
                             f"bundle ({now} now), not when the bundle runs", call.span,
                     help="the model or tokenizer files found through it are bundled then; "
                          "to bundle other files, set it for `pycomp build` (a bundle "
                          "never reads model files from the path at run time)")


def _folded_path(e: ir.Expr, scope: dict[str, Literal | _NotLiteral],
                 names: ImportedNames) -> ir.Expr:
    """`e` as a string literal where it computes a path from literals, constants and
    `__file__`, else `e` unchanged (inference then says what it needs)."""
    if isinstance(e, ir.Const) or not _path_expr(e, names):
        return e
    value = _path_of(e, scope, names)
    return e if value is None else ir.Const(str(value), e.span)


def _path_of(e: ir.Expr, scope: dict[str, Literal | _NotLiteral],
             names: ImportedNames) -> str | PurePosixPath | None:
    """The path `e` computes when compiling, or None where it needs a run-time value."""
    try:
        v = _fold(e, scope, names)
    except _NotLiteral:
        return None
    return v.value if isinstance(v, ir.Const) and isinstance(v.value, (str, PurePosixPath)) \
        else None


def _rewrite(mod: ir.Module, index: int, init: ir.Function, hoists: list[_Hoist],
             folded: list[tuple[ir.Expr, list[ir.ExprStmt]]], names: ImportedNames) -> None:
    cls = mod.classes[index]
    moved: set[int] = set()
    shared = []
    constants = []
    for h, (value, setup) in zip(hoists, folded):
        key = f"{cls.name}.{h.attr}"
        constants.append(ir.Constant(key, value, None, h.create.span))
        mod.setup.extend(setup)
        shared.append((h.attr, key))
        moved.add(id(h.create))
        moved.update(id(s) for s in h.configure)
    attrs = {h.attr for h in hoists}
    mod.constants[:0] = constants  # a literal call: it depends on no other constant
    mod.classes[index] = dataclasses.replace(
        cls, fields=tuple(f for f in cls.fields if f.name not in attrs), shared=tuple(shared))
    body = tuple(s for s in init.body if id(s) not in moved)
    # a local that named a resource's path (`path = os.path.join(...)`) and is read no more
    read = {n.id for n in ir.walk(body) if isinstance(n, ir.Name)}
    body = tuple(s for s in body if not (
        isinstance(s, ir.Assign) and len(s.targets) == 1 and _path_expr(s.value, names)
        and isinstance(s.targets[0], ir.NameTarget) and s.targets[0].id not in read))
    mod.functions[mod.functions.index(init)] = dataclasses.replace(init, body=body)


def _resource_fields(init: ir.Function, self_name: str, resource_ops: set[str],
                     names: ImportedNames) -> list[_Hoist]:
    """The top-level `self.F = <resource>(...)` of `__init__` and the calls on `self.F`
    that follow them at top level."""
    out: dict[str, _Hoist] = {}
    for s in init.body:
        match s:
            case ir.Assign(targets=(ir.AttrTarget(value=ir.Name(id=who), attr=attr),),
                           value=ir.Call(func=func)) if who == self_name and \
                    names.qualified(func) in resource_ops and attr not in out:
                out[attr] = _Hoist(attr, s, [])
            case ir.ExprStmt(value=ir.Call(func=ir.Attribute(value=ir.Attribute(
                    value=ir.Name(id=who), attr=attr)))) if who == self_name and attr in out:
                out[attr].configure.append(s)
    return list(out.values())


def _why_not_hoisted(mod: ir.Module, cls: ir.ClassDef) -> tuple[Span, str] | None:
    """Where the class is built other than at module level (or subclassed), if anywhere."""
    for other in mod.classes:
        if other.base == cls.name:
            return other.span, f"has a subclass `{other.name}`"
    for fn in mod.functions:
        alias = cls.name
        if fn.owner == cls.name and fn.decorator and fn.decorator.startswith("classmethod:"):
            alias = fn.decorator.split(":", 1)[1]
        for node in ir.walk(fn.body):
            if isinstance(node, ir.Call) and isinstance(node.func, ir.Name) and \
                    node.func.id in (cls.name, alias):
                return node.span, f"is built inside `{fn.name}`"
    return None


def _calls_of(e: ir.Expr, cls: str) -> list[ir.Call]:
    return [n for n in ir.walk(e) if isinstance(n, ir.Call) and isinstance(n.func, ir.Name)
            and n.func.id == cls]


def _fold_construction(init: ir.Function, call: ir.Call, hoists: list[_Hoist],
                       names: ImportedNames, mod: ir.Module
                       ) -> list[tuple[ir.Expr, list[ir.ExprStmt]]]:
    """Each resource's creating call and configuring calls with `__init__`'s parameters
    replaced by the literal arguments of `call` (a module-level construction)."""
    consts = _literal_constants(mod)
    env: dict[str, Literal | _NotLiteral] = {}
    params = init.params[1:]
    for p, a in zip(params, call.args):
        env[p.name] = _value_or_reason(a, consts, {}, names, f"the argument `{p.name}`")
    for k in call.keywords:
        env[k.name] = _value_or_reason(k.value, consts, {}, names, f"the argument `{k.name}`")
    for p in params:
        if p.name not in env and p.default is not None:
            env[p.name] = _value_or_reason(p.default, consts, {}, names, f"`{p.name}`")
    # top-level locals of `__init__` assigned before the resources (`path = f"..."`)
    scope = {**consts, **env, init.params[0].name: _NotLiteral(call.span, "the instance")}
    first = min(init.body.index(h.create) for h in hoists)
    for s in init.body[:first]:
        if isinstance(s, ir.Assign) and len(s.targets) == 1 and \
                isinstance(s.targets[0], ir.NameTarget):
            scope[s.targets[0].id] = _value_or_reason(s.value, consts, scope, names,
                                                      f"`{s.targets[0].id}`")
    out = []
    for h in hoists:
        value = _fold(h.create.value, scope, names)
        setup = []
        for st in h.configure:
            c = st.value
            assert isinstance(c, ir.Call) and isinstance(c.func, ir.Attribute)
            recv = ir.Name(f"{init.owner}.{h.attr}", c.func.value.span)
            folded = _fold(c, scope, names)
            assert isinstance(folded, ir.Call)
            setup.append(ir.ExprStmt(dataclasses.replace(
                folded, func=dataclasses.replace(c.func, value=recv)), st.span))
        out.append((value, setup))
    return out


def _value_or_reason(e: ir.Expr, consts: dict[str, Literal | _NotLiteral],
                     scope: dict[str, Literal | _NotLiteral], names: ImportedNames,
                     what: str) -> Literal | _NotLiteral:
    try:
        v = _fold(e, {**consts, **scope}, names)
    except _NotLiteral:
        return _NotLiteral(e.span, what)
    if isinstance(v, ir.Const):
        return v.value
    return _NotLiteral(e.span, what)


def _literal_constants(mod: ir.Module) -> dict[str, Literal | _NotLiteral]:
    return {c.name: c.value.value for c in mod.constants if isinstance(c.value, ir.Const)}


def _fold(e: ir.Expr, scope: dict[str, Literal | _NotLiteral], names: ImportedNames
          ) -> ir.Expr:
    """`e` with the names of `scope` replaced by their values, and the string operations
    of paths (f-strings, `+`, `os.path.join`) on literals computed."""
    match e:
        case ir.Name(id=name) if name in scope:
            v = scope[name]
            if isinstance(v, _NotLiteral):
                raise v
            return ir.Const(v, e.span)  # type: ignore[arg-type]  # a folded Path, too
        case ir.FString(parts=parts):
            text = []
            for p in parts:
                if isinstance(p, str):
                    text.append(p)
                    continue
                part = _fold(p.value, scope, names)
                if not isinstance(part, ir.Const) or not isinstance(p.spec, (str, type(None))):
                    raise _NotLiteral(p.span, "this value")
                x = part.value
                x = repr(x) if p.conversion == "r" else str(x) if p.conversion == "s" else x
                text.append(format(x, p.spec or ""))
            return ir.Const("".join(text), e.span)
        case ir.BinOp(op="+", left=left, right=right):
            a, b = _fold(left, scope, names), _fold(right, scope, names)
            if isinstance(a, ir.Const) and isinstance(b, ir.Const) and \
                    isinstance(a.value, str) and isinstance(b.value, str):
                return ir.Const(a.value + b.value, e.span)
            return dataclasses.replace(e, left=a, right=b)
        case ir.BinOp(op="/", left=left, right=right):
            a, b = _fold(left, scope, names), _fold(right, scope, names)
            if isinstance(a, ir.Const) and isinstance(b, ir.Const) and isinstance(
                    a.value, (str, PurePosixPath)) and isinstance(b.value, (str, PurePosixPath)) \
                    and PurePosixPath in (type(a.value), type(b.value)):
                return ir.Const(PurePosixPath(a.value) / b.value, e.span)  # type: ignore
            raise _NotLiteral(e.span, "this value")
        case ir.Attribute(value=v, attr="parent" | "name" as attr):
            base = _fold(v, scope, names)
            if isinstance(base, ir.Const) and isinstance(base.value, PurePosixPath):
                return ir.Const(base.value.parent if attr == "parent" else base.value.name,
                                e.span)  # type: ignore[arg-type]
            raise _NotLiteral(e.span, "this value")
        case ir.Call(func=ir.Attribute(value=v, attr=method), args=args, keywords=()) if \
                method in _PATH_METHODS and names.qualified(e.func) is None:
            base = _fold(v, scope, names)
            pieces = [_path_value(_fold(a, scope, names)) for a in args]
            if not (isinstance(base, ir.Const) and isinstance(base.value, PurePosixPath)):
                raise _NotLiteral(e.span, "this value")
            # resolve()/absolute(): a relative path stays relative to the source's folder,
            # where pycomp looks for resource files
            folded_path = base.value.joinpath(*pieces) if method == "joinpath" else base.value
            return ir.Const(folded_path, e.span)  # type: ignore[arg-type]
        case ir.Call(func=func, args=args, keywords=()) if names.qualified(func) in _ENV_READS:
            read = [_fold(a, scope, names) for a in args]
            if not all(isinstance(v, ir.Const) and isinstance(v.value, str) for v in read) or \
                    not 1 <= len(read) <= 2:
                raise _NotLiteral(e.span, "this value")
            key, *default = (str(v.value) for v in read)  # type: ignore[union-attr]
            found = os.environ.get(key, *default)
            if found is None:
                raise _NotLiteral(e.span, f"the environment variable {key} (unset when "
                                          "building, and no default)")
            return ir.Const(found, e.span)
        case ir.Call(func=func, args=args, keywords=()) if _path_function(func, names):
            vals = [_path_value(_fold(a, scope, names)) for a in args]
            fn = _path_function(func, names)
            if fn in ("pathlib.Path", "pathlib.PurePath"):
                return ir.Const(PurePosixPath(*vals), e.span)  # type: ignore[arg-type]
            if fn in ("str", "os.fspath") and len(vals) == 1:
                return ir.Const(str(vals[0]), e.span)
            text = [str(v) for v in vals]
            if fn == "os.path.join" and text:
                return ir.Const(posixpath.join(*text), e.span)
            if len(text) == 1 and fn in _PATH_FUNCTIONS:
                return ir.Const(_PATH_FUNCTIONS[fn](text[0]), e.span)
            raise _NotLiteral(e.span, "this value")
        case ir.Call(func=func, args=args, keywords=kws):
            folded = tuple(_fold(a, scope, names) for a in args)
            return dataclasses.replace(e, args=folded, keywords=tuple(
                dataclasses.replace(k, value=_fold(k.value, scope, names))
                for k in kws))
        case ir.ListLit(elts=elts) | ir.TupleLit(elts=elts):
            return dataclasses.replace(e, elts=tuple(_fold(x, scope, names)
                                                     for x in elts))
        case ir.Const():
            return e
    if _mentions(e, set(scope)):
        raise _NotLiteral(e.span, "this value")
    return e


# One-argument path functions of `os.path` folded at compile time. `abspath` and
# `realpath` of a relative path keep it relative: pycomp resolves it against the
# source's folder, the folder CPython's `__file__`-based paths name.
_PATH_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "os.path.dirname": posixpath.dirname,
    "os.path.basename": posixpath.basename,
    "os.path.normpath": posixpath.normpath,
    "os.path.abspath": posixpath.normpath,
    "os.path.realpath": posixpath.normpath,
    "os.path.expanduser": lambda p: p,
}
_PATH_METHODS = ("resolve", "absolute", "joinpath")
# reads of the environment a resource path may be computed from (pycomp builds with
# the value it has then: W005)
_ENV_READS = ("os.environ.get", "os.getenv")


def _path_function(func: ir.Expr, names: ImportedNames) -> str | None:
    """The path-computing function `func` names (`os.path.join`, `pathlib.Path`, `str`)."""
    if isinstance(func, ir.Name) and func.id == "str" and func.id not in names.from_names:
        return "str"
    q = names.qualified(func)
    if q in _PATH_FUNCTIONS or q in ("os.path.join", "os.fspath", "pathlib.Path",
                                     "pathlib.PurePath"):
        return q
    return None


def _path_value(e: ir.Expr) -> str | PurePosixPath:
    if isinstance(e, ir.Const) and isinstance(e.value, (str, PurePosixPath)):
        return e.value
    raise _NotLiteral(e.span, "this value")


def _path_expr(e: ir.Expr, names: ImportedNames) -> bool:
    """`e` only computes a path from names: f-strings, `+`, `os.path` functions,
    `pathlib.Path` with `/`, `.parent`, `.resolve()`."""
    match e:
        case ir.Const() | ir.Name():
            return True
        case ir.FString(parts=parts):
            return all(isinstance(p, str) or _path_expr(p.value, names) for p in parts)
        case ir.BinOp(op="+" | "/", left=a, right=b):
            return _path_expr(a, names) and _path_expr(b, names)
        case ir.Attribute(value=v, attr="parent" | "name"):
            return _path_expr(v, names)
        case ir.Call(func=ir.Attribute(value=v, attr=method), args=args, keywords=()) if \
                method in _PATH_METHODS and names.qualified(e.func) is None:
            return _path_expr(v, names) and all(_path_expr(a, names) for a in args)
        case ir.Call(func=func, args=args, keywords=()):
            return (_path_function(func, names) is not None
                    or names.qualified(func) in _ENV_READS) and all(
                _path_expr(a, names) for a in args)
    return False


def _mentions(e: object, names: set[str]) -> bool:
    return any(isinstance(n, ir.Name) and n.id in names for n in ir.walk(e))


def _locals(fn: ir.Function) -> set[str]:
    return {t.id for s in fn.body if isinstance(s, ir.Assign) for t in s.targets
            if isinstance(t, ir.NameTarget)}


class ImportedNames:
    """The dotted names of the module's imports (`ort.InferenceSession` ->
    "onnxruntime.InferenceSession")."""

    def __init__(self, mod: ir.Module):
        self.modules: dict[str, str] = {}
        self.from_names: dict[str, str] = {}
        for imp in mod.imports:
            if imp.names:
                for n in imp.names:
                    self.from_names[n] = imp.module
            else:
                self.modules[imp.alias] = imp.module

    def qualified(self, e: ir.Expr) -> str | None:
        match e:
            case ir.Name(id=name):
                if name in self.modules:
                    return self.modules[name]
                if name in self.from_names:
                    return f"{self.from_names[name]}.{name}"
            case ir.Attribute(value=v, attr=attr):
                base = self.qualified(v)
                return f"{base}.{attr}" if base is not None else None
        return None
