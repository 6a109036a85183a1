"""`bytes` across the ABI in every consumer (docs/abi.md, PCV tag 0x0C): parameters,
results, defaults and errors from Python (bytes, bytearray and memoryview in), Node
(Buffer, Uint8Array, ArrayBuffer in; Buffer out), C (the typed entries' pointer and
length, and `pycomp_pcv.h` through `P_call_F`) and Rust (the generated crate's
functions), each compared with CPython running tests/data/bytes/bytes_abi.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pycomp.build import cargo_env
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "tests" / "data" / "bytes" / "bytes_abi.py"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pycomp.build(SRC, tmp_path_factory.mktemp("bytes") / "bytes_abi")


def outcome(f: Any, *args: Any) -> Any:
    try:
        return ("ok", f(*args))
    except Exception as e:
        return (type(e).__name__, str(e))


def test_python_loader(bundle: Path) -> None:
    m = pycomp.load(bundle)
    ref = load_python(SRC)
    calls: list[tuple[str, tuple[Any, ...]]] = [
        ("xor", (b"hello", b"k")), ("xor", (b"\x00\xff",)), ("xor", (b"", b"ab")),
        ("xor", (b"abc", b"")), ("pieces", ("caf\u00e9 au lait",)), ("strict_text", (b"ok",)),
        ("strict_text", (b"a\xffb",)), ("strict_text", (b"\xe2\x82",)), ("with_nul", ()),
        ("sizes", ({b"ab": 2, b"": 5},)), ("maybe", (None,)), ("maybe", (b"x",)),
    ]
    for name, args in calls:
        got, want = outcome(getattr(m, name), *args), outcome(getattr(ref, name), *args)
        assert got == want, (name, args)
        assert type(got[1]) is type(want[1])
    # bytearray and memoryview (of unsigned bytes) are accepted for a bytes parameter
    assert m.xor(bytearray(b"hello"), memoryview(b"k")) == ref.xor(b"hello", b"k")
    assert m.xor(memoryview(b"abcdef")[::2]) == ref.xor(b"ace")
    with pytest.raises(TypeError, match="argument 'data' must be bytes, not str"):
        m.xor("text")
    with pytest.raises(TypeError, match="must be bytes"):
        m.xor(memoryview(bytearray(8)).cast("d"))
    # a caught UnicodeDecodeError is CPython's class, with its fields
    try:
        m.strict_text(b"ab\xffcd")
    except UnicodeDecodeError as e:
        assert (e.encoding, e.start, e.end, e.reason) == ("utf-8", 2, 3, "invalid start byte")
        assert str(e) == "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
    manifest = json.loads((bundle / "manifest.json").read_text())
    xor = next(f for f in manifest["functions"] if f["name"] == "xor")
    assert xor["params"][1] == {"name": "key", "type": {"kind": "bytes"},
                                "default": {"bytes": "2a"}}


NODE_SCRIPT = r"""
const m = require(process.argv[2] + '/node');
const run = (f) => { try { return ['ok', f()]; } catch (e) { return [e.name, e.message]; } };
const hex = (b) => (Buffer.isBuffer(b) ? { buffer: b.toString('hex') } : b);
const out = {
  buffer: run(() => hex(m.xor(Buffer.from('hello'), Buffer.from('k')))),
  uint8: run(() => hex(m.xor(new Uint8Array([0, 255])))),
  arraybuffer: run(() => hex(m.xor(new Uint8Array([1, 2, 3]).buffer, new Uint8Array([1])))),
  pieces: run(() => m.pieces('caf\u00e9 au lait').map(hex)),
  strict: run(() => m.strict_text(Buffer.from([0x61, 0xff]))),
  nul: run(() => hex(m.with_nul())),
  sizes: run(() => m.sizes(new Map([[Buffer.from('ab'), 2]])).map(([k, v]) => [hex(k), v])),
  maybe: run(() => [m.maybe(null), hex(m.maybe(Buffer.from('x')))]),
  wrong: run(() => m.xor('text')),
};
(async () => {
  out.async = hex(await m.xorAsync(Buffer.from('abc'), Buffer.from([1])));
  console.log(JSON.stringify(out));
})();
"""


@pytest.mark.skipif(shutil.which("node") is None
                    or not (ROOT / "node_modules" / "koffi").exists(), reason="needs node")
def test_node(bundle: Path, tmp_path: Path) -> None:
    script = tmp_path / "bytes.js"
    script.write_text(NODE_SCRIPT)
    proc = subprocess.run(["node", str(script), str(bundle)], capture_output=True, text=True,
                          check=False, timeout=300,
                          env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")))
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    ref = load_python(SRC)

    def buf(b: bytes) -> dict[str, str]:
        return {"buffer": b.hex()}

    assert got["buffer"] == ["ok", buf(ref.xor(b"hello", b"k"))]
    assert got["uint8"] == ["ok", buf(ref.xor(b"\x00\xff"))]
    assert got["arraybuffer"] == ["ok", buf(ref.xor(b"\x01\x02\x03", b"\x01"))]
    assert got["pieces"] == ["ok", [buf(p) for p in ref.pieces("caf\u00e9 au lait")]]
    assert got["strict"] == list(outcome(ref.strict_text, b"a\xff"))
    assert got["nul"] == ["ok", buf(b"a\x00b\xff")]
    assert got["sizes"] == ["ok", [[buf(b"ab"), 4]]]
    assert got["maybe"] == ["ok", [None, buf(b"X")]]
    assert got["wrong"] == ["TypeError", "xor() argument 'data' must be bytes, not str"]
    assert got["async"] == buf(ref.xor(b"abc", b"\x01"))
    dts = (bundle / "node" / "index.d.ts").read_text()
    assert "export function xor(data: Uint8Array | ArrayBuffer, key?: Uint8Array | ArrayBuffer)" \
        ": Buffer;" in dts


C_PROGRAM = r"""
#include <stdio.h>
#include <string.h>
#include "bytes_abi.h"
#include "pycomp_pcv.h"

