"""Casting to small int dtypes as people write it: float images to uint8
(`np.clip(x * 255, 0, 255).astype(np.uint8)`), embeddings quantised to int8
and back, 16-bit audio and depth maps. `astype` as numpy does it: floats
truncate toward zero, out-of-range values wrap, NaN and infinities become 0
(numpy's C cast on x86-64); int8 arrays cross the ABI both ways."""

import numpy as np
import numpy.typing as npt


def to_image(x: npt.NDArray[np.float32]) -> np.ndarray:
    """A float image in [0, 1] to bytes (NaN becomes 0)."""
    return np.clip(x * 255, 0, 255).astype(np.uint8)


def from_image(img: npt.NDArray[np.uint8]) -> np.ndarray:
    """Bytes back to float32 in [0, 1]."""
    return img.astype(np.float32) / 255.0


def quantise(emb: npt.NDArray[np.float32], scale: float) -> np.ndarray:
    """Symmetric int8 quantisation (values beyond 127 wrap, as numpy's cast does)."""
    return (emb / scale).round().astype(np.int8)


def quantise_clipped(emb: npt.NDArray[np.float32]) -> tuple[np.ndarray, float]:
    """int8 codes with a per-vector scale, clipped before the cast."""
    scale = float(np.abs(emb).max()) / 127.0
    if scale == 0.0:
        raise ValueError("cannot quantise a zero vector")
    q = np.clip(np.round(emb / scale), -127, 127).astype(np.int8)
    return q, scale


def dequantise(q: npt.NDArray[np.int8], scale: float) -> np.ndarray:
    """int8 codes to float32."""
    return q.astype(np.float32) * np.float32(scale)


def casts(x: npt.NDArray[np.float64]) -> tuple[list[int], list[int], list[int], list[int]]:
    """One float array cast to each small int dtype (truncation, wrapping, NaN)."""
    return (x.astype(np.int8).tolist(), x.astype(np.uint8).tolist(),
            x.astype(np.int16).tolist(), x.astype(np.uint16).tolist())


def int_casts(x: npt.NDArray[np.int64]) -> tuple[list[int], list[int], list[int]]:
    """Ints cast down wrap modulo the dtype's range."""
    return x.astype(np.uint8).tolist(), x.astype(np.int8).tolist(), x.astype(np.uint32).tolist()


def pcm_to_float(pcm: npt.NDArray[np.int16]) -> np.ndarray:
    """16-bit PCM to float32 in [-1, 1)."""
    return pcm.astype(np.float32) / 32768.0


def float_to_pcm(x: npt.NDArray[np.float32]) -> np.ndarray:
    """float32 audio to 16-bit PCM, clipped."""
    return (np.clip(x, -1.0, 1.0) * 32767).astype(np.int16)


def passthrough(a: npt.NDArray[np.int8]) -> npt.NDArray[np.int8]:
    """An int8 array crossing the ABI both ways."""
    return a[::-1].copy()
