"""Ranks of `np.ndarray` values whose annotation names neither dtype nor rank.

A private helper `def softmax(x: np.ndarray) -> np.ndarray` is compiled per
call signature (infer.py, `Inferrer.instance_for`): its array parameters take
the dtype *and rank* of the call's arguments, so its body knows `x` is 2-D
where the caller's array is, and its return takes the rank of what the body
returns, so the caller knows `probs.argmax(axis=1)` is 1-D. Ranks exist only
at compile time (an array is an `ArrayD` in Rust whatever its rank): a copy
per rank costs code size, never a different computation.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp.types import (
    DictT,
    ListT,
    NdArrayT,
    NoneT,
    OpaqueT,
    OptionalT,
    SetT,
    TupleT,
    TVar,
    Type,
)


def open_array(annotation: Type | None) -> bool:
    """An annotation `np.ndarray` / `npt.NDArray` itself (not inside a list)."""
    return isinstance(annotation, NdArrayT) and annotation.dtype == "?"


def open_dtypes(t: Type, fresh: Callable[[], TVar]) -> Type:
    """`t` with each `np.ndarray` of an unspecified dtype (`x: np.ndarray`,
    `rows: list[np.ndarray]`) given a fresh dtype variable, and each session of an
    unnamed model (`sess: ort.InferenceSession`) a fresh type variable, which the values
    bound to them decide (a parameter's call arguments, a field's assigned values)."""
    match t:
        case NdArrayT(dtype="?", ndim=n):
            return NdArrayT(fresh(), n)
        case OpaqueT(detail="?"):
            return fresh()  # `ort.InferenceSession`: the session bound to it, model and all
        case ListT(x):
            return ListT(open_dtypes(x, fresh))
        case SetT(x, kind):
            return SetT(open_dtypes(x, fresh), kind)
        case OptionalT(x):
            return OptionalT(open_dtypes(x, fresh))
        case TupleT(items):
            return TupleT(tuple(open_dtypes(i, fresh) for i in items))
        case DictT(k, v, kind):
            return DictT(k, open_dtypes(v, fresh), kind)
    return t


def unpassed_array(t: Type, given: list[NdArrayT]) -> Type | None:
    """The array type to give an optional array parameter (`mask: np.ndarray | None =
    None`) that the call deciding a helper's dtypes leaves None (`t`: its type, the
    dtype still a variable; `given`: the call's arrays): no array reaches the body's
    uses of it in this copy, so any dtype computes as CPython does. The first array's
    dtype (float64 without one), which keeps what the dead uses compute the dtype the
    live code has (`(h * mask).sum(0) / mask.sum()` beside `h.mean(0)`). None when `t`
    is not such a type."""
    if isinstance(t, OptionalT) and isinstance(t.item, NdArrayT) \
            and isinstance(t.item.dtype, TVar):
        return OptionalT(NdArrayT(given[0].dtype if given else "float64", t.item.ndim))
    return None


def rank_of(t: Type) -> int | None:
    return t.ndim if isinstance(t, NdArrayT) else None


def with_rank(t: Type, ndim: int | None) -> Type:
    return NdArrayT(t.dtype, ndim) if isinstance(t, NdArrayT) else t


def returned_ranks(t: Type, annotation: Type | None, values: list[Type]) -> Type:
    """The return type `t` (the open annotation `annotation`, typed) with the rank of
    each open array taken from the values the body returns, where they all agree
    (`return e / e.sum(axis=-1, keepdims=True)` of a 2-D `e`: a 2-D array)."""
    match t, annotation:
        case NdArrayT(ndim=None), NdArrayT(dtype="?"):
            ranks = {rank_of(v) for v in values if not isinstance(v, NoneT)}
            if len(ranks) == 1 and (n := ranks.pop()) is not None:
                return with_rank(t, n)
        case TupleT(items), TupleT(anns) if len(items) == len(anns):
            shaped = [v for v in values if isinstance(v, TupleT) and len(v.items) == len(items)]
            if len(shaped) < len(values):
                return t
            return TupleT(tuple(returned_ranks(x, a, [v.items[i] for v in shaped])
                                for i, (x, a) in enumerate(zip(items, anns))))
        case ListT(x), ListT(a):
            lists = [v.item for v in values if isinstance(v, ListT)]
            return ListT(returned_ranks(x, a, lists)) if len(lists) == len(values) else t
        case OptionalT(x), OptionalT(a):
            return OptionalT(returned_ranks(
                x, a, [v.item if isinstance(v, OptionalT) else v for v in values
                       if not isinstance(v, NoneT)]))
    return t
