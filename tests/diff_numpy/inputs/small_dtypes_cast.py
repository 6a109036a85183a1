import numpy as np

rng = np.random.default_rng(11)
X = rng.random((2, 3)).astype(np.float32)
E = rng.standard_normal(6).astype(np.float32)
IMG = rng.integers(0, 256, size=(3, 4)).astype(np.uint8)
Q = np.array([[-128, 5, 127], [3, -7, 0]], dtype=np.int8)
F = np.array([np.nan, np.inf, -np.inf, 300.7, -1.5, -129.9, 1e20, 65535.9, 4294967296.5, 2.99, -0.5])

INPUTS = {
    "to_image": [(X,), (np.array([0.0, 0.5, 1.2, -0.3, np.nan], dtype=np.float32),), (X[:0],)],
    "from_image": [(IMG,), (np.zeros((0, 2), dtype=np.uint8),), (np.full((1, 2), 255, dtype=np.uint8),)],
    "quantise": [(E, 0.01), (E, 0.1), (np.array([0.3, -1.7, 2.5, 200.0], dtype=np.float32), 0.01)],
    "quantise_clipped": [(E,), (np.zeros(3, dtype=np.float32),), (np.array([1e-3, -2.0], dtype=np.float32),)],
    "dequantise": [(Q, 0.05), (Q[:, :0], 1.0), (Q[1], -2.0)],
    "casts": [(F,), (np.zeros(0),), (np.array([127.9, 128.0, -128.9, 255.99]),)],
    "int_casts": [(np.array([300, -1, -129, 70000, 2**40 + 5, -(2**33)]),), (np.arange(250, 262),), (np.zeros(0, dtype=np.int64),)],
    "pcm_to_float": [(np.array([-32768, 0, 32767, 5], dtype=np.int16),), (np.zeros(0, dtype=np.int16),), (np.array([[1, -1], [16384, -16384]], dtype=np.int16),)],
    "float_to_pcm": [(np.array([-2.0, -1.0, 0.25, 1.0, np.nan], dtype=np.float32),), (E,), (np.zeros((2, 0), dtype=np.float32),)],
    "passthrough": [(Q[0],), (np.zeros(0, dtype=np.int8),), (Q[:, 1],)],
}

CHECK_MESSAGES = True
