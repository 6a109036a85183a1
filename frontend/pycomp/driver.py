"""The pipeline, in order: parse, lower, infer, verify, emit, build.

    fn.py ─parse─▶ syntax tree ─lower─▶ IR ─infer─▶ typed IR ─emit─▶ crate ─build─▶ bundle
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pycomp import ir
from pycomp.alias import check_aliasing
from pycomp.build import build_crate, target_dir
from pycomp.deepstack import on_deep_stack
from pycomp.diagnostics import DiagnosticSink
from pycomp.emit import crate_name, emit_crate, lowered_text
from pycomp.groupby import check_groupby_groups
from pycomp.infer import infer_types
from pycomp.intfloat import check_int_floats
from pycomp.lower import lower_module
from pycomp.module_instances import check_module_instances
from pycomp.opslib import load_library
from pycomp.parse import parse_source
from pycomp.progress import BuildReporter
from pycomp.sendcheck import check_exception_fields, check_generator_values
from pycomp.sessoptions import fold_session_options
from pycomp.setorder import check_set_order
from pycomp.shared_resources import fold_module_resource_paths, hoist_instance_resources
from pycomp.verify import verify_module


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    # Called with each stage's name and seconds as it finishes (progress).
    on_stage: Callable[[str, float], None] | None = None

    def add(self, stage: str, start: float) -> None:
        seconds = time.perf_counter() - start
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds
        if self.on_stage is not None:
            self.on_stage(stage, seconds)


def read_source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def compile_source(path: str | Path, text: str | None = None,
                   timings: Timings | None = None) -> tuple[ir.Module, str]:
    """Parse, lower and type one file; raises CompileError with every diagnostic."""
    return on_deep_stack(lambda: _compile_source(path, text, timings))


def _compile_source(path: str | Path, text: str | None,
                    timings: Timings | None) -> tuple[ir.Module, str]:
    # the passes walk the same (immutable) function bodies again and again
    with ir.memoized_walks():
        p = Path(path)
        source = read_source(p) if text is None else text
        sink = DiagnosticSink(str(path), source)
        t = timings or Timings()
        start = time.perf_counter()
        src = parse_source(str(path), source, sink)
        t.add("parse", start)
        sink.raise_if_errors()
        start = time.perf_counter()
        mod = lower_module(src, sink, p.stem)
        t.add("lower", start)
        sink.raise_if_errors()
        start = time.perf_counter()
        fold_session_options(mod, sink)
        sink.raise_if_errors()
        hoist_instance_resources(mod, load_library(), sink)
        fold_module_resource_paths(mod, load_library(), sink)
        sink.raise_if_errors()
        typed = infer_types(mod, load_library(), sink)
        t.add("infer", start)
        sink.raise_if_errors()
        check_aliasing(typed, sink)
        check_set_order(typed, sink)
        check_module_instances(typed, sink)
        sink.raise_if_errors()
        check_generator_values(typed, sink)
        check_exception_fields(typed, sink)
        check_groupby_groups(typed, sink)
        sink.raise_if_errors()
        verify_module(typed)
        check_int_floats(typed, sink)
        sink.report_warnings()
        return typed, source


def lowered(path: str | Path) -> str:
    """The lowered IR of every function (the Rust-shaped IR before printing)."""
    typed, source = compile_source(path)
    return lowered_text(typed, source)


def lower_only(path: str | Path) -> ir.Module:
    return on_deep_stack(lambda: _lower_only(path))


def _lower_only(path: str | Path) -> ir.Module:
    p = Path(path)
    source = read_source(p)
    sink = DiagnosticSink(str(path), source)
    src = parse_source(str(path), source, sink)
    sink.raise_if_errors()
    mod = lower_module(src, sink, p.stem)
    sink.raise_if_errors()
    return mod


def to_rust(path: str | Path, out_dir: str | Path, timings: Timings | None = None) -> Path:
    """Compile `path` to a standalone Rust crate in `out_dir`."""
    t = timings or Timings()
    typed, source = compile_source(path, timings=t)
    out = Path(out_dir)
    start = time.perf_counter()
    on_deep_stack(lambda: emit_crate(typed, source, out))
    t.add("emit", start)
    return out


def crate_dir_for(path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    return target_dir().parent / "crates" / f"{crate_name(path.stem)}-{digest}"


def build(path: str | Path, out_dir: str | Path, release: bool | None = None,
          timings: Timings | None = None, reporter: BuildReporter | None = None,
          gpu: str | None = None) -> Path:
    """Compile `path` and build it into a bundle folder (library, header, manifest).

    `release` defaults to true unless `PYCOMP_PROFILE=debug` (the test suites
    set it: debug builds compile several times faster and check arithmetic).
    `reporter` shows cargo's progress (the `pycomp build` command passes one).
    `gpu` ("cuda", "metal", "rocm" or "vulkan") builds llama.cpp with that
    GPU backend (ValueError for a program without a `Llama` model).
    """
    import os

    if release is None:
        release = os.environ.get("PYCOMP_PROFILE", "release") != "debug"
    p = Path(path)
    t = timings or Timings()
    crate = crate_dir_for(p)
    to_rust(p, crate, timings=t)
    start = time.perf_counter()
    bundle = build_crate(crate, Path(out_dir), release=release, reporter=reporter, gpu=gpu)
    t.add("cargo", start)
    return bundle
