"""The PCV conformance vectors (tests/data/abi/*.json) from Python, C and Node.

The Rust runtime checks them in crates/pcrt-tests/tests/vectors.rs. Here:
the vector files are what tests/data/abi/make_vectors.py writes; the Python
loader's encoder and decoder (the code every call goes through) give and
take exactly those bytes; a C program generated from the vectors checks
templates/c/pycomp_pcv.h; and tests/node/pcv.test.js checks
templates/node/pcv.js.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests" / "data" / "abi"
_loader = pytest.importorskip("pycomp._loader")
np = pytest.importorskip("numpy")

sys.path.insert(0, str(VECTORS))
import make_vectors


def vector_docs() -> dict[str, dict[str, Any]]:
    return {f.name: json.loads(f.read_text()) for f in sorted(VECTORS.glob("*.json"))}


def all_cases() -> list[dict[str, Any]]:
    return [c for doc in vector_docs().values() for c in doc["cases"]]


def all_invalid() -> list[dict[str, Any]]:
    return [c for doc in vector_docs().values() for c in doc.get("invalid", [])]


def test_files_are_what_the_generator_writes() -> None:
    assert sorted(make_vectors.FILES) == sorted(vector_docs()), "vector files missing or extra"
    for name, doc in make_vectors.FILES.items():
        assert (VECTORS / name).read_text() == make_vectors.render(doc), (
            f"{name} is stale: run python tests/data/abi/make_vectors.py")


def _tuple_items(t: dict[str, Any], n: int) -> list[dict[str, Any]]:
    """The item types of a tuple of `n` items: `items`, or `item` for `tuple[T, ...]`."""
    return t["items"] if "items" in t else [t["item"]] * n


def py_value(t: dict[str, Any], v: Any) -> Any:
    """The Python object of a vector value."""
    kind = t["kind"]
    if v is None:
        return None
    if kind == "optional":
        return py_value(t["item"], v)
    if kind == "int":
        return int(v)
    if kind == "float":
        return make_vectors.number(v)
    if kind == "list":
        return [py_value(t["item"], x) for x in v]
    if kind == "set":
        return {py_value(t["item"], x) for x in v}
    if kind == "tuple":
        return tuple(py_value(it, x) for it, x in zip(_tuple_items(t, len(v)), v, strict=True))
    if kind == "dict":
        return {py_value(t["key"], k): py_value(t["value"], x) for k, x in v}
    if kind == "ndarray" and t["dtype"] == "float16":  # the vectors hold its bits
        return np.array(v["data"], dtype=np.uint16).view(np.float16).reshape(v["shape"])
    if kind == "ndarray":
        return np.array(v["data"], dtype=t["dtype"]).reshape(v["shape"])
    if kind == "bytes":
        return bytes.fromhex(v["bytes"])
    return v


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c["name"])
def test_python_loader(case: dict[str, Any]) -> None:
    ty = json.dumps(case["type"])
    want = bytes.fromhex(case["hex"])
    value = py_value(case["type"], case["value"])
    assert _loader.pcv_encode(value, ty) == want
    back = _loader.pcv_decode(want, ty)
    assert _loader.pcv_encode(back, ty) == want
    if case["type"]["kind"] == "ndarray":
        assert back.dtype == value.dtype and back.shape == value.shape
    else:  # repr: NaN equals itself, -0.0 differs from 0.0
        assert repr(back) == repr(value) and type(back) is type(value)


@pytest.mark.parametrize("case", all_invalid(), ids=lambda c: c["name"])
def test_python_loader_refuses(case: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _loader.pcv_decode(bytes.fromhex(case["hex"]), json.dumps(case["type"]))


def test_python_packed_from_numpy_and_buffers() -> None:
    import array

    floats = json.dumps({"kind": "list", "item": {"kind": "float"}})
    ints = json.dumps({"kind": "list", "item": {"kind": "int"}})
    want = _loader.pcv_encode([1.0, 2.0, 3.0], floats)
    assert _loader.pcv_encode(np.array([1.0, 2.0, 3.0]), floats) == want
    assert _loader.pcv_encode(np.array([1, 2, 3], dtype=np.int32), floats) == want
    assert _loader.pcv_encode(array.array("d", [1.0, 2.0, 3.0]), floats) == want
    assert _loader.pcv_encode(np.arange(3, dtype=np.uint8), ints) == _loader.pcv_encode(
        [0, 1, 2], ints)
    with pytest.raises(TypeError, match=r"must be list\[int\], not ndarray\[float64, ndim=1\]"):
        _loader.pcv_encode(np.array([1.5]), ints)
    with pytest.raises(TypeError, match=r"not ndarray\[float64, ndim=2\]"):
        _loader.pcv_encode(np.zeros((2, 2)), floats)
    with pytest.raises(TypeError, match=r"not ndarray\[uint64, ndim=1\]"):
        _loader.pcv_encode(np.array([2**64 - 1], dtype=np.uint64), ints)
    with pytest.raises(TypeError, match="not str"):
        _loader.pcv_encode("abc", floats)


def test_python_packed_items_of_every_kind() -> None:
    """A packed list is written in one pass over a list's or tuple's items: exact
    floats, ints and bools straight, anything else converted as the scalar would be
    (a float subclass, an int for a float, numpy scalars, -1, `__index__`), and a list
    that an item's conversion shortens meanwhile ends where it ends now."""
    floats = json.dumps({"kind": "list", "item": {"kind": "float"}})
    ints = json.dumps({"kind": "list", "item": {"kind": "int"}})
    bools = json.dumps({"kind": "list", "item": {"kind": "bool"}})

    class F(float):
        pass

    class Index:
        def __index__(self) -> int:
            return 7

    want = _loader.pcv_encode([1.0, 2.5, -1.0, 3.0], floats)
    assert _loader.pcv_encode((1.0, F(2.5), -1, np.float32(3.0)), floats) == want
    assert _loader.pcv_encode([1, True, -1, np.int64(7), Index()], ints) == _loader.pcv_encode(
        [1, 1, -1, 7, 7], ints)
    assert _loader.pcv_encode([True, np.bool_(False)], bools) == _loader.pcv_encode(
        [True, False], bools)
    assert _loader.pcv_decode(_loader.pcv_encode([], floats), floats) == []
    with pytest.raises(TypeError, match=r"but value\[2\] is str, not float"):
        _loader.pcv_encode([1.0, 2.0, "3"], floats)
    with pytest.raises(OverflowError, match=r"value\[1\] is an int too large"):
        _loader.pcv_encode((1, 2**64), ints)
    with pytest.raises(TypeError, match=r"but value\[0\] is int, not bool"):
        _loader.pcv_encode([1], bools)

    items: list[object] = [1.0, 2.0, 3.0, 4.0]

    class Shrinks:
        def __float__(self) -> float:
            del items[2:]
            return 9.0

    items[1] = Shrinks()
    assert _loader.pcv_decode(_loader.pcv_encode(items, floats), floats) == [1.0, 9.0]


