"""f-strings, format specs, str() of numbers and rounding."""

SECONDS_PER_HOUR = 3600


def format_money(amount: float, currency: str = "$") -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency}{abs(amount):,.2f}"


def format_table(rows: list[tuple[str, int, float]]) -> list[str]:
    lines = [f"{'name':<10}|{'count':>6}|{'score':>8}"]
    for name, count, score in rows:
        lines.append(f"{name:<10}|{count:>6d}|{score:>8.3f}")
    return lines


def format_percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}"


def format_duration(seconds: int) -> str:
    h = seconds // SECONDS_PER_HOUR
    m = (seconds % SECONDS_PER_HOUR) // 60
    s = seconds % 60
    return f"{h:02d}:{m:02d}:{s:02d}"


def describe_stats(xs: list[float]) -> str:
    lo = min(xs)
    hi = max(xs)
    mean = sum(xs) / len(xs)
    return f"n={len(xs)} min={lo} max={hi} mean={mean:.3f} span={hi - lo:+.2e}"


def center_title(title: str, fill_right: bool = False) -> str:
    if fill_right:
        return f"[{title:>12}]"
    return f"[{title:^12}]"


def bool_flags(flags: dict[str, bool]) -> str:
    return ", ".join(f"{k}={'on' if v else 'off'}" for k, v in flags.items())


def float_reprs(xs: list[float]) -> list[str]:
    out = [str(x) for x in xs]
    out.extend(f"{x}" for x in xs[:1])
    return out


def round_report(xs: list[float], ndigits: int = 2) -> list[tuple[int, float]]:
    return [(round(x), round(x, ndigits)) for x in xs]


def _cell(value: int, fill_zero: bool = False) -> str:
    return f"{value:05d}" if fill_zero else f"{value:>6}"


def number_cells(values: list[int], zero_pad: bool = False) -> str:
    cells = "|".join(_cell(fill_zero=zero_pad, value=v) for v in values)
    return f"{cells} total={sum(values):,}"
