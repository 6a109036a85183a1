"""The parts of `session.run` a decoder loop needs beyond one dict literal.

A decoder with a KV cache has an input per layer (`past_key_values.N.key`),
so users keep the cache in a dict built in a loop and unpack it into the
feeds, then slice the outputs to get the new cache back:

    outputs = session.run(None, {"input_ids": ids, "attention_mask": mask, **past})
    logits, present = outputs[0], outputs[1:]

`feed_pieces` splits the inputs argument (the front end turns `{..., **past}`
into `{...} | past`) into literal runs and unpacked dicts; `outputs_slice`
types `outputs[a:b]` as the list of those outputs when they share one type.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pycomp import ir, tuples
from pycomp.diagnostics import Span
from pycomp.types import ErrT, ListT, NdArrayT, OutputsT

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer


def feed_pieces(arg: ir.Expr) -> list[ir.Expr] | None:
    """The dict displays and unpacked dicts a feeds argument joins with `|`, left to
    right; None when it is neither a display nor such a join."""
    pieces = _joined(arg)
    if pieces is None or not any(isinstance(p, ir.DictLit) for p in pieces):
        return None
    return pieces


def _joined(arg: ir.Expr) -> list[ir.Expr] | None:
    match arg:
        case ir.DictLit():
            return [arg]
        case ir.BinOp(op="|", left=ir.Call(func=ir.Name(id="dict"), args=(inner,),
                                           keywords=()), right=right):
            # the front end copies a leading unpacked dict: `{**past, ...}` is
            # `dict(past) | {...}`
            return [inner, right]
        case ir.BinOp(op="|", left=left, right=right):
            pieces = _joined(left)
            return None if pieces is None else [*pieces, right]
    return None


def outputs_slice(fi: FunctionInferrer, obj: ir.Expr, t: OutputsT,
                  bounds: list[ir.Expr | None], span: Span) -> ir.Expr:
    """`outputs[a:b:c]` with constant bounds: the list of the selected outputs, which must
    share one dtype and rank (`present = outputs[1:]` after the logits)."""
    values = tuples.constant_bounds(bounds)
    if values is None or values[2] == 0:
        fi.sink.error("E030", "the outputs of a `run` are sliced by constants", span,
                      help="slice by int literals, e.g. `outputs[1:]`")
        return ir.Const(None, span, ErrT())
    if not isinstance(obj, ir.Name):
        fi.sink.error("E030", "slicing the outputs needs them held by a name", obj.span,
                      help="bind them first: `outputs = session.run(...)`")
        return ir.Const(None, span, ErrT())
    picked = list(range(len(t.items)))[slice(*values)]
    kinds = {t.items[i] for i in picked}
    if len(kinds) > 1:
        shown = ", ".join(f"{t.names[i] if i < len(t.names) else i}: {t.items[i]}"
                          for i in picked)
        fi.sink.error("E030", "these outputs have different types, so they cannot be one "
                              "list", span, help=f"they are {shown}; index them one by one")
        return ir.Const(None, span, ErrT())
    item = next(iter(kinds)) if kinds else NdArrayT("float32", None)
    return ir.ListLit(tuple(ir.OutputTake(obj, i, span, t.items[i]) for i in picked), span,
                      ListT(item))


# `session.get_inputs()` / `session.get_outputs()`: the model's inputs and outputs
IO_LISTS = {"get_inputs": "inputs", "get_outputs": "outputs"}


def io_names(fi: FunctionInferrer, e: ir.Expr, depth: int = 0,
             at_module: bool = False) -> list[str] | None:
    """The model input or output names `e` spells when compiling, or None.

    Users name a model's inputs and outputs through the session or through module
    constants (`INPUT = "pixel_values"`, `input_name = session.get_inputs()[0].name`,
    `output_names = [o.name for o in session.get_outputs()]`); the model file is read
    when compiling (its signature types the run), so these are known then. A string
    gives one name, a list of them (a literal or the comprehension) several. A name
    counts when it is a module constant the function does not shadow: a constant a
    function rebinds is a cell (pycomp.globalcells), not a name here. `at_module`:
    `e` is a module constant's value, whose names are module names.
    """
    if depth > 8:
        return None
    match e:
        case ir.Const(value=str() as v):
            return [v]
        case ir.ListLit(elts=elts):
            names = [io_names(fi, x, depth + 1, at_module) for x in elts]
            if any(n is None or len(n) != 1 for n in names):
                return None
            return [n[0] for n in names if n is not None]
        case ir.Name(id=n) if at_module or not fi.shadows(n):
            value = fi.p.module_constant(n)
            return None if value is None else io_names(fi, value, depth + 1, True)
        case ir.Attribute(value=ir.Subscript(value=listing, index=index), attr="name"):
            items = _io_list(fi, listing, at_module)
            i = index.value if isinstance(index, ir.Const) else None
            if items is None or type(i) is not int or not -len(items) <= i < len(items):
                return None
            return [items[i]]
        case ir.Comprehension(kind="list", elt=ir.Attribute(value=ir.Name(id=v), attr="name"),
                              key=None, generators=(ir.CompFor(
                                  target=ir.NameTarget(id=t), iter=listing, conds=()),)) \
                if v == t:
            return _io_list(fi, listing, at_module)
    return None


def _io_list(fi: FunctionInferrer, e: ir.Expr, at_module: bool) -> list[str] | None:
    """The names of `session.get_inputs()` / `session.get_outputs()`, or None."""
    from pycomp.onnxmeta import read_model_signature
    from pycomp.types import OpaqueT

    if not (isinstance(e, ir.Call) and isinstance(e.func, ir.Attribute)
            and e.func.attr in IO_LISTS and not e.args and not e.keywords):
        return None
    recv = e.func.value
    if at_module:
        if not isinstance(recv, ir.Name):
            return None
        st = fi.p.module_constant_type(recv.id)
    else:
        st = fi.subst.resolve(fi.expr(recv).ty)  # type: ignore[arg-type]
    if not (isinstance(st, OpaqueT) and st.name == "InferenceSession" and st.detail):
        return None
    try:
        sig = read_model_signature(st.detail)
    except Exception:  # noqa: BLE001 - session_run reports an unreadable model
        return None
    return [io[0] for io in getattr(sig, IO_LISTS[e.func.attr])]


def named_keys(fi: FunctionInferrer, piece: ir.Expr) -> ir.Expr:
    """A feeds display whose keys name inputs through constants or the session
    (`{input_name: x}`), with those keys as the string literals they spell."""
    if not isinstance(piece, ir.DictLit):
        return piece
    keys = []
    for k in piece.keys:
        names = None if isinstance(k, ir.Const) else io_names(fi, k)
        keys.append(ir.Const(names[0], k.span) if names is not None and len(names) == 1 else k)
    return dataclasses.replace(piece, keys=tuple(keys))