def test_python_results_made_in_place() -> None:
    """Results are made straight from the buffer: lists and tuples filled in place
    (a truncated or mistyped buffer is still an error, never a crash), tuples of
    scalars untracked by the cyclic collector (as its first pass would leave them),
    short strings made once per decoding and shared (whether they repeat or not:
    past 512 with few repeats sharing stops)."""
    import gc

    def t(**kw: Any) -> dict[str, Any]:
        return kw

    s, i, f = t(kind="str"), t(kind="int"), t(kind="float")

    def roundtrip(value: Any, ty: dict[str, Any]) -> Any:
        enc = json.dumps(ty)
        back = _loader.pcv_decode(_loader.pcv_encode(value, enc), enc)
        assert repr(back) == repr(value)
        return back

    spans = t(kind="list", item=t(kind="tuple", items=[s, i, i, s]))
    value = [(lab, k, k + 2, f"w{k} naïve") for k in range(2000) for lab in ("PER", "LOC", "é")]
    back = roundtrip(value, spans)
    assert all(type(x) is tuple and type(x[0]) is str and not gc.is_tracked(x) for x in back)
    assert back[30][0] is back[33][0]  # one "PER" (past the first few strings)
    assert gc.is_tracked(back)
    # every length up to past the shared ones, strings differing in one byte only
    # (at each place), 1,000 distinct strings, then all of them again
    strs = [("x" * n + str(k))[-n:] if n else "" for k in range(1000) for n in (0, 1, 2, 23, 24, 25)]
    strs += [w[:p] + c + w[p + 1:] for n in range(27) for w in [("ab" * 13 + "é")[:n]]
             for p in range(n) for c in "yz"]
    assert roundtrip(strs + strs[::-1], t(kind="list", item=s)) == strs + strs[::-1]
    records = [{"id": k, "score": k * 2, "naïve": -k} for k in range(600)]
    back = roundtrip(records, t(kind="list", item=t(kind="dict", key=s, value=i)))
    assert list(back[599]) == ["id", "score", "naïve"]
    nested = t(kind="tuple", items=[t(kind="optional", item=s), t(kind="list", item=f)])
    back = roundtrip([(None, [1.5]), ("a", [])], t(kind="list", item=nested))
    assert gc.is_tracked(back[0])  # it holds a list
    pairs = t(kind="list", item=t(kind="tuple", items=[f, t(kind="optional", item=s)]))
    back = roundtrip([(0.5, None), (-0.0, "ab")], pairs)
    assert not gc.is_tracked(back[0]) and not gc.is_tracked(back[1])
    words = t(kind="tuple", item=s)
    assert type(roundtrip(("ab", "ab", "cd"), words)) is tuple
    # cut anywhere, or a wrong tag inside a tuple: a ValueError
    enc = json.dumps(spans)
    data = _loader.pcv_encode(value[:3], enc)
    for cut in range(1, len(data)):
        with pytest.raises(ValueError):
            _loader.pcv_decode(data[:cut], enc)
    wrong = json.dumps(t(kind="list", item=t(kind="tuple", items=[s, i, f, s])))
    with pytest.raises(ValueError, match="expected int, found float"):
        _loader.pcv_decode(_loader.pcv_encode([("PER", 1, 2.0, "a")], wrong), enc)
    wrong = json.dumps(t(kind="list", item=t(kind="tuple", items=[s, i, i, i])))
    with pytest.raises(ValueError, match="expected str, found int"):
        _loader.pcv_decode(_loader.pcv_encode([("PER", 1, 2, 3)], wrong), enc)


