"""Typing hooks of standard-library ops whose result shape is an argument's
value: `itertools.combinations(xs, r)` and `permutations(xs, r)` give tuples
of `r` items, so `r` must be a literal and picks the overload of that arity.

A hook is called as ``hook(types, consts)`` (see nptyping.py); it returns the
result type, None when the overload does not apply, or an error message.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp.types import (
    BOOL,
    STR,
    BoolT,
    BytesT,
    DequeT,
    DictT,
    DynT,
    FloatT,
    IntT,
    IterT,
    ListT,
    NoneT,
    OptionalT,
    SetT,
    StrT,
    TupleT,
    TVar,
    Type,
)

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


def _tuples_of(arity: int, param: str = "r") -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        r = consts.get(param)
        if not isinstance(r, int) or isinstance(r, bool):
            return f"`{param}` must be an int literal: the tuples' length is part of their type"
        if r != arity:
            return None
        item = _item(types["items"])
        if item is None:
            return None
        return IterT(TupleT((item,) * arity))

    return hook


tuples_of_2 = _tuples_of(2)
tuples_of_3 = _tuples_of(3)
repeat_of_2 = _tuples_of(2, "repeat")  # itertools.product(items, repeat=2)
repeat_of_3 = _tuples_of(3, "repeat")


# --------------------------------------------------------------------------
# copy.copy / copy.deepcopy: compiled as the Rust value's clone, which is a deep
# copy. That is CPython's result where no mutable object could be shared:
# `deepcopy` of plain values (no class instances, arrays or library objects), and
# `copy` of a value whose items are immutable (a `list[str]`, a `dict[str, int]`).

def _immutable(t: Type) -> bool:
    match t:
        case IntT() | FloatT() | BoolT() | StrT() | BytesT() | NoneT():
            return True
        case TupleT(items):
            return all(_immutable(i) for i in items)
        case OptionalT(x):
            return _immutable(x)
    return False


def _plain(t: Type) -> bool:
    match t:
        case ListT(x) | SetT(x) | DequeT(x) | OptionalT(x):
            return _plain(x)
        case DictT(k, v):
            return _plain(k) and _plain(v)
        case TupleT(items):
            return all(_plain(i) for i in items)
    return _immutable(t)


def _unknown(t: Type, func: str) -> str | None:
    if any(isinstance(x, TVar) for x in _parts(t)):
        return (f"the type of the value given to `{func}` is not known here: annotate the "
                "variable it comes from (`history: list[list[str]] = []`)")
    return None


def _parts(t: Type) -> list[Type]:
    match t:
        case ListT(x) | SetT(x) | DequeT(x) | OptionalT(x):
            return [t, *_parts(x)]
        case DictT(k, v):
            return [t, *_parts(k), *_parts(v)]
        case TupleT(items):
            return [t, *(p for i in items for p in _parts(i))]
    return [t]


def copied(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`copy.copy(x)`: a new container holding the same items, which must be
    immutable (a shared inner list would be copied here)."""
    t = types["x"]
    unknown = _unknown(t, "copy.copy")
    if unknown:
        return unknown
    match t:
        case ListT(x) | SetT(x) | DequeT(x):
            items: tuple[Type, ...] = (x,)
        case DictT(k, v):
            items = (k, v)
        case _:
            items = (t,)
    if all(_immutable(i) for i in items):
        return t
    return (f"`copy.copy` of a `{t}` is compiled only where the items are immutable "
            "(int, float, bool, str, bytes, None, tuples of those): CPython's copy would "
            "share the inner objects. Use `copy.deepcopy(x)` for independent copies, or "
            "build the new container yourself")


def deep_copied(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`copy.deepcopy(x)`: plain values only (no class instances, arrays or library
    objects, whose identity a deep copy would have to follow)."""
    t = types["x"]
    unknown = _unknown(t, "copy.deepcopy")
    if unknown:
        return unknown
    if _plain(t):
        return t
    return (f"`copy.deepcopy` of a `{t}` is not compiled: only values made of int, "
            "float, bool, str, bytes, None, lists, dicts, sets, deques and tuples are")

# --------------------------------------------------------------------------
# Dicts with typed keys read with a dynamic key (`ID2LABEL.get(i)` where `i` came
# from `tolist()` or JSON): the runtime finds the key equal to the value
# (`pcrt::DynKey`), for the key types listed here.

def _dyn_keyable(t: Type) -> bool:
    match t:
        case IntT() | BoolT() | StrT() | DynT():
            return True
        case TupleT(items):
            return len(items) in (2, 3) and all(_dyn_keyable(i) for i in items)
    return False


def _dynamic_key(types: dict[str, Type], ret: Callable[[DictT], Type]) -> Type | str | None:
    d = types["self"]
    if not isinstance(d, DictT):
        return None
    if _dyn_keyable(d.key):
        return ret(d)
    return (f"a `{d.key}` key is not looked up with a dynamic value; convert the value "
            f"first (`d[int(x)]`, `d[str(x)]`)")


def dynamic_key_value(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    return _dynamic_key(types, lambda d: d.value)


def dynamic_key_optional(types: dict[str, Type], consts: dict[str, object]
                         ) -> Type | str | None:
    return _dynamic_key(types, lambda d: OptionalT(d.value))


def dynamic_key_test(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    return _dynamic_key(types, lambda d: BOOL)
