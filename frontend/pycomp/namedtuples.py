"""lower, for the functional named tuples: a module-level
`Point = namedtuple("Point", ["x", "y"])` (or `"x y"`, `defaults=[...]`) and
`Point = NamedTuple("Point", [("x", int), ("y", float)])` become the class
`class Point(NamedTuple): x: int; y: float`, written as Python source and lowered
by the class lowering, so a functional named tuple is a `typing.NamedTuple` from
then on (construction, fields, indexing, unpacking, `_replace`, `_asdict`, repr).

`collections.namedtuple` gives no field types. Each field's type is read from the
module's constructor calls (`Point(1, 2.5)`, `Point(x=n, y=w)`): a literal, a
parameter or a variable annotated in the calling function, a loop variable over
an annotated list, or the result of a builtin whose type is fixed (`len`, `str`,
`w.lower()`...). A field no call types, or that calls give different types, is
refused (E100) with the class form to write instead; a guess infer disagrees with
is an E030 at the call, never a value computed differently.
"""

from __future__ import annotations

import keyword
from typing import TYPE_CHECKING

from tree_sitter import Node, QueryCursor

from pycomp import ir
from pycomp.parse import query

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

COLLECTIONS_FORM = {"namedtuple", "collections.namedtuple"}
TYPED_FORM = {"NamedTuple", "typing.NamedTuple"}

# builtins and str methods whose result type does not depend on their arguments
_CALL_TYPES = {"str": "str", "int": "int", "float": "float", "bool": "bool", "len": "int",
               "repr": "str", "chr": "str", "ord": "int", "hex": "str", "bin": "str"}
_STR_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "title", "casefold", "replace",
                "join", "format", "capitalize", "removeprefix", "removesuffix", "center",
                "ljust", "rjust", "zfill", "expandtabs", "swapcase"}
_INT_METHODS = {"count", "find", "rfind", "index", "rindex"}


def functional_call(lw: Lowerer, node: Node) -> tuple[str, Node, bool] | None:
    """(name, call, typed form) for a statement `Name = namedtuple(...)` or
    `Name = NamedTuple(...)`, else None."""
    if node.type != "expression_statement" or len(node.named_children) != 1:
        return None
    a = node.named_children[0]
    if a.type != "assignment" or a.child_by_field_name("type") is not None:
        return None
    left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
    if left is None or right is None or left.type != "identifier" or right.type != "call":
        return None
    func = right.child_by_field_name("function")
    head = lw.text(func) if func is not None else ""
    if head not in COLLECTIONS_FORM and head not in TYPED_FORM:
        return None
    return lw.text(left), right, head in TYPED_FORM


def lower(lw: Lowerer, node: Node, mod: ir.Module) -> bool:
    """Lower a functional named tuple definition; False when `node` is not one."""
    found = functional_call(lw, node)
    if found is None:
        return False
    name, call, typed = found
    fields = _fields(lw, name, call, typed)
    if fields is None:
        return True
    lines = [f"class {name}(NamedTuple):"]
    for fname, ann, default in fields:
        lines.append(f"    {fname}: {ann}" + (f" = {default}" if default is not None else ""))
    source = "\n".join(lines) + "\n"
    from pycomp.lower import Lowerer
    from pycomp.lower_classes import ClassLowerer
    from pycomp.parse import SourceFile, _parser

    data = source.encode()
    tree = _parser().parse(data)
    inner = Lowerer(SourceFile(lw.src.path, source, data, tree), lw.sink, lw.module_name)
    inner.class_enums = lw.class_enums
    inner.exception_classes = lw.exception_classes
    inner.typed_dicts = lw.typed_dicts
    inner.imports = lw.imports
    inner.span = lambda _: lw.span(node)  # type: ignore[method-assign,assignment]
    ClassLowerer(inner).lower(tree.root_node.named_children[0], [], mod)
    return True


def _refuse(lw: Lowerer, node: Node, what: str, help: str) -> None:
    lw.sink.error("E100", what, lw.span(node), help=help)


