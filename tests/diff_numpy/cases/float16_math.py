"""float16 beyond storage: numpy's float ufuncs of small ints (`np.exp` of int8,
uint8 and bool arrays is float16, of int16 float32), var/std in float16, dot
and matmul accumulating in float32, rounding, floor division and remainder
rounded to float16, and a float16 numpy scalar returned where a float is
declared (converted exactly)."""

import numpy as np
import numpy.typing as npt


def int8_weights(q: npt.NDArray[np.int8]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """exp/sqrt/log1p of int8 codes give float16 in numpy; of a bool mask too."""
    return np.exp(q / 64) , np.exp(q), np.sqrt(q > 0)


def int16_rms(pcm: npt.NDArray[np.int16]) -> tuple[np.ndarray, float]:
    """`np.sqrt` of int16 audio is float32; of uint8 pixels float16."""
    r = np.sqrt(np.abs(pcm))
    return r, float(np.log1p(pcm.astype(np.uint8)).sum())


def half_spread(h: npt.NDArray[np.float16]) -> tuple[str, str, str]:
    """var/std of float16 stay float16 (numpy's `_var` computes in float16)."""
    return repr(h.var()), repr(h.std(ddof=1)), repr(np.std(h.reshape(2, -1), axis=1))


def half_dot(a: npt.NDArray[np.float16], b: npt.NDArray[np.float16]) -> tuple[str, np.ndarray]:
    """dot and @ of float16 accumulate in float32 and round once; shapes must agree."""
    return repr(a @ b), np.outer(a, b) @ b


def half_rounding(h: npt.NDArray[np.float16]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """np.round to 2 and -1 decimals in float16 steps, floor, `//` and `%`."""
    return np.round(h, 2), np.round(h, -1), h // 0.3, h % 0.7


def half_score(h: npt.NDArray[np.float16], w: npt.NDArray[np.float16]) -> float:
    """A float16 scalar where a float is declared: the float16 value, exactly."""
    return (h * w).sum()
