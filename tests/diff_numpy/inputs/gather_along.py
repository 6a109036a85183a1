import numpy as np

_g = np.random.default_rng(41)
LOGITS = _g.standard_normal((4, 3)) * 2
LABELS = np.array([0, 2, 1, 1], dtype=np.int64)
SCORES = np.array([[0.5, 0.9, 0.1, 0.9], [0.3, 0.3, 0.3, 0.3], [np.nan, 0.2, 1.0, -1.0]],
                  dtype=np.float32)
LOGP = _g.standard_normal((2, 3, 5)).astype(np.float32)
IDS = np.array([[4, 0, 2], [1, 1, -1]], dtype=np.int64)
TABLE = np.arange(12, dtype=np.int64).reshape(3, 4)
X = _g.standard_normal((3, 4)).astype(np.float32)

INPUTS = {
    "label_nll": [(LOGITS, LABELS), (LOGITS, np.array([0, -1, 2, 0], dtype=np.int64)),
                  (LOGITS, np.array([0, 3, 1, 1], dtype=np.int64)), (LOGITS[:0], LABELS[:0]),
                  (LOGITS, LABELS[:2])],
    "topk_scores": [(SCORES, 2), (SCORES, 0), (SCORES, 9), (SCORES[:0], 2)],
    "token_scores": [(LOGP, IDS), (LOGP, IDS[:1]), (LOGP, np.array([[5, 0, 0], [0, 0, 0]], dtype=np.int64)),
                     (LOGP, IDS[:, :2])],
    "pick_rows": [(TABLE, np.array([2, 0, 1, 1], dtype=np.int64)), (TABLE, np.array([-3, 0, 0, 2], dtype=np.int64)),
                  (TABLE, np.array([0], dtype=np.int64)), (TABLE, np.array([0, 1], dtype=np.int64)),
                  (TABLE, np.array([3, 0, 0, 0], dtype=np.int64))],
    "sort_columns": [(X,), (X[:, :1],), (X[:0],)],
    "gather": [(X, np.array([[1], [0], [3]], dtype=np.int32), 1), (X, np.array([[2, 0, 1, 0]], dtype=np.int32), 0),
               (X, np.array([[1], [0], [3]], dtype=np.int32), -2), (X, np.array([[1], [0], [3]], dtype=np.int32), 2),
               (X[:1], np.array([[1], [2]], dtype=np.int32), 1), (X, np.zeros((3, 0), dtype=np.int32), 1)],
    "qkv_shapes": [(np.zeros((2, 3, 12), dtype=np.float32), 2), (np.zeros((1, 2, 6), dtype=np.float32), 1),
                   (np.zeros((2, 3, 10), dtype=np.float32), 2), (np.zeros((2, 3, 0), dtype=np.float32), 1)],
    "batches": [(X, 2), (X, 5), (X, 1), (X, 0), (X[:0], 3)],
    "pieces": [(np.arange(6, dtype=np.int64), [2, 5]), (np.arange(6, dtype=np.int64), [4, 2, 9, -1]),
               (np.arange(6, dtype=np.int64), []), (np.arange(0, dtype=np.int64), [1])],
    "score_bins": [(np.array([0.25, 0.5, np.nan, -np.inf, 1.0, 0.6], dtype=np.float32), [0.25, 0.5, 0.75], False),
                   (np.array([0.25, 0.5, 0.1, 0.9], dtype=np.float32), [0.75, 0.5, 0.5, 0.25], True),
                   (np.array([0.25, 0.5], dtype=np.float32), [], False),
                   (np.array([0.25, 0.5], dtype=np.float32), [0.5, 0.2, 0.7], False),
                   (np.array([0.3], dtype=np.float32), [0.5, 0.5], True)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
