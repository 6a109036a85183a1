import numpy as np

rng = np.random.default_rng(19)
Q = rng.standard_normal((3, 4)).astype(np.float32)
K = rng.standard_normal((5, 4)).astype(np.float32)
X = rng.standard_normal(6).astype(np.float32)

INPUTS = {
    "scaled_scores": [(Q, K), (Q[:, :1].copy(), K[:, :1].copy()), (Q, np.ones((2, 3), dtype=np.float32))],
    "decayed": [(X, 0.5), (X, 0.0), (X[:0], 2.0), (X, -1.0)],
    "kept_float32": [(X, 2.0), (X, 1e-3), (X, 0.0)],
    "ufunc_reprs": [(2.0,), (0.5,), (-1.5,), (0.0,), (float("nan"),), (float("-inf"),)],
    "transcendental": [(2.0,), (-0.5,), (0.0,), (800.0,), (float("nan"),)],
    "int_ufuncs": [(3,), (-7,), (0,), (3037000500,)],
    "relu_report": [(1.25,), (-3.0,), (0.0,), (float("nan"),)],
    "value_checks": [(1.5,), (float("nan"),), (float("inf"),), (0.0,)],
    "clipped": [(0.5, 0.0, 1.0), (2.675, 0.0, 5.0), (-2.5, -1.0, 1.0), (float("nan"), 0.0, 1.0),
                (1.0, 2.0, 0.0)],
    "total_log_prob": [([0.5, 0.25, 0.125],), ([],), ([1.0, 0.0],)],
}

CHECK_MESSAGES = True
