"""Module-level instances are read-only: E050 where a function would change one.

Takes the typed module, reports diagnostics. A module-level value holding class
instances (`VOCAB = Vocab([...])`, a list of instances) is built once per thread
(docs/architecture.md, "Module-level instances"), so a change made by one call
would be seen by the later calls of that thread only, where CPython has one
object for the whole process. As other module-level values are, such a value is
read-only inside functions: assigning a field of it (or of an object it holds),
changing a field's list, dict or set in place, or calling a method or function
that does so on it (transitively) is refused.

A value is followed from the module-level name through fields, items and local
names bound to it (`v = VOCAB; v.stoi["x"] = 1`); a method or function changes
its parameter when its body changes the parameter that way.
"""

from __future__ import annotations

from collections.abc import Callable

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.names import cached_instance_of
from pycomp.types import per_thread

_ITEM_OPS = ("getitem", "dict.get", "dict.setdefault", "list.pop", "dict.pop")


ChangedParam = Callable[[str, int], "Span | None"]


def check_module_instances(mod: ir.Module, sink: DiagnosticSink) -> None:
    if not any(c.annotation is not None and per_thread(c.annotation) for c in mod.constants):
        return
    fns = {f.name: f for f in mod.functions}
    changes: dict[tuple[str, int], Span | None] = {}
    returns = _returned_instances(mod)

    def changed_param(name: str, i: int) -> Span | None:
        """Where function `name` changes the object its parameter `i` refers to."""
        key = (name, i)
        if key not in changes:
            changes[key] = None  # recursion: assume unchanged until shown otherwise
            fn = fns.get(name)
            ann = fn.params[i].annotation if fn is not None and i < len(fn.params) else None
            if fn is not None and ann is not None and per_thread(ann):
                p = fn.params[i].name
                found = _changes(fn, {p: f"`{p}`"}, False, changed_param, returns)
                changes[key] = found[0][0] if found else None
        return changes[key]

    for fn in mod.functions:
        for span, what in _changes(fn, {}, True, changed_param, returns):
            sink.error("E050", f"{what} is a module-level value and cannot be changed inside a "
                               "function", span,
                       help="module-level instances are read-only (each thread builds its own "
                            "copy); create the object inside the function, or keep the "
                            "changing state in a local variable")


def _returned_instances(mod: ir.Module) -> dict[str, str]:
    """The functions that may return a module-level instance (or a part of one), also
    through another such function (`def _model() -> Embedder: return MODEL`): each with
    the description of that value. A caller changing the result changes the instance."""
    from pycomp.infer import _walk_stmts

    returns: dict[str, str] = {}
    grew = True
    while grew:
        grew = False
        for fn in mod.functions:
            if fn.name in returns:
                continue
            held = _held(fn, {}, True, returns)
            for s in _walk_stmts(fn.body):
                who = _root(s.value, held, True, returns) if isinstance(s, ir.Return) and \
                    s.value is not None else None
                if who is not None:
                    returns[fn.name] = who.split(" (returned by ")[0]
                    grew = True
                    break
    return returns


def _held(fn: ir.Function, roots: dict[str, str], consts: bool, returns: dict[str, str]
          ) -> dict[str, str]:
    """The local names of `fn` bound to an object reached from `roots` (or, with `consts`,
    from a module-level instance), each with that object's description (flow-insensitive:
    once bound, always held)."""
    from pycomp.infer import _walk_stmts

    held = dict(roots)
    bindings: list[tuple[ir.Target, ir.Expr]] = []
    for s in _walk_stmts(fn.body):
        if isinstance(s, ir.Assign):
            bindings.extend((t, s.value) for t in s.targets)
        elif isinstance(s, ir.For):
            bindings.append((s.target, s.iter))
    for node in ir.walk(fn.body):
        if isinstance(node, ir.Comprehension):
            bindings.extend((g.target, g.iter) for g in node.generators)
    grew = True
    while grew:
        grew = False
        for t, v in bindings:
            who = _root(v, held, consts, returns)
            if who is None:
                continue
            for name in _names_of(t):
                if name not in held:
                    held[name] = who
                    grew = True
    return held


def _changes(fn: ir.Function, roots: dict[str, str], consts: bool,
             changed_param: ChangedParam, returns: dict[str, str]) -> list[tuple[Span, str]]:
    """Each place `fn` changes an object reached from the names `roots` (or, with `consts`,
    from a module-level instance): (span, the description of the value it belongs to)."""
    from pycomp.infer import _walk_stmts

    held = _held(fn, roots, consts, returns)
    stmts = list(_walk_stmts(fn.body))
    out: list[tuple[Span, str]] = []

    def check(e: ir.Expr, span: Span) -> None:
        who = _root(e, held, consts, returns)
        if who is not None:
            out.append((span, who))

    for s in stmts:
        targets: tuple[ir.Target, ...] = ()
        if isinstance(s, ir.Assign):
            targets = s.targets
        elif isinstance(s, (ir.AugAssign, ir.Del)):
            targets = (s.target,)
        for t in targets:
            for a in _changed_targets(t):
                check(a.value, a.span)
    for node in ir.walk(fn.body):
        match node:
            case ir.OpCall(op=op, args=args):
                for pname, arg in args:
                    if pname in op.mutated and not (
                            isinstance(arg, ir.Name) and arg.kind == "const"):  # infer's E050
                        check(arg, node.span)
            case ir.UserCall(func=func, args=call_args, callee=None):
                for i, arg in enumerate(call_args):
                    if _root(arg, held, consts, returns) is not None and \
                            changed_param(func, i) is not None:
                        check(arg, node.span)
    return out


def _changed_targets(t: ir.Target) -> list[ir.AttrTarget | ir.SubscriptTarget]:
    match t:
        case ir.AttrTarget() | ir.SubscriptTarget():
            return [t]
        case ir.TupleTarget(elts=elts):
            return [x for e in elts for x in _changed_targets(e)]
    return []


def _names_of(t: ir.Target) -> list[str]:
    match t:
        case ir.NameTarget(id=name):
            return [name]
        case ir.TupleTarget(elts=elts):
            return [n for e in elts for n in _names_of(e)]
    return []


def _root(e: ir.Expr, held: dict[str, str], consts: bool, returns: dict[str, str]
          ) -> str | None:
    """The description of the held object `e` is part of, if it is part of one."""
    match e:
        case ir.Name(id=name, kind=kind):
            if kind == "const":
                if not consts or e.ty is None or not per_thread(e.ty):
                    return None
                cached = cached_instance_of(name)
                return f"the instance `{cached}()` caches" if cached else f"`{name}`"
            return held.get(name)
        case ir.FieldGet(value=v) | ir.Coerce(value=v) | ir.Subscript(value=v):
            return _root(v, held, consts, returns)
        case ir.OpCall(op=op, args=args) if op.name in _ITEM_OPS and args:
            return _root(args[0][1], held, consts, returns)
        case ir.UserCall(func=func, callee=None) if consts and func in returns:
            origin = returns[func]
            return origin if origin.startswith("the instance") else \
                f"{origin} (returned by `{func}`)"
    if e.ty is not None and per_thread(e.ty):
        # a value holding instances made from one (`Box(VOCAB)`, `[VOCAB]`, `ident(VOCAB)`)
        # may hold that very object
        for sub in ir.walk(e):
            if sub is not e and isinstance(sub, ir.Name):
                who = _root(sub, held, consts, returns)
                if who is not None:
                    return who
    return None
