import numpy as np

rng = np.random.default_rng(7)
H = rng.standard_normal((2, 4, 3)).astype(np.float32)
H1 = rng.standard_normal((1, 3, 5)).astype(np.float32)
M = np.array([[1, 1, 1, 0], [1, 1, 0, 0]])
M_FULL = np.ones((2, 4), dtype=np.int64)
M_EMPTY_ROW = np.array([[1, 1, 0, 0], [0, 0, 0, 0]])
W = np.array([[1.0, 2.0, 0.5, 0.0], [0.25, 0.25, 0.25, 0.25]], dtype=np.float32)

INPUTS = {
    "mean_pool": [(H, M), (H, M_FULL), (H, M_EMPTY_ROW), (H1, np.ones((1, 3), dtype=np.int64)),
                  (H, np.ones((2, 5), dtype=np.int64))],
    "cls_pool": [(H,), (H1,), (np.zeros((2, 0, 3), dtype=np.float32),), (np.zeros((3, 4), dtype=np.float32),)],
    "max_pool": [(H, M), (H, M_FULL), (H1, np.array([[1, 0, 1]])), (H, np.ones((3, 4), dtype=np.int64))],
    "last_token_pool": [(H, M), (H, M_FULL), (H, M_EMPTY_ROW), (np.zeros((0, 2, 2), dtype=np.float32), np.zeros((0, 2), dtype=np.int64))],
    "weighted_pool": [(H, W), (H1, np.array([[1.0, 1.0, 2.0]], dtype=np.float32)), (H, W[:, :3].copy())],
    "pool_and_normalize": [(H, M), (H1, np.array([[1, 1, 0]])), (np.zeros((1, 2, 3), dtype=np.float32), np.ones((1, 2), dtype=np.int64)),
                           (H, np.ones((2, 3), dtype=np.int64))],
    "pooled_features": [(H, M), (H1, np.array([[1, 0, 0]])), (H, np.ones((2, 5), dtype=np.int64))],
    "pad_ids": [([[5, 6, 7], [8]], 4, 0), ([[1, 2, 3, 4, 5]], 3, -1), ([], 2, 0), ([[1]], -1, 0)],
    "mean_pool_methods": [(H, M), (H, M_EMPTY_ROW), (H1, np.ones((1, 3), dtype=np.int64)),
                          (H, np.ones((2, 5), dtype=np.int64))],
    "token_counts": [(M,), (M_FULL,), (np.zeros((0, 4), dtype=np.int64),), (np.array([1, 1, 0]),)],
}
