"""Seeded sampling as users write it around a model: numpy's Generator
(`np.random.default_rng(seed)`), whose PCG64 streams the compiled code must
reproduce draw for draw."""

import numpy as np
import numpy.typing as npt


def _softmax(logits: npt.NDArray[np.float32], temperature: float) -> npt.NDArray[np.float32]:
    z = logits / temperature
    e = np.exp(z - np.max(z))
    return e / e.sum()


def _next_token(rng: np.random.Generator, probs: npt.NDArray[np.float32]) -> int:
    return rng.choice(len(probs), p=probs)


def sample_tokens(logits: npt.NDArray[np.float32], temperature: float, seed: int,
                  steps: int) -> list[int]:
    """A decoder loop's sampling step, repeated: softmax with temperature, then
    one draw per step from the same generator."""
    rng = np.random.default_rng(seed)
    probs = _softmax(logits, temperature)
    return [_next_token(rng, probs) for _ in range(steps)]


def top_k_sample(logits: npt.NDArray[np.float32], k: int, seed: int) -> list[int]:
    rng = np.random.default_rng(seed)
    top = np.argsort(-logits)[:k]
    weights = np.exp(logits[top] - logits[top].max())
    weights = weights / weights.sum()
    out: list[int] = []
    for _ in range(8):
        out.append(int(rng.choice(top, p=weights)))
    return out


def dropout(x: npt.NDArray[np.float32], rate: float, seed: int) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    keep = rng.random(len(x)) >= rate
    return np.where(keep, x / (1.0 - rate), 0.0).astype(np.float32)


def jitter(rows: int, cols: int, scale: float, seed: int) -> npt.NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    base = rng.normal(0.0, 1.0, size=(rows, cols))
    out = base + rng.normal(0.0, scale, size=(rows, cols)) + rng.uniform(-1.0, 1.0)
    # sized standard_normal and uniform (positional and keyword size, int bounds)
    return out + 0.01 * rng.standard_normal((rows, cols)) + rng.uniform(-1, 1, size=cols) \
        + rng.uniform(0.0, 2.0, (rows, 1))


def batches(n: int, size: int, seed: int) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    out: list[list[int]] = []
    for start in range(0, n, size):
        out.append([int(i) for i in order[start:start + size]])
    return out


def split_names(names: list[str], frac: float, seed: int) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    items = list(names)
    rng.shuffle(items)
    cut = int(len(items) * frac)
    return items[:cut], items[cut:]


def dice(seed: int, n: int, sides: int) -> list[int]:
    rng = np.random.default_rng(seed)
    return [int(rng.integers(1, sides, endpoint=True)) for _ in range(n)]


def bootstrap_means(values: npt.NDArray[np.float64], rounds: int, seed: int) -> list[float]:
    rng = np.random.default_rng(seed)
    means: list[float] = []
    for _ in range(rounds):
        idx = rng.integers(0, len(values), size=len(values))
        means.append(float(values[idx].mean()))
    return means


def noise_report(seed: int, n: int) -> str:
    rng = np.random.default_rng(seed)
    parts: list[str] = []
    for i in range(n):
        v = rng.standard_normal()
        k = rng.integers(100)
        parts.append(f"{i}: {v:.6f} {k} {rng.choice([0.5, 1.5, 2.5])}")
    return "\n".join(parts)


def shuffled_epoch(x: npt.NDArray[np.float32], seed: int) -> tuple[npt.NDArray[np.float32], list[int]]:
    """`rng.shuffle` of arrays in place: a copy of the rows, then an index array (the same
    draws as a list's shuffle, so the two orders agree)."""
    rng = np.random.default_rng(seed)
    rows = x.copy()
    rng.shuffle(rows)
    idx = np.arange(len(x))
    np.random.default_rng(seed).shuffle(idx)
    return rows, idx.tolist()
