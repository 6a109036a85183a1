import numpy as np

rng = np.random.default_rng(17)
S = rng.standard_normal(7).astype(np.float32)

INPUTS = {
    "best_score": [(S,), (np.array([1.0, np.nan, 3.0], dtype=np.float32),),
                   (np.array([np.nan, 1.0], dtype=np.float32),), (S[:0],)],
    "best_row": [(np.array([[1], [3], [2]]),), (np.array([[1, 2]]),), (np.array([[1, 2], [3, 4]]),),
                 (np.zeros((0, 1), dtype=np.int64),), (np.zeros((2, 0), dtype=np.int64),)],
    "best_count": [(np.array([[3, 9], [1, 4]], dtype=np.int32),), (np.array([7], dtype=np.int32),),
                   (np.zeros(0, dtype=np.int32),)],
    "any_positive": [(np.array([0.0, -0.0]),), (np.array([[0.0], [np.nan]]),), (np.zeros(0),)],
    "all_rows": [(np.array([[True], [True]]),), (np.array([[True], [False]]),),
                 (np.array([[True, False]]),), (np.zeros((0, 3), dtype=bool),),
                 (np.zeros((2, 0), dtype=bool),)],
    "sorted_scores": [(S, False), (S, True), (np.array([3.0, np.nan, 1.0, 2.0], dtype=np.float32), False),
                      (np.zeros(0, dtype=np.float32), True)],
    "sorted_repr": [(np.array([3, -1, 2, 2], dtype=np.int32),), (np.array([[5], [4]], dtype=np.int32),),
                    (np.zeros(0, dtype=np.int32),)],
    "top_label": [(np.array([0.1, 2.5, -1.0], dtype=np.float32), ["a", "b", "c"]),
                  (np.array([np.nan, 2.5], dtype=np.float32), ["a", "b"]),
                  (np.zeros(0, dtype=np.float32), [])],
    "count_above": [(S, 0.0), (np.array([np.nan, 0.0, -0.0, 2.0], dtype=np.float32), 1.0),
                    (S[:0], 0.0)],
    "same_predictions": [(np.array([1, 2]), np.array([1.0, 2.0])), (np.array([1, 2]), np.array([1.0, 2.5])),
                         (np.array([[1, 2]]), np.array([1.0, 2.0])), (np.zeros(0, dtype=np.int64), np.zeros(0))],
}

CHECK_MESSAGES = True
