import numpy as np

BOXES = np.array([[0, 0, 10, 5.5], [1.5, 2, 3, 4.25], [2, 2, 2, 2]], dtype=np.float32)
COORDS = np.array([[3, 4], [10, 0], [7, 7]], dtype=np.int64)
CONF = np.array([0.9, 0.2, 0.5], dtype=np.float32)
SPANS = np.array([[0, 3], [5, 9]], dtype=np.int64)
PAIRS = np.array([[0.5, 4.0], [-1.5, 2.0], [np.nan, 1.0]])

INPUTS = {
    "box_areas": [(BOXES,), (BOXES[:0],), (BOXES[:, :3],), (np.zeros((1, 5), dtype=np.float32),)],
    "keypoints": [(COORDS, CONF, 2.0, 0.5), (COORDS, CONF[:2], 1.5, 0.0),
                  (COORDS[:0], CONF[:0], 1.0, 0.5), (np.arange(9).reshape(3, 3), CONF, 1.0, 0.5)],
    "span_report": [(SPANS,), (SPANS[:0],), (SPANS[:, :1],), (np.arange(8).reshape(2, 2, 2),)],
    "pair_products": [(PAIRS,), (PAIRS[:0],), (PAIRS[:, :1],), (np.ones((2, 3)),)],
    "widest": [(BOXES,), (BOXES[::-1],), (BOXES[:0],), (BOXES[:, :2],)],
    "accumulate": [(np.ones(3, dtype=np.float32), np.arange(6, dtype=np.float32).reshape(2, 3)),
                   (np.ones(3, dtype=np.float32), np.arange(3, dtype=np.float32)),
                   (np.ones(3, dtype=np.float32), np.arange(3, dtype=np.float32).reshape(1, 3)),
                   (np.ones((2, 3), dtype=np.float32), np.arange(3, dtype=np.float32)),
                   (np.ones((2, 3), dtype=np.float32), np.ones((2, 1), dtype=np.float32))],
}

# the raising inputs also compare their messages
CHECK_MESSAGES = True
