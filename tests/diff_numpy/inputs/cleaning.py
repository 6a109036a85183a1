import numpy as np

rng = np.random.default_rng(23)
X = rng.standard_normal((6, 3)).astype(np.float32)
F64 = np.array([1.0, np.nan, np.inf, -np.inf, 2.5])

INPUTS = {
    "finite_mean": [(F64,), (np.array([np.nan, np.nan]),), (np.array([1.0, 2.0]),), (np.zeros(0),)],
    "cleaned_scores": [(np.array([[np.nan, 0.5], [np.inf, -np.inf]], dtype=np.float32),), (X,),
                       (X[:0],)],
    "encode_labels": [(np.array([3, 1, 3, 7, 1]),), (np.array([[2, 2], [0, 5]]),), (np.zeros(0, dtype=np.int64),)],
    "label_frequencies": [(np.array([3, 1, 3, 7, 1]),), (np.array([[2, 2], [0, 5]]),), (np.array([4]),),
                          (np.zeros(0, dtype=np.int64),)],
    "drop_tokens": [(X, [0, 2]), (X, [-1, -1]), (X, []), (X, [6]), (X, [1, -7])],
    "keep_by_flags": [(np.arange(4), [True, False, True, False]), (np.arange(3), [False] * 3),
                      (np.arange(3), [True, False])],
    "replace_rows": [(np.zeros((3, 2)), [0, 2], np.array([1.0, 2.0])), (np.zeros((3, 2)), [1], np.array([[5.0, 6.0]])),
                     (np.zeros((3, 2)), [0, 1], np.array([1.0, 2.0, 3.0])), (np.zeros((3, 2)), [3], np.array([1.0, 2.0]))],
    "sample_ids": [(0, 10, 3), (7, 10, 10), (1, 20000, 500), (2, 5, 6), (3, 0, 0), (4, -1, 1)],
    "sample_batch": [(0, X, 2), (1, X, 6), (2, X, 7), (3, X, 0)],
    "bootstrap_ids": [(0, 10, 4, True), (0, 10, 4, False), (5, 3, 4, True), (5, 3, 4, False)],
}

CHECK_MESSAGES = True
