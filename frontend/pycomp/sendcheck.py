"""Generators and class instances: what a generator holds must be thread-safe (E100).

A compiled generator (`pcrt::Gen`) is `Send`: an iterator handle given to a host
may be advanced from any thread (Python releases the GIL, Node runs calls on
worker threads), and the generators made inside a function share that one type.
A class instance is `Rc<RefCell<..>>` (docs/architecture.md, "Objects"), which
must stay on its thread. So a generator function, or a generator expression
kept lazy, that holds an instance, or a generator of instances, is refused here,
before any Rust is written, instead of failing in cargo.
"""

from __future__ import annotations

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.types import GenT, Type, mentions_class

HELP = ("build a list instead (`[... for ...]`, or collect the items and `return` them in "
        "place of `yield`): a generator may move between threads, and a compiled class "
        "instance stays on the thread that made it")


def _types_in(root: object) -> list[Type]:
    return [t for n in ir.walk(root) if (t := getattr(n, "ty", None)) is not None]


def _holds_instance(root: object) -> bool:
    return any(mentions_class(t) for t in _types_in(root))  # type: ignore[arg-type]


def check_generator_values(mod: ir.Module, sink: DiagnosticSink) -> None:
    """E100 at each generator function, lazy generator expression or generator value that
    would hold a class instance."""
    reported: set[Span] = set()

    def report(span: Span, what: str) -> None:
        if span not in reported:
            reported.add(span)
            sink.error("E100", f"{what} holding an instance of a class is not supported",
                       span, help=HELP)

    for fn in mod.functions:
        if fn.is_generator and (any(mentions_class(t) for _, t in fn.locals)
                                or any(p.annotation is not None
                                       and mentions_class(p.annotation) for p in fn.params)
                                or (fn.returns is not None and mentions_class(fn.returns))
                                or _holds_instance(fn.body)):
            report(fn.name_span or fn.span, "a generator function")
            continue
        for node in ir.walk(fn.body):
            ty = getattr(node, "ty", None)
            if not isinstance(ty, GenT):
                continue
            if mentions_class(ty) or (isinstance(node, ir.Comprehension)
                                      and _holds_instance(node)):
                report(node.span, "a generator")  # type: ignore[attr-defined]
