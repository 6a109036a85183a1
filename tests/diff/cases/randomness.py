"""random with CPython's exact streams: each function seeds the module's generator,
then draws."""

import random


def floats(seed: int, n: int) -> list[float]:
    random.seed(seed)
    return [random.random() for _ in range(n)]


def dice(seed: int, n: int, sides: int) -> list[int]:
    random.seed(seed)
    return [random.randint(1, sides) for _ in range(n)]


def ranges(seed: int, stop: int) -> list[int]:
    random.seed(seed)
    return [random.randrange(stop), random.randrange(-stop, stop)]


def shuffled(seed: int, xs: list[str]) -> list[str]:
    random.seed(seed)
    out = list(xs)
    random.shuffle(out)
    return out


def picks(seed: int, xs: list[int], word: str) -> tuple[int, str]:
    random.seed(seed)
    return random.choice(xs), random.choice(word)


def sampled(seed: int, n: int, k: int) -> list[int]:
    random.seed(seed)
    return random.sample(list(range(n)), k)


def noisy(seed: int, n: int) -> list[float]:
    random.seed(seed)
    return [round(random.gauss(0.0, 2.0), 12) for _ in range(n)] + [random.uniform(-1.0, 1.0)]


def dropout_mask(seed: int, n: int, p: float) -> list[bool]:
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout probability must be in [0, 1), got {p}")
    random.seed(seed)
    return [random.random() >= p for _ in range(n)]


def weighted_labels(seed: int, labels: list[str], weights: list[float], k: int) -> list[str]:
    random.seed(seed)
    return random.choices(labels, weights, k=k)


def bootstrap(seed: int, xs: list[int], k: int) -> list[int]:
    random.seed(seed)
    return random.choices(xs, k=k) + random.choices(xs, weights=[1] * len(xs))
