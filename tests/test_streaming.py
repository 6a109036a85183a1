"""An entry point returning an iterator streams its items across the ABI: from
Python (a native iterator, closed early), Node (iterable and async iterable,
left early), Rust (`impl Iterator<Item = Result<T, Error>>`, dropped early) and C
(a handle with next/free, stopped early, under valgrind)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pycomp
import pytest
from pycomp.build import cargo_env

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "streaming" / "stream.py"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pycomp.build(SOURCE, tmp_path_factory.mktemp("stream") / "stream")


def test_python_pulls_items_one_by_one(bundle: Path) -> None:
    lib = pycomp.load(bundle)
    it = lib.squares(5)
    assert iter(it) is it
    assert next(it) == 0 and next(it) == 1
    assert list(it) == [4, 9, 16]
    with pytest.raises(StopIteration):
        next(it)
    assert list(lib.shout("ab cd")) == ["AB!", "CD!"]


def test_python_raises_where_the_generator_raises(bundle: Path) -> None:
    it = pycomp.load(bundle).squares(1000)
    assert [next(it), next(it), next(it)] == [0, 1, 4]
    with pytest.raises(ValueError, match="item 3 of 1000 fails"):
        next(it)
    with pytest.raises(StopIteration):  # finished, as a CPython generator is
        next(it)


def test_python_closes_early(bundle: Path) -> None:
    it = pycomp.load(bundle).squares(10**9)
    assert next(it) == 0
    it.close()
    with pytest.raises(StopIteration):
        next(it)
    for x in pycomp.load(bundle).squares(10**9):  # dropped mid-way: freed by the collector
        if x > 10:
            break


@pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci` (scripts/install.sh does both)")
def test_node_iterates_and_stops_early(bundle: Path) -> None:
    script = f"""
const m = require({json.dumps(str(bundle / 'node'))});
(async () => {{
  const out = {{}};
  out.all = [...m.squares(5)];
  out.some = [];
  for (const x of m.squares(1000000000)) {{ if (x > 10) break; out.some.push(x); }}
  out.async = [];
  for await (const w of m.shout('ab cd ef')) {{ out.async.push(w); if (out.async.length === 2) break; }}
  const it = m.squares(1000);
  out.before = [it.next().value, it.next().value, it.next().value];
  try {{ it.next(); out.error = null; }} catch (e) {{ out.error = [e.name, e.message]; }}
  out.after = it.next().done;
  console.log(JSON.stringify(out));
}})();
"""
    proc = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=False,
                          env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")), timeout=120)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got == {"all": [0, 1, 4, 9, 16], "some": [0, 1, 4, 9], "async": ["AB!", "CD!"],
                   "before": [0, 1, 4], "error": ["ValueError", "item 3 of 1000 fails"],
                   "after": True}


def test_rust_takes_an_iterator_of_results(tmp_path: Path) -> None:
    crate = tmp_path / "stream"
    pycomp.to_rust(SOURCE, crate)
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "Cargo.toml").write_text(
        '[package]\nname = "stream-app"\nversion = "0.1.0"\nedition = "2024"\n\n'
        f'[dependencies]\nstream = {{ path = {json.dumps(str(crate))} }}\n\n[workspace]\n')
    (app / "src" / "main.rs").write_text("""
fn main() {
    let first: Vec<i64> = stream::squares(1_000_000_000).unwrap().take(3)
        .collect::<Result<_, stream::Error>>().unwrap();
    let failed: Vec<Result<i64, stream::Error>> = stream::squares(1000).unwrap().collect();
    let last = failed.last().unwrap().as_ref().unwrap_err();
    println!("{:?} {} {} {}", first, failed.len(), last.class_name(), last.message);
}
""")
    proc = subprocess.run(["cargo", "run", "--quiet", "--manifest-path", str(app / "Cargo.toml")],
                          capture_output=True, text=True, env=cargo_env(), check=False,
                          timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert proc.stdout.strip() == "[0, 1, 4] 4 ValueError item 3 of 1000 fails"


C_MAIN = r"""
#include <stdio.h>
#include "stream.h"
#include "pycomp_pcv.h"

static int64_t item(void *it, int32_t *status) {
  uint8_t *out = NULL; size_t n = 0;
  *status = stream_iter_next(it, &out, &n);
  if (*status != 0) return -1;
  pcv_reader r = pcv_reader_new(out, n);
  int64_t v = pcv_read_int(&r);
  stream_free_buffer(out, n);
  return v;
}

int main(void) {
  pcv_writer w = {0};
  pcv_tuple(&w, 1); pcv_int(&w, 1000000000);
  void *it = NULL;
  if (stream_call_squares(w.data, w.len, &it) != 0) return 1;
  int32_t st;
  for (int i = 0; i < 3; i++) printf("%lld ", (long long)item(it, &st));
  stream_iter_free(it);                       /* stopped early */
  w.len = 0; pcv_tuple(&w, 1); pcv_int(&w, 1000);
  if (stream_call_squares(w.data, w.len, &it) != 0) return 1;
  int64_t v;
  while ((v = item(it, &st)) >= 0) printf("%lld ", (long long)v);
  printf("| %d %s %s\n", st, stream_last_error_class(), stream_last_error_message());
  stream_iter_free(it);
  w.len = 0; pcv_tuple(&w, 1); pcv_int(&w, 2);
  if (stream_call_squares(w.data, w.len, &it) != 0) return 1;
  while ((v = item(it, &st)) >= 0) printf("%lld ", (long long)v);
  printf("| %d\n", st);
  stream_iter_free(it);
  stream_iter_free(NULL);
  pcv_writer_free(&w);
  return 0;
}
"""


def test_c_handle_next_free_under_valgrind(bundle: Path, tmp_path: Path) -> None:
    c = tmp_path / "main.c"
    c.write_text(C_MAIN)
    exe = tmp_path / "stream-demo"
    subprocess.run(["cc", "-Wall", "-Wextra", "-Werror", "-I", str(bundle), str(c), "-L",
                    str(bundle), "-lstream", f"-Wl,-rpath,{bundle}", "-o", str(exe)], check=True)
    expected = "0 1 4 0 1 4 | 1 ValueError item 3 of 1000 fails\n0 1 | 4\n"
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert out == expected
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed")
    proc = subprocess.run(["valgrind", "--error-exitcode=99", "--leak-check=full",
                           f"--suppressions={ROOT / 'tests' / 'valgrind.supp'}",
                           "--errors-for-leak-kinds=definite,indirect",
                           "--show-leak-kinds=definite,indirect", str(exe)],
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert proc.stdout == expected
    assert "ERROR SUMMARY: 0 errors" in proc.stderr, proc.stderr[-3000:]


def test_header_documents_the_iterator_functions(bundle: Path) -> None:
    header = (bundle / "stream.h").read_text()
    assert "stream_iter_next" in header and "stream_iter_free" in header
    assert "void **iter_out" in header
    manifest = json.loads((bundle / "manifest.json").read_text())
    squares = next(f for f in manifest["functions"] if f["name"] == "squares")
    assert squares["returns"] == {"kind": "iterator", "item": {"kind": "int"}}
