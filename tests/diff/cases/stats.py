"""Summary statistics over float lists."""
import math


def mean_std(xs: list[float]) -> tuple[float, float]:
    n = len(xs)
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / n
    return mean, math.sqrt(var)


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 == 1 else (s[mid - 1] + s[mid]) / 2


def percentile(xs: list[float], q: float) -> float:
    if not 0.0 <= q <= 100.0:
        raise ValueError(f"q must be in [0, 100], got {q}")
    s = sorted(xs)
    pos = (len(s) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return s[lo]
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def num_pages(total: int, per_page: int = 10) -> int:
    return math.ceil(total / per_page)


def zscores(xs: list[float]) -> list[float]:
    mean, std = mean_std(xs)
    return [(x - mean) / std for x in xs]


def close_flags(a: list[float], b: list[float], rel_tol: float = 1e-9) -> list[bool]:
    return [math.isclose(x, y, rel_tol=rel_tol, abs_tol=1e-12) for x, y in zip(a, b)]


def log_sum_exp(xs: list[float]) -> float:
    m = max(xs)
    if m == -math.inf:
        return m
    return m + math.log(sum(math.exp(x - m) for x in xs))


def circle_stats(r: float) -> tuple[float, float]:
    if r < 0.0:
        raise ValueError(f"negative radius {r}")
    return math.pi * r ** 2, 2 * math.pi * r


def nearest_point(points: list[tuple[float, float]], q: tuple[float, float]) -> tuple[int, float]:
    best_i = -1
    best_d = math.inf
    qx, qy = q
    for i, (x, y) in enumerate(points):
        d = math.sqrt((x - qx) ** 2 + (y - qy) ** 2)
        if d < best_d:
            best_i, best_d = i, d
    return best_i, best_d


def weighted_mean(values: list[float], weights: list[float]) -> float:
    if len(values) != len(weights):
        raise ValueError(f"{len(values)} values but {len(weights)} weights")
    total_w = math.fsum(weights)
    if total_w == 0.0:
        raise ZeroDivisionError("weights sum to zero")
    return math.fsum(v * w for v, w in zip(values, weights)) / total_w
