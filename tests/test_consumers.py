"""Compiled bundles used from Rust (a generated crate as a path dependency) and
from C (the header and the shared library, run under valgrind), each compared
with the same Python functions; consumers refuse a bundle of another ABI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pycomp
import pytest
from pycomp.build import cargo_env
from pyref import load_module, load_python

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["A man is eating food.", "A man is eating a piece of bread.", "Le café est délicieux."]


def minilm_ready() -> bool:
    sys.path.insert(0, str(ROOT / "examples" / "embed"))
    try:
        from fetch_model import fetch

        fetch()
    except SystemExit:
        return False
    return True


pytestmark = pytest.mark.skipif(not minilm_ready(),
                                reason="the MiniLM packages are not installed")




@pytest.fixture(scope="module")
def embed_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pycomp.build(ROOT / "examples" / "embed" / "embed.py",
                        tmp_path_factory.mktemp("c") / "embed")


def test_rust_app_matches_python() -> None:
    app = ROOT / "examples" / "rust-app"
    pycomp.to_rust(ROOT / "examples" / "text" / "chunk.py", app / "generated" / "chunk")
    pycomp.to_rust(ROOT / "examples" / "embed" / "embed.py", app / "generated" / "embed")
    pycomp.to_rust(ROOT / "examples" / "text" / "spans.py", app / "generated" / "spans")
    proc = subprocess.run(["cargo", "run", "--quiet", "--manifest-path",
                           str(app / "Cargo.toml"), "--", *TEXTS],
                          capture_output=True, text=True, env=cargo_env(), check=False)
    assert proc.returncode == 0, proc.stderr[-5000:]
    got = json.loads(proc.stdout)
    chunk = load_python(ROOT / "examples" / "text" / "chunk.py")
    embed = load_python(ROOT / "examples" / "embed" / "embed.py")
    joined = " ".join(TEXTS)
    assert got["chunk_words"] == chunk.chunk_words(joined, 3, 1)
    assert [tuple(kv) for kv in got["count_words"]] == list(chunk.count_words(joined).items())
    # a function returning dataclass instances: the same fields as CPython's instances
    spans = load_module(ROOT / "examples" / "text" / "spans.py", "pycomp_example_spans")
    found = spans.bio_spans("John Smith lives in New York",
                            ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"])
    assert got["spans"] == [[s.label, s.start, s.end, s.text] for s in found]
    best = spans.longest(found)
    assert got["longest"] == [best.label, best.start, best.end, best.text]
    assert got["longest_error"] == ["NoSpans", "ValueError", "no spans"]
    try:
        chunk.chunk_words(joined, 0, 0)
    except ValueError as e:
        assert got["error"] == ["ValueError", str(e)]
    ref = embed.embed(TEXTS)
    assert got["embed_shape"] == list(ref.shape)
    np.testing.assert_allclose(got["embed_first_row"], ref[0, :8], rtol=1e-5, atol=1e-6)
    assert got["similarity"] == pytest.approx(embed.similarity(TEXTS[0], TEXTS[-1]), rel=1e-5)


UNTYPED = """import numpy as np


def total(x: np.ndarray) -> float:
    return float(x.sum())


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max())
    return e / e.sum()
"""

UNTYPED_MAIN = """use untyped::pcrt::NdAny;

