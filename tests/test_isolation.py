"""Crash isolation: compiled code at its limits never takes its host down.

A function that recurses 10^6 deep, one that asks for 10^18 elements and one
reading a module constant whose computation fails (it panicked once; a panic
becoming SystemError is tests/test_abi.py's `boom`), called from Python (also on a thread with a small stack), Node,
C and through `pycomp serve`: the host survives, gets CPython's exception
class (the server an OpenAI-style error body), and the next call works.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]

LIMITS = '''
"""Functions at the limits of the host (tests/test_isolation.py)."""
import statistics

import numpy as np
import numpy.typing as npt


def depth(n: int) -> int:
    return 0 if n <= 0 else 1 + depth(n - 1)


def count(n: int) -> int:
    return len(list(range(n)))


def _chars(s: str, i: int) -> int:
    return 0 if i >= len(s) else 1 + _chars(s, i + 1)


def grow(n: int) -> int:
    """An append loop: the list grows one item at a time."""
    out = []
    for i in range(n):
        out.append(i)
    return len(out)


def grow_filtered(n: int) -> int:
    """A filtering comprehension: its size is not known up front."""
    kept = [i * 2 for i in range(n) if i % 3 != 1]
    return len(kept)


def grow_dict(n: int) -> int:
    """A dict grown one key at a time."""
    d: dict[int, int] = {}
    for i in range(n):
        d[i] = i
    return len(d)


def grow_counts(n: int) -> int:
    """The counting idiom: a key inserted by `d[k] = d.get(k, 0) + 1`."""
    counts: dict[int, int] = {}
    for i in range(n):
        counts[i] = counts.get(i, 0) + 1
    return len(counts)


def grow_set(n: int) -> int:
    """A set grown by `add`."""
    s: set[int] = set()
    for i in range(n):
        s.add(i)
    return len(s)


def grow_comprehensions(n: int) -> int:
    """A dict and a set comprehension of unknown size (filtered)."""
    d = {i: i for i in range(n) if i % 3 != 1}
    s = {i for i in range(n) if i % 3 != 1}
    return len(d) + len(s)


def grow_text(n: int) -> int:
    """A string built one piece at a time (`s += t`)."""
    s = ""
    piece = "ab" * 4096
    for i in range(n):
        s += piece if i > 0 else "a"
    return len(s)


def grow_extend(n: int) -> int:
    """`list.extend` with a range, and `list.insert` one item at a time."""
    xs = [0]
    xs.extend(range(n))
    ys: list[int] = []
    for i in range(n):
        ys.insert(len(ys), i)
    return len(xs) + len(ys)


def grow_modes(n: int) -> int:
    """`statistics.multimode` counts every distinct item of its data (long
    strings: the table outgrows memory after few items)."""
    return len(statistics.multimode(str(i) * 1000 for i in range(n)))


def spread_of(n: int) -> float:
    """`statistics.pvariance` sums its data exactly, in big integers (about 150
    bytes for each of these floats): one at a time, never one per item."""
    xs = [1.5 + i for i in range(n)]
    return statistics.pvariance(xs)


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """Per text: its length counted by recursion, and a list sized by its first word."""
    rows = []
    for t in texts:
        size = 10**18 if t.startswith("huge") else 1
        rows.append([float(_chars(t, 0)), float(count(size))])
    return np.array(rows, dtype=np.float32)
'''

# A module constant that fails when first read (CPython fails at import): the
# compiled code raises the same exception at each use (it panicked in the lazy
# initialiser, a SystemError, then "LazyLock instance has previously been
# poisoned"), and functions that do not read it work. A label file read at
# module level is read from the working directory, as CPython reads it.
PANICS = '''
BROKEN = int("12x")
LABELS = [line.strip() for line in open("labels-not-here.txt")]
NAMES = LABELS + ["other"]


def read_broken(n: int) -> int:
    return BROKEN + n


def label_names() -> list[str]:
    return NAMES


def fine(n: int) -> int:
    return n + 1
'''


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("isolation")
    out = {}
    for name, text in (("limits", LIMITS), ("panics", PANICS)):
        src = work / f"{name}.py"
        src.write_text(text)
        out[name] = Path(pycomp.build(src, work / "bundles" / name))
        out[f"{name}_src"] = src
    return out


def outcome(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except Exception as e:
        return type(e).__name__


def test_from_python(bundles: dict[str, Path]) -> None:
    lib = pycomp.load(bundles["limits"])
    ref = load_python(bundles["limits_src"])
    for fn, arg in (("depth", 10**6), ("count", 10**18), ("depth", 900), ("count", 7)):
        assert outcome(getattr(lib, fn), arg) == outcome(getattr(ref, fn), arg), (fn, arg)
    assert outcome(lib.depth, 10**6) == "RecursionError"
    assert outcome(lib.count, 10**18) == "MemoryError"
    panics = pycomp.load(bundles["panics"])
    for _ in range(2):
        with pytest.raises(ValueError, match=r"^invalid literal for int\(\) with base 10: '12x'$"):
            panics.read_broken(1)
        with pytest.raises(FileNotFoundError, match="labels-not-here.txt"):
            panics.label_names()
    assert panics.fine(1) == 2


GROWERS = ("grow", "grow_filtered", "grow_dict", "grow_counts", "grow_set",
           "grow_comprehensions", "grow_text", "grow_extend", "grow_modes")

GROW_SCRIPT = r'''
import resource, sys
import pycomp

lib = pycomp.load(sys.argv[1])
growers = [getattr(lib, name) for name in sys.argv[2:]]
print(*[fn(10) for fn in growers], flush=True)
# Only so much address space from here on: the loops run out of memory after about
# 32 MiB (the machine is never at risk; a debug build fills a dict that big in
# seconds), and must raise, not abort.
with open("/proc/self/status") as f:
    vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (vm + 32 * 2**20, resource.RLIM_INFINITY))
for fn in growers:
    try:
        fn(10**18)
        print("returned")
    except MemoryError:
        print("MemoryError")
    print(fn(5), flush=True)
'''


def test_growth_out_of_memory(bundles: dict[str, Path], tmp_path: Path) -> None:
    """A list, dict or set grown (by `append`, `d[k] = v`, `add`, a comprehension)
    until no memory is left raises MemoryError, and the next call works: growth
    is fallible (`pcrt::push`, `pcrt::dict_room`, `pcrt::set_room`)."""
    script = tmp_path / "grow.py"
    script.write_text(GROW_SCRIPT)
    proc = subprocess.run([sys.executable, str(script), str(bundles["limits"]), *GROWERS],
                          capture_output=True, text=True, check=False, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    ref = load_python(bundles["limits_src"])
    small = [str(getattr(ref, name)(10)) for name in GROWERS]
    after = [line for name in GROWERS for line in ("MemoryError", str(getattr(ref, name)(5)))]
    assert proc.stdout.split() == small + after


LIMITED_SCRIPT = r'''
import resource, sys
import pycomp

lib = pycomp.load(sys.argv[1])
with open("/proc/self/status") as f:
    vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (vm + int(sys.argv[2]) * 2**20, resource.RLIM_INFINITY))
print(lib.grow(10), flush=True)
try:
    lib.grow(10**18)
    print("returned")
except MemoryError:
    print("MemoryError")
print(lib.grow(5), flush=True)
'''


EXACT_SUM_SCRIPT = r'''
import resource, sys
import pycomp

lib = pycomp.load(sys.argv[1])
with open("/proc/self/status") as f:
    vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (vm + 256 * 2**20, resource.RLIM_INFINITY))
print(repr(lib.spread_of(10)), flush=True)
print(repr(lib.spread_of(4_000_000)), flush=True)
print(repr(lib.spread_of(5)), flush=True)
'''


def test_exact_sums_in_bounded_memory(bundles: dict[str, Path], tmp_path: Path) -> None:
    """`statistics.pvariance` of 4,000,000 floats (32 MB of data) with 256 MiB of
    address space left: its exact sums held one big integer per item (~670 MB,
    allocated by num-bigint, which cannot fail: the process aborted); they now
    add the items one at a time, and the call gives CPython's value,
    `(n**2 - 1) / 12` correctly rounded."""
    script = tmp_path / "exact_sum.py"
    script.write_text(EXACT_SUM_SCRIPT)
    proc = subprocess.run([sys.executable, str(script), str(bundles["limits"])],
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    ref = load_python(bundles["limits_src"])
    assert proc.stdout.split() == [repr(ref.spread_of(10)), repr((4_000_000**2 - 1) / 12),
                                   repr(ref.spread_of(5))]


@pytest.mark.parametrize("headroom", [1, 128])
def test_address_space_limited_before_the_first_call(bundles: dict[str, Path], tmp_path: Path,
                                                     headroom: int) -> None:
    """A process whose address space is nearly used up when compiled code first
    allocates: mimalloc's first arena reservation (128 MiB once 1 GiB fails)
    took all that was left and its page map could not grow, so every allocation
    failed and the first (`memory allocation of 12 bytes failed`) aborted. The
    bundle's allocator (templates/runtime/alloc.rs) then asks the system
    allocator: the calls work, the growth raises MemoryError."""
    script = tmp_path / "limited.py"
    script.write_text(LIMITED_SCRIPT)
    proc = subprocess.run([sys.executable, str(script), str(bundles["limits"]), str(headroom)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["10", "MemoryError", "5"]


def test_from_a_thread_with_a_small_stack(bundles: dict[str, Path]) -> None:
    lib = pycomp.load(bundles["limits"])
    got: list[Any] = []
    old = threading.stack_size(256 * 1024)
    try:
        t = threading.Thread(target=lambda: got.extend(
            [outcome(lib.depth, 999), outcome(lib.depth, 10**6), outcome(lib.depth, 5)]))
        t.start()
        t.join()
    finally:
        threading.stack_size(old)
    assert got == [999, "RecursionError", 5]


NODE_SCRIPT = r'''
const limits = require(process.env.LIMITS + '/node');
const panics = require(process.env.PANICS + '/node');
function outcome(f) { try { return String(f()); } catch (e) { return e.name; } }
console.log(JSON.stringify([
  outcome(() => limits.depth(1000000)), outcome(() => limits.depth(10)),
  outcome(() => limits.count(10n ** 18n)), outcome(() => limits.count(3)),
  outcome(() => panics.read_broken(1)), outcome(() => panics.fine(1)),
]));
'''


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci` (scripts/install.sh does both)")
def test_from_node(bundles: dict[str, Path], tmp_path: Path) -> None:
    script = tmp_path / "isolation.js"
    script.write_text(NODE_SCRIPT)
    env = dict(os.environ, LIMITS=str(bundles["limits"]), PANICS=str(bundles["panics"]),
               NODE_PATH=str(ROOT / "node_modules"))
    proc = subprocess.run(["node", str(script)], capture_output=True, text=True, env=env,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout) == ["RecursionError", "10", "MemoryError", "3",
                                       "ValueError", "2"]


C_PROGRAM = r'''
#include <stdio.h>
#include "limits.h"
#include "pycomp_pcv.h"

/* Calls NAME(n) and prints the result or the exception class. */
static void call(int32_t (*f)(const uint8_t *, size_t, uint8_t **, size_t *), int64_t n) {
  pcv_writer w = {0};
  pcv_tuple(&w, 1);
  pcv_int(&w, n);
  uint8_t *out = NULL;
  size_t len = 0;
  int32_t status = f(w.data, w.len, &out, &len);
  pcv_writer_free(&w);
  if (status != 0) {
    printf("%s\n", limits_last_error_class());
    return;
  }
  pcv_reader r = pcv_reader_new(out, len);
  printf("%lld\n", (long long)pcv_read_int(&r));
  limits_free_buffer(out, len);
}

int main(void) {
  call(limits_call_depth, 1000000);
  call(limits_call_depth, 10);
  call(limits_call_count, 1000000000000000000LL);
  call(limits_call_count, 4);
  return 0;
}
'''


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_from_c(bundles: dict[str, Path], tmp_path: Path) -> None:
    bundle = bundles["limits"]
    src = tmp_path / "isolation.c"
    src.write_text(C_PROGRAM)
    exe = tmp_path / "isolation"
    subprocess.run(["cc", "-Wall", "-Werror", "-I", str(bundle), "-I", str(ROOT / "templates" / "c"),
                    str(src), "-L", str(bundle), "-llimits", f"-Wl,-rpath,{bundle}", "-o",
                    str(exe)], check=True)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["RecursionError", "10", "MemoryError", "4"]


def test_through_the_server(bundles: dict[str, Path]) -> None:
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("starlette")
    from pycomp.serve.http import ServerOptions
    from pycomp.server import create_app

    # the request limit on characters per input is raised so the compiled recursion is reached
    options = ServerOptions(max_input_chars=1_000_000)
    transport = httpx.ASGITransport(app=create_app(bundles["limits"].parent, options))

    async def requests() -> list[tuple[int, Any]]:
        out = []
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for text in ("x" * 200_000, "huge list", "fine"):
                r = await client.post("/v1/embeddings", json={"model": "limits", "input": [text]})
                out.append((r.status_code, r.json()))
        return out

    import asyncio

    (deep_status, deep), (huge_status, huge), (ok_status, ok) = asyncio.run(requests())
    for status, body, cls in ((deep_status, deep, "RecursionError"),
                              (huge_status, huge, "MemoryError")):
        assert 400 <= status < 600
        assert set(body["error"]) == {"message", "type", "param", "code"}
        assert cls in body["error"]["message"], body
    assert ok_status == 200
    assert ok["data"][0]["embedding"] == [4.0, 1.0]
