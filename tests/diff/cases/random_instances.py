"""random.Random(seed) instances: generators of their own with CPython's exact
streams, beside the module's shared one."""

import random
from random import Random


def own_stream(seed: int, n: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.random() for _ in range(n)]


def independent_of_module(seed: int) -> tuple[float, float, float]:
    random.seed(seed)
    rng = random.Random(seed)
    first = random.random()
    mine = rng.random()
    return first, mine, random.random()


def split_data(seed: int, rows: list[str], frac: float) -> tuple[list[str], list[str]]:
    if not 0.0 < frac < 1.0:
        raise ValueError(f"frac must be in (0, 1), got {frac}")
    rng = random.Random(seed)
    order = list(rows)
    rng.shuffle(order)
    cut = int(len(order) * frac)
    return order[:cut], order[cut:]


def _draw_batch(rng: Random, xs: list[int], k: int) -> list[int]:
    return rng.sample(xs, k)


def batches(seed: int, xs: list[int], k: int, n: int) -> list[list[int]]:
    rng = Random(seed)
    return [_draw_batch(rng, xs, k) for _ in range(n)]


def picks(seed: int, labels: list[str], word: str) -> tuple[str, str, int, int]:
    rng = random.Random(seed)
    return rng.choice(labels), rng.choice(word), rng.randrange(10), rng.randrange(-5, 5)


def weighted(seed: int, labels: list[str], weights: list[float], k: int) -> list[str]:
    rng = random.Random(seed)
    return rng.choices(labels, weights, k=k)


def weighted_ints(seed: int, labels: list[str], weights: list[int]) -> list[str]:
    rng = random.Random(seed)
    return rng.choices(labels, weights=weights, k=5) + rng.choices(labels)


def uniform_picks(seed: int, xs: list[int], k: int) -> list[int]:
    rng = random.Random(seed)
    return rng.choices(xs, k=k)


def noise(seed: int, n: int, sigma: float) -> list[float]:
    rng = random.Random(seed)
    return [rng.gauss(0.0, sigma) for _ in range(n)] + [rng.uniform(-1.0, 1.0), rng.gauss()]


def reseeded(seed: int) -> bool:
    rng = random.Random(0)
    first = [rng.random() for _ in range(3)]
    rng.seed(seed)
    again = [rng.random() for _ in range(3)]
    rng.seed(0)
    return first == [rng.random() for _ in range(3)] and first != again

