"""`@contextlib.contextmanager` generators used in `with` (part of the lower stage).

A module function under `@contextmanager` holding one `yield` is not compiled as a
function: each `with cm(args) as t: BODY` becomes the generator's own body, its
locals renamed apart (`__cm<offset>_<name>`), its parameters assigned the call's
arguments, and its `yield v` replaced by `t = v` followed by BODY. That is what
CPython's `_GeneratorContextManager` does, written out: the code before the `yield`
runs on entry, an exception BODY raises is raised at the `yield` (the generator's
`except` and `finally` clauses around it see it: `gen.throw`), and one the generator
swallows (falling off its end) is suppressed, the code after the `with` running next.

CPython resumes the generator after the `yield` when BODY leaves by `return`,
`break` or `continue` too; written out in place those would skip the code after
the `yield` except `finally` clauses, so they are compiled only where nothing else
follows the `yield` (`try: yield x` / `finally: ...`, the common shape) and refused
(E002) elsewhere. Also refused: a generator with no or several `yield`s, a `yield`
inside a loop, an `if` or a handler (CPython raises RuntimeError when a generator
yields twice or not at all), `return` in it, nested functions, `*args`, defaults
that are not literals (CPython evaluates them once), any use of the function other
than `with f(...)`, and a name the generator reads from module level that the
function using it binds (the inlined code would read the local).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from pycomp import ir, nested
from pycomp.diagnostics import Span

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

HELP_SHAPE = ("compiled @contextmanager generators hold one `yield`, at the top of their "
              "body or inside `try:` blocks, and no `return`")


def is_contextmanager(lw: Lowerer, decorator: Node) -> bool:
    """Whether `decorator` is `@contextlib.contextmanager` (or `@contextmanager` imported
    from contextlib)."""
    expr = decorator.named_children[0] if decorator.named_children else None
    if expr is None:
        return False
    text = lw.text(expr)
    if expr.type == "identifier":
        return any(i.module == "contextlib" and text in i.names for i in lw.imports)
    head, _, attr = text.rpartition(".")
    return attr == "contextmanager" and any(
        i.module == "contextlib" and not i.names and i.alias == head for i in lw.imports)


def definitions(lw: Lowerer) -> dict[str, Node]:
    """The module's `@contextmanager` functions by name (their `function_definition`)."""
    if lw.context_managers is None:
        lw.context_managers = {}
        for node in lw.named_children(lw.src.tree.root_node):
            d = node.child_by_field_name("definition") \
                if node.type == "decorated_definition" else None
            decos = [c for c in node.named_children if c.type == "decorator"]
            name = d.child_by_field_name("name") if d is not None else None
            if d is not None and d.type == "function_definition" and name is not None and \
                    decos and all(is_contextmanager(lw, c) for c in decos):
                lw.context_managers[lw.text(name)] = d
    return lw.context_managers


