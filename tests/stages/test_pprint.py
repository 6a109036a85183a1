"""The canonical IR text: details tests/data/*.test cannot reach by lowering real code."""

from __future__ import annotations

from pycomp import ir, pprint
from pycomp.diagnostics import Span

S = Span("main.py", 1, 1, 1, 1)


def test_fstring_text_braces_are_escaped() -> None:
    e = ir.FString(("{n} = ", ir.FormattedValue(ir.Name("n", S), None, None, S)), S)
    assert pprint.expr(e) == "f'{{n}} = {n}'"


def test_fstring_interpolations_show_conversion_and_spec() -> None:
    e = ir.FString((ir.FormattedValue(ir.Name("x", S), "r", ">8", S),), S)
    assert pprint.expr(e) == "f'{x!r:>8}'"


def test_untyped_names_print_bare_and_typed_names_with_their_type() -> None:
    from pycomp.types import INT

    assert pprint.expr(ir.Name("x", S)) == "x"
    assert pprint.expr(ir.Name("x", S, INT)) == "x: int"
