import numpy as np

_g = np.random.default_rng(8)
MS = _g.gamma(2.0, 30.0, 200)
S32 = _g.standard_normal(12).astype(np.float32)
M32 = _g.standard_normal((6, 3)).astype(np.float32)
I64 = _g.integers(-50, 50, (3, 7))

INPUTS = {
    "latency_report": [(MS,), (MS[:1],), (np.array([1.0, np.nan, 3.0]),), (MS[:0],),
                       (np.array([1.0, np.inf]),)],
    "score_cutoff": [(S32, 0.5), (S32, 0.9), (S32, 1.0), (S32, 1.5), (S32[:0], 0.5)],
    "robust_scale": [(M32,), (M32[:1],), (M32[:, :1],), (np.zeros((0, 3), dtype=np.float32),)],
    "row_percentiles": [(I64, 50), (I64, 0), (I64, 100), (I64, -5), (I64[:, :0], 10)],
    "quartiles": [(M32, 0), (M32, 1), (M32, -1), (M32, 2)],
    "extremes": [(I64[0].astype(np.int32),), (np.array([7], dtype=np.int32),),
                 (np.zeros(0, dtype=np.int32),)],
    "centered_rows": [([[1.0, 5.0, 2.0], [0.5, 0.25, 8.0]], [3.0, 1.0, 2.0, 10.0]),
                      ([[1.0]], [2.0]), ([[1.0, 2.0]], []), ([[1.0, 2.0], [3.0]], [1.0])],
    "winsorize": [([1.0, 2.0, 3.0, 100.0, -50.0, 4.0], 10.0, 90.0),
                  ([1.0, 2.0, 3.0], 0.0, 100.0), ([1.0], 5.0, 95.0), ([1.0, 2.0], 50.0, 150.0),
                  ([], 5.0, 95.0)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
