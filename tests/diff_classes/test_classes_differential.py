"""Differential tests of class-based code: each case function compiled by pycomp
against CPython.

Every topic file `cases/<topic>.py` defines classes (plain classes, dataclasses,
NamedTuples, enums, inheritance) and public functions using them; it is
compiled once per session (`pycomp.build` + `pycomp.load`) and imported into
CPython. Each (function, input) pair of `inputs/<topic>.py` is one test, id
`vocab.py::encode_text[2]`; both sides get deep copies of the same arguments and
must give the same value with the same types all the way down, or the same
exception class and message (an exception class of the topic: the loader's class of
that name, with the same bases, the same `args` and the same fields).

A result that is an instance of one of the topic's classes (a record crossing
the ABI, docs/abi.md) matches when the loader's object has the same class name,
the same field values (compared recursively, field by field), the same
`repr` and the same module classes in its MRO (an object of a family). Arguments may be instances too: the loader accepts any object with the
class's attributes.

The meta-tests check the corpus: 5-10 public functions per topic, 3-6 inputs
each, at least one raising input per topic, annotated signatures, and at least
40 functions in all.

Set `PYCOMP_KEEP=1` to build into `out/diff_classes/<topic>/`.
"""

from __future__ import annotations

import copy
import dataclasses
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
KEEP_DIR = REPO / "out" / "diff_classes"

MIN_FUNCTIONS_PER_TOPIC = 5
MAX_FUNCTIONS_PER_TOPIC = 10
MIN_INPUTS = 3
MAX_INPUTS = 6
MIN_FUNCTIONS_TOTAL = 40

TOPICS = topics(CASES_DIR)


@functools.cache
def reference(topic: str) -> types.ModuleType:
    # an inputs file holding the topic's objects has imported it already (under this
    # name): its arguments and CPython's functions then share the classes
    name = f"pycomp_diff_classes_cases_{topic}"
    return sys.modules.get(name) or load_module(CASES_DIR / f"{topic}.py", name)


@functools.cache
def inputs(topic: str) -> types.ModuleType:
    return load_module(INPUTS_DIR / f"{topic}.py", f"pycomp_diff_classes_inputs_{topic}")


def _cases() -> list[Any]:
    out = []
    for topic in TOPICS:
        for fname, arg_list in inputs(topic).INPUTS.items():
            for i in range(len(arg_list)):
                out.append(pytest.param(topic, fname, i, id=f"{topic}.py::{fname}[{i}]"))
    return out


class Builds:
    def __init__(self, tmp: pytest.TempPathFactory) -> None:
        self.tmp = tmp
        self.libs: dict[str, Any] = {}

    def library(self, topic: str) -> Any:
        if topic not in self.libs:
            self.libs[topic] = self._build(topic)
        lib = self.libs[topic]
        if isinstance(lib, str):
            pytest.fail(lib, pytrace=False)
        return lib

    def _build(self, topic: str) -> Any:
        import pycomp

        source = CASES_DIR / f"{topic}.py"
        if os.environ.get("PYCOMP_KEEP"):
            out = KEEP_DIR / topic
            shutil.rmtree(out, ignore_errors=True)
        else:
            out = self.tmp.mktemp(f"diff_classes_{topic}")
        try:
            return pycomp.load(pycomp.build(source, out))
        except Exception as exc:
            if hasattr(exc, "render"):
                return f"{source.name} does not compile:\n{exc.render()}"
            return f"pycomp.build({source.name}) failed:\n{traceback.format_exc()}"


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory)


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


def _is_instance_of_case_class(v: Any) -> bool:
    return type(v).__module__.startswith("pycomp_diff_classes_cases_")


