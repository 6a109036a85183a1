import numpy as np

P = np.array([[0.1, 0.9, 0.0], [0.7, 0.2, 0.1]])
REFUSED_INT = ("pycomp: np.array of a list with no ints is a float64 array in numpy, but this "
               "compiled array is int64 (its dtype is fixed when compiling); pass "
               "dtype=np.int64 or dtype=np.float64")
REFUSED_BOOL = ("pycomp: np.asarray of a list with no bools is a float64 array in numpy, but "
                "this compiled array is bool (its dtype is fixed when compiling); pass "
                "dtype=np.bool or dtype=np.float64")

INPUTS = {
    "id_summary": [([101, 7, 102],), ([-3],), ([],)],
    "mask_rows": [([[True, False], [False, False]],), ([[True], [False, True]],), ([[]],),
                  ([[], []],)],
    "typed_ids": [([1, 2, 3],), ([],), ([2**40],)],
    "float_values": [([1.5, -2.0],), ([],), ([float("nan")],)],
    "picked": [(P, [0, 1], [1, 0]), (P, [], []), (P, [2], [0]), (P, [0], [5])],
    "list_stats": [([1, 4, 9], [True, False]), ([], []), ([0], [True])],
    "best": [([3, 9, 2],), ([5, 5],), ([],)],
}

CHECK_MESSAGES = True

# numpy makes an empty list float64; compiled code's dtype is fixed when compiling, so
# it raises pycomp's ValueError naming the dtype= to pass (warning W008 when building).
REFUSED = {
    ("id_summary", 2): ValueError(REFUSED_INT),
    ("mask_rows", 2): ValueError(REFUSED_BOOL),
    ("mask_rows", 3): ValueError(REFUSED_BOOL),
}
