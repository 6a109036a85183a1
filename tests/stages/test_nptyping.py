"""The numpy typing hooks (`pycomp.nptyping`): result types of the ops of
opslib/numpy.toml from argument types and constant values, checked against
numpy itself where numpy can say (dtype promotion, reduction dtypes, ranks),
and the hooks' compile-time errors. A final test compiles small functions so
the hooks are seen through type inference."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from pycomp import nptyping as h
from pycomp.types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    DTypeT,
    IntT,
    ListT,
    NdArrayT,
    OptionalT,
    TupleT,
    VarTupleT,
)

DTYPES = ["bool", "int32", "int64", "float32", "float64", "float16", "int8", "int16"]
# with the unsigned ints (whose sums numpy gives as uint64, which is refused)
ALL_DTYPES = [*DTYPES, "uint8", "uint16", "uint32"]


def arr(d: str, n: int | None = 2) -> NdArrayT:
    return NdArrayT(d, n)


def np_dtype(d: str) -> np.dtype:  # type: ignore[type-arg]
    return np.dtype(d)


# ------------------------------------------------------------------ dtypes


@pytest.mark.parametrize("a,b", list(itertools.product(ALL_DTYPES, ALL_DTYPES)))
def test_promote_matches_numpy(a: str, b: str) -> None:
    assert h.promote(a, b) == np.result_type(np_dtype(a), np_dtype(b)).name


@pytest.mark.parametrize("d", DTYPES)
@pytest.mark.parametrize("scalar", [True, 2, 2.5])
def test_weak_scalar_matches_numpy(d: str, scalar: object) -> None:
    got = h.weak(d, {bool: 0, int: 1, float: 2}[type(scalar)])
    want = (np.zeros(2, dtype=d) + scalar).dtype.name if d != "bool" or not isinstance(
        scalar, bool) else "bool"
    assert got == want


@pytest.mark.parametrize("d", DTYPES)
def test_true_divide_matches_numpy(d: str) -> None:
    t = h.true_divide({"a": arr(d), "b": arr(d)}, {})
    assert t == NdArrayT((np.ones(2, d) / np.ones(2, d)).dtype.name, 2)


@pytest.mark.parametrize("d", DTYPES)
def test_reduction_dtypes_match_numpy(d: str) -> None:
    x = np.ones((2, 3), dtype=d)
    for kind, fn in (("sum", np.sum), ("inexact", np.mean), ("same", np.max),
                     ("index", np.argmax), ("bool", np.any)):
        hook = getattr(h, f"{kind}_axis")
        assert hook({"a": arr(d), "axis": INT}, {"axis": 0}) == NdArrayT(
            fn(x, axis=0).dtype.name, 1), kind
    assert h.inexact_axis({"a": arr(d), "axis": INT}, {"axis": 1}) == NdArrayT(
        np.std(x, axis=1).dtype.name, 1)
    assert h.inexact_axis({"x": arr(d), "axis": INT}, {}) == NdArrayT(
        np.linalg.norm(x, axis=1).dtype.name, 1)


@pytest.mark.parametrize("d", ALL_DTYPES)
def test_unary_inexact_matches_numpy(d: str) -> None:
    """np.exp ... of bool and 8-bit ints is float16, of 16-bit ints float32."""
    assert h.unary_inexact({"x": arr(d, 1)}, {}) == NdArrayT(np.exp(np.ones(2, d)).dtype.name, 1)


# ------------------------------------------------------ elementwise hooks


def test_broadcast_rank() -> None:
    assert h.add({"a": arr("float32", 2), "b": arr("float32", 1)}, {}) == arr("float32", 2)
    assert h.add({"a": arr("float32", 1), "b": arr("float32", 3)}, {}) == arr("float32", 3)
    assert h.add({"a": arr("float32", None), "b": arr("float32", 1)}, {}) == arr("float32", None)


def test_array_scalar_is_weak() -> None:
    assert h.multiply({"a": arr("float32"), "b": FLOAT}, {}) == arr("float32")
    assert h.multiply({"a": INT, "b": arr("int32")}, {}) == arr("int32")
    assert h.multiply({"a": arr("int32"), "b": FLOAT}, {}) == arr("float64")
    assert h.add({"a": arr("bool"), "b": INT}, {}) == arr("int64")


def test_bool_arithmetic_refusals() -> None:
    assert isinstance(h.subtract({"a": arr("bool"), "b": arr("bool")}, {}), str)
    assert isinstance(h.power({"a": arr("bool"), "b": arr("bool")}, {}), str)
    assert h.add({"a": arr("bool"), "b": arr("bool")}, {}) == arr("bool")
    assert h.subtract({"a": arr("bool"), "b": FLOAT}, {}) == arr("float64")
    assert isinstance(h.negative({"x": arr("bool")}, {}), str)
    assert isinstance(h.bitwise({"a": arr("float32"), "b": arr("bool")}, {}), str)
    assert h.bitwise({"a": arr("bool", 1), "b": arr("bool", 2)}, {}) == arr("bool", 2)


def test_compare_gives_bool() -> None:
    assert h.compare({"a": arr("float32", 2), "b": FLOAT}, {}) == arr("bool", 2)
    assert h.compare({"a": INT, "b": arr("int64", 1)}, {}) == arr("bool", 1)


def test_where_and_clip() -> None:
    cond = arr("bool", 2)
    assert h.where({"condition": cond, "x": arr("float32", 1), "y": FLOAT}, {}) == \
        arr("float32", 2)
    assert h.where({"condition": arr("bool", 1), "x": INT, "y": INT}, {}) == arr("int64", 1)
    assert h.where({"condition": cond, "x": arr("int32", 2), "y": arr("float32", 2)}, {}) == \
        arr("float64", 2)
    assert h.clip({"a": arr("int64"), "a_min": OptionalT(FLOAT), "a_max": OptionalT(FLOAT)},
                  {}) == arr("float64")
    assert h.clip({"a": arr("float32"), "a_min": OptionalT(INT)}, {}) == arr("float32")


def test_astype_and_like() -> None:
    assert h.astype({"self": arr("float32", 3), "dtype": DTypeT("int64")}, {}) == arr("int64", 3)
    assert h.like({"a": arr("int32", 2)}, {}) == arr("int32", 2)
    assert h.like({"a": arr("int32", 2), "dtype": DTypeT("bool")}, {}) == arr("bool", 2)


# ------------------------------------------------------------ reductions


def test_reduction_modes() -> None:
    a = arr("float32", 3)
    # over every element: a numpy scalar of numpy's result dtype (a 0-d array)
    assert h.sum_keep({"a": a}, {}) == arr("float32", 0)
    assert h.sum_keep({"a": arr("int32"), "keepdims": BOOL}, {"keepdims": False}) == \
        arr("int64", 0)
    assert h.sum_keep({"a": a, "keepdims": BOOL}, {"keepdims": True}) == arr("float32", 3)
    assert h.sum_axis({"a": a, "axis": INT}, {"axis": -1}) == arr("float32", 2)
    assert h.sum_axis({"a": a, "axis": INT, "keepdims": BOOL}, {"axis": 0, "keepdims": True}) \
        == arr("float32", 3)
    assert h.sum_axis({"a": arr("float32", None), "axis": INT}, {"axis": 5}) == \
        arr("float32", None)
    assert h.index_keep({"a": a}, {}) == arr("int64", 0)
    assert h.bool_keep({"a": a}, {}) == arr("bool", 0)
    assert h.inexact_keep({"a": arr("int32", 2)}, {}) == arr("float64", 0)


def test_reduction_errors() -> None:
    err = h.sum_axis({"a": arr("float32", 2), "axis": INT}, {"axis": 2})
    assert err == "axis 2 is out of bounds for array of dimension 2"
    assert isinstance(h.sum_axis({"a": arr("float32", 2), "axis": INT}, {"axis": -3}), str)
    # keepdims must be a constant: it decides the rank
    assert isinstance(h.sum_keep({"a": arr("float32", 2), "keepdims": BOOL}, {}), str)


# ---------------------------------------------------------- linear algebra


def test_matmul_ranks() -> None:
    m = h.matmul
    # the inner product of two 1-D arrays: a numpy scalar
    assert m({"a": arr("float32", 1), "b": arr("float32", 1)}, {}) == arr("float32", 0)
    assert m({"a": arr("int32", 1), "b": arr("int64", 1)}, {}) == arr("int64", 0)
    assert m({"a": arr("float32", None), "b": arr("float32", 1)}, {}) == arr("float32", None)
    assert m({"a": arr("float32", 2), "b": arr("float32", 2)}, {}) == arr("float32", 2)
    assert m({"a": arr("float32", 2), "b": arr("float32", 1)}, {}) == arr("float32", 1)
    assert m({"a": arr("float32", 1), "b": arr("float64", 2)}, {}) == arr("float64", 1)
    assert m({"a": arr("float32", 3), "b": arr("float32", 2)}, {}) == arr("float32", 3)
    assert m({"a": arr("float32", None), "b": arr("float32", 2)}, {}) == arr("float32", None)
    assert isinstance(m({"a": arr("float32", 0), "b": arr("float32", 2)}, {}), str)
    assert isinstance(h.dot({"a": arr("float32", 2), "b": arr("float32", 3)}, {}), str)
    # method form: the receiver is `self`
    assert m({"self": arr("float32", 2), "b": arr("float32", 2)}, {}) == arr("float32", 2)


def test_matmul_rank_matches_numpy() -> None:
    for na, nb in [(1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3), (4, 2)]:
        a = np.ones((2,) * na)
        b = np.ones((2,) * nb)
        assert h.matmul({"a": arr("float64", na), "b": arr("float64", nb)}, {}) == \
            arr("float64", np.matmul(a, b).ndim)


# ------------------------------------------------------------------ shapes


def test_reshape() -> None:
    a = arr("float32", 2)
    assert h.reshape({"self": a, "d0": INT}, {"d0": -1}) == arr("float32", 1)
    assert h.reshape({"self": a, "d0": INT, "d1": INT}, {}) == arr("float32", 2)
    assert h.reshape({"self": a, "shape": TupleT((INT, INT, INT))}, {}) == arr("float32", 3)
    assert h.reshape({"self": a, "shape": ListT(INT)}, {}) == arr("float32", None)
    assert isinstance(h.reshape({"self": a, "d0": INT, "d1": INT}, {"d0": -1, "d1": -1}), str)
    assert isinstance(h.reshape({"self": a, "shape": TupleT((INT, FLOAT))}, {}), str)


def test_concatenate_stack_expand_squeeze() -> None:
    items = ListT(arr("float32", 2))
    assert h.concatenate({"arrays": items, "axis": INT}, {"axis": 1}) == arr("float32", 2)
    assert isinstance(h.concatenate({"arrays": items, "axis": INT}, {"axis": 2}), str)
    assert h.stack({"arrays": items, "axis": INT}, {"axis": 2}) == arr("float32", 3)
    pair = TupleT((arr("int64", 1), arr("int64", 1)))
    assert h.stack({"arrays": pair}, {}) == arr("int64", 2)
    mixed = TupleT((arr("int64", 1), arr("float32", 1)))
    assert isinstance(h.concatenate({"arrays": mixed}, {}), str)
    assert h.expand_dims({"a": arr("float32", 2), "axis": INT}, {"axis": -1}) == \
        arr("float32", 3)
    assert isinstance(h.expand_dims({"a": arr("float32", 2), "axis": INT}, {"axis": 3}), str)
    assert h.squeeze({"a": arr("float32", 3)}, {}) == arr("float32", None)
    assert h.squeeze_axis({"a": arr("float32", 3), "axis": INT}, {"axis": 0}) == \
        arr("float32", 2)


def test_shape_tolist_and_conversions() -> None:
    assert h.shape({"self": arr("float32", 2)}, {}) == TupleT((INT, INT))
    assert h.shape({"self": arr("float32", None)}, {}) is None
    assert h.shape_list({"self": arr("float32", None)}, {}) == VarTupleT(INT)
    assert h.tolist({"self": arr("float32", 2)}, {}) == ListT(ListT(FLOAT))
    assert h.tolist({"self": arr("int32", 0)}, {}) == INT
    assert h.tolist({"self": arr("bool", 1)}, {}) == ListT(BOOL)
    assert h.tolist({"self": arr("bool", None)}, {}) is None
    assert h.to_float({"x": arr("float32", None)}, {}) == FLOAT
    assert isinstance(h.to_float({"x": arr("float32", 1)}, {}), str)
    assert h.to_int({"x": arr("float64", 0)}, {}) == INT
    assert isinstance(h.length({"x": arr("float64", 0)}, {}), str)
    assert h.item({"self": arr("int32", 2)}, {}) == INT


def test_creation() -> None:
    assert h.zeros({"shape": IntT()}, {}) == arr("float64", 1)
    assert h.zeros({"shape": TupleT((INT, INT)), "dtype": DTypeT("int32")}, {}) == arr("int32", 2)
    assert h.zeros({"shape": TupleT(())}, {}) == arr("float64", 0)
    assert h.zeros({"shape": ListT(INT)}, {}) == arr("float64", None)
    assert h.zeros({"shape": VarTupleT(INT)}, {}) == arr("float64", None)
    assert h.full({"shape": INT, "fill_value": INT}, {}) == arr("int64", 1)
    assert h.full({"shape": INT, "fill_value": BOOL}, {}) == arr("bool", 1)
    assert h.full({"shape": INT, "fill_value": FLOAT, "dtype": DTypeT("float32")}, {}) == \
        arr("float32", 1)
    assert h.array({"object": ListT(ListT(FLOAT))}, {}) == arr("float64", 2)
    assert h.array({"object": ListT(INT), "dtype": DTypeT("float32")}, {}) == arr("float32", 1)
    assert isinstance(h.array({"object": ListT(ListT(NONE))}, {}), str)


# ------------------------------------------------------ through inference

SOURCE = '''
import numpy as np
import numpy.typing as npt


def f(x: npt.NDArray[np.float32], m: npt.NDArray[np.int64]) -> float:
    a = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    b = a @ a.T
    s = np.sum(b, axis=1, keepdims=True)
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    y = (x / n)[:, 0]
    z = m / 2
    w = np.where(m > 0, x, 0.0)
    rows, cols = b.shape
    return float(np.sum(s)) + float(np.mean(y)) + float(np.max(z)) + float(np.sum(w)) + rows
'''


def test_hooks_through_inference(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pycomp import driver

    path = tmp_path / "main.py"
    path.write_text(SOURCE)
    mod = driver.compile_source(path)[0]
    fn = mod.functions[0]
    types = {}
    for s in fn.body:
        targets = getattr(s, "targets", ())
        for t in targets:
            if getattr(t, "id", None):
                types[t.id] = t.ty
            for e in getattr(t, "elts", ()):
                types[e.id] = e.ty
    assert types["a"] == arr("float32", 2)
    assert types["b"] == arr("float32", 2)
    assert types["s"] == arr("float32", 2)
    assert types["n"] == arr("float32", None)
    assert types["y"] == arr("float32", None)
    assert types["z"] == arr("float64", None)
    assert types["w"] == arr("float32", None)
    assert types["rows"] == INT


def test_axis_error_is_a_compile_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pycomp import driver
    from pycomp.diagnostics import CompileError

    path = tmp_path / "main.py"
    path.write_text("import numpy as np\n\n\ndef f() -> float:\n"
                    "    a = np.zeros((2, 3))\n    return float(np.sum(np.max(a, axis=2)))\n")
    with pytest.raises(CompileError) as e:
        driver.compile_source(path)
    assert "axis 2 is out of bounds for array of dimension 2" in str(e.value.diagnostics[0].message)


def test_stacking_and_logical_hooks() -> None:
    assert h.vstack({"arrays": ListT(arr("float32", 1))}, {}) == arr("float32", 2)
    assert h.vstack({"arrays": ListT(arr("float32", 3))}, {}) == arr("float32", 3)
    assert h.hstack({"arrays": ListT(arr("int64", 1))}, {}) == arr("int64", 1)
    assert h.hstack({"arrays": ListT(arr("int64", None))}, {}) == arr("int64", None)
    assert h.logical({"a": arr("int64", 1), "b": arr("float32", 2)}, {}) == arr("bool", 2)
    assert h.elementwise_test({"x": arr("float32", 3)}, {}) == arr("bool", 3)


def test_unknown_dtype_does_not_apply() -> None:
    """An inference variable bound to an array by a pattern: the overload is skipped."""
    from pycomp.types import TVar

    assert h.add({"a": NdArrayT(TVar(1), None), "b": INT}, {}) is None
    assert h.sum_keep({"a": NdArrayT(TVar(1), 2)}, {}) is None
    assert h.matmul({"a": NdArrayT(TVar(1), 2), "b": arr("float32", 2)}, {}) is None


def test_cumulative_partition_take_and_round_hooks() -> None:
    # np.cumsum/np.cumprod along an axis: the same rank (a 0-d array gives one axis), sum's dtype
    assert h.cumulative_axis({"a": arr("int32", 2), "axis": INT}, {"axis": 1}) == arr("int64", 2)
    assert h.cumulative_axis({"a": arr("float32", 0), "axis": INT}, {"axis": -1}) == \
        arr("float32", 1)
    assert h.cumulative_axis({"a": arr("float32", 2), "axis": INT}, {"axis": 2}) == \
        "axis 2 is out of bounds for array of dimension 2"
    # argpartition: int64 of the same rank, a 0-d array taken as 1-D; a numpy scalar's method refused
    assert h.argpartition({"a": arr("float32", 2), "kth": INT}, {}) == arr("int64", 2)
    assert h.argpartition({"a": arr("float32", 0), "kth": INT}, {}) == arr("int64", 1)
    assert isinstance(h.argpartition_method({"self": arr("float32", 0), "kth": INT}, {}), str)
    # x[:, ids]: the basic result's rank, one axis replaced by the index array's
    assert h.take_index({"b": arr("float32", 2), "ids": arr("int64", 2)}, {}) == arr("float32", 3)
    assert h.take_index({"b": arr("float32", None), "ids": arr("int32", 1)}, {}) == \
        arr("float32", None)
    assert isinstance(h.take_index({"b": arr("float32", 2), "ids": arr("bool", 1)}, {}), str)
    assert h.take_assign({"self": arr("float32", 2), "i": TupleT((ListT(INT), arr("int64", 1),
                                                                   INT, INT, BOOL))}, {}) == NONE
    # round of a numpy scalar: an int, or a numpy scalar with ndigits; arrays and bools refused
    assert h.scalar_round({"number": arr("float32", 0)}, {}) == INT
    assert h.scalar_round_ndigits({"number": arr("float64", None), "ndigits": INT}, {}) == \
        arr("float64", 0)
    assert isinstance(h.scalar_round({"number": arr("float32", 1)}, {}), str)
    assert isinstance(h.scalar_round({"number": arr("bool", 0)}, {}), str)
    assert h.take_index({"b": arr("float32", 2), "ids": arr("float64", 1)}, {}) == \
        "arrays used as indices must be of integer (or boolean) type"


def test_untyped_entry_dtypes_are_the_runtimes() -> None:
    """`ndany.DTYPES` lists exactly `pcrt::NdAny`'s variants, in order: an entry compiled
    for every dtype matches the variants with no `_` arm, so a variant without a copy is
    a cargo error in every such entry (found once after float16 was added)."""
    import re
    from pathlib import Path

    from pycomp import ndany

    nd = Path(__file__).resolve().parents[2] / "templates" / "runtime_optional" / "nd.rs"
    body = re.search(r"pub enum NdAny \{(.*?)\n\}", nd.read_text(), re.DOTALL)
    assert body is not None
    variants = re.findall(r"^\s*(\w+)\(ArrayD<", body.group(1), re.MULTILINE)
    assert [v.lower() for v in variants] == [d.replace("_", "") for d in ndany.DTYPES]