def value_diff(e: Any, a: Any, path: str = "result") -> str | None:
    """None when `a` (compiled) matches `e` (CPython), else where and how not."""
    if _is_instance_of_case_class(e):
        if type(a).__name__ != type(e).__name__ or not dataclasses.is_dataclass(a):
            return f"{path}: expected a {type(e).__name__} record {e!r}, got {type(a)} {a!r}"
        if repr(a) != repr(e):
            return f"{path}: repr {repr(a)!r} != {repr(e)!r}"
        # an object of a family: the loader's dataclass derives from the same bases
        bases = ([c.__name__ for c in type(e).__mro__ if _is_instance_of_case_class_type(c)],
                 [c.__name__ for c in type(a).__mro__ if c.__module__.startswith("pycomp.")])
        if bases[0] != bases[1]:
            return f"{path}: classes {bases[1]} != {bases[0]}"
        for f in dataclasses.fields(a):
            d = value_diff(getattr(e, f.name), getattr(a, f.name), f"{path}.{f.name}")
            if d:
                return d
        return None
    if type(e) is not type(a):
        return f"{path}: expected {type(e).__name__} {e!r}, got {type(a).__name__} {a!r}"
    if isinstance(e, float):
        if math.isnan(e) and math.isnan(a):
            return None
        if e == a and math.copysign(1.0, e) == math.copysign(1.0, a):
            return None
        return f"{path}: expected {e!r}, got {a!r}"
    if isinstance(e, (list, tuple)):
        if len(e) != len(a):
            return f"{path}: expected {e!r}, got {a!r}"
        for i, (x, y) in enumerate(zip(e, a)):
            d = value_diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(e, dict):
        if list(e) != list(a):
            return f"{path}: keys {list(a)!r} != {list(e)!r}"
        for k in e:
            d = value_diff(e[k], a[k], f"{path}[{k!r}]")
            if d:
                return d
        return None
    if e != a:
        return f"{path}: expected {e!r}, got {a!r}"
    return None


def _lineage(cls: type) -> list[str]:
    return [c.__name__ for c in cls.__mro__]


def same_exception_class(ec: type, ac: type) -> bool:
    """A builtin class is itself; an exception class of the topic is the loader's class of
    that name, from the bundle, with the same bases by name (so `except ValueError` and
    `except Base` catch it as they catch CPython's)."""
    if _is_instance_of_case_class_type(ec):
        return ac.__module__.startswith("pycomp.bundle.") and _lineage(ac) == _lineage(ec)
    return ec is ac


def _is_instance_of_case_class_type(cls: type) -> bool:
    return cls.__module__.startswith("pycomp_diff_classes_cases_")


def outcome_diff(expected: Any, actual: Any) -> str | None:
    if isinstance(expected, Raised) and isinstance(actual, Raised):
        ec, ac = type(expected.exc), type(actual.exc)
        if not same_exception_class(ec, ac):
            return f"expected {expected!r} ({_lineage(ec)}), got {actual!r} ({_lineage(ac)})"
        if str(expected.exc) != str(actual.exc):
            return f"{ec.__name__} message: expected {str(expected.exc)!r}, got {str(actual.exc)!r}"
        if _is_instance_of_case_class_type(ec):
            # the args and fields of the topic's exception classes cross the ABI too
            for what, e, a in (("args", expected.exc.args, actual.exc.args),
                               ("fields", vars(expected.exc), vars(actual.exc))):
                diff = value_diff(e, a)
                if diff:
                    return f"{ec.__name__} {what}: {diff}"
        return None
    if isinstance(expected, Raised):
        return f"expected {expected!r}, got a return value {actual!r}"
    if isinstance(actual, Raised):
        return f"expected the return value {expected!r}, got {actual!r}"
    return value_diff(expected, actual)


@pytest.mark.parametrize(("topic", "fname", "index"), _cases())
def test_diff(topic: str, fname: str, index: int, builds: Builds) -> None:
    args = inputs(topic).INPUTS[fname][index]
    compiled_fn = getattr(builds.library(topic), fname)
    expected = outcome(getattr(reference(topic), fname), args)
    actual = outcome(compiled_fn, args)
    diff = outcome_diff(expected, actual)
    if diff:
        call = f"{fname}({', '.join(repr(a) for a in args)})"[:400]
        pytest.fail(f"{call}\n  CPython:  {expected!r}\n  compiled: {actual!r}\n  {diff}",
                    pytrace=False)


# --------------------------------------------------------------------------
# Meta-tests: the corpus itself
# --------------------------------------------------------------------------


def test_meta_corpus_size() -> None:
    total = sum(len(public_functions(reference(t))) for t in TOPICS)
    assert total >= MIN_FUNCTIONS_TOTAL, f"only {total} public functions in the corpus"
    assert sorted(p.stem for p in INPUTS_DIR.glob("*.py")) == TOPICS


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_shape(topic: str) -> None:
    module = reference(topic)
    public = public_functions(module)
    assert MIN_FUNCTIONS_PER_TOPIC <= len(public) <= MAX_FUNCTIONS_PER_TOPIC, (
        f"{topic}.py has {len(public)} public functions"
    )
    for name, fn in public.items():
        sig = inspect.signature(fn)
        assert sig.return_annotation is not inspect.Signature.empty, f"{name}: no return"
        for p in sig.parameters.values():
            assert p.annotation is not inspect.Parameter.empty, f"{name}: {p.name}"
    inp = inputs(topic).INPUTS
    assert set(inp) == set(public), sorted(set(inp) ^ set(public))
    for name, arg_list in inp.items():
        assert MIN_INPUTS <= len(arg_list) <= MAX_INPUTS, f"{name} has {len(arg_list)} inputs"
        assert all(type(a) is tuple for a in arg_list), f"{name}: inputs must be tuples"


