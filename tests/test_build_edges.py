"""Programs that pass `check` must build, and what cannot build is refused by `check`.

Each case was once accepted by `check` and then failed in cargo or while
writing the crate (issue 16, point 7), or behaved unlike CPython at module
level (point 4).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycomp
import pytest
from pyref import load_python
from test_frontend_limits import check_codes

sys.path.insert(0, str(Path(__file__).resolve().parent / "models"))
import make_tiny


def test_tokenizer_without_numpy_builds(tmp_path: Path) -> None:
    pytest.importorskip("tokenizers")
    make_tiny.make_tokenizer(tmp_path / "tokenizer.json")
    src = tmp_path / "count.py"
    src.write_text('from tokenizers import Tokenizer\n\n'
                   'tokenizer = Tokenizer.from_file("tokenizer.json")\n\n\n'
                   'def count_tokens(text: str) -> int:\n'
                   '    return len(tokenizer.encode(text).ids)\n')
    lib = pycomp.load(pycomp.build(src, tmp_path / "bundle"))
    assert lib.count_tokens("hello world") == load_python(src).count_tokens("hello world")


def test_a_function_defined_twice_is_the_last_definition(tmp_path: Path) -> None:
    src = tmp_path / "twice.py"
    src.write_text("def f(x: int) -> int:\n    return x\n\n\n"
                   "def g(x: int) -> int:\n    return f(x) * 10\n\n\n"
                   "def f(x: int) -> int:\n    return x + 1\n")
    lib = pycomp.load(pycomp.build(src, tmp_path / "bundle"))
    ref = load_python(src)
    assert (lib.f(1), lib.g(1)) == (ref.f(1), ref.g(1)) == (2, 20)


@pytest.mark.parametrize("source, want", [
    ('def f(s: str = "\\ud800") -> int:\n    return len(s)\n',
     "E002: a string holding the lone surrogate `\\ud800` is not supported"),
    ('def f() -> str:\n    return "a\\udfff"\n',
     "E002: a string holding the lone surrogate `\\udfff` is not supported"),
    ("def f(d: dict[float, int]) -> int:\n    return len(d)\n",
     "E034: `float` cannot be a dict key here"),
    ("def f(s: set[float]) -> int:\n    return len(s)\n",
     "E034: `float` cannot be a set item here"),
    ("def f() -> dict[tuple[int, float], int]:\n    return {}\n",
     "E034: `tuple[int, float]` cannot be a dict key here"),
    ("int = float\n\n\ndef f(x: int) -> int:\n    return x\n",
     "E004: rebinding the builtin `int` at module level is not supported"),
])
def test_refused_at_check(source: str, want: str, tmp_path: Path) -> None:
    got = check_codes(tmp_path, source)
    assert got and got[0].startswith(want), got


_KW_MERGE = '''
def _f(a: int = 0, **kw: int) -> str:
    return f"{a} {kw}"


class C:
    def __init__(self, a: int, b: int = 0) -> None:
        self.a = a + b

    def m(self, a: int, *, k: int = 0) -> int:
        return a + k


def before(d: dict[str, int]) -> str:
    return _f(a=1, z=2, **d)


def after(d: dict[str, int]) -> str:
    return _f(**d, z=2)


def made(d: dict[str, int]) -> int:
    return C(a=1, **d).a


def method(d: dict[str, int]) -> int:
    return C(1).m(1, k=2, **d)
'''


def test_double_star_repeating_a_written_keyword_names_the_module(tmp_path: Path) -> None:
    """`f(k=1, **d)` with a key `k` in `d`: CPython's error names the function with its
    module (`kwmerge._f()`, `kwmerge.C()` for a constructor) as it does when the module
    is imported under its file's name."""
    src = tmp_path / "kwmerge.py"
    src.write_text(_KW_MERGE)
    lib = pycomp.load(pycomp.build(src, tmp_path / "bundle"))
    ref = load_python(src, "kwmerge")
    cases = [("before", {"a": 3}), ("before", {"q": 1, "z": 3}), ("before", {"q": 1}),
             ("after", {"z": 1}), ("after", {"a": 4}), ("made", {"a": 2}), ("made", {"b": 2}),
             ("method", {"k": 1}), ("method", {"a": 1, "k": 1}), ("method", {})]

    def outcome(fn: object, d: dict[str, int]) -> object:
        try:
            return fn(d)  # type: ignore[operator]
        except TypeError as e:
            return f"TypeError: {e}"

    got = [outcome(getattr(lib, name), d) for name, d in cases]
    want = [outcome(getattr(ref, name), d) for name, d in cases]
    assert got == want
    assert "TypeError: kwmerge._f() got multiple values for keyword argument 'a'" in want


def test_run_time_backreference_under_ignorecase_is_refused_when_compiled(
        tmp_path: Path) -> None:
    """The engine compares a backreference exactly, CPython case-insensitively under
    IGNORECASE: a pattern known only at run time raises NotImplementedError there (a
    literal one is E030 at compile time), and works without the flag."""
    src = tmp_path / "dedupe.py"
    src.write_text("import re\n\n\n"
                   "def dedupe(pattern: str, text: str, fold: bool) -> str:\n"
                   "    return re.sub(pattern, r'\\1', text, flags=re.IGNORECASE if fold "
                   "else 0)\n")
    lib = pycomp.load(pycomp.build(src, tmp_path / "bundle"))
    ref = load_python(src)
    text = "the the cat sat SAT on"
    for pattern in (r"\b(\w+)(\s+\1\b)+", r"(?i:x)\b(\w+)(\s+\1\b)+", r"\b(?P<w>\w+) (?P=w)"):
        assert lib.dedupe(pattern, text, False) == ref.dedupe(pattern, text, False)
    for pattern, fold in ((r"\b(\w+)(\s+\1\b)+", True), (r"(?i)\b(\w+)(\s+\1\b)+", False),
                          (r"\b(?P<w>\w+) (?i:(?P=w))", False)):
        with pytest.raises(NotImplementedError, match="backreference under IGNORECASE"):
            lib.dedupe(pattern, text, fold)