def _string(lw: Lowerer, node: Node) -> str | None:
    if node.type != "string" or lw._is_fstring(node):
        return None
    value = lw._string_value(node)
    return value if isinstance(value, str) else None


def _fields(lw: Lowerer, name: str, call: Node, typed: bool
            ) -> list[tuple[str, str, str | None]] | None:
    """[(field, annotation text, default text)], or None after a diagnostic."""
    args_node = call.child_by_field_name("arguments")
    args = lw.named_children(args_node) if args_node is not None else []
    positional = [a for a in args if a.type != "keyword_argument"]
    keywords = {lw.text(k): a.child_by_field_name("value") for a in args
                if a.type == "keyword_argument" and (k := a.child_by_field_name("name"))}
    form = "NamedTuple" if typed else "namedtuple"
    class_form = f"class {name}(NamedTuple):\n    x: int\n    y: float"
    if len(positional) != 2 or any(k != "defaults" or typed for k in keywords):
        _refuse(lw, call, f"this `{form}()` call is not supported",
                f"pycomp compiles `{form}(\"{name}\", fields)`"
                + ("" if typed else " with `defaults=[...]`")
                + f"; or write the class:\n{class_form}")
        return None
    if _string(lw, positional[0]) != name:
        _refuse(lw, positional[0], f"the named tuple's type name is not its variable's, "
                                   f"`{name}`",
                f"name it as the variable that holds it: `{name} = {form}(\"{name}\", ...)`")
        return None
    spec = positional[1]
    names: list[str] = []
    anns: dict[str, str] = {}
    text = _string(lw, spec)
    if text is not None and not typed:
        names = text.replace(",", " ").split()
    elif spec.type in ("list", "tuple"):
        for item in lw.named_children(spec):
            if typed:
                parts = lw.named_children(item) if item.type == "tuple" else []
                field = _string(lw, parts[0]) if len(parts) == 2 else None
                if field is None:
                    _refuse(lw, item, "this named tuple field is not a (name, type) pair",
                            "write `[(\"x\", int), (\"y\", float)]`")
                    return None
                names.append(field)
                anns[field] = lw.text(parts[1])
            else:
                field = _string(lw, item)
                if field is None:
                    _refuse(lw, item, "this named tuple field is not a string literal",
                            "write the field names as literals: `[\"x\", \"y\"]` or `\"x y\"`")
                    return None
                names.append(field)
    else:
        _refuse(lw, spec, "these named tuple fields are not a literal",
                "write the field names as literals: `[\"x\", \"y\"]` or `\"x y\"`")
        return None
    seen: set[str] = set()
    for field in names:
        if not field.isidentifier() or keyword.iskeyword(field) or field.startswith("_") \
                or field in seen:
            _refuse(lw, spec, f"`{field}` cannot be a named tuple field name",
                    "CPython raises ValueError for a field that is not an identifier, is a "
                    "keyword, starts with `_` or is repeated")
            return None
        seen.add(field)
    defaults: list[str] = []
    if "defaults" in keywords:
        d = keywords["defaults"]
        if d is None or d.type not in ("list", "tuple") or \
                len(lw.named_children(d)) > len(names):
            _refuse(lw, d or call, "these named tuple defaults",
                    "give at most one literal default per field: `defaults=[0, 0.0]`")
            return None
        defaults = [lw.text(x) for x in lw.named_children(d)]
    default_of = dict(zip(names[len(names) - len(defaults):], defaults))
    if not typed:
        guessed = _guess_fields(lw, name, names, default_of)
        if guessed is None:
            return None
        anns = guessed
    return [(f, anns[f], default_of.get(f)) for f in names]


