"""Differential tests of numpy code: each case function compiled by pycomp against
CPython + numpy.

Every topic file `cases/<topic>.py` is compiled once per session with
`pycomp.build` (PYCOMP_PROFILE=debug makes cargo build faster) and opened with
`pycomp.load`; the same file is imported with importlib as the reference. Each
(function, input) pair of `inputs/<topic>.py` is one test, with an id like
`pooling.py::mean_pool[2]`. Both sides get deep copies of the same arguments
and must agree:

- arrays: the same dtype and shape, values `np.allclose(rtol=1e-5, atol=1e-6,
  equal_nan=True)` (float32 math may round differently in the last place);
- a numpy scalar (np.float32 ...) matches the Python scalar of its kind (the
  compiled code returns Python scalars), or a 0-d array of its dtype (an axis
  reduction of an array whose rank is unknown at compile time); floats compare
  with the same tolerance; lists, tuples and other values recursively, with
  exact types;
- exceptions: the same class; numpy's AxisError (a ValueError and an
  IndexError) matches the ValueError compiled code raises. An inputs file that
  sets `CHECK_MESSAGES = True` also compares the messages, and one that sets
  `EXACT = True` compares floats bit for bit (numpy's order of additions).

An inputs file may list known differences from numpy in `XFAIL = {(function,
index): reason}`; those tests are strict expected failures. `REFUSED = {(function,
index): message}` lists the calls of an entry taking `np.ndarray` without a dtype
with an array of a dtype it is not compiled for: the compiled side must raise
`TypeError(message)` (numpy would compute). A value that is an exception instead
(`ValueError("pycomp: ...")`) is a limitation pycomp reports at run time (an empty
list's dtype): the compiled side must raise that exception, class and message.

The meta-tests check the corpus: 5-10 annotated public functions per topic,
3-6 inputs each, at least one raising input per topic, arguments of the
annotated dtypes (the loader refuses other dtypes), and at least 32 functions.

Set `PYCOMP_KEEP=1` to build into `out/diff_numpy/<topic>/` instead of a tmp dir.
"""

from __future__ import annotations

import copy
import functools
import inspect
import math
import os
import shutil
import sys
import traceback
import types
import typing
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pyref import load_module, public_functions, topics

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CASES_DIR = HERE / "cases"
INPUTS_DIR = HERE / "inputs"
KEEP_DIR = REPO / "out" / "diff_numpy"

RTOL = 1e-5
ATOL = 1e-6
MIN_FUNCTIONS_PER_TOPIC = 5
MAX_FUNCTIONS_PER_TOPIC = 10
MIN_INPUTS = 3
MAX_INPUTS = 6
MIN_FUNCTIONS_TOTAL = 32


def _topics() -> list[str]:
    return topics(CASES_DIR)


@functools.cache
def reference(topic: str) -> types.ModuleType:
    return load_module(CASES_DIR / f"{topic}.py", f"pycomp_diff_numpy_cases_{topic}")


@functools.cache
def inputs(topic: str) -> types.ModuleType:
    return load_module(INPUTS_DIR / f"{topic}.py", f"pycomp_diff_numpy_inputs_{topic}")


def _cases() -> list[Any]:
    params = []
    for topic in _topics():
        for fname, arg_list in inputs(topic).INPUTS.items():
            for i in range(len(arg_list)):
                params.append(pytest.param(topic, fname, i, id=f"{topic}.py::{fname}[{i}]"))
    return params


# --------------------------------------------------------------------------
# Building the compiled side (once per topic per session)
# --------------------------------------------------------------------------


class _BuildFailure:
    def __init__(self, message: str) -> None:
        self.message = message


def _import_pycomp() -> types.ModuleType:
    try:
        import pycomp
    except ImportError:
        frontend = str(REPO / "frontend")
        if frontend not in sys.path:
            sys.path.insert(0, frontend)
        import pycomp
    return pycomp


class Builds:
    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._factory = tmp_path_factory
        self._cache: dict[str, Any] = {}

    def library(self, topic: str) -> Any:
        if topic not in self._cache:
            self._cache[topic] = self._build(topic)
        result = self._cache[topic]
        if isinstance(result, _BuildFailure):
            pytest.fail(result.message, pytrace=False)
        return result

    def _out_dir(self, topic: str) -> Path:
        if os.environ.get("PYCOMP_KEEP"):
            out = KEEP_DIR / topic
            if out.exists():
                shutil.rmtree(out)
            out.parent.mkdir(parents=True, exist_ok=True)
            return out
        return self._factory.mktemp(f"numpy_{topic}")

    def _build(self, topic: str) -> Any:
        pycomp = _import_pycomp()
        try:
            from pycomp.diagnostics import CompileError
        except ImportError:  # pragma: no cover
            CompileError = ()  # type: ignore[assignment]
        src = CASES_DIR / f"{topic}.py"
        try:
            bundle = pycomp.build(src, self._out_dir(topic))
            return pycomp.load(bundle)
        except CompileError as e:  # type: ignore[misc]
            rendered = e.render() if hasattr(e, "render") else str(e)
            return _BuildFailure(f"pycomp refused {src.name}:\n{rendered}")
        except Exception:
            return _BuildFailure(f"building {src.name} failed:\n{traceback.format_exc()}")


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory)


