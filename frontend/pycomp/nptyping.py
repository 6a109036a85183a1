"""Typing hooks of the numpy ops (`opslib/numpy.toml`, `typing = "pycomp.nptyping:NAME"`).

A hook computes the result type of an op whose result depends on more than
its signature says: dtype promotion, broadcast rank, `axis=`, `keepdims=`.
The compiler calls ``hook(types, consts)`` with the matched arguments' types
(by parameter name, in parameter order) and the Python values of the constant
arguments; the hook returns the result `Type`, a `str` (an error to report at
the call), or None ("this overload does not apply": the next one is tried).

Dtype rules are numpy 2's (NEP 50), mirrored by the Rust runtime
(`templates/runtime_optional/nd.rs`, traits `NdPromote`, `NdWeak`,
`NdInexact`, `NdSumOut`):

- two arrays promote by numpy's table (`promote`): bool < ints < floats; two
  ints give the smallest that holds both (uint8 with int8 is int16, uint32 with
  int32 int64); float32 with an int of up to 16 bits stays float32, else float64;
- an array with a Python scalar keeps the array's dtype unless the scalar is
  of a higher kind (bool < int < float); then int64 or float64 (`weak`);
- true division, `mean`, `std`, `exp`, `linalg.norm`: ints and bool become
  float64, float32 stays (`inexact`); `sum`/`prod` widen bool and signed ints to
  int64 (unsigned ints to uint64, which is refused);
- a reduction over every element (`axis=None`, no `keepdims`) and the inner
  product of two 1-D arrays give a numpy scalar of the result dtype (a 0-d
  array, `ndarray[D, 0]`), as in numpy.

A rank (`ndim`) is None when it is not known at compile time (parameters
annotated `npt.NDArray[...]` have no rank); results then have no rank either.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp.types import (
    BOOL,
    DYN,
    FLOAT,
    INT,
    NONE,
    STR,
    BoolT,
    DictT,
    DTypeT,
    ErrT,
    FloatT,
    IntT,
    ListT,
    NdArrayT,
    OptionalT,
    SetT,
    TupleT,
    Type,
    VarTupleT,
)

Hook = Callable[[dict[str, Type], dict[str, object]], "Type | str | None"]

KIND = {"bool": 0, "int8": 1, "uint8": 1, "int16": 1, "uint16": 1, "int32": 1, "uint32": 1,
        "int64": 1, "float16": 2, "float32": 2, "float64": 2}
# A float dtype's significand bits: it holds every int of fewer bits exactly.
_FLOATS = {"float16": 11, "float32": 24, "float64": 53}
# An int dtype's (signed, bits).
_INTS = {"int8": (True, 8), "uint8": (False, 8), "int16": (True, 16), "uint16": (False, 16),
         "int32": (True, 32), "uint32": (False, 32), "int64": (True, 64)}
_UNSIGNED_SUM = ("numpy sums and accumulates {d} into uint64, which pycomp does not support; "
                 "convert first with .astype(np.int64)")
_SCALAR_KIND = {BoolT: 0, IntT: 1, FloatT: 2}
_DEFAULT_OF_KIND = {0: "bool", 1: "int64", 2: "float64"}


# ------------------------------------------------------------------ dtypes


def promote(a: str, b: str) -> str:
    """numpy's promotion of two array dtypes."""
    if a == b:
        return a
    if a == "bool":
        return b
    if b == "bool":
        return a
    ka, kb = KIND[a], KIND[b]
    if ka == kb == 2:
        return a if _FLOATS[a] >= _FLOATS[b] else b
    if ka == kb:  # two ints: the smallest that holds both (uint8 with int8 is int16)
        (sa, ba), (sb, bb) = _INTS[a], _INTS[b]
        if sa == sb:
            return a if ba >= bb else b
        signed, unsigned = (ba, bb) if sa else (bb, ba)
        return f"int{signed if signed > unsigned else 2 * unsigned}"
    # an int with a float: the smallest float of at least this one that holds
    # every int of the dtype (float16 holds 8-bit ints, float32 16-bit ones)
    f, i = (a, b) if ka == 2 else (b, a)
    bits = _INTS[i][1]
    for g in ("float16", "float32"):
        if _FLOATS[f] <= _FLOATS[g] and bits < _FLOATS[g]:
            return g
    return "float64"


def weak(d: str, scalar_kind: int) -> str:
    """The dtype of `array op python_scalar` (NEP 50: the scalar is weak)."""
    if scalar_kind <= KIND[d]:
        return d
    return _DEFAULT_OF_KIND[scalar_kind]


def inexact(d: str) -> str:
    return d if d in _FLOATS else "float64"


def sum_dtype(d: str) -> str:
    """The dtype of `sum`/`prod`/`cumsum`: uint64 for unsigned ints (not compiled)."""
    if d in _INTS and not _INTS[d][0]:
        return "uint64"
    return d if d in _FLOATS or d == "int64" else "int64"


def scalar_type(d: str) -> Type:
    """The Python scalar type an element of dtype `d` becomes."""
    return FLOAT if KIND[d] == 2 else INT if KIND[d] == 1 else BOOL


def broadcast_ndim(*ndims: int | None) -> int | None:
    if any(n is None for n in ndims):
        return None
    return max((n for n in ndims if n is not None), default=0)


# ---------------------------------------------------------------- operands


def _scalar_kind(t: Type) -> int | None:
    if isinstance(t, OptionalT):
        t = t.item
    return _SCALAR_KIND.get(type(t))


def _operand(t: Type) -> tuple[str, int | None, bool] | str | None:
    """(dtype or scalar kind name, ndim, is_array), or None: not an array of a known
    dtype nor a Python scalar (the overload does not apply)."""
    if isinstance(t, NdArrayT):
        if not isinstance(t.dtype, str):
            # an inference variable the pattern bound: this overload does not apply
            return None
        return t.dtype, t.ndim, True
    k = _scalar_kind(t)
    if k is None:
        return None
    return str(k), 0, False


def _arrays(types: dict[str, Type]) -> list[NdArrayT]:
    return [t for t in types.values() if isinstance(t, NdArrayT)]


def _main(types: dict[str, Type]) -> NdArrayT | str | None:
    arrays = _arrays(types)
    if not arrays:
        return None
    a = arrays[0]
    if not isinstance(a.dtype, str):
        # an inference variable (a value of unknown type the pattern bound to an
        # array): this overload does not apply
        return None
    return a


