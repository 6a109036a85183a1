"""pycomp as a wheel: `maturin build`, installed into a fresh virtual
environment outside the repository, compiles and runs the examples from
there; an op library that cannot be found or read is reported as what it is.

The fresh environment gets pycomp only from the wheel; its dependencies
(numpy, tree-sitter, onnxruntime, ...) come from this interpreter's
site-packages through a `.pth` file, so the test needs no network. cargo
reuses the shared target directory (`PYCOMP_TARGET_DIR`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))

# Modules the compiler and the examples import: their site directories are
# shared with the fresh environment.
DEPENDENCIES = ("numpy", "tree_sitter", "tree_sitter_python", "tomlkit", "onnxruntime", "onnx",
                "tokenizers")

CHUNK_TEXT = "the quick brown fox jumps over the lazy dog again and again"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYCOMP_OPSLIB", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = clean_env(MATURIN_NO_INSTALL_RUST="1")
    if "PYCOMP_TARGET_DIR" in os.environ:  # reuse the compiled loader crate
        env["CARGO_TARGET_DIR"] = os.environ["PYCOMP_TARGET_DIR"]
    proc = subprocess.run([sys.executable, "-m", "maturin", "build", "--quiet", "-i",
                           sys.executable, "-o", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-4000:]
    wheels = list(out.glob("pycomp-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("fresh") / "venv"
    # Without its own pip (ensurepip takes half a minute): this pip installs into it.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(d)], check=True,
                   timeout=300)
    py = d / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet",
                    "--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=300, env=clean_env())
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(py), "-c", code], check=True, capture_output=True,
                               text=True).stdout.strip())
    dirs: list[str] = []
    for name in DEPENDENCIES:
        mod = __import__(name)
        parent = str(Path(mod.__file__).resolve().parents[1])
        if parent not in dirs:
            dirs.append(parent)
    (site / "pycomp_test_dependencies.pth").write_text("\n".join(dirs) + "\n")
    return d


def run_in(venv: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          timeout=1800)


def test_wheel_carries_the_compilers_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for required in ("pycomp/data/opslib/core.toml", "pycomp/data/opslib/operators.toml",
                         "pycomp/data/templates/ffi_common.rs",
                         "pycomp/data/templates/runtime/mod.rs",
                         "pycomp/data/templates/runtime_optional/onnx.rs",
                         "pycomp/data/templates/c/pycomp_pcv.h",
                         "pycomp/data/templates/node/index.js"):
            assert required in names, f"{required} is not in the wheel"
        # Every op file and template of the repository, as a file (not a link).
        for folder in ("opslib", "templates"):
            for path in (ROOT / folder).rglob("*"):
                if path.is_file():
                    rel = f"pycomp/data/{folder}/{path.relative_to(ROOT / folder)}"
                    assert z.read(rel) == path.read_bytes(), rel


def test_wheel_in_a_fresh_venv_compiles_and_runs_the_examples(venv: Path,
                                                              tmp_path: Path) -> None:
    import make_tiny

    work = tmp_path / "project"
    work.mkdir()
    shutil.copy2(ROOT / "examples" / "text" / "chunk.py", work / "chunk.py")
    shutil.copy2(ROOT / "examples" / "embed" / "embed.py", work / "embed.py")
    tiny = make_tiny.make_all(tmp_path / "tiny")
    (work / "model").mkdir()
    shutil.copy2(tiny["embed"], work / "model" / "model.onnx")
    shutil.copy2(tiny["tokenizer"], work / "model" / "tokenizer.json")

    code = ("import pycomp, pycomp.resources as r; "
            "print(pycomp.__file__); print(r.opslib_dir()); print(r.templates_dir())")
    where = run_in(venv, ["python", "-c", code], work)
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).resolve().is_relative_to(venv.resolve()), where.stdout
        assert not Path(line).resolve().is_relative_to(ROOT), where.stdout

    for name in ("chunk", "embed"):
        proc = run_in(venv, ["pycomp", "build", f"{name}.py", "-o", f"out/{name}"], work)
        assert proc.returncode == 0, proc.stderr
    texts = ["the cat sat on the mat", "a dog", "ÉLAN naïve café"]
    script = (
        "import json, sys, numpy as np, pycomp\n"
        "chunk = pycomp.load('out/chunk'); embed = pycomp.load('out/embed')\n"
        f"np.save('embed.npy', embed.embed({texts!r}))\n"
        f"print(json.dumps([chunk.chunk_words({CHUNK_TEXT!r}, 4, 1), "
        f"chunk.count_words({CHUNK_TEXT!r})]))\n"
    )
    proc = run_in(venv, ["python", "-c", script], work)
    assert proc.returncode == 0, proc.stderr
    chunked, counts = json.loads(proc.stdout)
    chunk_py = load_python(work / "chunk.py")
    assert chunked == chunk_py.chunk_words(CHUNK_TEXT, 4, 1)
    assert counts == chunk_py.count_words(CHUNK_TEXT)
    want = load_python(work / "embed.py").embed(texts)
    np.testing.assert_allclose(np.load(work / "embed.npy"), want, rtol=1e-5, atol=1e-6)


SOURCE = "def le(a: int, b: int) -> bool:\n    return a <= b\n"


@pytest.mark.parametrize("command", ["check", "build", "to-rust"])
def test_a_missing_op_library_is_said_plainly(tmp_path: Path, command: str) -> None:
    src = tmp_path / "le.py"
    src.write_text(SOURCE)
    empty = tmp_path / "empty-opslib"
    empty.mkdir()
    args = {"check": [], "build": ["-o", str(tmp_path / "out")],
            "to-rust": ["-o", str(tmp_path / "crate")]}[command]
    proc = subprocess.run([sys.executable, "-m", "pycomp.cli", command, str(src), *args],
                          env=dict(os.environ, PYCOMP_OPSLIB=str(empty)), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "internal error in pycomp" in proc.stderr
    assert "op library is missing" in proc.stderr and str(empty.resolve()) in proc.stderr
    assert "no op for" not in proc.stderr and "E041" not in proc.stderr


def test_an_unreadable_op_file_is_named(tmp_path: Path) -> None:
    from pycomp.resources import opslib_dir

    lib = tmp_path / "opslib"
    shutil.copytree(opslib_dir(), lib)
    (lib / "operators.toml").write_text("[[op]\nname = ")
    src = tmp_path / "le.py"
    src.write_text(SOURCE)
    proc = subprocess.run([sys.executable, "-m", "pycomp.cli", "check", str(src)],
                          env=dict(os.environ, PYCOMP_OPSLIB=str(lib)), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "op library cannot be read" in proc.stderr and "operators.toml" in proc.stderr


def test_the_compiler_reads_its_templates_through_resources() -> None:
    """`repo_root()` is for developer tools that edit the repository's docs;
    a template found through it would be missing from an installed wheel."""
    import re

    for path in sorted((ROOT / "frontend" / "pycomp").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"repo_root\(\)\s*/\s*\"templates\"", text), path
        assert "parents[2]" not in text or path.name == "opslib.py", path
