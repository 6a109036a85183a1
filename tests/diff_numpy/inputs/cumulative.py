import numpy as np

rng = np.random.default_rng(9)
P = rng.random((3, 6)).astype(np.float32)
P = P / P.sum(axis=1, keepdims=True)
X = rng.standard_normal((4, 6)).astype(np.float32)
S = rng.standard_normal(40).astype(np.float32)
D = rng.random((4, 5))
PTS = rng.standard_normal((30, 3)).astype(np.float32)

INPUTS = {
    "running_totals": [(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32), 1),
                       (np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32), -2),
                       (np.array([2147483647, 1], dtype=np.int32), 0),
                       (np.array([[1, 2]], dtype=np.int32), 2),
                       (np.zeros((2, 0), dtype=np.int32), 1)],
    "top_p_count": [(P, 0.5), (P, 0.999), (P[:0], 0.9)],
    "decay_weights": [(D, ), (D[:, :1],), (np.zeros((0, 3)),)],
    "growth": [(np.array([[1, 2], [3, 4]]),), (np.array([4294967296, 4294967296, 3]),),
               (np.zeros(0, dtype=np.int64),)],
    "cumulative_share": [(X[:, :3] ** 2,), (np.ones((2, 4), dtype=np.float32),),
                         (np.ones(3, dtype=np.float32),)],
    "topk_ids": [(S, 5), (S, 1), (S, 39), (S, 40), (S[:0], 0)],
    "topk_values": [(P, 2), (P, 6), (P, 7), (P[0], 1)],
    "kth_distance": [(D, 0), (D, 4), (D, -1), (D, 5)],
    "lower_median": [(np.array([5, 1, 4, 2, 3]),), (np.array([7, 7, 1, 2]),), (np.zeros(0, dtype=np.int64),)],
    "nearest": [(PTS, PTS[3], 3), (PTS, PTS[0] + 1.0, 1), (PTS, PTS[1], 31), (PTS, PTS[1], 0)],
}

CHECK_MESSAGES = True
