"""The part of a module that runs only as a script (part of the lower stage).

    import argparse

    def rank(query: str, lines: list[str]) -> list[str]: ...

    def main() -> None:
        args = argparse.ArgumentParser(...).parse_args()
        print(rank(args.query, open(args.file).read().splitlines()))

    if __name__ == "__main__":
        main()

A host imports the bundle; it never runs it as `__main__`. So the guarded block is
not compiled (lower.py), and neither is what only that block runs: its drivers
(functions without parameters it calls as a statement, `main()`, or for the exit
status, `sys.exit(main())`), the private functions only those reach, and the imports
only these read (`argparse`, which has no op). Each function left out gets W007, so the exports are never a surprise. A
function any compiled code reads, or one taking parameters (a library function the
script happens to call), is compiled as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

if TYPE_CHECKING:
    from pycomp.lower import Lowerer


IMPORTS = ("import_statement", "import_from_statement")


@dataclass
class ScriptPart:
    # the functions left out, by name: their statement (a definition, or a decorated one)
    functions: dict[str, Node] = field(default_factory=dict)
    # the start bytes of the import statements left out
    imports: set[int] = field(default_factory=set)


def is_main_guard(lw: Lowerer, node: Node) -> bool:
    """`if __name__ == "__main__":` (any test of `__name__` at module level)."""
    cond = node.child_by_field_name("condition") if node.type == "if_statement" else None
    return cond is not None and "__name__" in lw.text(cond)


def _definition(node: Node) -> Node | None:
    d = node.child_by_field_name("definition") if node.type == "decorated_definition" \
        else node
    return d if d is not None and d.type == "function_definition" else None


def _names_read(lw: Lowerer, node: Node) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            out.add(lw.text(n))
        stack.extend(n.children)
    return out


EXITS = {"sys.exit", "exit", "quit", "SystemExit", "raise SystemExit"}


def _drivers(lw: Lowerer, guard: Node, defs: dict[str, Node]) -> set[str]:
    """The functions `guard` runs as a script's driver: called with no arguments as a
    statement (`main()`), or for the exit status (`sys.exit(main())`,
    `raise SystemExit(main())`), and defined with no parameters; one whose result the
    block uses otherwise (`print(load())`) is a function like any other."""
    out: set[str] = set()
    stack = [guard]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        fn = n.child_by_field_name("function") if n.type == "call" else None
        if fn is None or fn.type != "identifier" or lw.text(fn) not in defs:
            continue
        d = _definition(defs[lw.text(fn)])
        params = d.child_by_field_name("parameters") if d is not None else None
        if d is None or params is not None and lw.named_children(params):
            continue
        ret = d.child_by_field_name("return_type")
        parent = n.parent
        outer = parent.parent if parent is not None else None
        if parent is not None and parent.type == "expression_statement" and (
                ret is None or lw.text(ret) == "None"):
            out.add(lw.text(fn))
        elif parent is not None and parent.type == "argument_list" and outer is not None \
                and len(lw.named_children(parent)) == 1:
            callee = outer.child_by_field_name("function")
            name = lw.text(callee) if callee is not None else ""
            if outer.parent is not None and outer.parent.type == "raise_statement":
                name = f"raise {name}"
            if name in EXITS:
                out.add(lw.text(fn))
    return out


def _bound_by_import(lw: Lowerer, node: Node) -> set[str]:
    """The names an import statement binds (`import os.path` binds `os`)."""
    out: set[str] = set()
    for name in node.children_by_field_name("name"):
        alias = name.child_by_field_name("alias") if name.type == "aliased_import" else None
        if alias is not None:
            out.add(lw.text(alias))
        elif node.type == "import_statement":
            out.add(lw.text(name).split(".")[0])
        else:
            out.add(lw.text(name).split(".")[-1])
    return out


def find(lw: Lowerer, root: Node) -> ScriptPart:
    top = lw.named_children(root)
    guards = [n for n in top if is_main_guard(lw, n)]
    if not guards:
        return ScriptPart()
    defs: dict[str, Node] = {}
    for n in top:
        d = _definition(n)
        if d is not None:
            defs[lw.text(d.child_by_field_name("name"))] = n  # type: ignore[arg-type]
    reads = {n.start_byte: _names_read(lw, n) for n in top}
    left: set[str] = set().union(*(_drivers(lw, g, defs) for g in guards))
    grow = list(left)
    while grow:  # the private functions they reach
        for name in reads[defs[grow.pop()].start_byte]:
            if name.startswith("_") and name in defs and name not in left:
                left.add(name)
                grow.append(name)
    script = {g.start_byte for g in guards}

    def is_left(n: Node) -> bool:
        d = _definition(n)
        name = lw.text(d.child_by_field_name("name")) if d is not None else ""  # type: ignore[arg-type]
        return name in left and defs[name] is n

    while True:  # a function compiled code reads stays compiled
        outside: set[str] = set().union(*(
            reads[n.start_byte] for n in top if n.start_byte not in script
            and n.type not in IMPORTS and not is_left(n)))
        kept = left & outside
        if not kept:
            break
        left -= kept
    if not left:
        return ScriptPart()
    inside = set().union(*(reads[defs[f].start_byte] for f in left),
                         *(reads[g.start_byte] for g in guards))
    part = ScriptPart({f: defs[f] for f in sorted(left, key=lambda f: defs[f].start_byte)})
    for n in top:
        if n.type in IMPORTS:
            bound = _bound_by_import(lw, n)
            if bound and bound <= inside and not bound & outside:
                part.imports.add(n.start_byte)
    for name, n in part.functions.items():
        d = _definition(n)
        lw.sink.warning(
            "W007", f"`{name}` is not compiled: only the `if __name__ == \"__main__\":` "
            "block runs it, and a host imports the bundle, never runs it as a script",
            lw.span(d.child_by_field_name("name")),  # type: ignore[union-attr,arg-type]
            help="a function a host should call takes its inputs as parameters; "
                 "command-line parsing and printing can stay in the script part")
    return part
