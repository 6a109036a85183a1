import numpy as np

_g = np.random.default_rng(21)
HIDDEN = _g.standard_normal((3, 5, 4)).astype(np.float32)
MASK = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]])
LOGITS = _g.standard_normal((2, 6)).astype(np.float32)
SCORES = _g.standard_normal(8).astype(np.float32)
L64 = _g.standard_normal(5)
Q = _g.standard_normal(4).astype(np.float32)
DOCS = _g.standard_normal((6, 4)).astype(np.float32)

INPUTS = {
    "sentence_embeddings": [(HIDDEN, MASK), (HIDDEN, np.zeros((3, 5), dtype=np.int64)),
                            (HIDDEN[:1], MASK[:1]), (HIDDEN, MASK[:2])],
    "temperature_probs": [(LOGITS, 1.0), (LOGITS, 0.25), (LOGITS[0], 2.0),
                          (LOGITS, 0.0)],
    "top_k": [(SCORES, 3), (SCORES, 0), (SCORES, 20), (np.zeros(0, dtype=np.float32), 2)],
    "labels_over": [(L64, ["a", "b", "c", "d", "e"], 0.2), (L64, ["a", "b", "c", "d", "e"], 0.9),
                    (L64, ["a", "b", "c", "d", "e", "f"], 0.1)],
    "standardize": [(L64, np.arange(4.0)), (np.ones(3), L64), (np.zeros(0), L64)],
    "similarity": [(Q, DOCS), (Q, DOCS[:0]), (Q[:3], DOCS)],
    "threshold_report": [(SCORES, [f"c{i}" for i in range(8)], 0.1), (SCORES, ["a", "b"], -5.0),
                         (SCORES, [], 0.0), (SCORES, ["a", "b", "c"], 1e40)],
    "label_histogram": [(np.array([2, 0, 2, 1, 2]), ["a", "b", "c"]), (np.array([1, 1]), ["a", "b"]),
                        (np.array([3, 0]), ["a", "b"]), (np.zeros(0, dtype=np.int64), ["a"])],
    "quantize": [(0.5, 3), (-0.999, -2**31), (float("nan"), 1), (1e30, 1), (0.25, 2**31),
                 (float("-inf"), 0)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
