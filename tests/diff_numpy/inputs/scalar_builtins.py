import numpy as np

rng = np.random.default_rng(11)
F32 = rng.random(6).astype(np.float32)
F64 = rng.standard_normal(5) * 100

INPUTS = {
    "rounded_max": [(F32,), (np.array([2.675, 0.125], dtype=np.float32),),
                    (np.array([np.nan], dtype=np.float32),), (np.zeros(0, dtype=np.float32),)],
    "rounded_mean": [(F64,), (np.array([2.5, 2.5]),), (np.array([np.nan]),), (np.array([np.inf]),),
                     (np.zeros(0),)],
    "round_total": [(np.array([17, 25, 3], dtype=np.int32),), (np.array([-15], dtype=np.int32),),
                    (np.zeros(0, dtype=np.int32),)],
    "rounded_scores": [(F32,), (np.array([0.0005, -1.2345], dtype=np.float32),), (F32[:0],)],
    "squares_up_to_max": [(np.array([3, 1]),), (np.array([-2]),), (np.zeros(0, dtype=np.int64),)],
    "tokens_to_best": [(["a", "b", "c", "d", "e", "f"], F32), (["x"], np.array([0.5], dtype=np.float32)),
                       (["x"], np.zeros(0, dtype=np.float32))],
    "span_text": [("hello world", np.array([0, 6]), np.array([5, 11]), 1),
                  ("hello world", np.array([0, 6]), np.array([5, 11]), -2),
                  ("hello", np.array([[0, 1]]), np.array([[2, 3]]), 0),
                  ("hello", np.array([0]), np.array([2]), 1)],
    "between_extremes": [(F64,), (np.array([3.0, 1.0, 2.0]),), (np.zeros(0),)],
    "every_kth": [([1, 2, 3, 4, 5], np.array([2, 3])), ([1, 2, 3], np.array([-1])),
                  ([1, 2, 3], np.array([0, 1])), ([1], np.zeros(0, dtype=np.int64))],
    "threshold_report": [(F32, 0.5), (np.array([1.0], dtype=np.float32), 1.0),
                         (np.array([np.nan], dtype=np.float32), 0.5), (np.zeros(0, dtype=np.float32), 0.5)],
}

CHECK_MESSAGES = True
