import numpy as np

rng = np.random.default_rng(41)
V = rng.standard_normal(6).astype(np.float32)
M = rng.standard_normal((3, 6)).astype(np.float32)
IMG = rng.standard_normal((4, 5, 3)).astype(np.float32)

INPUTS = {
    "check_query": [(V,), (M,), (V[:0],), (IMG,)],
    "check_image": [(IMG,), (IMG[:, :, :2],), (M,), (V,)],
    "describe": [(M.astype(np.float64),), (V.astype(np.float64),), (np.zeros((2, 0, 1)),),
                 (np.ones(()),)],
    "same_shape": [(M, M), (M, M.T), (V, V[:3]), (V, M)],
    "is_square": [(np.zeros((3, 3), np.float32),), (M,), (np.zeros((2, 2), np.float32),),
                  (V,)],
    "zeros_like_shape": [(np.array([[5, 0, 3], [0, 0, 1]]),), (np.array([0, 7]),),
                         (np.zeros((0,), dtype=np.int64),)],
    "shape_list": [(np.zeros((2, 3), np.int32),), (np.zeros(4, np.int32),),
                   (np.zeros((1, 1, 1), np.int32),)],
    "batch_dims": [(np.zeros((2, 7, 4), np.float32),), (M,), (V,)],
}

CHECK_MESSAGES = True
