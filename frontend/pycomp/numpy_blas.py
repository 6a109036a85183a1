"""numpy's own OpenBLAS, which compiled float matrix products call as numpy does
(templates/runtime_optional/blas.rs): found in the numpy wheel the compiler runs
with, copied into bundles that use it (emit, build)."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def numpy_blas_libraries() -> list[Path]:
    """numpy's OpenBLAS (`numpy.libs/libscipy_openblas64_*.so`) and the libraries
    beside it that it links through its `$ORIGIN` run path (libgfortran,
    libquadmath); empty when numpy or its bundled OpenBLAS is not found (a numpy
    built against another BLAS: Accelerate on macOS, MKL in conda)."""
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    if spec is None or spec.origin is None:
        return []
    libs = Path(spec.origin).parent.parent / "numpy.libs"
    if not any(libs.glob("libscipy_openblas*.so*")):
        return []
    return sorted(p for p in libs.iterdir() if p.is_file() and ".so" in p.name)


def numpy_blas_library() -> Path | None:
    """The OpenBLAS file among `numpy_blas_libraries()`."""
    return next((p for p in numpy_blas_libraries() if p.name.startswith("libscipy_openblas")),
                None)
