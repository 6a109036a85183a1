INPUTS: dict[str, list[tuple]] = {
    "pad_rows": [([[101, 7, 102], [101, 102], [5]], 0), ([[1, 2]], -1), ([[]], 3)],
    "fill_scores": [(3, [[0.5, 1.5], [2.0, -1.0]]), (3, [[1.0]]), (2, [[1.0, 2.0]]),
                    (1, [[]])],
    "lengths_mask": [([3, 1, 0], 3), ([2], 4), ([4], 3)],
    "segment_ids": [([101, 5, 102], [7, 102]), ([1], []), ([], [2, 3])],
    "windows": [(list(range(10)), 4, 3), ([1, 2], 4, 2), (list(range(7)), 3, 3), ([], 2, 1)],
    "id_array": [([101, 7, 102], [True, False, True]), ([5], [False]), ([], [True]),
                 ([1, 2], [])],
    "stack_batches": [([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], 2), ([[0.5]], 1), ([], 2)],
}

CHECK_MESSAGES = True

# numpy makes an empty list float64; compiled code's dtype is fixed when compiling, so
# it raises pycomp's ValueError naming the dtype= to pass (warning W008 when building).
REFUSED = {
    ("id_array", 2): ValueError(
        "pycomp: np.array of a list with no ints is a float64 array in numpy, but this "
        "compiled array is int64 (its dtype is fixed when compiling); pass dtype=np.int64 "
        "or dtype=np.float64"),
    ("id_array", 3): ValueError(
        "pycomp: np.array of a list with no bools is a float64 array in numpy, but this "
        "compiled array is bool (its dtype is fixed when compiling); pass dtype=np.bool "
        "or dtype=np.float64"),
}
