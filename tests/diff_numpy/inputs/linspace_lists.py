import numpy as np

rng = np.random.default_rng(28)
CONF = rng.uniform(0.0, 1.0, 40)
CORRECT = rng.uniform(0.0, 1.0, 40) < CONF

INPUTS = {
    "bin_edges": [(10,), (3,), (0,), (-2,)],
    "expected_calibration_error": [(CONF, CORRECT, 10), (CONF, CORRECT, 3), (CONF[:0], CORRECT[:0], 5),
                                   (CONF, CORRECT[:5], 5), (CONF, CORRECT, -1)],
    "thresholds": [(0.1, 0.7, 13, True), (0.0, 1.0, 7, False), (2.0, 3.0, 1, True),
                   (0.0, 1.0, 0, True), (1e308, -1e308, 3, True), (0.0, 1.0, -1, True)],
    "temperature_grid": [(5,), (8,), (1,), (0,), (-4,)],
    "grid_step": [(0.0, 1.0), (0.3, 0.3), (-1.5, 2.25), (1.0, 0.0)],
    "best_label": [([0.1, 0.7, 0.2],), ([2.0, 2.0, 1.0],), ([float("nan"), 1.0, 0.0],), ([],),
                   ([0.1, 0.2, 0.3, 0.4],)],
    "closest": [([1, 5, 9], 6), ([3], 0), ([], 2), ([-4, 4], 0)],
    "summary": [([1.0, 2.5, -3.0],), ([0.5],), ([float("nan"), 1.0],), ([],)],
    "int_summary": [([1, 2, 5],), ([7],), ([],)],
    "flags": [([True, False], [4.0, 2.0]), ([True, True], [-1.0, 0.0]), ([], [])],
}

CHECK_MESSAGES = True
