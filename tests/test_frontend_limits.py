"""The front end on hostile but valid input: deep nesting, mixed tabs, NFKC names.

Whatever CPython compiles, pycomp checks without an internal error; whatever
CPython refuses (TabError, nesting past its parser's or compiler's limits) is
an E005 diagnostic carrying CPython's message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pycomp import driver
from pycomp.diagnostics import CompileError


def _fn(body: str) -> str:
    return f"def f(x: int) -> int:\n{body}"


def _sum(n: int) -> str:
    return _fn("    return " + " + ".join(["x"] * n) + "\n")


def _neg(n: int) -> str:
    return _fn("    return " + "-" * n + "x\n")


def _elif(n: int) -> str:
    arms = "".join(f"    elif x == {i}:\n        return {i}\n" for i in range(1, n))
    return _fn(f"    if x == 0:\n        return 0\n{arms}    return -1\n")


def _calls(n: int) -> str:
    return "def g(x: int) -> int:\n    return x\n\n\n" + _fn(
        "    return " + "g(" * n + "x" + ")" * n + "\n")


def _parens(n: int) -> str:
    return _fn("    return " + "(" * n + "x" + ")" * n + "\n")


def _cpython_accepts(source: str) -> bool:
    try:
        compile(source, "<probe>", "exec", dont_inherit=True)
    except (SyntaxError, RecursionError, MemoryError):
        return False
    return True


def check_codes(tmp_path: Path, source: str) -> list[str]:
    """The diagnostics' codes and messages; [] when the file checks."""
    path = tmp_path / "main.py"
    path.write_text(source, encoding="utf-8")
    try:
        driver.compile_source(path)
    except CompileError as e:
        return [f"{d.code}: {d.message}" for d in e.diagnostics]
    return []


ACCEPTED = {
    "sum of 200 terms": _sum(200),
    "sum of 2,000 terms": _sum(2000),
    "2,000 unary minus": _neg(2000),
    "150 nested calls": _calls(150),
    "500-branch elif": _elif(500),
    "190 nested parentheses": _parens(190),
}

REFUSED = {
    "sum of 5,000 terms": (_sum(5000), "E005: `RecursionError`"),
    "5,000 unary minus": (_neg(5000), "E005: `RecursionError`"),
    "500 nested calls": (_calls(500), "E005: `SyntaxError`: too many nested parentheses"),
    "10,000 nested parentheses": (_parens(10_000),
                                  "E005: `SyntaxError`: too many nested parentheses"),
    "100,000 unary minus": (_neg(100_000), "E005: `MemoryError`"),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_nesting_cpython_compiles_is_checked(name: str, tmp_path: Path) -> None:
    source = ACCEPTED[name]
    assert _cpython_accepts(source)
    assert check_codes(tmp_path, source) == []


@pytest.mark.parametrize("name", REFUSED)
def test_nesting_cpython_refuses_is_a_diagnostic(name: str, tmp_path: Path) -> None:
    source, want = REFUSED[name]
    assert not _cpython_accepts(source)
    got = check_codes(tmp_path, source)
    assert len(got) == 1 and got[0].startswith(want), got


@pytest.mark.parametrize("source", [
    "def f(x: int) -> int:\n    if x:\n\treturn 1\n    return 2\n",
    "def f(x: int) -> int:\n\tif x:\n\t        return 1\n        return 2\n",
])
def test_mixed_tabs_and_spaces_are_cpythons_tab_error(source: str, tmp_path: Path) -> None:
    with pytest.raises(TabError) as cpython:
        compile(source, "<probe>", "exec", dont_inherit=True)
    got = check_codes(tmp_path, source)
    assert got == [f"E005: `TabError`: {cpython.value.msg}"]


def test_nfkc_equivalent_names_are_one_name(tmp_path: Path) -> None:
    # CPython reads `ﬁ` (U+FB01) as `fi`.
    assert check_codes(tmp_path, "def f(ﬁ: int) -> int:\n    return fi + 1\n") == []


def test_untyped_named_tuples_index_the_module_once(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each untyped `NamedTuple("P", ["a", "b"])` reads its fields' types from the
    module's calls of `P`: those calls come from one index of the module's calls,
    built on the first look-up (a walk of the whole module per named tuple made
    checking quadratic in the file's size)."""
    from pycomp import namedtuples

    n = 6
    source = "from collections import namedtuple\n\n" + "".join(
        f"P{i} = namedtuple(\"P{i}\", [\"a\", \"b\"])\n" for i in range(n)) + "".join(
        f"\n\ndef f{i}(x: int) -> int:\n    p = P{i}(x, \"s\")\n    return p.a\n"
        for i in range(n))
    indexes: list[int] = []
    look_up = namedtuples._calls_of

    def counted(lw: object, name: str) -> list[object]:
        found = look_up(lw, name)  # type: ignore[arg-type]
        indexes.append(id(lw.calls_by_name))  # type: ignore[attr-defined]
        return found  # type: ignore[return-value]

    monkeypatch.setattr(namedtuples, "_calls_of", counted)
    path = tmp_path / "points.py"
    path.write_text(source)
    typed, _ = driver.compile_source(path)
    assert len(indexes) == n and len(set(indexes)) == 1
    assert {f.name for f in typed.functions} >= {f"f{i}" for i in range(n)}


def test_check_speed_corpus_type_checks(tmp_path: Path) -> None:
    """bench/check_speed.py's replicated corpus is valid Python that checks without
    errors (it broke twice when a corpus file gained a new layout: a string
    annotation, an import over two lines), so the bench keeps printing its figure."""
    import importlib.util

    bench = Path(__file__).resolve().parents[1] / "bench" / "check_speed.py"
    spec = importlib.util.spec_from_file_location("check_speed", bench)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "big.py"
    path.write_text(module.corpus(200), encoding="utf-8")  # one copy of each file
    driver.compile_source(path)
