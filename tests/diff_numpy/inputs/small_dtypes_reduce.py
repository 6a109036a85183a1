import numpy as np

rng = np.random.default_rng(11)
IMG = rng.integers(0, 256, size=(3, 4)).astype(np.uint8)
Q = np.array([[-128, 5, 127], [3, -7, 0]], dtype=np.int8)

INPUTS = {
    "stats": [(IMG,), (np.array([[7]], dtype=np.uint8),), (np.zeros(0, dtype=np.uint8),)],
    "int8_total": [(Q,), (np.full((40, 2), 127, dtype=np.int8),), (Q[:0],)],
    "blank": [(2, 3), (0, 1), (-1, 2)],
    "filled": [(3, -128), (2, 127), (2, 128), (1, -129)],
    "paint": [(IMG[0], 1, 255), (IMG[0], -1, 0), (IMG[0], 2, 256), (IMG[0], 9, 1), (IMG[0], 0, -1)],
    "histogram": [(IMG,), (np.zeros(0, dtype=np.uint8),), (np.arange(20).astype(np.uint8).reshape(4, 5),)],
    "depth_to_metres": [(np.array([[0, 1500], [65535, 7]], dtype=np.uint16),), (np.zeros(0, dtype=np.uint16),), (np.array([1, 0, 2], dtype=np.uint16),)],
    "scalars": [(7, 3.9), (255, -1.5), (256, 1.0), (-1, 1.0), (3, float('nan')), (0, -300.7)],
}

CHECK_MESSAGES = True
