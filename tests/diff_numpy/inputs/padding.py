import numpy as np

rng = np.random.default_rng(31)
IMG = rng.standard_normal((3, 4)).astype(np.float32)
SIG = np.arange(5, dtype=np.float32)

INPUTS = {
    "pad_ids": [(np.array([101, 7, 102]), 6, 0), (np.array([101, 7, 102]), 3, 0),
                (np.array([101, 7, 102]), 2, 0), (np.zeros(0, dtype=np.int64), 2, -1)],
    "pad_batch": [([[1, 2, 3], [4], [5, 6]], 0), ([[1]], 9), ([[], [1, 2]], 0)],
    "pad_image": [(IMG, 1, "edge"), (IMG, 5, "reflect"), (IMG, 3, "symmetric"),
                  (IMG, -1, "edge"), (IMG[:0], 1, "edge"), (IMG[:1, :1], 3, "reflect")],
    "pad_empty": [(IMG[:0], 1), (IMG[:, :0], 2), (IMG, 0)],
    "pad_rows_only": [(IMG.astype(np.float64), 1, 2), (IMG.astype(np.float64), 0, 0),
                      (IMG.astype(np.float64), -2, 1)],
    "pad_float_ids": [(np.array([[1, 2], [3, 4]], dtype=np.int32), 2.7),
                      (np.array([[1, 2], [3, 4]], dtype=np.int32), -0.5),
                      (np.array([[7]], dtype=np.int32), 1e3)],
    "circular": [(SIG, 2), (SIG, 7), (SIG, 0), (SIG[:1], 3), (SIG[:0], 1)],
    "bad_widths": [(IMG, [(1, 2), (0, 1)]), (IMG, [(1, 2)]), (IMG, [(1, 2), (3, 4), (5, 6)]),
                   (IMG, []), (IMG, [(1, -2)])],
    "misspelt_mode": [(SIG, 1), (SIG, 0), (SIG, -1)],
}

CHECK_MESSAGES = True
