import numpy as np

CHECK_MESSAGES = True

F32 = np.array([0.1, 0.2, 0.3, 1e-5, 123456789.0], dtype=np.float32)

INPUTS = {
    "item_texts": [(F32,), (np.array([[0.7, -2.5], [1e6, 0.30000001]], dtype=np.float32),),
                   (np.array([0.5], dtype=np.float32),)],
    "cell_texts": [(np.array([[0.1, 0.7], [0.2, 0.3]], dtype=np.float32),),
                   (np.array([[0.25, 0.5, 1e-7]], dtype=np.float32),),
                   (np.array([[0.25]], dtype=np.float32),)],
    "int_items": [(np.array([7, 2]),), (np.array([[-9]]),), (np.zeros(0, dtype=np.int64),)],
    "int32_items": [(np.array([7, 2], dtype=np.int32),),
                    (np.array([2147483647, 0], dtype=np.int32),),
                    (np.array([3], dtype=np.int32),)],
    "round_trips": [(np.array([0.1, 2.7, 0.3], dtype=np.float32),),
                    (np.array([-1.5, -2.7, 1e-8], dtype=np.float32),),
                    (np.array([0.1, np.nan, 0.3], dtype=np.float32),)],
    "above": [(np.array([0.1, 0.7, 0.3], dtype=np.float32), 0.2),
              (np.array([np.nan, 0.5], dtype=np.float32), 0.0),
              (np.zeros(0, dtype=np.float32), 0.0)],
    "label_of": [(np.array([1, 0]), ["a", "b"]), (np.array([-1]), ["a", "b"]),
                 (np.array([5]), ["a", "b"])],
    "running_best": [(np.array([0.1, 0.7, 0.3], dtype=np.float32),),
                     (np.array([[0.5, 0.25]], dtype=np.float32),),
                     (np.zeros(0, dtype=np.float32),)],
    "top_by_key": [(np.array([0.1, 0.7, 0.7, 0.2], dtype=np.float32), 2),
                   (np.array([0.7, np.nan, 0.9], dtype=np.float32), 3),
                   (np.zeros(0, dtype=np.float32), 1)],
    "flags": [(np.array([True, False]),), (np.array([[False, True]]),), (np.array([True]),)],
}
