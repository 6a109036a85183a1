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
