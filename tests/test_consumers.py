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
    assert got["longest_error"] == ["ValueError", "no spans"]
    try:
        chunk.chunk_words(joined, 0, 0)
    except ValueError as e:
        assert got["error"] == ["ValueError", str(e)]
    ref = embed.embed(TEXTS)
    assert got["embed_shape"] == list(ref.shape)
    np.testing.assert_allclose(got["embed_first_row"], ref[0, :8], rtol=1e-5, atol=1e-6)
    assert got["similarity"] == pytest.approx(embed.similarity(TEXTS[0], TEXTS[-1]), rel=1e-5)


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
def test_c_app_under_valgrind(embed_bundle: Path, tmp_path: Path) -> None:
    """No invalid reads or writes and no leak from our code: every result buffer
    is freed with the bundle's free function. (ONNX Runtime's and the C
    library's process-lifetime allocations are 'still reachable', not leaks.)

    ONNX Runtime runs on one thread here: its worker threads outlive `main`
    and race with C++ static destructors at exit, which valgrind reports
    inside libonnxruntime (not in pycomp's code)."""
    exe = build_c_app(embed_bundle, tmp_path)
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
