"""lower, for `typing.TypedDict`: JSON-shaped records typed by their keys.

At run time CPython's TypedDict is no class of its own: `Message(role="u")` and
`m: Message = {...}` make a plain `dict`, nothing checks the keys or their values,
and `type(m) is dict`. So a TypedDict compiles to what a `dict[str, Any]` compiles
to (an `IndexMap<String, pcrt::Obj>`): every dict operation, its printing, its
errors (`KeyError: 'role'`) and its crossing of the ABI (a dict from Python, an
object from Node) are those of `dict[str, Any]`, and a value of any class may be
stored under any key, as in CPython. A value read from it is a dynamic value,
checked against a declared type where it meets one (docs/language.md, Dynamic
values).

The class form (`class Message(TypedDict, total=False):` with annotated keys,
`Required[...]`/`NotRequired[...]`, deriving from other TypedDicts of the module)
and the functional form (`Message = TypedDict("Message", {"role": str})`) are
found before anything is lowered, since annotations may name a TypedDict before
its definition. A definition is only checked here (each key's annotation is
lowered for its diagnostics); it emits nothing. What CPython would keep as a
class attribute rather than a key (a method, a default value) is refused (E100).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from pycomp import ir
from pycomp.diagnostics import Span
from pycomp.types import DYN, STR, DictT

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

BASES = {"TypedDict", "typing.TypedDict"}
KEY_QUALIFIERS = {"Required", "NotRequired", "typing.Required", "typing.NotRequired"}
# the type every TypedDict is at run time (its keys are typed by the source only)
TYPED_DICT = DictT(STR, DYN)


@dataclass(frozen=True, slots=True)
class TypedDictDef:
    """A TypedDict of the module: its keys and whether each is required (CPython's
    `__required_keys__`), bases' keys first."""

    name: str
    keys: tuple[tuple[str, bool], ...]
    # the annotations of its own keys, `Required[...]` taken off (lowered by `check`)
    annotations: tuple[Node, ...] = ()


def find(lw: Lowerer, root: Node) -> dict[str, TypedDictDef]:
    """The module's TypedDicts by name, in the class and the functional form."""
    out: dict[str, TypedDictDef] = {}
    for node in lw.named_children(root):
        if node.type == "class_definition":
            name = node.child_by_field_name("name")
            supers = node.child_by_field_name("superclasses")
            bases = list(lw.named_children(supers)) if supers is not None else []
            if name is not None and any(b.type != "keyword_argument" and (
                    lw.text(b) in BASES or lw.text(b) in out) for b in bases):
                out[lw.text(name)] = _class_form(lw, lw.text(name), node, bases, out)
        elif (found := _functional(lw, node)) is not None:
            out[found.name] = found
    return out


def check(lw: Lowerer) -> None:
    """Each key's annotation lowered, for its diagnostics (the module's classes and type
    aliases known)."""
    for td in lw.typed_dicts.values():
        for ann in td.annotations:
            lw.lower_annotation(ann)


def defines(lw: Lowerer, node: Node) -> bool:
    """Whether a module-level statement is the definition of one of `lw`'s TypedDicts
    (it emits nothing)."""
    if node.type == "class_definition":
        name = node.child_by_field_name("name")
        return name is not None and lw.text(name) in lw.typed_dicts
    kids = lw.named_children(node) if node.type == "expression_statement" else []
    left = kids[0].child_by_field_name("left") if len(kids) == 1 and \
        kids[0].type == "assignment" else None
    right = kids[0].child_by_field_name("right") if left is not None else None
    fn = right.child_by_field_name("function") if right is not None and \
        right.type == "call" else None
    return left is not None and lw.text(left) in lw.typed_dicts and fn is not None and \
        lw.text(fn) in BASES


def _total(lw: Lowerer, kw: Node) -> bool | None:
    """`total=True` / `total=False`; None (refused) for anything else."""
    key = kw.child_by_field_name("name")
    value = kw.child_by_field_name("value")
    if key is None or value is None or lw.text(key) != "total" or \
            value.type not in ("true", "false"):
        lw.sink.error("E100", f"`{lw.text(kw)}` in a TypedDict definition is not supported",
                      lw.span(kw), help="a TypedDict takes `total=True` or `total=False`")
        return None
    return value.type == "true"


def _qualified(lw: Lowerer, ann: Node, total: bool) -> tuple[Node, bool]:
    """A key's annotation without `Required[...]`/`NotRequired[...]`, and whether the
    key is required."""
    node = ann.named_children[0] if ann.type == "type" and ann.named_children else ann
    if (parts := lw.subscripted(node)) is not None:
        head, args = parts
        if head in KEY_QUALIFIERS and len(args) == 1:
            return args[0], not head.endswith("NotRequired")
    return ann, total


