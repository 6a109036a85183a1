"""build: runs cargo on a generated crate and collects the bundle.

All generated crates share one cargo target directory (`PYCOMP_TARGET_DIR`,
default `~/.cache/pycomp/target`), so their dependencies compile once.

Builds may run at once. cargo serialises the compilation itself, but a
cdylib's file name is only its crate name (`libembed.so`): two sources
called `embed.py` in different folders produce different crates with the
same output file. So each build holds a lock per library name from the
start of cargo to the end of the copy into its bundle, and when the last
crate that produced that file was another one, removes the file first so
that cargo links this crate's library again (its dependencies and its rlib
stay cached: only the final link reruns).
"""

from __future__ import annotations

import fcntl
import json
import os
import platform
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tomlkit

from pycomp.crate_files import write_if_changed
from pycomp.diagnostics import InternalError
from pycomp.emit import BUNDLE_ALLOCATOR_FEATURE, GPU_FEATURES
from pycomp.integrity import file_sha256
from pycomp.progress import BuildReporter

__all__ = ["build_crate", "run_cargo", "target_dir"]


def target_dir() -> Path:
    env = os.environ.get("PYCOMP_TARGET_DIR")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "pycomp" / "target"


# How llama.cpp (the `llama-cpp-sys-2` crate, for bundles that use llama_cpp) is
# compiled: for x86-64 CPUs with AVX2 and FMA (2015 on), without OpenMP. The
# crate's own build would target the baseline (SSE2) unless rustc targets the
# native CPU, which would rebuild every crate of the shared target directory.
# Every cargo run gets the same values, so llama.cpp is built once.
# scripts/install.sh builds llama-cpp-python (the reference of the tests) with
# the same options, so both run the same kernels.
LLAMA_CPP_ENV = {"GGML_AVX": "ON", "GGML_AVX2": "ON", "GGML_FMA": "ON", "GGML_F16C": "ON",
                 "GGML_BMI2": "ON", "GGML_SSE42": "ON"}


