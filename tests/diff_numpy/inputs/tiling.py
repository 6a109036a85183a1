import numpy as np

rng = np.random.default_rng(23)
R = rng.standard_normal(3).astype(np.float32)
W = rng.standard_normal((3, 4)).astype(np.float32)
V = rng.standard_normal(4).astype(np.float32)
H = rng.standard_normal((2, 3))

INPUTS = {
    "one_hot_rows": [([0, 2, 1], 3), ([], 4), ([1, 3], 3), ([0], 0)],
    "band_mask": [(4, 1), (3, 0), (5, 2), (0, 1)],
    "rect_eye": [(2, 3, 1), (3, 2, -1), (2, 2, 5), (-1, 2, 0), (2, -3, 0)],
    "position_grid": [(R, np.array([1, 2])), (R[:0], np.array([3])),
                      (np.array([[1.5], [2.5]], dtype=np.float32), np.array([[1, -1], [2, 0]]))],
    "rank_one_update": [(W, R, V, 0.1), (W, V, R, 0.5), (W[:2], R[:2], V, 1.0)],
    "bool_pairs": [(np.array([True, False, True]), np.array([True, True])),
                   (np.zeros(0, dtype=bool), np.array([True])),
                   (np.array([[True], [True]]), np.array([False, True]))],
    "batch_of_row": [(R, 2), (R, 0), (W, 2), (R, -1)],
    "tile_flat": [(np.array([1, 2], dtype=np.int32), 3), (np.array([[1], [2]], dtype=np.int32), 0),
                  (np.zeros(0, dtype=np.int32), -1), (np.array([7], dtype=np.int32), -2)],
    "word_ids_to_tokens": [(R, [1, 2, 3]), (R, [2]), (R, [0, 0, 1]), (R, [1, 2]), (R, [1, -1, 2]),
                           (R, [-1])],
    "beams": [(H, 2, 0), (H, 3, 1), (H, 2, -1), (H, 2, 2), (H, -1, 0), (H[:0], -1, 0)],
}

CHECK_MESSAGES = True
