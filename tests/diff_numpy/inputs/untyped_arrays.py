import numpy as np

rng = np.random.default_rng(11)
L32 = rng.standard_normal((3, 4)).astype(np.float32)
L64 = rng.standard_normal((2, 5))
I64 = np.array([[3, -1, 7], [0, 2, 2]])
I32 = np.array([[1, 9], [4, 4], [-3, 0]], dtype=np.int32)
B = np.array([[True, False, True], [False, False, True]])
H = rng.standard_normal((2, 3, 4)).astype(np.float32)
M = np.array([[1, 1, 0], [1, 0, 0]])
LABELS = ["neg", "neu", "pos", "other", "x", "y", "z"]
# one untyped array: every dtype but float16 and 64-bit unsigned; two: the first five
ACCEPTED = ("ndarray of dtype float32, float64, int64, int32, bool, int8, uint8, int16, uint16, "
            "uint32 or float16")
ACCEPTED_PAIR = "ndarray of dtype float32, float64, int64, int32 or bool"
# bool `-` raises
NUMERIC = ("ndarray of dtype float32, float64, int64, int32, int8, uint8, int16, uint16, uint32 "
           "or float16")

INPUTS = {
    "softmax": [(L32,), (L64,), (I64,), (I32,), (B,), (np.zeros((0, 3), dtype=np.float32),)],
    "classify": [(L32, LABELS), (L64, LABELS), (I64, LABELS[:2]), (I32, LABELS), (B, LABELS),
                 (np.array([[1, 2], [-3, 0]], dtype=np.int8), LABELS)],
    "mean_pool": [(H, M), (H.astype(np.float64), M.astype(np.int32)), (H.astype(np.int64), M.astype(bool)),
                  (H.astype(np.int32), M.astype(np.float32)), (H, M[:, :2]), (H.astype(np.float16), M)],
    "l2_normalize": [(L32,), (L64,), (I64,), (I32,), (B,), (np.zeros((2, 0)),)],
    "count_above": [(L32, 0.0), (L64, 0.5), (I64, 1.0), (B, 0.5),
                    (np.ones(3, dtype=np.uint8), 0.0), (np.ones(3, dtype=np.uint64), 0.0)],
    "total": [(L32,), (L64,), (I64,), (I32,), (B,), (np.zeros(0, dtype=np.int32),)],
    "top_k": [(L32[0], 2), (L64[1], 5), (I64[0], 4), (np.array([3, 3, 1], dtype=np.int32), 3),
              (B[0], 1)],
    "above": [(L32, 0.0), (L64, 0.1), (I64, 2.0), (I32, 1.5), (B, 0.5)],
    "preprocess": [(rng.integers(0, 256, (2, 3, 3), dtype=np.uint8),),
                   (rng.integers(0, 256, (4, 2, 3)).astype(np.uint16),),
                   (rng.uniform(0, 255, (2, 2, 3)).astype(np.float32),),
                   (np.zeros((2, 2, 3), dtype=np.uint8),), (np.ones((2, 3), dtype=np.uint8),),
                   (np.ones((1, 1, 3), dtype=np.uint64),)],
}

# Arrays of a dtype the entry is not compiled for: numpy computes (or raises
# another TypeError: a bool subtraction, a bool negation), the compiled entry raises
# this TypeError before running (compared exactly).
REFUSED = {
    ("softmax", 4): f"softmax() argument 'logits' must be {NUMERIC}, not ndarray[bool]",
    ("mean_pool", 5): f"mean_pool() argument 'hidden' must be {ACCEPTED_PAIR}, not ndarray[float16]",
    ("count_above", 5): f"count_above() argument 'x' must be {ACCEPTED}, not ndarray[uint64]",
    ("preprocess", 5): f"preprocess() argument 'image' must be {ACCEPTED}, not ndarray[uint64]",
    ("top_k", 4): f"top_k() argument 'scores' must be {NUMERIC}, not ndarray[bool]",
}
