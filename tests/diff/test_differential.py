"""Differential tests: each case function compiled by pycomp against CPython.

Every topic file `cases/<topic>.py` is compiled once per session with
`pycomp.build` and opened with `pycomp.load`; the same file is imported with
importlib as the CPython reference. Each (function, input) pair from
`inputs/<topic>.py` is one test, with an id like `counting.py::word_freq[2]`.
Both sides are called with deep copies of the same arguments and must agree:

- on a return value: equal, with the same Python type at every level (an int
  is not a float, a tuple is not a list, a bool is not an int; dict key order
  counts; floats exactly, -0.0 is not 0.0, NaN equals NaN), except for the
  functions an inputs file lists in `TOLERANCE` (transcendental math), whose
  floats are compared with `math.isclose(rel_tol=tol, abs_tol=tol)`;
- on an exception: the same class and the same `str(exc)`;
- for the pairs listed in an inputs file's `OVERFLOW`: CPython returns an int
  beyond 64 bits and the compiled code must raise OverflowError.

The meta-tests at the end check the corpus itself: its shape, that inputs
match the annotations, that CPython runs every input, and that the sources
stay inside the subset pycomp compiles.

Set `PYCOMP_KEEP=1` to build into `out/diff/<topic>/` (kept) instead of a
pytest tmp dir.
"""

from __future__ import annotations

import ast
import collections.abc
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
from pathlib import Path
from typing import Any

import pytest
from pyref import load_module, public_functions, topics

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CASES_DIR = HERE / "cases"
INPUTS_DIR = HERE / "inputs"
KEEP_DIR = REPO / "out" / "diff"

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

MIN_FUNCTIONS_PER_TOPIC = 5
MAX_FUNCTIONS_PER_TOPIC = 10
MIN_INPUTS = 3
MAX_INPUTS = 6
MIN_FUNCTIONS_TOTAL = 64


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


def _topics() -> list[str]:
    return topics(CASES_DIR)


@functools.cache
def reference(topic: str) -> types.ModuleType:
    """The topic file imported by CPython: the reference implementation."""
    return load_module(CASES_DIR / f"{topic}.py", f"pycomp_diff_cases_{topic}")


@functools.cache
def inputs(topic: str) -> types.ModuleType:
    return load_module(INPUTS_DIR / f"{topic}.py", f"pycomp_diff_inputs_{topic}")




def all_functions(module: types.ModuleType) -> dict[str, types.FunctionType]:
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isfunction(obj) and obj.__module__ == module.__name__
    }


def overflow_set(topic: str) -> set[tuple[str, int]]:
    return set(getattr(inputs(topic), "OVERFLOW", set()))


def tolerance(topic: str, fname: str) -> float | None:
    return getattr(inputs(topic), "TOLERANCE", {}).get(fname)


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


def _compile_error_class() -> type | None:
    try:
        from pycomp.diagnostics import CompileError
    except ImportError:
        return None
    return CompileError


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
            out.mkdir(parents=True)
            return out
        return self._factory.mktemp(f"diff-{topic}")

    def _build(self, topic: str) -> Any:
        source = CASES_DIR / f"{topic}.py"
        try:
            pycomp = _import_pycomp()
            build = pycomp.build
            load = pycomp.load
        except Exception:
            return _BuildFailure(
                f"pycomp is not usable yet (needs pycomp.build and pycomp.load):\n"
                f"{traceback.format_exc()}"
            )
        out = self._out_dir(topic)
        compile_error = _compile_error_class()
        try:
            bundle = build(source, out)
        except Exception as exc:
            if (compile_error is not None and isinstance(exc, compile_error)) or hasattr(exc, "render"):
                return _BuildFailure(f"{source.name} does not compile:\n{exc.render()}")
            return _BuildFailure(f"pycomp.build({source.name}) crashed:\n{traceback.format_exc()}")
        try:
            return load(bundle)
        except Exception:
            return _BuildFailure(f"pycomp.load({bundle}) failed:\n{traceback.format_exc()}")


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


def outcome(fn: Any, args: tuple) -> Any:
    try:
        return fn(*copy.deepcopy(args))
    except Exception as exc:
        return Raised(exc)


def _float_diff(e: float, a: float, tol: float | None, path: str) -> str | None:
    if math.isnan(e) and math.isnan(a):
        return None
    if tol is not None:
        if e == a or math.isclose(e, a, rel_tol=tol, abs_tol=tol):
            return None
        return f"{path}: {a!r} is not within {tol} of {e!r}"
    if e == a and math.copysign(1.0, e) == math.copysign(1.0, a):
        return None
    return f"{path}: expected {e!r}, got {a!r}"


