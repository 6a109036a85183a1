"""Functions whose bodies cost next to nothing: what a call of each measures is
the boundary (binding, encoding, the native call, decoding the result)."""


def add(a: int, b: int) -> int:
    return a + b


def count_chars(texts: list[str]) -> int:
    n = 0
    for t in texts:
        n += len(t)
    return n


def total(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


def echo(s: str) -> str:
    return s


def scale(xs: list[float], k: float) -> list[float]:
    return [x * k for x in xs]
