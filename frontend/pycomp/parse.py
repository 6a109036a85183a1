"""parse: Python source text to a tree-sitter syntax tree.

The source is never imported or executed. Syntax errors (ERROR and MISSING
nodes) become E001 diagnostics with a span.

The tree the later stages walk has no comments and no line continuations:
tree-sitter places these "extra" nodes between any two tokens (a comment in a
parameter list, `\\` after `return a,`), where every walk over a node's children
would have to skip them. They are blanked out of a copy of the source (same byte
offsets) and the copy parsed again; the text and the spans still come from the
original source.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

import tree_sitter_python
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from pycomp.diagnostics import DiagnosticSink, Span


@lru_cache(maxsize=1)
def _language() -> Language:
    return Language(tree_sitter_python.language())


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(_language())


@cache
def query(pattern: str) -> Query:
    """A tree-sitter query over Python trees, compiled once per process: matched in
    native code, much faster than walking the tree's nodes from Python."""
    return Query(_language(), pattern)


@dataclass
class SourceFile:
    """A parsed file: its text, its tree, and byte-to-character mapping for spans."""

    path: str
    text: str
    data: bytes
    tree: Tree
    # rows holding a non-ASCII byte: elsewhere a byte column is a character column
    wide_rows: frozenset[int] = field(init=False)
    # the parsed copy joined lines (a line continuation blanked): the tree's rows are
    # not the source's, spans are found from byte offsets
    joined: bool = False
    # the tree holds no comment and no line continuation (`parse_source`'s tree): no
    # walk over a node's children need skip them
    extras_removed: bool = False
    # (start byte, end byte) -> its span: the lowering asks again for many nodes
    _spans: dict[tuple[int, int], Span] = field(init=False, repr=False, compare=False,
                                               default_factory=dict)

    def __post_init__(self) -> None:
        self.wide_rows = frozenset() if self.data.isascii() else frozenset(
            i for i, line in enumerate(self._lines()) if not line.isascii())

    def span(self, node: Node) -> Span:
        b0, b1 = node.start_byte, node.end_byte
        found = self._spans.get((b0, b1))
        if found is not None:
            return found
        if self.joined:
            starts = self._line_starts()
            r0, r1 = bisect_right(starts, b0) - 1, bisect_right(starts, b1) - 1
            c0, c1 = b0 - starts[r0], b1 - starts[r1]
        else:
            (r0, c0), (r1, c1) = node.start_point, node.end_point
        wide = self.wide_rows
        found = Span(self.path, r0 + 1, self._char_col(r0, c0) if r0 in wide else c0 + 1,
                     r1 + 1, self._char_col(r1, c1) if r1 in wide else c1 + 1)
        self._spans[(b0, b1)] = found
        return found

    def _char_col(self, row: int, byte_col: int) -> int:
        lines = self._lines()
        if row >= len(lines):
            return byte_col + 1
        return len(lines[row][:byte_col].decode("utf-8", errors="replace")) + 1

    def _line_starts(self) -> list[int]:
        """The byte offset of each line of the source (a span of a joined tree is found
        from its byte offsets)."""
        starts: list[int] | None = getattr(self, "_starts", None)
        if starts is None:
            starts = [0]
            for line in self._lines()[:-1]:
                starts.append(starts[-1] + len(line) + 1)
            object.__setattr__(self, "_starts", starts)
        return starts

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
    tree, joined = _without_extras(data, _parser().parse(data))
    src = SourceFile(path, text, data, tree, joined, extras_removed=True)
    _report_syntax_errors(src, tree.root_node, sink)
    if not sink.has_errors:
        _report_cpython_rejection(src, sink)
    return src


def _without_extras(data: bytes, tree: Tree) -> tuple[Tree, bool]:
    """`tree` parsed again from a copy of `data` where every comment and line
    continuation is spaces, and whether a line continuation was blanked (the copy's
    lines then differ from the source's)."""
    if b"#" not in data and b"\\" not in data:
        return tree, False
    blank = bytearray(data)
    joined = False
    found = QueryCursor(query("[(comment) (line_continuation)] @extra"))
    for node in found.captures(tree.root_node).get("extra", []):
        start, end = node.start_byte, node.end_byte
        blank[start:end] = b" " * (end - start)
        # same bytes' length: the old tree is reused where nothing changed (the points
        # are left as they were; spans of a joined copy come from byte offsets)
        tree.edit(start, end, end, node.start_point, node.end_point, node.end_point)
        joined = joined or node.type == "line_continuation"
    if blank == data:
        return tree, False
    return _parser().parse(bytes(blank), tree), joined


# CPython's compiler bounds nesting by the recursion limit; the check runs
# under CPython's default so that pycomp accepts exactly what `python` does,
# whatever limit the front end itself runs with.
_CPYTHON_DEFAULT_RECURSION_LIMIT = 1000


def _report_cpython_rejection(src: SourceFile, sink: DiagnosticSink) -> None:
    """E005 for source tree-sitter accepts but CPython refuses to compile.

    CPython's own compiler decides (`compile()` builds a code object and runs
    nothing): mixed tabs and spaces (`TabError`), nesting deeper than its
    parser or compiler accepts, and the other rules tree-sitter's grammar is
    looser about.
    """
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(_CPYTHON_DEFAULT_RECURSION_LIMIT + _stack_depth())
        try:
            compile(src.text, src.path, "exec", dont_inherit=True)
        finally:
            sys.setrecursionlimit(old)
    except SyntaxError as e:  # also IndentationError and TabError
        if e.msg.startswith(("(unicode error)", "(value error)")):
            return  # a bad string literal: the lowering reports it (E001) with its span
        line = e.lineno or 1
        col = e.offset or 1
        end_line = e.end_lineno or line
        end_col = e.end_offset if e.end_offset and e.end_offset > col else col + 1
        if end_line != line:
            end_line, end_col = line, col + 1
        sink.error("E005", f"`{type(e).__name__}`: {e.msg}",
                   Span(src.path, line, col, end_line, end_col),
                   help="CPython refuses to compile this file; `python -m py_compile` shows "
                        "the same error")
    except (RecursionError, MemoryError) as e:
        sink.error("E005", f"`{type(e).__name__}`: {e or 'the parser ran out of memory'}",
                   Span(src.path, 1, 1, 1, 1),
                   help="CPython cannot compile nesting this deep; split the expression or "
                        "statement into smaller ones")


def _stack_depth() -> int:
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


def fstring_align_spec(interpolation: Node) -> Node | None:
    """The `named_expression` tree-sitter reads in `{x:=10}`, an f-string field whose
    format spec starts with `=` (align after the sign): CPython reads `x` then the spec
    `=10` (a walrus in a field must be parenthesized), so the lowering does too."""
    kids = interpolation.named_children
    if kids and kids[0].type == "named_expression" and \
            (name := kids[0].child_by_field_name("name")) is not None and \
            name.type == "identifier":
        return kids[0]
    return None


def _report_syntax_errors(src: SourceFile, node: Node, sink: DiagnosticSink) -> None:
    if not node.has_error:
        return
    if node.type == "interpolation" and fstring_align_spec(node) is not None:
        return  # `{x:=+10.2f}`: the spec is read from the source text when lowering
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
