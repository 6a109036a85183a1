import numpy as np

rng = np.random.default_rng(11)
X = rng.random((2, 3)).astype(np.float32)
IMG = rng.integers(0, 256, size=(3, 4)).astype(np.uint8)
Q = np.array([[-128, 5, 127], [3, -7, 0]], dtype=np.int8)

INPUTS = {
    "int8_dot": [(Q[0], Q[1]), (Q[0], Q[0]), (Q[0], Q[1, :2])],
    "mixed_sum": [(np.array([200, 1], dtype=np.uint8), np.array([-128, 127], dtype=np.int8)),
                  (IMG, np.array([-1, 2, -3, 4], dtype=np.int8)),
                  (np.array([200, 1, 3], dtype=np.uint8), np.array([-128, 127], dtype=np.int8))],
    "promotions": [(IMG[0], np.array([1, -2, 3, 4], dtype=np.int16), np.array([1, 2, 65535, 0], dtype=np.uint16)), (IMG[1], np.array([-32768, 0, 32767, 1], dtype=np.int16), np.array([7, 7, 7, 7], dtype=np.uint16)), (IMG[0], np.array([1, 2], dtype=np.int16), np.array([1, 2, 3, 4], dtype=np.uint16))],
    "brighten": [(IMG, 100), (IMG, 0), (IMG, 255), (IMG, 256), (IMG, -1)],
    "brighten_saturating": [(IMG, 100), (IMG, -300), (IMG, 40000)],
    "mask_image": [(X, 0.5), (X, 2.0), (X[:, :0], 0.0)],
    "doubled": [(np.array([0, 1, 127, 128, 255], dtype=np.uint8),), (IMG[0],), (np.zeros(0, dtype=np.uint8),)],
    "int8_arith": [(np.array([-128, -7, 7, 100], dtype=np.int8), np.array([3, 2, -2, 0], dtype=np.int8)),
                   (np.array([1], dtype=np.int8), np.array([1, 2], dtype=np.int8)), (np.array([127, -128], dtype=np.int8), np.array([-1, -1], dtype=np.int8))],
    "threshold": [(IMG, 127), (IMG, 300), (IMG, -1)],
    "ids_u32": [(np.array([0, 4294967295, 7], dtype=np.uint32), 1), (np.array([1], dtype=np.uint32), -1),
                (np.array([1], dtype=np.uint32), 2**32)],
}

CHECK_MESSAGES = True