def _guess_fields(lw: Lowerer, name: str, names: list[str], default_of: dict[str, str]
                  ) -> dict[str, str] | None:
    """Each field's annotation, from the constructor calls of the module."""
    seen: dict[str, set[str]] = {f: set() for f in names}
    for f, d in default_of.items():
        t = _literal_type(d)
        if t is not None:
            seen[f].add(t)
    envs: dict[int, dict[str, str]] = {}
    for call in _calls_of(lw, name):
        fn = call.parent
        while fn is not None and fn.type != "function_definition":
            fn = fn.parent
        env = {} if fn is None else envs.setdefault(fn.id, _function_env(lw, fn))
        args_node = call.child_by_field_name("arguments")
        i = 0
        for a in lw.named_children(args_node) if args_node is not None else []:
            if a.type == "keyword_argument":
                k, v = a.child_by_field_name("name"), a.child_by_field_name("value")
                field = lw.text(k) if k is not None else ""
                if field in seen and v is not None and (t := _guess(lw, v, env)) is not None:
                    seen[field].add(t)
                continue
            if a.type in ("list_splat", "dictionary_splat"):
                break
            if i < len(names) and (t := _guess(lw, a, env)) is not None:
                seen[names[i]].add(t)
            i += 1
    out: dict[str, str] = {}
    for f in names:
        if len(seen[f]) != 1:
            what = ("no call gives it a value whose type is known" if not seen[f] else
                    "calls give it values of types " + ", ".join(sorted(seen[f])))
            example = ", ".join(f"(\"{g}\", {'|'.join(sorted(seen[g])) or '...'})"
                                for g in names)
            _refuse(lw, _definition(lw, name),
                    f"the type of field `{f}` of the namedtuple `{name}` is not known: "
                    f"{what}",
                    f"declare one type per field: `{name} = NamedTuple(\"{name}\", "
                    f"[{example}])`, or write `class {name}(NamedTuple):` with annotated "
                    "fields")
            return None
        out[f] = next(iter(seen[f]))
    return out


def _definition(lw: Lowerer, name: str) -> Node:
    for node in lw.named_children(lw.src.tree.root_node):
        found = functional_call(lw, node)
        if found is not None and found[0] == name:
            return found[1]
    return lw.src.tree.root_node


def _calls_of(lw: Lowerer, name: str) -> list[Node]:
    """The module's calls of the plain name `name`, in source order.

    One tree-sitter query over the module indexes every such call by name, kept
    on the lowerer: a module with many untyped named tuples is searched once."""
    if lw.calls_by_name is None:
        index: dict[str, list[Node]] = {}
        found = QueryCursor(query("(call function: (identifier) @f) @c"))
        for _, caps in found.matches(lw.src.tree.root_node):  # in source order
            index.setdefault(lw.text(caps["f"][0]), []).append(caps["c"][0])
        lw.calls_by_name = index
    return lw.calls_by_name.get(name, [])


def _literal_type(text: str) -> str | None:
    import ast

    try:
        v = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    for t in (bool, int, float, str):
        if type(v) is t:
            return t.__name__
    return None


