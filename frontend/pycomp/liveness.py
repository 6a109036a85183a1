"""liveness: which local names a function may still read after each statement.

A backward analysis over the typed IR of one function. It is conservative in
one direction only: a name reported dead is certainly not read again before it
is rebound (on every path, exceptions, `break`, `continue`, `return` through
`finally` included); a name reported live may or may not be. Names read by a
lambda or a comprehension (which may run later, when a generator is pulled)
are live everywhere, and a statement this pass does not know makes every name
live.

The alias pass asks it whether `a = b` hands `b`'s object over to `a`: when
`b` is dead afterwards, no other name can observe a change made through `a`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pycomp import ir
from pycomp.scopes import target_names


def _names_read(node: object, into: set[str]) -> None:
    """Every Name inside `node` (a superset of what it reads: always safe here)."""
    into.update(x.id for x in ir.walk(node) if isinstance(x, ir.Name))


def _deferred_reads(node: object, into: set[str]) -> None:
    """Names read inside lambdas and comprehensions anywhere in `node`."""
    for x in ir.walk(node):
        if isinstance(x, (ir.Lambda, ir.Comprehension)):
            _names_read(x, into)


def _reads(*nodes: object) -> set[str]:
    out: set[str] = set()
    for n in nodes:
        if n is not None:
            _names_read(n, out)
    return out


def _target_parts(t: ir.Target) -> set[str]:
    """Names a binding target reads (`a[i] = v` reads `a` and `i`, `o.x = v` reads `o`)."""
    out: set[str] = set()
    match t:
        case ir.SubscriptTarget() | ir.AttrTarget():
            _names_read(t, out)
        case ir.TupleTarget(elts=elts):
            for e in elts:
                out |= _target_parts(e)
    return out


def _defs(t: ir.Target) -> set[str]:
    return set(target_names(t))


@dataclass(frozen=True)
class _Exits:
    """Live names where control goes on `return`, `break`, `continue` and a raise."""

    ret: frozenset[str] = frozenset()
    brk: frozenset[str] = frozenset()
    cont: frozenset[str] = frozenset()
    exc: frozenset[str] = frozenset()


class Liveness:
    def __init__(self, fn: ir.Function):
        self._after: dict[int, frozenset[str]] = {}
        self._pinned: set[str] = set()
        _deferred_reads(fn.body, self._pinned)
        self._everything: set[str] = _reads(fn.body) | {p.name for p in fn.params}
        self._block(fn.body, set(), _Exits())

    def dead_after(self, stmt: ir.Stmt, name: str) -> bool:
        """True if `name` is certainly not read after `stmt` before being rebound."""
        after = self._after.get(id(stmt))
        return after is not None and name not in after and name not in self._pinned

    # ------------------------------------------------------------ the analysis

    def _block(self, stmts: tuple[ir.Stmt, ...], out: set[str], ex: _Exits) -> set[str]:
        live = set(out)
        for s in reversed(stmts):
            live = self._stmt(s, live, ex)
        return live

    def _stmt(self, s: ir.Stmt, out: set[str], ex: _Exits) -> set[str]:
        out = out | ex.exc  # any statement may raise into the enclosing handler
        self._after[id(s)] = frozenset(out)
        match s:
            case ir.Assign(targets=ts, value=v):
                live = set(out)
                for t in ts:
                    live -= _defs(t)
                for t in ts:
                    live |= _target_parts(t)
                return live | _reads(v)
            case ir.AugAssign(target=t, value=v):
                return out | _reads(t, v)
            case ir.Pass():
                return out
            case ir.Return(value=v):
                return _reads(v) | ex.ret | ex.exc
            case ir.Raise():
                return _reads(s) | ex.exc
            case ir.Break():
                return set(ex.brk) | ex.exc
            case ir.Continue():
                return set(ex.cont) | ex.exc
            case ir.ExprStmt() | ir.Yield() | ir.Assert() | ir.Del():
                return out | _reads(s)
            case ir.If(test=t, body=b, orelse=o):
                return _reads(t) | self._block(b, out, ex) | self._block(o, out, ex)
            case ir.While(test=t, body=b, orelse=o):
                after_loop = self._block(o, out, ex)
                head: set[str] = set()
                while True:
                    inner = _Exits(ex.ret, frozenset(out), frozenset(head), ex.exc)
                    new = _reads(t) | self._block(b, head, inner) | after_loop
                    if new == head:
                        return head
                    head = new
            case ir.For(target=t, iter=it, body=b, orelse=o):
                after_loop = self._block(o, out, ex)
                head = set(after_loop)
                while True:
                    inner = _Exits(ex.ret, frozenset(out), frozenset(head), ex.exc)
                    body_in = self._block(b, head, inner)
                    new = head | (body_in - _defs(t)) | _target_parts(t)
                    if new == head:
                        return head | _reads(it)
                    head = new
            case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
                # `finally` runs on every way out: whatever it reads is live on all of them
                fin_normal = self._block(f, out, ex)
                # (analysed last: what `finally`'s statements record is the larger set)
                fin_any = self._block(f, out | ex.ret | ex.brk | ex.cont | ex.exc, ex)
                inner = _Exits(ex.ret | fin_any, ex.brk | fin_any, ex.cont | fin_any,
                               ex.exc | fin_any)
                handlers_in: set[str] = set()
                for h in hs:
                    handlers_in |= self._block(h.body, fin_normal, inner)
                orelse_in = self._block(o, fin_normal, inner)
                body_ex = _Exits(inner.ret, inner.brk, inner.cont,
                                 inner.exc | frozenset(handlers_in))
                return self._block(b, orelse_in, body_ex) | handlers_in
            case _:
                return out | self._everything
