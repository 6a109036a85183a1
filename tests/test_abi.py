"""The bundle ABI end to end (docs/abi.md).

Builds the hand-written fixture crate in tests/fixtures/abi_crate (with the
real runtime, templates/runtime/, and the real templates/ffi_common.rs), makes
a bundle of it, and drives it through `pycomp.load` and, for the raw ABI,
through ctypes.

The crate is built with `cargo build --release` in $PYCOMP_TARGET_DIR (default
<repo>/target/generated), shared with other tests so dependencies build once.
"""

from __future__ import annotations

import ctypes
import fcntl
import inspect
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "abi_crate"
RUNTIME = REPO / "templates" / "runtime"
TARGET_DIR = Path(os.environ.get("PYCOMP_TARGET_DIR") or REPO / "target" / "generated")
NAME = "abifix"
LIBRARY = f"lib{NAME}.dylib" if sys.platform == "darwin" else f"lib{NAME}.so"

pycomp = pytest.importorskip("pycomp")
_loader = pytest.importorskip("pycomp._loader")

if shutil.which("cargo") is None:  # pragma: no cover
    pytest.skip("cargo is needed to build the fixture crate", allow_module_level=True)

# ---------------------------------------------------------------------------
# The fixture's manifest
# ---------------------------------------------------------------------------

INT = {"kind": "int"}
FLOAT = {"kind": "float"}
BOOL = {"kind": "bool"}
STR = {"kind": "str"}
NONE = {"kind": "none"}


def LIST(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "list", "item": t}


def SET(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "set", "item": t}


def DICT(k: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "dict", "key": k, "value": v}


def TUPLE(*items: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "tuple", "items": list(items)}


def OPT(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "optional", "item": t}


def ARRAY(dtype: str, ndim: int | None = None) -> dict[str, Any]:
    t: dict[str, Any] = {"kind": "ndarray", "dtype": dtype}
    if ndim is not None:
        t["ndim"] = ndim
    return t


def P(name: str, t: dict[str, Any], **default: Any) -> dict[str, Any]:
    p = {"name": name, "type": t}
    if "default" in default:
        p["default"] = default["default"]
    return p


def F(name: str, params: list[dict[str, Any]], returns: dict[str, Any], doc: str = "") -> dict:
    return {
        "name": name,
        "symbol": f"{NAME}_call_{name}",
        "doc": doc,
        "params": params,
        "returns": returns,
    }


NESTED = DICT(STR, LIST(TUPLE(INT, OPT(STR))))
OCTET = TUPLE(INT, STR, FLOAT, BOOL, OPT(INT), LIST(INT), TUPLE(INT, INT), NONE)

MANIFEST: dict[str, Any] = {
    "abi_version": _loader.ABI_VERSION,
    "name": NAME,
    "library": LIBRARY,
    "header": f"{NAME}.h",
    "pycomp_version": "0.1.0",
    "functions": [
        F("add", [P("a", INT), P("b", INT)], INT, "Add two ints."),
        F(
            "split_words",
            [P("text", STR), P("sep", OPT(STR), default=None)],
            LIST(STR),
            "Split on whitespace, or on sep.",
        ),
        F("counts", [P("words", LIST(STR))], DICT(STR, INT)),
        F("lookup", [P("d", DICT(STR, INT)), P("key", STR)], INT),
        F("lookup_int", [P("d", DICT(INT, STR)), P("key", INT)], STR),
        F("fail", [P("message", STR)], NONE),
        F("raise_kind", [P("kind", STR), P("message", STR)], NONE),
        F("boom", [P("n", INT)], INT),
        F("divide", [P("a", FLOAT), P("b", FLOAT, default=1.0)], FLOAT),
        F("stats", [P("xs", LIST(FLOAT))], TUPLE(FLOAT, FLOAT, INT)),
        F("unique", [P("xs", LIST(INT))], SET(INT)),
        F("find", [P("xs", LIST(STR)), P("target", STR)], OPT(INT)),
        F("echo_str", [P("s", STR)], STR),
        F("echo_float", [P("x", FLOAT)], FLOAT),
        F("negate", [P("b", BOOL)], BOOL),
        F("nothing", [], NONE),
        F("nested", [P("x", NESTED)], NESTED),
        F("words_set", [P("words", SET(STR))], INT),
        F("octet", [P("t", OCTET)], OCTET),
        F(
            "defaults_demo",
            [
                P("a", INT, default=1),
                P("b", FLOAT, default={"float": "inf"}),
                P("c", STR, default="x"),
                P("d", LIST(INT), default=[1, 2]),
                P("e", DICT(STR, INT), default={"k": 1, "j": 2}),
                P("f", BOOL, default=False),
                P("g", OPT(INT), default=None),
            ],
            TUPLE(INT, FLOAT, STR, LIST(INT), DICT(STR, INT), BOOL, OPT(INT)),
        ),
        F("scale", [P("arr", ARRAY("float64")), P("k", FLOAT)], ARRAY("float64")),
        F("invert", [P("arr", ARRAY("bool"))], ARRAY("bool")),
        F("halve_f32", [P("arr", ARRAY("float32", 1))], ARRAY("float32", 1)),
        F("arange_i32", [P("n", INT)], ARRAY("int32", 1)),
        F("eye_i64", [P("n", INT)], ARRAY("int64", 2)),
        F("sleep_ms", [P("ms", INT)], INT),
        F("square_sum", [P("n", INT)], INT),
        F("bad_return", [], STR),
    ],
}

