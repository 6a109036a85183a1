"""`f(**d)`: the dict's keys bound to the callee's parameters (a key naming a parameter
fills it, the others go to `**kwargs`), with CPython's TypeErrors in its order (a key
naming a parameter a positional argument fills, a key no parameter takes, a positional-only
name, missing arguments); functions, nested functions, and `*xs` with `**d`."""

from __future__ import annotations


def _render(template: str = "[]", sep: str = ", ", **fields: str) -> str:
    return template.replace("[]", sep.join(f"{k}={v}" for k, v in fields.items()))


def _scale(x: float, factor: float = 2.0, *, offset: float = 0.0) -> float:
    return x * factor + offset


def _window(start: int, stop: int, /, step: int = 1, **extra: int) -> list[int]:
    return list(range(start, stop, step)) + sorted(extra.values())


def _top_k(scores: list[float], k: int, *, threshold: float = 0.0) -> list[float]:
    return sorted((s for s in scores if s >= threshold), reverse=True)[:k]


def render_fields(fields: dict[str, str]) -> str:
    return _render(**fields)


def render_with_template(fields: dict[str, str]) -> str:
    return _render("<[]>", **fields)


def scaled(values: list[float], options: dict[str, float]) -> list[float]:
    return [_scale(v, **options) for v in values]


def scaled_factor(x: float, options: dict[str, float]) -> float:
    return _scale(x, 3.0, **options)


def windowed(bounds: dict[str, int]) -> list[int]:
    return _window(0, 6, **bounds)


def top_scores(scores: list[float], k: int, config: dict[str, float]) -> list[float]:
    return _top_k(scores, k, **config)


def merged_options(defaults: dict[str, str], overrides: dict[str, str]) -> str:
    return _render(**{**defaults, **overrides})


def forwarded(fields: dict[str, str]) -> str:
    def wrapper(template: str, **kw: str) -> str:
        return _render(template, **kw)
    return wrapper(**fields)


def counted(counts: dict[str, int]) -> str:
    try:
        return "ok " + str(_window(1, 4, **counts))
    except TypeError as e:
        return "TypeError: " + str(e)


def _joined(head: str, *parts: str, sep: str = " ", **tags: str) -> str:
    return head + ":" + sep.join(parts) + "".join(f" {k}={v}" for k, v in tags.items())


def logged(parts: list[str], tags: dict[str, str]) -> str:
    return _joined("log", *parts, **tags)
