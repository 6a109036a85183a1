"""`with` statements compiled: `contextlib.suppress` (issue 10)."""

import contextlib
from contextlib import suppress


def first_number(items: list[str]) -> int:
    out = -1
    for s in items:
        with contextlib.suppress(ValueError):
            out = int(s)
            break
    return out


def known_total(counts: dict[str, int], keys: list[str]) -> int:
    total = 0
    for k in keys:
        with suppress(KeyError):
            total += counts[k]
    return total


def parse_pairs(lines: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in lines:
        with suppress(ValueError, IndexError):
            key, value = line.split("=")
            out[key.strip()] = int(value)
    if not out:
        raise ValueError("no valid pairs")
    return out
