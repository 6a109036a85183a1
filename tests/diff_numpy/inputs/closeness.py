import numpy as np

rng = np.random.default_rng(29)
A = rng.standard_normal((2, 3)).astype(np.float32)
E = rng.standard_normal((3, 12)).astype(np.float32)
C = rng.integers(0, 256, (2, 3)).astype(np.uint8)

INPUTS = {
    "same_logits": [(A, A.astype(np.float64)), (A, A.astype(np.float64) + 1e-3),
                    (A, A[0].astype(np.float64)), (A, np.zeros(2)),
                    (np.array([np.nan], dtype=np.float32), np.array([np.nan]))],
    "same_with_nan": [(np.array([1.0, np.nan]), np.array([1.0005, np.nan]), True),
                      (np.array([1.0, np.nan]), np.array([1.0005, np.nan]), False),
                      (np.array([np.inf, 1.0]), np.array([np.inf, 1.01]), True),
                      (np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0]), True)],
    "close_mask": [(A, A[0]), (A, A[0] + np.float32(1e-6)), (A, A[:, :2]),
                   (np.array([np.inf, -np.inf, np.nan], dtype=np.float32),
                    np.array([np.inf, np.inf, np.nan], dtype=np.float32))],
    "near_value": [(A, float(A[0, 0]), 1e-8), (np.array([0.1, 0.2, 0.3], dtype=np.float32), 0.1, 0.0),
                   (np.array([1e-9, -1e-9], dtype=np.float32), 0.0, 1e-8), (A[:0], 1.0, 1.0)],
    "int_close": [(np.array([1, 2, 3], dtype=np.int32), np.array([2, 4, 3])),
                  (np.array([[1], [5]], dtype=np.int32), np.array([1, 2])),
                  (np.array([1, 2], dtype=np.int32), np.array([1, 2, 3]))],
    "pack_signs": [(E,), (E[:, :8],), (E[:, :3],), (E[0],), (E[:0],)],
    "pack_little": [(np.array([1, 0, 1, 1, 0, 0, 0, 0, 1]), "little"), (np.array([1, 0, 1]), "big"),
                    (np.array([[0, 2], [3, 0]]), "big"), (np.array([1, 0]), "middle"),
                    (np.zeros(0, dtype=np.int64), "little")],
    "hamming": [(E[0], E[1]), (E[0], E[0]), (E[0, :5], E[1, :5]), (E[0], E[1, :4])],
    "unpack_count": [(C, 10, "big"), (C, -3, "little"), (C, 30, "big"), (C, -30, "big"),
                     (C, 4, "x"), (C[:0], 5, "b")],
    "pack_floats": [(np.array([1.0, 0.0]),), (np.zeros(0),), (np.array([[0.5]]),)],
}

CHECK_MESSAGES = True
