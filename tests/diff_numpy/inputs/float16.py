import numpy as np

rng = np.random.default_rng(16)
H = (rng.standard_normal(12) * 3).astype(np.float16)
M = (rng.standard_normal((3, 5)) * 100).astype(np.float16)
U8 = rng.integers(0, 256, size=12).astype(np.uint8)
TENTHS = np.full(5000, 0.1, dtype=np.float16)

INPUTS = {
    "half_scores": [(np.array([0.1, 1 / 3, 65519.0, 65520.0, -1e6, 6e-8, 2e-8, np.nan], dtype=np.float32),),
                    (rng.standard_normal((2, 3)).astype(np.float32),),
                    (np.zeros(0, dtype=np.float32),)],
    "scale_half": [(H, 0.1), (H, 1e5), (H, -2.0), (H[:0], 3.0)],
    "half_promotions": [(H, U8), (H[:3], U8[:3]), (H, U8[:5])],
    "half_sum": [(TENTHS,), (H,), (np.array([65504, 65504, -65504], dtype=np.float16),),
                 (np.zeros(0, dtype=np.float16),)],
    "half_rows": [(M,), (M[:, :1],), (M[:0],)],
    "half_scalars": [(0.1, 1000), (1 / 3, 2049), (1e-5, -7), (70000.0, 65504), (0.00015, 3),
                     (float("nan"), 0)],
    "half_print": [(H,), (M,), (np.array([0.1, 1000, 1 / 3], dtype=np.float16),),
                   (np.array([1e-5, 1], dtype=np.float16),), (np.array([np.inf, -np.inf, np.nan, 1.5], dtype=np.float16),),
                   (np.zeros((2, 0), dtype=np.float16),)],
    "half_compare": [(H, 0.1), (np.array([0.1, 0.2, 0.1], dtype=np.float16), 0.1), (H, 70000.0)],
    "half_softmax": [(H,), (M[0],), (np.array([65504, 0], dtype=np.float16),)],
    "half_index": [(H, 0), (H, -1), (H, 12), (H[:0], 0)],
}

CHECK_MESSAGES = True
