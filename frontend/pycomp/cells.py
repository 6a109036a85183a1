"""Variables nested functions change, held in cells (part of the lower stage).

A nested function that rebinds an enclosing variable (`nonlocal n; n += 1`) or
changes it in place (`out.append(x)`, `seen[k] = v`) must change the enclosing
function's own variable, as CPython's closure cell does. Such a variable `x` of
the function `F` binding it becomes a one-field object: F's first assignment
`x = e` becomes `__pc_cell_x = Cell(e)` (a parameter is put in one on entry) and
every use of `x` in F and in the functions nested in it becomes
`__pc_cell_x.v`. The cell is an instance of a class made here (`ir.ClassDef.cell`),
so the later stages see an ordinary object: lifting passes it to the nested
functions like any variable they read, an instance is shared storage
(`pcrt::Instance`), and a field is read, assigned and changed in place as any
object's (docs/architecture.md "Nested functions"). Variables no nested
function changes stay plain locals.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.names import cell_class, cell_name
from pycomp.nested import Nested, bound_names
from pycomp.types import BOOL, FLOAT, INT, NONE, STR, ClassT, Type

# Methods that change a list, dict, set or deque in place: called on an enclosing
# variable, they make it a cell (on a value of another type a cell is merely unneeded).
MUTATORS = frozenset({
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add",
    "discard", "update", "setdefault", "popitem", "appendleft", "popleft", "extendleft",
    "rotate", "difference_update", "intersection_update", "symmetric_difference_update",
})
FIELD = "v"


def _root(e: ir.Expr, fields: bool = True) -> str | None:
    match e:
        case ir.Name(id=name):
            return name
        case ir.Subscript(value=v):
            return _root(v, fields)
        case ir.Attribute(value=v) if fields:
            return _root(v)
    return None


def changed_in_place(body: object, fields: bool = True) -> list[str]:
    """The variables `body` changes in place (`x.append(..)`, `x[k] = ..`, `x[i] += ..`,
    `del x[k]`, also through an item: `x[i].append(..)`, and with `fields` through an
    object's field: `x.items.append(..)`), in first-change order."""
    out: dict[str, None] = {}
    for node in ir.walk(body):
        root = None
        match node:
            case ir.Call(func=ir.Attribute(value=v, attr=attr)) if attr in MUTATORS:
                root = _root(v, fields)
            case ir.SubscriptTarget(value=v):
                root = _root(v, fields)
        if root is not None:
            out.setdefault(root)
    return list(out)


def nested_changes(fn: ir.Function, declared: list[str], enclosing: set[str],
                   defs: list[Nested]) -> tuple[str, ...]:
    """What `fn`, a nested function, changes of its enclosing functions' variables:
    those it declares `nonlocal`, those it changes in place without binding them, and
    those its own nested functions change that it does not bind."""
    bound = bound_names(fn) - set(declared)
    out = dict.fromkeys(declared)
    for x in changed_in_place(fn.body):
        if x not in bound and x in enclosing:
            out.setdefault(x)
    for d in defs:
        for x in d.fn.changes:
            if x not in bound:
                out.setdefault(x)
    return tuple(out)


def wanted(fn: ir.Function, declared: list[str], defs: list[Nested]) -> list[str]:
    """The variables of `fn` its nested functions change: those it must hold in cells."""
    bound = bound_names(fn) - set(declared)
    out: dict[str, None] = {}
    for d in defs:
        for x in d.fn.changes:
            if x in bound:
                out.setdefault(x)
    return list(out)


def make(fn: ir.Function, defs: list[Nested], names: list[str], path: str, counter: int,
         sink: DiagnosticSink) -> tuple[ir.Function, list[Nested], list[ir.ClassDef],
                                         list[ir.Function], dict[str, str]]:
    """`fn` and its nested functions with `names` held in cells; the cells' classes,
    their `__init__`s, and the class of each cell's variable (`__pc_cell_x` -> class).
    `path`: `fn`'s name qualified by the functions around it; `counter`: the number of
    cell classes made so far in the module (names them)."""
    params = {p.name: p for p in fn.params}
    classes: list[ir.ClassDef] = []
    inits: list[ir.Function] = []
    cells: dict[str, str] = {}
    for x in names:
        t = _cell_type(fn, x, params)
        if x in params and x in _in_place_anywhere(fn, defs):
            if not fn.is_entry and not _rebound_by_nested(x, defs):
                # no cell: the nested functions take the parameter, as the caller's
                # object, by `&mut` (rust.ownership.mut_params; the alias pass refuses
                # what that cannot give)
                continue
            at = _first_change_span(fn, defs, x) or params[x].span
            sink.error("E051", f"the parameter `{x}` is changed in place by a nested "
                               "function", at,
                       help=f"CPython changes the caller's object; change a copy under "
                            f"another name instead (`items = list({x})`)")
            continue
        cls = cell_class(counter + len(classes) + 1, x)
        cells[x] = cls
        sp = fn.span
        classes.append(ir.ClassDef(cls, "class", None, (), (), ("__init__",),
                                   f"The cell of `{x}` in `{path}`.", sp, cell=True))
        self_t = ClassT(cls, False)
        inits.append(ir.Function(
            f"{cls}.__init__", (ir.Param("self", self_t, None, sp), ir.Param(FIELD, t, None, sp)),
            NONE, (ir.Assign((ir.AttrTarget(ir.Name("self", sp), FIELD, sp),),
                             ir.Name(FIELD, sp), sp),), None, sp, False, owner=cls,
            captured=(FIELD,) if t is None else ()))
    if not cells:
        return fn, defs, [], [], {}
    rw = Rewriter(cells, {}, sink)
    body = list(rw.stmts(fn.body))
    # the cell is made at the variable's first assignment (on entry for a parameter)
    made: list[ir.Stmt] = []
    for x, cls in cells.items():
        sp = fn.span
        if x in params:
            made.append(ir.Assign((ir.NameTarget(cell_name(x), sp),),
                                  ir.Call(ir.Name(cls, sp), (ir.Name(x, sp),), (), sp), sp))
            continue
        for i, s in enumerate(body):
            if not _binds(s, cell_name(x)):
                continue
            match s:
                case ir.Assign(targets=(ir.AttrTarget(value=ir.Name(id=c), attr=a),), value=v) \
                        if c == cell_name(x) and a == FIELD:
                    body[i] = ir.Assign((ir.NameTarget(c, s.span),),
                                        ir.Call(ir.Name(cls, s.span), (v,), (), s.span), s.span)
                case _:
                    sink.error("E002", f"`{x}` is changed by a nested function and first "
                                       "assigned here, which is not a plain assignment",
                               s.span,
                               help=f"assign it first with `{x} = ...` at the top level of "
                                    "the function's body, before the nested functions "
                                    "use it")
            break
    fn = dataclasses.replace(fn, body=tuple(made + body))
    out: list[Nested] = []
    for d in defs:
        out.append(_nested(d, cells, path, sink))
    return fn, out, classes, inits, {cell_name(x): c for x, c in cells.items()}


def typed_captures(fns: list[ir.Function], classes: dict[str, str]) -> list[ir.Function]:
    """The lifted functions `fns` with the parameters passing cells (`classes`: variable ->
    class) typed: a cell's class is known before any call types it."""
    out = []
    for f in fns:
        if any(p.name in classes and p.annotation is None for p in f.params):
            f = dataclasses.replace(f, params=tuple(
                dataclasses.replace(p, annotation=ClassT(classes[p.name], False))
                if p.name in classes and p.name in f.captured and p.annotation is None else p
                for p in f.params))
        out.append(f)
    return out


def _binds(s: ir.Stmt, cell: str) -> bool:
    """Whether statement `s` (rewritten) assigns the cell's variable somewhere."""
    return any(isinstance(n, ir.AttrTarget) and isinstance(n.value, ir.Name)
               and n.value.id == cell and n.attr == FIELD for n in ir.walk(s))


def _rebound_by_nested(x: str, defs: list[Nested]) -> bool:
    """Whether a nested function (or one nested in it) assigns `x` (`nonlocal x`)."""
    return any(x in bound_names(f) - set(f.captured)
               for d in defs for f in (d.fn, *d.lifted))


def _in_place_anywhere(fn: ir.Function, defs: list[Nested]) -> set[str]:
    out = set(changed_in_place(fn.body))
    for d in defs:
        out |= set(changed_in_place(d.fn.body))
        for f in d.lifted:
            out |= set(changed_in_place(f.body))
    return out


def _first_change_span(fn: ir.Function, defs: list[Nested], x: str) -> Span | None:
    for d in defs:
        for node in ir.walk(d.fn.body):
            match node:
                case ir.Call(func=ir.Attribute(value=v, attr=attr), span=sp) \
                        if attr in MUTATORS and _root(v) == x:
                    return sp  # type: ignore[no-any-return]
                case ir.SubscriptTarget(value=v, span=sp) if _root(v) == x:
                    return sp  # type: ignore[no-any-return]
    return None


def _cell_type(fn: ir.Function, x: str, params: dict[str, ir.Param]) -> Type | None:
    """The type of `x`'s cell: its annotation (as a parameter or at an assignment), the
    type of the constant first assigned to it, or None: inferred from the value the cell
    is made with."""
    if x in params and params[x].annotation is not None:
        return params[x].annotation
    first: ir.Assign | None = None
    for node in ir.walk(fn.body):
        if isinstance(node, ir.Assign):
            for t in node.targets:
                if isinstance(t, ir.NameTarget) and t.id == x:
                    if t.ty is not None:
                        return t.ty
                    first = first or node
    if first is not None:
        match first.value:
            case ir.Const(value=bool()):
                return BOOL
            case ir.Const(value=int()) | ir.UnaryOp(op="neg", operand=ir.Const(value=int())):
                return INT
            case ir.Const(value=float()) | ir.UnaryOp(op="neg", operand=ir.Const(value=float())):
                return FLOAT
            case ir.Const(value=str()) | ir.FString():
                return STR
    return None  # typed by the value the cell is made with


def _nested(d: Nested, cells: dict[str, str], path: str, sink: DiagnosticSink) -> Nested:
    """A nested function and those lifted from it, with the cells of the variables they
    do not bind themselves."""
    own = _visible(d.fn, cells)
    fn = d.fn
    if own:
        fn = dataclasses.replace(fn, body=Rewriter(own, _lifted_captures(d), sink).stmts(
            fn.body), changes=tuple(x for x in fn.changes if x not in own))
    # the functions lifted from it: each sees the cells its parent saw, less those it binds
    seen: dict[str, dict[str, str]] = {f"{path}/{d.fn.name}": own}
    lifted: list[ir.Function] = []
    for f in d.lifted:
        parent = f.name.rsplit("/", 1)[0]
        vis = _visible(f, seen.get(parent, {}))
        seen[f.name] = vis
        if vis:
            f = dataclasses.replace(
                f, body=Rewriter(vis, _lifted_captures(d), sink).stmts(f.body),
                params=tuple(dataclasses.replace(p, name=cell_name(p.name))
                             if p.name in vis and p.name in f.captured else p
                             for p in f.params),
                captured=tuple(cell_name(c) if c in vis else c for c in f.captured),
                changes=tuple(x for x in f.changes if x not in vis))
        lifted.append(f)
    return dataclasses.replace(d, fn=fn, lifted=tuple(lifted))


def _visible(f: ir.Function, cells: dict[str, str]) -> dict[str, str]:
    """The cells function `f` reaches: those whose variable it does not bind itself (a
    capture parameter and a `nonlocal` name are the enclosing variable)."""
    bound = bound_names(f) - set(f.captured) - set(f.changes)
    return {x: c for x, c in cells.items() if x not in bound}


def _lifted_captures(d: Nested) -> dict[str, tuple[str, ...]]:
    return {f.name: f.captured for f in d.lifted}


class Rewriter:
    """`x` -> `__pc_cell_x.v` for the variables in cells; a lifted function's call
    passing `x` as a capture passes the cell."""

    def __init__(self, cells: dict[str, str], captures: dict[str, tuple[str, ...]],
                 sink: DiagnosticSink, why: str = "is changed by a nested function"):
        self.cells = cells
        self.captures = captures
        self.sink = sink
        self.why = why  # what makes the variables cells, for diagnostics

    def stmts(self, body: tuple[ir.Stmt, ...]) -> tuple[ir.Stmt, ...]:
        return tuple(self.node(s) for s in body)

    def refuse(self, x: str, what: str, span: Span) -> None:
        self.sink.error("E002", f"`{x}` {self.why} and {what}", span,
                        help="use another name there")

    def node(self, x: Any) -> Any:
        cells = self.cells
        if isinstance(x, tuple):
            items = tuple(self.node(y) for y in x)
            return x if all(a is b for a, b in zip(items, x)) else items
        match x:
            case ir.Name(id=name, span=sp) if name in cells:
                return ir.Attribute(ir.Name(cell_name(name), sp), FIELD, sp)
            case ir.NameTarget(id=name, span=sp, ty=ty) if name in cells:
                return ir.AttrTarget(ir.Name(cell_name(name), sp), FIELD, sp, ty)
            case ir.For(target=t, span=sp) | ir.Del(target=t, span=sp):
                for n in ir.walk(t):
                    if isinstance(n, ir.NameTarget) and n.id in cells:
                        self.refuse(n.id, "is a `for` loop's target here"
                                    if isinstance(x, ir.For) else "is deleted here", sp)
            case ir.Handler(name=name, span=sp) if name in cells:
                self.refuse(name, "names an exception here", sp)
            case ir.Lambda(early=es, span=sp) if any(e in cells for e in es):
                # its value when the lambda is made; read through the cell, it would be
                # the value when it is called
                self.refuse(next(e for e in es if e in cells), "is a lambda's default here",
                            sp)
            case ir.Lambda(params=ps) if any(p in cells for p in ps):
                inner = Rewriter({k: v for k, v in cells.items() if k not in ps},
                                 self.captures, self.sink, self.why)
                return dataclasses.replace(x, body=inner.node(x.body))
            case ir.Comprehension(generators=gens):
                shadow = {n.id for g in gens for n in ir.walk(g.target)
                          if isinstance(n, ir.NameTarget)}
                if shadow & set(cells):
                    inner = Rewriter({k: v for k, v in cells.items() if k not in shadow},
                                     self.captures, self.sink, self.why)
                    return inner.generic(x)
            case ir.Call(func=ir.Name(id=callee), keywords=kws) if callee in self.captures:
                caps = self.captures[callee]
                new = tuple(ir.Keyword(cell_name(k.name), ir.Name(cell_name(k.name), k.span),
                                       k.span)
                            if k.name in cells and k.name in caps else k for k in kws)
                # the cell's own name is no variable in cells: left as it is
                return self.generic(dataclasses.replace(x, keywords=new))
        if isinstance(x, (str, int, float, bool, Span)) or x is None:
            return x
        return self.generic(x)

    def generic(self, x: Any) -> Any:
        return ir.map_fields(x, self.node)
