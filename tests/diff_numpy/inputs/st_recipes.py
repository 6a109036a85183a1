import numpy as np

rng = np.random.default_rng(7)
H = rng.standard_normal((2, 4, 3)).astype(np.float32)
H1 = rng.standard_normal((1, 3, 5)).astype(np.float32)
M = np.array([[1, 1, 1, 0], [1, 1, 0, 0]])
M_FULL = np.ones((2, 4), dtype=np.int64)
M_EMPTY_ROW = np.array([[1, 1, 0, 0], [0, 0, 0, 0]])

INPUTS = {
    "st_mean_pool": [(H, M), (H, M_EMPTY_ROW), (H1, np.array([[1, 1, 0]])), (H, np.ones((2, 5), dtype=np.int64))],
    "float_mask_pool": [(H, M), (H, M_FULL), (H, np.ones((3, 4), dtype=np.int64))],
    "nonzero_counts": [(M.astype(np.float32),), (np.zeros((0, 3), dtype=np.float32),),
                       (np.array([[0.5, 0.0], [np.nan, 1.0]], dtype=np.float32),)],
    "l1_normalize": [(H[:, 0, :], 1), (H[:, 0, :], 2), (H[:, 0, :], 3), (H[:, 0, :], 0), (H[:, 0, :], -1)],
    "broadcast_rows": [(np.array([1.0, 2.0, 3.0]), 2), (np.array([1.0, 2.0, 3.0]), 0),
                       (np.array([1.0, 2.0]), 2), (np.array([[1.0], [2.0]]), 2),
                       (np.array([[1.0, 2.0, 3.0]]), -1), (np.array([[[1.0, 2.0, 3.0]]]), 2)],
    "restore_order": [(H[:, 0, :], [1, 0]), (H1[0], [2, 0, 1]), (H1[0], [0, 1]),
                      (H1[0], [3, 0, 1])],
}