def _result_dtype(ops: list[tuple[str, int | None, bool]]) -> str:
    arrays = [d for d, _, is_arr in ops if is_arr]
    scalars = [int(d) for d, _, is_arr in ops if not is_arr]
    if arrays:
        d = arrays[0]
        for x in arrays[1:]:
            d = promote(d, x)
        for k in scalars:
            d = weak(d, k)
        return d
    return _DEFAULT_OF_KIND[max(scalars)]


def _binary_operands(types: dict[str, Type]) -> list[tuple[str, int | None, bool]] | str | None:
    ops = []
    for t in types.values():
        o = _operand(t)
        if o is None:
            return None
        if isinstance(o, str):
            return o
        ops.append(o)
    if not any(is_arr for _, _, is_arr in ops):
        return None
    return ops


# ------------------------------------------------------ elementwise hooks

_NO_BOOL = {
    "subtract": "numpy boolean subtract, the `-` operator, is not supported, use the "
                "bitwise_xor, the `^` operator, or the logical_xor function instead.",
    "floor_divide": "`//` of bool arrays gives int8 in numpy, which pycomp does not compute; "
                    "convert first with .astype(np.int64)",
    "remainder": "`%` of bool arrays gives int8 in numpy, which pycomp does not compute; "
                 "convert first with .astype(np.int64)",
    "power": "`**` of bool arrays gives int8 in numpy, which pycomp does not compute; "
             "convert first with .astype(np.int64)",
}


def _arith(name: str) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        ops = _binary_operands(types)
        if ops is None or isinstance(ops, str):
            return ops
        d = _result_dtype(ops)
        if d == "bool" and name in _NO_BOOL:
            return _NO_BOOL[name]
        if name == "bitwise" and KIND[d] == 2:
            return "bitwise operators (`&`, `|`, `^`) need bool or int arrays, not float"
        return NdArrayT(d, broadcast_ndim(*(n for _, n, _ in ops)))

    hook.__name__ = name
    hook.__doc__ = f"`{name}` of arrays and Python scalars: the promoted dtype, broadcast rank."
    return hook


add = _arith("add")
subtract = _arith("subtract")
multiply = _arith("multiply")
floor_divide = _arith("floor_divide")
remainder = _arith("remainder")
power = _arith("power")
maximum = _arith("maximum")
bitwise = _arith("bitwise")


