"""Where each local variable is declared in Rust, and whether Python could read it unbound.

Python locals live for the whole function; Rust `let` bindings live for a
block. For each local this pass finds the innermost block holding every use;
when the first use there is a plain assignment at the top of that block, the
variable is declared by that assignment (`let x = ...`), otherwise it is
declared once at the top of the function with a default value. The default is
never observed: `check_definite_assignment` refuses (E021) any read that
Python might make before a value is assigned.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span

HOIST = "hoist"


@dataclass(frozen=True)
class Decl:
    """Declared by the statement `stmt` (an Assign, a For, or a Handler) in block `block`."""

    block: tuple[int, ...]
    # Any, not object: mypyc resolves a dataclass's annotations among the module's own
    # names, where `object` is not
    stmt: Any


def target_names(t: ir.Target) -> Iterator[str]:
    match t:
        case ir.NameTarget(id=name):
            yield name
        case ir.TupleTarget(elts=elts):
            for e in elts:
                yield from target_names(e)
        case ir.SubscriptTarget():
            return


def lambda_bound_names(lam: ir.Lambda) -> set[str]:
    """The names a lambda (or lifted function) binds itself: its parameters and those of
    the comprehensions and lambdas inside it. The other names it reads are captured."""
    bound = set(lam.params)
    for node in ir.walk(lam.body):
        if isinstance(node, ir.Comprehension):
            for g in node.generators:
                bound |= set(target_names(g.target))
        elif isinstance(node, ir.Lambda):
            bound |= set(node.params)
    return bound


def expr_names(e: ir.Expr | None, bound: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every local name an expression reads (comprehension and lambda names excluded).
    Iterative: a deeply nested expression costs no more per name than a flat one."""
    todo: list[tuple[ir.Expr | None, frozenset[str]]] = [(e, bound)]
    while todo:
        e, bound = todo.pop()
        cls = type(e)
        if cls is ir.Const:  # the commonest leaves first: no pattern to try
            continue
        if cls is ir.Name:
            if e.id not in bound:  # type: ignore[union-attr]
                yield e.id  # type: ignore[union-attr]
            continue
        match e:
            case None:
                continue
            case ir.Name(id=name):
                if name not in bound:
                    yield name
            case ir.Comprehension(elt=elt, key=key, generators=gens):
                inner = set(bound)
                for g in gens:
                    todo.append((g.iter, frozenset(inner)))
                    inner |= set(target_names(g.target))
                    todo.extend((c, frozenset(inner)) for c in g.conds)
                todo.append((elt, frozenset(inner)))
                todo.append((key, frozenset(inner)))
            case ir.Lambda(params=params, body=body):
                todo.append((body, bound | frozenset(params)))
            case ir.FString(parts=parts):
                for p in parts:
                    if isinstance(p, ir.FormattedValue):
                        todo.append((p.value, bound))
                        if isinstance(p.spec, ir.FString):  # `{x:>{width}}`
                            todo.append((p.spec, bound))
            case ir.Call(func=func, args=args, keywords=kws):
                todo.append((func, bound))
                todo.extend((a, bound) for a in args)
                todo.extend((k.value, bound) for k in kws)
            case _:
                todo.extend((child, bound) for child in _expr_children(e))


def _expr_children(e: ir.Expr) -> Iterator[ir.Expr]:
    match e:
        case ir.Attribute(value=v) | ir.UnaryOp(operand=v) | ir.Coerce(value=v):
            yield v
        case ir.BinOp(left=a, right=b):
            yield a
            yield b
        case ir.BoolOp(values=vs) | ir.ListLit(elts=vs) | ir.TupleLit(elts=vs) | ir.SetLit(
                elts=vs):
            yield from vs
        case ir.Compare(left=left, comparators=cs):
            yield left
            yield from cs
        case ir.IfExp(test=t, body=b, orelse=o):
            yield t
            yield b
            yield o
        case ir.Subscript(value=v, index=i):
            yield v
            yield i
        case ir.Slice(value=v, lower=lo, upper=up, step=st):
            yield v
            for x in (lo, up, st):
                if x is not None:
                    yield x
        case ir.DictLit(keys=ks, values=vs):
            for k, v in zip(ks, vs):
                yield k
                yield v
        case _:
            return


def target_reads(t: ir.Target) -> Iterator[ir.Expr]:
    match t:
        case ir.SubscriptTarget(value=v, index=i):
            yield v
            yield i
        case ir.AttrTarget(value=v):
            yield v  # `obj.x = v` reads `obj`
        case ir.TupleTarget(elts=elts):
            for x in elts:
                yield from target_reads(x)
        case _:
            return


