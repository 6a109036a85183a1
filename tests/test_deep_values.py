"""Values nested deeper than any stack: the runtime never recurses over them on
the host's stack.

`x = [x]` repeated 200,000 times is a valid Python value. CPython passes it,
returns it and frees it at any depth, and raises `RecursionError` for its
repr and comparisons past the recursion limit. Compiled code does the same,
with CPython's messages, whether the value is built by compiled code or
passed in (and out) across the ABI, from the main thread or one with a small
stack. The calls run in a child process, so a crash fails the test instead of
killing pytest, and every call is compared with CPython running the same
function on the same arguments, exceptions included.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pycomp
import pytest

ROOT = Path(__file__).resolve().parents[1]

DEEP = '''
"""Deeply nested dynamic values (tests/test_deep_values.py)."""
from typing import Any


def nest(n: int) -> Any:
    x: Any = []
    for _ in range(n):
        x = [x]
    return x


def nest_dicts_str(n: int) -> int:
    x: Any = {}
    for _ in range(n):
        x = {"k": x}
    return len(str(x))


def nest_and_drop(n: int) -> int:
    x: Any = ()
    for i in range(n):
        x = (x, i)
    return 1


def nest_in_try(n: int) -> int:
    x: Any = []
    for _ in range(n):
        try:
            x = [x] if n > 1 else x
        except ValueError:
            return 0
    return 1


def deep_repr(x: Any) -> str:
    return repr(x)


def deep_format(x: Any) -> str:
    return f"<{x}>"


def deep_eq(a: Any, b: Any) -> bool:
    return a == b


def deep_ne(a: Any, b: Any) -> bool:
    return a != b


def deep_lt(a: Any, b: Any) -> bool:
    return a < b


def deep_in(a: Any, b: Any) -> bool:
    return a in [b]


def self_eq(a: Any) -> bool:
    return a == a


def in_typed_list(xs: list[Any]) -> str:
    return str(xs)


def caught(x: Any) -> str:
    try:
        return repr(x)
    except RecursionError as e:
        return "caught " + str(e)


def same(x: Any) -> Any:
    return x


def keep(x: Any) -> int:
    return 1
'''

# Run in a child process: builds the deep values, calls each function compiled
# and in CPython, prints one JSON verdict per call.
CHILD = r'''
import json, sys, threading
import pycomp
from tests.pyref import load_python

bundle, source = sys.argv[1:3]
lib = pycomp.load(bundle)
from pathlib import Path
ref = load_python(Path(source), "deep_ref")


def nested(n, wrap, core):
    x = core
    for _ in range(n):
        x = wrap(x)
    return x


def shape(x):
    """The nesting of x as a flat list of (class, length), walked without recursion."""
    out, stack = [], [x]
    while stack:
        y = stack.pop()
        out.append((type(y).__name__, len(y) if hasattr(y, "__len__") else repr(y)))
        if isinstance(y, (list, tuple)):
            stack.extend(y)
        elif isinstance(y, dict):
            stack.extend(y.values())
    return out


def outcome(fn, args):
    try:
        r = fn(*args)
    except Exception as e:
        return ["raise", type(e).__name__, str(e)]
    if isinstance(r, (list, dict, tuple)):
        return ["value", shape(r)]
    return ["value", r]


N = 200_000
lists = lambda: nested(N, lambda x: [x], [])
dicts = lambda: nested(N, lambda x: {"k": x}, {})
tuples = lambda: nested(N, lambda x: (x, 1), ())
calls = [
    ("nest", [3000]), ("nest", [10]), ("nest_dicts_str", [3000]), ("nest_dicts_str", [5]),
    ("nest_and_drop", [3000]),
    # built in compiled code: linear only if `x = [x]` moves the old value in
    ("nest_and_drop", [N]), ("nest_in_try", [N]),
    ("deep_repr", [lists()]), ("deep_repr", [dicts()]), ("deep_repr", [tuples()]),
    ("deep_repr", [nested(900, lambda x: [x], [])]),
    ("deep_format", [lists()]), ("deep_eq", [lists(), lists()]), ("deep_ne", [dicts(), dicts()]),
    ("deep_lt", [tuples(), tuples()]), ("deep_in", [lists(), lists()]), ("self_eq", [lists()]),
    ("deep_eq", [nested(900, lambda x: [x], []), nested(900, lambda x: [x], [])]),
    ("in_typed_list", [[lists()]]), ("caught", [lists()]),
    ("same", [lists()]), ("same", [dicts()]), ("same", [tuples()]), ("keep", [lists()]),
]
for name, args in calls:
    got, want = outcome(getattr(lib, name), args), outcome(getattr(ref, name), args)
    print(json.dumps({"call": name, "same": got == want, "got": str(got)[:300],
                      "want": str(want)[:300]}), flush=True)

# On a thread with a small stack: encoding, decoding and freeing the value there.
got = []
old = threading.stack_size(256 * 1024)
t = threading.Thread(target=lambda: got.extend(
    [outcome(lib.same, [lists()]), outcome(lib.deep_repr, [lists()])]))
t.start()
t.join()
threading.stack_size(old)
want = [outcome(ref.same, [lists()]), outcome(ref.deep_repr, [lists()])]
print(json.dumps({"call": "small stack", "same": got == want, "got": str(got)[:300],
                  "want": str(want)[:300]}), flush=True)

# A value that contains itself has no copy: compiled code refuses it.
cycle = []
cycle.append(cycle)
print(json.dumps({"call": "cycle", "same": True, "got": outcome(lib.same, [cycle])}), flush=True)
print(json.dumps({"call": "next call", "same": lib.keep([1]) == 1}), flush=True)
'''


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("deep")
    src = work / "deep.py"
    src.write_text(DEEP)
    return Path(pycomp.build(src, work / "bundle")), src


def test_deep_values_behave_as_in_cpython(bundle: tuple[Path, Path]) -> None:
    lib, src = bundle
    proc = subprocess.run([sys.executable, "-c", CHILD, str(lib), str(src)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, f"the host died (rc {proc.returncode}):\n{proc.stderr[-3000:]}"
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [x["call"] for x in lines][-3:] == ["small stack", "cycle", "next call"]
    assert len(lines) == 27
    wrong = [x for x in lines if not x["same"]]
    assert wrong == [], "\n".join(f"{x['call']}: compiled {x['got']}, CPython {x['want']}"
                                  for x in wrong)
    cycle = next(x for x in lines if x["call"] == "cycle")
    assert cycle["got"][:2] == ["raise", "ValueError"]
    assert "Circular reference detected" in cycle["got"][2]


NODE_SCRIPT = r'''
const lib = require(process.env.BUNDLE + '/node');
function outcome(f) { try { return ['value', f()]; } catch (e) { return ['raise', e.name]; } }
function depth(x) { let d = 0; for (; Array.isArray(x) && x.length; x = x[0]) d++; return d; }
let x = [];
for (let i = 0; i < 200000; i++) x = [x];
console.log(JSON.stringify([
  outcome(() => depth(lib.nest(3000))), outcome(() => lib.deep_repr(x)),
  outcome(() => lib.keep(x)), outcome(() => depth(lib.same(x))), lib.keep([1]),
]));
'''


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci` (scripts/install.sh does both)")
def test_from_node(bundle: tuple[Path, Path], tmp_path: Path) -> None:
    script = tmp_path / "deep.js"
    script.write_text(NODE_SCRIPT)
    env = dict(os.environ, BUNDLE=str(bundle[0]), NODE_PATH=str(ROOT / "node_modules"))
    proc = subprocess.run(["node", str(script)], capture_output=True, text=True, env=env,
                          check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # The Node binding encodes and decodes without recursion (pcv.js): values of
    # any depth cross both ways, as from Python; repr raises CPython's error.
    assert json.loads(proc.stdout) == [
        ["value", 3000], ["raise", "RecursionError"], ["value", 1], ["value", 200_000], 1]


C_PROGRAM = r"""
#include <stdio.h>
#include "deep.h"
#include "pycomp_pcv.h"

