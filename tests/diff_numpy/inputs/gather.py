import numpy as np

P = np.array([[0.1, 0.9], [0.7, 0.3]], dtype=np.float32)

INPUTS = {
    "true_label_probs": [(P, [1, 0]), (P[:1], [2]), (P[:1], [0, 1]), (P[:0], [])],
    "one_hot": [([0, 2, 1], 3), ([], 2), ([3], 2), ([-1], 2)],
    "nll": [(np.array([[0.25, 0.75], [0.5, 0.5]]), np.array([1, 0])),
            (np.array([[1.0, 0.0]]), np.array([0])),
            (np.array([[0.5, 0.5]]), np.array([0, 1]))],
    "first_col": [(np.arange(6).reshape(3, 2), [2, 0]), (np.arange(6).reshape(3, 2), []),
                  (np.arange(6).reshape(3, 2), [3])],
    "scatter": [(np.zeros((2, 2), dtype=np.float32), [0, 1], [1, 0],
                 np.array([5.0, 6.0], dtype=np.float32)),
                (np.zeros((2, 2), dtype=np.float32), [0, 1], [1, 0],
                 np.array([5.0, 6.0, 7.0], dtype=np.float32)),
                (np.zeros((2, 2), dtype=np.float32), [1, 1], [0, 0],
                 np.array([5.0, 6.0], dtype=np.float32)),
                (np.zeros((2, 2), dtype=np.float32), [0], [0, 1],
                 np.array([9.0], dtype=np.float32))],
}
