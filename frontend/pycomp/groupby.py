"""`itertools.groupby` groups are consumed where they are received (E002 otherwise).

CPython's groups share one iterator with the `groupby` object: once the loop
moves to the next run, an earlier group is empty. Compiled groups are the run's
items, read when the run is reached (templates/runtime/itertools.rs), so they
agree with CPython exactly where each group is consumed before the loop moves
on: walked by a call that returns a value rather than an iterator (`list(g)`,
`len(list(g))`, `sum(g)`, `"".join(g)`, `sorted(g)`), or as what a
nested `for` walks. A group stored, returned, or wrapped in another iterator
(`zip(g, ...)`, a generator) could be read after the loop moved on, where
CPython would find it empty; those are refused here.
"""

from __future__ import annotations

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink
from pycomp.optemplate import HoleMode
from pycomp.types import GenT, IterT

HELP = ("consume the group inside the loop, e.g. `items = list(group)`; in CPython a group "
        "is empty once `groupby` moves to the next run")


def _group_name(target: ir.Target, it: ir.Expr) -> str | None:
    """The name bound to the group by `for key, group in itertools.groupby(...)`."""
    if isinstance(it, ir.OpCall) and it.op.name == "itertools.groupby" and isinstance(
            target, ir.TupleTarget) and len(target.elts) == 2 and isinstance(
            target.elts[1], ir.NameTarget):
        return target.elts[1].id
    return None


def _parents(root: object) -> dict[int, object]:
    """The node holding each IR node under `root` (by id)."""
    up: dict[int, object] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in ir.children(node):
            up[id(child)] = node
            stack.append(child)
    return up


def _consumed(value: object, up: dict[int, object]) -> bool:
    """Whether `value` (a group, or a generator over one) is walked where it stands."""
    holder = up.get(id(value))
    if isinstance(holder, ir.For):
        return holder.iter is value
    if isinstance(holder, ir.CompFor) and holder.iter is value:
        comp = up.get(id(holder))
        # a list/set/dict comprehension walks it now; a generator only when it is walked
        return isinstance(comp, ir.Comprehension) and (comp.kind != "gen"
                                                       or _consumed(comp, up))
    if isinstance(holder, ir.OpCall) and not isinstance(holder.ty, (IterT, GenT)):
        # walked there and then, not kept (`list(g)`, not `out.append(g)`)
        return any(arg is value and holder.op.template.mode(param) in (
            HoleMode.ITER, HoleMode.ITER_REF) for param, arg in holder.args)
    return False


def check_groupby_groups(mod: ir.Module, sink: DiagnosticSink) -> None:
    """E002 at each use of a groupby group that may outlive its run."""
    if not any(i.module == "itertools" for i in mod.imports):
        return  # no groupby to look for: no walk
    for fn in mod.functions:
        for node in ir.walk(fn.body):
            scopes: list[tuple[str, object]] = []
            if isinstance(node, ir.For):
                name = _group_name(node.target, node.iter)
                if name is not None:
                    scopes.append((name, node.body))
            elif isinstance(node, ir.Comprehension):
                for i, gen in enumerate(node.generators):
                    name = _group_name(gen.target, gen.iter)
                    if name is not None:
                        rest = (node.elt, node.key, gen.conds, node.generators[i + 1:])
                        scopes.append((name, rest))
            for name, scope in scopes:
                up = _parents(scope)
                for use in ir.walk(scope):
                    if isinstance(use, ir.Name) and use.id == name and not _consumed(use, up):
                        sink.error("E002", f"the group `{name}` of `itertools.groupby` is "
                                           "used where it may be read after the loop moves "
                                           "on", use.span, help=HELP)
