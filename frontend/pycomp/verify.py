"""verify: checks the invariants of the typed IR between infer and emit.

After infer every expression has a type free of inference variables, and no
untyped call, operator or attribute is left: each became an `OpCall`, a
`UserCall` or a `Coerce`. A failure here is a pycomp bug, never the user's.
"""

from __future__ import annotations

from typing import Any

from pycomp import ir
from pycomp.diagnostics import InternalError
from pycomp.types import has_tvars

UNRESOLVED = frozenset({ir.Call, ir.BinOp, ir.Attribute, ir.Slice, ir.DeferredTruth})


def verify_module(mod: ir.Module) -> None:
    for c in mod.constants:
        _check(c.value)
    for fn in mod.functions:
        if fn.returns is None or has_tvars(fn.returns):
            raise InternalError(f"function {fn.name} has no resolved return type", fn.span)
        for p in fn.params:
            if p.annotation is None:
                raise InternalError(f"parameter {p.name} has no type", p.span)
        _check(fn.body)  # the whole body: its walk is shared with later passes


def _check(root: Any) -> None:
    node: Any
    for node in ir.walk(root):
        if type(node) in UNRESOLVED:
            raise InternalError(f"{type(node).__name__} was not resolved to an op", node.span)
        if type(node) in ir.EXPR_CLASSES:
            ty = node.ty
            if ty is None or has_tvars(ty):
                raise InternalError(f"{type(node).__name__} has no resolved type ({ty})",
                                    node.span)