static void show(const char *label, int32_t st, const pycomp_string *s, const pycomp_error *e) {
  printf("%s %d", label, st);
  if (st == 0) {
    printf(" %zu ", s->len);
    for (size_t i = 0; i < s->len; i++) printf("%02x", (unsigned char)s->data[i]);
    printf(" nul=%d", s->data[s->len] == 0);
  } else {
    printf(" %s %s", e->class_name, e->message);
  }
  printf("\n");
}

int main(void) {
  pycomp_string s = {0};
  pycomp_error e = {0};
  const uint8_t data[] = {'h', 'e', 'l', 'l', 'o'}, key[] = {'k'};
  int32_t st = bytes_abi_xor(data, 5, key, 1, &s, &e);
  show("xor", st, &s, &e);
  if (st == 0) bytes_abi_string_free(&s); else bytes_abi_error_free(&e);
  st = bytes_abi_with_nul(&s, &e);
  show("nul", st, &s, &e);
  if (st == 0) bytes_abi_string_free(&s); else bytes_abi_error_free(&e);
  const uint8_t bad[] = {0x61, 0xff};
  st = bytes_abi_strict_text(bad, 2, (pycomp_string *)&s, &e);
  show("strict", st, &s, &e);
  if (st == 0) bytes_abi_string_free(&s); else bytes_abi_error_free(&e);
  st = bytes_abi_xor(NULL, 3, key, 1, &s, &e);
  show("null", st, &s, &e);
  if (st == 0) bytes_abi_string_free(&s); else bytes_abi_error_free(&e);
  st = bytes_abi_xor(NULL, 0, key, 1, &s, &e);
  show("empty", st, &s, &e);
  if (st == 0) bytes_abi_string_free(&s); else bytes_abi_error_free(&e);

  /* list[bytes] through the general entry and pycomp_pcv.h */
  pcv_writer w = {0};
  pcv_tuple(&w, 1);
  pcv_str(&w, "ab c\xc3\xa9");
  uint8_t *out = NULL;
  size_t out_len = 0;
  st = bytes_abi_call_pieces(w.data, w.len, &out, &out_len);
  printf("pieces %d", st);
  pcv_reader r = pcv_reader_new(out, out_len);
  uint64_t n = pcv_read_seq(&r, PCV_LIST);
  for (uint64_t i = 0; i < n; i++) {
    size_t len;
    const uint8_t *b = pcv_read_bytes(&r, &len);
    printf(" ");
    for (size_t j = 0; j < len; j++) printf("%02x", b[j]);
  }
  printf(" end=%d\n", !r.failed && r.pos == r.len);
  bytes_abi_free_buffer(out, out_len);
  pcv_writer_free(&w);
  return 0;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_c(bundle: Path, tmp_path: Path) -> None:
    src = tmp_path / "bytes.c"
    src.write_text(C_PROGRAM)
    exe = tmp_path / "bytes"
    subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", "-I", str(bundle), str(src), "-L",
                    str(bundle), "-lbytes_abi", f"-Wl,-rpath,{bundle}", "-o", str(exe)],
                   check=True)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    ref = load_python(SRC)
    lines = proc.stdout.splitlines()
    assert lines[0] == f"xor 0 5 {ref.xor(b'hello', b'k').hex()} nul=1"
    assert lines[1] == "nul 0 4 610062ff nul=1"
    cls, msg = outcome(ref.strict_text, b"a\xff")
    assert lines[2] == f"strict 1 {cls} {msg}"
    assert lines[3] == "null 2 TypeError argument 'data' must be bytes, not NULL (with 3 items)"
    assert lines[4] == "empty 0 0  nul=1"
    want = " ".join(p.hex() for p in ref.pieces("ab c\u00e9"))
    assert lines[5] == f"pieces 0 {want} end=1"