# --------------------------------------------------------------------------
# Comparing outcomes
# --------------------------------------------------------------------------


class Raised:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __repr__(self) -> str:
        return f"raise {type(self.exc).__name__}({str(self.exc)!r})"

    @property
    def kind(self) -> str:
        name = type(self.exc).__name__
        return "ValueError" if name == "AxisError" else name


def outcome(fn: Any, args: tuple) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # numpy's divide-by-zero and invalid-value warnings
            return fn(*copy.deepcopy(args))
    except Exception as exc:
        return Raised(exc)


def _float_diff(e: float, a: float, path: str, exact: bool) -> str | None:
    if math.isnan(e) and math.isnan(a):
        return None
    if exact:
        same = e == a and math.copysign(1.0, e) == math.copysign(1.0, a)
        return None if same else f"{path}: {a!r} is not bit for bit {e!r}"
    if e == a or math.isclose(e, a, rel_tol=RTOL, abs_tol=ATOL):
        return None
    return f"{path}: {a!r} is not within rtol={RTOL}, atol={ATOL} of {e!r}"


def value_diff(e: Any, a: Any, path: str = "result", exact: bool = False) -> str | None:
    """None when `a` (compiled) matches `e` (CPython + numpy), else where and how not;
    `exact`: floats bit for bit (a topic's `EXACT = True`)."""
    if isinstance(e, np.ndarray):
        if not isinstance(a, np.ndarray):
            return f"{path}: expected an ndarray, got {type(a).__name__} {a!r}"
        if e.dtype != a.dtype:
            return f"{path}: expected dtype {e.dtype}, got {a.dtype}"
        if e.shape != a.shape:
            return f"{path}: expected shape {e.shape}, got {a.shape}"
        if exact and not (np.array_equal(e, a, equal_nan=e.dtype.kind == "f")
                          and np.array_equal(np.signbit(e), np.signbit(a))):
            return f"{path}: values differ bit for bit (max abs diff {np.nanmax(np.abs(e - a))})"
        if not np.allclose(e, a, rtol=RTOL, atol=ATOL, equal_nan=True):
            return f"{path}: values differ (max abs diff {np.nanmax(np.abs(e - a))})"
        return None
    if isinstance(e, np.generic) and isinstance(a, np.ndarray) and a.ndim == 0:
        # numpy turns a 0-d result into a numpy scalar; compiled code keeps an array
        # when the rank was not known at compile time (`np.sum(x, axis=-1)` of a 1-D x)
        return value_diff(np.asarray(e), a, path, exact)
    if isinstance(e, np.generic):
        e = e.item()  # compiled code returns Python scalars
    if type(e) is not type(a):
        return f"{path}: expected {type(e).__name__} {e!r}, got {type(a).__name__} {a!r}"
    if isinstance(e, float):
        return _float_diff(e, a, path, exact)
    if isinstance(e, (list, tuple)):
        if len(e) != len(a):
            return f"{path}: expected length {len(e)} {e!r}, got length {len(a)} {a!r}"
        for i, (x, y) in enumerate(zip(e, a)):
            d = value_diff(x, y, f"{path}[{i}]", exact)
            if d:
                return d
        return None
    if isinstance(e, dict):
        if list(e) != list(a):
            return f"{path}: expected keys {list(e)!r}, got {list(a)!r}"
        for k in e:
            d = value_diff(e[k], a[k], f"{path}[{k!r}]", exact)
            if d:
                return d
        return None
    if e != a:
        return f"{path}: expected {e!r}, got {a!r}"
    return None


def outcome_diff(expected: Any, actual: Any, exact: bool = False) -> str | None:
    if isinstance(expected, Raised) and isinstance(actual, Raised):
        if expected.kind != actual.kind:
            return f"expected {expected!r}, got {actual!r}"
        return None
    if isinstance(expected, Raised):
        return f"expected {expected!r}, got a return value {actual!r}"
    if isinstance(actual, Raised):
        return f"expected the return value {expected!r}, got {actual!r}"
    return value_diff(expected, actual, exact=exact)


def _call_repr(fname: str, args: tuple) -> str:
    with np.printoptions(threshold=20, precision=4):
        text = f"{fname}({', '.join(repr(a) for a in args)})"
    return text if len(text) <= 600 else text[:600] + "…"


