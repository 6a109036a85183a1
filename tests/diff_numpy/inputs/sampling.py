import numpy as np

_g = np.random.default_rng(5)
LOGITS = _g.standard_normal(32).astype(np.float32)
WIDE = (_g.standard_normal(2000) * 3).astype(np.float32)
NAN = LOGITS.copy()
NAN[3] = np.nan
X = _g.standard_normal(12).astype(np.float32)
VALUES = _g.standard_normal(20)
NAMES = [f"doc{i}" for i in range(11)]

INPUTS = {
    "sample_tokens": [(LOGITS, 0.7, 0, 25), (LOGITS, 1.5, 2**40 + 3, 25), (WIDE, 1.0, 7, 40),
                      (NAN, 1.0, 1, 3), (LOGITS, 1.0, -1, 3)],
    "top_k_sample": [(LOGITS, 5, 3), (LOGITS, 1, 3), (WIDE, 50, 11), (LOGITS, 0, 3)],
    "dropout": [(X, 0.1, 0), (X, 0.5, 123), (np.zeros(0, dtype=np.float32), 0.5, 1)],
    "jitter": [(3, 4, 0.1, 8), (0, 2, 1.0, 8), (2, 2, -1.0, 8), (-1, 2, 1.0, 8)],
    "batches": [(10, 3, 1), (7, 7, 2), (0, 2, 3), (100, 32, 2**33)],
    "shuffled_epoch": [(np.arange(12, dtype=np.float32).reshape(6, 2), 5), (np.arange(5, dtype=np.float32), 0),
                       (np.zeros((0, 3), np.float32), 1), (np.ones((), np.float32), 1)],
    "split_names": [(NAMES, 0.8, 4), (NAMES[:1], 0.5, 4), ([], 0.5, 4)],
    "dice": [(42, 10, 6), (42, 5, 1), (9, 20, 2**40), (1, 3, 0)],
    "bootstrap_means": [(VALUES, 5, 0), (VALUES[:1], 3, 1), (np.zeros(0), 2, 1)],
    "noise_report": [(3, 5), (2**50, 2), (0, 0)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
