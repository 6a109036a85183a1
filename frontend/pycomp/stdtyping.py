"""Typing hooks of standard-library ops whose result shape is an argument's
value: `itertools.combinations(xs, r)` and `permutations(xs, r)` give tuples
of `r` items, so `r` must be a literal and picks the overload of that arity.

A hook is called as ``hook(types, consts)`` (see nptyping.py); it returns the
result type, None when the overload does not apply, or an error message.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp.types import STR, DequeT, DictT, IterT, ListT, SetT, StrT, TupleT, Type

Hook = Callable[[dict[str, Type], dict[str, object]], "Type | str | None"]


def _item(t: Type) -> Type | None:
    match t:
        case ListT(x) | DequeT(x) | SetT(x) | IterT(x):
            return x
        case StrT():
            return STR
        case DictT(k, _):
            return k
        case TupleT(items) if items and all(i == items[0] for i in items):
            return items[0]
    return None


def _tuples_of(arity: int) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        r = consts.get("r")
        if not isinstance(r, int) or isinstance(r, bool):
            return "`r` must be an int literal: the tuples' length is part of their type"
        if r != arity:
            return None
        item = _item(types["items"])
        if item is None:
            return None
        return IterT(TupleT((item,) * arity))

    return hook


tuples_of_2 = _tuples_of(2)
tuples_of_3 = _tuples_of(3)
