"""`pycomp build` as a person and a build system see it: progress on a
terminal, quiet elsewhere; concurrent builds of same-named modules that never
swap libraries; incremental builds that leave an unchanged crate alone;
bundles whose files are checked before loading; `import pycomp` plus loading a
bundle that imports no compiler module.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pycomp
import pytest
from pycomp.progress import BuildReporter

ROOT = Path(__file__).resolve().parents[1]
CHUNK = ROOT / "examples" / "text" / "chunk.py"


def pycomp_cmd(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pycomp.cli", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=1800)


@pytest.fixture(scope="module")
def chunk_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("chunk")
    shutil.copy2(CHUNK, d / "chunk.py")
    return pycomp.build(d / "chunk.py", d / "bundle")


# ---------------------------------------------------------------- progress


def test_not_a_terminal_prints_only_the_summary(tmp_path: Path) -> None:
    shutil.copy2(CHUNK, tmp_path / "chunk.py")
    proc = pycomp_cmd("build", "chunk.py", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("built bundle out in "), proc.stderr
    for stage in ("parse", "lower", "infer", "emit", "cargo"):
        assert f"{stage} " in lines[0]
    quiet = pycomp_cmd("build", "chunk.py", "-o", "out", "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = pycomp_cmd("build", "chunk.py", "-o", "out", "--verbose", cwd=tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    assert "Finished" in verbose.stderr  # cargo's own output


def test_a_terminal_sees_stages_and_cargo_progress(tmp_path: Path) -> None:
    """Run under a pseudo-terminal, after a change to the source so cargo works."""
    import pty

    src = tmp_path / "chunk.py"
    src.write_text(CHUNK.read_text() + "\n\ndef marker() -> int:\n    return 1\n")
    out = bytearray()

    def read(fd: int) -> bytes:
        data = os.read(fd, 4096)
        out.extend(data)
        return data

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        status = pty.spawn([sys.executable, "-m", "pycomp.cli", "build", "chunk.py", "-o",
                            "out"], read)
    finally:
        os.chdir(cwd)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    for stage in ("parse", "lower", "infer", "emit"):
        assert f"{stage:>8} " in text, text
    assert "Compiling chunk" in text, text  # cargo's progress, redrawn in place
    assert "\r" in text and "built bundle out" in text


def test_a_cold_build_says_once_that_dependencies_are_cached() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    r = BuildReporter("normal", screen, crate="embed", cache="/cache/target")
    r.stage("infer", 0.25)
    for chunk in ["   Compiling libc v0.2.1\n   Compiling ort v2.0.0\n",
                  "    Building [====>    ] 12/40: ort, tokeni", "zers\r",
                  "    Building [======>  ] 30/40: ndarray\r", "   Compiling embed v0.1.0\n"]:
        r.cargo_output(chunk)
    r.done("built bundle out in 1.0 s")
    text = screen.getvalue()
    assert "   infer     250 ms\n" in text
    assert text.count("compiling dependencies") == 1 and "/cache/target" in text
    assert "12/40: ort, tokenizers" in text and "30/40: ndarray" in text
    assert text.endswith("built bundle out in 1.0 s\n")
    # A warm build (only the crate itself compiles) says nothing about dependencies.
    screen = Terminal()
    r = BuildReporter("normal", screen, crate="embed")
    r.cargo_output("   Compiling embed v0.1.0\n    Finished `dev` profile\n")
    assert "dependencies" not in screen.getvalue()


# ------------------------------------------------------------- incremental


def crate_files(crate: Path) -> dict[str, int]:
    return {str(p.relative_to(crate)): p.stat().st_mtime_ns
            for p in crate.rglob("*") if p.is_file()}


def test_an_unchanged_source_rebuilds_nothing(chunk_bundle: Path) -> None:
    from pycomp.driver import crate_dir_for

    src = chunk_bundle.parent / "chunk.py"
    crate = crate_dir_for(src)
    before = crate_files(crate)
    lib_before = (chunk_bundle / "libchunk.so").read_bytes()
    bundle_before = crate_files(chunk_bundle)
    inodes = {p.name: p.stat().st_ino for p in chunk_bundle.iterdir()}
    manifest = (chunk_bundle / "manifest.json").read_text()
    proc = pycomp_cmd("build", str(src), "-o", str(chunk_bundle), "--verbose")
    assert proc.returncode == 0, proc.stderr
    assert crate_files(crate) == before  # no file of the crate written again
    assert "Compiling" not in proc.stderr and "Finished" in proc.stderr
    assert (chunk_bundle / "libchunk.so").read_bytes() == lib_before
    # nor of the bundle: unchanged files are neither copied nor hashed again
    assert crate_files(chunk_bundle) == bundle_before
    assert {p.name: p.stat().st_ino for p in chunk_bundle.iterdir()} == inodes
    assert (chunk_bundle / "manifest.json").read_text() == manifest
    # A damaged bundle file is replaced by the next build (its size or time differs).
    # (appended to, not truncated: this process may have the library mapped)
    with open(chunk_bundle / "libchunk.so", "ab") as f:
        f.write(b"damage")
    proc = pycomp_cmd("build", str(src), "-o", str(chunk_bundle), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (chunk_bundle / "libchunk.so").read_bytes() == lib_before
    assert (chunk_bundle / "manifest.json").read_text() == manifest
    # A change to the source is picked up.
    src.write_text(src.read_text() + "\n\ndef answer() -> int:\n    return 42\n")
    lib = pycomp.load(pycomp.build(src, chunk_bundle.parent / "changed"))
    assert lib.answer() == 42
    assert crate_files(crate)["src/pcrt/mod.rs"] == before["src/pcrt/mod.rs"]


# ------------------------------------------------------------- concurrency


def same_name_sources(tmp: Path) -> dict[str, Path]:
    out = {}
    for tag in ("left", "right"):
        d = tmp / tag
        d.mkdir()
        (d / "same.py").write_text(f"def which() -> str:\n    return {tag!r}\n")
        out[tag] = d / "same.py"
    return out


def which(bundle: Path) -> str:
    code = "import sys, pycomp; print(pycomp.load(sys.argv[1]).which())"
    proc = subprocess.run([sys.executable, "-c", code, str(bundle)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_same_named_modules_built_at_once_keep_their_own_library(tmp_path: Path) -> None:
    sources = same_name_sources(tmp_path)
    for round_ in range(2):
        with ThreadPoolExecutor(2) as pool:
            procs = list(pool.map(
                lambda tag, out: pycomp_cmd("build", str(sources[tag]), "-o", str(out), "--quiet"),
                ["left", "right"], [tmp_path / f"{tag}{round_}" for tag in ("left", "right")]))
        for proc in procs:
            assert proc.returncode == 0, proc.stderr
        assert which(tmp_path / f"left{round_}") == "left"
        assert which(tmp_path / f"right{round_}") == "right"
    # One after the other, unchanged: cargo finds each crate fresh, but the
    # shared `libsame.so` was last made by the other one.
    for tag in ("left", "right", "left"):
        assert pycomp_cmd("build", str(sources[tag]), "-o", str(tmp_path / f"{tag}-seq"),
                          "--quiet").returncode == 0
        assert which(tmp_path / f"{tag}-seq") == tag


# --------------------------------------------------------------- integrity


def test_the_manifest_records_every_file(chunk_bundle: Path) -> None:
    from pycomp.integrity import file_sha256

    files = json.loads((chunk_bundle / "manifest.json").read_text())["files"]
    assert {"libchunk.so", "chunk.h", "pycomp_pcv.h", "node/index.js"} <= set(files)
    for rel, entry in files.items():
        assert entry == {"size": (chunk_bundle / rel).stat().st_size,
                         "sha256": file_sha256(chunk_bundle / rel)}


@pytest.mark.parametrize("damage", ["truncated", "altered", "missing"])
def test_a_damaged_bundle_is_refused_before_loading(chunk_bundle: Path, tmp_path: Path,
                                                     damage: str) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(chunk_bundle, bad)
    lib = bad / "libchunk.so"
    data = bytearray(lib.read_bytes())
    if damage == "truncated":
        lib.write_bytes(data[: len(data) // 2])
    elif damage == "altered":
        data[len(data) // 2] ^= 0xFF
        lib.write_bytes(bytes(data))
    else:
        lib.unlink()
    # In a child process: a damaged library must never get as far as dlopen.
    code = ("import sys, pycomp\nfrom pycomp.load import BundleError\n"
            "try:\n    pycomp.load(sys.argv[1])\nexcept BundleError as e:\n    print(e)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    message = proc.stdout
    expected = {"truncated": "is damaged: ", "altered": "SHA-256 differs",
                "missing": "is missing"}[damage]
    assert "libchunk.so" in message and expected in message, message


def test_files_are_hashed_once_per_process(chunk_bundle: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from pycomp import integrity

    calls: list[Path] = []
    real = integrity.file_sha256

    def counting(path: Path) -> str:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(integrity, "_checked", set())
    monkeypatch.setattr(integrity, "file_sha256", counting)
    pycomp.load(chunk_bundle)
    first = len(calls)
    assert first == len(json.loads((chunk_bundle / "manifest.json").read_text())["files"])
    pycomp.load(chunk_bundle)
    assert len(calls) == first


# ------------------------------------------------------------ lazy imports


def test_loading_a_bundle_imports_no_compiler_module(chunk_bundle: Path) -> None:
    code = ("import sys, json, pycomp\n"
            "lib = pycomp.load(sys.argv[1])\n"
            "assert lib.chunk_words('a b c', 2) == ['a b', 'c']\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(chunk_bundle)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    modules = set(json.loads(proc.stdout))
    ours = {m for m in modules if m.split(".")[0] == "pycomp"}
    # records.py is the loader's side of compiled classes (dataclasses and enums at the
    # boundary): it imports nothing of the compiler
    assert ours <= {"pycomp", "pycomp._loader", "pycomp.load", "pycomp.integrity",
                    "pycomp.records"}, ours
    assert not modules & {"tree_sitter", "tomlkit", "pycomp.driver", "pycomp.infer"}
    # The compiler is still one attribute away.
    assert callable(pycomp.build) and callable(pycomp.to_rust)
