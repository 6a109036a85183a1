"""Plain generic functions (pycomp.generics): PEP 695 type parameters, which CPython
3.12 compiles; on an older CPython the file is E005, so these tests skip that check
to stand for a 3.12 host."""

from __future__ import annotations

import sys

import pytest
from pycomp import driver, parse
from pycomp.diagnostics import CompileError
from pycomp.types import FLOAT, INT, STR, ListT

PEP695 = '''
def first[T](xs: list[T]) -> T:
    return xs[0]


def clamp[F: float](x: F, lo: F, hi: F) -> F:
    return max(lo, min(x, hi))


def scale[N: (int, float)](x: N, k: int) -> N:
    return x * k


def heads(a: list[int], b: list[str]) -> str:
    return f"{first(a)} {first(b)} {clamp(2.5, 0.0, 1.0)} {scale(3, 2)} {scale(0.5, 2)}"
'''


@pytest.fixture
def as_312(monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.version_info < (3, 12):
        monkeypatch.setattr(parse, "_report_cpython_rejection", lambda src, sink: None)


def test_pep695_copies_per_call_site_types(as_312: None) -> None:
    mod, _ = driver.compile_source("main.py", PEP695)
    sigs = {f.name: ([p.annotation for p in f.params], f.returns, f.is_entry)
            for f in mod.functions}
    assert sigs == {
        "heads": ([ListT(INT), ListT(STR)], STR, True),
        "first__int": ([ListT(INT)], INT, False),
        "first__str": ([ListT(STR)], STR, False),
        "clamp__float": ([FLOAT, FLOAT, FLOAT], FLOAT, False),
        "scale__int": ([INT, INT], INT, False),
        "scale__float": ([FLOAT, INT], FLOAT, False),
    }


def test_pep695_type_parameter_is_the_functions_own(as_312: None) -> None:
    # `T` of `first` is not a type outside it
    with pytest.raises(CompileError) as e:
        driver.compile_source("main.py", PEP695 + "\n\ndef g(x: T) -> int:\n    return 1\n")
    assert "`T`" in str(e.value)
