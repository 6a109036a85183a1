import numpy as np

rng = np.random.default_rng(23)
H = rng.standard_normal((2, 3, 4)).astype(np.float32)
M = np.array([[1, 1, 0], [1, 0, 0]], dtype=np.float32)
A = rng.standard_normal((3, 4)).astype(np.float32)
B = rng.standard_normal((2, 4)).astype(np.float32)

INPUTS = {
    "embed": [(H,), (H.astype(np.float64),), (np.arange(24).reshape(2, 3, 4),),
              (np.arange(24, dtype=np.int32).reshape(2, 3, 4),), (H[:, :0],)],
    "embed_masked": [(H, M), (H, np.zeros((2, 3), dtype=np.float32)), (H, M[:, :2])],
    "embed_unmasked": [(H,), (H[:1],), (H[:0],)],
    "similarity": [(A, B), (A.astype(np.float64), B), (np.arange(8).reshape(2, 4), B),
                   (A, B[:, :3])],
    "row_probs": [(A, 0), (A.astype(np.float64), -1), (np.arange(6).reshape(2, 3), 1), (A, 5)],
}

CHECK_MESSAGES = True
