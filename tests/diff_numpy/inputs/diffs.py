import numpy as np

_g = np.random.default_rng(31)
ENERGY = np.array([0.1, 0.9, 0.8, 0.2, 0.7, 0.7, 0.7, 0.05], dtype=np.float32)
FEATS = _g.standard_normal((3, 5)).astype(np.float32)
TRACK = np.array([1.0, 4.0, 9.0, 16.0, 25.0, 36.5])
MASK = np.array([False, False, True, True, False, True])
ROW = np.array([10, 3, 250, 250, 0], dtype=np.uint8)
X = _g.standard_normal((2, 3, 8)).astype(np.float32)
X4 = _g.standard_normal((2, 2, 3, 4)).astype(np.float32)
LOGITS = np.array([1.5, -np.inf, 0.0, np.inf, -np.inf, np.nan], dtype=np.float32)

INPUTS = {
    "speech_segments": [(ENERGY, 0.5, 160), (ENERGY, 0.0, 10), (ENERGY, 2.0, 10),
                        (ENERGY[:0], 0.5, 10)],
    "feature_deltas": [(FEATS, 1), (FEATS, 0), (FEATS, -1), (FEATS[:, :1], 1), (FEATS, 2)],
    "acceleration": [(TRACK, 1), (TRACK, 2), (TRACK, 6), (TRACK, 9), (TRACK, -1)],
    "change_points": [(MASK,), (MASK[:1],), (np.ones(4, dtype=bool),), (MASK[:0],)],
    "pixel_steps": [(ROW,), (ROW[::-1],), (ROW[:1],), (ROW[:0],)],
    "above": [(FEATS[0], 0.0), (LOGITS, 0.5), (FEATS[0], 9.0), (FEATS[0, :0], 0.0)],
    "split_heads": [(X, 2), (X, 8), (X, 3), (X[:0], 4)],
    "merge_heads": [(X4,), (X4[:, :0],), (X4[:0],)],
    "allowed_tokens": [(LOGITS,), (np.full(3, -np.inf, dtype=np.float32),),
                       (np.zeros(2, dtype=np.float32),), (LOGITS[:0],)],
    "best_span": [(FEATS[0], FEATS[1], 2), (FEATS[0], FEATS[1], 1), (FEATS[0], FEATS[1], 0),
                  (FEATS[0], FEATS[1], 9), (FEATS[0, :0], FEATS[1, :0], 2)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
