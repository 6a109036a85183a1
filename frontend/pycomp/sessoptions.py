"""`onnxruntime.SessionOptions`, folded into the session it configures.

Inference code configures a session before creating it:

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(path, sess_options=opts, providers=[...])

An options object is only built, configured and handed to `InferenceSession`, so
this pass rewrites the three into one call that carries each setting as a keyword
of the session op (`so_graph_optimization_level=99`, opslib/onnxruntime.toml): the
session is a resource created once (docs/architecture.md), and its settings are
known where it is made. The values keep their expressions (typed by the op, so a
str given for a thread count is E030 as CPython's TypeError); the enums ONNX
Runtime takes (`GraphOptimizationLevel`, `ExecutionMode`) become their numbers.

Runs on the untyped module after lowering, before resources are hoisted
(pycomp.shared_resources), in function bodies (also `__init__`) and at module
level, where `lower` keeps `opts.x = v` as a `setattr(opts, "x", v)` setup call.
What it cannot fold (the options read, passed elsewhere, changed after the
session is made, a setting pycomp does not compile) is E040 with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.shared_resources import ImportedNames

# The settings compiled, each with the op's keyword and what it takes: "int", "bool",
# or the enum ONNX Runtime's Python API requires (an int there is a TypeError).
SETTINGS: dict[str, str] = {
    "intra_op_num_threads": "int",
    "inter_op_num_threads": "int",
    "graph_optimization_level": "GraphOptimizationLevel",
    "execution_mode": "ExecutionMode",
    "enable_cpu_mem_arena": "bool",
    "enable_mem_pattern": "bool",
    "enable_mem_reuse": "bool",
    "use_deterministic_compute": "bool",
    "log_severity_level": "int",
}
ENUMS: dict[str, dict[str, int]] = {
    "GraphOptimizationLevel": {"ORT_DISABLE_ALL": 0, "ORT_ENABLE_BASIC": 1,
                               "ORT_ENABLE_EXTENDED": 2, "ORT_ENABLE_LAYOUT": 3,
                               "ORT_ENABLE_ALL": 99},
    "ExecutionMode": {"ORT_SEQUENTIAL": 0, "ORT_PARALLEL": 1},
}
KEYWORD_PREFIX = "so_"  # the session op's keywords for the settings


def keyword(setting: str) -> str:
    return KEYWORD_PREFIX + setting


def _is_named(names: ImportedNames, e: ir.Expr, cls: str) -> bool:
    """Whether `e` names `onnxruntime.<cls>` (`ort.SessionOptions`, or imported by name)."""
    return names.qualified(e) == f"onnxruntime.{cls}"


def _enum_value(names: ImportedNames, e: ir.Expr, enum: str) -> int | None:
    """The number of the member of `onnxruntime.<enum>` that `e` names, if it names one."""
    match e:
        case ir.Attribute(value=owner, attr=member) if _is_named(names, owner, enum):
            return ENUMS[enum].get(member)
    return None


def fold_session_options(mod: ir.Module, sink: DiagnosticSink) -> None:
    if not any(i.module == "onnxruntime" for i in mod.imports):
        return
    names = ImportedNames(mod)
    for call in _session_calls((mod.functions, mod.constants, mod.classes), names):
        for k in call.keywords:
            if k.name.startswith(KEYWORD_PREFIX):
                _refuse(sink, k.span, f"`InferenceSession` has no keyword `{k.name}`",
                        "CPython raises TypeError; give the setting through "
                        "`ort.SessionOptions()` as `sess_options`")
    for i, fn in enumerate(mod.functions):
        body = _fold_blocks(fn.body, names, sink)
        if body is not fn.body:
            mod.functions[i] = dataclasses.replace(fn, body=body)
    _fold_module(mod, names, sink)


def _is_options(e: ir.Expr, names: ImportedNames) -> bool:
    return isinstance(e, ir.Call) and _is_named(names, e.func, "SessionOptions")


def _fold_blocks(node: Any, names: ImportedNames, sink: DiagnosticSink) -> Any:
    """`node` with the options of every block in it folded (the same object when there
    are none)."""
    if isinstance(node, tuple):
        if node and all(isinstance(x, _STMTS) for x in node):
            node = _fold_block(node, names, sink)
        items = tuple(_fold_blocks(x, names, sink) for x in node)
        return items if any(a is not b for a, b in zip(items, node)) else node
    if isinstance(node, (*_STMTS, ir.Handler)):
        return ir.map_fields(node, lambda v: _fold_blocks(v, names, sink))
    return node


_STMTS = ir.Stmt.__args__  # type: ignore[attr-defined]


def _rewrite(node: Any, fn: Callable[[Any], Any]) -> Any:
    """`node` with each IR node for which `fn` gives a value replaced by it."""
    new = fn(node)
    if new is not None:
        return new
    if isinstance(node, tuple):
        items = tuple(_rewrite(x, fn) for x in node)
        return items if any(a is not b for a, b in zip(items, node)) else node
    if dataclasses.is_dataclass(node) and type(node).__module__ == ir.__name__:
        return ir.map_fields(node, lambda v: _rewrite(v, fn))
    return node


def _fold_block(body: tuple[ir.Stmt, ...], names: ImportedNames, sink: DiagnosticSink
                ) -> tuple[ir.Stmt, ...]:
    """The options built in this block (`opts = ort.SessionOptions()`), configured by the
    statements after it and given to the sessions made after those, folded into them."""
    out = list(body)
    for start, s in enumerate(body):
        match s:
            case ir.Assign(targets=(ir.NameTarget(id=var),), value=value) \
                    if _is_options(value, names):
                pass
            case _:
                continue
        settings: dict[str, ir.Keyword] = {}
        dropped = {id(s)}
        used = False
        for later in body[start + 1:]:
            match later:
                case ir.Assign(targets=(ir.AttrTarget(value=ir.Name(id=v), attr=attr),),
                               value=value) if v == var:
                    if used:
                        _refuse(sink, later.span, f"`{var}` is changed after a session was "
                                                  "made with it",
                                "configure the options before creating the session")
                        return body
                    kw = _setting(attr, value, later.span, names, sink)
                    if kw is None:
                        return body
                    settings[attr] = kw
                    dropped.add(id(later))
                    continue
            if _mentions(later, var):
                used = True
        rest = [x for x in body[start + 1:] if id(x) not in dropped]
        if not _only_given_to_sessions(rest, var, names, sink, s.span):
            return body
        out = [_with_settings(x, var, tuple(settings.values()), names)
               for x in out if id(x) not in dropped]
        return _fold_block(tuple(out), names, sink)
    return body


def _setting(attr: str, value: ir.Expr, span: Span, names: ImportedNames, sink: DiagnosticSink
             ) -> ir.Keyword | None:
    kind = SETTINGS.get(attr)
    if kind is None:
        _refuse(sink, span, f"the session option `{attr}` is not supported",
                "pycomp compiles the options " + ", ".join(f"`{k}`" for k in SETTINGS) +
                "; remove this one")
        return None
    if kind in ENUMS:
        number = _enum_value(names, value, kind)
        if number is None:
            _refuse(sink, value.span, f"`{attr}` takes an `onnxruntime.{kind}` member "
                                      f"(`ort.{kind}.{next(iter(ENUMS[kind]))}`)",
                    "ONNX Runtime raises TypeError for any other value")
            return None
        value = ir.Const(number, value.span)
    elif isinstance(value, ir.Const):
        if not isinstance(value.value, int):  # (True is an int, 1 a bool to ONNX Runtime)
            _refuse(sink, value.span, f"`{attr}` takes {'a bool' if kind == 'bool' else 'an int'}",
                    "ONNX Runtime raises TypeError for this value")
            return None
        if kind == "bool":
            value = ir.Const(bool(value.value), value.span)
    return ir.Keyword(keyword(attr), value, span)


def _refuse(sink: DiagnosticSink, span: Span, what: str, help: str) -> None:
    sink.error("E040", what, span, help=help)


def _mentions(node: object, var: str) -> bool:
    return any(isinstance(n, ir.Name) and n.id == var for n in ir.walk(node))


def _session_calls(node: object, names: ImportedNames) -> Iterator[ir.Call]:
    for n in ir.walk(node):
        if isinstance(n, ir.Call) and _is_named(names, n.func, "InferenceSession"):
            yield n


def _options_arg(call: ir.Call, var: str) -> bool:
    """Whether the session call is given the options `var` (second argument or
    `sess_options=`)."""
    return len(call.args) > 1 and isinstance(call.args[1], ir.Name) and \
        call.args[1].id == var or any(k.name == "sess_options" and isinstance(k.value, ir.Name)
                                      and k.value.id == var for k in call.keywords)


def _only_given_to_sessions(stmts: object, var: str, names: ImportedNames, sink: DiagnosticSink,
                            span: Span) -> bool:
    """Whether every read of `var` is the options argument of a session call."""
    given = sum(1 for c in _session_calls(stmts, names) if _options_arg(c, var))
    reads = sum(1 for n in ir.walk(stmts) if isinstance(n, ir.Name) and n.id == var)
    if given and given == reads:
        return True
    _refuse(sink, span, "an `onnxruntime.SessionOptions` compiles only when it is configured "
                        "(`opts.x = v`) and given to `InferenceSession`",
            "pycomp folds the options into the session they configure: use them only as "
            "the `sess_options` of `InferenceSession` calls")
    return False


def _with_settings(node: Any, var: str, settings: tuple[ir.Keyword, ...],
                   names: ImportedNames) -> Any:
    """`node` with each session call given `var` carrying the settings instead."""
    def fold(call: ir.Call) -> ir.Call:
        args = call.args
        if len(args) > 1 and isinstance(args[1], ir.Name) and args[1].id == var:
            args = args[:1] + args[2:]
        kws = tuple(k for k in call.keywords if k.name != "sess_options")
        return dataclasses.replace(call, args=args, keywords=kws + settings)

    return _rewrite(node, lambda n: fold(n) if isinstance(n, ir.Call) and  # type: ignore[no-any-return]
                    _is_named(names, n.func, "InferenceSession") and _options_arg(n, var) else None)


def _fold_module(mod: ir.Module, names: ImportedNames, sink: DiagnosticSink) -> None:
    """Module-level options: a constant `OPTS = ort.SessionOptions()`, its settings (the
    setup calls `setattr(OPTS, "x", v)` that `lower` keeps) and the module-level
    sessions given it."""
    for c in list(mod.constants):
        if not _is_options(c.value, names):
            continue
        settings: list[ir.Keyword] = []
        sets = []
        for s in mod.setup:
            match s.value:
                case ir.Call(func=ir.Name(id="setattr"),
                             args=(ir.Name(id=v), ir.Const(value=str(attr)), value)) \
                        if v == c.name:
                    kw = _setting(attr, value, s.span, names, sink)
                    if kw is None:
                        return
                    settings.append(kw)
                    sets.append(s)
        sessions = [k for k in mod.constants if k is not c and _mentions(k.value, c.name)]
        users = [f for f in mod.functions if _mentions(f.body, c.name)]
        if users or not _only_given_to_sessions([k.value for k in sessions], c.name, names,
                                                sink, c.span):
            if users:
                _only_given_to_sessions([], c.name, names, sink, users[0].span)
            return
        mod.setup[:] = [s for s in mod.setup if s not in sets]
        mod.constants[:] = [
            dataclasses.replace(k, value=_with_settings(k.value, c.name, tuple(settings), names))
            if k in sessions else k for k in mod.constants if k is not c]
