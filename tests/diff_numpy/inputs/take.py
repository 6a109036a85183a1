import numpy as np

rng = np.random.default_rng(8)
X = rng.standard_normal((4, 6)).astype(np.float32)
X64 = rng.standard_normal((5, 3))
H = rng.standard_normal((3, 5, 4)).astype(np.float32)
I3 = np.arange(24).reshape(2, 3, 4)
SIM = rng.random((3, 4)).astype(np.float32)

INPUTS = {
    "select_features": [(X, np.array([5, 0, -1])), (X, np.array([[1, 1], [2, 3]])),
                        (X, np.zeros(0, dtype=np.int64)), (X, np.array([6])),
                        (X[0], np.array([0]))],
    "gather_rows": [(X64, np.array([4, 0, 4], dtype=np.int32)), (X64, np.array([-6], dtype=np.int32)),
                    (X64[:0], np.array([0], dtype=np.int32))],
    "first_tokens": [(H, [2, 0]), (H, [-1]), (H, [3])],
    "restricted_softmax": [(X, [0, 3, 5]), (X, [1]), (X, [2, 9])],
    "positions_mean": [(H, [0, 4]), (H, [1, 1, -2]), (H, [5])],
    "feature_of_rows": [(I3, np.array([1, 0]), 2), (I3, np.array([[1], [0]]), 0),
                        (I3, np.array([2]), 0), (I3, np.array([0]), 3)],
    "ban_tokens": [(X, np.array([0, 2])), (X, np.array([-1, -1])), (X, np.array([6]))],
    "write_columns": [(X64, [0, 2], np.array([7.0, 8.0])), (X64, [1, 1], np.arange(10.0).reshape(5, 2)),
                      (X64, [0], np.array([1.0, 2.0])), (X64, [3], np.array([1.0]))],
    "zero_rows": [(np.array([0, 2]), 0), (np.array([-1]), 9), (np.array([3]), 0)],
    "pair_scores": [(SIM, np.array([0, 2]), np.array([3, 1])), (SIM, np.array([1]), np.array([0, 1, 2])),
                    (SIM, np.array([0, 1]), np.array([0, 1, 2])), (SIM, np.array([3]), np.array([0]))],
}

CHECK_MESSAGES = True
