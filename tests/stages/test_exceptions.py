"""Exceptions inside compiled code: raised, caught by class hierarchy, re-raised,
finally blocks, and `repr`/`str` of a caught exception, against CPython."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pycomp
import pytest

SOURCE = '''
def parse_or(s: str, default: int) -> int:
    try:
        return int(s)
    except ValueError:
        return default


def describe(s: str) -> str:
    try:
        v = int(s)
    except ValueError as e:
        return repr(e)
    else:
        return f"ok {v}"


def lookup(d: dict[str, int], k: str) -> str:
    try:
        return str(d[k])
    except LookupError as e:
        return "missing " + str(e) + " " + repr(e)


def cleanup(xs: list[int], i: int) -> list[int]:
    out: list[int] = []
    try:
        out.append(xs[i])
    except IndexError:
        out.append(-1)
        raise
    finally:
        out.append(99)
    return out


def nested(a: int, b: int) -> str:
    try:
        try:
            return str(a // b)
        except KeyError:
            return "key"
    except ZeroDivisionError as e:
        return "outer " + str(e)


def reraise_other(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        raise KeyError(s)
'''

CASES = [
    ("parse_or", ("12", 0)), ("parse_or", ("x", 7)),
    ("describe", ("5",)), ("describe", ("five",)),
    ("lookup", ({"a": 1}, "a")), ("lookup", ({"a": 1}, "b")),
    ("cleanup", ([1, 2], 0)), ("cleanup", ([1, 2], 5)),
    ("nested", (7, 2)), ("nested", (7, 0)),
    ("reraise_other", ("3",)), ("reraise_other", ("x",)),
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    d = tmp_path_factory.mktemp("exc")
    src = d / "exc_cases.py"
    src.write_text(SOURCE)
    lib = pycomp.load(pycomp.build(src, d / "bundle"))
    spec = importlib.util.spec_from_file_location("exc_cases", src)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return lib, mod


def outcome(fn: object, args: tuple[object, ...]) -> tuple[str, object]:
    try:
        return ("ok", fn(*args))  # type: ignore[operator]
    except Exception as e:
        return (type(e).__name__, str(e))


@pytest.mark.parametrize("name,args", CASES, ids=[f"{n}{a!r}" for n, a in CASES])
def test_matches_cpython(both: tuple[object, object], name: str, args: tuple[object, ...]) -> None:
    lib, mod = both
    assert outcome(getattr(lib, name), args) == outcome(getattr(mod, name), args)


def test_source_file_is_valid(tmp_path: Path) -> None:
    compile(SOURCE, "exc_cases.py", "exec")
