"""Parameters: keyword-only, positional-only, `*args`, `**kwargs`, and `f(*xs)` /
`f(**d)` at call sites (issue 10)."""


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def log_line(level: str, msg: str, count: int) -> str:
    return _join(f"[{level.upper()}]", msg, f"x{count}" if count > 1 else "", sep=" | ")


def _clip(x: float, *, lo: float = 0.0, hi: float = 1.0) -> float:
    if lo > hi:
        raise ValueError(f"empty range [{lo}, {hi}]")
    return min(max(x, lo), hi)


def clip_scores(scores: list[float], lo: float, hi: float) -> list[float]:
    return [_clip(s, lo=lo, hi=hi) for s in scores] + [_clip(s) for s in scores[:1]]


def _render(template: str, /, **fields: str) -> str:
    out = template
    for key, value in fields.items():
        out = out.replace("{" + key + "}", value)
    return out


def greeting(name: str, place: str) -> str:
    extra = {"place": place, "unused": "?"}
    return _render("Hello {name} from {place}!", name=name) + " / " + _render("{place}", **extra)


def _mean(*values: float) -> float:
    return sum(values, 0.0) / len(values)


def average(xs: list[float]) -> float:
    return _mean(*xs)


def _dist(a: tuple[int, int], b: tuple[int, int], /) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def path_length(points: list[tuple[int, int]]) -> int:
    return sum(_dist(points[i], points[i + 1]) for i in range(len(points) - 1))


def _merge(*counts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in counts:
        for k, v in c.items():
            out[k] = out.get(k, 0) + v
    return out


def merge_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return _merge(a, b, {"total": sum(a.values()) + sum(b.values())})


def _describe(*items: int, **labels: str) -> list[str]:
    out = [labels.get(str(i), f"#{i}") for i in items]
    if "strict" in labels and len(out) != len(labels) - 1:
        raise KeyError("strict")
    return out


def describe(ids: list[int], names: dict[str, str]) -> list[str]:
    return _describe(*ids, **names)


def normalize(text: str, *, lower: bool = True, collapse: bool = True) -> str:
    out = " ".join(text.split()) if collapse else text
    return out.lower() if lower else out


def _stats(*xs: int) -> tuple[int, int, int]:
    if not xs:
        raise ValueError("no values")
    ordered = sorted(xs)
    return ordered[0], ordered[len(xs) // 2], ordered[-1]


def summary(a: int, b: int, c: int) -> tuple[int, int, int]:
    return _stats(a, b, c)


def _checked(x: int, label: str) -> int:
    print(f"checking {label}")
    if x < 0:
        raise ValueError(f"{label} is negative: {x}")
    return x


def _span(start: int, end: int, step: int = 1) -> list[int]:
    return list(range(start, end, step))


def span_from_keywords(lo: int, hi: int) -> list[int]:
    """Keyword arguments run in the order written (`end` first), as in CPython."""
    return _span(end=_checked(hi, "end"), start=_checked(lo, "start"))