# --------------------------------------------------------------------------
# The differential tests
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("topic", "fname", "index"), _cases())
def test_diff_numpy(topic: str, fname: str, index: int, builds: Builds,
                    request: pytest.FixtureRequest) -> None:
    reason = getattr(inputs(topic), "XFAIL", {}).get((fname, index))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    args = inputs(topic).INPUTS[fname][index]
    compiled_fn = getattr(builds.library(topic), fname)
    actual = outcome(compiled_fn, args)
    refused = getattr(inputs(topic), "REFUSED", {}).get((fname, index))
    if refused is not None:
        # an `np.ndarray` entry given a dtype it is not compiled for: its TypeError; or
        # the exception of a limitation pycomp reports at run time
        want = refused if isinstance(refused, Exception) else TypeError(refused)
        if not (isinstance(actual, Raised) and type(actual.exc) is type(want)
                and str(actual.exc) == str(want)):
            pytest.fail(f"{_call_repr(fname, args)}\n  expected: {Raised(want)!r}"
                        f"\n  compiled: {actual!r}", pytrace=False)
        return
    expected = outcome(getattr(reference(topic), fname), args)
    diff = outcome_diff(expected, actual, getattr(inputs(topic), "EXACT", False))
    if not diff and getattr(inputs(topic), "CHECK_MESSAGES", False) and isinstance(
            expected, Raised) and str(expected.exc) != str(actual.exc):
        diff = f"the messages differ: {str(expected.exc)!r} != {str(actual.exc)!r}"
    if diff:
        pytest.fail(f"{_call_repr(fname, args)}\n  CPython:  {expected!r}\n  compiled: {actual!r}"
                    f"\n  {diff}", pytrace=False)


# --------------------------------------------------------------------------
# Meta-tests: the corpus itself
# --------------------------------------------------------------------------

TOPICS = _topics()


def conforms(value: Any, tp: Any) -> bool:
    """Whether an argument has the annotated type (arrays: the annotated dtype)."""
    if tp in (int, float, str, bool):
        return type(value) is tp
    if tp is np.ndarray:  # without a dtype: any array (REFUSED lists the dtypes refused)
        return isinstance(value, np.ndarray)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is np.ndarray:
        # npt.NDArray[np.float32] is ndarray[Any, dtype[float32]]
        want = typing.get_args(args[1])[0]
        return isinstance(value, np.ndarray) and value.dtype == np.dtype(want)
    if origin is list:
        return type(value) is list and all(conforms(x, args[0]) for x in value)
    if origin is tuple:
        return type(value) is tuple and len(value) == len(args) and all(
            conforms(x, t) for x, t in zip(value, args))
    raise AssertionError(f"annotation outside the corpus subset: {tp!r}")


def test_meta_corpus_size() -> None:
    total = sum(len(public_functions(reference(t))) for t in TOPICS)
    assert total >= MIN_FUNCTIONS_TOTAL, f"only {total} public functions in the corpus"
    assert sorted(p.stem for p in INPUTS_DIR.glob("*.py")) == TOPICS


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_shape(topic: str) -> None:
    module = reference(topic)
    inp = inputs(topic)
    public = public_functions(module)
    assert MIN_FUNCTIONS_PER_TOPIC <= len(public) <= MAX_FUNCTIONS_PER_TOPIC, (
        f"{topic}.py has {len(public)} public functions")
    assert set(inp.INPUTS) == set(public), (
        f"missing inputs: {sorted(set(public) - set(inp.INPUTS))}, "
        f"inputs for unknown functions: {sorted(set(inp.INPUTS) - set(public))}")
    for name, arg_list in inp.INPUTS.items():
        assert MIN_INPUTS <= len(arg_list) <= MAX_INPUTS, f"{name} has {len(arg_list)} inputs"
        hints = typing.get_type_hints(getattr(module, name))
        params = list(inspect.signature(getattr(module, name)).parameters)
        for i, args in enumerate(arg_list):
            assert type(args) is tuple and len(args) == len(params), f"{name}[{i}]"
            for p, v in zip(params, args):
                assert conforms(v, hints[p]), f"{name}[{i}]: {p} is not {hints[p]}"


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_reference_runs(topic: str) -> None:
    """CPython runs every input without changing its arguments; some inputs raise."""
    module = reference(topic)
    raising = 0
    for name, arg_list in inputs(topic).INPUTS.items():
        for i, args in enumerate(arg_list):
            work = copy.deepcopy(args)
            result = outcome(getattr(module, name), work)
            if isinstance(result, Raised):
                raising += 1
                assert type(result.exc).__module__ in ("builtins", "numpy.exceptions"), (
                    f"{name}[{i}] raised {result!r}")
            for a, b in zip(args, work):
                assert value_diff(a, b) is None, f"{name}[{i}] changed its arguments"
    assert raising > 0, f"{topic}.py has no input that raises"
