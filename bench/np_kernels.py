"""How often compiled `np.exp`/`np.log`/... of float32 and float16 arrays differ
from numpy, per function, dtype and numpy dispatch level.

numpy picks its float loops at run time from the CPU; `NPY_DISABLE_CPU_FEATURES`
makes it use a lower level. This script runs numpy in one subprocess per level
(each writes its results to a .npy file), builds one pycomp module whose
functions apply each ufunc to a float32 and a float16 array, and counts the
elements whose bits differ (NaNs of any payload count as equal; the sign of a
zero counts).

    PYCOMP_PROFILE=debug python bench/np_kernels.py            # 2M random values
    PYCOMP_PROFILE=debug python bench/np_kernels.py -n 200000

float32 inputs: uniform over every finite float32 bit pattern, uniform in
[-10, 10] and [-100, 100], plus the edge values (zeros, subnormals, infinities,
NaN, the largest and smallest normals, near exp's overflow and underflow, near
1, near the half-way points of exp's and sin/cos's range reductions).
float16 inputs: all 65536 values.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

FUNCS = ["exp", "log", "tanh", "sin", "cos", "log1p", "expm1", "log2", "log10", "sqrt"]
DTYPES = ["float32", "float16"]

# The dispatch levels of this x86 machine, from the top down: the features to
# switch off for each (numpy refuses to switch off its baseline, X86_V2).
LEVELS = {
    "X86_V4": "",
    "X86_V3": "X86_V4 AVX512_ICL AVX512_SPR",
    "X86_V2": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
}


# float16 is checked on every one of its 65536 values.
ALL_FLOAT16 = np.arange(65536).astype(np.uint16).view(np.float16)


def edge_values() -> np.ndarray:
    f = np.float32
    tiny = np.finfo(np.float32).tiny
    vals = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, -np.nan,
            np.finfo(np.float32).max, -np.finfo(np.float32).max, tiny, -tiny,
            np.float32(1e-45), np.float32(-1e-45), np.float32(1e-40), np.float32(-1e-40),
            88.72283935546875, 88.7228, 88.72284, 89.0, -87.3, -103.97208, -103.9721, -104.0,
            -150.0, 1e-8, -1e-8, 0.5, 2.0, 1e30, -1e30, 3.4e38, 1e-38, 1e20, 1e5, 1e4,
            np.pi, -np.pi, np.pi / 2, 8.0, 9.0, 10.0, -9.0, 20.0, -20.0]
    near = np.array([1.0, 0.5, 2.0, -1.0, 88.72, -103.97, 0.0], np.float32)
    around = [np.nextafter(near, np.float32(np.inf)), np.nextafter(near, np.float32(-np.inf))]
    # Where the kernels' range reductions round x/ln(2) or x/(pi/2) half way:
    # a product fused with the rounding addition or not changes the quadrant.
    halves = np.concatenate([(np.arange(-151, 129) + 0.5) * np.log(2),
                             (np.arange(-2000, 2000) + 0.5) * (np.pi / 2)]).astype(np.float32)
    steps = [halves]
    for _ in range(8):
        steps.append(np.nextafter(steps[-1], np.float32(np.inf)))
    down = [halves]
    for _ in range(8):
        down.append(np.nextafter(down[-1], np.float32(-np.inf)))
    return np.concatenate([np.array(vals, np.float32), *around, *steps, *down]).astype(f)


def inputs(n: int, seed: int = 20261208) -> np.ndarray:
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2**32, size=n // 2, dtype=np.uint64).astype(np.uint32)
    anyf = bits.view(np.float32)
    anyf = anyf[np.isfinite(anyf)]
    small = rng.uniform(-10, 10, n // 4).astype(np.float32)
    mid = rng.uniform(-100, 100, n - n // 2 - n // 4).astype(np.float32)
    return np.concatenate([edge_values(), anyf, small, mid])


CHILD = """
import sys, numpy as np
x = np.load(sys.argv[1])
out = sys.argv[2]
funcs = sys.argv[3].split(",")
with np.errstate(all="ignore"):
    for dt in ("float32", "float16"):
        a = x if dt == "float32" else np.arange(65536).astype(np.uint16).view(np.float16)
        for f in funcs:
            np.save(f"{out}/{f}_{dt}.npy", getattr(np, f)(a))