def value_diff(e: Any, a: Any, tol: float | None = None, path: str = "result") -> str | None:
    """None when `a` (compiled) matches `e` (CPython), else where and how not."""
    if type(e) is not type(a):
        return f"{path}: expected {type(e).__name__} {e!r}, got {type(a).__name__} {a!r}"
    if isinstance(e, float):
        return _float_diff(e, a, tol, path)
    if isinstance(e, (list, tuple)):
        if len(e) != len(a):
            return f"{path}: expected length {len(e)} {e!r}, got length {len(a)} {a!r}"
        for i, (x, y) in enumerate(zip(e, a)):
            d = value_diff(x, y, tol, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(e, collections.defaultdict) and e.default_factory is not a.default_factory:
        return f"{path}: expected the factory {e.default_factory!r}, got {a.default_factory!r}"
    if isinstance(e, dict):
        if len(e) != len(a):
            return f"{path}: expected {len(e)} items {e!r}, got {len(a)} items {a!r}"
        for i, ((ek, ev), (ak, av)) in enumerate(zip(e.items(), a.items())):
            d = value_diff(ek, ak, None, f"{path}.keys()[{i}]")
            if d:
                if ek in a:
                    return f"{path}: key order differs: expected {list(e)!r}, got {list(a)!r}"
                return d
            d = value_diff(ev, av, tol, f"{path}[{ek!r}]")
            if d:
                return d
        return None
    if isinstance(e, (set, frozenset)):
        if e != a:
            return f"{path}: expected {e!r}, got {a!r}"
        for x in e:
            (y,) = [y for y in a if y == x]
            d = value_diff(x, y, None, f"{path}{{{x!r}}}")
            if d:
                return d
        return None
    if e != a:
        return f"{path}: expected {e!r}, got {a!r}"
    return None


def outcome_diff(expected: Any, actual: Any, tol: float | None) -> str | None:
    if isinstance(expected, Raised) and isinstance(actual, Raised):
        ec, ac = type(expected.exc), type(actual.exc)
        if ec is not ac:
            return f"expected {expected!r}, got {actual!r}"
        if str(expected.exc) != str(actual.exc):
            return f"{ec.__name__} message: expected {str(expected.exc)!r}, got {str(actual.exc)!r}"
        return None
    if isinstance(expected, Raised):
        return f"expected {expected!r}, got a return value {actual!r}"
    if isinstance(actual, Raised):
        return f"expected the return value {expected!r}, got {actual!r}"
    return value_diff(expected, actual, tol)


def ints_outside_i64(value: Any) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value] if not I64_MIN <= value <= I64_MAX else []
    if isinstance(value, dict):
        return [i for k, v in value.items() for i in ints_outside_i64(k) + ints_outside_i64(v)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [i for x in value for i in ints_outside_i64(x)]
    return []


def _call_repr(fname: str, args: tuple) -> str:
    text = f"{fname}({', '.join(repr(a) for a in args)})"
    return text if len(text) <= 400 else text[:400] + "…"


# --------------------------------------------------------------------------
# The differential tests
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("topic", "fname", "index"), _cases())
def test_diff(topic: str, fname: str, index: int, builds: Builds) -> None:
    args = inputs(topic).INPUTS[fname][index]
    compiled_fn = getattr(builds.library(topic), fname)
    expected = outcome(getattr(reference(topic), fname), args)
    actual = outcome(compiled_fn, args)
    call = _call_repr(fname, args)

    if (fname, index) in overflow_set(topic):
        assert not isinstance(expected, Raised) and ints_outside_i64(expected), (
            f"corpus error: {call} is marked OVERFLOW but CPython gives {expected!r}"
        )
        if not (isinstance(actual, Raised) and type(actual.exc) is OverflowError):
            pytest.fail(f"{call}: expected OverflowError (CPython: a big int), got {actual!r}",
                        pytrace=False)
        return

    diff = outcome_diff(expected, actual, tolerance(topic, fname))
    if diff:
        pytest.fail(f"{call}\n  CPython:  {expected!r}\n  compiled: {actual!r}\n  {diff}",
                    pytrace=False)


# --------------------------------------------------------------------------
# Meta-tests: the corpus itself
# --------------------------------------------------------------------------