def check_uses(lw: Lowerer, definition: Node) -> None:
    """E002 for each use of the `@contextmanager` function other than `with f(...)`."""
    name_node = definition.child_by_field_name("name")
    assert name_node is not None
    name = lw.text(name_node)
    stack = [lw.src.tree.root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "identifier" or lw.text(n) != name or n == name_node:
            continue
        call = n.parent
        item = call.parent if call is not None else None
        if item is not None and item.type == "as_pattern":
            item = item.parent
        if call is not None and call.type == "call" and \
                call.child_by_field_name("function") == n and \
                item is not None and item.type == "with_item":
            continue
        lw.unsupported(n, f"the @contextmanager function `{name}` used other than in "
                          f"`with {name}(...)`",
                       help="compiled @contextmanager generators are written out at each "
                            "`with` statement calling them")


def inline(lw: Lowerer, value: Node, target: Node | None, body: list[ir.Stmt],
           item: Node) -> list[ir.Stmt] | None:
    """The statements `with value as target: body` is, when `value` calls a
    `@contextmanager` function of the module; None when it does not (or was refused)."""
    fn_node = value.child_by_field_name("function") if value.type == "call" else None
    if fn_node is None or fn_node.type != "identifier":
        return None
    definition = definitions(lw).get(lw.text(fn_node))
    if definition is None:
        return None
    name = lw.text(fn_node)
    if name in lw.inlining:
        lw.unsupported(value, f"the @contextmanager function `{name}` used in its own body")
        return []
    lw.inlining.append(name)
    try:
        return _inline(lw, name, definition, value, target, body, item)
    finally:
        lw.inlining.pop()


def _inline(lw: Lowerer, name: str, definition: Node, value: Node, target: Node | None,
            body: list[ir.Stmt], item: Node) -> list[ir.Stmt]:
    span = lw.span(item)
    params_node = definition.child_by_field_name("parameters")
    body_node = definition.child_by_field_name("body")
    assert params_node is not None and body_node is not None
    params = lw.lower_params(params_node)
    bindings = _arguments(lw, name, params, value)
    if bindings is None:
        return []
    stmts = lw.named_children(body_node)
    if stmts and stmts[0].type == "expression_statement" and lw._is_docstring(stmts[0]):
        stmts = stmts[1:]
    defs = [n for n in stmts if n.type in ("function_definition", "decorated_definition")]
    if defs:
        lw.unsupported(defs[0], "a nested function in a @contextmanager generator",
                       help="define it at module level")
        return []
    outer_yields, outer_dels = lw.yields, lw.name_dels
    lw.name_dels = []
    gen = tuple(lw.lower_block_nodes(stmts))
    dels, lw.yields, lw.name_dels = lw.name_dels, outer_yields, outer_dels
    yields = [y for y in ir.walk(gen) if isinstance(y, ir.Yield)]
    returns = [r for r in ir.walk(gen) if isinstance(r, ir.Return)]
    problem = "`del` of a name" if dels else "`return`" if returns else \
        "`yield from`" if any(y.delegate for y in yields) else \
        "no `yield`" if not yields else "more than one `yield`" if len(yields) > 1 else None
    if problem is not None:
        lw.sink.error("E002", f"a @contextmanager generator with {problem} is not supported",
                      returns[0].span if returns and not dels else lw.span(definition),
                      help=HELP_SHAPE)
        return []
    fake = ir.Function(name, tuple(params), None, gen, None, span, False)
    bound, read = nested.bound_and_read(fake)
    renamed = {n: f"__cm{item.start_byte}_{n}" for n in bound}
    shared = _shared_arguments(bindings, gen, body)
    renamed.update(shared)
    lw.context_free.append(({n for n in read if n not in bound}, lw.span(value)))
    gen = _rename(gen, renamed)
    yielded = yields[0]
    got = _rename(yielded.value, renamed) if yielded.value is not None else None
    enter: list[ir.Stmt] = []
    if target is not None:
        enter.append(ir.Assign((lw.lower_target(target),), got or ir.Const(None, span), span))
    elif got is not None:
        enter.append(ir.ExprStmt(got, span))
    spliced, tail = _splice(gen, tuple(enter + body))
    if spliced is None:
        lw.sink.error("E002", "a `yield` inside a loop, an `if` or an `except` clause of a "
                              "@contextmanager generator is not supported", yielded.span,
                      help=HELP_SHAPE)
        return []
    if not tail:
        leaving = _leaving(tuple(body))
        if leaving is not None:
            lw.sink.error("E002", "leaving this `with` by `return`, `break` or `continue` is "
                                  f"not supported: `{name}` has code after its `yield` "
                                  "outside `finally:`", leaving,
                          help="CPython runs the generator's code after `yield` on the way "
                               "out; put that code in a `finally:` around the `yield`, or "
                               "leave the `with` block at its end")
            return []
    head = [ir.Assign((ir.NameTarget(renamed[p.name], span, p.annotation),), arg, span)
            for p, arg in bindings if p.name not in shared]
    return head + list(spliced)


def _shared_arguments(bindings: list[tuple[ir.Param, ir.Expr]], gen: tuple[ir.Stmt, ...],
                      body: list[ir.Stmt]) -> dict[str, str]:
    """The parameters given a variable of the caller (`with logged(log):`) that neither
    the generator nor the block rebinds: the written-out generator reads that variable
    itself, so both change one object, as the generator's parameter and the caller's
    variable are one object in CPython (a copy would be E050 as soon as either changes
    it: `log.append(...)`)."""
    def bound(stmts: object) -> set[str]:
        return {x.id for x in ir.walk(stmts) if isinstance(x, ir.NameTarget)} | {
            x.name for x in ir.walk(stmts) if isinstance(x, ir.Handler) and x.name}

    in_gen, in_body = bound(gen), bound(body)
    out: dict[str, str] = {}
    for p, arg in bindings:
        if isinstance(arg, ir.Name) and p.name not in in_gen and arg.id not in in_body and \
                arg.id not in out.values():
            out[p.name] = arg.id
    return out


def _arguments(lw: Lowerer, name: str, params: list[ir.Param], call: Node
               ) -> list[tuple[ir.Param, ir.Expr]] | None:
    """Each parameter with the argument (or literal default) the call gives it, in order."""
    if any(p.kind in ("args", "kwargs") for p in params):
        lw.unsupported(call, f"`*args` or `**kwargs` in the @contextmanager function `{name}`")
        return None
    args_node = call.child_by_field_name("arguments")
    positional: list[ir.Expr] = []
    keywords: dict[str, ir.Expr] = {}
    for a in lw.named_children(args_node) if args_node is not None else []:
        if a.type == "keyword_argument":
            key = a.child_by_field_name("name")
            val = a.child_by_field_name("value")
            assert key is not None and val is not None
            keywords[lw.text(key)] = lw.lower_expr(val)
        elif a.type in ("list_splat", "dictionary_splat"):
            lw.unsupported(a, "a starred argument to a @contextmanager function")
            return None
        else:
            positional.append(lw.lower_expr(a))
    out: list[tuple[ir.Param, ir.Expr]] = []
    for i, p in enumerate(params):
        arg = positional[i] if i < len(positional) and p.kind != "kwonly" else \
            keywords.pop(p.name, None) if p.kind != "posonly" else None
        if arg is None and p.default is not None and _literal(p.default):
            arg = p.default
        if arg is None:
            what = "a default that is not a literal" if p.default is not None else \
                "no argument"
            lw.unsupported(call, f"this call of `{name}` ({what} for `{p.name}`)",
                           help="pass every parameter of a @contextmanager function whose "
                                "default is not a literal")
            return None
        out.append((p, arg))
    if len(positional) > sum(p.kind != "kwonly" for p in params) or keywords:
        lw.sink.error("E002", f"this call of `{name}` does not match its parameters",
                      lw.span(call), help="CPython raises TypeError here")
        return None
    return out


def _literal(e: ir.Expr) -> bool:
    if isinstance(e, ir.Const):
        return True
    if isinstance(e, ir.UnaryOp) and e.op == "-":
        return _literal(e.operand)
    return isinstance(e, ir.TupleLit) and all(_literal(x) for x in e.elts)


def _splice(stmts: tuple[ir.Stmt, ...], replacement: tuple[ir.Stmt, ...]
            ) -> tuple[tuple[ir.Stmt, ...] | None, bool]:
    """`stmts` with its `yield` (at top level or in `try:` bodies) replaced, and whether
    nothing but `finally:` clauses runs after it on the way out; None if it is elsewhere."""
    for i, s in enumerate(stmts):
        last = i == len(stmts) - 1
        if isinstance(s, ir.Yield):
            return stmts[:i] + replacement + stmts[i + 1:], last
        if isinstance(s, ir.Try):
            inner, tail = _splice(s.body, replacement)
            if inner is not None:
                new = dataclasses.replace(s, body=inner)
                return stmts[:i] + (new,) + stmts[i + 1:], tail and last and not s.orelse
    return None, False


def _leaving(body: tuple[ir.Stmt, ...]) -> Span | None:
    """The first `return`, or `break`/`continue` outside a loop of `body`, that leaves it."""
    for s in body:
        if isinstance(s, ir.Return | ir.Break | ir.Continue):
            return s.span
        blocks: list[tuple[ir.Stmt, ...]] = []
        if isinstance(s, ir.If):
            blocks = [s.body, s.orelse]
        elif isinstance(s, ir.Try):
            blocks = [s.body, s.orelse, s.finalbody, *(h.body for h in s.handlers)]
        elif isinstance(s, ir.For | ir.While):
            blocks = [s.orelse]
            found = next((r.span for r in ir.walk(s.body) if isinstance(r, ir.Return)), None)
            if found is not None:
                return found
        for b in blocks:
            found = _leaving(b)
            if found is not None:
                return found
    return None


def _rename(x: Any, names: dict[str, str]) -> Any:
    """`x` (IR) with the variables in `names` renamed."""
    if isinstance(x, tuple):
        items = tuple(_rename(y, names) for y in x)
        return x if all(a is b for a, b in zip(items, x)) else items
    if isinstance(x, ir.Name | ir.NameTarget):
        return dataclasses.replace(x, id=names[x.id]) if x.id in names else x
    if isinstance(x, ir.Handler) and x.name in names:
        x = dataclasses.replace(x, name=names[x.name])
    if isinstance(x, ir.Lambda):
        x = dataclasses.replace(x, params=tuple(names.get(p, p) for p in x.params))
    if isinstance(x, str | int | float | bool | Span) or x is None:
        return x
    return ir.map_fields(x, lambda v: _rename(v, names))


def check_free_names(lw: Lowerer, free: list[tuple[set[str], Span]], bound: set[str]) -> None:
    """E002 where a written-out generator reads a module-level name that the function
    holding the `with` binds (the written-out code would read the local instead)."""
    for names, span in free:
        for n in sorted(names & bound):
            lw.sink.error("E002", f"a @contextmanager generator reading `{n}`, which this "
                                  "function also binds, is not supported", span,
                          help=f"rename this function's `{n}`")
