import numpy as np

rng = np.random.default_rng(11)
E = rng.standard_normal((6, 4)).astype(np.float32)
E /= np.linalg.norm(E, axis=1, keepdims=True)
Q = (E @ E[0]).astype(np.float32)
D = (E @ E.T).astype(np.float32)
F = np.array([0.5, np.nan, 0.25, 0.5], dtype=np.float32)

INPUTS = {
    "mmr": [(Q, D, 3, 0.7), (Q, D, 6, 0.5), (Q, D, 1, 0.5), (Q[:4], D, 2, 0.5)],
    "pair_best": [(F, 0, 2), (F, 0, 1), (F, 1, 0), (F, 0, 3), (F, 0, 9)],
    "widest_gap": [(np.array([0.0, 0.5, 2.0, 2.25]),), (np.array([1.0, np.nan, 3.0]),),
                   (np.array([1.0]),)],
    "best_row_score": [(E,), (np.array([[np.nan, 0.5], [0.25, np.nan]], dtype=np.float32),),
                       (np.zeros((0, 3), dtype=np.float32),)],
    "first_best": [(np.array([0.1, 0.7, 0.3]),), (np.array([np.nan, 0.5]),), (np.zeros(0),)],
    "int_extremes": [(np.array([3, -7, 2], dtype=np.int32), np.array([5, 9, 9])),
                     (np.array([4], dtype=np.int32), np.array([1])),
                     (np.array([1, 2], dtype=np.int32), np.zeros(0, dtype=np.int64))],
    "flag_extremes": [(np.array([True, False]),), (np.array([False, False]),), (np.array([True]),)],
}

CHECK_MESSAGES = True
