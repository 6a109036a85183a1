"""The emit stage: golden Rust for the examples, and every generated crate is
rustfmt- and clippy-clean and builds without a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pycomp import driver
from pycomp.build import cargo_env

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = [ROOT / "examples" / "text" / "chunk.py"]
CRATE_SOURCES = EXAMPLES + sorted((ROOT / "tests" / "diff" / "cases").glob("*.py"))[:3]
# numpy and numpy.random (nd.rs, nprandom.rs) without a model
CRATE_SOURCES += [ROOT / "tests" / "diff_numpy" / "cases" / "sampling.py"]
# entries taking `np.ndarray` without a dtype: per-dtype copies and a dispatcher
CRATE_SOURCES += [ROOT / "tests" / "diff_numpy" / "cases" / "untyped_arrays.py"]
# module-level instances: `thread_local!` values read by clone
CRATE_SOURCES += [ROOT / "tests" / "diff_classes" / "cases" / "module_instances.py"]


def _embed_example() -> list[Path]:
    """The MiniLM example (tokenizer, ONNX Runtime, numpy) when its model is installed."""
    sys.path.insert(0, str(ROOT / "examples" / "embed"))
    try:
        from fetch_model import fetch

        fetch()
    except SystemExit:
        return []
    return [ROOT / "examples" / "embed" / "embed.py"]


CRATE_SOURCES += _embed_example()


@pytest.fixture(scope="module")
def crates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    base = tmp_path_factory.mktemp("crates")
    for src in CRATE_SOURCES:
        out[src.stem] = driver.to_rust(src, base / src.stem)
    return out


@pytest.mark.parametrize("src", EXAMPLES, ids=lambda p: p.stem)
def test_golden_rust(src: Path, crates: dict[str, Path], request: pytest.FixtureRequest) -> None:
    got = (crates[src.stem] / "src" / "lib.rs").read_text()
    golden = GOLDEN / f"{src.stem}.lib.rs"
    if request.config.getoption("--update-goldens", default=False):
        golden.write_text(got)
    assert golden.exists(), f"no golden Rust for {src.name}: review the generated crate and " \
                            "write it with --update-goldens"
    assert got == golden.read_text(), f"generated Rust for {src.name} changed; review and " \
                                      "rerun with --update-goldens"


@pytest.mark.parametrize("name", [s.stem for s in CRATE_SOURCES])
def test_generated_crate_is_fmt_and_clippy_clean(name: str, crates: dict[str, Path]) -> None:
    crate = crates[name]
    fmt = subprocess.run(["cargo", "fmt", "--check", "--manifest-path", str(crate / "Cargo.toml")],
                         capture_output=True, text=True, env=cargo_env(), check=False)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    clippy = subprocess.run(["cargo", "clippy", "--lib", "--manifest-path",
                             str(crate / "Cargo.toml"), "--", "-D", "warnings"],
                            capture_output=True, text=True, env=cargo_env(), check=False)
    assert clippy.returncode == 0, clippy.stderr[-5000:]


def test_standalone_crate_builds_header(crates: dict[str, Path]) -> None:
    """`cargo build --release` inside a generated crate yields the cdylib and the header."""
    crate = crates["chunk"]
    env = cargo_env()
    proc = subprocess.run(["cargo", "build", "--release", "--manifest-path",
                           str(crate / "Cargo.toml")], capture_output=True, text=True, env=env,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    header = (crate / "include" / "chunk.h").read_text()
    assert "int32_t chunk_call_chunk_words(const uint8_t *args" in header
    assert "size_t args_len" in header
    assert "chunk_free_buffer" in header and "chunk_last_error_message" in header
    lib = Path(env["CARGO_TARGET_DIR"]) / "release" / "libchunk.so"
    assert lib.exists() and os.path.getsize(lib) > 0
