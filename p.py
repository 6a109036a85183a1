import heapq
def f(xs: list[tuple[float, str]], k: int) -> list[str]:
    return [s for _, s in heapq.nlargest(k, xs)]
