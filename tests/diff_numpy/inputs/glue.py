import numpy as np

CHECK_MESSAGES = True

rng = np.random.default_rng(41)
EMB = rng.normal(0, 1, (2, 4)).astype(np.float32)
WAVE = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, np.nan, 1e-5], dtype=np.float32)
CODES = rng.integers(-127, 128, (3, 8)).astype(np.int8)
SCALE = rng.random(3).astype(np.float32)
LOGITS = rng.normal(0, 1, (4, 3)).astype(np.float32)
EMB_N = np.array([[1, 0, 0], [0.99, 0.1, 0], [0, 1, 0], [0, 0.95, 0.3]], np.float32)
Y_TRUE = np.array([0, 1, 2, 2, 1, 0, 2, 2, 1, 0])
Y_PRED = np.array([0, 2, 2, 1, 1, 0, 2, 0, 1, 1])
PROBS = np.array([0.1, 0.7, 0.2, 0.0, 0.3, 0.9], np.float32)

INPUTS = {
    "cache_key": [(EMB, "minilm"), (EMB.T, "minilm"), (EMB[:0], "é"), (np.array([-0.0, np.nan], np.float32), "m")],
    "pcm16": [(WAVE,), (WAVE[:0],), (WAVE.reshape(3, 3),), (WAVE[::-2],)],
    "storage_report": [(CODES, SCALE, EMB), (CODES[:0], SCALE[:0], EMB), (CODES, SCALE, EMB[:0])],
    "mask_select": [(LOGITS[:, 0], np.array([True, False, True, True])), (LOGITS, LOGITS > 0),
                    (LOGITS[:, 0], np.array([True, False])), (LOGITS[:0, 0], np.zeros(0, bool))],
    "as_double": [(EMB,), (EMB[:0],), (np.array([np.nan, 1e38], np.float32),)],
    "rounded_rows": [(LOGITS, 2), (LOGITS * 1000, -2), (LOGITS[:0], 1), (LOGITS[0], 1),
                     (np.array([[np.nan, np.inf]], np.float32), 0)],
    "predicted_labels": [(LOGITS,), (LOGITS[:0],), (LOGITS.reshape(2, 2, 3),), (LOGITS[0],),
                         (np.zeros((2, 5), np.float32),)],
    "greedy_dedupe": [(EMB_N, 0.9), (EMB_N, -10.0), (EMB_N[:0], 0.5), (np.full((2, 2), np.nan, np.float32), 0.5)],
    "any_confident": [(PROBS, [0, 1, 9], 0.5), (PROBS, [0, 9], 0.5), (PROBS, [], 0.5), (PROBS.reshape(3, 2), [0], 0.1),
                      (np.zeros((2, 0), np.float32), [0], 0.0)],
    "per_class_recall": [(Y_TRUE, Y_PRED, 3), (Y_TRUE, Y_PRED, 5), (Y_TRUE[:0], Y_PRED[:0], 2), (Y_TRUE - 1, Y_PRED, 3),
                         (Y_TRUE.reshape(2, 5), Y_PRED.reshape(2, 5), 3), (Y_TRUE, Y_PRED, -1)],
}
