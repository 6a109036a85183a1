import numpy as np

rng = np.random.default_rng(11)
Q = rng.standard_normal(4).astype(np.float32)
DOCS = rng.standard_normal((6, 4)).astype(np.float32)
LOGITS = rng.standard_normal((3, 4)).astype(np.float32)
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
NER = np.array([[5, 0, 0, 0, 0], [0, 5, 0, 0, 0], [0, 0, 5, 0, 0], [0, 0, 0, 0, 5],
                [5, 0, 0, 0, 0], [0, 0, 0, 5, 0]], dtype=np.float32)
F32 = np.array([0.1, 1e-5, 1e-4, 123456789.0, 1e6, 999999.0, 3.0, -0.0, np.nan, -np.inf,
                0.30000001, 1.5e-45, 2.5], dtype=np.float32)
NAMES = [f"s{i}" for i in range(len(F32))]

INPUTS = {
    "pick_rows": [(np.array([[1.0], [2.0], [3.0]], dtype=np.float32), [2, 0]),
                  (np.array([[1.0]], dtype=np.float32), [3]),
                  (np.zeros((0, 1), dtype=np.float32), [])],
    "cosine_topk": [(Q, DOCS, 3), (Q, DOCS, 0), (Q, DOCS, 10), (Q, DOCS[:, :3], 2)],
    "threshold": [(np.array([0.1, 0.7, 0.3, 0.9], dtype=np.float32), 0.5),
                  (np.zeros(0, dtype=np.float32), 0.1),
                  (np.array([[0.1]], dtype=np.float32), 0.5)],
    "argmax_labels": [(LOGITS, ["a", "b", "c", "d"]), (LOGITS, ["a"]),
                      (LOGITS[0], ["a", "b", "c", "d"])],
    "decode_spans": [(NER, TAGS), (NER[:3], TAGS), (np.zeros((0, 5), dtype=np.float32), TAGS),
                     (NER, TAGS[:2]), (np.float32(1.0) * NER[0], TAGS)],
    "report": [(F32, NAMES), (np.array([[0.5, 0.25]], dtype=np.float32), ["a", "b"]),
               (np.zeros(0, dtype=np.float32), ["a"])],
    "scalar_texts": [(np.array([[3, -7]], dtype=np.int32), np.array([True, False]), np.array([0.1, 1e-5, 1e16])),
                     (np.zeros(0, dtype=np.int32), np.zeros((1, 1), dtype=np.bool), np.array([[np.nan, -0.0]])),
                     (np.array(5, dtype=np.int32), np.array([True]), np.array([2.0]))],
    "lengths": [(np.array([[1, 1, 0], [1, 0, 0]]), 0), (np.array([[1, 1, 1]]), 0),
                (np.array(5), 0), (np.zeros((0, 3), dtype=np.int64), 0)],
    "best_per_row": [(np.array([[0.1, 0.7, 0.2], [0.5, 0.5, 0.0]], dtype=np.float32), ["a", "b", "c"]),
                     (np.array([[0.1, 0.7, 0.2]], dtype=np.float32), ["a"]),
                     (np.zeros((0, 3), dtype=np.float32), ["a"])],
    "nested": [(np.arange(6, dtype=np.float32).reshape(2, 3) / 4, np.array([1, 2, 3])),
               (np.array(0.5, dtype=np.float32), np.zeros((2, 0, 1), dtype=np.int64)),
               (np.zeros((1, 1, 1, 2), dtype=np.float32), np.array(7))],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
