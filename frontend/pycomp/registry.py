"""Registry decorators, applied at compile time (part of the lower stage).

    HANDLERS: dict[str, Callable[[str], str]] = {}

    def register(name: str) -> Callable[[F], F]:
        def deco(fn: F) -> F:
            HANDLERS[name] = fn
            return fn
        return deco

    @register("upper")
    def up(s: str) -> str: ...

A decorator (or a factory of one) whose whole work is storing the function it is given
in module-level dicts (`TABLE[key] = fn`, the key a factory parameter, a literal or
`fn.__name__`) and returning it unchanged: CPython fills the tables while the module
runs, once, in the order the definitions come, and the function keeps its name. So
pycomp does it while compiling: each table's module constant becomes the dict display
of what the decorations store (`{"upper": up, ...}`, after what the table held), the
decorated functions are compiled as written, and the decorator itself is not compiled.
The tables are then module constants like any other (read-only in functions: a
function changing one is refused as for any module value).

Only for decorators used nowhere but in `@` lines above module functions, alone on
them; anything else in the decorator's body (a duplicate check raising at import, a
print) keeps it an ordinary decorator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from pycomp import ir

if TYPE_CHECKING:
    from pycomp.lower import Lowerer


@dataclass
class Registry:
    """A registry decorator: its factory's parameters (none for `@register` itself) and
    the `TABLE[key] = fn` stores of its body, in order."""

    params: list[tuple[str, Node | None]]  # name, default
    fn_param: str
    stores: list[tuple[str, Node]]  # table, key
    # where each table is assigned (CPython's decorations must come after it)
    tables: dict[str, int] = field(default_factory=dict)


@dataclass
class Entries:
    """What the decorations store, by table: (key, function, span)."""

    by_table: dict[str, list[tuple[ir.Expr, str]]] = field(default_factory=dict)


def _body(lw: Lowerer, definition: Node) -> list[Node]:
    body = definition.child_by_field_name("body")
    kids = lw.named_children(body) if body is not None else []
    if kids and kids[0].type == "expression_statement" and lw._is_docstring(kids[0]):
        kids = kids[1:]
    return kids


def _param_names(lw: Lowerer, definition: Node) -> list[tuple[str, Node | None]] | None:
    params = definition.child_by_field_name("parameters")
    out: list[tuple[str, Node | None]] = []
    for k in lw.named_children(params) if params is not None else []:
        if k.type == "identifier":
            out.append((lw.text(k), None))
            continue
        name = k.child_by_field_name("name") or (k.named_children[0] if k.named_children
                                                  else None)
        if name is None or name.type != "identifier":
            return None  # `*args`, `/`, `*`
        out.append((lw.text(name), k.child_by_field_name("value")))
    return out


def _stores(lw: Lowerer, definition: Node, tables: dict[str, int]
            ) -> tuple[str, list[tuple[str, Node]]] | None:
    """`def deco(fn): TABLE[key] = fn ...; return fn`: the parameter and the stores."""
    params = _param_names(lw, definition)
    if params is None or len(params) != 1 or params[0][1] is not None:
        return None
    fn = params[0][0]
    body = _body(lw, definition)
    if len(body) < 2 or body[-1].type != "return_statement" or \
            lw.text(body[-1]) != f"return {fn}":
        return None
    stores = []
    for st in body[:-1]:
        kids = lw.named_children(st) if st.type == "expression_statement" else []
        a = kids[0] if len(kids) == 1 and kids[0].type == "assignment" else None
        left = a.child_by_field_name("left") if a is not None else None
        right = a.child_by_field_name("right") if a is not None else None
        if a is None or a.child_by_field_name("type") is not None or left is None or \
                right is None or left.type != "subscript" or lw.text(right) != fn:
            return None
        table = left.child_by_field_name("value")
        key = left.child_by_field_name("subscript")
        if table is None or key is None or table.type != "identifier" or \
                lw.text(table) not in tables:
            return None
        stores.append((lw.text(table), key))
    return fn, stores


def find(lw: Lowerer, root: Node) -> dict[str, Registry]:
    """The module's registry decorators (see the module doc), by name."""
    from pycomp.lower import _decorator_head

    assigned: dict[str, list[Node]] = {}
    for a, left, _ in lw.module_assignments(root):
        assigned.setdefault(lw.text(left), []).append(a)
    # assigned once, an empty or written dict
    tables = {n: nodes[0].end_byte for n, nodes in assigned.items() if len(nodes) == 1 and (
        (r := nodes[0].child_by_field_name("right")) is not None and
        (r.type == "dictionary" or lw.text(r) == "dict()"))}
    if not tables:
        return {}
    found: dict[str, Registry] = {}
    for node in lw.named_children(root):
        name = node.child_by_field_name("name") if node.type == "function_definition" \
            else None
        if name is None:
            continue
        plain = _stores(lw, node, tables)
        if plain is not None:
            found[lw.text(name)] = Registry([], plain[0], plain[1], tables)
            continue
        body = _body(lw, node)
        params = _param_names(lw, node)
        inner = body[0].child_by_field_name("name") if len(body) == 2 and \
            body[0].type == "function_definition" else None
        if params is None or inner is None or lw.text(body[1]) != f"return {lw.text(inner)}":
            continue
        made = _stores(lw, body[0], tables)
        if made is not None:
            found[lw.text(name)] = Registry(params, made[0], made[1], tables)
    if not found:
        return {}
    # used only as `@name` / `@name(...)`, alone on a module function
    decorations: dict[str, int] = {}
    for node in lw.named_children(root):
        if node.type != "decorated_definition":
            continue
        decos = [d for d in node.named_children if d.type == "decorator"]
        for d in decos:
            head = _decorator_head(lw, d)
            if head in found:
                decorations[head] = decorations.get(head, 0) + 1
                target = node.child_by_field_name("definition")
                factory = bool(found[head].params)
                call = d.named_children[0] if d.named_children else None
                if len(decos) > 1 or target is None or \
                        target.type != "function_definition" or \
                        factory != (call is not None and call.type == "call"):
                    found.pop(head)
    names: dict[str, int] = {}
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and (x := lw.text(n)) in found:
            names[x] = names.get(x, 0) + 1
        stack.extend(n.children)
    # its own `def` names it once more
    return {n: r for n, r in found.items()
            if decorations.get(n, 0) and names.get(n, 0) == decorations[n] + 1}