def conforms(value: Any, tp: Any) -> bool:
    """Whether value has exactly the annotated type (an int is not a float)."""
    if tp is None or tp is type(None):
        return value is None
    if tp in (int, float, str, bool, bytes):
        return type(value) is tp
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        # compiled as the values' type: any value of that type is accepted, as in CPython
        return type(value) in {type(a) for a in args}
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, t) for t in args)
    if origin is list:
        return type(value) is list and all(conforms(x, args[0]) for x in value)
    if origin in (collections.abc.Sequence, collections.abc.Iterable):
        # compiled as list[T]: a list or a tuple from Python
        return type(value) in (list, tuple) and all(conforms(x, args[0]) for x in value)
    if origin is collections.abc.Mapping:
        return conforms(value, dict[args[0], args[1]])  # type: ignore[valid-type]
    if origin in (set, frozenset):
        return type(value) is origin and all(conforms(x, args[0]) for x in value)
    if origin is collections.Counter:
        return type(value) is collections.Counter and all(
            conforms(k, args[0]) and type(v) is int for k, v in value.items()
        )
    if origin in (collections.OrderedDict, collections.defaultdict):
        return type(value) is origin and conforms(dict(value), dict[args[0], args[1]])  # type: ignore[valid-type]
    if origin is dict:
        return type(value) is dict and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if origin is tuple:
        if type(value) is not tuple:
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(conforms(x, args[0]) for x in value)
        return len(value) == len(args) and all(conforms(x, t) for x, t in zip(value, args))
    raise AssertionError(f"annotation outside the pycomp subset: {tp!r}")


TOPICS = _topics()