typedef int32_t (*entry)(const uint8_t *, size_t, uint8_t **, size_t *);

/* Calls F with a tuple of one argument written by `arg`; returns the reader over
 * the result, or prints the exception class and returns a reader of nothing. */
static pcv_reader call(entry f, pcv_writer *args, uint8_t **out, size_t *len) {
  int32_t status = f(args->data, args->len, out, len);
  pcv_writer_free(args);
  if (status != 0) {
    printf("raise %s\n", deep_last_error_class());
    *out = NULL;
    *len = 0;
  }
  return pcv_reader_new(*out, *len);
}

/* The nesting depth of [[...[]...]], read one level at a time (no recursion). */
static long depth(pcv_reader *r) {
  long d = 0;
  while (pcv_read_seq(r, PCV_LIST) == 1) d++;
  return r->failed ? -1 : d;
}

/* [[...[]...]] `n` deep, written one level at a time. */
static void nested(pcv_writer *w, long n) {
  for (long i = 0; i < n; i++) pcv_list(w, 1);
  pcv_list(w, 0);
}

int main(void) {
  uint8_t *out;
  size_t len;
  pcv_writer w = {0};
  pcv_tuple(&w, 1);
  pcv_int(&w, 3000);
  pcv_reader r = call(deep_call_nest, &w, &out, &len);
  printf("nest %ld\n", depth(&r));
  deep_free_buffer(out, len);

  pcv_writer w2 = {0};
  pcv_tuple(&w2, 1);
  nested(&w2, 200000);
  r = call(deep_call_same, &w2, &out, &len);
  printf("same %ld\n", depth(&r));
  deep_free_buffer(out, len);

  pcv_writer w3 = {0};
  pcv_tuple(&w3, 1);
  nested(&w3, 200000);
  r = call(deep_call_deep_repr, &w3, &out, &len);

  pcv_writer w4 = {0};
  pcv_tuple(&w4, 1);
  nested(&w4, 200000);
  r = call(deep_call_keep, &w4, &out, &len);
  printf("keep %lld\n", (long long)pcv_read_int(&r));
  deep_free_buffer(out, len);
  return 0;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_from_c(bundle: tuple[Path, Path], tmp_path: Path) -> None:
    """pycomp_pcv.h writes and reads one level at a time (the program drives the
    nesting, the header never recurses): a 200,000-deep list crosses both ways
    from C, as from Python and Node, and repr raises CPython's RecursionError."""
    lib = bundle[0]
    src = tmp_path / "deep.c"
    src.write_text(C_PROGRAM)
    exe = tmp_path / "deep"
    subprocess.run(["cc", "-Wall", "-Werror", "-I", str(lib), "-I", str(ROOT / "templates" / "c"),
                    str(src), "-L", str(lib), "-ldeep", f"-Wl,-rpath,{lib}", "-o", str(exe)],
                   check=True)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines() == ["nest 3000", "same 200000", "raise RecursionError",
                                        "keep 1"]
