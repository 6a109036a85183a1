"""Prompt and report templates filled from a dict (issue 11, trialG's trials):
`"...{name}...".format(**fields)` of a literal template or a module constant, with
format specs, nested specs naming other fields, and CPython's KeyError for a missing
field (the copy of a plain dict is looked up as `format_map` would); f-string specs
starting with `=` (`{x:=+10.2f}`, padding after the sign), not a walrus."""

import json
from typing import Any

PROMPT = "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n"
ROW = "{loss:<8.3f}|{acc:>7.2%}|{loss:e}"


def alpaca(fields: dict[str, str]) -> str:
    """A module-constant template: KeyError 'input' when the record lacks it."""
    return PROMPT.format(**fields)


def greeting(fields: dict[str, str]) -> str:
    return "Hi {user}, welcome to {place}! ({user})".format(**fields)


def report_row(stats: dict[str, float]) -> str:
    """Specs on each field, one field used twice."""
    return ROW.format(**stats)


def padded(cells: dict[str, int]) -> str:
    """A nested spec reads another field: `{v:>{w}}`."""
    return "[{v:>{w}}] [{v:<{w}x}]".format(**cells)


def from_json(blob: str) -> str:
    """Fields of a JSON object: the dynamic values formatted as CPython prints them."""
    record: dict[str, Any] = json.loads(blob)
    return "{id}: {label} ({score})".format(**record)


def sign_aligned(x: float, n: int) -> list[str]:
    """`{x:=+10.2f}`: CPython's field `x` with the spec `=+10.2f` (a walrus in a field
    needs parentheses); `=` on an int, with no width, with `d` on a float (ValueError)."""
    return [f"{x:=+10.2f}", f"{n:=8}", f"{x:=}", f"{n :=6}|{x=:=9.1f}", f"{x:=010.0f}",
            f"{n:=5d}", f"{x:=5d}"]
