"""one_or_many: a parameter taking one value or a list of them, made a list.

    def embed(texts: Union[str, List[str]]) -> np.ndarray:
        if isinstance(texts, str):
            texts = [texts]
        enc = tok.encode_batch(texts)

is how Python code accepts "one or many" (sentence-transformers' `encode` is
written so). The parameter is a dynamic value (a union of distinct types); after
the `if` it holds a list on both paths, which the code then gives to functions
taking a `list[str]`. The lowering stage rewrites the `if` into one typed binding,

    texts_as_list: list[str] = [texts] if isinstance(texts, str) else texts

(a dynamic value meeting a declared type: `TypeError` when the caller gave
another class, the kept deviation of dynamic values, docs/language.md) and the
statements after it read `texts_as_list`. Compiled only for the `if` as written
above, first among the statements that rebind the parameter, in a function
without nested functions, where the list is not changed in place afterwards (the
caller's list would be: alias reports that on the dynamic parameter, E051).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pycomp import ir
from pycomp.types import BOOL, FLOAT, INT, STR, ListT, Type

# the class names `isinstance` tests, by the item type they stand for
_CLASS_NAMES: dict[Type, str] = {STR: "str", INT: "int", FLOAT: "float", BOOL: "bool"}


def item_type(members: tuple[Type, ...]) -> Type | None:
    """`A` for the members of `A | list[A]` (in either order), A a str, int, float or
    bool; None for any other union."""
    if len(members) != 2:
        return None
    a, b = members
    for one, many in ((a, b), (b, a)):
        if one in _CLASS_NAMES and many == ListT(one):
            return one
    return None


def rewrite(fn: ir.Function, items: dict[str, Type]) -> ir.Function:
    """`fn` with the one-or-many `if` of each parameter in `items` (name -> item type)
    made a typed binding, and the later statements reading the bound name."""
    if not items:
        return fn
    body = fn.body
    for param, item in items.items():
        body = _rewrite_param(body, param, item, fn.span)
    return fn if body is fn.body else dataclasses.replace(fn, body=body)


def _rewrite_param(body: tuple[ir.Stmt, ...], param: str, item: Type, span: object
                   ) -> tuple[ir.Stmt, ...]:
    for i, st in enumerate(body):
        if _is_one_or_many(st, param, item):
            break
        if param in _written(st):
            return body  # rebound before: not the idiom
    else:
        return body
    rest = body[i + 1:]
    if _binds_elsewhere(rest, param) or _changed_in_place(rest, param):
        return body
    taken = {n.id for n in ir.walk(body) if isinstance(n, (ir.Name, ir.NameTarget))}
    new = f"{param}_as_list"
    while new in taken:
        new += "_"
    assert isinstance(st, ir.If)
    one = ir.Name(param, st.test.span)
    value = ir.IfExp(st.test, ir.ListLit((one,), st.body[0].span), one, st.span)
    bind = ir.Assign((ir.NameTarget(new, st.span, ListT(item)),), value, st.span)
    renamed = tuple(_rename(s, param, new) for s in rest)
    return (*body[:i], bind, *renamed)


def _is_one_or_many(st: ir.Stmt, param: str, item: Type) -> bool:
    """`if isinstance(param, A): param = [param]` with no `else`."""
    match st:
        case ir.If(test=ir.Call(func=ir.Name(id="isinstance"),
                                args=(ir.Name(id=p1), ir.Name(id=cls)), keywords=()),
                   body=(ir.Assign(targets=(ir.NameTarget(id=p2, ty=None),),
                                   value=ir.ListLit(elts=(ir.Name(id=p3),))),),
                   orelse=()):
            return p1 == p2 == p3 == param and cls == _CLASS_NAMES[item]
    return False


# list methods that change the list: on the parameter, the function keeps the dynamic
# value, where alias reports the change (E051) by the parameter's own name
_CHANGING = frozenset({"append", "extend", "insert", "pop", "remove", "sort", "reverse",
                       "clear"})


def _changed_in_place(stmts: tuple[ir.Stmt, ...], name: str) -> bool:
    for n in ir.walk(stmts):
        match n:
            case ir.Call(func=ir.Attribute(value=ir.Name(id=v), attr=attr)) \
                    if v == name and attr in _CHANGING:
                return True
            case ir.SubscriptTarget(value=ir.Name(id=v)) if v == name:
                return True
            case ir.AugAssign(target=ir.NameTarget(id=v)) if v == name:
                return True
    return False


def _written(st: object) -> set[str]:
    return {n.id for n in ir.walk(st) if isinstance(n, ir.NameTarget)}


def _binds_elsewhere(stmts: tuple[ir.Stmt, ...], name: str) -> bool:
    """Whether a lambda or comprehension in `stmts` binds `name` as its own variable (the
    renaming would reach into its scope)."""
    for n in ir.walk(stmts):
        if isinstance(n, ir.Lambda) and name in n.params:
            return True
        if isinstance(n, ir.CompFor) and name in _written(n.target):
            return True
    return False


def _rename(node: Any, old: str, new: str) -> Any:
    if isinstance(node, ir.Name) and node.id == old:
        return dataclasses.replace(node, id=new)
    if isinstance(node, ir.NameTarget) and node.id == old:
        return dataclasses.replace(node, id=new)
    if isinstance(node, tuple):
        out = tuple(_rename(x, old, new) for x in node)
        return node if all(a is b for a, b in zip(out, node, strict=True)) else out
    if not ir.field_names(node):
        return node
    return ir.map_fields(node, lambda f: _rename(f, old, new))