def stmt_own_names(s: ir.Stmt) -> tuple[set[str], set[str]]:
    """(names read, names written) by the statement itself, not its nested blocks."""
    reads: set[str] = set()
    writes: set[str] = set()
    match s:
        case ir.Assign(targets=ts, value=v):
            reads |= set(expr_names(v))
            for t in ts:
                writes |= set(target_names(t))
                for r in target_reads(t):
                    reads |= set(expr_names(r))
        case ir.AugAssign(target=t, value=v):
            reads |= set(expr_names(v))
            reads |= set(target_names(t))
            writes |= set(target_names(t))
            for r in target_reads(t):
                reads |= set(expr_names(r))
        case ir.ExprStmt(value=v):
            reads |= set(expr_names(v))
        case ir.If(test=test) | ir.While(test=test):
            reads |= set(expr_names(test))
        case ir.For(target=t, iter=it):
            reads |= set(expr_names(it))
            writes |= set(target_names(t))
        case ir.Return(value=value) | ir.Yield(value=value):
            reads |= set(expr_names(value))
        case ir.Raise(message=m):
            reads |= set(expr_names(m))
        case ir.Assert(test=test, msg=m):
            reads |= set(expr_names(test)) | set(expr_names(m))
        case ir.Del(target=t):
            for r in target_reads(t):
                reads |= set(expr_names(r))
        case _:
            pass
    return reads, writes


def child_blocks(s: ir.Stmt) -> list[tuple[str, tuple[ir.Stmt, ...]]]:
    match s:
        case ir.If(body=b, orelse=o):
            return [("body", b), ("orelse", o)]
        case ir.While(body=b, orelse=o) | ir.For(body=b, orelse=o):
            return [("body", b), ("orelse", o)]
        case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
            out = [("body", b)]
            out += [(f"handler{i}", h.body) for i, h in enumerate(hs)]
            return out + [("orelse", o), ("final", f)]
        case _:
            return []


@dataclass
class _Ref:
    path: tuple[int, ...]  # block ids from the function body down
    stmt: Any  # the statement (or For/Handler binding) making the reference
    is_decl_site: bool  # a plain binding that does not read the name first


# statement id -> its `stmt_own_names`, for the statements of one function
OwnNames = dict[int, tuple[set[str], set[str]]]
# `_last.plan`: (the function `plan_declarations` read last on this thread, its statements'
# own names): infer checks definite assignment in the same function next, which asks the
# same of every statement
_last = threading.local()


def _own_names(s: ir.Stmt, memo: OwnNames | None) -> tuple[set[str], set[str]]:
    """`stmt_own_names(s)`, found once per function (the sets are shared: not changed)."""
    if memo is None:
        return stmt_own_names(s)
    found = memo.get(id(s))
    if found is None:
        found = memo[id(s)] = stmt_own_names(s)
    return found


class DeclarationPlanner:
    def __init__(self, own: OwnNames | None = None) -> None:
        self.own = own
        self.refs: dict[str, list[_Ref]] = {}
        self.next_block = 0
        # For each block id, the statement of the parent block that contains it.
        self.block_owner: dict[int, tuple[tuple[int, ...], object]] = {}
        self.written: set[str] = set()

    def add(self, name: str, path: tuple[int, ...], stmt: object, decl: bool) -> None:
        self.refs.setdefault(name, []).append(_Ref(path, stmt, decl))

    def walk_block(self, stmts: tuple[ir.Stmt, ...], path: tuple[int, ...]) -> None:
        for s in stmts:
            reads, writes = _own_names(s, self.own)
            if isinstance(s, ir.For):
                for n in reads:
                    self.add(n, path, s, False)
                body_id = self.new_block(path, s)
                for n in writes:
                    self.written.add(n)
                    self.add(n, path + (body_id,), s, True)
                self.walk_block(s.body, path + (body_id,))
                self.walk_block(s.orelse, path + (self.new_block(path, s),))
                continue
            plain_assign = isinstance(s, ir.Assign)
            self.written |= writes
            for n in sorted(reads | writes):
                self.add(n, path, s, plain_assign and n in writes and n not in reads)
            if isinstance(s, ir.Try):
                self.walk_block(s.body, path + (self.new_block(path, s),))
                for h in s.handlers:
                    hid = self.new_block(path, s)
                    if h.name:
                        self.written.add(h.name)
                        self.add(h.name, path + (hid,), h, True)
                    self.walk_block(h.body, path + (hid,))
                self.walk_block(s.orelse, path + (self.new_block(path, s),))
                self.walk_block(s.finalbody, path + (self.new_block(path, s),))
            else:
                for _, blk in child_blocks(s):
                    self.walk_block(blk, path + (self.new_block(path, s),))

    def new_block(self, parent: tuple[int, ...], stmt: object) -> int:
        self.next_block += 1
        self.block_owner[self.next_block] = (parent, stmt)
        return self.next_block

    def plan(self, params: set[str]) -> dict[str, Decl | str]:
        out: dict[str, Decl | str] = {}
        for name, refs in self.refs.items():
            if name in params or name not in self.written:
                continue
            lca = refs[0].path
            for r in refs[1:]:
                n = 0
                while n < len(lca) and n < len(r.path) and lca[n] == r.path[n]:
                    n += 1
                lca = lca[:n]
            first = refs[0]
            if first.path == lca and first.is_decl_site:
                out[name] = Decl(lca, first.stmt)
            else:
                out[name] = HOIST
        return out


