"""Module variables functions change, held in process-wide cells (part of the lower stage).

A function declaring `global x` and rebinding `x` (`_CALLS += 1`, `_VOCAB = load()`), or
changing a module variable in place (`_CACHE[k] = v`, `_SEEN.add(w)`), changes the one
object of the module, seen by every later call in every thread, as in CPython. Such a
variable becomes a one-field cell object, as a variable nested functions change does
(pycomp.cells): the constant `x = e` becomes `__pc_cellg_x = Cell(e)` and every use of
`x` in a function that does not bind `x` itself (or declares it `global`) becomes
`__pc_cellg_x.v`. The cell class is `pcrt::Shared` (a mutex), so the module constant is
one process-wide static; each read, assignment or in-place change of `x` holds the lock
for that one operation (docs/language.md "Module-level state").
"""

from __future__ import annotations

import dataclasses

from pycomp import ir
from pycomp.cells import FIELD, Rewriter, changed_in_place
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.names import cell_name, global_cell_class
from pycomp.nested import bound_names
from pycomp.shared_resources import resource_file
from pycomp.types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    SHARED_HANDLES,
    STR,
    ClassT,
    OpaqueT,
    OptionalT,
    Type,
    mentions_opaque,
)

WHY = "is changed by a function (`global`)"


def rewrite_declared(fn: ir.Function, declared: list[str], sink: DiagnosticSink) -> ir.Function:
    """`fn` (a function declaring `global` for `declared`) reading and assigning those
    module variables through their cells."""
    for p in fn.params:
        if p.name in declared:
            sink.error("E002", f"the parameter `{p.name}` is declared `global`", p.span,
                       help="CPython raises SyntaxError here; give the parameter another name")
    cells = {x: global_cell_class(x) for x in declared}
    return dataclasses.replace(fn, body=Rewriter(cells, {}, sink, WHY).stmts(fn.body))


def make(mod: ir.Module, declared: dict[str, Span], sink: DiagnosticSink) -> tuple[
        list[ir.ClassDef], list[ir.Function]]:
    """Hold in cells the module variables functions declare `global` (`declared`: name ->
    the first declaration) or change in place; rewrite the module's functions to use them.
    Returns the cells' classes and their `__init__`s."""
    consts = {c.name: c for c in mod.constants}
    for x, sp in declared.items():
        if x not in consts:
            sink.error("E002", f"`global {x}` names no module-level variable", sp,
                       help=f"assign `{x}` at module level first (`{x}: int = 0`); a function "
                            "creating a module variable is not compiled")
    wanted = {x: None for x in declared if x in consts}
    # a method call on an instance (`VOCAB.add(w)`) reads like a set's `add`: an
    # instance's changes are E050 (module-level instances are read-only)
    classes_of_module = {c.name for c in mod.classes}
    instances = {c.name for c in mod.constants if isinstance(c.annotation, ClassT) or (
        isinstance(c.value, ir.Call) and isinstance(c.value.func, ir.Name)
        and c.value.func.id in classes_of_module)}
    for fn in mod.functions:
        bound = bound_names(fn)  # what bound_and_read binds, without reading
        # an object's field changed is not the variable's own change (an instance's
        # fields are E050: module-level instances are read-only)
        for x in changed_in_place(fn.body, fields=False):
            if x in consts and x not in bound and x not in instances:
                wanted.setdefault(x)
    if not wanted:
        return [], []
    once_set: set[str] = set()
    for x in wanted:
        ann = consts[x].annotation
        lazy = _lazily_loaded(x, consts[x], mod)
        if lazy is not None:
            # typed by the file every assignment loads, as the module-level form is
            consts[x] = dataclasses.replace(consts[x], annotation=lazy)
            once_set.add(x)
        elif ann is not None and mentions_opaque(ann):
            # not the lazily loaded form: set back to None, loaded from two files, ...
            sink.error("E002", f"the module variable `{x}` (a `{ann}`) is changed by "
                               "functions", consts[x].span,
                       help="load it lazily from one literal path and never set it back to "
                            "None (`if _SESSION is None: _SESSION = ort.InferenceSession("
                            "\"model.onnx\")`), or create it at module level: either is "
                            "loaded once and shared by every call and thread; one configured "
                            "after loading (`enable_padding`) is made by a "
                            "`@functools.lru_cache(maxsize=1)` function that loads, "
                            "configures and returns it")
    classes: list[ir.ClassDef] = []
    inits: list[ir.Function] = []
    cells = {x: global_cell_class(x) for x in wanted}
    for x, cls in cells.items():
        c = consts[x]
        # the field's type declared when known (the annotation, or a literal's type): a
        # method of another class changing the variable (`_NEXT_ID += 1` in `__init__`)
        # may be typed before the cell's `__init__` is
        known = c.annotation if c.annotation is not None else _literal_type(c.value)
        fields = (ir.FieldDef(FIELD, known, None, None, c.span),) if known is not None \
            else ()
        classes.append(ir.ClassDef(cls, "class", None, fields, (), ("__init__",),
                                   f"The cell of the module variable `{x}`.", c.span,
                                   cell=True, once_set=x in once_set))
        self_t = ClassT(cls, False)
        inits.append(ir.Function(
            f"{cls}.__init__", (ir.Param("self", self_t, None, c.span),
                                ir.Param(FIELD, c.annotation, None, c.span)),
            NONE, (ir.Assign((ir.AttrTarget(ir.Name("self", c.span), FIELD, c.span),),
                             ir.Name(FIELD, c.span), c.span),), None, c.span, False,
            owner=cls, captured=(FIELD,) if c.annotation is None else ()))
    # CPython evaluates the other module constants at import, before any call changes
    # these: a constant made from one would read a value a call may since have changed
    for c in mod.constants:
        for n in ir.walk(c.value):
            if isinstance(n, ir.Name) and n.id in cells:
                sink.error("E002", f"the module constant `{c.name}` is made from `{n.id}`, "
                                   "which functions change", n.span,
                           help=f"CPython reads `{n.id}` once, at import; compute "
                                f"`{c.name}` inside the function that needs it")
    for st in mod.setup:
        for n in ir.walk(st):
            if isinstance(n, ir.Name) and n.id in cells:
                sink.error("E002", f"`{n.id}` is changed at module level and by functions",
                           st.span, help=f"write `{n.id}`'s whole value in its assignment")
    mod.constants[:] = [
        ir.Constant(cell_name(c.name), ir.Call(ir.Name(cells[c.name], c.span), (c.value,), (),
                                               c.span), None, c.span)
        if c.name in cells else c for c in mod.constants]
    for i, fn in enumerate(mod.functions):
        bound = bound_names(fn)  # what bound_and_read binds, without reading
        own = {x: c for x, c in cells.items() if x not in bound}
        if own:
            mod.functions[i] = dataclasses.replace(
                fn, body=Rewriter(own, {}, sink, WHY).stmts(fn.body))
    return classes, inits


