import numpy as np

rng = np.random.default_rng(11)
X = rng.standard_normal((4, 3)).astype(np.float32)
X64 = rng.standard_normal((3, 5))
Z = np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float32)
U = np.array([[0.0, 0.24, 0.5], [0.75, 0.99, 1.0]], dtype=np.float32)

INPUTS = {
    "l2_normalize": [(X,), (Z,), (np.ones((1, 4), dtype=np.float32),), (np.array([1.0, 2.0], dtype=np.float32),)],
    "normalize_along": [(X64, 0), (X64, 1), (X64, -1), (X64, 2), (X64, -3)],
    "standardize": [(X,), (np.array([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]], dtype=np.float32),), (X[:1].copy(),)],
    "min_max_scale": [(X,), (np.full((2, 2), 3.0, dtype=np.float32),), (np.array([-1.0, 0.0, 3.0], dtype=np.float32),),
                      (np.zeros(0, dtype=np.float32),)],
    "clip_scores": [(X, -0.5, 0.5), (X, 0.0, 0.0), (X, 1.0, -1.0), (U, 0.25, 2.0)],
    "center_rows": [(X64,), (np.array([[1.0, 2.0, 3.0]]),), (np.zeros((2, 0)),)],
    "zscore": [(X64,), (np.array([1.0, 2.0, 3.0, 4.0]),), (np.array([[2.0, 4.0], [4.0, 2.0]]),)],
    "safe_ratio": [(np.array([1.0, 2.0, 3.0]), np.array([2.0, 0.0, -1.0])), (np.ones((2, 2)), np.array([0.0, 4.0])),
                   (np.ones(3), np.ones(2))],
    "softplus": [(X, 1.0), (np.array([-50.0, 0.0, 50.0], dtype=np.float32), 2.0), (X, 0.0)],
    "quantize": [(U, 4), (U, 1), (U, 0), (np.array([-0.5, 1.5], dtype=np.float32), 10)],
}
