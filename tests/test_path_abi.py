"""pathlib.Path across the ABI (docs/abi.md, kind `path`): a path crosses as its text.
The Python loader gives a `pathlib.Path` back and takes a str or any `os.PathLike` (of
str); Node gets and gives strings (typed `string`)."""

from __future__ import annotations

import inspect
import os
import pathlib
from pathlib import Path

import pycomp
import pytest
from pyref import load_module
from test_node import NODE, ROOT, run_node

SRC = Path(__file__).resolve().parent / "fixtures" / "paths_abi.py"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pycomp.build(SRC, tmp_path_factory.mktemp("paths") / "paths_abi")


@pytest.fixture(scope="module")
def lib(bundle: Path) -> pycomp.Library:
    return pycomp.load(bundle)


@pytest.fixture(scope="module")
def ref() -> object:
    return load_module(SRC, "pycomp_fixture_paths_abi")


class Fs(os.PathLike[str]):
    def __fspath__(self) -> str:
        return "from//pathlike"


def test_paths_come_back_as_pathlib_paths(lib: pycomp.Library, ref: object) -> None:
    for args in [(Path("a//b"), "c"), (Path("/"), "x"), (Path(""), "..")]:
        got = lib.child(*args)
        assert type(got) is pathlib.PosixPath and got == ref.child(*args)  # type: ignore[attr-defined]
    assert list(lib.ancestors(Path("/a/b"))) == [Path("/a/b"), Path("/a")]
    assert lib.by_name([Path("q/r"), Path("s")]) == {"r": Path("q/r"), "s": Path("s")}
    assert lib.suffixed(Path("m.onnx"), ".json") == Path("m.json")
    assert lib.suffixed(None, ".json") is None
    with pytest.raises(ValueError, match="Invalid suffix 'json'"):
        lib.suffixed(Path("m.onnx"), "json")


def test_a_path_argument_is_a_str_or_path_like(lib: pycomp.Library) -> None:
    assert lib.child("a//b", "c") == Path("a/b/c")
    assert lib.child(Fs(), "x") == Path("from/pathlike/x")
    assert lib.by_name(["x/y", Fs()]) == {"y": Path("x/y"), "pathlike": Path("from/pathlike")}
    with pytest.raises(TypeError, match=r"child\(\) argument 'p' must be str or os.PathLike"):
        lib.child(3, "x")
    with pytest.raises(TypeError, match="must be str or os.PathLike"):
        lib.child(b"a", "x")


def test_manifest_and_signature(lib: pycomp.Library) -> None:
    (fn,) = [f for f in lib.manifest["functions"] if f["name"] == "child"]
    assert fn["params"][0]["type"] == {"kind": "path"} == fn["returns"]
    sig = inspect.signature(lib.child)
    assert sig.parameters["p"].annotation is Path and sig.return_annotation is Path


@pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci`")
def test_paths_from_node(bundle: Path, tmp_path: Path) -> None:
    cases = [{"fn": "child", "args": ["a//b", "c"], "result": "a/b/c"},
             {"fn": "by_name", "args": [["q/r", "s"]], "result": {"r": "q/r", "s": "s"}},
             {"fn": "child", "args": [3, "x"], "error": {
                 "name": "TypeError", "message": "child() argument 'p' must be str, not int"}}]
    assert "export function child(p: string, name: string): string;" in (
        bundle / "node" / "index.d.ts").read_text()
    run_node(bundle, cases, tmp_path)