def _literal_type(v: ir.Expr) -> Type | None:
    """The type of a literal int, float, str or bool; None for any other value."""
    types: dict[type, Type] = {int: INT, float: FLOAT, str: STR, bool: BOOL}
    return types.get(type(v.value)) if isinstance(v, ir.Const) else None


def _lazily_loaded(x: str, c: ir.Constant, mod: ir.Module) -> Type | None:
    """The type of module variable `x` (`c`), when it is a model or tokenizer loaded
    lazily: `_SESSION: ort.InferenceSession | None = None` at module level, and every
    assignment in a function (`global _SESSION`) loads it from a literal path
    (`_SESSION = ort.InferenceSession("model/model.onnx")`), all from one file. The
    annotation then names that file (as the value bound to an annotated name does), and
    the variable, once set, is never None again (`ClassDef.once_set`). None otherwise."""
    ann = c.annotation
    if not (isinstance(ann, OptionalT) and isinstance(ann.item, OpaqueT)
            and ann.item.name in SHARED_HANDLES and ann.item.detail == "?"
            and isinstance(c.value, ir.Const) and c.value.value is None):
        return None
    cell = cell_name(x)
    files: set[str] = set()
    assigned = 0
    for fn in mod.functions:
        for node in ir.walk(fn.body):
            if isinstance(node, ir.AttrTarget) and isinstance(node.value, ir.Name) and \
                    node.value.id == cell:
                assigned -= 1  # each must be the whole target of an assignment below
            elif isinstance(node, ir.Assign) and any(
                    isinstance(t, ir.AttrTarget) and isinstance(t.value, ir.Name)
                    and t.value.id == cell for t in node.targets):
                path = _loaded_from(node.value)
                if path is None or len(node.targets) != 1:
                    return None
                files.add(path)
                assigned += 1
    if assigned != 0:
        return None
    if len(files) != 1:
        return None
    p = resource_file(mod.file, files.pop())
    # a missing file is E090 where it is loaded; the load is then typed without a file
    return OptionalT(OpaqueT(ann.item.name, str(p) if p.is_file() else ""))


def _loaded_from(v: ir.Expr) -> str | None:
    """The literal path of a resource initialiser call (`ort.InferenceSession("m.onnx")`,
    `Tokenizer.from_file("tok.json")`); None for any other value."""
    if not (isinstance(v, ir.Call) and v.args and isinstance(v.args[0], ir.Const)
            and isinstance(v.args[0].value, str)):
        return None
    f = v.func
    made = f.id if isinstance(f, ir.Name) else f.attr if isinstance(f, ir.Attribute) else ""
    return v.args[0].value if made in ("InferenceSession", "from_file") else None
