"""Nested functions, lifted to module level (part of the lower stage).

A function defined inside another becomes a module function named
`outer/inner` whose parameters are its own followed by the enclosing
function's variables it reads (its captures). Every call passes the captures
by name, so the nested function sees each variable's value at the time of the
call, as CPython's closures do (late binding), and the later stages see only
ordinary functions and calls. A nested function named as an argument
(`sorted(xs, key=inner)`, `map(inner, xs)`) becomes a lambda calling it.

A nested function used as a value (returned, stored) becomes that lambda too;
infer makes it a function value holding copies of what it reads (and refuses
the captures a copy would not read as CPython does). `nonlocal` is refused by
the lower stage itself.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.scopes import expr_names


@dataclass(frozen=True)
class Nested:
    """A nested `def` as lowered, with the functions lifted out of its own body."""

    fn: ir.Function
    lifted: tuple[ir.Function, ...]
    span: Span


def qualified(outer: str, inner: str) -> str:
    """The lifted function's name: `outer/inner` (a dotted name is a method's)."""
    return f"{outer}/{inner}"


def bound_and_read(fn: ir.Function) -> tuple[set[str], list[str]]:
    """The names `fn` binds (parameters, assignment and loop targets, handlers' names) and
    the names its body reads, in first-read order; the enclosing functions' variables it
    changes (`ir.Function.changes`) count as read, not bound."""
    bound = {p.name for p in fn.params}
    read: dict[str, None] = {}
    stack: list[object] = [fn.body]
    while stack:
        x = stack.pop()
        if isinstance(x, ir.NameTarget):
            bound.add(x.id)
        elif type(x) in ir.EXPR_CLASSES:
            for n in expr_names(x):  # type: ignore[arg-type]
                read.setdefault(n)
        elif isinstance(x, (tuple, list)):
            stack.extend(reversed(x))
        else:
            if isinstance(x, ir.Handler) and x.name is not None:
                bound.add(x.name)
            stack.extend(getattr(x, f) for f in reversed(ir.field_names(x))
                         if f not in ("ty", "span"))
    # what it changes of the enclosing functions' variables (`nonlocal`) is theirs: read
    for x in fn.changes:
        bound.discard(x)
        read.setdefault(x)
    return bound, list(read)


def bound_names(fn: ir.Function) -> set[str]:
    """The names `fn` binds, as `bound_and_read` gives them, without reading its
    expressions (a name an expression binds, in a comprehension or a lambda, is its own):
    the cheap half, for the passes that need only what a function binds."""
    bound = {p.name for p in fn.params}
    stack: list[object] = [fn.body]
    while stack:
        x = stack.pop()
        if isinstance(x, ir.NameTarget):
            bound.add(x.id)
        elif isinstance(x, (tuple, list)):
            stack.extend(x)
        elif type(x) not in ir.EXPR_CLASSES:
            if isinstance(x, ir.Handler) and x.name is not None:
                bound.add(x.name)
            stack.extend(getattr(x, f) for f in ir.field_names(x) if f not in ("ty", "span"))
    bound.difference_update(fn.changes)
    return bound


def lift(outer: ir.Function, nested: list[Nested], enclosing: set[str], sink: DiagnosticSink,
         path: str | None = None) -> tuple[ir.Function, list[ir.Function]]:
    """`outer` with its nested functions' definitions gone and their calls passing
    captures; then the lifted functions, each before the ones lifted from its body.
    `enclosing`: the names bound by the functions around `outer` (captured by it in turn);
    `path`: `outer`'s name qualified by the functions around it (`outer/middle`), so two
    nested functions of one name in different functions stay apart."""
    prefix = path or outer.name
    outer_bound = bound_names(outer)
    scope = outer_bound | enclosing
    names = {n.fn.name: n for n in nested}
    own: dict[str, tuple[set[str], list[str]]] = {n.fn.name: bound_and_read(n.fn) for n in nested}
    # captures: the enclosing variables a nested function reads, also through the
    # calls it makes to its siblings (and to itself), to a fixpoint
    captures: dict[str, list[str]] = {}
    for name, (bound, read) in own.items():
        captures[name] = [r for r in read if r in scope and r not in bound and r not in names]
    changed = True
    while changed:
        changed = False
        for name, (bound, read) in own.items():
            for callee in read:
                if callee in names and callee not in bound:
                    for c in captures[callee]:
                        if c not in captures[name] and c not in bound:
                            captures[name].append(c)
                            changed = True
    for k, n in names.items():
        if k in outer_bound:
            sink.error("E002", f"rebinding the nested function `{k}` is not supported",
                       n.span, help="give the function and the variable different names")
    visible = {k: v for k, v in names.items() if k not in outer_bound}
    rewriter = Rewriter(prefix, visible, captures, sink, defined=True)
    body = rewriter.stmts(outer.body)
    used = set(rewriter.used)
    lifted: list[ir.Function] = []
    later: list[ir.Function] = []
    for n in nested:
        bound, _ = own[n.fn.name]
        visible = {k: v for k, v in names.items() if k not in bound}
        inner = Rewriter(prefix, visible, captures, sink)
        fn_body = inner.stmts(n.fn.body)
        used |= inner.used - {n.fn.name}
        extra = tuple(ir.Param(c, None, None, n.fn.span) for c in captures[n.fn.name])
        lifted.append(dataclasses.replace(
            n.fn, name=qualified(prefix, n.fn.name), params=n.fn.params + extra,
            body=fn_body, is_entry=False, captured=tuple(captures[n.fn.name])))
        later.extend(n.lifted)
    # a nested function nothing calls is dropped (defining it has no effect in CPython)
    kept = [f for f, n in zip(lifted, nested) if n.fn.name in used]
    return dataclasses.replace(outer, body=body), kept + later


class Rewriter:
    """Calls of nested functions pass their captures; a nested function given as an
    argument becomes a lambda; any other use of one is E002."""

    def __init__(self, outer: str, nested: dict[str, Nested], captures: dict[str, list[str]],
                 sink: DiagnosticSink, defined: bool = False):
        self.outer = outer
        self.nested = nested
        self.captures = captures
        self.sink = sink
        # in the enclosing function's own body, a use before the `def` is E021
        self.defined = defined
        self.used: set[str] = set()

    def use(self, name: str, span: Span) -> None:
        self.used.add(name)
        at = self.nested[name].span
        if self.defined and (span.line, span.col) < (at.line, at.col):
            self.sink.error("E021", f"`{name}` is used before its `def` runs", span,
                            help="Python raises NameError there; define the function first")

    def stmts(self, body: tuple[ir.Stmt, ...]) -> tuple[ir.Stmt, ...]:
        return typing.cast(tuple[ir.Stmt, ...], self.node(body))

    def call(self, name: str, args: tuple[ir.Expr, ...], keywords: tuple[ir.Keyword, ...],
             span: Span) -> ir.Call:
        self.use(name, span)
        caps = tuple(ir.Keyword(c, ir.Name(c, span), span) for c in self.captures[name])
        return ir.Call(ir.Name(qualified(self.outer, name), span), args, keywords + caps, span)

    def as_function(self, e: ir.Name) -> ir.Lambda:
        """`key=inner`: `lambda *args: inner(*args)` over its parameters without defaults."""
        fn = self.nested[e.id].fn
        params = tuple(f"__pc_arg{i}" for i, p in enumerate(fn.params) if p.default is None)
        return ir.Lambda(params, self.call(e.id, tuple(ir.Name(p, e.span) for p in params), (),
                                           e.span), e.span)

    def argument(self, a: ir.Expr) -> ir.Expr:
        if isinstance(a, ir.Name) and a.id in self.nested:
            return self.as_function(a)
        return typing.cast(ir.Expr, self.node(a))

    def node(self, x: Any) -> Any:
        if isinstance(x, tuple):
            items = tuple(self.node(y) for y in x)
            return x if all(a is b for a, b in zip(items, x)) else items
        if isinstance(x, ir.Call):
            if isinstance(x.func, ir.Name) and x.func.id in self.nested:
                return self.call(x.func.id, tuple(self.argument(a) for a in x.args),
                                 tuple(dataclasses.replace(k, value=self.argument(k.value))
                                       for k in x.keywords), x.span)
            return dataclasses.replace(
                x, func=self.node(x.func), args=tuple(self.argument(a) for a in x.args),
                keywords=tuple(dataclasses.replace(k, value=self.argument(k.value))
                               for k in x.keywords))
        if isinstance(x, ir.Name):
            if x.id in self.nested:
                # used as a value (returned, stored): a lambda calling it, which infer makes
                # into a function value holding copies of the captures
                return self.as_function(x)
            return x
        if isinstance(x, ir.Lambda) and any(p in self.nested for p in x.params):
            return x  # a lambda parameter shadows the nested function
        if isinstance(x, (str, int, float, bool, Span)) or x is None:
            return x
        return ir.map_fields(x, self.node)


def lambda_variables(fn: ir.Function, sink: DiagnosticSink
                     ) -> tuple[ir.Function, dict[str, tuple[ir.Lambda, Span]]]:
    """`norm = lambda s: ...` at the top level of `fn`'s body, the variable's only
    assignment: the statement goes and every use of `norm` becomes the lambda itself
    (a call `norm(x)` calls it there, reading the variables it names at that time, as
    CPython's does). Returns `fn` rewritten and the lambdas by name."""
    if not any(isinstance(s, ir.Assign) and isinstance(s.value, ir.Lambda) for s in fn.body):
        return fn, {}  # no candidate: the names' counts are not needed
    counts: dict[str, int] = {}
    stack: list[object] = [fn.body]
    while stack:
        x = stack.pop()
        if isinstance(x, ir.NameTarget):
            counts[x.id] = counts.get(x.id, 0) + 1
        elif isinstance(x, (tuple, list)):
            stack.extend(x)
        elif type(x) not in ir.EXPR_CLASSES:
            stack.extend(getattr(x, f) for f in ir.field_names(x) if f not in ("ty", "span"))
    params = {p.name for p in fn.params}
    found: dict[str, tuple[ir.Lambda, Span]] = {}
    body: list[ir.Stmt] = []
    for s in fn.body:
        match s:
            # (a default `k=k` is read when the lambda is made: inlined at each call, it
            # would read `k` then, so `k` may not be assigned again)
            case ir.Assign(targets=(ir.NameTarget(id=name),), value=ir.Lambda() as lam) \
                    if counts.get(name) == 1 and name not in params and all(
                        counts.get(e, 0) + (e in params) <= 1 for e in lam.early):
                found[name] = (lam, s.span)
            case _:
                body.append(s)
    if not found:
        return fn, found
    return dataclasses.replace(fn, body=inline_lambdas(tuple(body), found, sink, True)), found


def inline_lambdas(body: tuple[ir.Stmt, ...], lambdas: dict[str, tuple[ir.Lambda, Span]],
                   sink: DiagnosticSink, defined: bool) -> tuple[ir.Stmt, ...]:
    """Every use of a lambda variable in `body` replaced by the lambda (see
    `lambda_variables`); `defined`: `body` is the defining function's own (a use before
    the assignment is E021 there)."""
    rw = LambdaInliner(lambdas, sink, defined)
    return typing.cast(tuple[ir.Stmt, ...], rw.node(body))


class LambdaInliner(Rewriter):
    def __init__(self, lambdas: dict[str, tuple[ir.Lambda, Span]], sink: DiagnosticSink,
                 defined: bool):
        super().__init__("", {}, {}, sink, defined)
        self.lambdas = lambdas

    def lam(self, name: str, span: Span) -> ir.Lambda:
        lam, at = self.lambdas[name]
        if self.defined and (span.line, span.col) < (at.line, at.col):
            self.sink.error("E021", f"`{name}` is used before it is assigned", span,
                            help="Python raises UnboundLocalError there")
        return lam

    def argument(self, a: ir.Expr) -> ir.Expr:
        if isinstance(a, ir.Name) and a.id in self.lambdas:
            return self.lam(a.id, a.span)
        return typing.cast(ir.Expr, self.node(a))

    def node(self, x: Any) -> Any:
        if isinstance(x, ir.Call) and isinstance(x.func, ir.Name) and x.func.id in self.lambdas:
            return ir.Call(self.lam(x.func.id, x.func.span), tuple(self.argument(a)
                                                                   for a in x.args),
                           tuple(dataclasses.replace(k, value=self.argument(k.value))
                                 for k in x.keywords), x.span)
        if isinstance(x, ir.Name) and x.id in self.lambdas:
            return self.lam(x.id, x.span)  # used as a value: the lambda itself
        return super().node(x)