def apply(lw: Lowerer, node: Node, entries: Entries) -> bool:
    """A function under a registry decorator: its stores recorded in `entries` (the key
    of each, from the decoration's arguments); False when `node` is not one."""
    from pycomp.lower import _decorator_head

    decos = [d for d in node.named_children if d.type == "decorator"]
    head = _decorator_head(lw, decos[0]) if len(decos) == 1 else None
    reg = lw.registries.get(head or "")
    definition = node.child_by_field_name("definition")
    fname = definition.child_by_field_name("name") if definition is not None else None
    if reg is None or fname is None:
        return False
    call = decos[0].named_children[0]
    args = call.child_by_field_name("arguments") if call.type == "call" else None
    given = lw.named_children(args) if args is not None else []
    bound: dict[str, Node | None] = {n: d for n, d in reg.params}
    names = [n for n, _ in reg.params]
    for i, a in enumerate(given):
        if a.type == "keyword_argument" and (k := a.child_by_field_name("name")) is not None \
                and lw.text(k) in bound:
            bound[lw.text(k)] = a.child_by_field_name("value")
        elif a.type not in ("keyword_argument", "list_splat", "dictionary_splat") and \
                i < len(names):
            bound[names[i]] = a
        else:
            lw.unsupported(a, f"the argument `{lw.text(a)}` of the registry decorator "
                              f"`{head}`")
            return True
    target = lw.text(fname)
    sp = lw.span(decos[0])
    for table, key in reg.stores:
        if node.start_byte < reg.tables[table]:
            lw.sink.error("E002", f"`@{head}` stores in `{table}` before the module assigns "
                                  "it", sp, help="CPython raises NameError here, as the "
                                                 "decoration runs first: assign the table "
                                                 "above the functions it registers")
            return True
        value: ir.Expr
        if key.type == "identifier" and lw.text(key) in bound:
            given_node = bound[lw.text(key)]
            if given_node is None:
                lw.sink.error("E042", f"`{head}()` is missing the argument `{lw.text(key)}`",
                              sp)
                return True
            value = lw.lower_expr(given_node)
        elif lw.text(key) == f"{reg.fn_param}.__name__":
            value = ir.Const(target, lw.span(key))
        elif key.type in ("string", "integer", "true", "false", "none"):
            value = lw.lower_expr(key)
        else:
            lw.unsupported(key, f"the key `{lw.text(key)}` of the registry decorator "
                                f"`{head}`", help="a registry's key is compiled when it is a "
                                "parameter of the decorator factory, a literal or "
                                f"`{reg.fn_param}.__name__`")
            return True
        entries.by_table.setdefault(table, []).append((value, target))
    return True


def fill(mod: ir.Module, entries: Entries) -> None:
    """Each table's module constant: what it held, then the decorations' stores, in
    source order (a key stored twice keeps its first place and its last value, as
    `d[k] = v` does)."""
    for i, c in enumerate(mod.constants):
        stored = entries.by_table.get(c.name)
        if not stored:
            continue
        old = c.value
        keys = old.keys if isinstance(old, ir.DictLit) else ()
        values = old.values if isinstance(old, ir.DictLit) else ()
        mod.constants[i] = ir.Constant(c.name, ir.DictLit(
            keys + tuple(k for k, _ in stored),
            values + tuple(ir.Name(f, k.span) for k, f in stored), c.value.span),
            c.annotation, c.span)