fn main() {
    let a = ndarray::ArrayD::from_shape_vec(vec![3], vec![1.5f32, 2.0, 3.0]).unwrap();
    let b = ndarray::ArrayD::from_shape_vec(vec![2], vec![true, true]).unwrap();
    let i = ndarray::ArrayD::from_shape_vec(vec![2], vec![1i64, 2]).unwrap();
    let show = |r: Result<NdAny, untyped::Error>| match r {
        Ok(NdAny::Float32(p)) => format!("float32 {:?}", p.iter().collect::<Vec<_>>()),
        Ok(NdAny::Float64(p)) => format!("float64 {:?}", p.iter().collect::<Vec<_>>()),
        Ok(other) => format!("{}", other.dtype_name()),
        Err(e) => format!("{}: {}", e.class_name(), e.message),
    };
    println!("{:?}", untyped::total(&NdAny::from(a.clone())).unwrap());
    println!("{:?}", untyped::total(&NdAny::Bool(b.clone())).unwrap());
    println!("{}", show(untyped::softmax(&NdAny::from(i))));
    println!("{}", show(untyped::softmax(&NdAny::Bool(b))));
    // an int8 array: the entry's only untyped array, so a copy is compiled for it too
    let q = ndarray::ArrayD::from_shape_vec(vec![1], vec![1i8]).unwrap();
    match untyped::total(&NdAny::from(q)) {
        Ok(v) => println!("{v:?}"),
        Err(e) => println!("{}: {}", e.class_name(), e.message),
    }
}
"""


def run_rust_app(src: Path, crate: str, main_rs: str, tmp_path: Path, deps: str = "") -> str:
    """Compiles `src` into crate `crate` of a new Rust app whose `main.rs` is `main_rs`
    (with `deps`, more Cargo.toml dependency lines), runs it, and gives its stdout."""
    app = tmp_path / "app"
    pycomp.to_rust(src, app / "generated" / crate)
    (app / "src").mkdir()
    (app / "src" / "main.rs").write_text(main_rs)
    (app / "Cargo.toml").write_text(
        f'[package]\nname = "{crate}-app"\nversion = "0.1.0"\nedition = "2024"\n\n'
        f'[dependencies]\n{crate} = {{ path = "generated/{crate}" }}\n{deps}\n'
        '[workspace]\nexclude = ["generated"]\n')
    proc = subprocess.run(["cargo", "run", "--quiet", "--manifest-path", str(app / "Cargo.toml")],
                          capture_output=True, text=True, env=cargo_env(), check=False)
    assert proc.returncode == 0, proc.stderr[-5000:]
    return proc.stdout


def test_rust_api_untyped_ndarray(tmp_path: Path) -> None:
    """An entry taking `np.ndarray` without a dtype from Rust: `&pcrt::NdAny` of any
    dtype it is compiled for, a `pcrt::NdAny` result whose dtype follows the
    argument's, the TypeError for a dtype it is not compiled for."""
    src = tmp_path / "untyped.py"
    src.write_text(UNTYPED)
    stdout = run_rust_app(src, "untyped", UNTYPED_MAIN, tmp_path, 'ndarray = "0.17"\n')
    ref = load_python(src)
    f32 = np.array([1.5, 2.0, 3.0], dtype=np.float32)
    want = [str(ref.total(f32)), str(ref.total(np.array([True, True]))),
            f"float64 {[float(v) for v in ref.softmax(np.array([1, 2]))]}",
            ("TypeError: softmax() argument 'logits' must be ndarray of dtype float32, "
             "float64, int64, int32, int8, uint8, int16, uint16, uint32 or float16, not "
             "ndarray[bool]"),
            str(ref.total(np.array([1], dtype=np.int8)))]
    assert stdout.splitlines() == want


FAMILY_MAIN = """fn show(s: &families::pcrt::Instance<families::Shape>) -> String {
    // the family's one struct: every class's fields, the object's class in class_name()
    s.get(|o| match o.class_name() {
        "Circle" => format!("Circle {} {}", o.name, o.r),
        "Tile" => format!("Tile {} {} {}", o.name, o.side, o.color),
        other => format!("{other} {}", o.name),
    })
}

fn main() {
    for part in ["c:wheel:2", "t:floor:3:red", "p:dot"] {
        println!("{}", show(&families::classify(part).unwrap()));
    }
    let shapes = families::parse_shapes("s:b:2,c:a:1").unwrap();
    println!("{}", shapes.iter().map(show).collect::<Vec<_>>().join("; "));
    // an argument: the object's own class decides the method
    println!("{}", families::describe(shapes[0].clone()).unwrap());
    let e = families::classify("x:what:1").unwrap_err();
    println!("{}: {}", e.class_name(), e.message);
}
"""