"""


def numpy_results(x: np.ndarray, tmp: Path) -> dict[str, dict[str, np.ndarray]]:
    np.save(tmp / "x.npy", x)
    res: dict[str, dict[str, np.ndarray]] = {}
    for level, disabled in LEVELS.items():
        d = tmp / level
        d.mkdir()
        env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=disabled)
        subprocess.run([sys.executable, "-c", CHILD, str(tmp / "x.npy"), str(d), ",".join(FUNCS)],
                       env=env, check=True)
        res[level] = {f"{f}_{dt}": np.load(d / f"{f}_{dt}.npy") for f in FUNCS for dt in DTYPES}
    return res


def exhaustive(funcs: list[str]) -> None:
    """Every one of the 2**32 float32 values, in chunks of 2**24."""
    with tempfile.TemporaryDirectory() as t:
        lib = compiled_module(Path(t), release=True)
        total = dict.fromkeys(funcs, 0)
        chunk = 1 << 24
        for start in range(0, 1 << 32, chunk):
            a = np.arange(start, start + chunk, dtype=np.uint32).view(np.float32)
            for f in funcs:
                with np.errstate(all="ignore"):
                    want = getattr(np, f)(a)
                bad = differ(np.asarray(getattr(lib, f"{f}_float32")(a)), want)
                total[f] += int(bad.sum())
                for i in np.flatnonzero(bad)[:3]:
                    print(f"  {f}: x={a[i]!r} ({a.view(np.uint32)[i]:#010x})")
        for f in funcs:
            print(f"{f}_float32: {total[f]} of 2**32 values differ from numpy")


def compiled_module(tmp: Path, release: bool | None = None):  # type: ignore[no-untyped-def]
    import pycomp.driver
    from pycomp import load

    lines = ["import numpy as np", "import numpy.typing as npt", ""]
    for dt in DTYPES:
        for f in FUNCS:
            lines += [f"def {f}_{dt}(x: npt.NDArray[np.{dt}]) -> npt.NDArray[np.{dt}]:",
                      f"    return np.{f}(x)", ""]
    src = tmp / "np_kernels_mod.py"
    src.write_text("\n".join(lines))
    return load(pycomp.driver.build(src, tmp / "bundle", release=release))


def differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elements whose bits differ, NaNs (any payload, any sign) equal."""
    u = {2: np.uint16, 4: np.uint32}[a.dtype.itemsize]
    both_nan = np.isnan(a) & np.isnan(b)
    return (a.view(u) != b.view(u)) & ~both_nan


def libm_table(x: np.ndarray, ref: dict[str, dict[str, np.ndarray]], funcs: list[str]) -> None:
    import ctypes

    libm = ctypes.CDLL("libm.so.6")
    print(f"numpy against libm's float functions ({len(x)} float32, 65536 float16 inputs):")
    print(f"{'function':16}" + "".join(f"{lv:>20}" for lv in LEVELS))
    for dt in DTYPES:
        a = x if dt == "float32" else ALL_FLOAT16
        wide = a.astype(np.float32)
        for f in funcs:
            cf = getattr(libm, f + "f")
            cf.restype, cf.argtypes = ctypes.c_float, [ctypes.c_float]
            with np.errstate(all="ignore"):
                got = np.array([cf(float(v)) for v in wide], np.float32).astype(dt)
            key = f"{f}_{dt}"
            n = len(a)
            cells = [f"{differ(got, ref[lv][key][:n]).sum():>10}" for lv in LEVELS]
            print(f"{key:16}" + "".join(f"{c:>20}" for c in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", type=int, default=2_000_000, help="random values (default 2M)")
    ap.add_argument("--funcs", default=",".join(FUNCS))
    ap.add_argument("--show", type=int, default=0, help="print this many differing inputs")
    ap.add_argument("--exhaustive", action="store_true",
                    help="instead: every float32 bit pattern through a release build, "
                         "against numpy at this machine's own level (a few minutes)")
    ap.add_argument("--libm", type=int, default=0, metavar="N",
                    help="also compare numpy at each level with libm's float functions "
                         "(expf ...; through ctypes, on the first N float32 inputs and "
                         "every float16): what compiled code computes on a CPU below "
                         "numpy's SIMD level for that function")
    args = ap.parse_args()
    funcs = args.funcs.split(",")
    if args.exhaustive:
        exhaustive(funcs)
        return
    x = inputs(args.n)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        ref = numpy_results(x, tmp)
        lib = compiled_module(tmp)
        print(f"{len(x)} inputs; mismatches of compiled code against numpy at each level")
        print(f"{'function':16}" + "".join(f"{lv:>20}" for lv in LEVELS))
        for dt in DTYPES:
            a = x if dt == "float32" else ALL_FLOAT16
            for f in funcs:
                key = f"{f}_{dt}"
                got = np.asarray(getattr(lib, key)(a))
                cells = []
                for level in LEVELS:
                    bad = differ(got, ref[level][key])
                    cells.append(f"{bad.sum():>10} {100 * bad.mean():7.3f}%")
                    for i in np.flatnonzero(bad)[:args.show]:
                        print(f"  {key} {level}: x={a[i]!r} compiled={got[i]!r} "
                              f"numpy={ref[level][key][i]!r}")
                print(f"{key:16}" + "".join(f"{c:>20}" for c in cells))
        if args.libm:
            libm_table(x[:args.libm], ref, funcs)
        print("numpy's levels against each other (X86_V3 vs X86_V4, X86_V2 vs X86_V3):")
        for dt in DTYPES:
            for f in funcs:
                key = f"{f}_{dt}"
                a43 = differ(ref["X86_V4"][key], ref["X86_V3"][key]).sum()
                a32 = differ(ref["X86_V3"][key], ref["X86_V2"][key]).sum()
                print(f"  {key:16} {a43:>10} {a32:>10}")


if __name__ == "__main__":
    main()
