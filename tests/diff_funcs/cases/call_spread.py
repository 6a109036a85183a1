"""`*t` in a call, for a tuple of a known length held in a variable: a builtin's,
a module's, a helper's and a method's arguments, and `str.format`'s."""

import math


def power(pair: tuple[int, int]) -> int:
    return pow(*pair)


def modular_power(triple: tuple[int, int, int]) -> int:
    return pow(*triple)


def split_minutes(pair: tuple[int, int]) -> str:
    hours, minutes = divmod(*pair)
    return f"{hours}h{minutes:02d}"


def _area(width: float, height: float) -> float:
    if width < 0 or height < 0:
        raise ValueError(f"negative size {width}x{height}")
    return width * height


def area(size: tuple[float, float]) -> float:
    return _area(*size)


def scaled_area(k: float, size: tuple[float, float]) -> float:
    w, h = size
    box = (w * k, h * k)
    return _area(*box)


def length(p: tuple[float, float, float]) -> float:
    return math.hypot(*p)


def label(entry: tuple[str, int, float]) -> str:
    return "{} #{} ({:.1%})".format(*entry)


def clamp_all(xs: list[float], bounds: tuple[float, float]) -> list[float]:
    return [min(max(x, bounds[0]), bounds[1]) for x in xs if math.isfinite(_area(*bounds))]
