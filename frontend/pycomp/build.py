"""build: runs cargo on a generated crate and collects the bundle.

All generated crates share one cargo target directory (`PYCOMP_TARGET_DIR`,
default `~/.cache/pycomp/target`), so their dependencies compile once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from pycomp.diagnostics import InternalError


def target_dir() -> Path:
    env = os.environ.get("PYCOMP_TARGET_DIR")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "pycomp" / "target"


def cargo_env() -> dict[str, str]:
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target_dir())
    return env


def run_cargo(crate_dir: Path, args: list[str], what: str) -> str:
    cmd = ["cargo", *args, "--manifest-path", str(crate_dir / "Cargo.toml")]
    proc = subprocess.run(cmd, env=cargo_env(), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise InternalError(
            f"cargo {what} failed on the generated crate in {crate_dir} (pycomp emitted code "
            f"that does not compile):\n{proc.stderr[-6000:]}")
    return proc.stderr


def format_crate(crate_dir: Path) -> None:
    """rustfmt the generated sources so they read well and diff stably."""
    files = [crate_dir / "build.rs", crate_dir / "src" / "lib.rs", crate_dir / "src" / "ffi.rs"]
    subprocess.run(["rustfmt", "--edition", "2024", *map(str, files)], capture_output=True,
                   text=True, check=False)


def build_crate(crate_dir: Path, bundle_dir: Path, release: bool = True) -> Path:
    """cargo build the crate, then copy library, header and manifest into `bundle_dir`."""
    args = ["build", "--lib"] + (["--release"] if release else [])
    run_cargo(crate_dir, args, "build")
    manifest = json.loads((crate_dir / "manifest.json").read_text())
    name = manifest["name"]
    lib = target_dir() / ("release" if release else "debug") / f"lib{name}.so"
    if not lib.exists():
        raise InternalError(f"cargo reported success but {lib} is missing")
    bundle_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(lib, bundle_dir / f"lib{name}.so")
    header = crate_dir / "include" / f"{name}.h"
    if header.exists():
        shutil.copy2(header, bundle_dir / f"{name}.h")
    shutil.copy2(crate_dir / "manifest.json", bundle_dir / "manifest.json")
    files_json = crate_dir / "bundle-files.json"
    if files_json.exists():
        files = json.loads(files_json.read_text())
        if files["assets"]:
            (bundle_dir / "assets").mkdir(exist_ok=True)
            for name, src in files["assets"].items():
                shutil.copy2(src, bundle_dir / "assets" / name)
        if files["onnxruntime"]:
            ort = Path(files["onnxruntime"])
            shutil.copy2(ort, bundle_dir / ort.name)
    from pycomp.node import write_node_binding
    from pycomp.opslib import repo_root

    # C users include NAME.h and this header to build arguments and read results.
    shutil.copy2(repo_root() / "templates" / "c" / "pycomp_pcv.h", bundle_dir / "pycomp_pcv.h")
    # NAME.h includes it: the types of the typed entry points.
    shutil.copy2(repo_root() / "templates" / "c" / "pycomp.h", bundle_dir / "pycomp.h")
    write_node_binding(bundle_dir)
    return bundle_dir
