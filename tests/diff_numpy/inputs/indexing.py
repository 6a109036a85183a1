import numpy as np

rng = np.random.default_rng(5)
X = rng.standard_normal((3, 4))
A = rng.standard_normal((2, 3)).astype(np.float32)
TABLE = rng.standard_normal((5, 3)).astype(np.float32)
SIM = np.array([[0.9, 0.1, 0.8], [0.2, 0.95, 0.3]], dtype=np.float32)

INPUTS = {
    "pos_only": [(X,), (X[0],), (np.zeros(0),), (-np.ones((2, 2)),)],
    "relu_inplace": [(A, 0.0), (A[0], -0.5), (np.zeros((0, 3), dtype=np.float32), 1.0)],
    "embed": [(TABLE, np.array([4, 0, -1])), (TABLE, np.array([[1, 2], [3, 3]])),
              (TABLE, np.array([5])), (TABLE, np.array([-6])), (TABLE, np.zeros(0, dtype=np.int64))],
    "embed_list": [(TABLE, [0, 2]), (TABLE, [1, 1, -1]), (TABLE, [7])],
    "pad_batch": [([[5, 6, 7], [8], [9, 10]], 0), ([[1]], -1), ([[], [3, 4]], 0)],
    "attention_mask": [(np.array([[5, 99, 0], [7, 0, 0]]), 0, 1, 50),
                       (np.array([3, 4, 5]), 0, 1, 4), (np.zeros((0, 2), dtype=np.int64), 0, 1, 10)],
    "confident": [(np.array([0.1, 0.7, 0.3, 0.9], dtype=np.float32), 0.5),
                  (np.array([0.1], dtype=np.float32), 0.5),
                  (np.array(0.9, dtype=np.float32), 0.5)],
    "hits": [(SIM, 0.5), (SIM, 0.99), (SIM[0], 0.5)],
    "scatter": [(4, np.array([2, 0]), np.ones((2, 3), dtype=np.float32)),
                (3, np.array([1, 1]), np.arange(4, dtype=np.float32).reshape(2, 2)),
                (3, np.array([0, 1]), np.ones((3, 2), dtype=np.float32)),
                (2, np.array([2]), np.ones((1, 2), dtype=np.float32))],
    "mark_columns": [(X, 1, 5.0), (X, -4, 0.5), (X, 4, 1.0)],
}

CHECK_MESSAGES = True