def test_rust_api_family_objects(tmp_path: Path) -> None:
    """A function returning objects of a family from Rust: the family's struct (all the
    classes' fields) whose `class_name()` is the object's class, passed back as is."""
    src = ROOT / "tests" / "diff_classes" / "cases" / "families.py"
    stdout = run_rust_app(src, "families", FAMILY_MAIN, tmp_path)
    ref = load_module(src, "pycomp_consumers_families")
    wheel, floor = ref.classify("c:wheel:2"), ref.classify("t:floor:3:red")
    square = ref.parse_shapes("s:b:2,c:a:1")[0]
    assert stdout.splitlines() == [
        f"Circle {wheel.name} {wheel.r:g}", f"Tile {floor.name} {floor.side:g} {floor.color}",
        "Shape dot", "Square b; Circle a 1", ref.describe(square),
        "ValueError: unknown shape kind 'x'"]


UNTYPED_C = r"""
#include <stdio.h>
#include "untyped.h"
#include "pycomp_pcv.h"

/* total(x) of a 1-D array of `dtype` through the generic call buffer */
static void total(uint8_t dtype, const void *data, uint64_t n) {
  pcv_writer w = {0};
  pcv_tuple(&w, 1);
  pcv_array(&w, dtype, 1, &n, data);
  uint8_t *out = NULL; size_t len = 0;
  int32_t st = untyped_call_total(w.data, w.len, &out, &len);
  pcv_reader r = pcv_reader_new(out, len);
  if (st == 0) printf("%d %.17g\n", st, pcv_read_float(&r));
  else printf("%d %s: %s\n", st, untyped_last_error_class(), untyped_last_error_message());
  untyped_free_buffer(out, len);
  pcv_writer_free(&w);
}

int main(void) {
  float f[3] = {1.5f, 2.0f, 3.25f};
  int32_t i[2] = {7, -2};
  uint8_t b[3] = {1, 0, 1};
  total(PCV_F32, f, 3);
  total(PCV_I32, i, 2);
  total(PCV_BOOL, b, 3);
  /* softmax is not compiled for bool: the dispatcher's TypeError */
  pcv_writer w = {0};
  uint64_t n = 3;
  pcv_tuple(&w, 1);
  pcv_array(&w, PCV_BOOL, 1, &n, b);
  uint8_t *out = NULL; size_t len = 0;
  int32_t st = untyped_call_softmax(w.data, w.len, &out, &len);
  printf("%d %s: %s\n", st, untyped_last_error_class(), untyped_last_error_message());
  untyped_free_buffer(out, len);
  pcv_writer_free(&w);
  return 0;
}
"""


def test_c_generic_call_untyped_ndarray(tmp_path: Path) -> None:
    """An entry taking `np.ndarray` without a dtype from C: no typed entry point,
    `P_call_F` with an array of any dtype it is compiled for; another is its TypeError."""
    src = tmp_path / "untyped.py"
    src.write_text(UNTYPED)
    bundle = pycomp.build(src, tmp_path / "untyped")
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert all("c_symbol" not in f for f in manifest["functions"])
    c = tmp_path / "main.c"
    c.write_text(UNTYPED_C)
    exe = tmp_path / "main"
    subprocess.run(["cc", "-Wall", "-Werror", "-I", str(bundle), str(c), "-L", str(bundle),
                    "-luntyped", f"-Wl,-rpath,{bundle}", "-o", str(exe)], check=True)
    lines = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    ref = load_python(src)
    assert lines.splitlines() == [
        f"0 {ref.total(np.array([1.5, 2.0, 3.25], dtype=np.float32)):.17g}",
        f"0 {ref.total(np.array([7, -2], dtype=np.int32)):.17g}",
        f"0 {ref.total(np.array([True, False, True])):.17g}",
        ("1 TypeError: softmax() argument 'logits' must be ndarray of dtype float32, float64, "
         "int64, int32, int8, uint8, int16, uint16, uint32 or float16, not ndarray[bool]")]