# ---------------------------------------------------------------------------
# C: a program generated from the vectors, over templates/c/pycomp_pcv.h
# ---------------------------------------------------------------------------

C_DTYPES = {"float32": ("float", "PCV_F32"), "float64": ("double", "PCV_F64"),
            "int32": ("int32_t", "PCV_I32"), "int64": ("int64_t", "PCV_I64"),
            "bool": ("uint8_t", "PCV_BOOL"), "int8": ("int8_t", "PCV_I8"),
            "uint8": ("uint8_t", "PCV_U8"), "int16": ("int16_t", "PCV_I16"),
            "uint16": ("uint16_t", "PCV_U16"), "uint32": ("uint32_t", "PCV_U32"),
            "float16": ("uint16_t", "PCV_F16")}  # float16: its bits
PACKED = {"float": "float64", "int": "int64", "bool": "bool"}
SEQ_TAGS = {"list": "PCV_LIST", "set": "PCV_SET", "tuple": "PCV_TUPLE", "dict": "PCV_DICT"}


class CGen:
    def __init__(self) -> None:
        self.n = 0

    def var(self) -> str:
        self.n += 1
        return f"v{self.n}"

    @staticmethod
    def c_str(b: bytes) -> str:
        return '"' + "".join(f"\\{x:03o}" for x in b) + '"'

    @staticmethod
    def c_int(v: int) -> str:
        return "(-INT64_MAX - 1)" if v == -(2**63) else f"INT64_C({v})"

    @staticmethod
    def c_float(x: float, c_type: str = "double") -> str:
        if math.isnan(x):
            return "NAN"
        if math.isinf(x):
            return "INFINITY" if x > 0 else "-INFINITY"
        return f"(({c_type}){x.hex()})"

    def items(self, dtype: str, values: list[Any]) -> str:
        c_type, _ = C_DTYPES[dtype]
        if dtype in ("float32", "float64"):
            return ", ".join(self.c_float(make_vectors.number(x), c_type) for x in values)
        return ", ".join(str(int(x)) if dtype != "bool" else str(int(bool(x))) for x in values)

    def array(self, lines: list[str], dtype: str, values: list[Any]) -> str:
        if not values:
            return "NULL"
        name = self.var()
        lines.append(f"  static const {C_DTYPES[dtype][0]} {name}[] = {{{self.items(dtype, values)}}};")
        return name

    def write(self, t: dict[str, Any], v: Any, lines: list[str]) -> None:
        kind = t["kind"]
        if kind == "optional":
            if v is None:
                lines.append("  pcv_none(&w);")
            else:
                self.write(t["item"], v, lines)
        elif kind == "none":
            lines.append("  pcv_none(&w);")
        elif kind == "bool":
            lines.append(f"  pcv_bool(&w, {int(v)});")
        elif kind == "int":
            lines.append(f"  pcv_int(&w, {self.c_int(int(v))});")
        elif kind == "float":
            lines.append(f"  pcv_float(&w, {self.c_float(make_vectors.number(v))});")
        elif kind == "str":
            b = v.encode()
            lines.append(f"  pcv_str_n(&w, {self.c_str(b)}, {len(b)});")
        elif kind == "bytes":
            b = bytes.fromhex(v["bytes"])
            lines.append(f"  pcv_bytes(&w, (const uint8_t *){self.c_str(b)}, {len(b)});")
        elif kind == "list" and t["item"]["kind"] in PACKED:
            dtype = PACKED[t["item"]["kind"]]
            name = self.array(lines, dtype, v)
            lines.append(f"  pcv_packed(&w, {C_DTYPES[dtype][1]}, {name}, {len(v)});")
        elif kind in SEQ_TAGS:
            fn = {"list": "pcv_list", "set": "pcv_set", "tuple": "pcv_tuple", "dict": "pcv_dict"}
            lines.append(f"  {fn[kind]}(&w, {len(v)});")
            for i, x in enumerate(v):
                if kind == "dict":
                    self.write(t["key"], x[0], lines)
                    self.write(t["value"], x[1], lines)
                else:
                    self.write(_tuple_items(t, len(v))[i] if kind == "tuple" else t["item"], x,
                               lines)
        elif kind == "ndarray":
            shape = self.var()
            dims = ", ".join(f"UINT64_C({d})" for d in v["shape"]) or "0"
            lines.append(f"  static const uint64_t {shape}[] = {{{dims}}};")
            data = self.array(lines, t["dtype"], v["data"])
            lines.append(f"  pcv_array(&w, {C_DTYPES[t['dtype']][1]}, {len(v['shape'])}, "
                         f"{shape}, {data});")
        else:
            raise ValueError(kind)

    def read(self, t: dict[str, Any], v: Any, lines: list[str]) -> None:
        """Reads a value of type `t`, checking it is `v`."""
        kind = t["kind"]
        if kind == "optional":
            if v is None:
                lines.append("  CHECK(pcv_read_u8(&r) == PCV_NONE);")
            else:
                self.read(t["item"], v, lines)
        elif kind == "none":
            lines.append("  CHECK(pcv_read_u8(&r) == PCV_NONE);")
        elif kind == "bool":
            lines.append(f"  CHECK(pcv_read_bool(&r) == {int(v)});")
        elif kind == "int":
            lines.append(f"  CHECK(pcv_read_int(&r) == {self.c_int(int(v))});")
        elif kind == "float":
            x = make_vectors.number(v)
            name = self.var()
            lines.append(f"  double {name} = pcv_read_float(&r);")
            if math.isnan(x):
                lines.append(f"  CHECK(isnan({name}));")
            else:
                lines.append(f"  {{ double want = {self.c_float(x)}; "
                             f"CHECK(memcmp(&want, &{name}, 8) == 0); }}")
        elif kind == "str":
            b = v.encode()
            name = self.var()
            lines.append(f"  {{ size_t n; const char *{name} = pcv_read_str(&r, &n); "
                         f"CHECK(n == {len(b)} && ({len(b)} == 0 || "
                         f"memcmp({name}, {self.c_str(b)}, n) == 0)); }}")
        elif kind == "bytes":
            b = bytes.fromhex(v["bytes"])
            name = self.var()
            lines.append(f"  {{ size_t n; const uint8_t *{name} = pcv_read_bytes(&r, &n); "
                         f"CHECK(n == {len(b)} && ({len(b)} == 0 || "
                         f"memcmp({name}, {self.c_str(b)}, n) == 0)); }}")
        elif kind == "list" and t["item"]["kind"] in PACKED:
            dtype = PACKED[t["item"]["kind"]]
            want = self.array(lines, dtype, v)
            name = self.var()
            lines.append(f"  {{ uint64_t n; const void *{name} = pcv_read_packed(&r, "
                         f"{C_DTYPES[dtype][1]}, &n); CHECK(n == {len(v)});")
            if v:
                lines.append(f"    CHECK(((uintptr_t){name} % PCV_ALIGN) == 0);")
                lines.append(f"    CHECK(memcmp({name}, {want}, sizeof {want}) == 0);")
            else:
                lines.append(f"    (void){name};")
            lines.append("  }")
        elif kind in SEQ_TAGS:
            lines.append(f"  CHECK(pcv_read_seq(&r, {SEQ_TAGS[kind]}) == {len(v)});")
            for i, x in enumerate(v):
                if kind == "dict":
                    self.read(t["key"], x[0], lines)
                    self.read(t["value"], x[1], lines)
                else:
                    self.read(_tuple_items(t, len(v))[i] if kind == "tuple" else t["item"], x,
                              lines)
        elif kind == "ndarray":
            want = self.array(lines, t["dtype"], v["data"])
            lines.append("  { pcv_ndarray a; CHECK(pcv_read_ndarray(&r, &a));")
            lines.append(f"    CHECK(a.dtype == {C_DTYPES[t['dtype']][1]} && "
                         f"a.ndim == {len(v['shape'])});")
            for i, d in enumerate(v["shape"]):
                lines.append(f"    CHECK(a.shape[{i}] == {d});")
            lines.append("    CHECK(((uintptr_t)a.data % PCV_ALIGN) == 0);")
            if v["data"]:
                lines.append(f"    CHECK(memcmp(a.data, {want}, sizeof {want}) == 0);")
            lines.append("  }")
        else:
            raise ValueError(kind)

    def skim(self, t: dict[str, Any], lines: list[str]) -> None:
        """Reads a value of type `t` without checking its contents."""
        kind = t["kind"]
        if kind == "int":
            lines.append("  (void)pcv_read_int(&r);")
        elif kind == "str":
            lines.append("  { size_t n; (void)pcv_read_str(&r, &n); }")
        elif kind == "bytes":
            lines.append("  { size_t n; (void)pcv_read_bytes(&r, &n); }")
        elif kind == "list" and t["item"]["kind"] in PACKED:
            dtype = C_DTYPES[PACKED[t["item"]["kind"]]][1]
            lines.append(f"  {{ uint64_t n; (void)pcv_read_packed(&r, {dtype}, &n); }}")
        elif kind == "list":
            i = self.var()
            lines.append(f"  for (uint64_t {i} = pcv_read_seq(&r, PCV_LIST); {i} > 0 && "
                         f"!r.failed; {i}--) {{")
            self.skim(t["item"], lines)
            lines.append("  }")
        elif kind == "tuple" and "items" not in t:
            i = self.var()
            lines.append(f"  for (uint64_t {i} = pcv_read_seq(&r, PCV_TUPLE); {i} > 0 && "
                         f"!r.failed; {i}--) {{")
            self.skim(t["item"], lines)
            lines.append("  }")
        elif kind == "tuple":
            lines.append(f"  if (pcv_read_seq(&r, PCV_TUPLE) != {len(t['items'])}) r.failed = 1;")
            for it in t["items"]:
                self.skim(it, lines)
        elif kind == "ndarray":
            lines.append("  { pcv_ndarray a; (void)pcv_read_ndarray(&r, &a); }")
        else:
            raise ValueError(kind)


