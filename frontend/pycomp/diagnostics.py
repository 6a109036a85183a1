"""Diagnostics: what pycomp tells a user about their code.

A diagnostic is data (code, message, span, help); rendering is separate.
The rendered form follows rustc:

    error[E0102]: name `foo` is not defined
     --> fn.py:3:12
      |
    3 |     return foo + 1
      |            ^^^
      = help: define `foo` before this line, or import it

Codes are documented one page each in docs/errors/.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns count from 1, end exclusive."""

    file: str
    line: int
    col: int
    end_line: int
    end_col: int

    @staticmethod
    def unknown(file: str = "<unknown>") -> Span:
        return Span(file, 1, 1, 1, 1)


# Every code pycomp emits, with a one-line title (the docs page has the rest).
CODES: dict[str, str] = {
    "E001": "syntax error",
    "E002": "unsupported syntax",
    "E003": "unsupported import",
    "E004": "unsupported module-level statement",
    "E005": "source CPython refuses to compile",
    "E010": "missing annotation",
    "E011": "unsupported type annotation",
    "E012": "unsupported default value",
    "E020": "undefined name",
    "E021": "variable may be used before assignment",
    "E030": "type mismatch",
    "E031": "variable changes type where shadowing cannot follow Python",
    "E032": "cannot infer the type of an empty container",
    "E033": "return type does not match the annotation",
    "E034": "unhashable dict key or set item type",
    "E040": "no op for this call",
    "E041": "no op for this operator",
    "E042": "wrong arguments for a call",
    "E043": "unknown function",
    "E050": "mutation of a shared container",
    "E051": "mutation of a parameter",
    "E052": "return inside try/finally",
    "E060": "unsupported exception",
    "E070": "no entry points",
    "E080": "recursive function without an annotated return",
    "E090": "resource file not found",
    "E091": "model inputs do not match the call",
    "E100": "unsupported class feature",
    "E101": "undeclared attribute",
    "E102": "object without a repr",
    "E103": "class cannot cross the ABI",
    "W001": "a value CPython may keep as an int is a float here",
    "W002": "case-insensitive pattern: simple case folding",
    "W003": "a public function compiled as a helper, not exported",
    "W004": "a float32/float16/int32 numpy scalar converted to a Python number",
    "W005": "a resource path read from the environment when building",
    "W006": "a set of numbers walked in insertion order",
    "W007": "a function only the script block runs is not compiled",
    "W008": "np.array of a list of ints or bools that may be empty",
    "W009": "a numpy float function numpy may compute with Intel SVML kernels",
    "W010": "argsort without a stable kind",
    "W011": "np.einsum of floats: the last place may differ from numpy",
    "W012": "a float product of a strided view",
    "W013": "float products without numpy's OpenBLAS",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    help: str | None = None
    notes: tuple[str, ...] = ()
    severity: str = "error"

    def render(self, source: str | None = None) -> str:
        return render(self, source)

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.col,
            "end_line": self.span.end_line,
            "end_column": self.span.end_col,
            "help": self.help,
            "notes": list(self.notes),
        }


def render(d: Diagnostic, source: str | None = None,
           lines: list[str] | None = None) -> str:
    """Render one diagnostic as rustc does, with a code frame when the source is known
    (`lines`: the source's `splitlines()`, given by a caller rendering many)."""
    s = d.span
    out = [f"{d.severity}[{d.code}]: {d.message}", f" --> {s.file}:{s.line}:{s.col}"]
    if lines is None:
        lines = source.splitlines() if source is not None else []
    if 1 <= s.line <= len(lines):
        text = lines[s.line - 1].expandtabs(4)
        gutter = " " * len(str(s.line))
        width = (s.end_col - s.col) if s.end_line == s.line else len(text) - s.col + 1
        width = max(1, width)
        out.append(f"{gutter} |")
        out.append(f"{s.line} | {text}")
        out.append(f"{gutter} | {' ' * (s.col - 1)}{'^' * width}")
        for note in d.notes:
            out.append(f"{gutter} = note: {note}")
        if d.help:
            out.append(f"{gutter} = help: {d.help}")
    else:
        for note in d.notes:
            out.append(f"  = note: {note}")
        if d.help:
            out.append(f"  = help: {d.help}")
    return "\n".join(out)


@dataclass
class DiagnosticSink:
    """Collects diagnostics for one compilation; stages add, the driver reports."""

    file: str
    source: str
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, span: Span, help: str | None = None,
              notes: tuple[str, ...] = ()) -> None:
        assert code in CODES, code
        d = Diagnostic(code, message, span, help, notes)
        if d not in self.items:
            self.items.append(d)

    def warning(self, code: str, message: str, span: Span, help: str | None = None,
                notes: tuple[str, ...] = ()) -> None:
        """A kept deviation from CPython that the user's code can observe: compiled, and
        reported."""
        assert code in CODES, code
        d = Diagnostic(code, message, span, help, notes, severity="warning")
        if d not in self.items:
            self.items.append(d)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def report_warnings(self) -> None:
        """Hand each warning to Python's `warnings` machinery: `pycomp check` prints them,
        `pycomp.build` callers see them (and may turn them into errors)."""
        import warnings

        lines = self.source.splitlines()  # once, not per warning of a big file
        for d in self.warnings:
            warnings.warn(CompileWarning(d, render(d, self.source, lines)), stacklevel=3)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise CompileError(list(self.items), {self.file: self.source})


class CompileError(Exception):
    """The user's code cannot be compiled; `render()` explains why."""

    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, str]):
        self.diagnostics = diagnostics
        self.sources = sources
        super().__init__(self.render())

    def render(self) -> str:
        lines = {f: text.splitlines() for f, text in self.sources.items()}
        parts = [render(d, self.sources.get(d.span.file), lines.get(d.span.file))
                 for d in self.diagnostics]
        n = sum(1 for d in self.diagnostics if d.severity == "error")
        parts.append(f"error: could not compile: {n} error{'s' if n != 1 else ''}")
        return "\n\n".join(parts)

    def to_json(self) -> str:
        return json.dumps([d.to_json() for d in self.diagnostics], indent=2)


class CompileWarning(UserWarning):
    """A compile-time warning (`W0xx`): the code compiles, with a deviation it reports."""

    def __init__(self, diagnostic: Diagnostic, rendered: str):
        self.diagnostic = diagnostic
        super().__init__(rendered)


class InternalError(Exception):
    """A failure inside pycomp itself: a bug, never the user's fault."""

    def __init__(self, message: str, span: Span | None = None):
        where = f" (while compiling {span.file}:{span.line}:{span.col})" if span else ""
        super().__init__(
            f"internal error in pycomp{where}: {message}\n"
            "this is a bug in pycomp, please report it with the source file that triggered it"
        )