def build_c_app(bundle: Path, out: Path) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    assert cc is not None
    exe = out / "embed-demo"
    subprocess.run([cc, "-O2", "-Wall", "-Wextra", "-Werror", "-I", str(bundle),
                    str(ROOT / "examples" / "c-app" / "main.c"), "-L", str(bundle), "-lembed",
                    f"-Wl,-rpath,{bundle}", "-lm", "-o", str(exe)], check=True)
    return exe


def test_c_app_matches_python(embed_bundle: Path, tmp_path: Path) -> None:
    exe = build_c_app(embed_bundle, tmp_path)
    proc = subprocess.run([str(exe), *TEXTS], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    embed = load_python(ROOT / "examples" / "embed" / "embed.py")
    ref = embed.embed(TEXTS)
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == len(TEXTS)
    for i, line in enumerate(lines):
        head = line.split("[", 1)[1].split(", ...]")[0]
        values = [float(x) for x in head.split(",")]
        np.testing.assert_allclose(values, ref[i, :4], rtol=1e-5, atol=1e-6)
        assert f"dim={ref.shape[1]}" in line
        assert float(line.rsplit("norm=", 1)[1]) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_c_app_under_valgrind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No invalid reads or writes and no leak from our code: every result buffer
    is freed with the bundle's free function. (ONNX Runtime's and the C
    library's process-lifetime allocations are 'still reachable', not leaks.)
    The library is built with the system allocator: valgrind does not see the
    allocations inside mimalloc's pages.

    ONNX Runtime runs on one thread here: its worker threads outlive `main`
    and race with C++ static destructors at exit, which valgrind reports
    inside libonnxruntime (not in pycomp's code)."""
    monkeypatch.setenv("PYCOMP_ALLOCATOR", "system")
    bundle = pycomp.build(ROOT / "examples" / "embed" / "embed.py", tmp_path / "embed")
    exe = build_c_app(bundle, tmp_path)
    env = dict(os.environ, PYCOMP_NUM_THREADS="1")
    proc = subprocess.run(["valgrind", "--error-exitcode=99", "--leak-check=full",
                           f"--suppressions={ROOT / 'tests' / 'valgrind.supp'}",
                           "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite",
                           str(exe), TEXTS[0]], capture_output=True, text=True, check=False,
                          timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert "ERROR SUMMARY: 0 errors" in proc.stderr, proc.stderr[-3000:]
    assert "definitely lost: 0 bytes" in proc.stderr or "definitely lost" not in proc.stderr


def test_c_app_reports_python_errors(tmp_path: Path) -> None:
    """A failing call: status code, class and message across the C ABI."""
    src = tmp_path / "embed.py"
    src.write_text('def embed(texts: list[str]) -> list[float]:\n'
                   '    if not texts:\n'
                   '        raise ValueError("no texts")\n'
                   '    return [float(len(t)) for t in texts]\n')
    bundle = pycomp.build(src, tmp_path / "bundle")
    c = tmp_path / "err.c"
    c.write_text('#include <stdio.h>\n#include "embed.h"\n#include "pycomp_pcv.h"\n'
                 'int main(void) {\n  pcv_writer w = {0};\n  pcv_tuple(&w, 1);\n'
                 '  pcv_list(&w, 0);\n  uint8_t *out = NULL; size_t n = 0;\n'
                 '  int32_t st = embed_call_embed(w.data, w.len, &out, &n);\n'
                 '  pcv_reader r = pcv_reader_new(out, n);\n  size_t cl, ml;\n'
                 '  pcv_read_seq(&r, PCV_TUPLE);\n  const char *c = pcv_read_str(&r, &cl);\n'
                 '  const char *m = pcv_read_str(&r, &ml);\n'
                 '  printf("%d %s %s %.*s %.*s %d\\n", st, embed_last_error_class(), '
                 'embed_last_error_message(), (int)cl, c, (int)ml, m, r.failed);\n'
                 '  embed_free_buffer(out, n);\n'
                 '  pcv_tuple(&w, 0);\n  st = embed_call_embed(w.data + w.len - 9, 9, &out, &n);\n'
                 '  printf("%d %s\\n", st, embed_last_error_class());\n'
                 '  embed_free_buffer(out, n);\n'
                 '  pcv_writer_free(&w);\n  return 0;\n}\n')
    exe = tmp_path / "err"
    subprocess.run(["cc", "-I", str(bundle), str(c), "-L", str(bundle), "-lembed",
                    f"-Wl,-rpath,{bundle}", "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "1 ValueError no texts ValueError no texts 0"
    assert lines[1] == "2 TypeError"


def test_python_loader_refuses_other_abi(tmp_path: Path) -> None:
    src = ROOT / "examples" / "text" / "chunk.py"
    bundle = pycomp.build(src, tmp_path / "chunk")
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["abi_version"] = 7
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ImportError, match="ABI version 7, but this pycomp supports ABI version 2"):
        pycomp.load(bundle)


TYPED_C = r"""
#include <stdio.h>
#include <string.h>
#include "lens.h"

static void report(const char *what, int32_t st, pycomp_error *err) {
  printf("%s %d %s %s\n", what, st, err->class_name ? err->class_name : "-",
         err->message ? err->message : "-");
  lens_error_free(err);
}

int main(void) {
  pycomp_error err = {0};
  pycomp_tensor_f64 out;
  const char *texts[] = {"ab", "cde"};
  int32_t st = lens_lens(texts, 2, &out, &err);
  printf("ok %d %lld %g %g %lld\n", st, (long long)out.shape[0], out.data[0], out.data[1],
         (long long)out.strides[0]);
  DLManagedTensor *dl = lens_tensor_f64_to_dlpack(&out);
  printf("dlpack %d %lld %d %d %p\n", dl->dl_tensor.ndim, (long long)dl->dl_tensor.shape[0],
         dl->dl_tensor.dtype.code, dl->dl_tensor.dtype.bits, (void *)out.data);
  dl->deleter(dl);
  lens_tensor_f64_free(&out); /* an emptied tensor: ignored */
  st = lens_lens(NULL, 2, &out, &err);
  report("null-list", st, &err);
  const char *nulls[] = {"ab", NULL};
  st = lens_lens(nulls, 2, &out, &err);
  report("null-item", st, &err);
  const char *bad[] = {"ab", "\xff\xfe"};
  st = lens_lens(bad, 2, &out, &err);
  report("bad-utf8", st, &err);
  st = lens_lens(texts, 0, &out, &err);
  report("raised", st, &err);
  st = lens_lens(texts, 2, NULL, &err);
  report("null-out", st, &err);
  st = lens_lens(texts, 0, &out, NULL); /* no error struct: the status alone */
  printf("no-err %d\n", st);
  pycomp_string s;
  st = lens_shout("héllo", &s, &err);
  printf("str %d %zu %s\n", st, s.len, s.data);
  lens_string_free(&s);
  pycomp_strings words;
  st = lens_words("a bb  c", &words, &err);
  printf("strs %d %zu %s %s %s\n", st, words.len, words.items[0].data, words.items[1].data,
         words.items[2].data);
  lens_strings_free(&words);
  int64_t n;
  const double xs[] = {1.5, 2.5};
  st = lens_count_big(xs, 2, 2.0, &n, &err);
  printf("int %d %lld\n", st, (long long)n);
  /* arrays: a right view, then the wrong dtype, the wrong rank, NULL */
  const float m[] = {1, 2, 3, 4, 5, 6};
  const int64_t shape[] = {2, 3};
  pycomp_view v = {m, PYCOMP_F32, 2, shape};
  double sum;
  st = lens_total(&v, &sum, &err);
  printf("view %d %g\n", st, sum);
  pycomp_view wrong_dtype = {m, PYCOMP_I32, 2, shape};
  report("view-dtype", lens_total(&wrong_dtype, &sum, &err), &err);
  pycomp_view wrong_rank = {m, PYCOMP_F32, 9, shape}; /* beyond PYCOMP_MAX_NDIM */
  report("view-rank", lens_total(&wrong_rank, &sum, &err), &err);
  report("view-null", lens_total(NULL, &sum, &err), &err);
  pycomp_view null_data = {NULL, PYCOMP_F32, 2, shape};
  report("view-null-data", lens_total(&null_data, &sum, &err), &err);
  report("str-null", lens_shout(NULL, &s, &err), &err);
  return 0;
}
"""


def test_typed_c_entry_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed entries from C: plain arguments, owned results, errors in a
    status struct, bad arguments (NULL, invalid UTF-8) refused with the
    right class; under valgrind when it is installed (the library built with
    the system allocator, whose allocations valgrind sees)."""
    monkeypatch.setenv("PYCOMP_ALLOCATOR", "system")
    src = tmp_path / "lens.py"
    src.write_text('import numpy as np\nimport numpy.typing as npt\n\n\n'
                   'def lens(texts: list[str]) -> list[float]:\n'
                   '    """Lengths of the texts."""\n'
                   '    if not texts:\n'
                   '        raise ValueError("no texts")\n'
                   '    return [float(len(t)) for t in texts]\n\n\n'
                   'def shout(s: str) -> str:\n'
                   '    return s.upper()\n\n\n'
                   'def words(s: str) -> list[str]:\n'
                   '    return s.split()\n\n\n'
                   'def count_big(xs: list[float], limit: float) -> int:\n'
                   '    return len([x for x in xs if x > limit])\n\n\n'
                   'def total(x: npt.NDArray[np.float32]) -> float:\n'
                   '    return float(x.sum())\n')
    bundle = pycomp.build(src, tmp_path / "bundle")
    header = (bundle / "lens.h").read_text()
    assert "lens(texts: list[str]) -> list[float]" in header and "Lengths of the texts." in header
    assert "int32_t lens_lens(const char *const *texts, size_t n_texts, pycomp_tensor_f64 *out," \
        in " ".join(header.split())
    c = tmp_path / "typed.c"
    c.write_text(TYPED_C)
    exe = tmp_path / "typed"
    subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", "-I", str(bundle), str(c), "-L",
                    str(bundle), "-llens", f"-Wl,-rpath,{bundle}", "-o", str(exe)], check=True)
    run = [str(exe)]
    if shutil.which("valgrind"):
        run = ["valgrind", "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite", *run]
    proc = subprocess.run(run, capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == "ok 0 2 2 3 1"
    assert lines[1].startswith("dlpack 1 2 2 64 ") and lines[1].endswith("(nil)")
    assert lines[2] == "null-list 2 TypeError argument 'texts' must be list[str], not NULL (with 2 items)"
    assert lines[3] == "null-item 2 TypeError argument 'texts[1]' must be str, not NULL"
    assert lines[4].startswith("bad-utf8 2 UnicodeDecodeError argument 'texts[1]': 'utf-8' codec "
                               "can't decode byte 0xff in position 0")
    assert lines[5] == "raised 1 ValueError no texts"
    assert lines[6].startswith("null-out 3 SystemError NULL out pointer")
    assert lines[7] == "no-err 1"
    assert lines[8] == "str 0 6 HÉLLO"
    assert lines[9] == "strs 0 3 a bb c"
    assert lines[10] == "int 0 1"
    assert lines[11] == "view 0 21"
    assert lines[12] == ("view-dtype 2 TypeError argument 'x' must be ndarray[float32], "
                         "not ndarray[int32, ndim=2]")
    assert lines[13] == ("view-rank 2 TypeError argument 'x' must be ndarray[float32], "
                         "not ndarray[float32, ndim=9]")
    assert lines[14] == "view-null 2 TypeError argument 'x' must be ndarray[float32], not NULL"
    assert lines[15].startswith("view-null-data 2 TypeError argument 'x'"), lines[15]
    assert lines[16] == "str-null 2 TypeError argument 's' must be str, not NULL"
    if shutil.which("valgrind"):
        assert "ERROR SUMMARY: 0 errors" in proc.stderr, proc.stderr[-3000:]
