import numpy as np

rng = np.random.default_rng(17)
X = rng.standard_normal((3, 4)).astype(np.float32)
X64 = np.array([1.0, np.nan, 3.0, np.nan, -2.0])
I = np.arange(12).reshape(3, 4)

INPUTS = {
    "in_range": [(X, -0.5, 0.5), (X, 1.0, -1.0), (np.zeros(0, dtype=np.float32), 0.0, 1.0)],
    "masked_mean": [(np.array([1.0, 2.0, 3.0]), np.array([True, False, True])),
                    (np.array([1.0, 2.0]), np.array([False, False])),
                    (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([True, False])),
                    (np.array([1.0, 2.0]), np.array([True, True, False]))],
    "replace_nan": [(X64, 0.0), (np.array([[np.nan, 1.0]]), -1.0), (np.zeros(0), 5.0)],
    "edges": [(X,), (np.ones((1, 1), dtype=np.float32),), (np.zeros((2, 0), dtype=np.float32),)],
    "every_other": [(I, 0), (I, 1), (I, -1), (np.arange(5), 3)],
    "ranks": [(np.array([0.3, -1.0, 2.5, 0.0]),), (np.array([[3.0, 1.0], [0.0, 2.0]]),), (np.zeros(0),)],
    "top_k_desc": [(np.array([0.1, 0.9, 0.5, 0.7], dtype=np.float32), 2),
                   (np.array([0.1, 0.9], dtype=np.float32), 5), (np.array([0.1, 0.9], dtype=np.float32), 0)],
    "label_counts": [(np.array([0, 2, 2, 1, 0, 2]), 3), (np.array([5, 5]), 2), (np.zeros(0, dtype=np.int64), 2)],
    "gram": [(X,), (np.arange(24, dtype=np.float32).reshape(2, 3, 4),), (np.zeros((3, 0), dtype=np.float32),)],
    "shift_ids": [(np.array([1, 2, 3], dtype=np.int32), 10), (np.array([[0, -1]], dtype=np.int32), -5),
                  (np.array([1], dtype=np.int32), 2**40)],
}
