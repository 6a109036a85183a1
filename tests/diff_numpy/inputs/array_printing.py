import numpy as np

rng = np.random.default_rng(31)
L = rng.standard_normal((2, 5)).astype(np.float32)
E = rng.standard_normal(1500)
F = rng.standard_normal(24).astype(np.float32)

INPUTS = {
    "log_probs": [(L,), (L * 30,), (L[:0],), (L[0],)],
    "embedding_repr": [(E,), (E[:40],), (E[:3] * 1e-5,), (np.array([np.nan, np.inf, -np.inf, 1.5]),),
                       (np.zeros((2, 0)),), (np.arange(12.0).reshape(2, 3, 2),)],
    "scaled": [(E[:6], 1.0), (E[:6], 1e9), (E[:6], 1e-6), (np.array([0.001953125, 1.0]), 1.0),
               (np.array([1.0, 2.0, 1000.5]), 1.0), (np.array([-0.0, 0.0, 1.0]), -1.0)],
    "token_ids": [(np.array([101, 7592, 2088, 102]),), (np.arange(1001),),
                  (np.array([-(2**63), 2**63 - 1]),), (np.zeros(0, dtype=np.int64),)],
    "int32_ids": [(np.arange(40, dtype=np.int32),), (np.arange(18, dtype=np.int32) * 1000,),
                  (np.array([[1, -2], [30, 4]], dtype=np.int32),), (np.zeros((0, 3), dtype=np.int32),)],
    "mask_text": [(np.array([True, False, True]),), (np.array([[True], [False]]),),
                  (np.ones(1200, dtype=bool),), (np.zeros(0, dtype=bool),)],
    "matrix": [(F, 4), (F, 2), (F * 1e6, 3), (np.array([1.0, np.nan, 2.5, -np.inf], dtype=np.float32), 2),
               (F, 5), (F * 1e5, 4)],
    "small_dtypes": [(np.array([0, 128, 255], dtype=np.uint8),), (np.arange(30, dtype=np.uint8),),
                     (np.zeros(0, dtype=np.uint8),)],
    "scalar_ties": [(np.array([-48345.3125, 131250.0, 0.15625, 1234567.5, 3.0517578125e-05],
                              dtype=np.float32),), (F * 1e5,), (np.array([16777215.0, -0.0], dtype=np.float32),),
                    (np.zeros(0, dtype=np.float32),),
                    # the bottoms of binades where only a neighbour of the nearest 8 digits
                    # reads back (2**-96 is 1.2621775e-29)
                    (np.array([2.0**-96, 2.0**87, 2.0**90, 2.0**-98], dtype=np.float32),)],
    "printed": [(E[:4],), (np.zeros(0),), (np.array([1.5]),),
                (np.array([2.0**-1022, 2.0**-1074, 2.0**1000, 2.0**-96]),)],
}

CHECK_MESSAGES = True