def test_meta_corpus_size() -> None:
    total = sum(len(public_functions(reference(t))) for t in TOPICS)
    assert total >= MIN_FUNCTIONS_TOTAL, f"only {total} public functions in the corpus"
    assert TOPICS, "no topic files"
    assert sorted(p.stem for p in INPUTS_DIR.glob("*.py")) == TOPICS, (
        "every cases/<topic>.py needs exactly one inputs/<topic>.py"
    )


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_shape(topic: str) -> None:
    """5-10 annotated public functions, each with 3-6 inputs; OVERFLOW and
    TOLERANCE name real entries."""
    module = reference(topic)
    inp = inputs(topic)
    public = public_functions(module)
    assert MIN_FUNCTIONS_PER_TOPIC <= len(public) <= MAX_FUNCTIONS_PER_TOPIC, (
        f"{topic}.py has {len(public)} public functions"
    )
    for name, fn in all_functions(module).items():
        sig = inspect.signature(fn)
        assert sig.return_annotation is not inspect.Signature.empty, f"{name}: no return annotation"
        for p in sig.parameters.values():
            assert p.annotation is not inspect.Parameter.empty, f"{name}: {p.name} not annotated"
            assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, f"{name}: {p.name} is {p.kind}"
    assert set(inp.INPUTS) == set(public), (
        f"missing inputs: {sorted(set(public) - set(inp.INPUTS))}, "
        f"inputs for unknown functions: {sorted(set(inp.INPUTS) - set(public))}"
    )
    for name, arg_list in inp.INPUTS.items():
        assert MIN_INPUTS <= len(arg_list) <= MAX_INPUTS, f"{name} has {len(arg_list)} inputs"
        assert all(type(args) is tuple for args in arg_list), f"{name}: inputs must be tuples"
    for name, index in overflow_set(topic):
        assert name in inp.INPUTS and 0 <= index < len(inp.INPUTS[name]), (
            f"OVERFLOW names a missing input {name}[{index}]"
        )
    for name in getattr(inp, "TOLERANCE", {}):
        assert name in public, f"TOLERANCE names an unknown function {name}"


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_inputs_match_annotations(topic: str) -> None:
    module = reference(topic)
    problems = []
    for name, arg_list in inputs(topic).INPUTS.items():
        fn = getattr(module, name)
        hints = typing.get_type_hints(fn)
        params = list(inspect.signature(fn).parameters.values())
        required = sum(1 for p in params if p.default is inspect.Parameter.empty)
        for i, args in enumerate(arg_list):
            if not required <= len(args) <= len(params):
                problems.append(f"{name}[{i}]: {len(args)} arguments, wants {required}..{len(params)}")
                continue
            for p, value in zip(params, args):
                if not conforms(value, hints[p.name]):
                    problems.append(f"{name}[{i}]: {p.name}={value!r} is not {hints[p.name]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_reference_runs(topic: str) -> None:
    """CPython runs every input: it returns the annotated type (so the compiled
    code can), or raises a builtin exception; at least one input raises; it does
    not mutate its arguments; big ints appear exactly for the OVERFLOW pairs."""
    module = reference(topic)
    overflow = overflow_set(topic)
    problems = []
    raising = 0
    for name, arg_list in inputs(topic).INPUTS.items():
        fn = getattr(module, name)
        ret = typing.get_type_hints(fn)["return"]
        for i, args in enumerate(arg_list):
            work = copy.deepcopy(args)
            try:
                result = fn(*work)
            except Exception as exc:
                result = Raised(exc)
            if work != args:
                problems.append(f"{name}[{i}] mutated its arguments: {args!r} -> {work!r}")
            if isinstance(result, Raised):
                raising += 1
                if type(result.exc).__module__ not in EXCEPTION_MODULES:
                    problems.append(f"{name}[{i}] raised a non-builtin {result!r}")
                if (name, i) in overflow:
                    problems.append(f"{name}[{i}] is marked OVERFLOW but raises {result!r}")
                continue
            if not conforms(result, ret):
                problems.append(f"{name}[{i}] returned {result!r}, not the annotated {ret}")
            big = ints_outside_i64(result)
            if (name, i) in overflow and not big:
                problems.append(f"{name}[{i}] is marked OVERFLOW but its result fits in i64")
            if (name, i) not in overflow and big:
                problems.append(f"{name}[{i}] returns ints beyond i64 {big}: mark it OVERFLOW")
    assert raising > 0, f"{topic}.py has no input that raises"
    assert not problems, "\n".join(problems)


# Where the exceptions compiled code raises live: the builtins, and the stdlib
# modules whose own classes it raises (`json.JSONDecodeError`).
EXCEPTION_MODULES = {"builtins", "json.decoder", "re", "statistics", "binascii"}

_ALLOWED_IMPORTS = {"math": {"floor", "gcd", "inf", "pi", "sqrt"}, "string": None, "bisect": None, "heapq": None, "random": {"Random"},
                    "itertools": None, "functools": {"reduce", "cmp_to_key"},
                    "operator": {"itemgetter", "attrgetter"},
                    "typing": {"Optional", "Any", "NamedTuple", "Final", "Literal", "List", "Dict", "Tuple",
                               "Union", "TypeAlias", "FrozenSet"}, "json": None,
                    "collections": {"Counter", "defaultdict", "OrderedDict", "deque", "namedtuple"},
                    "re": None,
                    "statistics": None, "unicodedata": None,
                    "time": {"perf_counter", "monotonic", "sleep", "time"}, "base64": None, "hashlib": None,
                    "copy": None, "textwrap": None, "zlib": None, "binascii": None,
                    "collections.abc": {"Iterable", "Sequence", "Mapping"}}
_FORBIDDEN_NODES = (
    ast.ClassDef, ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Await,
    ast.AsyncFunctionDef, ast.With, ast.NamedExpr, ast.Match,
)


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant)


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_source_subset(topic: str) -> None:
    """The sources stay inside the subset pycomp compiles."""
    path = CASES_DIR / f"{topic}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems = []
    # `*xs` is compiled inside list and set displays (and `**d` in dict displays), as
    # one name of an unpacking target (`first, *rest = xs`)
    spliced = {id(e) for n in ast.walk(tree) if isinstance(n, (ast.List, ast.Set))
               for e in n.elts if isinstance(e, ast.Starred)}
    spliced |= {id(e) for n in ast.walk(tree) if isinstance(n, ast.Tuple)
                and isinstance(n.ctx, ast.Store) for e in n.elts if isinstance(e, ast.Starred)}
    # and as the one argument of `zip(*rows)`
    spliced |= {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Name) and n.func.id == "zip" and len(n.args) == 1
                and isinstance(n.args[0], ast.Starred) and not n.keywords}
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, _FORBIDDEN_NODES) or (
                isinstance(node, ast.Starred) and id(node) not in spliced):
            problems.append(f"{where}: {type(node).__name__} is outside the subset")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name not in _ALLOWED_IMPORTS or alias.asname:
                    problems.append(f"{where}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            allowed = _ALLOWED_IMPORTS.get(node.module or "")
            if not allowed or any(a.name not in allowed for a in node.names):
                problems.append(f"{where}: from {node.module} import ...")
        elif isinstance(node, (ast.For, ast.While)) and node.orelse:
            problems.append(f"{where}: else on a loop")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            problems.append(f"{where}: print()")
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            a = node.args
            if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
                problems.append(f"{where}: only plain parameters are supported")
            if isinstance(node, ast.FunctionDef):
                if node.decorator_list:
                    problems.append(f"{where}: decorators")
                problems += [f"{where}: non-literal default in {node.name}"
                             for d in a.defaults if not _literal(d)]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            nested = [n for n in ast.walk(node) if n is not node and isinstance(n, ast.FunctionDef)]
            problems += [f"{path.name}:{n.lineno}: nested def {n.name}" for n in nested]
        elif not isinstance(node, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.Expr)):
            problems.append(f"{path.name}:{node.lineno}: top-level {type(node).__name__}")
    assert not problems, "\n".join(problems)
