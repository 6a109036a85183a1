"""`pycomp build --gpu NAME`: a program with a llama.cpp model (examples/chat/chat.py)
gets a crate whose Cargo.toml offers llama.cpp's GPU backends as its own features,
each turning on the llama-cpp-2 crate's feature; `--gpu cuda` builds with it (cargo
resolves llama-cpp-sys-2 with its `cuda` feature; no GPU toolkit is needed to check
that, only to build it, which cannot happen here). A program without a llama.cpp
model refuses the option."""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path
from typing import Any

import pycomp
import pytest
import tomlkit
from pycomp.build import cargo_env
from pycomp.cli import main as cli_main
from pycomp.driver import crate_dir_for
from pyref import load_python

ROOT = Path(__file__).resolve().parents[1]
CHAT = ROOT / "examples" / "chat" / "chat.py"
fetch = load_python(ROOT / "examples" / "chat" / "fetch_model.py", "gpu_fetch_model").fetch


@pytest.fixture(scope="module")
def crate() -> Path:
    fetch()
    out = crate_dir_for(CHAT)
    pycomp.to_rust(CHAT, out)
    return out


def test_the_crate_offers_the_gpu_backends(crate: Path) -> None:
    toml = tomlkit.parse((crate / "Cargo.toml").read_text())
    assert dict(toml["features"]) == {"cuda": ["llama-cpp-2/cuda"],
                                      "metal": ["llama-cpp-2/metal"],
                                      "rocm": ["llama-cpp-2/rocm"],
                                      "vulkan": ["llama-cpp-2/vulkan"]}


@pytest.mark.parametrize("gpu", ["cuda", "vulkan"])
def test_cargo_resolves_llama_cpp_with_the_backend(crate: Path, gpu: str) -> None:
    def features(*extra: str) -> str:
        proc = subprocess.run(["cargo", "tree", "--offline", "-e", "features", "-i",
                               "llama-cpp-sys-2", *extra], cwd=crate, env=cargo_env(),
                              capture_output=True, text=True, check=False, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout

    assert f'llama-cpp-sys-2 feature "{gpu}"' in features("--features", gpu)
    assert f'feature "{gpu}"' not in features()  # CPU only by default


def test_build_passes_the_feature_to_cargo(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path, crate: Path) -> None:
    seen: list[list[str]] = []

    class Stop(Exception):
        pass

    def run_cargo(crate_dir: Path, args: list[str], *rest: Any, **kw: Any) -> str:
        seen.append(args)
        raise Stop  # building llama.cpp for CUDA needs the CUDA toolkit

    # the cargo stage (the package's attribute `build` is the function)
    monkeypatch.setattr(importlib.import_module("pycomp.build"), "run_cargo", run_cargo)
    with pytest.raises(Stop):
        pycomp.build(CHAT, tmp_path / "bundle", gpu="cuda")
    assert seen[0][:2] == ["build", "--lib"]
    i = seen[0].index("cuda")
    assert seen[0][i - 1] == "--features"


def test_a_program_without_llama_refuses_the_option(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    src = tmp_path / "plain.py"
    src.write_text("def twice(x: int) -> int:\n    return 2 * x\n")
    assert cli_main(["build", str(src), "-o", str(tmp_path / "b"), "--gpu", "cuda"]) == 1
    assert "--gpu cuda: this program runs no llama.cpp model" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli_main(["build", str(src), "-o", str(tmp_path / "b"), "--gpu", "opengl"])
