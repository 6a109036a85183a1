"""Lowering details the printed IR cannot show (tests/data/lower-*.test show the rest)."""

from __future__ import annotations

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink
from pycomp.lower import lower_module
from pycomp.parse import parse_source


def lower(source: str) -> ir.Module:
    sink = DiagnosticSink("main.py", source)
    mod = lower_module(parse_source("main.py", source, sink), sink, "main")
    sink.raise_if_errors()
    return mod


def returned(source: str) -> ir.Expr:
    stmt = lower(source).functions[0].body[-1]
    assert isinstance(stmt, ir.Return) and stmt.value is not None
    return stmt.value


def test_fstring_unescapes_doubled_braces() -> None:
    e = returned('def f(n: int) -> str:\n    return f"{{n}} = {n}"\n')
    assert isinstance(e, ir.FString)
    assert e.parts[0] == "{n} = "


def test_fstring_unescapes_escape_sequences() -> None:
    e = returned('def f(n: int) -> str:\n    return f"a\\tb{n}\\n"\n')
    assert isinstance(e, ir.FString)
    assert e.parts[0] == "a\tb" and e.parts[2] == "\n"


def test_every_node_has_the_span_of_its_source() -> None:
    e = returned("def f(x: int) -> int:\n    return x + 10\n")
    assert isinstance(e, ir.BinOp)
    assert (e.span.line, e.span.col, e.span.end_line, e.span.end_col) == (2, 12, 2, 18)
    assert (e.right.span.col, e.right.span.end_col) == (16, 18)


def test_spans_count_characters_not_bytes() -> None:
    e = returned('def f(x: str) -> str:\n    return "é" + x\n')
    assert isinstance(e, ir.BinOp)
    assert (e.right.span.col, e.right.span.end_col) == (18, 19)
