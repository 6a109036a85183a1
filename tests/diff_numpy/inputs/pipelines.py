import numpy as np

_g = np.random.default_rng(5)
HIDDEN = _g.standard_normal((3, 4, 5)).astype(np.float32)
MASK = np.array([[1, 1, 1, 0], [1, 1, 1, 1], [1, 0, 0, 0]])
A = _g.standard_normal((3, 4)).astype(np.float32)
B = _g.standard_normal((5, 4)).astype(np.float32)
SCORES = _g.standard_normal((3, 6)).astype(np.float32)
LOGITS = _g.standard_normal((4, 4)).astype(np.float32) * 2
BOXES = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 9, 10],
                  [21, 19, 29, 31]], dtype=np.float32)
BOX_SCORES = np.array([0.9, 0.8, 0.75, 0.6, 0.95], dtype=np.float32)

INPUTS = {
    "embed": [(HIDDEN, MASK), (HIDDEN, np.zeros((3, 4), dtype=np.int64)), (HIDDEN[:1], MASK[:1]),
              (HIDDEN, MASK[:, :3])],
    "cosine_matrix": [(A, B), (A, A), (A[:0], B), (A, B[:, :3])],
    "top_k_with_scores": [(SCORES, 2), (SCORES, 0), (SCORES, 10), (SCORES[:0], 3)],
    "classify": [([[0.1, 2.0, -1.0], [3.0, 0.5, 0.2]],), ([[1.0, 1.0, 1.0]],),
                 ([[0.1, 2.0, -1.0, 4.0]],), ([[0.1, 2.0], [1.0]],)],
    "classify_one": [([0.1, 2.0, -1.0],), ([-5.0, -5.0, 30.0],), ([],), ([1.0, 2.0, 3.0, 9.0],)],
    "multilabel": [(LOGITS, 0.5), (LOGITS, 0.9), (LOGITS, 0.0), (LOGITS[:, :5], 0.5)],
    "nms": [(BOXES, BOX_SCORES, 0.5), (BOXES, BOX_SCORES, 0.0), (BOXES[:1], BOX_SCORES[:1], 0.5),
            (BOXES[:0], BOX_SCORES[:0], 0.5), (BOXES, BOX_SCORES[:3], 0.5)],
    "box_report": [([[0.0, 0.0, 10.0, 5.5], [1.5, 2.0, 3.0, 4.25]],), ([[0.0, 0.0, 0.0, 0.0]],),
                   ([[1.0, 2.0, 3.0]],), ([[1.0, 2.0, 3.0, 4.0, 5.0]],)],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
