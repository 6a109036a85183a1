import numpy as np

CHECK_MESSAGES = True

F32 = np.array([0.1, 0.2, 0.3, 0.7, 0.25], dtype=np.float32)
F64 = np.array([0.1, 0.2, 0.3, 0.7, 0.25])
# dyadic values: sums exact in any order (summation_order checks numpy's order)
DYADIC = [0.5, 0.25, 1.5, 2.0, 0.75, -0.125]

INPUTS = {
    "float32_texts": [(np.array(DYADIC, dtype=np.float32),), (np.array([[1.5, -2.25], [0.5, 4.0]], dtype=np.float32),),
                      (np.array([0.3], dtype=np.float32),),
                      (np.zeros(0, dtype=np.float32),)],
    "float64_texts": [(np.array(DYADIC),), (np.array([[1.5, -2.25], [0.5, 4.0]]),), (np.array([0.3]),),
                      (np.zeros(0),)],
    "arithmetic": [(F32,), (np.array([[-1.5, 2.0]], dtype=np.float32),),
                   (np.array([0.3, 0.3], dtype=np.float32),)],
    "inner": [(np.array([0.5, -1.0, 2.0], dtype=np.float32),
               np.array([1.0, 2.0, 3.0], dtype=np.float32)),
              (np.array([[0.1, 0.2]], dtype=np.float32), np.array([0.3, 0.4], dtype=np.float32)),
              (np.array([1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0, 3.0], dtype=np.float32))],
    "ints": [(np.array([3, -1, 7], dtype=np.int32),),
             (np.array([[2147483647, 1]], dtype=np.int32),),
             (np.zeros(0, dtype=np.int32),)],
    "score": [(np.array([0.1, 0.2]), np.array([0.3, 0.4])), (np.array([1.0]), np.array([2.0])),
              (np.array([1.0, 2.0]), np.array([1.0]))],
    "top": [(F64,), (np.array([[0.5, 0.5, -1.0]]),), (np.zeros(0),)],
    "empty_max": [(F32,), (np.array([[7.5]], dtype=np.float32),), (np.zeros(0, dtype=np.float32),)],
}
