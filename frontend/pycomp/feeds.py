"""feeds: a model's inputs built into a variable before `session.run`.

Users write

    feeds = {"input_ids": ids, "attention_mask": mask}
    out = session.run(None, feeds)[0]

A session's inputs have different dtypes, so `feeds` has no single compiled
type; the run is typed from the dict literal itself. When a function binds a
name exactly once, to a dict literal with string keys, and reads it only as
the inputs of `.run(...)` calls, this lowering step gives each value its own
variable, assigned where the literal was (the same evaluation order), and
rebuilds the literal at every call from those variables. Anything else about
such a name is left as written (infer then asks for a literal, E042).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pycomp import ir


def inline_feed_dicts(fn: ir.Function) -> ir.Function:
    candidates = _single_dict_bindings(fn)
    if not candidates:
        return fn
    uses: dict[str, int] = {}
    feeds_uses: dict[str, int] = {}
    _count_reads(fn.body, uses, feeds_uses)
    chosen = {name: lit for name, lit in candidates.items()
              if uses.get(name, 0) > 0 and uses[name] == feeds_uses.get(name, 0)}
    if not chosen:
        return fn
    body: tuple[ir.Stmt, ...] = _rewrite(fn.body, chosen)
    return dataclasses.replace(fn, body=body)


def _key(k: ir.Expr, position: int) -> str:
    """The slot's suffix: the input's name, or the key's position where a constant or
    the session names the input (`{input_name: x}`, sessionrun.io_names)."""
    return k.value if isinstance(k, ir.Const) and isinstance(k.value, str) else f"#{position}"


def _named_key(k: ir.Expr) -> bool:
    """A key naming an input: a literal, or a read infer may resolve when compiling."""
    return isinstance(k, ir.Const) and isinstance(k.value, str) or isinstance(
        k, (ir.Name, ir.Attribute))


def _slot(name: str, key: str) -> str:
    # `→` cannot appear in a Python identifier: no user name is ever spelled so
    return f"{name}→{key}"


def _single_dict_bindings(fn: ir.Function) -> dict[str, ir.DictLit]:
    bound: dict[str, int] = {p.name: 2 for p in fn.params}
    dicts: dict[str, ir.DictLit] = {}
    for node in ir.walk(fn.body):
        if isinstance(node, ir.NameTarget):
            bound[node.id] = bound.get(node.id, 0) + 1
        elif isinstance(node, ir.Assign) and len(node.targets) == 1:
            t, v = node.targets[0], node.value
            if isinstance(t, ir.NameTarget) and isinstance(v, ir.DictLit) and v.keys and all(
                    _named_key(k) for k in v.keys):
                dicts[t.id] = v
    return {n: d for n, d in dicts.items() if bound.get(n) == 1}


def _is_run(call: ir.Call) -> bool:
    return isinstance(call.func, ir.Attribute) and call.func.attr == "run"


def _count_reads(node: object, uses: dict[str, int], feeds_uses: dict[str, int]) -> None:
    for x in ir.walk(node):
        if isinstance(x, ir.Name):
            uses[x.id] = uses.get(x.id, 0) + 1
        elif isinstance(x, ir.Call) and _is_run(x):
            for a in _feeds_args(x):
                if isinstance(a, ir.Name):
                    feeds_uses[a.id] = feeds_uses.get(a.id, 0) + 1


def _feeds_args(call: ir.Call) -> list[ir.Expr]:
    out = list(call.args[1:2])
    out += [k.value for k in call.keywords if k.name == "input_feed"]
    return out


def _rewrite(node: Any, chosen: dict[str, ir.DictLit]) -> Any:
    if isinstance(node, tuple):
        out: list[Any] = []
        for x in node:
            if isinstance(x, ir.Assign) and len(x.targets) == 1 and isinstance(
                    x.targets[0], ir.NameTarget) and x.targets[0].id in chosen:
                name = x.targets[0].id
                lit = chosen[name]
                for i, (k, v) in enumerate(zip(lit.keys, lit.values)):
                    slot = _slot(name, _key(k, i))
                    out.append(ir.Assign((ir.NameTarget(slot, v.span),),
                                         _rewrite(v, chosen), x.span))
            else:
                out.append(_rewrite(x, chosen))
        return tuple(out)
    if isinstance(node, list):
        return [_rewrite(x, chosen) for x in node]
    if isinstance(node, ir.Call) and _is_run(node):
        node = dataclasses.replace(
            node,
            args=tuple(_feeds_literal(a, chosen) if i == 1 else a
                       for i, a in enumerate(node.args)),
            keywords=tuple(dataclasses.replace(k, value=_feeds_literal(k.value, chosen))
                           if k.name == "input_feed" else k for k in node.keywords))
    if not ir.field_names(node) or isinstance(node, ir.Span):
        return node
    return ir.map_fields(node, lambda v: _rewrite(v, chosen))


def _feeds_literal(arg: ir.Expr, chosen: dict[str, ir.DictLit]) -> ir.Expr:
    if not isinstance(arg, ir.Name) or arg.id not in chosen:
        return arg
    lit = chosen[arg.id]
    values = tuple(ir.Name(_slot(arg.id, _key(k, i)), arg.span) for i, k in enumerate(lit.keys))
    return ir.DictLit(lit.keys, values, arg.span)
