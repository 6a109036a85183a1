"""statistics: summaries of scores, latencies and labels, with StatisticsError."""

import statistics


def score_summary(scores: list[int]) -> str:
    return (f"mean={statistics.mean(scores)} median={statistics.median(scores)} "
            f"low={statistics.median_low(scores)} high={statistics.median_high(scores)}")


def latency_report(ms: list[float]) -> dict[str, float]:
    return {
        "mean": statistics.mean(ms),
        "fmean": statistics.fmean(ms),
        "median": statistics.median(ms),
        "stdev": statistics.stdev(ms),
        "pstdev": statistics.pstdev(ms),
    }


def spread(xs: list[int]) -> tuple[int | float, int | float, float, float]:
    return (statistics.variance(xs), statistics.pvariance(xs), statistics.stdev(xs),
            statistics.pstdev(xs))


def float_spread(xs: list[float]) -> list[float]:
    return [statistics.variance(xs), statistics.pvariance(xs)]


def top_label(labels: list[str]) -> str:
    try:
        return statistics.mode(labels)
    except statistics.StatisticsError as e:
        return f"none ({e})"


def tied_labels(labels: list[str]) -> list[str]:
    return sorted(statistics.multimode(labels))


def quartiles(xs: list[float]) -> list[float]:
    return statistics.quantiles(xs)


def deciles(xs: list[int], method: str) -> list[float]:
    return statistics.quantiles(xs, n=10, method=method)


def zscores(xs: list[float]) -> list[float]:
    mu = statistics.mean(xs)
    sd = statistics.pstdev(xs)
    return [round((x - mu) / sd, 6) if sd else 0.0 for x in xs]


def outliers(xs: list[int]) -> list[int]:
    q1, _, q3 = statistics.quantiles(xs, n=4)
    lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    return [x for x in xs if x < lo or x > hi]
