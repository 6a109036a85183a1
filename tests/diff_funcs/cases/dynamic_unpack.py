"""Dynamic values (JSON data, `Any` rows) unpacked into names, as request and
detection post-processing code does: CPython's counting (ValueError for fewer or
more items) and its TypeError for a value that is not iterable."""

import json
from typing import Any


def pair(body: str) -> str:
    a, b = json.loads(body)
    return f"{a!r}|{b!r}"


def box_area(row: Any) -> float:
    x1, y1, x2, y2 = row
    return float((x2 - x1) * (y2 - y1))


def spans(body: str) -> list[str]:
    out: list[str] = []
    for item in json.loads(body)["spans"]:
        start, end, label = item
        out.append(f"{label}:{start}-{end}")
    return out


def header(body: str) -> str:
    d: dict[str, Any] = json.loads(body)
    name, version, _, _, build = d["v"]
    return f"{name} {version} ({build})"


def first_two(rows: list[Any]) -> list[str]:
    out: list[str] = []
    for row in rows:
        a, b = row
        out.append(f"{a}/{b}")
    return out
