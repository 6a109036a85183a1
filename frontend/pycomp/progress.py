"""What `pycomp build` shows while it works.

Three levels: `quiet` prints nothing; `normal` (the default on a terminal)
prints each stage's time as it finishes and keeps one status line with
cargo's own progress (`Building [===>  ] 45/120: tokenizers`) while cargo
runs; `verbose` prints all of cargo's output as it comes. When stderr is not
a terminal, `normal` prints nothing until the final summary (no status line
to redraw in a log file).

The first cargo build on a machine compiles the dependencies (ONNX Runtime
bindings, tokenizers, ndarray: minutes); the reporter says once that this
happens once and is cached, so a long wait is not a surprise.
"""

from __future__ import annotations

import shutil
import sys
from typing import Literal, TextIO

Level = Literal["quiet", "normal", "verbose"]

__all__ = ["BuildReporter", "Level"]


class BuildReporter:
    def __init__(self, level: Level = "normal", stream: TextIO | None = None,
                 crate: str = "", cache: str = "") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.level = level
        isatty = getattr(self.stream, "isatty", None)
        self.live = level == "normal" and bool(isatty and isatty())
        self.crate = crate  # the generated crate's name: not a dependency
        self.cache = cache  # the shared cargo target directory
        self._status = False  # a status line is on screen
        self._said_cold = False
        self._pending = ""

    @property
    def wants_cargo_output(self) -> bool:
        return self.live or self.level == "verbose"

    @property
    def progress_width(self) -> int:
        return max(40, shutil.get_terminal_size((100, 24)).columns - 2)

    def stage(self, name: str, seconds: float) -> None:
        if self.live:
            self._clear()
            self.stream.write(f"{name:>8} {seconds * 1000:7.0f} ms\n")
            self.stream.flush()

    def cargo_output(self, text: str) -> None:
        """A chunk of cargo's stderr, as it arrives."""
        if self.level == "verbose":
            self.stream.write(text)
            self.stream.flush()
            return
        if not self.live:
            return
        # cargo redraws its progress bar with \r; lines end with \n.
        data = self._pending + text
        parts = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._pending = parts.pop()
        for line in parts:
            self._line(line.rstrip())

    def _line(self, line: str) -> None:
        words = line.split()
        if not words:
            return
        if words[0] == "Compiling" and len(words) > 1 and words[1] != self.crate \
                and not self._said_cold:
            self._said_cold = True
            self._clear()
            self.stream.write("   cargo compiling dependencies: this happens once, later "
                              f"builds reuse them (cached in {self.cache})\n")
        self._show(line.strip())

    def _show(self, status: str) -> None:
        width = self.progress_width
        self.stream.write("\r" + status[:width].ljust(width))
        self.stream.flush()
        self._status = True

    def _clear(self) -> None:
        if self._status:
            self.stream.write("\r" + " " * self.progress_width + "\r")
            self._status = False

    def done(self, summary: str = "") -> None:
        """Clears the status line; prints `summary` unless quiet."""
        self._clear()
        if summary and self.level != "quiet":
            self.stream.write(summary + "\n")
            self.stream.flush()