@pytest.mark.parametrize("topic", TOPICS, ids=[f"{t}.py" for t in TOPICS])
def test_meta_reference_runs(topic: str) -> None:
    """CPython runs every input, returning the annotated type or raising a builtin
    exception or one of the topic's; at least one input per topic raises; arguments are not mutated."""
    module = reference(topic)
    raising = 0
    problems = []
    for name, arg_list in inputs(topic).INPUTS.items():
        fn = getattr(module, name)
        hints = typing.get_type_hints(fn)
        for i, args in enumerate(arg_list):
            work = copy.deepcopy(args)
            result = outcome(fn, work)
            if repr(work) != repr(args):
                problems.append(f"{name}[{i}] mutated its arguments")
            if isinstance(result, Raised):
                raising += 1
                if type(result.exc).__module__ != "builtins" and \
                        not _is_instance_of_case_class_type(type(result.exc)):
                    problems.append(f"{name}[{i}] raised a non-builtin {result!r}")
            elif hints["return"] is not type(None) and result is None:
                problems.append(f"{name}[{i}] returned None")
    assert raising > 0, f"{topic}.py has no input that raises"
    assert not problems, "\n".join(problems)


def test_exception_classes_across_the_abi(builds: Builds) -> None:
    """The loader makes one Python class per exception class of the module, once per
    bundle, deriving from the same bases: callers catch it by its own class
    (`except lib.MissingField`) or by a builtin base (`except ValueError`)."""
    lib = builds.library("exceptions")
    assert list(lib.exceptions) == ["ValidationError", "ConfigError", "MissingField", "BadType",
                                    "UnknownLabel", "TransientError"]
    assert lib.manifest["exceptions"][2] == {"name": "MissingField", "base": "ConfigError"}
    assert issubclass(lib.ValidationError, ValueError)
    assert issubclass(lib.MissingField, lib.ConfigError)
    assert lib.MissingField.__module__ == f"pycomp.bundle.{lib.name}"
    with pytest.raises(ValueError, match="port out of range: 0") as first:
        lib.parse_port({"port": "0"})
    assert type(first.value) is lib.ValidationError
    with pytest.raises(lib.ConfigError) as second:
        lib.parse_port({})
    assert type(second.value) is lib.MissingField and second.value.args == ("missing field: port",)
    with pytest.raises(KeyError) as third:
        lib.label_ids(["nope"])
    assert type(third.value) is lib.UnknownLabel and third.value.args == ("nope",)
    try:
        lib.with_retries(5, 2)
    except lib.TransientError as e:
        assert str(e).startswith("gave up after 2 attempts")
    else:
        pytest.fail("with_retries(5, 2) did not raise")


def test_exception_fields_across_the_abi(builds: Builds) -> None:
    """An exception class whose `__init__` stores fields reaches Python as the loader's
    class of that name with its message, CPython's `args` and its fields as attributes
    (the manifest's `exceptions` entry lists them)."""
    lib = builds.library("exception_fields")
    entry = next(x for x in lib.manifest["exceptions"] if x["name"] == "OutOfRange")
    assert entry["fields"] == [
        {"name": "name", "type": {"kind": "str"}}, {"name": "value", "type": {"kind": "float"}},
        {"name": "bounds", "type": {"kind": "tuple", "items": [{"kind": "float"}] * 2}}]
    with pytest.raises(KeyError) as e:
        lib.encode(["hello", "zzz"])
    assert type(e.value) is lib.UnknownToken and str(e.value) == "'zzz'"
    assert e.value.args == ("zzz",) and e.value.token == "zzz" and e.value.close == []
    with pytest.raises(lib.SchemaError) as s:
        lib.validate({"name": "Ada"})
    assert type(s.value) is lib.MissingField and str(s.value) == "city: required"
    assert vars(s.value) == {"field": "city", "reason": "required"}
    with pytest.raises(ValueError) as r:
        lib.check_scores({"a": 2.0})
    assert r.value.args == ("a", 2.0, (0.0, 1.0)) and r.value.bounds == (0.0, 1.0)
    with pytest.raises(RuntimeError) as limited:
        lib.fetch_with_backoff(3, 3)
    assert limited.value.args == () and (limited.value.attempt, limited.value.wait) == (2, 4)