def true_divide(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a / b`: the inexact dtype of the promoted one (int / int is float64)."""
    ops = _binary_operands(types)
    if ops is None or isinstance(ops, str):
        return ops
    return NdArrayT(inexact(_result_dtype(ops)), broadcast_ndim(*(n for _, n, _ in ops)))


def compare(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a < b` ...: a bool array of the broadcast rank."""
    ops = _binary_operands(types)
    if ops is None or isinstance(ops, str):
        return ops
    return NdArrayT("bool", broadcast_ndim(*(n for _, n, _ in ops)))


def where(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.where(cond, x, y)`: x and y promote (Python scalars are weak)."""
    cond = types.get("condition")
    rest = {k: v for k, v in types.items() if k != "condition"}
    ops = []
    for t in rest.values():
        o = _operand(t)
        if o is None or isinstance(o, str):
            return o
        ops.append(o)
    d = _result_dtype(ops)
    cn = cond.ndim if isinstance(cond, NdArrayT) else 0
    return NdArrayT(d, broadcast_ndim(cn, *(n for _, n, _ in ops)))


def clip(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.clip(a, a_min, a_max)`, `a.clip(min, max)`: the bounds are weak Python scalars."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    assert isinstance(a.dtype, str)
    kinds = [k for name in ("a_min", "a_max", "min", "max") if name in types
             and (k := _scalar_kind(types[name])) is not None]
    d = a.dtype
    for k in kinds:
        d = weak(d, k)
    return NdArrayT(d, a.ndim)


def clip_arrays(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.clip(a, lo, hi)` with array bounds: `np.minimum(np.maximum(a, lo), hi)`."""
    low = maximum({"a": types["a"], "b": types["a_min"]}, consts)
    if not isinstance(low, NdArrayT):
        return low
    return maximum({"a": low, "b": types["a_max"]}, consts)


# numpy's float ufuncs (exp, sqrt ...) compute small ints in a small float
# (the runtime's `NdUfuncOut`; its `NdInexact`, of `/` and `mean`, is float64 for every int).
_UFUNC_FLOAT = {"bool": "float16", "int8": "float16", "uint8": "float16", "int16": "float32",
                "uint16": "float32"}


def unary_inexact(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.exp(x)` ...: floats stay, bool and 8-bit ints give float16, 16-bit ints
    float32, other ints float64."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    assert isinstance(a.dtype, str)
    return NdArrayT(_UFUNC_FLOAT.get(a.dtype) or inexact(a.dtype), a.ndim)


def same(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """The dtype and rank of the (first) array argument: abs, copy, .T, sort ..."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT(a.dtype, a.ndim)


def negative(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`-a`: refused for bool arrays, as numpy does."""
    a = _main(types)
    if isinstance(a, NdArrayT) and a.dtype == "bool":
        return ("The numpy boolean negative, the `-` operator, is not supported, use the `~` "
                "operator or the logical_not function instead.")
    return same(types, consts)


def invert(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`~a`: bool and int arrays."""
    a = _main(types)
    if isinstance(a, NdArrayT) and a.dtype in _FLOATS:
        return "`~` needs a bool or int array, not float"
    return same(types, consts)


def argsort(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.argsort(a, axis)`: int64 indices of the same rank."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    err = _check_axis(consts.get("axis"), a.ndim)
    if err:
        return err
    return NdArrayT("int64", a.ndim)


def searchsorted(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.searchsorted(a, v)`: int64 positions in `v`'s shape; a Python number gives a
    numpy int64 (0-d here). `a` must be 1-D (numpy's ValueError at run time)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    v = types.get("v")
    if isinstance(v, NdArrayT):
        if not isinstance(v.dtype, str):
            return None
        return NdArrayT("int64", v.ndim)
    return NdArrayT("int64", 0)


def digitize(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.digitize(x, bins, right=False)`: int64 bin indices in x's shape; bins 1-D."""
    x, bins = types.get("x"), types.get("bins")
    if not isinstance(x, NdArrayT) or not isinstance(bins, NdArrayT) or not isinstance(
            x.dtype, str) or not isinstance(bins.dtype, str):
        return None
    if bins.ndim == 0:
        return "object of too small depth for desired array"
    if bins.ndim is not None and bins.ndim > 1:
        return "object too deep for desired array"
    return NdArrayT("int64", x.ndim)


# numpy's pad modes that compiled code computes (the others are refused: their
# fill values need statistics, `empty` leaves memory as it was)
PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")
NUMPY_PAD_MODES = PAD_MODES + ("linear_ramp", "maximum", "mean", "median", "minimum", "empty")


def _pad_width_ok(t: Type | None) -> bool:
    """An int, `(n,)`, `(before, after)`, a list of ints or of pairs, or a tuple of up
    to four pairs (the forms `pcrt::NdPadArg` reads)."""
    pair = TupleT((INT, INT))
    if isinstance(t, IntT) or t == TupleT((INT,)) or t == pair:
        return True
    if isinstance(t, ListT):
        return t.item == INT or t.item == pair
    return isinstance(t, TupleT) and 1 <= len(t.items) <= 4 and all(i == pair for i in t.items)


def pad(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.pad(a, pad_width, mode, constant_values=x)`: an array of `a`'s dtype and rank;
    `mode=` a constant naming a mode compiled (an unknown name raises numpy's
    ValueError at run time)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if not _pad_width_ok(types.get("pad_width")):
        return ("`pad_width` is compiled as an int, `(before, after)`, a list of ints or "
                "of pairs, or a tuple of up to four `(before, after)` pairs")
    mode = consts.get("mode", "constant" if "mode" not in types else None)
    if not isinstance(mode, str):
        # a mode known at run time only could name one numpy computes and this does not
        return ("`mode=` of `np.pad` must be a string constant (`mode=\"reflect\"`): "
                "the modes compiled are " + ", ".join(f"'{m}'" for m in PAD_MODES))
    if mode in NUMPY_PAD_MODES and mode not in PAD_MODES:
        return (f"`np.pad` mode '{mode}' is not compiled; the modes compiled are "
                + ", ".join(f"'{m}'" for m in PAD_MODES))
    return NdArrayT(a.dtype, a.ndim)


def _iterated(types: dict[str, Type], name: str) -> NdArrayT | str | None:
    """The array a builtin iterates (`max(x)`, `any(x)`): not a numpy scalar (0-d
    here), which is not iterable."""
    a = _main(types)
    if isinstance(a, NdArrayT) and a.ndim == 0:
        return f"`{name}` of a numpy scalar: numpy raises TypeError (it is not iterable)"
    return a


def _row(a: NdArrayT) -> NdArrayT:
    """An item of `a` as iteration gives it: a numpy scalar of a 1-D array; of a rank
    not known at compile time, an array of a rank not known either."""
    return NdArrayT(a.dtype, None if a.ndim is None else a.ndim - 1)


def builtin_best(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`max(x)` / `min(x)`: a row of `x`."""
    a = _iterated(types, "max")
    return a if not isinstance(a, NdArrayT) else _row(a)


def builtin_truth(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`any(x)` / `all(x)`: the truth of each row."""
    a = _iterated(types, "any")
    return a if not isinstance(a, NdArrayT) else BOOL


def builtin_sorted(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`sorted(x)`: a list of the rows of `x`."""
    a = _iterated(types, "sorted")
    return a if not isinstance(a, NdArrayT) else ListT(_row(a))


def argpartition(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.argpartition(a, kth, axis)`: as `argsort`, a 0-d array taken as 1-D."""
    a = _main(types)
    if isinstance(a, NdArrayT) and a.ndim == 0:
        key = next(k for k, t in types.items() if t is a)
        return argsort({**types, key: NdArrayT(a.dtype, 1)}, consts)
    return argsort(types, consts)


def argpartition_method(types: dict[str, Type], consts: dict[str, object]
                        ) -> Type | str | None:
    """`x.argpartition(kth)`: numpy scalars (0-d here) have no such method."""
    a = _main(types)
    if isinstance(a, NdArrayT) and a.ndim == 0:
        return ("a numpy scalar has no method `argpartition` (numpy raises AttributeError; "
                "a 0-d array has it): write `np.argpartition(x, kth)`")
    return argpartition(types, consts)


def _round_scalar(types: dict[str, Type]) -> NdArrayT | str | None:
    """The numpy scalar `round` is given: a 0-d array, or an array of a rank not
    known at compile time (numpy's TypeError at run time unless it is 0-d); an
    array of a known rank has no `__round__` (numpy's TypeError, refused), nor
    has a numpy bool."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim not in (0, None):
        return "type numpy.ndarray doesn't define __round__ method: write `np.round(x, n)`"
    if a.dtype == "bool":
        return "type numpy.bool doesn't define __round__ method"
    return a


def scalar_round(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`round(s)` of a numpy scalar: a Python int."""
    a = _round_scalar(types)
    return a if not isinstance(a, NdArrayT) else INT


def scalar_round_ndigits(types: dict[str, Type], consts: dict[str, object]
                         ) -> Type | str | None:
    """`round(s, n)` of a numpy scalar: a numpy scalar of its dtype."""
    a = _round_scalar(types)
    return a if not isinstance(a, NdArrayT) else NdArrayT(a.dtype, 0)


def sort(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    err = _check_axis(consts.get("axis"), a.ndim)
    if err:
        return err
    return NdArrayT(a.dtype, a.ndim)


def astype(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.astype(dtype)`: the new dtype, the same rank."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    dt = types.get("dtype")
    if not isinstance(dt, DTypeT) or not isinstance(dt.name, str):
        return "the dtype must be a constant such as np.float32 or \"int64\""
    return NdArrayT(dt.name, a.ndim)


# ------------------------------------------------------------ reductions


def _check_axis(axis: object, ndim: int | None) -> str | None:
    if isinstance(axis, int) and not isinstance(axis, bool) and ndim is not None \
            and not -ndim <= axis < ndim:
        return f"axis {axis} is out of bounds for array of dimension {ndim}"
    return None


def _flag(name: str, decides: str) -> Callable[[dict[str, Type], dict[str, object]],
                                                 bool | str]:
    """A bool argument that decides the result's type (`keepdims=`, `retstep=`): False
    when not given, an error when not a constant."""
    def flag(types: dict[str, Type], consts: dict[str, object]) -> bool | str:
        if name not in types:
            return False
        if name not in consts:
            return f"{name} must be a constant (True or False): it decides {decides}"
        return bool(consts[name])

    return flag


_keepdims = _flag("keepdims", "the result's rank")


_REDUCED: dict[str, Callable[[str], str]] = {
    "sum": sum_dtype,
    "inexact": inexact,
    "same": lambda d: d,
    "index": lambda d: "int64",
    "bool": lambda d: "bool",
}


def _reduce(kind: str, mode: str) -> Hook:
    out = _REDUCED[kind]

    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        a = _main(types)
        if not isinstance(a, NdArrayT):
            return a
        assert isinstance(a.dtype, str)
        d = out(a.dtype)
        if d not in KIND:
            return _UNSIGNED_SUM.format(d=a.dtype)
        keep = _keepdims(types, consts)
        if isinstance(keep, str):
            return keep
        if mode == "keep":  # every element: a numpy scalar (a 0-d array), as in numpy
            return NdArrayT(d, a.ndim if keep else 0)
        err = _check_axis(consts.get("axis"), a.ndim)
        if err:
            return err
        if a.ndim is None:
            return NdArrayT(d, None)
        return NdArrayT(d, a.ndim if keep else a.ndim - 1)

    hook.__name__ = f"{kind}_{mode}"
    return hook


# mode "keep": axis None -> a numpy scalar (a 0-d array), or with keepdims=True an
# array of the same rank; "axis": an int axis.
sum_keep, sum_axis = (_reduce("sum", m) for m in ("keep", "axis"))
inexact_keep, inexact_axis = (_reduce("inexact", m) for m in ("keep", "axis"))
same_keep, same_axis = (_reduce("same", m) for m in ("keep", "axis"))
index_keep, index_axis = (_reduce("index", m) for m in ("keep", "axis"))
bool_keep, bool_axis = (_reduce("bool", m) for m in ("keep", "axis"))


def quantiles(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.percentile(a, [25, 75], axis=...)`: float64 (a list of q is not a weak
    scalar), the q axis first, then what a reduction over `axis` leaves."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    keep = _keepdims(types, consts)
    if isinstance(keep, str):
        return keep
    axis = consts.get("axis")
    err = _check_axis(axis, a.ndim)
    if err:
        return err
    if a.ndim is None:
        return NdArrayT("float64", 1 if axis is None and not keep else None)
    reduced = a.ndim if keep else 0 if axis is None else a.ndim - 1
    return NdArrayT("float64", 1 + reduced)


def quantiles_of_floats(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.quantile(a, [0.25, 0.75])`; a list of ints is numpy's integer path (the order
    statistics themselves, in the array's dtype), not compiled."""
    q = types.get("q")
    if isinstance(q, ListT) and not isinstance(q.item, FloatT):
        return "a list of int quantiles takes the order statistics themselves in numpy (no " \
               "interpolation); write them as floats: `[0.0, 1.0]`"
    return quantiles(types, consts)


# ---------------------------------------------------------- linear algebra

_MATMUL_SIG = "(n?,k),(k,m?)->(n?,m?)"


def _two(types: dict[str, Type]) -> tuple[Type | None, Type | None]:
    """The two operands (`a`, `b` or `self`, `b`), in parameter order."""
    vals = list(types.values())
    return (vals[0] if vals else None, vals[1] if len(vals) > 1 else None)


def matmul(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a @ b`: 1-D and 2-D operands and stacks of matrices."""
    a, b = _two(types)
    if not (isinstance(a, NdArrayT) and isinstance(b, NdArrayT)):
        return None
    if not (isinstance(a.dtype, str) and isinstance(b.dtype, str)):
        return None
    d = promote(a.dtype, b.dtype)
    for i, n in enumerate((a.ndim, b.ndim)):
        if n == 0:
            return (f"matmul: Input operand {i} does not have enough dimensions (has 0, gufunc "
                    f"core with signature {_MATMUL_SIG} requires 1)")
    if a.ndim is None or b.ndim is None:
        return NdArrayT(d, None)
    if a.ndim == 1 and b.ndim == 1:
        return NdArrayT(d, 0)
    if a.ndim == 1:
        return NdArrayT(d, b.ndim - 1)
    if b.ndim == 1:
        return NdArrayT(d, a.ndim - 1)
    return NdArrayT(d, max(a.ndim, b.ndim))


def einsum(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.einsum("ij,jk->ik", a, b)`: a constant subscripts string of letters for
    two operands of known dtypes (not bool); the rank is the output's label count.
    numpy's errors of the string itself are reported here; `...` and a label
    repeated within one operand (a diagonal) are not compiled (None: E040)."""
    a, b = types.get("a"), types.get("b")
    subs = consts.get("subscripts")
    if not (isinstance(a, NdArrayT) and isinstance(b, NdArrayT) and isinstance(subs, str)
            and isinstance(a.dtype, str) and isinstance(b.dtype, str)
            and "bool" not in (a.dtype, b.dtype)):
        return None
    inputs, arrow, output = subs.replace(" ", "").partition("->")
    ops = inputs.split(",")
    if len(ops) != 2 or not all(x.isalpha() and x.isascii() and len(set(x)) == len(x)
                                for x in ops) or not (output.isalpha() or output == ""):
        return None
    labels = ops[0] + ops[1]
    if not arrow:
        output = "".join(sorted(c for c in set(labels) if labels.count(c) == 1))
    for c in output:
        if c not in labels:
            return (f"einstein sum subscripts string included output subscript '{c}' which "
                    "never appeared in an input")
    if len(set(output)) != len(output):
        return f"einstein sum subscripts string includes output subscript '{output[0]}' multiple times"
    for i, (x, t) in enumerate(zip(ops, (a, b))):
        if t.ndim is not None and len(x) > t.ndim:
            return f"einstein sum subscripts string contains too many subscripts for operand {i}"
        if t.ndim is not None and len(x) < t.ndim:
            return ("operand has more dimensions than subscripts given in einstein sum, but no "
                    "'...' ellipsis provided to broadcast the extra dimensions.")
    return NdArrayT(promote(a.dtype, b.dtype), len(output))


def dot(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.dot(a, b)` for operands of at most 2 dimensions."""
    a, b = _two(types)
    if isinstance(b, NdArrayT) and b.ndim is not None and b.ndim > 2:
        return "np.dot with an operand of more than 2 dimensions is not compiled; use `@`"
    if isinstance(a, NdArrayT) and isinstance(b, NdArrayT) and (a.ndim == 0 or b.ndim == 0):
        return multiply(types, consts)
    return matmul(types, consts)


# ------------------------------------------------------------------ shapes


def _shape_rank(t: Type | None, consts_value: object = None) -> int | None | str:
    """The rank a shape argument gives: an int, a tuple of ints, or a list (unknown)."""
    if isinstance(t, IntT):
        return 1
    if isinstance(t, TupleT):
        if not all(isinstance(i, (IntT, BoolT)) for i in t.items):
            return "a shape is an int or a tuple of ints"
        return len(t.items)
    if isinstance(t, (ListT, VarTupleT)) and isinstance(t.item, IntT):
        return None
    return "a shape is an int or a tuple of ints"


def reshape(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.reshape(2, -1)` / `a.reshape((2, -1))` / `np.reshape(a, shape)`."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    dims = [k for k in types if k.startswith("d") and k[1:].isdigit()]
    if dims:
        rank: int | None | str = len(dims)
        values = [consts.get(k) for k in dims]
    else:
        rank = _shape_rank(types.get("shape"))
        shape_const = consts.get("shape")
        values = list(shape_const) if isinstance(shape_const, (tuple, list)) else (
            [shape_const] if isinstance(shape_const, int) else [])
    if isinstance(rank, str):
        return rank
    if sum(1 for v in values if isinstance(v, int) and v < 0) > 1:
        return "can only specify one unknown dimension"
    return NdArrayT(a.dtype, rank)


def flatten(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT(a.dtype, 1)


def transpose_axes(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.transpose(a, axes)`: axes must list every dimension."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    axes = types.get("axes")
    if isinstance(axes, TupleT) and a.ndim is not None and len(axes.items) != a.ndim:
        return "axes don't match array"
    return NdArrayT(a.dtype, a.ndim)


def expand_dims(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    n = None if a.ndim is None else a.ndim + 1
    err = _check_axis(consts.get("axis"), n)
    if err:
        return err
    return NdArrayT(a.dtype, n)


def squeeze(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.squeeze(a)`: which dimensions go is known only at run time."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT(a.dtype, 0 if a.ndim == 0 else None)


def squeeze_axis(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    err = _check_axis(consts.get("axis"), a.ndim)
    if err:
        return err
    return NdArrayT(a.dtype, None if a.ndim is None else a.ndim - 1)


def _sequence_item(t: Type | None) -> NdArrayT | str:
    if isinstance(t, ListT) and isinstance(t.item, NdArrayT):
        return t.item
    if isinstance(t, TupleT) and t.items and all(isinstance(i, NdArrayT) for i in t.items):
        first = t.items[0]
        assert isinstance(first, NdArrayT)
        if any(i.dtype != first.dtype for i in t.items):  # type: ignore[union-attr]
            return "the arrays have different dtypes; convert them first with .astype(...)"
        ndims = {i.ndim for i in t.items}  # type: ignore[union-attr]
        return NdArrayT(first.dtype, ndims.pop() if len(ndims) == 1 else None)
    return "expected a list or tuple of arrays"


def concatenate(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.concatenate(arrays, axis)`: the rank of the items."""
    item = _sequence_item(types.get("arrays"))
    if isinstance(item, str):
        return item
    if item.ndim == 0:
        return "zero-dimensional arrays cannot be concatenated"
    err = _check_axis(consts.get("axis"), item.ndim)
    if err:
        return err
    return NdArrayT(item.dtype, item.ndim)


def stack(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.stack(arrays, axis)`: one dimension more than the items."""
    item = _sequence_item(types.get("arrays"))
    if isinstance(item, str):
        return item
    n = None if item.ndim is None else item.ndim + 1
    err = _check_axis(consts.get("axis"), n)
    if err:
        return err
    return NdArrayT(item.dtype, n)


def vstack(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.vstack(arrays)`: 1-D arrays become rows, so at least 2 dimensions."""
    item = _sequence_item(types.get("arrays"))
    if isinstance(item, str):
        return item
    return NdArrayT(item.dtype, None if item.ndim is None else max(2, item.ndim))


def hstack(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.hstack(arrays)`: the items' rank (0-d items make a 1-D array)."""
    item = _sequence_item(types.get("arrays"))
    if isinstance(item, str):
        return item
    return NdArrayT(item.dtype, None if item.ndim is None else max(1, item.ndim))


def logical(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.logical_and(a, b)` ...: a bool array of the broadcast rank."""
    return compare(types, consts)


def elementwise_test(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.isnan(a)` ...: a bool array of a's rank."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT("bool", a.ndim)


def shape(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.shape` of an array of known rank 1 to 4: a tuple of ints."""
    a = _main(types)
    if not isinstance(a, NdArrayT) or a.ndim is None or not 1 <= a.ndim <= 4:
        return None
    return TupleT((INT,) * a.ndim)


def shape_list(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.shape` when the rank is not known at compile time: a `tuple[int, ...]` (its
    length is not known), which prints and compares as numpy's tuple; `n, d =
    x.shape` needs a known rank."""
    return VarTupleT(INT)


def tolist(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.tolist()` of an array of known rank 0 to 3: nested lists of Python scalars."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim is None or not 0 <= a.ndim <= 3:
        return None
    assert isinstance(a.dtype, str)
    t: Type = scalar_type(a.dtype)
    for _ in range(a.ndim):
        t = ListT(t)
    return t


def tolist_any(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.tolist()` of an array whose rank is not known at compile time: nested lists
    of Python scalars (or the scalar of a 0-d array) as a dynamic value (`Any`)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return DYN if a.ndim is None else None


# ---------------------------------------------------------- numpy scalars
# A numpy scalar (an item of a 1-D array) is a 0-d array: `ndarray[D, 0]`.

# The numpy functions that, given Python numbers, convert them with `np.asarray` and
# return a numpy scalar (`np.sqrt(2.0)` is `np.float64(1.414...)`, strong under NEP 50):
# the ufuncs, and the reductions over every element. The compiler gives them the
# Python number as a 0-d array (`__nd_scalar`). Others return a 0-d *array* for a
# Python number (`np.where(True, 1.0, 2.0)` is `array(1.)`), which compiled code
# does not tell apart from a numpy scalar: not listed, they stay refused.
SCALAR_FUNCTIONS = frozenset(f"numpy.{n}" for n in (
    "abs", "absolute", "sqrt", "exp", "expm1", "log", "log1p", "log2", "log10", "sin",
    "cos", "tanh", "floor", "ceil", "round", "around", "sign", "square", "maximum",
    "minimum", "clip", "isnan", "isinf", "isfinite", "logical_not", "logical_and",
    "logical_or", "logical_xor", "sum", "prod", "mean", "std", "var", "max", "min",
    "argmax", "argmin", "any", "all", "median", "nan_to_num"))

# Of those, the ones whose result is the same for an empty list (a float64 array in
# numpy) and a list of ints or bools (int64 or bool here, as numpy makes them when
# there are items): they raise for an empty array, or give float64 or bool either
# way. The others (`np.sum([])` is `0.0`, `np.sum([1])` an int64) take lists of
# floats only. The float ufuncs take lists of ints, not of bools: numpy gives float16
# for bools (`np.sqrt([True])`), float64 for an empty list.
_FLOAT_UFUNCS = frozenset(f"numpy.{n}" for n in (
    "sqrt", "exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tanh"))
EMPTY_LIST_FUNCTIONS = _FLOAT_UFUNCS | frozenset(f"numpy.{n}" for n in (
    "isnan", "isinf", "isfinite", "logical_not", "mean", "std", "var", "median",
    "max", "min", "argmax", "argmin", "any", "all"))
EMPTY_BOOL_LIST_FUNCTIONS = EMPTY_LIST_FUNCTIONS - _FLOAT_UFUNCS

_PRINT_HELP = ("printing a container that holds arrays is not compiled (an array itself "
               "prints as numpy prints it): print the arrays one by one, or `x.tolist()`")


def scalar_text(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`str(x)` / `repr(x)` / `f"{x}"` of a numpy scalar, or of an array (numpy's
    `array_str` / `array_repr` with the default print options, chosen at run time
    by the rank)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return STR


def no_array_text(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`str(x)` / `repr(x)` of an optional value or a container: refused when an
    array is inside it (an array prints as numpy does, which is not compiled; a
    numpy scalar of known rank has its own overload)."""
    return _PRINT_HELP if any(holds_array(t) for t in types.values()) else STR


# A numpy scalar where a Python number is declared (`def score(a, b) -> float:
# return a @ b`): the Python number it holds, converted exactly. float64, int64
# and bool scalars print as their Python numbers (only repr differs: no warning);
# float32/float16/int32 ones also compute in their own dtype, which the caller of a
# converted value no longer does: converted with warning W004.
_CONVERTED: dict[type[Type], dict[str, bool]] = {
    FloatT: {"float64": False, "float32": True, "float16": True},
    IntT: {"int64": False, "int32": True},
    BoolT: {"bool": False},
}


def scalar_conversion(t: Type, target: Type) -> bool | None:
    """Whether the numpy scalar `t` converts to the Python number type `target` where one
    is declared: None (it does not: another kind prints differently, `2` vs `2.0`), False
    (exactly and invisibly but for repr) or True (exactly, reported with a warning)."""
    if not (isinstance(t, NdArrayT) and t.ndim == 0 and isinstance(t.dtype, str)):
        return None
    return _CONVERTED.get(type(target), {}).get(t.dtype)


def holds_array(t: Type) -> bool:
    match t:
        case NdArrayT():
            return True
        case ListT(x) | SetT(x) | OptionalT(x):
            return holds_array(x)
        case DictT(k, v):
            return holds_array(k) or holds_array(v)
        case TupleT(items):
            return any(holds_array(i) for i in items)
    return False


def scalar_format(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`f"{x:.3f}"`: a numpy scalar formats as its Python scalar; an array of rank
    >= 1 prints as `str` with an empty spec, and raises numpy's TypeError with
    another (checked at run time)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return STR


def scalar_index(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`labels[i]` with a numpy integer (checked at run time: numpy's TypeError for
    other dtypes and ranks)."""
    a, xs = types.get("i"), types.get("self")
    if not isinstance(a, NdArrayT) or not isinstance(xs, ListT):
        return None
    if isinstance(a.dtype, str) and KIND[a.dtype] != 1 or a.ndim not in (None, 0):
        return "only integer scalar arrays can be converted to a scalar index"
    return xs.item


def fancy_index(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[mask]` / `a[idx]` / `a[[0, 2]]`: a bool index of rank k replaces the first k
    axes by one; an int index of rank m replaces the first axis by its m axes."""
    a, i = types.get("self"), types.get("i")
    if not isinstance(a, NdArrayT) or not isinstance(a.dtype, str):
        return None
    if isinstance(i, ListT):
        i = NdArrayT("bool" if isinstance(i.item, BoolT) else "int64", 1)
    if not isinstance(i, NdArrayT) or not isinstance(i.dtype, str):
        return None
    if KIND[i.dtype] == 2:
        return "arrays used as indices must be of integer (or boolean) type"
    if a.ndim is None or i.ndim is None:
        return NdArrayT(a.dtype, None)
    if i.dtype == "bool":
        if i.ndim > a.ndim:
            return (f"too many indices for array: array is {a.ndim}-dimensional, but "
                    f"{i.ndim} were indexed")
        return NdArrayT(a.dtype, a.ndim - i.ndim + 1)
    if a.ndim == 0:
        return "too many indices for array: array is 0-dimensional, but 1 were indexed"
    return NdArrayT(a.dtype, i.ndim + a.ndim - 1)


def fancy_assign(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[mask] = v` / `a[idx] = v`: the index is checked as for reading."""
    r = fancy_index({"self": types["self"], "i": types["i"]}, consts)
    return r if isinstance(r, str) or r is None else NONE


def pair_index(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[rows, cols]` with two integer index arrays: their broadcast axes replace the
    first two axes."""
    a, ij = types.get("self"), types.get("i")
    if not isinstance(ij, TupleT) or len(ij.items) != 2:
        return None
    i, j = ij.items
    if not all(isinstance(t, NdArrayT) and isinstance(t.dtype, str) for t in (a, i, j)):
        return None
    assert isinstance(a, NdArrayT) and isinstance(i, NdArrayT) and isinstance(j, NdArrayT)
    if any(KIND.get(t.dtype) != 1 for t in (i, j)):  # type: ignore[arg-type]
        return "arrays used as indices must be of integer type here"
    if a.ndim is not None and a.ndim < 2:
        return (f"too many indices for array: array is {a.ndim}-dimensional, but 2 were "
                "indexed")
    if a.ndim is None or i.ndim is None or j.ndim is None:
        return NdArrayT(a.dtype, None)
    return NdArrayT(a.dtype, max(i.ndim, j.ndim) + a.ndim - 2)


def pair_assign(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[rows, cols] = v`: the indices are checked as for reading."""
    r = pair_index({"self": types["self"], "i": types["i"]}, consts)
    return r if isinstance(r, str) or r is None else NONE


def nonzero(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.nonzero(a)` / `np.where(a)`: one int64 index array per axis (a list)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim == 0:
        return ("Calling nonzero on 0d arrays is not allowed. Use "
                "np.atleast_1d(scalar).nonzero() instead.")
    return ListT(NdArrayT("int64", 1))


def flatnonzero(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.flatnonzero(a)`: the flat positions of the non-zero elements, int64 1-D."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT("int64", 1)


def take_along_axis(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.take_along_axis(arr, indices, axis)`: arr's dtype and rank; numpy's errors
    for indices that are not ints, another rank and a constant axis out of range."""
    a, ids = types.get("arr"), types.get("indices")
    if not isinstance(a, NdArrayT) or not isinstance(ids, NdArrayT) or not isinstance(
            a.dtype, str) or not isinstance(ids.dtype, str):
        return None
    if KIND[ids.dtype] != 1:
        return "`indices` must be an integer array"
    if a.ndim == 0:
        return "axis must be given for a 0-d array; numpy's take_along_axis needs one"
    err = _check_axis(consts.get("axis", -1), a.ndim)
    if err:
        return err
    if a.ndim is not None and ids.ndim is not None and a.ndim != ids.ndim:
        return "`indices` and `arr` must have the same number of dimensions"
    return NdArrayT(a.dtype, a.ndim)


def split(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.split(ary, n, axis)` / `np.array_split`: a list of arrays of ary's dtype and
    rank (numpy's list); its IndexError for a 0-d array."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim == 0:
        return "tuple index out of range (a 0-d array has no axis to split)"
    return ListT(NdArrayT(a.dtype, a.ndim))


def inplace_result(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`__nd_inplace_result(a, a op b)`: the result's type (its shape checked at run time)."""
    r = types.get("result")
    return r if isinstance(r, NdArrayT) and isinstance(r.dtype, str) else None


def tri_part(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.tril(m, k)` / `np.triu(m, k)`: m's dtype and rank (a 1-D m gives a matrix);
    numpy's TypeError for a 0-d m."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim == 0:
        return "tri() missing 1 required positional argument: 'N'"
    return NdArrayT(a.dtype, 2 if a.ndim == 1 else a.ndim)


def diff(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.diff(a, n=1, axis=-1)`: the same dtype and rank (the axis shrinks by n);
    numpy's errors for a constant negative `n`, a 0-d array and an axis out of range."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    n = consts.get("n", 1)
    if isinstance(n, int) and not isinstance(n, bool) and n < 0:
        return f"order must be non-negative but got {n}"
    if n == 0 and "n" in consts:
        return ("np.diff(a, n=0) is `a` itself in numpy (not a copy) and is not compiled: "
                "use `a` (or `a.copy()`)")
    if a.ndim == 0:
        return "diff requires input that is at least one dimensional"
    err = _check_axis(consts.get("axis"), a.ndim)
    if err:
        return err
    return NdArrayT(a.dtype, a.ndim)


def contains(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`x in a`: `(a == x).any()`."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return BOOL


def _scalar_conversion_error(types: dict[str, Type]) -> str | None:
    """`float(a)` / `int(a)`: only a 0-d array converts (numpy 2.4)."""
    a = _main(types)
    if isinstance(a, str):
        return a
    if isinstance(a, NdArrayT) and a.ndim is not None and a.ndim > 0:
        return "only 0-dimensional arrays can be converted to Python scalars"
    return None


def length(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    a = _main(types)
    if isinstance(a, NdArrayT) and a.ndim == 0:
        return "len() of unsized object"
    return INT


def item(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a.item()`: the element as a Python scalar."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    assert isinstance(a.dtype, str)
    return scalar_type(a.dtype)


# ------------------------------------------------------------- creation


def _dtype_arg(types: dict[str, Type]) -> str | None:
    dt = types.get("dtype")
    if isinstance(dt, DTypeT) and isinstance(dt.name, str):
        return dt.name
    return None


def _creation(default: str | None) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        rank = _shape_rank(types.get("shape"))
        if isinstance(rank, str):
            return None
        d = _dtype_arg(types)
        if d is None:
            if default is not None:
                d = default
            else:  # np.full: the fill value's kind
                k = _scalar_kind(types.get("fill_value", FLOAT))
                d = _DEFAULT_OF_KIND[k if k is not None else 2]
        return NdArrayT(d, rank)

    return hook


zeros = _creation("float64")
full = _creation(None)


def like(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.zeros_like(a, dtype=...)`: a's rank, a's dtype unless given."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return NdArrayT(_dtype_arg(types) or a.dtype, a.ndim)


def diag(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.diag(v, k)`: a 1-D array makes a 2-D matrix, a 2-D one gives its diagonal
    (another rank raises numpy's ValueError at run time)."""
    v = types.get("v")
    if not isinstance(v, NdArrayT):
        return v
    return NdArrayT(v.dtype, {1: 2, 2: 1}.get(v.ndim) if v.ndim is not None else None)


def array(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.array(nested_list, dtype=...)`: rank from the nesting, dtype from the
    items (float -> float64, int -> int64, bool -> bool) or `dtype=`."""
    t = types.get("object")
    rank = 0
    while isinstance(t, ListT):
        rank += 1
        t = t.item
    if isinstance(t, ErrT):
        return t  # items of a value whose error is reported where it is made
    k = _scalar_kind(t) if t is not None and not isinstance(t, OptionalT) else None
    if k is None:
        return f"np.array of `{t}` items is not supported: the items must be float, int or bool"
    d = _dtype_arg(types) or _DEFAULT_OF_KIND[k]
    return NdArrayT(d, rank)


def to_float(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`float(a)`: a 0-d array (or one of unknown rank, checked at run time)."""
    return _scalar_conversion_error(types) or FLOAT


def to_int(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`int(a)`."""
    return _scalar_conversion_error(types) or INT


# ------------------------------------------------------------------ numpy.random


def _sized(dtype: str) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        rank = _shape_rank(types.get("size"))
        if isinstance(rank, str):
            return rank
        return NdArrayT(dtype, rank)

    return hook


rng_sized_float = _sized("float64")
rng_sized_int = _sized("int64")


def rng_item(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`rng.choice(arr)`: an item of the first axis, one rank less."""
    a = types.get("a")
    if not isinstance(a, NdArrayT):
        return a
    if a.ndim == 0:
        return "a must be 1-dimensional or an integer"
    return NdArrayT(a.dtype, None if a.ndim is None else a.ndim - 1)


def _scalar_cast(dtype: str) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        """`np.float32(a)` of a numpy scalar or an array: `a.astype(np.float32)`."""
        a = types.get("x")
        if not isinstance(a, NdArrayT):
            return a
        return NdArrayT(dtype, a.ndim)

    return hook


to_float16 = _scalar_cast("float16")
to_float32 = _scalar_cast("float32")
to_float64 = _scalar_cast("float64")
to_int64 = _scalar_cast("int64")
to_int32 = _scalar_cast("int32")
to_int8 = _scalar_cast("int8")
to_uint8 = _scalar_cast("uint8")
to_int16 = _scalar_cast("int16")
to_uint16 = _scalar_cast("uint16")
to_uint32 = _scalar_cast("uint32")


# ------------------------------------------------------------------ cumsum, unique


def cumsum(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.cumsum(a)`: 1-D, in the dtype `sum` gives (bool and int32 widen to int64)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    d = sum_dtype(a.dtype)  # type: ignore[arg-type]
    return NdArrayT(d, 1) if d in KIND else _UNSIGNED_SUM.format(d=a.dtype)


def cumulative_axis(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.cumsum(a, axis)` / `np.cumprod(a, axis)`: the same shape (a 0-d array gives
    one element), in the dtype `sum` gives."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    err = _check_axis(consts.get("axis"), None if a.ndim is None else max(a.ndim, 1))
    if err:
        return err
    d = sum_dtype(a.dtype)  # type: ignore[arg-type]
    if d not in KIND:
        return _UNSIGNED_SUM.format(d=a.dtype)
    return NdArrayT(d, 1 if a.ndim == 0 else a.ndim)


def _take_ids_error(ids: NdArrayT) -> str | None:
    """What is wrong with the index array of `a[:, ids]` (read or assigned): it must
    hold ints (numpy's own error for floats; a boolean mask there is not compiled)."""
    if KIND[ids.dtype] == 2:  # type: ignore[index]
        return "arrays used as indices must be of integer (or boolean) type"
    if KIND[ids.dtype] != 1:  # type: ignore[index]
        return ("only integer index arrays are compiled next to slices (`x[:, ids]`); a "
                "boolean mask there is not")
    return None


def take_index(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[:, ids]` (the `__nd_take` op): `b` (`a` indexed by the other items) with the
    index array's axes in place of one of its axes."""
    b, ids = types.get("b"), types.get("ids")
    if not isinstance(b, NdArrayT) or not isinstance(ids, NdArrayT) or not isinstance(
            b.dtype, str) or not isinstance(ids.dtype, str):
        return None
    if err := _take_ids_error(ids):
        return err
    if b.ndim is None or ids.ndim is None:
        return NdArrayT(b.dtype, None)
    return NdArrayT(b.dtype, b.ndim - 1 + ids.ndim)


def take_assign(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`a[:, ids] = v`: the index array is checked as for reading."""
    i = types.get("i")
    if not isinstance(i, TupleT) or len(i.items) != 5:
        return None
    ids = i.items[1]
    if not isinstance(ids, NdArrayT) or not isinstance(ids.dtype, str):
        return None
    return _take_ids_error(ids) or NONE


def _unique(*flags: str) -> Hook:
    def hook(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
        """`np.unique(a, return_counts=True, ...)`: the flags must be constant True."""
        a = types.get("ar")
        if not isinstance(a, NdArrayT):
            return a
        if any(consts.get(f) is not True for f in flags):
            return None  # another overload (or E040: a flag that may be False)
        # the inverse has the array's shape (numpy 2), the others are 1-D
        return TupleT((NdArrayT(a.dtype, 1),) + tuple(
            NdArrayT("int64", a.ndim if f == "return_inverse" else 1) for f in flags))

    return hook


unique_counts = _unique("return_counts")
unique_index = _unique("return_index")
unique_index_counts = _unique("return_index", "return_counts")
unique_inverse = _unique("return_inverse")
unique_inverse_counts = _unique("return_inverse", "return_counts")


# ------------------------------------------------------------------ linspace


_retstep = _flag("retstep", "the result's type")


def linspace(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.linspace(start, stop, num, endpoint, dtype=...)` of Python numbers: 1-D
    float64, or the dtype given; `retstep=True` is the next overload."""
    step = _retstep(types, consts)
    if step is not False:
        return step if isinstance(step, str) else None
    return NdArrayT(_dtype_arg(types) or "float64", 1)


def linspace_step(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.linspace(..., retstep=True)`: the points and the step, a numpy float64
    where there is a step (numpy gives the Python float nan for one point with
    `endpoint`, or none): compiled where `num` (and `endpoint`) are constants that
    make a step."""
    step = _retstep(types, consts)
    if step is not True:
        return step if isinstance(step, str) else None
    num, endpoint = consts.get("num", 50 if "num" not in types else None), \
        consts.get("endpoint", True if "endpoint" not in types else None)
    if type(num) is not int or type(endpoint) is not bool or num - endpoint <= 0:
        return ("np.linspace(..., retstep=True) is compiled with a constant `num` (and "
                "`endpoint`) that make a step (num >= 2, or 1 with endpoint=False): for "
                "fewer points numpy's step is the Python float nan, not a numpy float64")
    return TupleT((NdArrayT("float64", 1), NdArrayT("float64", 0)))


# ------------------------------------------- eye, outer, tile, repeat, packbits


def eye(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.eye(N, M, k, dtype=...)`: 2-D of the dtype."""
    d = _dtype_arg(types)
    return None if d is None else NdArrayT(d, 2)


def outer(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.outer(a, b)`: 2-D in the promoted dtype."""
    ops = _binary_operands(types)
    if ops is None or isinstance(ops, str):
        return ops
    return NdArrayT(_result_dtype(ops), 2)


def broadcast_to(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.broadcast_to(a, shape)`: as many axes as `shape` has."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    rank = _shape_rank(types.get("shape"))
    if isinstance(rank, str):
        return rank
    return NdArrayT(a.dtype, rank)


def tile(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.tile(A, reps)`: as many axes as `A` or `reps` has, whichever is more."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    rank = _shape_rank(types.get("reps"))
    if isinstance(rank, str):
        return "np.tile's reps is an int or a tuple of ints"
    return NdArrayT(a.dtype, broadcast_ndim(a.ndim, rank))


def _counts(types: dict[str, Type]) -> str | None:
    r = types.get("repeats")
    if isinstance(r, (IntT, NdArrayT)) or isinstance(r, ListT) and isinstance(r.item, IntT) \
            or isinstance(r, TupleT) and all(isinstance(i, IntT) for i in r.items):
        return None
    return "repeats is an int, a list of ints or an int array"


def repeat_flat(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.repeat(a, repeats)`: 1-D."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    return _counts(types) or NdArrayT(a.dtype, 1)


def _axis_rank(a: NdArrayT, consts: dict[str, object]) -> int | None | str:
    """The rank along whose `axis=` `repeat`/`packbits` work: a 0-d array counts as 1-D."""
    ndim = None if a.ndim is None else max(a.ndim, 1)
    return _check_axis(consts.get("axis"), ndim) or ndim


def repeat_axis(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.repeat(a, repeats, axis)`: a's rank (at least 1)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    rank = _axis_rank(a, consts)
    return _counts(types) or (rank if isinstance(rank, str) else NdArrayT(a.dtype, rank))


def bits_axis(types: dict[str, Type], consts: dict[str, object]) -> Type | str | None:
    """`np.packbits(a, axis)` / `np.unpackbits(a, axis)`: uint8 of a's rank (at least 1)."""
    a = _main(types)
    if not isinstance(a, NdArrayT):
        return a
    rank = _axis_rank(a, consts)
    return rank if isinstance(rank, str) else NdArrayT("uint8", rank)