def _function_env(lw: Lowerer, fn: Node) -> dict[str, str]:
    """Names of a function whose types its text says: annotated parameters and
    assignments, loops over them, and names assigned a value of a known type."""
    env: dict[str, str] = {}
    params = fn.child_by_field_name("parameters")
    for p in lw.named_children(params) if params is not None else []:
        if p.type in ("typed_parameter", "typed_default_parameter"):
            ann = p.child_by_field_name("type")
            pname = p.child_by_field_name("name") or (p.named_children[0] if p.named_children
                                                      else None)
            if ann is not None and pname is not None and pname.type == "identifier":
                env[lw.text(pname)] = lw.text(ann).replace(" ", "")
    stack = [fn.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if n.type == "assignment":
            left, ann = n.child_by_field_name("left"), n.child_by_field_name("type")
            right = n.child_by_field_name("right")
            if left is not None and left.type == "identifier":
                v = lw.text(left)
                if ann is not None:
                    env.setdefault(v, lw.text(ann).replace(" ", ""))
                elif right is not None and (t := _guess(lw, right, env)) is not None:
                    env.setdefault(v, t)
        elif n.type in ("for_statement", "for_in_clause"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if left is not None and right is not None:
                _bind_loop(lw, left, right, env)
        if n.type not in ("function_definition", "lambda"):
            stack.extend(reversed(n.named_children))
    return env


def _bind_loop(lw: Lowerer, target: Node, it: Node, env: dict[str, str]) -> None:
    if it.type == "call" and (f := it.child_by_field_name("function")) is not None and \
            lw.text(f) == "enumerate" and target.type in ("pattern_list", "tuple_pattern"):
        args = it.child_by_field_name("arguments")
        inner = lw.named_children(args) if args is not None else []
        parts = lw.named_children(target)
        if len(inner) >= 1 and len(parts) == 2:
            if parts[0].type == "identifier":
                env.setdefault(lw.text(parts[0]), "int")
            item = _item_type(lw, inner[0], env)
            if item is not None and parts[1].type == "identifier":
                env.setdefault(lw.text(parts[1]), item)
        return
    if target.type == "identifier":
        item = _item_type(lw, it, env)
        if item is not None:
            env.setdefault(lw.text(target), item)


def _item_type(lw: Lowerer, it: Node, env: dict[str, str]) -> str | None:
    """The item type of an iterable expression, where its text says it."""
    if it.type == "call" and (f := it.child_by_field_name("function")) is not None:
        head = lw.text(f)
        if head == "range":
            return "int"
        if f.type == "attribute" and head.rsplit(".", 1)[-1] in ("split", "splitlines",
                                                                 "rsplit"):
            return "str"
        return None
    t = _guess(lw, it, env)
    if t is None:
        return None
    if t == "str":
        return "str"
    for head in ("list[", "set[", "frozenset["):
        if t.startswith(head) and t.endswith("]"):
            return t[len(head):-1]
    return None


def _guess(lw: Lowerer, e: Node, env: dict[str, str]) -> str | None:
    """The type an expression's text says it has, as annotation text; None if unsure."""
    match e.type:
        case "integer":
            return "int"
        case "float":
            return "float"
        case "true" | "false":
            return "bool"
        case "string" | "concatenated_string":
            return "str"
        case "identifier":
            return env.get(lw.text(e))
        case "parenthesized_expression" if e.named_children:
            return _guess(lw, e.named_children[0], env)
        case "unary_operator":
            arg = e.child_by_field_name("argument")
            t = _guess(lw, arg, env) if arg is not None else None
            return t if t in ("int", "float") else None
        case "binary_operator":
            a, b = e.child_by_field_name("left"), e.child_by_field_name("right")
            op = e.child_by_field_name("operator")
            ta = _guess(lw, a, env) if a is not None else None
            tb = _guess(lw, b, env) if b is not None else None
            o = lw.text(op) if op is not None else ""
            if ta == tb == "str" and o == "+":
                return "str"
            if ta in ("int", "float") and tb in ("int", "float"):
                if o == "/":
                    return "float"
                return "float" if "float" in (ta, tb) else "int" if o != "**" else None
            return None
        case "subscript":
            base = e.child_by_field_name("value")
            t = _guess(lw, base, env) if base is not None else None
            if t == "str":
                return "str"
            if t is not None and t.startswith("list[") and t.endswith("]") and \
                    len(e.children_by_field_name("subscript")) == 1 and \
                    e.children_by_field_name("subscript")[0].type != "slice":
                return t[5:-1]
            return None
        case "call":
            f = e.child_by_field_name("function")
            if f is None:
                return None
            head = lw.text(f)
            if head in _CALL_TYPES:
                return _CALL_TYPES[head]
            if f.type == "attribute":
                method = head.rsplit(".", 1)[-1]
                obj = f.child_by_field_name("object")
                if obj is not None and _guess(lw, obj, env) == "str" or (
                        obj is not None and obj.type == "string"):
                    if method in _STR_METHODS:
                        return "str"
                    if method in _INT_METHODS:
                        return "int"
            return None
    return None