# ---------------------------------------------------------------------------
# Building the fixture
# ---------------------------------------------------------------------------


def _write_if_changed(path: Path, text: str) -> None:
    """Keeps mtimes (and so cargo's fingerprints) of unchanged files."""
    if not path.exists() or path.read_text() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def render_ffi_common(prefix: str, manifest_json: str) -> str:
    """templates/ffi_common.rs for crate `prefix` (what the emitter does)."""
    template = (REPO / "templates" / "ffi_common.rs").read_text()
    hashes = "#"
    while f'"{hashes}' in manifest_json:
        hashes += "#"
    literal = f'r{hashes}"{manifest_json}"{hashes}'
    return template.replace("__PREFIX__", prefix).replace("__MANIFEST_JSON__", literal)


def build_fixture(manifest: dict[str, Any]) -> Path:
    """Builds the fixture crate; returns the path of its shared library."""
    src = TARGET_DIR / "pycomp-test-fixtures" / NAME
    manifest_json = json.dumps(manifest, indent=2)
    for f in FIXTURE.rglob("*"):
        if f.is_file():
            _write_if_changed(src / f.relative_to(FIXTURE), f.read_text())
    for f in RUNTIME.glob("*.rs"):
        _write_if_changed(src / "src" / "pcrt" / f.name, f.read_text())
    _write_if_changed(src / "src" / "ffi_common.rs", render_ffi_common(NAME, manifest_json))
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    proc = subprocess.run(
        ["cargo", "build", "--release", "--quiet"],
        check=False,
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the fixture crate failed:\n{proc.stderr[-6000:]}")
    return TARGET_DIR / "release" / LIBRARY


@pytest.fixture(scope="session")
def built_library() -> Iterator[Path]:
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    with open(TARGET_DIR / ".pycomp-test-abifix.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield build_fixture(MANIFEST)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def make_bundle(directory: Path, library: Path, manifest: dict[str, Any] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy2(library, directory / LIBRARY)
    (directory / "manifest.json").write_text(json.dumps(manifest or MANIFEST, indent=2))
    return directory


@pytest.fixture(scope="session")
def bundle_dir(built_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("bundle") / NAME, built_library)


@pytest.fixture(scope="session")
def lib(bundle_dir: Path) -> Any:
    return pycomp.load(bundle_dir)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


def test_scalars(lib: Any) -> None:
    assert lib.add(2, 3) == 5
    assert lib.add(-(2**63), 2**63 - 1) == -1
    assert lib.divide(1.0, 4.0) == 0.25
    assert lib.negate(True) is False
    assert lib.nothing() is None
    assert lib.echo_str("héllo, wörld ✓ 😀") == "héllo, wörld ✓ 😀"
    assert lib.echo_str("") == ""
    assert lib.echo_str("a\0b") == "a\0b"


def test_floats_survive(lib: Any) -> None:
    assert math.isnan(lib.echo_float(float("nan")))
    assert lib.echo_float(float("inf")) == float("inf")
    assert lib.echo_float(float("-inf")) == float("-inf")
    neg_zero = lib.echo_float(-0.0)
    assert neg_zero == 0.0 and math.copysign(1.0, neg_zero) == -1.0
    assert lib.echo_float(5e-324) == 5e-324


def test_containers(lib: Any) -> None:
    assert lib.split_words("the quick  brown fox") == ["the", "quick", "brown", "fox"]
    assert lib.split_words("a,b,,c", ",") == ["a", "b", "", "c"]
    assert lib.split_words("a,b", sep=",") == ["a", "b"]
    result = lib.counts(["b", "a", "b", "c", "a", "b"])
    assert result == {"b": 3, "a": 2, "c": 1}
    assert list(result) == ["b", "a", "c"]  # insertion order
    assert lib.counts([]) == {}
    assert lib.stats([3.0, 1.0, 2.0]) == (1.0, 3.0, 3)
    assert lib.unique([3, 1, 3, 2, 1]) == {1, 2, 3}
    assert isinstance(lib.unique([]), set)
    assert lib.find(["a", "b"], "b") == 1
    assert lib.find(["a", "b"], "z") is None
    assert lib.words_set({"a", "b"}) == 2
    assert lib.words_set(frozenset({"a"})) == 1


def test_nested_round_trip(lib: Any) -> None:
    value = {"x": [(1, "one"), (2, None)], "y": [], "": [(-5, "")]}
    assert lib.nested(value) == value
    t = (1, "s", 2.5, True, None, [1, 2], (3, 4), None)
    assert lib.octet(t) == t
    t2 = (1, "s", 2.5, False, 7, [], (3, 4), None)
    assert lib.octet(t2) == t2


def test_defaults(lib: Any) -> None:
    assert lib.defaults_demo() == (1, float("inf"), "x", [1, 2], {"k": 1, "j": 2}, False, None)
    assert lib.defaults_demo(5, g=3, c="z") == (
        5,
        float("inf"),
        "z",
        [1, 2],
        {"k": 1, "j": 2},
        False,
        3,
    )
    assert lib.divide(3.0) == 3.0


def test_python_semantics_of_argument_types(lib: Any) -> None:
    # bool is an int, an int is acceptable as a float, tuples as lists.
    assert lib.add(True, True) == 2
    assert lib.divide(1, 2) == 0.5
    assert lib.stats((1, 2.5)) == (1.0, 2.5, 2)

    # int subclasses and __index__ objects are ints.
    class MyInt(int):
        pass

    assert lib.add(MyInt(2), 3) == 5


def test_int_overflow(lib: Any) -> None:
    with pytest.raises(OverflowError, match="'a'"):
        lib.add(2**63, 0)
    with pytest.raises(OverflowError, match="integer overflow"):
        lib.add(2**62, 2**62)
    with pytest.raises(OverflowError, match=r"xs\[1\]"):
        lib.unique([1, 2**70])


def test_ndarrays(lib: Any) -> None:
    np = pytest.importorskip("numpy")
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    out = lib.scale(a, 2.0)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == (2, 3)
    assert (out == a * 2).all()
    out[0, 0] = 42.0  # writable
    # Non-contiguous and big-endian inputs are converted.
    assert (lib.scale(a.T, 1.0) == a.T).all()
    assert (lib.scale(a.astype(">f8"), 1.0) == a).all()
    assert lib.scale(np.zeros((0, 4)), 1.0).shape == (0, 4)
    assert lib.scale(np.array(3.0), 2.0) == 6.0
    assert (lib.invert(np.array([True, False])) == np.array([False, True])).all()
    assert lib.halve_f32(np.array([1, 2], dtype=np.float32)).dtype == np.float32
    assert lib.arange_i32(4).tolist() == [0, 1, 2, 3]
    assert lib.arange_i32(4).dtype == np.int32
    assert lib.eye_i64(2).tolist() == [[1, 0], [0, 1]]
    with pytest.raises(TypeError, match=r"argument 'arr' must be ndarray\[float64\], not list"):
        lib.scale([1.0], 2.0)
    with pytest.raises(TypeError, match=r"not ndarray\[int64\]"):
        lib.scale(np.arange(3), 2.0)
    with pytest.raises(TypeError, match=r"ndim=1\], not ndarray\[float32, ndim=2\]"):
        lib.halve_f32(np.zeros((2, 2), dtype=np.float32))


# ---------------------------------------------------------------------------
# Binding arguments: messages as CPython words them
# ---------------------------------------------------------------------------


def add(a: int, b: int) -> int:
    return a + b


def split_words(text: str, sep: str | None = None) -> list[str]:
    return []


def nothing() -> None:
    return None


def stats(xs: list[float]) -> tuple[float, float, int]:
    return (0.0, 0.0, 0)


def defaults_demo(a=1, b=2, c=3, d=4, e=5, f=6, g=7):  # type: ignore[no-untyped-def]
    return None


@pytest.mark.parametrize(
    "name, args, kwargs",
    [
        ("add", (1,), {}),
        ("add", (), {}),
        ("add", (1, 2, 3), {}),
        ("add", (1, 2), {"c": 3}),
        ("add", (1,), {"a": 2}),
        ("add", (1, 2, 3), {"a": 4}),
        ("split_words", (), {}),
        ("split_words", ("a", "b", "c"), {}),
        ("split_words", (), {"sep": ","}),
        ("nothing", (1,), {}),
        ("nothing", (1, 2), {}),
        ("nothing", (), {"x": 1}),
        ("stats", ([1.0], [2.0]), {}),
        ("defaults_demo", tuple(range(8)), {}),
    ],
)
def test_binding_errors_match_cpython(lib: Any, name: str, args: tuple, kwargs: dict) -> None:
    with pytest.raises(TypeError) as expected:
        globals()[name](*args, **kwargs)
    with pytest.raises(TypeError) as got:
        getattr(lib, name)(*args, **kwargs)
    assert str(got.value) == str(expected.value)


def test_missing_three() -> None:
    def f(a, b, c):  # type: ignore[no-untyped-def]
        pass

    with pytest.raises(
        TypeError, match=r"missing 3 required positional arguments: 'a', 'b', and 'c'"
    ):
        f()


def test_type_errors_name_the_parameter(lib: Any) -> None:
    with pytest.raises(TypeError) as e:
        lib.add(1, "2")
    assert str(e.value) == "add() argument 'b' must be int, not str"
    with pytest.raises(TypeError) as e:
        lib.add(1.0, 2)
    assert str(e.value) == "add() argument 'a' must be int, not float"
    with pytest.raises(TypeError) as e:
        lib.counts("a b")
    assert str(e.value) == "counts() argument 'words' must be list[str], not str"
    with pytest.raises(TypeError) as e:
        lib.counts(["a", 1])
    assert (
        str(e.value) == "counts() argument 'words' must be list[str], but words[1] is int, not str"
    )
    with pytest.raises(TypeError) as e:
        lib.split_words("a", sep=1)
    assert str(e.value) == "split_words() argument 'sep' must be str | None, not int"
    with pytest.raises(TypeError) as e:
        lib.lookup({"a": "x"}, "a")
    assert str(e.value) == (
        "lookup() argument 'd' must be dict[str, int], but d['a'] is str, not int"
    )
    with pytest.raises(TypeError) as e:
        lib.lookup({1: 1}, "a")
    assert (
        str(e.value)
        == "lookup() argument 'd' must be dict[str, int], but a key of d is int, not str"
    )
    with pytest.raises(TypeError) as e:
        lib.negate(1)
    assert str(e.value) == "negate() argument 'b' must be bool, not int"
    with pytest.raises(TypeError, match="must be tuple"):
        lib.octet((1, 2))
    with pytest.raises(TypeError, match="must be set"):
        lib.words_set(["a"])


def test_signature_and_metadata(lib: Any) -> None:
    f = lib.split_words
    assert f.__name__ == "split_words"
    assert f.__doc__ == "Split on whitespace, or on sep."
    sig = inspect.signature(f)
    assert list(sig.parameters) == ["text", "sep"]
    assert sig.parameters["sep"].default is None
    assert sig.parameters["text"].default is inspect.Parameter.empty
    assert sig.parameters["text"].annotation is str
    assert sig.return_annotation == list[str]
    assert str(sig) == "(text: str, sep: str | None = None) -> list[str]"
    d = inspect.signature(lib.defaults_demo).parameters
    assert d["b"].default == float("inf") and d["d"].default == [1, 2]
    assert lib.functions == [fn["name"] for fn in MANIFEST["functions"]]
    assert lib.manifest["name"] == NAME
    assert lib["add"] is lib.add
    assert "add" in repr(lib) and NAME in repr(lib)
    assert "add" in dir(lib)
    with pytest.raises(AttributeError, match="no function 'nope'"):
        _ = lib.nope


# ---------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------


def test_raised_exception(lib: Any) -> None:
    with pytest.raises(ValueError) as e:
        lib.fail("bad value")
    assert type(e.value) is ValueError
    assert str(e.value) == "bad value"
    with pytest.raises(ValueError, match="empty separator"):
        lib.split_words("a", "")
    with pytest.raises(ZeroDivisionError, match="float division by zero"):
        lib.divide(1.0, 0.0)
    with pytest.raises(ValueError, match=r"min\(\) arg is an empty sequence"):
        lib.stats([])


@pytest.mark.parametrize(
    "kind",
    [
        "Exception",
        "ValueError",
        "TypeError",
        "IndexError",
        "ZeroDivisionError",
        "OverflowError",
        "RuntimeError",
        "AssertionError",
        "NotImplementedError",
        "StopIteration",
        "ArithmeticError",
        "LookupError",
        "AttributeError",
        "SystemError",
    ],
)
def test_exception_classes(lib: Any, kind: str) -> None:
    cls = getattr(__builtins__, kind) if hasattr(__builtins__, kind) else __builtins__[kind]
    with pytest.raises(cls) as e:
        lib.raise_kind(kind, "the message")
    assert type(e.value) is cls
    assert str(e.value) == "the message"
    with pytest.raises(cls) as e:
        lib.raise_kind(kind, "")
    assert str(e.value) == "" and e.value.args == ()


def test_key_error_matches_cpython(lib: Any) -> None:
    with pytest.raises(KeyError) as expected:
        {"a": 1}["x"]
    with pytest.raises(KeyError) as got:
        lib.lookup({"a": 1}, "x")
    assert str(got.value) == str(expected.value) == "'x'"
    assert got.value.args == ("x",)
    with pytest.raises(KeyError) as got:
        lib.lookup_int({1: "a"}, 7)
    assert str(got.value) == "7" and got.value.args == (7,)
    assert lib.lookup_int({1: "a"}, 1) == "a"


def test_message_with_nul(lib: Any) -> None:
    # The error comes back as a PCV str, NUL bytes and all (the C string of
    # the per-thread last error shows them as `\0`).
    with pytest.raises(ValueError) as e:
        lib.fail("a\0b")
    assert str(e.value) == "a\0b"


def test_panic_becomes_system_error(lib: Any) -> None:
    with pytest.raises(SystemError) as e:
        lib.boom(3)
    msg = str(e.value)
    assert msg.startswith("internal error in compiled code (a pycomp bug, please report): ")
    assert "index out of bounds" in msg
    # The process survives and the library still works.
    assert lib.add(1, 1) == 2
    with pytest.raises(SystemError):
        lib.boom(0)
    assert lib.add(2, 2) == 4


NODE_PANIC = r"""
const lib = require(process.env.BUNDLE + '/node');
function outcome(f) { try { return String(f()); } catch (e) { return e.name + ': ' + e.message; } }
console.log(JSON.stringify([outcome(() => lib.boom(3)), outcome(() => lib.add(1, 1)),
                            outcome(() => lib.boom(0)), outcome(() => lib.add(2, 2))]));
"""


@pytest.mark.skipif(shutil.which("node") is None or not (REPO / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci` (scripts/install.sh does both)")
def test_panic_from_node_is_an_error_and_the_host_survives(
        built_library: Path, tmp_path: Path) -> None:
    """Compiled code has no panic left to show (each became CPython's exception), so the
    fixture's `boom` (an index out of bounds in hand-written Rust) stands for one: Node
    gets an Error naming the internal error, and the next calls work."""
    from pycomp.node import write_node_binding

    bundle = make_bundle(tmp_path / NAME, built_library)
    write_node_binding(bundle, MANIFEST)
    script = tmp_path / "panic.js"
    script.write_text(NODE_PANIC)
    env = dict(os.environ, BUNDLE=str(bundle), NODE_PATH=str(REPO / "node_modules"))
    proc = subprocess.run(["node", str(script)], capture_output=True, text=True, env=env,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    boom3, add11, boom0, add22 = json.loads(proc.stdout)
    assert boom3.startswith("SystemError: internal error in compiled code") and \
        "index out of bounds" in boom3, boom3
    assert boom0.startswith("SystemError: "), boom0
    assert (add11, add22) == ("2", "4")


def test_result_not_matching_manifest(lib: Any) -> None:
    with pytest.raises(SystemError, match=r"bad_return\(\) returned a value that does not match"):
        lib.bad_return()


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def test_abi_mismatch_refused(built_library: Path, tmp_path: Path) -> None:
    manifest = dict(MANIFEST, abi_version=1)
    d = make_bundle(tmp_path / "old", built_library, manifest)
    with pytest.raises(ImportError) as e:
        pycomp.load(d)
    assert isinstance(e.value, _loader.BundleError)
    msg = str(e.value)
    assert NAME in msg and "ABI version 1, but this pycomp supports ABI version 2" in msg


V1_CRATE = {
    "Cargo.toml": """[package]
name = "abiv1"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[workspace]
""",
    "src/lib.rs": """//! A library that claims bundle ABI version 1 (the encoding before aligned arrays).

#[unsafe(no_mangle)]
pub extern "C" fn abiv1_abi_version() -> u32 {
    1
}

#[unsafe(no_mangle)]
pub extern "C" fn abiv1_manifest() -> *const std::ffi::c_char {
    c"{}".as_ptr()
}
""",
}


def test_library_abi_mismatch_refused(tmp_path: Path) -> None:
    src = TARGET_DIR / "pycomp-test-fixtures" / "abiv1"
    for rel, text in V1_CRATE.items():
        _write_if_changed(src / rel, text)
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    subprocess.run(["cargo", "build", "--release", "--quiet"], check=True, cwd=src, env=env)
    library = "libabiv1.dylib" if sys.platform == "darwin" else "libabiv1.so"
    d = tmp_path / "abiv1"
    d.mkdir()
    shutil.copy2(TARGET_DIR / "release" / library, d / library)
    manifest = {"abi_version": 2, "name": "abiv1", "library": library, "functions": []}
    (d / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(_loader.BundleError) as e:
        pycomp.load(d)
    msg = str(e.value)
    assert "'abiv1'" in msg and "built for bundle ABI version 1, but this pycomp supports ABI version 2" in msg


def test_embedded_manifest_mismatch_refused(built_library: Path, tmp_path: Path) -> None:
    manifest = json.loads(json.dumps(MANIFEST))
    manifest["functions"][0]["doc"] = "edited"
    d = make_bundle(tmp_path / "edited", built_library, manifest)
    with pytest.raises(_loader.BundleError, match="does not match the manifest embedded"):
        pycomp.load(d)


def test_missing_pieces_refused(built_library: Path, tmp_path: Path) -> None:
    with pytest.raises(_loader.BundleError, match="manifest.json"):
        pycomp.load(tmp_path / "nothing-here")
    d = make_bundle(tmp_path / "nolib", built_library)
    (d / LIBRARY).unlink()
    with pytest.raises(_loader.BundleError, match="cannot open its library"):
        pycomp.load(d)
    (d / "manifest.json").write_text("{not json")
    with pytest.raises(_loader.BundleError, match="not valid JSON"):
        pycomp.load(d)


# ---------------------------------------------------------------------------
# Threads
# ---------------------------------------------------------------------------


def test_threads_call_concurrently(lib: Any) -> None:
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(200):
                assert lib.add(seed, i) == seed + i
                assert lib.counts(["a", str(seed)]) == {"a": 1, str(seed): 1}
                # Per-thread last error: each thread sees its own message.
                with pytest.raises(ValueError) as e:
                    lib.fail(f"thread {seed} call {i}")
                assert str(e.value) == f"thread {seed} call {i}"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_gil_released_during_call(lib: Any) -> None:
    done = threading.Event()
    ticks = 0

    def call() -> None:
        lib.sleep_ms(400)
        done.set()

    t = threading.Thread(target=call)
    start = time.monotonic()
    t.start()
    time.sleep(0.05)
    while not done.is_set() and time.monotonic() - start < 10:
        ticks += 1
        time.sleep(0.001)
    t.join()
    # With the GIL held for 400 ms this thread could not have run at all.
    assert ticks > 50


def test_parallel_speedup_is_possible(lib: Any) -> None:
    # Several threads inside native code at once (two cores: just check it works).
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(lib.sleep_ms(200))) for _ in range(4)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 4
    assert time.monotonic() - start < 0.7


# ---------------------------------------------------------------------------
# The raw ABI, through ctypes
# ---------------------------------------------------------------------------


def pcv_str(s: str) -> bytes:
    b = s.encode()
    return b"\x05" + struct.pack("<Q", len(b)) + b


def pcv_int(i: int) -> bytes:
    return b"\x03" + struct.pack("<q", i)


def pcv_tuple(*items: bytes) -> bytes:
    return b"\x07" + struct.pack("<Q", len(items)) + b"".join(items)


class RawLib:
    def __init__(self, path: Path) -> None:
        self.dll = ctypes.CDLL(str(path))
        getattr(self.dll, f"{NAME}_abi_version").restype = ctypes.c_uint32
        getattr(self.dll, f"{NAME}_manifest").restype = ctypes.c_char_p
        getattr(self.dll, f"{NAME}_last_error_class").restype = ctypes.c_char_p
        getattr(self.dll, f"{NAME}_last_error_message").restype = ctypes.c_char_p
        getattr(self.dll, f"{NAME}_free_buffer").argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        getattr(self.dll, f"{NAME}_free_buffer").restype = None

    def call(self, fn: str, args: bytes) -> tuple[int, bytes | None, tuple[str, str] | None]:
        f = getattr(self.dll, f"{NAME}_call_{fn}")
        f.restype = ctypes.c_int32
        f.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_size_t),
        ]
        out = ctypes.c_void_p(12345)
        out_len = ctypes.c_size_t(999)
        status = f(args, len(args), ctypes.byref(out), ctypes.byref(out_len))
        if status != 0:
            cls = getattr(self.dll, f"{NAME}_last_error_class")().decode()
            msg = getattr(self.dll, f"{NAME}_last_error_message")().decode()
            # The same error, as a PCV (class, message) tuple in *out.
            data = ctypes.string_at(out.value, out_len.value)
            getattr(self.dll, f"{NAME}_free_buffer")(out, out_len)
            assert data == pcv_tuple(pcv_str(cls), pcv_str(msg))
            return status, None, (cls, msg)
        data = ctypes.string_at(out.value, out_len.value)
        getattr(self.dll, f"{NAME}_free_buffer")(out, out_len)
        return status, data, None


@pytest.fixture(scope="session")
def raw(bundle_dir: Path) -> RawLib:
    return RawLib(bundle_dir / LIBRARY)


def test_raw_fixed_symbols(raw: RawLib) -> None:
    assert getattr(raw.dll, f"{NAME}_abi_version")() == 2
    assert json.loads(getattr(raw.dll, f"{NAME}_manifest")()) == MANIFEST
    getattr(raw.dll, f"{NAME}_free_buffer")(None, 0)  # NULL is ignored


def test_raw_calls(raw: RawLib) -> None:
    assert raw.call("add", pcv_tuple(pcv_int(2), pcv_int(40))) == (0, pcv_int(42), None)
    assert raw.call("nothing", pcv_tuple()) == (0, b"\x00", None)
    status, data, _ = raw.call("split_words", pcv_tuple(pcv_str("a b"), b"\x00"))
    assert status == 0
    assert data == b"\x06" + struct.pack("<Q", 2) + pcv_str("a") + pcv_str("b")
    status, data, _ = raw.call("counts", pcv_tuple(b"\x06" + struct.pack("<Q", 1) + pcv_str("w")))
    assert data == b"\x08" + struct.pack("<Q", 1) + pcv_str("w") + pcv_int(1)


def test_raw_status_codes(raw: RawLib) -> None:
    assert raw.call("fail", pcv_tuple(pcv_str("no"))) == (1, None, ("ValueError", "no"))
    assert raw.call("add", pcv_tuple(pcv_int(1), pcv_str("x"))) == (
        2,
        None,
        ("TypeError", "argument 'b' must be int, not str"),
    )
    status, _, err = raw.call("counts", pcv_tuple(b"\x06" + struct.pack("<Q", 1) + pcv_int(1)))
    assert err == ("TypeError", "argument 'words' must be list[str], but words[0] is int, not str")
    assert status == 2
    d = b"\x08" + struct.pack("<Q", 1) + pcv_int(1) + pcv_int(2)
    assert raw.call("lookup", pcv_tuple(d, pcv_str("k")))[2] == (
        "TypeError",
        "argument 'd' must be dict[str, int], but d[key #0] is int, not str",
    )
    assert raw.call("split_words", pcv_tuple(pcv_str("a"), pcv_int(1)))[2] == (
        "TypeError",
        "argument 'sep' must be str | None, not int",
    )
    status, _, err = raw.call("add", pcv_tuple(pcv_int(1)))
    assert status == 2 and err == ("TypeError", "missing argument 'b' (only 1 given)")
    status, _, err = raw.call("add", pcv_tuple(pcv_int(1), pcv_int(2), pcv_int(3)))
    assert status == 2 and err == ("TypeError", "takes 2 arguments but 3 were given")
    status, _, err = raw.call("add", pcv_int(1))
    assert status == 2 and err is not None and "PCV tuple" in err[1]
    status, _, err = raw.call("add", pcv_tuple(pcv_int(1), b"\x03\x01"))  # truncated
    assert status == 2
    status, _, err = raw.call("echo_str", pcv_tuple(b"\x05" + struct.pack("<Q", 2) + b"\xff\xfe"))
    assert status == 2 and err is not None and "UTF-8" in err[1]
    status, _, err = raw.call("echo_str", pcv_tuple(b"\x05" + struct.pack("<Q", 2**60)))
    assert status == 2
    status, _, err = raw.call("boom", pcv_tuple(pcv_int(1)))
    assert status == 3 and err is not None and err[0] == "SystemError"
    # bool is an int, an int is a float (Python semantics), also on the raw ABI.
    assert raw.call("add", pcv_tuple(b"\x02", pcv_int(1)))[1] == pcv_int(2)
    assert raw.call("echo_float", pcv_tuple(pcv_int(3)))[1] == b"\x04" + struct.pack("<d", 3.0)


def test_raw_trusted_args_are_taken_by_the_next_call(raw: RawLib) -> None:
    # `P_trust_next_args` (the Python loader calls it: its strs come from str
    # objects) lets the next call read strs unchecked; that call takes it back,
    # whatever it returns, so a caller that never calls it is always checked.
    trust = getattr(raw.dll, f"{NAME}_trust_next_args")
    invalid = pcv_tuple(b"\x05" + struct.pack("<Q", 2) + b"\xff\xfe")
    text = "héllo, wörld ✓ 😀"
    trust()
    assert raw.call("echo_str", pcv_tuple(pcv_str(text))) == (0, pcv_str(text), None)
    trust()
    words = b"\x06" + struct.pack("<Q", 3) + pcv_str("ä") + pcv_str("b") + pcv_str("ä")
    status, data, _ = raw.call("counts", pcv_tuple(words))
    assert status == 0 and data is not None and pcv_str("ä") + pcv_int(2) in data
    trust()
    assert raw.call("add", pcv_tuple(pcv_int(2), pcv_int(40)))[1] == pcv_int(42)
    status, _, err = raw.call("echo_str", invalid)
    assert status == 2 and err is not None and "UTF-8" in err[1]
    # taken back also by a call refused before it reads its arguments
    trust()
    f = getattr(raw.dll, f"{NAME}_call_echo_str")
    f.restype = ctypes.c_int32
    f.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p]
    assert f(invalid, len(invalid), None, None) == 3
    status, _, err = raw.call("echo_str", invalid)
    assert status == 2 and err is not None and "UTF-8" in err[1]
