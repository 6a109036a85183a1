"""Liveness of locals in a typed function: which reads are a variable's last use.

A read of a local that no later statement can observe (the variable is dead
after the point where the read is evaluated, and the read is its only
occurrence there) may move the value instead of cloning it. The lowering
(`pycomp.rust.lower`) asks `LastUses.may_move(name_node)` when it needs an
owned value from a place; everything else about ownership is decided there.

The analysis is a backward dataflow over the structured IR: loops iterate to
a fixpoint, `break`/`continue` flow to the loop's exit/head, and inside a
`try` every point may also flow to the handlers and the `finally` body.
Reads inside a lambda, and reads inside a comprehension other than its first
iterable, are never moves (they run many times, or later); a variable a
lambda reads is never moved anywhere in the function.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pycomp import ir
from pycomp.alias import _changed_places, _root, _stmt_nodes, live_list_walked
from pycomp.scopes import target_reads
from pycomp.types import (
    BoolT,
    DequeT,
    DictT,
    DynT,
    IntT,
    ListT,
    NdArrayT,
    SetT,
    StrT,
    has_dyn,
)

_MOVABLE_KINDS = ("local", "param")


@dataclass(frozen=True)
class _Flow:
    brk: frozenset[str] = frozenset()  # live where `break` goes
    cont: frozenset[str] = frozenset()  # live where `continue` goes
    extra: frozenset[str] = frozenset()  # live at any point (handlers, finally)


def _name_reads(node: object, repeated: bool = False) -> Iterator[tuple[ir.Name, bool]]:
    """Every local read under `node`: (the Name, whether it may run more than once
    or outside the statement)."""
    if isinstance(node, ir.Name):
        if node.kind in _MOVABLE_KINDS or node.kind in ("narrowed", "narrowed_dyn"):
            yield node, repeated
        return
    if isinstance(node, ir.Lambda):
        yield from _name_reads(node.body, True)
        return
    if isinstance(node, ir.Comprehension):
        for i, g in enumerate(node.generators):
            yield from _name_reads(g.iter, repeated or i > 0)
            for c in g.conds:
                yield from _name_reads(c, True)
        yield from _name_reads(node.elt, True)
        yield from _name_reads(node.key, True)
        return
    for child in ir.children(node):
        yield from _name_reads(child, repeated)


def _read_counts(node: object, out: dict[str, int]) -> None:
    """Add to `out` how many times each local is read under `node` on the path that
    reads it most: the two branches of `a if c else b` are exclusive, so a read in
    each is one read (`x = [x] if c else x` moves x in either branch)."""
    if isinstance(node, ir.Name):
        if node.kind in _MOVABLE_KINDS or node.kind in ("narrowed", "narrowed_dyn"):
            key = node.rust or node.id
            out[key] = out.get(key, 0) + 1
        return
    if isinstance(node, ir.IfExp):
        _read_counts(node.test, out)
        body: dict[str, int] = {}
        orelse: dict[str, int] = {}
        _read_counts(node.body, body)
        _read_counts(node.orelse, orelse)
        for key in body.keys() | orelse.keys():
            out[key] = out.get(key, 0) + max(body.get(key, 0), orelse.get(key, 0))
        return
    for child in ir.children(node):
        _read_counts(child, out)


def _cannot_raise(e: object) -> bool:
    """Evaluating `e` cannot raise: names, constants, ops that do not raise, and lists,
    tuples, conditional expressions and str/int-keyed dicts of them, converted only to
    a dynamic value."""
    match e:
        case ir.Const():
            return True
        case ir.Name(kind=kind):
            return kind in _MOVABLE_KINDS
        case ir.ListLit(elts=elts) | ir.TupleLit(elts=elts):
            return all(_cannot_raise(x) for x in elts)
        case ir.DictLit(keys=keys, values=values, ty=DictT(key=StrT() | IntT() | BoolT())):
            return all(_cannot_raise(x) for x in keys + values)
        case ir.IfExp(test=test, body=body, orelse=orelse):
            return _cannot_raise(test) and _cannot_raise(body) and _cannot_raise(orelse)
        case ir.OpCall(op=op, args=args):
            return not op.raises and all(_cannot_raise(a) for _, a in args)
        case ir.Coerce(value=value, ty=ty, method=""):
            return _cannot_raise(value) and (isinstance(ty, DynT) or not (
                ty is None or has_dyn(ty) or value.ty is None or has_dyn(value.ty)))
    return False


def _lambda_reads(node: object, inside: bool = False) -> Iterator[str]:
    if isinstance(node, ir.Name) and inside and node.rust:
        yield node.rust
        return
    inside = inside or isinstance(node, ir.Lambda)
    for child in ir.children(node):
        yield from _lambda_reads(child, inside)


def borrowed_params(fn: ir.Function) -> set[str]:
    """The parameters `fn` takes by reference (`&str`, `&[T]`, `&IndexMap`, ...):
    those of a container or str type it never rebinds, unless it is a generator
    (whose body outlives the call)."""
    from pycomp.infer import _stmt_targets, _walk_stmts

    written: set[str] = set()
    for s in _walk_stmts(fn.body):
        written |= set(_stmt_targets(s))
    return {p.name for p in fn.params
            if isinstance(p.annotation, (StrT, ListT, DictT, SetT, NdArrayT))
            and p.name not in written and not fn.is_generator}


def _may_take_mut(fn: ir.Function, as_values: set[str], families: set[str]) -> bool:
    """Whether `fn` may take parameters by `&mut`: a private function (an entry's
    parameter is the host's object, which cannot change across the ABI) that every call
    names directly (not used as a value, not a generator whose body outlives the call, not
    cached, not a dunder method ops call, not a method a subclass may override)."""
    short = fn.name.rsplit(".", 1)[-1]
    return not (fn.is_entry or fn.is_generator or fn.cache is not None
                or fn.name in as_values or fn.decorator is not None
                or short.startswith("__") or fn.owner in families)


def mut_params(mod: ir.Module) -> dict[str, frozenset[str]]:
    """Each function: the list, dict, set and deque parameters it takes by `&mut` (the
    accumulator idiom, `def _collect(words, out): out.append(...)`): those it changes in
    place, itself (`out.append(x)`, `out[k] = v`, `del out[k]`, an item's change
    `out[k].append(x)`) or by passing them on to such a parameter of another function,
    and never rebinds. Every call passes the caller's object by `&mut`, so the caller sees
    each change when it happens, as in CPython (an exception midway included). The alias
    pass (pycomp.alias) refuses what a `&mut` cannot give: the object also stored or
    returned, passed twice to one call, an entry's parameter changed."""
    from pycomp.infer import _stmt_targets, _walk_stmts

    as_values = {n.id for f in mod.functions for n in ir.walk(f.body)
                 if isinstance(n, ir.Name) and n.kind == "func"}
    families = {c.base for c in mod.classes if c.base} | {
        c.name for c in mod.classes if c.base}
    # each function: its eligible parameters (by name), and where its calls pass them
    eligible: dict[str, list[str]] = {}
    passes: dict[str, list[tuple[str, str, int]]] = {}  # fn -> (param, callee, index)
    out: dict[str, set[str]] = {}
    for fn in mod.functions:
        out[fn.name] = set()
        if not _may_take_mut(fn, as_values, families):
            continue
        written = {t for s in _walk_stmts(fn.body) for t in _stmt_targets(s)}
        # a comprehension's or lambda's own variable of the same name: read by Rust name
        for n in ir.walk(fn.body):
            if isinstance(n, ir.Comprehension):
                written |= {t.id for g in n.generators for t in ir.walk(g.target)
                            if isinstance(t, ir.NameTarget)}
            elif isinstance(n, ir.Lambda):
                written |= set(n.params)
        names = [p.name for p in fn.params
                 if isinstance(p.annotation, (ListT, DictT, SetT, DequeT))
                 and p.name not in written and p.name != "self"]
        if not names:
            continue
        eligible[fn.name] = names
        passes[fn.name] = []
        for s in _walk_stmts(fn.body):
            nodes = _stmt_nodes(s)
            for e in _changed_places(s, nodes):
                r = _root(e)
                if r in names:
                    out[fn.name].add(r)
            for n in nodes:
                if isinstance(n, ir.UserCall) and n.callee is None:
                    for i, a in enumerate(n.args):
                        r = _root(a)
                        if r in names:
                            passes[fn.name].append((r, n.func, i))
    params = {fn.name: [p.name for p in fn.params] for fn in mod.functions}
    grew = True
    while grew:
        grew = False
        for name, ps in passes.items():
            for p, callee, i in ps:
                if p not in out[name] and i < len(params.get(callee, ())) and \
                        params[callee][i] in out.get(callee, ()):
                    out[name].add(p)
                    grew = True
    return {k: frozenset(v) for k, v in out.items() if v}


def _rust_targets(t: ir.Target) -> set[str]:
    match t:
        case ir.NameTarget(rust=rust):
            return {rust} if rust else set()
        case ir.TupleTarget(elts=elts):
            return set().union(*(_rust_targets(x) for x in elts)) if elts else set()
        case _:
            return set()


class LastUses:
    """The reads of a function that may move their variable."""

    def __init__(self, fn: ir.Function):
        self.moves: set[int] = set()
        # each `for` statement: the variables live when the loop is left
        self.loop_exit: dict[int, frozenset[str]] = {}
        # each assignment: the variables live after it
        self.assign_exit: dict[int, frozenset[str]] = {}
        self.marking = True
        self.captured = set(_lambda_reads(fn.body))
        self.block(fn.body, frozenset(), _Flow())

    def may_move(self, name: ir.Name) -> bool:
        return id(name) in self.moves

    def live_after_loop(self, loop: ir.For) -> frozenset[str]:
        return self.loop_exit.get(id(loop), frozenset())

    def dead_after(self, s: ir.Assign | ir.AugAssign, name: ir.Name) -> bool:
        """`name` (read by the assignment `s`) is not read again after it."""
        key = name.rust or name.id
        return name.kind in _MOVABLE_KINDS and key not in self.captured \
            and id(s) in self.assign_exit and key not in self.assign_exit[id(s)]

    # ------------------------------------------------------------ the dataflow

    def point(self, exprs: tuple[object, ...], live_after: frozenset[str],
              never: tuple[object, ...] = ()) -> frozenset[str]:
        """An evaluation point reading `exprs` (and `never`, whose reads stay copies);
        gives the variables live before it."""
        reads = list(_name_reads(exprs))
        fixed = list(_name_reads(never))
        counts: dict[str, int] = {}
        _read_counts((exprs, never), counts)
        if self.marking:
            for n, repeated in reads:
                key = n.rust or n.id
                if not repeated and n.kind in _MOVABLE_KINDS and counts[key] == 1 \
                        and key not in live_after and key not in self.captured:
                    self.moves.add(id(n))
        return live_after | {n.rust or n.id for n, _ in reads + fixed}

    def block(self, stmts: tuple[ir.Stmt, ...], live_out: frozenset[str],
              flow: _Flow) -> frozenset[str]:
        live = live_out
        for s in reversed(stmts):
            live = self.stmt(s, live | flow.extra, flow)
        return live

    def stmt(self, s: ir.Stmt, live_out: frozenset[str], flow: _Flow) -> frozenset[str]:
        match s:
            case ir.Assign(targets=targets, value=value):
                if self.marking:
                    self.assign_exit[id(s)] = live_out | flow.extra
                defs = set().union(*(_rust_targets(t) for t in targets))
                after = live_out - defs
                places = tuple(x for t in targets for x in target_reads(t))
                if not places and _cannot_raise(value):
                    # no exception can leave the statement before the names are bound:
                    # a handler sees the new value, and `x = [x]` moves x inside `try`
                    return self.point((value,), after, places) | flow.extra
                return self.point((value,), after | flow.extra, places)
            case ir.AugAssign(target=target, value=value):
                if self.marking:
                    self.assign_exit[id(s)] = live_out | flow.extra
                after = live_out - _rust_targets(target)
                return self.point((value,), after | flow.extra, tuple(target_reads(target)))
            case ir.ExprStmt(value=value):
                return self.point((value,), live_out)
            case ir.Assert(test=test, msg=msg):
                return self.point((test, msg), live_out | flow.extra)
            case ir.Return(value=value):
                return self.point((value,), flow.extra)
            case ir.Raise(message=msg):
                return self.point((msg,), flow.extra)
            case ir.Break():
                return flow.brk | flow.extra
            case ir.Continue():
                return flow.cont | flow.extra
            case ir.Pass():
                return live_out
            case ir.Yield(value=value):
                return self.point((value,), live_out | flow.extra)
            case ir.Del(target=t):
                return (live_out - _rust_targets(t)) | self.point(
                    (), frozenset(), tuple(target_reads(t)))
            case ir.If(test=test, body=body, orelse=orelse):
                after = self.block(body, live_out, flow) | self.block(orelse, live_out, flow)
                return self.point((test,), after)
            case ir.While(test=test, body=body, orelse=orelse):
                exit_ = self.block(orelse, live_out, flow)
                head = self.loop(lambda h: exit_ | self.point(
                    (), frozenset(), (test,)) | self.block(body, h, _Flow(live_out, h, flow.extra)),
                    exit_)
                return head
            case ir.For(target=target, iter=it, body=body, orelse=orelse):
                exit_ = self.block(orelse, live_out, flow)
                self.loop_exit[id(s)] = exit_ | live_out
                defs = _rust_targets(target)
                # a list walked live is read again at each step (rust/lower.py)
                live = live_list_walked(it, body)
                walked = frozenset({live.rust or live.id}) if live else frozenset()
                head = self.loop(lambda h: exit_ | walked | (self.block(
                    body, h, _Flow(live_out, h, flow.extra)) - defs), exit_)
                return self.point((it,), head | flow.extra)
            case ir.Try(body=body, handlers=handlers, orelse=orelse, finalbody=final):
                fin = self.block(final, live_out, flow)
                inner = _Flow(flow.brk | fin, flow.cont | fin, flow.extra | fin)
                handled = frozenset().union(*(self.block(h.body, fin, inner) for h in handlers))
                else_ = self.block(orelse, fin, inner)
                # what `else` and the handlers read is live before the body too: Rust sees
                # the body's assignments as ones an error may skip, so a move there would
                # be a use after a move in a loop's next turn (`try: v = f()` / `else:
                # out.append(f"{v}")`)
                return self.block(body, else_, _Flow(inner.brk, inner.cont,
                                                     inner.extra | handled)) | else_ | handled
        raise AssertionError(f"liveness: unexpected statement {type(s).__name__}")

    def loop(self, step: object, start: frozenset[str]) -> frozenset[str]:
        """The live set at a loop's head: `step(head)` iterated to a fixpoint without
        marking moves, then once more with marking as the caller had it."""
        assert callable(step)
        marking, self.marking = self.marking, False
        head = start
        while True:
            new = frozenset(step(head))
            if new == head:
                break
            head = new
        self.marking = marking
        if marking:
            step(head)
        return head
