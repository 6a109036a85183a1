"""Writing a generated crate so that cargo rebuilds only what changed.

cargo decides what to rebuild from file modification times, so a file is
written only when its content differs from what is on disk: emitting an
unchanged source again leaves every mtime alone and `cargo build` does
nothing. Rust sources are formatted (rustfmt) in memory, before the
comparison, for the same reason.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pycomp.resources import template, templates_dir

__all__ = ["format_rust", "runtime_sources", "sync_dir", "write_if_changed"]


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write `data` to `path` unless the file already holds exactly it.

    The new content goes to a temporary file renamed over the old one, so a
    concurrent reader sees the old or the new file, never half of one.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
    return True


def format_rust(text: str) -> str:
    """`text` as rustfmt formats it; unchanged if rustfmt is not installed or
    refuses it (cargo then reports the real error on the unformatted file)."""
    try:
        proc = subprocess.run(["rustfmt", "--edition", "2024", "--emit", "stdout"], input=text,
                              capture_output=True, text=True, check=False)
    except OSError:
        return text
    return proc.stdout if proc.returncode == 0 and proc.stdout else text


def runtime_sources(features: list[str]) -> dict[str, bytes]:
    """The files of the generated crate's `src/pcrt/`: the runtime
    (templates/runtime/) and the optional modules the crate uses, each
    declared in `mod.rs`."""
    runtime = templates_dir() / "runtime"
    out = {
        str(p.relative_to(runtime)): p.read_bytes()
        for p in sorted(runtime.rglob("*")) if p.is_file()
    }
    mod_rs = out.get("mod.rs", b"").decode("utf-8")
    for feat in features:
        out[f"{feat}.rs"] = template("runtime_optional", f"{feat}.rs").read_bytes()
        mod_rs += f"\nmod {feat};\n#[allow(unused_imports)]\npub use {feat}::*;\n"
    out["mod.rs"] = mod_rs.encode("utf-8")
    return out


def sync_dir(directory: Path, files: dict[str, bytes]) -> None:
    """Make `directory` hold exactly `files` (relative path -> content),
    touching only the files that differ."""
    for rel, data in files.items():
        write_if_changed(directory / rel, data)
    if not directory.is_dir():
        return
    for path in sorted(directory.rglob("*"), reverse=True):
        rel = str(path.relative_to(directory))
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
