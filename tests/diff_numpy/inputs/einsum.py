import numpy as np

rng = np.random.default_rng(29)
A = rng.standard_normal((3, 4)).astype(np.float32)
B = rng.standard_normal((4, 2)).astype(np.float32)
C = rng.standard_normal((5, 4)).astype(np.float32)
V = rng.standard_normal(4).astype(np.float32)
Q = rng.standard_normal((2, 3, 4)).astype(np.float32)
K = rng.standard_normal((2, 5, 4)).astype(np.float32)
D = rng.standard_normal((3, 4))
E = rng.standard_normal((4, 2))

INPUTS = {
    "project": [(A, B), (A[:0], B), (A, C), (V, B)],
    "row_dots": [(A, A), (A, A[:1].copy()), (A, C)],
    "similarity": [(A, C), (A, A), (A, B)],
    "outer": [(np.array([1.0, 2.0]), np.array([0.5, -1.0, 3.0])), (np.zeros(0), np.ones(2)),
              (np.ones((2, 2)), np.ones(2))],
    "inner": [(V, V), (V[:0], V[:0]), (V, V[:3].copy()), (V, A)],
    "implicit_product": [(D, E), (D, D), (D, np.ones(4))],
    "batched_scores": [(Q, K), (Q, K[:1].copy()), (Q, K[:, :, :3].copy())],
    "weighted_counts": [(np.array([[1, 2, 3], [4, 5, 6]]), np.array([1, 0, -1], dtype=np.int32)),
                        (np.array([[2**62, 2**62]]), np.array([2, 2], dtype=np.int32)),
                        (np.array([[1, 2]]), np.array([1, 2, 3], dtype=np.int32))],
    "transposed": [(D, E), (D, D.T.copy()), (D, E.T.copy())],
    "head_mix": [(Q, np.ones((3, 2), dtype=np.float32)), (Q, np.eye(2, dtype=np.float32)),
                 (Q, np.ones((2, 3), dtype=np.float32))],
}

CHECK_MESSAGES = True
