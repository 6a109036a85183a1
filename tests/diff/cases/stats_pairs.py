"""statistics over pairs of samples and growth rates: covariance, correlation,
geometric_mean (CPython 3.11's float algorithms and StatisticsError messages)."""

import statistics


def growth_rate(values: list[float]) -> float:
    ratios = [b / a for a, b in zip(values, values[1:])]
    return round(statistics.geometric_mean(ratios) - 1.0, 12)


def int_geometric(xs: list[int]) -> float:
    return statistics.geometric_mean(xs)


def cov_matrix(a: list[float], b: list[float]) -> list[list[float]]:
    ab = statistics.covariance(a, b)
    return [[statistics.covariance(a, a), ab], [statistics.covariance(b, a), statistics.covariance(b, b)]]


def pearson(xs: list[int], ys: list[float]) -> str:
    r = statistics.correlation(xs, ys)
    return f"{r:.6f} {abs(r) > 0.8}"


def ranked_correlation(xs: list[float], ys: list[float]) -> float:
    sx = sorted(xs)
    sy = sorted(ys)
    return statistics.correlation([sx.index(v) for v in xs], [sy.index(v) for v in ys])


def safe_cov(xs: list[int], ys: list[int]) -> str:
    try:
        return str(statistics.covariance(xs, ys))
    except statistics.StatisticsError as e:
        return f"error: {e}"


def mean_rate(speeds: list[int]) -> int | float:
    # an int for one speed or a zero speed, else a float, as CPython
    return statistics.harmonic_mean(speeds)


def mean_ratio(ratios: list[float]) -> str:
    return repr(statistics.harmonic_mean(abs(r) if r < -1.0 else r for r in ratios))