def cargo_env(reporter: BuildReporter | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if platform.machine() in ("x86_64", "AMD64"):
        for key, value in LLAMA_CPP_ENV.items():
            env.setdefault(key, value)
    env["CARGO_TARGET_DIR"] = str(target_dir())
    if reporter is not None and reporter.live:
        # cargo draws its progress bar only on a terminal; we read its stderr
        # through a pipe and redraw the bar ourselves (progress.py).
        env["CARGO_TERM_PROGRESS_WHEN"] = "always"
        env["CARGO_TERM_PROGRESS_WIDTH"] = str(reporter.progress_width)
    return env


def run_cargo(crate_dir: Path, args: list[str], what: str,
              reporter: BuildReporter | None = None) -> str:
    """Run cargo on the crate; its stderr goes to `reporter` as it arrives.
    Returns that stderr; a failure is an InternalError carrying its end."""
    cmd = ["cargo", *args, "--manifest-path", str(crate_dir / "Cargo.toml")]
    try:
        proc = subprocess.Popen(cmd, env=cargo_env(reporter), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
    except OSError as e:
        raise InternalError(f"cannot run cargo ({e}); pycomp needs Rust's cargo on PATH "
                            "(https://rustup.rs)") from e
    assert proc.stderr is not None
    chunks: list[bytes] = []
    while chunk := os.read(proc.stderr.fileno(), 65536):
        chunks.append(chunk)
        if reporter is not None and reporter.wants_cargo_output:
            reporter.cargo_output(chunk.decode("utf-8", "replace"))
    proc.wait()
    stderr = b"".join(chunks).decode("utf-8", "replace")
    if proc.returncode != 0:
        raise InternalError(
            f"cargo {what} failed on the generated crate in {crate_dir} (pycomp emitted code "
            f"that does not compile):\n{stderr[-6000:]}")
    return stderr


@contextmanager
def library_lock(profile_dir: Path, name: str) -> Iterator[None]:
    """Holds an exclusive lock on the output file `lib<name>.so` of the
    shared target directory (blocking until another build releases it)."""
    locks = profile_dir / ".pycomp-locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"lib{name}.lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def claim_library(profile_dir: Path, name: str, crate_dir: Path) -> Path:
    """Makes sure the next cargo build leaves *this* crate's `lib<name>.so`
    in `profile_dir` (call under `library_lock`). Returns the owner file to
    write once the build succeeded."""
    owner = profile_dir / ".pycomp-locks" / f"lib{name}.owner"
    me = str(crate_dir.resolve())
    try:
        last = owner.read_text(encoding="utf-8")
    except OSError:
        last = None
    if last != me:
        # Another crate (or an unknown one) made the file: cargo would find
        # this crate's fingerprint fresh and keep the other library.
        for lib in (profile_dir / f"lib{name}.so", profile_dir / "deps" / f"lib{name}.so"):
            lib.unlink(missing_ok=True)
    return owner


def copy_file(src: Path, dst: Path) -> bool:
    """Copy beside and rename over: a process that has the old file mapped
    (a loaded library) keeps its copy instead of crashing on a rewrite.

    Nothing is copied (and False returned) when `dst` already is a copy of
    `src`: the same size and modification time (copy2 keeps the time), as
    make and rsync decide, so a rebuild does not copy an unchanged model."""
    try:
        have, want = dst.stat(), src.stat()
        if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
            return False
    except FileNotFoundError:
        pass
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copy2(src, tmp)
    os.replace(tmp, dst)
    return True


class HashCache:
    """The `files` records of the files a build put into bundles, kept in the
    crate (`bundle-hashes.json`) by absolute path with the size, mtime and
    inode they were computed for: a file unchanged since is not read again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known: dict[str, list[object]] = json.loads(path.read_text())
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, list[object]] = {}

    def entry(self, file: Path) -> dict[str, object]:
        key = str(file.resolve())
        st = file.stat()
        stamp: list[object] = [st.st_size, st.st_mtime_ns, st.st_ino]
        known = self.known.get(key)
        if isinstance(known, list) and len(known) == 4 and known[:3] == stamp:
            digest = known[3]
        else:
            digest = file_sha256(file)
        self.used[key] = [*stamp, digest]
        return {"size": st.st_size, "sha256": digest}

    def save(self) -> None:
        write_if_changed(self.path, json.dumps({**self.known, **self.used}, indent=1))


def allocator_features() -> list[str]:
    """The cargo features choosing the library's allocator: mimalloc, or the
    system's with `PYCOMP_ALLOCATOR=system` (valgrind sees each allocation of
    the system allocator, not those inside mimalloc's pages)."""
    choice = os.environ.get("PYCOMP_ALLOCATOR", "mimalloc")
    if choice == "system":
        return []
    if choice != "mimalloc":
        raise InternalError(f"PYCOMP_ALLOCATOR must be 'mimalloc' or 'system', not {choice!r}")
    return ["--features", BUNDLE_ALLOCATOR_FEATURE]


class GpuOptionError(ValueError):
    """`--gpu` for a program without a llama.cpp model, or an unknown backend."""


def gpu_features(crate_dir: Path, gpu: str | None) -> list[str]:
    """cargo's arguments turning on GPU backend `gpu` of the crate's llama.cpp
    (none for None); GpuOptionError when the crate has no such feature (no
    `Llama` model, or an unknown backend)."""
    if gpu is None:
        return []
    declared = tomlkit.parse((crate_dir / "Cargo.toml").read_text()).get("features", {})
    if gpu not in GPU_FEATURES:
        raise GpuOptionError(f"--gpu {gpu}: unknown backend; choose one of "
                         f"{', '.join(GPU_FEATURES)}")
    if gpu not in declared:
        raise GpuOptionError(f"--gpu {gpu}: this program runs no llama.cpp model (Llama(...)); "
                         "the GPU option applies to llama.cpp only")
    return ["--features", gpu]


def build_crate(crate_dir: Path, bundle_dir: Path, release: bool = True,
                reporter: BuildReporter | None = None, gpu: str | None = None) -> Path:
    """cargo build the crate, then copy library, header and manifest into
    `bundle_dir`; `gpu` turns on a llama.cpp GPU backend (`GPU_FEATURES`)."""
    args = ["build", "--lib", *allocator_features(), *gpu_features(crate_dir, gpu)] \
        + (["--release"] if release else [])
    manifest = json.loads((crate_dir / "manifest.json").read_text())
    name = manifest["name"]
    profile_dir = target_dir() / ("release" if release else "debug")
    bundle_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def put(src: Path, rel: str) -> None:
        dst = bundle_dir / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        copy_file(src, dst)
        written.append(rel)

    with library_lock(profile_dir, name):
        owner = claim_library(profile_dir, name, crate_dir)
        run_cargo(crate_dir, args, "build", reporter)
        lib = profile_dir / f"lib{name}.so"
        if not lib.exists():
            raise InternalError(f"cargo reported success but {lib} is missing")
        write_if_changed(owner, str(crate_dir.resolve()))
        put(lib, f"lib{name}.so")
    header = crate_dir / "include" / f"{name}.h"
    if header.exists():
        put(header, f"{name}.h")
    files_json = crate_dir / "bundle-files.json"
    if files_json.exists():
        files = json.loads(files_json.read_text())
        for asset, src in files["assets"].items():
            put(Path(src), f"assets/{asset}")
        if files["onnxruntime"]:
            ort = Path(files["onnxruntime"])
            put(ort, ort.name)
        # numpy's OpenBLAS and the libraries it links (docs/architecture.md)
        for lib_file in files.get("blas", []):
            put(Path(lib_file), Path(lib_file).name)
    from pycomp.node import write_node_binding
    from pycomp.resources import template

    # C users include NAME.h and this header to build arguments and read results.
    put(template("c", "pycomp_pcv.h"), "pycomp_pcv.h")
    # NAME.h includes it: the types of the typed entry points.
    put(template("c", "pycomp.h"), "pycomp.h")
    node = write_node_binding(bundle_dir, manifest)
    written += [str(p.relative_to(bundle_dir)) for p in sorted(node.iterdir()) if p.is_file()]
    # Loaders check each file's size and SHA-256 before loading (docs/abi.md).
    hashes = HashCache(crate_dir / "bundle-hashes.json")
    manifest["files"] = {rel: hashes.entry(bundle_dir / rel) for rel in sorted(written)}
    hashes.save()
    write_if_changed(bundle_dir / "manifest.json", json.dumps(manifest, indent=2,
                                                              ensure_ascii=False))
    return bundle_dir
