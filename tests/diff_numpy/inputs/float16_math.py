import numpy as np

rng = np.random.default_rng(61)
Q = rng.integers(-128, 128, size=8).astype(np.int8)
PCM = rng.integers(-32768, 32768, size=10).astype(np.int16)
H = (rng.standard_normal(8) * 4).astype(np.float16)
W = rng.random(8).astype(np.float16)

INPUTS = {
    "int8_weights": [(Q,), (np.array([-128, 0, 127, 11], dtype=np.int8),), (Q[:0],)],
    "int16_rms": [(PCM,), (np.array([-32768, 32767, 0], dtype=np.int16),), (PCM[:0],)],
    "half_spread": [(H,), (np.array([65504, -65504, 1, 2], dtype=np.float16),), (H[:6],),
                    (H[:3],)],
    "half_dot": [(H, W), (H[:3], W[:3]), (H, W[:5]), (np.array([300, 300], dtype=np.float16), np.array([300, 1], dtype=np.float16))],
    "half_rounding": [(H,), (np.array([0.125, 2.5, -0.375, 65504, 1e-4, np.nan], dtype=np.float16),),
                      (H[:0],)],
    "half_score": [(H, W), (H[:3], W[:3]), (H, W[:4]), (np.array([300, 300], dtype=np.float16), np.array([300, 1], dtype=np.float16))],
}

CHECK_MESSAGES = True
