import numpy as np

# floats compare bit for bit: square, reciprocal and sqrt are correctly rounded
EXACT = True

_rng = np.random.default_rng(31)


def _f32(*shape: int) -> np.ndarray:
    return (_rng.standard_normal(shape) * 3).astype(np.float32)


def _pos32(*shape: int) -> np.ndarray:
    return np.abs(_f32(*shape)) + np.float32(0.01)


INPUTS = {
    "squares": [(_f32(20, 384),), (_f32(3, 9),), (np.array([[-0.0, 1e-30, 3e38]], dtype=np.float32),)],
    "squared_distances": [(_rng.standard_normal((50, 16)), _rng.standard_normal((50, 16))),
                          (np.zeros((0, 4)), np.zeros((0, 4))),
                          (np.ones((2, 3)), np.ones((3, 3)))],  # shapes do not broadcast
    "roots_and_inverses": [(_pos32(2000),), (_pos32(7, 5),),
                           (np.array([0.0, -0.0, np.inf, 4.0], dtype=np.float32),)],
    "half_squares": [(np.abs(_f32(500)).astype(np.float16),),
                     (np.array([0.0, 1.5, 60000.0, 1e-7], dtype=np.float16),),
                     (np.array([-2.0, 3.0], dtype=np.float16),)],
    "int_squares": [(np.arange(-5, 6), 3), (np.array([7, 11]), 0), (np.array([2, 3]), -1)],
}