def _class_form(lw: Lowerer, name: str, node: Node, bases: list[Node],
                known: dict[str, TypedDictDef]) -> TypedDictDef:
    total = True
    keys: dict[str, bool] = {}
    anns: list[Node] = []
    for b in bases:
        if b.type == "keyword_argument":
            flag = _total(lw, b)
            total = total if flag is None else flag
        elif lw.text(b) in known:
            keys.update(known[lw.text(b)].keys)
        elif lw.text(b) not in BASES:
            lw.sink.error("E100", f"a TypedDict deriving from `{lw.text(b)}` is not supported",
                          lw.span(b), help="a TypedDict derives from TypedDict or from other "
                                           "TypedDicts of this module (generic TypedDicts are "
                                           "not compiled)")
    body = node.child_by_field_name("body")
    for st in lw.named_children(body) if body is not None else []:
        kids = lw.named_children(st) if st.type == "expression_statement" else []
        if st.type == "pass_statement" or len(kids) == 1 and (
                kids[0].type == "ellipsis" or kids[0].type == "string"):
            continue  # `pass`, `...`, a docstring
        target = kids[0].child_by_field_name("left") if len(kids) == 1 and \
            kids[0].type == "assignment" else None
        ann = kids[0].child_by_field_name("type") if target is not None else None
        if target is None or ann is None or target.type != "identifier" or \
                kids[0].child_by_field_name("right") is not None:
            lw.sink.error("E100", "only annotated keys (`role: str`) are supported in a "
                                  "TypedDict", lw.span(st),
                          help="CPython keeps a method, or a value assigned here, as a "
                               "class attribute: never a key's default in the dicts; write "
                               "functions taking the dict instead")
            continue
        inner, required = _qualified(lw, ann, total)
        anns.append(inner)
        keys[lw.text(target)] = required
    return TypedDictDef(name, tuple(keys.items()), tuple(anns))


def _functional(lw: Lowerer, node: Node) -> TypedDictDef | None:
    """`Name = TypedDict("Name", {"key": type, ...}[, total=False])` at module level."""
    kids = lw.named_children(node) if node.type == "expression_statement" else []
    if len(kids) != 1 or kids[0].type != "assignment":
        return None
    left = kids[0].child_by_field_name("left")
    call = kids[0].child_by_field_name("right")
    fn = call.child_by_field_name("function") if call is not None and \
        call.type == "call" else None
    if left is None or left.type != "identifier" or fn is None or lw.text(fn) not in BASES:
        return None
    assert call is not None
    args_node = call.child_by_field_name("arguments")
    args = lw.named_children(args_node) if args_node is not None else []
    positional = [a for a in args if a.type != "keyword_argument"]
    total = True
    for a in args:
        if a.type == "keyword_argument":
            flag = _total(lw, a)
            total = total if flag is None else flag
    name = lw.text(left)
    if len(positional) != 2 or positional[0].type != "string" or \
            lw._string_value(positional[0]) != name or positional[1].type != "dictionary":
        lw.sink.error("E100", "this TypedDict call is not supported", lw.span(call),
                      help=f"write `{name} = TypedDict(\"{name}\", {{\"key\": str, ...}})`, "
                           f"or the class form `class {name}(TypedDict):` with annotated keys")
        return TypedDictDef(name, ())
    keys: dict[str, bool] = {}
    anns: list[Node] = []
    for pair in lw.named_children(positional[1]):
        k = pair.child_by_field_name("key") if pair.type == "pair" else None
        v = pair.child_by_field_name("value") if pair.type == "pair" else None
        if k is None or v is None or k.type != "string" or lw._is_fstring(k):
            lw.sink.error("E100", f"`{lw.text(pair)}` in a TypedDict definition is not "
                                  "supported", lw.span(pair),
                          help="each key is a string literal with its type: `\"role\": str`")
            continue
        inner, required = _qualified(lw, v, total)
        anns.append(inner)
        keys[lw._string_value(k)] = required
    return TypedDictDef(name, tuple(keys.items()), tuple(anns))


def construct(lw: Lowerer, td: TypedDictDef, args: list[ir.Expr], kws: list[ir.Keyword],
              span: Span) -> ir.Expr:
    """`Message(role="user", content="hi")`: the dict CPython makes of the keywords
    (`dict(**kwargs)`: unknown and missing keys alike are kept as given); one mapping
    given positionally is copied first, as `dict(m, key=v)` does."""
    splat = [k for k in kws if k.name in ("*", "**")]
    if len(args) > 1 or splat:
        at = splat[0].span if splat else args[1].span
        lw.sink.error("E100", f"this call of the TypedDict `{td.name}` is not supported", at,
                      help=f"pass the keys as keywords: `{td.name}(key=value, ...)`, or one "
                           f"dict: `{td.name}(d)`")
        return ir.Const(None, span)
    literal = ir.DictLit(tuple(ir.Const(k.name, k.span) for k in kws),
                         tuple(k.value for k in kws), span, TYPED_DICT)
    if not args:
        return literal
    copy = ir.Call(ir.Name("dict", span), (args[0],), (), span)
    return ir.BinOp("|", copy, literal, span) if kws else copy


def check_class_test(lw: Lowerer, func: str, args: list[ir.Expr]) -> None:
    """`isinstance(m, Message)` / `issubclass(...)` with a TypedDict: CPython raises
    TypeError, so it is refused (E100) where the call is."""
    if func in ("isinstance", "issubclass") and len(args) == 2 and \
            isinstance(args[1], ir.Name) and args[1].id in lw.typed_dicts:
        lw.sink.error("E100", f"`{func}()` with the TypedDict `{args[1].id}` is not "
                              "supported", args[1].span,
                      help="CPython raises TypeError (TypedDict does not support instance and "
                           "class checks): test the keys (`\"role\" in m`) or "
                           "`type(m) is dict`")
