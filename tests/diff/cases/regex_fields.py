"""re: pulling fields out of text with groups."""

import re

DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
KV_RE = re.compile(r"(?P<key>[a-z_]+)\s*=\s*(?P<value>[^;]*)")
PRICE = re.compile(r"""
    \$                 # a dollar sign
    (?P<whole>\d+)     # dollars
    (?:\.(?P<cents>\d\d))?
""", re.VERBOSE)


def parse_date(text: str) -> tuple[int, int, int]:
    m = DATE_RE.search(text)
    if m is None:
        raise ValueError(f"no date in {text!r}")
    year, month, day = m.groups()
    return int(year), int(month), int(day)


def parse_config(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in KV_RE.finditer(text):
        out[m.group("key")] = m.group("value").strip()
    return out


def config_dicts(text: str) -> list[dict[str, str | None]]:
    return [m.groupdict() for m in KV_RE.finditer(text)]


def prices(text: str) -> list[float]:
    out = []
    for m in PRICE.finditer(text):
        cents = m.group("cents")
        out.append(int(m.group("whole")) + (int(cents) / 100 if cents else 0.0))
    return out


def leading_number(s: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", s)
    if not m:
        return 0
    return int(m.group(1))


def dotall_block(text: str) -> str:
    m = re.search(r"BEGIN(.*)END", text, re.DOTALL)
    return m.group(1) if m else "-"


def group_bounds(text: str) -> list[int]:
    m = re.search(r"(a)?(b)", text)
    if m is None:
        return []
    return [m.start(1), m.end(1), m.start(2), m.end(2)]


def bad_group(text: str, g: int) -> str:
    m = re.search(r"(\w+)@(\w+)", text)
    if m is None:
        return ""
    return m.group(g) or "?"


def catch_error(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as e:
        return f"error: {e}"
    return "ok"


def compile_groups(pattern: str) -> int:
    return re.compile(pattern).groups
