import numpy as np

rng = np.random.default_rng(3)
L = rng.standard_normal((3, 4)).astype(np.float32) * 3
L64 = rng.standard_normal((2, 5))
LABELS = ["neg", "neu", "pos", "mixed"]
P = np.array([[0.5, 0.5, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25], [1.0, 0.0, 0.0, 0.0]], dtype=np.float32)

INPUTS = {
    "softmax": [(L,), (np.array([1000.0, 1001.0, 1002.0], dtype=np.float32),), (np.zeros((2, 3), dtype=np.float32),),
                (np.zeros((2, 0), dtype=np.float32),)],
    "log_softmax": [(L64,), (np.array([0.0, 0.0]),), (np.array([[-1000.0, 0.0]]),)],
    "predict_labels": [(L, LABELS), (L[:1].copy(), LABELS), (L, ["a", "b"]), (np.array([0.1, 0.9, 0.3, 0.2], dtype=np.float32), LABELS)],
    "sigmoid_threshold": [(L, 0.5), (L, 0.9), (np.array([-100.0, 0.0, 100.0], dtype=np.float32), 0.5)],
    "top_k": [(np.array([0.1, 0.7, 0.3, 0.9], dtype=np.float32), 2), (np.array([0.1, 0.7, 0.3], dtype=np.float32), 5),
              (np.array([0.5, 0.2], dtype=np.float32), 0), (np.array([2.0, 1.0, 2.0, 1.0], dtype=np.float32), 3)],
    "top1_confidence": [(L,), (np.array([[0.0, 0.0]], dtype=np.float32),), (np.zeros((0, 3), dtype=np.float32),)],
    "entropy": [(P,), (np.array([0.5, 0.5], dtype=np.float32),), (np.array([[0.9, 0.1]], dtype=np.float32),)],
    "multilabel": [(L, LABELS, 0.5), (L, LABELS, 0.99), (np.zeros((1, 4), dtype=np.float32), LABELS, 0.5)],
    "gelu": [(L,), (np.array([-3.0, 0.0, 3.0], dtype=np.float32),), (np.zeros((0, 2), dtype=np.float32),)],
    "accuracy": [(np.array([1, 2, 3]), np.array([1, 0, 3])), (np.array([[1, 1], [0, 0]]), np.array([1, 0])),
                 (np.array([1, 2, 3]), np.array([1, 2, 3, 4]))],
}