def plan_declarations(fn: ir.Function) -> dict[str, Decl | str]:
    own: OwnNames = {}  # ids of `fn`'s statements: `fn`, kept below, keeps them alive
    planner = DeclarationPlanner(own)
    planner.walk_block(fn.body, ())
    _last.plan = (fn, own)
    return planner.plan({p.name for p in fn.params})


# ------------------------------------------------- definite assignment (E021)

ALL = None  # the state after a statement that never completes: everything is assigned


class DefiniteAssignment:
    def __init__(self, sink: DiagnosticSink, locals_: set[str], own: OwnNames | None = None):
        self.own = own
        self.sink = sink
        self.locals = locals_
        self.reported: set[str] = set()
        self.break_states: list[list[frozenset[str] | None]] = []

    def use(self, names: set[str], state: frozenset[str] | None, span: Span) -> None:
        if state is ALL:
            return
        for n in sorted(names):
            if n in self.locals and n not in state and n not in self.reported:
                self.reported.add(n)
                self.sink.error("E021", f"`{n}` may be used before it is assigned", span,
                                help=f"assign `{n}` on every path before this line, for "
                                     "example before the `if` or loop")

    def block(self, stmts: tuple[ir.Stmt, ...], state: frozenset[str] | None
              ) -> frozenset[str] | None:
        for s in stmts:
            state = self.stmt(s, state)
        return state

    def stmt(self, s: ir.Stmt, state: frozenset[str] | None) -> frozenset[str] | None:
        reads, writes = _own_names(s, self.own)
        if isinstance(s, ir.AugAssign) or not isinstance(s, ir.For):
            self.use(reads, state, s.span)
        match s:
            case ir.Return() | ir.Raise():
                return ALL
            case ir.Break():
                if self.break_states:
                    self.break_states[-1].append(state)
                return ALL
            case ir.Continue():
                return ALL
            case ir.If(body=b, orelse=o):
                return meet(self.block(b, state), self.block(o, state))
            case ir.While(test=t, body=b, orelse=o):
                self.break_states.append([])
                self.block(b, state)
                breaks = self.break_states.pop()
                infinite = isinstance(t, ir.Const) and t.value is True
                after_else = ALL if infinite else self.block(o, state)
                result = after_else
                for bs in breaks:
                    result = meet(result, bs)
                return result
            case ir.For(iter=it, body=b, orelse=o):
                self.use(set(expr_names(it)), state, s.span)
                inner = None if state is ALL else state | writes
                self.break_states.append([])
                self.block(b, inner)
                breaks = self.break_states.pop()
                result = self.block(o, state)
                for bs in breaks:
                    result = meet(result, bs)
                return result
            case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
                after_body = self.block(o, self.block(b, state))
                result = after_body
                for h in hs:
                    hstate = state if state is ALL or h.name is None else state | {h.name}
                    result = meet(result, self.block(h.body, hstate))
                final_in = state
                self.block(f, final_in)
                return result
            case _:
                if state is ALL:
                    return ALL
                return state | writes


def meet(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is ALL:
        return b
    if b is ALL:
        return a
    return a & b


def check_definite_assignment(fn: ir.Function, sink: DiagnosticSink, locals_: set[str]) -> None:
    params = frozenset(p.name for p in fn.params)
    last = getattr(_last, "plan", None)
    own = last[1] if last is not None and last[0] is fn else None
    DefiniteAssignment(sink, locals_ - params, own).block(fn.body, params)


def always_exits(stmts: tuple[ir.Stmt, ...], memo: BlockMemo | None = None) -> bool:
    """Whether control never reaches the end of these statements.

    Asked at every level of an `elif` chain, so answers are kept in `memo`
    (by block identity): the whole chain costs linear time, not quadratic.
    """
    if memo is not None:
        hit = memo.get(stmts)
        if hit is not None:
            return hit
    result = False
    for s in stmts:
        match s:
            case ir.Return() | ir.Raise() | ir.Break() | ir.Continue():
                result = True
            case ir.If(body=b, orelse=o):
                result = always_exits(b, memo) and always_exits(o, memo)
            case ir.While(test=ir.Const(value=True), body=b):
                result = not _has_break(b)
            case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
                result = always_exits(f, memo) or (
                    (always_exits(b, memo) or always_exits(o, memo))
                    and all(always_exits(h.body, memo) for h in hs))
        if result:
            break
    if memo is not None:
        memo.put(stmts, result)
    return result


class BlockMemo:
    """Facts about blocks, kept by the identity of the block's tuple."""

    def __init__(self) -> None:
        self._facts: dict[int, tuple[tuple[ir.Stmt, ...], bool]] = {}

    def get(self, stmts: tuple[ir.Stmt, ...]) -> bool | None:
        hit = self._facts.get(id(stmts))
        return hit[1] if hit is not None and hit[0] is stmts else None

    def put(self, stmts: tuple[ir.Stmt, ...], fact: bool) -> None:
        self._facts[id(stmts)] = (stmts, fact)


def _has_break(stmts: tuple[ir.Stmt, ...]) -> bool:
    for s in stmts:
        if isinstance(s, ir.Break):
            return True
        if isinstance(s, (ir.For, ir.While)):
            continue
        for _, blk in child_blocks(s):
            if _has_break(blk):
                return True
    return False
