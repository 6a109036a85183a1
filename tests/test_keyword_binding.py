"""Keyword-only (`*`) and positional-only (`/`) parameters of an entry point bind as in
CPython when a Python host calls it: the manifest gives each such parameter's kind, the
loader refuses a keyword-only argument given by position and a positional-only one given
by keyword with CPython's TypeError messages, and the signature shows the kinds. Found by
trialC (issue 10): `request("POST", "/y", 2.5)` set `timeout` where CPython raised."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pycomp
import pytest

SOURCE = '''
def request(method: str, path: str, *, timeout: float = 10.0, retries: int = 0) -> str:
    return f"{method} {path} {timeout} {retries}"


def need(a: int, *, b: int, c: int = 3) -> int:
    return a + b + c


def scale(x: float, /, factor: float = 2.0) -> float:
    return x * factor


def both(a: int, b: int = 1, /, c: int = 2, *, d: int = 3) -> int:
    return a + b + c + d
'''

namespace: dict[str, Any] = {}
exec(SOURCE, namespace)  # noqa: S102 - CPython's own functions, the reference

CALLS = [
    ("request", ("GET", "/x"), {}),
    ("request", ("GET", "/x"), {"timeout": 1.5}),
    ("request", ("POST", "/y", 2.5), {}),
    ("request", ("POST", "/y", 2.5, 1), {}),
    ("request", ("POST", "/y", 2.5), {"retries": 2}),
    ("request", ("POST", "/y", 2.5), {"retries": 2, "timeout": 1.0}),
    ("request", ("GET",), {"path": "/p", "retries": 1}),
    ("request", ("GET",), {"timeout": 1.0}),
    ("request", ("GET", "/x"), {"bogus": 1}),
    ("need", (1,), {"b": 2}),
    ("need", (1,), {}),
    ("need", (), {}),
    ("need", (1, 2), {}),
    ("need", (1, 2, 3), {}),
    ("need", (1,), {"c": 5}),
    ("scale", (2.0,), {}),
    ("scale", (2.0, 3.0), {}),
    ("scale", (), {"x": 2.0}),
    ("scale", (2.0,), {"factor": 4.0}),
    ("both", (1,), {}),
    ("both", (1, 2, 3), {"d": 4}),
    ("both", (1, 2, 3, 4), {}),
    ("both", (), {"a": 1, "b": 2}),
    ("both", (1,), {"b": 2}),
    ("both", (1,), {"c": 5, "d": 6}),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("kwbinding") / "kwbinding.py"
    src.write_text(SOURCE)
    return Path(pycomp.build(src, src.parent / "bundle"))


@pytest.fixture(scope="module")
def lib(bundle: Path) -> Any:
    return pycomp.load(bundle)


def _outcome(fn: Any, args: tuple, kwargs: dict) -> tuple[str, object]:
    try:
        return "ok", fn(*args, **kwargs)
    except TypeError as e:
        return "TypeError", str(e)


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS,
                         ids=[f"{n}{a}{k}" for n, a, k in CALLS])
def test_binding_matches_cpython(lib: Any, name: str, args: tuple, kwargs: dict) -> None:
    assert _outcome(getattr(lib, name), args, kwargs) == \
        _outcome(namespace[name], args, kwargs)


def test_signature_shows_the_kinds(lib: Any) -> None:
    for name in ("request", "need", "scale", "both"):
        got = [(p.name, p.kind) for p in inspect.signature(getattr(lib, name)).parameters.values()]
        want = [(p.name, p.kind) for p in inspect.signature(namespace[name]).parameters.values()]
        assert got == want, name


def test_manifest_names_the_kinds(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text())
    kinds = {p["name"]: p.get("kind", "") for f in manifest["functions"]
             if f["name"] == "both" for p in f["params"]}
    assert kinds == {"a": "posonly", "b": "posonly", "c": "", "d": "kwonly"}