def c_program() -> str:
    gen = CGen()
    body: list[str] = []
    for case in all_cases():
        want = bytes.fromhex(case["hex"])
        body.append(f"  /* {case['name']} */")
        body.append("  w.len = 0;")
        gen.write(case["type"], case["value"], body)
        body.append(f"  CHECK(!w.failed && w.len == {len(want)} && "
                    f"memcmp(w.data, {gen.c_str(want)}, {len(want)}) == 0);")
        body.append(f"  memcpy(buf, {gen.c_str(want)}, {len(want)});")
        body.append(f"  r = pcv_reader_new(buf, {len(want)});")
        gen.read(case["type"], case["value"], body)
        body.append("  CHECK(!r.failed && r.pos == r.len);")
        body.append("  cases += 1;")
    for case in all_invalid():
        if "UTF-8" in case["why"]:
            continue  # the C reader hands out bytes and leaves UTF-8 to the caller
        want = bytes.fromhex(case["hex"])
        body.append(f"  /* refused: {case['name']} */")
        body.append(f"  memcpy(buf, {gen.c_str(want)}, {len(want)});")
        body.append(f"  r = pcv_reader_new(buf, {len(want)});")
        gen.skim(case["type"], body)
        body.append("  CHECK(r.failed || r.pos != r.len);")
        body.append("  cases += 1;")
    return "\n".join([
        "#include <inttypes.h>", "#include <math.h>", "#include <stdio.h>",
        '#include "pycomp_pcv.h"',
        ('#define CHECK(c) do { if (!(c)) { fprintf(stderr, "line %d: %s\\n", __LINE__, #c); '
         "failures++; } } while (0)"),
        "int main(void) {",
        "  int failures = 0, cases = 0;",
        "  pcv_writer w = {0};",
        "  pcv_reader r;",
        "  uint8_t *buf = aligned_alloc(PCV_ALIGN, 4096);",
        *body,
        "  pcv_writer_free(&w);",
        "  free(buf);",
        '  printf("%d cases, %d failures\\n", cases, failures);',
        "  return failures != 0;",
        "}",
    ]) + "\n"


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_c_header(tmp_path: Path) -> None:
    src = tmp_path / "vectors.c"
    src.write_text(c_program())
    exe = tmp_path / "vectors"
    subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", "-fsanitize=address,undefined",
                    "-fno-sanitize-recover=all",
                    "-I", str(ROOT / "templates" / "c"), str(src), "-lm", "-o", str(exe)],
                   check=True)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    refused = [c for c in all_invalid() if "UTF-8" not in c["why"]]
    assert proc.stdout.startswith(f"{len(all_cases()) + len(refused)} cases, 0 failures"), (
        proc.stdout)


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node")
def test_node_binding() -> None:
    env = dict(os.environ, PYCOMP_PCV_VECTORS=str(VECTORS))
    proc = subprocess.run(["node", "--test", str(ROOT / "tests" / "node" / "pcv.test.js")],
                          capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
