import numpy as np

rng = np.random.default_rng(31)
EDGES = np.array([0.0, 0.25, 0.5, 0.75, 1.0], dtype=np.float32)
SC = np.array([0.1, 0.25, 0.9, -1.0, 1.0, np.nan], dtype=np.float32)
PROBS = np.array([0.1, 0.2, 0.3, 0.4])
VALS = np.array([30, 10, 20, 10, 40])
FV = rng.standard_normal(6)

INPUTS = {
    "bucketize": [(SC, EDGES), (SC[:0], EDGES), (SC, EDGES[:0]), (SC, EDGES[::-1])],
    "sample_from_cdf": [(PROBS, np.array([0.0, 0.05, 0.1, 0.35, 0.99, 1.0])),
                        (PROBS, np.zeros(0)), (PROBS[:1], np.array([0.5, 2.0]))],
    "threshold_index": [(np.sort(SC[:5]), 0.25), (np.sort(SC[:5]), 5.0),
                        (np.array([0.1, 0.2], dtype=np.float32), 0.1),
                        (np.zeros(0, dtype=np.float32), 1.0)],
    "rank_of": [(VALS, 10, "left"), (VALS, 10, "right"), (VALS, 25, "left"), (VALS, 10, "up"),
                (VALS, 10, "Left"), (VALS[:0], 1, "left")],
    "ranks_of": [(FV, np.array([-1.0, 0.0, 3.0]), np.argsort(FV)),
                 (FV, np.array([0.0]), np.argsort(FV)[:3]),
                 (FV, np.array([0.0]), np.array([0, 1, 2, 3, 4, 99]))],
    "search_2d": [(np.ones((2, 2)), 1.0), (np.ones(3), 1.0), (np.ones((1, 3, 2)), 0.5),
                  (np.array(2.0), 1.0)],
    "positions": [(np.array([1, 3, 5], dtype=np.int32), np.array([[0, 3], [6, 4]], dtype=np.int32)),
                  (np.array([1, 3, 5], dtype=np.int32), np.zeros((0, 2), dtype=np.int32)),
                  (np.array([5, 3, 1], dtype=np.int32), np.array([[2]], dtype=np.int32))],
}

CHECK_MESSAGES = True
