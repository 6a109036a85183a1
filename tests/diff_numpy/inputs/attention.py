import numpy as np

rng = np.random.default_rng(5)
Q = rng.standard_normal((3, 4)).astype(np.float32)
K = rng.standard_normal((5, 4)).astype(np.float32)
V = rng.standard_normal((5, 2)).astype(np.float32)
MASK = np.array([[True, True, False, True, False], [True, False, False, False, False], [True] * 5])
X = np.arange(12, dtype=np.float32).reshape(3, 4)
XB = rng.standard_normal((2, 3, 4)).astype(np.float32)

INPUTS = {
    "attention_scores": [(Q, K), (Q[:1].copy(), K), (Q, np.ones((2, 3), dtype=np.float32))],
    "scores_np_sqrt": [(Q, K), (Q[:1].copy(), K), (Q, np.ones((2, 3), dtype=np.float32))],
    "masked_attention": [(Q, K, V, MASK), (Q, K, V, np.ones((3, 5), dtype=np.bool)), (Q, K, V[:3].copy(), MASK)],
    "split_heads": [(X, 2), (X, 4), (X, 3), (np.zeros((0, 6), dtype=np.float32), 3)],
    "merge_heads": [(XB,), (np.ones((1, 2, 3), dtype=np.float32),), (X,)],
    "concat_batches": [(Q, Q), (Q, K), (Q, V), (np.zeros((0, 4), dtype=np.float32), Q)],
    "stack_rows": [([[1.0, 2.0], [3.0, 4.5]],), ([[0.1]],), ([[1.0, 2.0], [3.0]],), ([],)],
    "pairwise_sq_dists": [(Q, K), (X, X), (Q, V)],
    "linear": [(Q, np.ones((4, 2), dtype=np.float32), np.array([0.5, -0.5], dtype=np.float32)),
               (XB, np.eye(4, dtype=np.float32), np.zeros(4, dtype=np.float32)),
               (Q, np.ones((3, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))],
    "batched_matmul": [(XB, np.ones((4, 2), dtype=np.float32)), (XB, XB.transpose(0, 2, 1).copy()),
                       (XB, np.ones((3, 2), dtype=np.float32))],
}

# Known differences from numpy (tests marked xfail, strict): the reason.
XFAIL = {
    ("stack_rows", 3): "np.array([]) is 1-D in numpy (an empty list shows no nesting); the "
                       "compiled list[list[float]] gives a (0, 0) array of the typed rank",
}
