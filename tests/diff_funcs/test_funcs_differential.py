"""Differential tests of the function model: dynamic values, generators, closures,
decorators, `with`, parameters, `print` (issue 10).

Like tests/diff (whose comparison rules this reuses: same value with the same types
all the way down, or the same exception class and message), plus:

- what each call writes to stdout and stderr, compared byte for byte with CPython's
  (captured at the file-descriptor level, where compiled code writes);
- a function returning an iterator is consumed item by item on both sides, and the
  items before an exception are compared too (a generator raises where CPython's
  does, not before).

`cases/<topic>.py` holds the functions, `inputs/<topic>.py` their arguments
(`INPUTS: dict[str, list[tuple]]`). Run from the repository root: a case reading a
file names it relative to the working directory, as CPython would.
"""

from __future__ import annotations

import copy
import functools
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "diff"))
from pyref import load_module, public_functions, topics
from test_differential import Builds, Raised, outcome_diff

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
INPUTS_DIR = HERE / "inputs"
MIN_FUNCTIONS_TOTAL = 60  # the issue asks for 60


@functools.cache
def reference(topic: str) -> types.ModuleType:
    return load_module(CASES_DIR / f"{topic}.py", f"pycomp_funcs_cases_{topic}")


@functools.cache
def inputs(topic: str) -> types.ModuleType:
    return load_module(INPUTS_DIR / f"{topic}.py", f"pycomp_funcs_inputs_{topic}")


TOPICS = topics(CASES_DIR)


class FuncBuilds(Builds):
    """tests/diff's builder, reading this corpus."""

    def _build(self, topic: str) -> Any:
        import test_differential

        saved = test_differential.CASES_DIR
        test_differential.CASES_DIR = CASES_DIR
        try:
            return super()._build(topic)
        finally:
            test_differential.CASES_DIR = saved


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> FuncBuilds:
    return FuncBuilds(tmp_path_factory)


class Streamed:
    """An iterator's items up to its end, or up to the exception it raised."""

    def __init__(self, items: list[Any], error: Raised | None) -> None:
        self.items = items
        self.error = error

    def __repr__(self) -> str:
        return f"iterator {self.items!r}" + (f" then {self.error!r}" if self.error else "")


def run(fn: Any, args: tuple) -> Any:
    try:
        result = fn(*copy.deepcopy(args))
    except Exception as exc:
        return Raised(exc)
    if not isinstance(result, Iterator):
        return result
    items: list[Any] = []
    try:
        for x in result:
            items.append(x)  # noqa: PERF402 - keeps the items before an exception
    except Exception as exc:
        return Streamed(items, Raised(exc))
    return Streamed(items, None)


def diff(expected: Any, actual: Any) -> str | None:
    if isinstance(expected, Streamed) or isinstance(actual, Streamed):
        if not (isinstance(expected, Streamed) and isinstance(actual, Streamed)):
            return f"expected {expected!r}, got {actual!r}"
        d = outcome_diff(expected.items, actual.items, None)
        if d:
            return f"items: {d}"
        if (expected.error is None) != (actual.error is None):
            return f"expected {expected!r}, got {actual!r}"
        if expected.error is not None:
            return outcome_diff(expected.error, actual.error, None)
        return None
    return outcome_diff(expected, actual, None)


def _cases() -> list[Any]:
    return [pytest.param(t, f, i, id=f"{t}.py::{f}[{i}]")
            for t in TOPICS for f, arg_list in inputs(t).INPUTS.items()
            for i in range(len(arg_list))]


@pytest.mark.parametrize(("topic", "fname", "index"), _cases())
def test_funcs_diff(topic: str, fname: str, index: int, builds: FuncBuilds,
                    capfd: pytest.CaptureFixture[str]) -> None:
    args = inputs(topic).INPUTS[fname][index]
    compiled = getattr(builds.library(topic), fname)
    capfd.readouterr()
    expected = run(getattr(reference(topic), fname), args)
    sys.stdout.flush()
    sys.stderr.flush()
    py_out = capfd.readouterr()
    actual = run(compiled, args)
    sys.stdout.flush()
    native_out = capfd.readouterr()
    call = f"{fname}{args!r}"[:300]
    d = diff(expected, actual)
    if d:
        pytest.fail(f"{call}\n  CPython:  {expected!r}\n  compiled: {actual!r}\n  {d}",
                    pytrace=False)
    assert native_out.out == py_out.out, f"{call}: stdout differs"
    assert native_out.err == py_out.err, f"{call}: stderr differs"


def test_corpus_size() -> None:
    total = sum(len(public_functions(reference(t))) for t in TOPICS)
    assert total >= MIN_FUNCTIONS_TOTAL, f"only {total} public functions in the corpus"
    assert sorted(p.stem for p in INPUTS_DIR.glob("*.py")) == TOPICS


@pytest.mark.parametrize("topic", TOPICS)
def test_every_function_has_inputs_and_one_raises(topic: str) -> None:
    public = public_functions(reference(topic))
    assert set(inputs(topic).INPUTS) == set(public)
    raising = sum(isinstance(o, Raised) or (isinstance(o, Streamed) and o.error is not None)
                  for f, arg_list in inputs(topic).INPUTS.items() for a in arg_list
                  for o in [run(getattr(reference(topic), f), a)])
    assert raising > 0, f"{topic}.py has no input that raises"



def test_module_state_shared_between_threads(builds: FuncBuilds) -> None:
    """A module variable functions change is one for the whole process: four threads
    adding under the module's lock all count (globals.tally)."""
    import threading

    tally = builds.library("globals").tally
    before = tally(0)
    threads = [threading.Thread(target=tally, args=(500,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert tally(0) == before + 2000
