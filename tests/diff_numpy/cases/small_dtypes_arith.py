"""Arithmetic of small int dtypes: numpy 2's promotion (uint8 with int8 is
int16, uint8 with float32 stays float32, uint32 with int32 is int64), NEP 50
(`img + delta` stays uint8 and wraps; a Python int out of the dtype's range
raises OverflowError), wrapping `*` and `-`, `//` and `%` by zero, int8 dot
products widened first, masks and thresholds as uint8 images."""

import numpy as np
import numpy.typing as npt


def int8_dot(a: npt.NDArray[np.int8], b: npt.NDArray[np.int8]) -> int:
    """The dot product of two int8 codes, widened first (int8 products would wrap)."""
    return int((a.astype(np.int32) * b.astype(np.int32)).sum())


def mixed_sum(a: npt.NDArray[np.uint8], b: npt.NDArray[np.int8]) -> np.ndarray:
    """uint8 + int8 is int16 in numpy (no wrap); shapes broadcast."""
    return a + b


def promotions(u8: npt.NDArray[np.uint8], i16: npt.NDArray[np.int16],
               u16: npt.NDArray[np.uint16]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                     np.ndarray, np.ndarray, np.ndarray,
                                                     np.ndarray, np.ndarray]:
    """Mixed operands in numpy's promoted dtypes (the harness compares dtypes)."""
    f = np.ones(1, dtype=np.float32)
    u32 = u16.astype(np.uint32)
    i32 = u8.astype(np.int32)
    return (u8 * f, i16 + f, u16 - u8, u16 + i16, u32 + i32, u8 + i16, u32 * f, u16 / u8)


def brighten(img: npt.NDArray[np.uint8], delta: int) -> np.ndarray:
    """`img + delta` stays uint8 and wraps; a delta beyond uint8 raises (NEP 50)."""
    return img + delta


def brighten_saturating(img: npt.NDArray[np.uint8], delta: int) -> np.ndarray:
    """Saturating brightness through int16."""
    return np.clip(img.astype(np.int16) + delta, 0, 255).astype(np.uint8)


def mask_image(x: npt.NDArray[np.float32], t: float) -> np.ndarray:
    """A bool mask as a 0/255 uint8 image (`* 255` wraps nothing: 255 fits)."""
    return (x > t).astype(np.uint8) * 255


def doubled(img: npt.NDArray[np.uint8]) -> list[int]:
    """`img * 2` wraps at 256; `-img` wraps too; `//` and `%` by zero give 0."""
    z = np.zeros_like(img)
    return (img * 2).tolist() + (-img).tolist() + (img // z).tolist() + (img % z).tolist()


def int8_arith(a: npt.NDArray[np.int8], b: npt.NDArray[np.int8]) -> list[int]:
    """int8 floor division and remainder (the divisor's sign), abs of -128 wraps."""
    return (a // b).tolist() + (a % b).tolist() + np.abs(a).tolist() + (a - b).tolist()


def threshold(img: npt.NDArray[np.uint8], t: int) -> tuple[np.ndarray, str]:
    """Binarise with `np.where` (the scalars are weak: int64), back to uint8; the dtypes."""
    out = np.where(img > t, 255, 0)
    return out.astype(np.uint8), f"{repr(out.dtype)} {img.dtype} {str(out.astype(np.int8).dtype)}"



def ids_u32(ids: npt.NDArray[np.uint32], n: int) -> np.ndarray:
    """uint32 ids shifted by a Python int (negative raises OverflowError)."""
    return ids + n