RUST_MAIN = r"""
fn main() {
    let data = bytes_abi::pcrt::Bytes::from(&b"hello"[..]);
    let key = bytes_abi::pcrt::Bytes::from(&b"k"[..]);
    let x = bytes_abi::xor(data, key).expect("xor");
    let err = bytes_abi::strict_text(bytes_abi::pcrt::Bytes::from(&b"a\xff"[..])).unwrap_err();
    let pieces = bytes_abi::pieces("ab c\u{e9}").expect("pieces");
    let hex = |b: &[u8]| b.iter().map(|c| format!("{c:02x}")).collect::<String>();
    println!("{}", hex(&x));
    println!("{} {}", err.class_name(), err.message);
    println!("{}", pieces.iter().map(|p| hex(p)).collect::<Vec<_>>().join(" "));
}
"""


def test_rust(tmp_path: Path) -> None:
    pycomp.to_rust(SRC, tmp_path / "generated" / "bytes_abi")
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "Cargo.toml").write_text(
        '[package]\nname = "bytes-app"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n'
        f'[dependencies]\nbytes_abi = {{ path = "{tmp_path / "generated" / "bytes_abi"}" }}\n\n'
        "[workspace]\n")
    (app / "src" / "main.rs").write_text(RUST_MAIN)
    env = cargo_env()
    env.setdefault("CARGO_TARGET_DIR", os.environ.get("PYCOMP_TARGET_DIR", str(app / "target")))
    proc = subprocess.run(["cargo", "run", "--quiet", "--manifest-path", str(app / "Cargo.toml")],
                          capture_output=True, text=True, env=env, check=False, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-5000:]
    ref = load_python(SRC)
    lines = proc.stdout.splitlines()
    assert lines[0] == ref.xor(b"hello", b"k").hex()
    cls, msg = outcome(ref.strict_text, b"a\xff")
    assert lines[1] == f"{cls} {msg}"
    assert lines[2] == " ".join(p.hex() for p in ref.pieces("ab c\u00e9"))
