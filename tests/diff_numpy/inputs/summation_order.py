import numpy as np

# floats compare bit for bit: the order of additions is numpy's
EXACT = True

_rng = np.random.default_rng(24)


def _f32(*shape: int) -> np.ndarray:
    return (_rng.standard_normal(shape) * 3).astype(np.float32)


def _f64(*shape: int) -> np.ndarray:
    return _rng.standard_normal(shape) * 3


# lengths around numpy's pairwise thresholds: < 8 one by one, <= 128 eight
# accumulators, longer split in halves at a multiple of 8
INPUTS = {
    "totals": [(_f32(n),) for n in (7, 9, 128, 129, 4099)]
              + [(np.array([-0.0, -0.0], dtype=np.float32),)],
    "totals64": [(_f64(n),) for n in (8, 200, 3001)] + [(np.zeros(0),), (_f64(3, 70),)],
    "along_axes": [(_f32(13, 300),), (_f32(200, 9),), (_f32(1, 130),), (_f32(140, 1),),
                   (_f32(12),)],  # 1-D: axis 1 is out of bounds
    "mean_pool": [(_f32(3, 17, 384), np.array([[1] * 17, [1] * 5 + [0] * 12, [1] * 16 + [0]])),
                  (_f32(2, 130, 8), np.ones((2, 130), dtype=np.int64)),
                  (_f32(1, 9, 16), np.zeros((1, 9), dtype=np.int64))],
    "normalize_rows": [(np.abs(_f32(4, 1000)) + 0.1,), (np.abs(_f32(2, 5)) + 0.1,),
                       (np.abs(_f32(3, 129)) + 0.1,)],
    "cube_axes": [(_f64(4, 20, 7),), (_f64(2, 140, 3),), (_f64(5, 1, 130),)],
}
