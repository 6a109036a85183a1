"""Every program `pycomp check` accepts also builds: no accepted program may reach a
cargo error (a cargo error on generated code is a pycomp bug).

The programs: every case of the stage data files (tests/data/*.test), every topic of
the differential corpora (tests/diff*/cases), and every op-library vector function
is covered by `pycomp ops test` already. Each accepted program is emitted as usual;
programs that need the same runtime and dependencies are then built together as
modules of one crate (one copy of the runtime, one cargo run per group), so the
check costs a few cargo builds, not one per program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import data_files, parse_data_file, write_tiny_model
from pycomp import driver
from pycomp.build import cargo_env
from pycomp.diagnostics import CompileError, CompileWarning
from pycomp.emit import emit_crate

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Program:
    label: str
    path: Path  # the Python file as compiled


def _programs(work: Path) -> list[Program]:
    out: list[Program] = []
    for path in data_files():
        for case in parse_data_file(path).cases:
            if case.xfail is not None:
                continue
            folder = work / "src" / f"{path.stem}-{case.name}"
            folder.mkdir(parents=True)
            (folder / "main.py").write_text(case.source, encoding="utf-8")
            if "model.onnx" in case.source:
                write_tiny_model(folder / "model.onnx")
            out.append(Program(f"{path.name}::{case.name}", folder / "main.py"))
    for corpus in ("diff", "diff_numpy", "diff_logging"):
        for path in sorted((ROOT / "tests" / corpus / "cases").glob("*.py")):
            out.append(Program(f"{corpus}/{path.name}", path))
    return out


def _accepted(p: Program, crate: Path) -> bool:
    cwd = os.getcwd()
    os.chdir(p.path.parent)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CompileWarning)
            typed, source = driver.compile_source(p.path)
    except CompileError:
        return False
    finally:
        os.chdir(cwd)
    emit_crate(typed, source, crate)
    return True


def _group_key(crate: Path) -> str:
    """Programs share a batch when they need the same dependencies and runtime files."""
    cargo = (crate / "Cargo.toml").read_text()
    deps = cargo.split("[dependencies]", 1)[1].split("\n[", 1)[0]
    runtime = sorted(p.name for p in (crate / "src" / "pcrt").iterdir())
    return deps + "|" + ",".join(runtime)


def _as_module(crate: Path, dest: Path) -> None:
    """The program's crate as module `dest` of a batch crate: its runtime is the batch's,
    its exported symbols lose `no_mangle` (every program exports the same names)."""
    dest.mkdir(parents=True)
    lib = (crate / "src" / "lib.rs").read_text()
    lib = re.sub(r"#\[macro_use\]\s*pub mod pcrt;", "use crate::pcrt;", lib)
    # the program's own items (its classes' types) are this module's, not the batch's root
    lib = re.sub(r"crate::(?!pcrt\b|pc_catch\b)", "self::", lib)
    (dest / "mod.rs").write_text(lib)
    ffi = (crate / "src" / "ffi.rs").read_text()
    ffi = ffi.replace("#[unsafe(no_mangle)]", "")
    ffi = re.sub(r"crate::(?!pcrt\b)", "super::", ffi)
    (dest / "ffi.rs").write_text(ffi)


def _batch(name: str, crates: list[tuple[str, Path]], out: Path) -> Path:
    root = out / name
    src = root / "src"
    src.mkdir(parents=True)
    first = crates[0][1]
    shutil.copytree(first / "src" / "pcrt", src / "pcrt")
    cargo = (first / "Cargo.toml").read_text()
    cargo = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', cargo, count=1)
    cargo = re.sub(r'crate-type = \[.*\]', 'crate-type = ["rlib"]', cargo)
    cargo = re.sub(r"(?s)\[build-dependencies\].*?(?=\n\[)", "", cargo)
    (root / "Cargo.toml").write_text(cargo)
    lines = ["#[macro_use]", "pub mod pcrt;"]
    root_consts: set[str] = set()
    for i, (label, crate) in enumerate(crates):
        _as_module(crate, src / f"p{i}")
        lines.append(f"// {label}")
        lines.append(f"pub mod p{i};")
        # the crate-root constants the runtime reads (`crate::PCRT_BLAS_LIBRARY`): the
        # first program's, at the batch's root
        text = (crate / "src" / "lib.rs").read_text()
        for const in re.findall(r"pub\(crate\) const (PCRT_[A-Z_]+):", text):
            if const not in root_consts:
                root_consts.add(const)
                lines.append(f"pub(crate) use p{i}::{const};")
    (src / "lib.rs").write_text("\n".join(lines) + "\n")
    return root


def test_every_accepted_program_builds(tmp_path: Path) -> None:
    groups: dict[str, list[tuple[str, Path]]] = {}
    accepted = 0
    programs = _programs(tmp_path)
    for i, p in enumerate(programs):
        crate = tmp_path / "crates" / f"c{i}"
        if _accepted(p, crate):
            accepted += 1
            groups.setdefault(_group_key(crate), []).append((p.label, crate))
    print(f"{accepted} of {len(programs)} programs accepted, {len(groups)} batches")
    assert accepted >= 50, f"only {accepted} of {len(programs)} programs accepted"
    failures = []
    for n, crates in enumerate(groups.values()):
        root = _batch(f"pycomp_accepted_{n}", crates, tmp_path / "batches")
        proc = subprocess.run(
            ["cargo", "build", "--lib", "--manifest-path", str(root / "Cargo.toml")],
            env=cargo_env(), capture_output=True, text=True, check=False, timeout=1800)
        if proc.returncode != 0:
            where = sorted({m.group(1) for m in re.finditer(r"src/p(\d+)/", proc.stderr)},
                           key=int)
            labels = [crates[int(i)][0] for i in where]
            failures.append(f"{labels}:\n{proc.stderr[-4000:]}")
    if failures:
        pytest.fail("accepted programs that do not build:\n" + "\n\n".join(failures))
