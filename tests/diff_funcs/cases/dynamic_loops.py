"""Loop targets over dynamic items (`rows: list[Any]`, JSON values, `.items()` of a
dynamic dict, `enumerate` of dynamic rows), as request and detection post-processing
code writes them: each item unpacked as CPython unpacks it (ValueError for fewer or
more values, TypeError for an item that is not iterable), the outer tuple first."""

import json
from typing import Any


def pairs(rows: list[Any]) -> list[str]:
    out: list[str] = []
    for a, b in rows:
        out.append(f"{a}/{b}")
    return out


def from_json(body: str) -> list[str]:
    out: list[str] = []
    for label, score in json.loads(body):
        out.append(f"{label}={score!r}")
    return out


def fields(body: str) -> list[str]:
    obj = json.loads(body)
    out: list[str] = []
    for k, v in obj.items():
        out.append(f"{k}:{v!r}")
    return out


def typed_fields(body: str) -> dict[str, str]:
    d: dict[str, Any] = json.loads(body)
    out: dict[str, str] = {}
    for key, value in d.items():
        out[key] = str(value)
    return out


def numbered(rows: list[Any]) -> list[str]:
    out: list[str] = []
    for i, (a, b) in enumerate(rows):
        out.append(f"{i}:{a}-{b}")
    return out


def nested(body: str) -> list[str]:
    out: list[str] = []
    for name, (start, end) in json.loads(body):
        out.append(f"{name}[{start}:{end}]")
    return out


def total_area(boxes: list[Any]) -> float:
    total = 0.0
    for x1, y1, x2, y2 in boxes:
        total += float((x2 - x1) * (y2 - y1))
    return total


def last_seen(rows: list[Any]) -> str:
    k = ""
    for k, _ in rows:
        pass
    return k


def partial_count(rows: list[Any]) -> int:
    n = 0
    try:
        for a, b in rows:
            n += 1
    except ValueError:
        return -n
    return n


def spans_by_label(body: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    data: dict[str, Any] = json.loads(body)
    for label, (start, end) in data["spans"]:
        out.setdefault(str(label), []).append(int(end) - int(start))
    return out


def firsts(rows: list[Any]) -> list[str]:
    return [str(a) for a, b in rows]


def as_dict(body: str) -> dict[str, int]:
    return {str(k): int(v) for k, v in json.loads(body)}


def any_negative(rows: list[Any]) -> bool:
    return any(b < 0 for a, b in rows)
