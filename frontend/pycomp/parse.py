"""parse: Python source text to a tree-sitter syntax tree.

The source is never imported or executed. Syntax errors (ERROR and MISSING
nodes) become E001 diagnostics with a span.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import tree_sitter_python
from tree_sitter import Language, Node, Parser, Tree

from pycomp.diagnostics import DiagnosticSink, Span


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(Language(tree_sitter_python.language()))


@dataclass
class SourceFile:
    """A parsed file: its text, its tree, and byte-to-character mapping for spans."""

    path: str
    text: str
    data: bytes
    tree: Tree

    def span(self, node: Node) -> Span:
        (r0, c0), (r1, c1) = node.start_point, node.end_point
        return Span(self.path, r0 + 1, self._char_col(r0, c0), r1 + 1, self._char_col(r1, c1))

    def _char_col(self, row: int, byte_col: int) -> int:
        lines = self._lines()
        if row >= len(lines):
            return byte_col + 1
        return len(lines[row][:byte_col].decode("utf-8", errors="replace")) + 1

    def _lines(self) -> list[bytes]:
        cached: list[bytes] | None = getattr(self, "_line_cache", None)
        if cached is None:
            cached = self.data.split(b"\n")
            object.__setattr__(self, "_line_cache", cached)
        return cached

    def text_of(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8")


def parse_source(path: str, text: str, sink: DiagnosticSink) -> SourceFile:
    data = text.encode("utf-8")
    tree = _parser().parse(data)
    src = SourceFile(path, text, data, tree)
    _report_syntax_errors(src, tree.root_node, sink)
    return src


def _report_syntax_errors(src: SourceFile, node: Node, sink: DiagnosticSink) -> None:
    if not node.has_error:
        return
    if node.is_missing:
        sink.error("E001", f"expected `{node.type}`", src.span(node),
                   help="the line looks unfinished; compare it with what Python accepts")
        return
    if node.type == "ERROR":
        text = src.text_of(node).strip().splitlines()
        snippet = text[0] if text else ""
        sink.error("E001", f"invalid syntax near `{snippet[:40]}`", src.span(node),
                   help="this is not valid Python; `python -m py_compile` shows the same error")
        return
    for child in node.children:
        _report_syntax_errors(src, child, sink)
