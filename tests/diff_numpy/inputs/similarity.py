import numpy as np

rng = np.random.default_rng(13)
A = rng.standard_normal((3, 4)).astype(np.float32)
B = rng.standard_normal((5, 4)).astype(np.float32)
q = B[2] + np.float32(0.01)

INPUTS = {
    "cosine_matrix": [(A, B), (A, A), (A, np.ones((2, 3), dtype=np.float32))],
    "cosine": [(np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.5])),
               (np.zeros(3), np.ones(3)), (np.ones(2), np.ones(3))],
    "nearest": [(q, B), (A[0].copy(), A), (np.ones(3, dtype=np.float32), B)],
    "search": [(q, B, 2), (A[1].copy(), A, 3), (q, B, 0), (np.ones(2, dtype=np.float32), B, 1)],
    "mse": [(np.array([1.0, 2.0]), np.array([1.5, 2.5])), (np.ones((2, 2)), np.zeros(2)), (np.ones(3), np.ones(4))],
    "mae": [(A, B[:3].copy()), (A, A), (A, B)],
    "count_above": [(A, 0.0), (A, 10.0), (np.zeros(0, dtype=np.float32), 0.0)],
    "one_hot": [([0, 2, 1], 3), ([1], 2), ([3], 3), ([], 2)],
    "scatter": [(4, [0, 2], [1.5, -2.0]), (3, [1, 1, -1], [1.0, 2.0, 3.0]), (2, [2], [1.0]), (0, [], [])],
    "dedupe_mask": [(np.array([[1.0, 0.99, 0.1], [0.99, 1.0, 0.2], [0.1, 0.2, 1.0]], dtype=np.float32), 0.95),
                    (np.eye(3, dtype=np.float32), 0.5), (np.ones((2, 2), dtype=np.float32), 0.5)],
}
