"""Generic decorators, instantiated per decorated function (part of the lower stage).

A module function is a generic decorator when it is applied with `@` and its text is
written over any arguments: a TypeVar or ParamSpec (`def timed(fn: Callable[P, T]) ->
Callable[P, T]`, `def wrapper(*args: P.args, **kwargs: P.kwargs) -> T`), `Callable[...,
T]`, or a nested wrapper taking untyped or `Any` `*args, **kwargs`; a decorator
factory (`def retry(times: int = 3)` returning such a decorator) is one too.

It is not compiled as written. Each function it decorates gets its own copy, lowered
from the same syntax tree with the decorated function's signature put in: every
TypeVar (and the `Any` of `Callable[..., Any]` or of the wrapper's return) is the
decorated function's return type, a ParamSpec or `...` its parameter types, the
parameter called with `fn(*args, **kwargs)` a function of that signature, and the
wrapper's `*args, **kwargs` become positional parameters of those types
(`__fwd_arg0`, ...), which `fn(*args, **kwargs)` passes on. A factory's
`type[...]` parameters are bound to the classes the decoration names (and dropped
from the copy), its untyped parameters typed by the literals it gives. `fn.__name__`,
`fn.__qualname__` and `fn.__doc__` are the decorated function's. The copy is then an
ordinary decorator of the module (pycomp.lower.Lowerer.user_decorated applies it).

Faithful as long as the wrapper only forwards its arguments: reading `args` or
`kwargs` otherwise (indexing, printing, `len`), a decorator with two TypeVars, and a
generic decorator used other than with `@` are refused (E002); a plain generic
function (`def first(xs: list[T]) -> T`) is pycomp.generics' (a copy per call-site types).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from pycomp import ir, nested
from pycomp.types import BOOL, FLOAT, INT, STR, FuncT, Type

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

ANY_TEXTS = ("Any", "typing.Any", "object")
# a TypeVar bound to a Callable: in a decorator, the decorated function's whole type
CALLABLE_TYPEVAR = "TypeVar:Callable"
HELP_FORWARD = ("a generic decorator's wrapper passes its arguments on as they came "
                "(`fn(*args, **kwargs)`); to read them, write the parameter types "
                "(`def wrapper(x: int) -> int`)")


@dataclass
class Forward:
    """The wrapper being lowered: its `*args` / `**kwargs` names and the parameters
    standing for them."""

    args: str | None
    kwargs: str | None
    names: tuple[str, ...]


@dataclass
class Instance:
    """The decorated function a generic decorator is being lowered for."""

    target: str  # the decorated function's name
    doc: str | None
    params: tuple[Type, ...]
    returns: Type
    fn_names: set[str]  # the parameters holding the decorated function
    # a factory's `exc: type[Exception]` parameters: the classes the decoration gives
    classes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a factory's parameters without annotations, typed by the literal given
    literals: dict[str, Type] = field(default_factory=dict)
    forward: Forward | None = None
    # a decorator below this one in the stack returns a wrapper without functools.wraps:
    # the function this copy is given has that wrapper's `__name__` and `__doc__`
    renamed: bool = False


@dataclass
class Made:
    """A generic decorator's copy for one decorated function."""

    name: str  # "" when refused
    returns: Type | None
    functions: list[ir.Function]
    # the factory's arguments bound at compile time (class parameters): by position, by name
    bound_positions: frozenset[int] = frozenset()
    bound_keywords: frozenset[str] = frozenset()


def type_variables(lw: Lowerer, root: Node) -> dict[str, str]:
    """Module-level `T = TypeVar("T")` / `P = ParamSpec("P")`: name -> TypeVar or ParamSpec."""
    out: dict[str, str] = {}
    for _, left, right in lw.module_assignments(root):
        if right.type != "call":
            continue
        head = right.child_by_field_name("function")
        kind = lw.text(head).split(".")[-1] if head is not None else ""
        if kind in ("TypeVar", "ParamSpec"):
            out[lw.text(left)] = kind
            args = right.child_by_field_name("arguments")
            if kind == "TypeVar" and args is not None and any(
                    a.type == "keyword_argument" and lw.text(a).replace(" ", "").startswith(
                        ("bound=Callable", "bound=typing.Callable",
                         "bound=collections.abc.Callable"))
                    for a in args.named_children):
                out[lw.text(left)] = CALLABLE_TYPEVAR  # `F = TypeVar("F", bound=Callable...)`
    return out


def _walk(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _in_callable(lw: Lowerer, ellipsis: Node) -> bool:
    """`...` as the parameters of a `Callable[..., T]` annotation."""
    p = ellipsis.parent
    while p is not None and p.type in ("type", "type_parameter"):
        p = p.parent
    return p is not None and p.type in ("generic_type", "subscript") and \
        (lw.subscripted(p) or ("", []))[0].split(".")[-1] == "Callable"


def _is_generic(lw: Lowerer, definition: Node, typevars: dict[str, str],
                applied: bool) -> bool:
    """Whether `definition` is written over any arguments; one not `applied` with `@`
    must say so in its annotations (a ParamSpec, `Callable[..., T]`)."""
    for n in _walk(definition):
        if n.type == "identifier" and typevars.get(lw.text(n)) in (
                ("TypeVar", CALLABLE_TYPEVAR, "ParamSpec") if applied else ("ParamSpec",)):
            return True
        if n.type == "ellipsis" and _in_callable(lw, n):
            return True
        if not applied:
            continue
        if n.type in ("list_splat_pattern", "dictionary_splat_pattern") and \
                n.parent is not None and n.parent.type == "parameters":
            return True  # untyped `*args` / `**kwargs`
        if n.type == "typed_parameter" and n.named_children and n.named_children[0].type in (
                "list_splat_pattern", "dictionary_splat_pattern") and \
                (ann := n.child_by_field_name("type")) is not None and \
                lw.text(ann) in ANY_TEXTS:
            return True
    return False


def find(lw: Lowerer, root: Node, typevars: dict[str, str]) -> dict[str, Node]:
    """The module's generic decorators (see the module doc), by name; also those the
    module does not apply."""
    from pycomp.lower import _decorator_head

    used: set[str] = set()
    defs: dict[str, Node] = {}
    for node in lw.named_children(root):
        if node.type == "decorated_definition":
            used.update(n for d in node.named_children if d.type == "decorator"
                        and (n := _decorator_head(lw, d)) is not None)
        elif node.type == "function_definition" and (name := node.child_by_field_name(
                "name")) is not None:
            defs[lw.text(name)] = node
    # one never applied is not compiled either: nothing can call it but as a value (E002).
    # Such a one says so with a ParamSpec or `Callable[..., T]`: a function whose text
    # has neither is not walked (most of a module's functions)
    specs = [v for v, kind in typevars.items() if kind == "ParamSpec"]

    def may_be(name: str, d: Node) -> bool:
        if name in used:
            return True
        text = lw.src.text_of(d)
        return "..." in text or any(v in text for v in specs)

    return {n: d for n, d in defs.items()
            if may_be(n, d) and _is_generic(lw, d, typevars, n in used)}


def _forwarded_callees(lw: Lowerer, definition: Node) -> set[str]:
    """The parameters holding the decorated function: the names called with `*x` / `**x`
    arguments inside `definition` (`fn(*args, **kwargs)`), and those annotated
    `Callable[...]` over a TypeVar or ParamSpec (`fn: Callable[[str], T]`)."""
    out = set()
    for n in _walk(definition):
        ann = n.child_by_field_name("type") if n.type == "typed_parameter" else None
        if ann is not None and lw.text(ann).split("[")[0].split(".")[-1] == "Callable" and \
                any(x.type == "identifier" and lw.text(x) in lw.typevars for x in _walk(ann)) \
                and n.named_children and n.named_children[0].type == "identifier":
            out.add(lw.text(n.named_children[0]))
        if n.type != "call":
            continue
        fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
        if fn is not None and fn.type == "identifier" and args is not None and any(
                a.type in ("list_splat", "dictionary_splat") for a in args.named_children):
            out.add(lw.text(fn))
    return out


def _param_name(lw: Lowerer, k: Node) -> str | None:
    ident = k.child_by_field_name("name") or (k.named_children[0] if k.named_children else k)
    return lw.text(ident) if ident.type == "identifier" else None


LITERAL_TYPES: dict[str, Type] = {"integer": INT, "float": FLOAT, "string": STR, "true": BOOL, "false": BOOL}


def _class_params(lw: Lowerer, definition: Node, decorator: Node, literals: dict[str, Type]
                  ) -> tuple[dict[str, tuple[str, ...]], set[int], set[str]] | None:
    """A factory's parameters annotated `type[...]` (`exc: type[Exception] =
    ValueError`), bound to the class names the decoration gives (`@retry(exc=KeyError)`)
    or their defaults, and the arguments binding them; None (refused) when one is given
    something else. Its parameters without annotations given a literal (or defaulting to
    one) are typed by it, into `literals` (`def retry(times=3)`, `@retry(5)`: an int)."""
    params_node = definition.child_by_field_name("parameters")
    call = decorator.named_children[0] if decorator.named_children else None
    args = call.child_by_field_name("arguments") if call is not None and \
        call.type == "call" else None
    given = lw.named_children(args) if args is not None else []
    positional = [a for a in given if a.type not in ("keyword_argument", "list_splat",
                                                     "dictionary_splat")]
    keywords = {lw.text(n): a for a in given if a.type == "keyword_argument" and
                (n := a.child_by_field_name("name")) is not None}
    out: dict[str, tuple[str, ...]] = {}
    positions: set[int] = set()
    names: set[str] = set()
    kids = lw.named_children(params_node) if params_node is not None else []
    for i, k in enumerate(kids):
        ann = k.child_by_field_name("type")
        name = _param_name(lw, k)
        untyped = ann is None and k.type in ("identifier", "default_parameter")
        if name is None or not untyped and (
                ann is None or "type[" not in lw.text(ann).replace(" ", "")):
            continue
        value = None
        if untyped:
            value = positional[i] if i < len(positional) else \
                keywords[name].child_by_field_name("value") if name in keywords else \
                k.child_by_field_name("value")
            if value is not None and value.type in LITERAL_TYPES and (
                    value.type != "string" or not lw._is_fstring(value)):
                literals[name] = LITERAL_TYPES[value.type]
            continue
        if i < len(positional):
            value = positional[i]
            positions.add(i)
        elif name in keywords:
            value = keywords[name].child_by_field_name("value")
            names.add(name)
        else:
            value = k.child_by_field_name("value")
        items = lw.named_children(value) if value is not None and value.type in (
            "tuple", "parenthesized_expression") else [value] if value is not None else []
        if not items or any(x.type != "identifier" for x in items):
            lw.unsupported(value or decorator,
                           f"`{name}` of the decorator `{lw.text(decorator)}` given "
                           f"`{lw.text(value) if value is not None else 'nothing'}`",
                           help="a generic decorator's `type[...]` parameter is compiled when "
                                "the decoration names the class (or a tuple of classes) or "
                                "its default does: `@retry(exc=KeyError)`")
            return None
        out[name] = tuple(lw.text(x) for x in items)
    return out, positions, names


def instantiate(lw: Lowerer, deco: str, target: ir.Function, params: tuple[Type, ...],
                returns: Type, decorator: Node, renamed: bool = False) -> Made:
    """The copy of the generic decorator `deco` for `target` whose signature (so far up
    the decorator stack) is `params -> returns`, applied by `decorator`; `renamed`: a
    decorator below it returns a wrapper not keeping `target`'s name."""
    definition = lw.generic_decos[deco]
    literals: dict[str, Type] = {}
    bound = _class_params(lw, definition, decorator, literals)
    if bound is None:
        return Made("", None, [])
    classes, positions, keywords = bound
    mark = "/renamed" if renamed else ""
    key = (f"{deco}@{target.name}{sorted(classes.items())}{sorted(literals.items())}{mark}",
           params, returns)
    if key in lw.generic_made:
        return lw.generic_made[key]
    span_node = decorator
    tvs = {lw.text(n) for n in _walk(definition)
           if n.type == "identifier" and lw.typevars.get(lw.text(n)) == "TypeVar"}
    if len(tvs) > 1:
        lw.unsupported(span_node, f"the decorator `{deco}` with {len(tvs)} type variables "
                                  f"({', '.join(sorted(tvs))})",
                       help="a generic decorator is compiled with one TypeVar, the decorated "
                            "function's return type, and a ParamSpec or `...` for its "
                            "parameters")
        lw.generic_made[key] = Made("", None, [])
        return lw.generic_made[key]
    name = nested.qualified(deco, target.name)
    if any(k[0] == key[0] for k in lw.generic_made):
        name = nested.qualified(deco, f"{target.name}{len(lw.generic_made)}")
    outer, saved_lifted = lw.instance, lw.lifted
    lw.instance = Instance(target.name, target.doc, params, returns,
                           _forwarded_callees(lw, definition), classes, literals,
                           renamed=renamed)
    try:
        fn = lw.lower_function(definition, name)
        made = [fn, *lw.lifted] if fn is not None else []
    finally:
        lw.instance, lw.lifted = outer, saved_lifted
    result = Made(name if fn is not None else "", fn.returns if fn is not None else None, made,
                  frozenset(positions), frozenset(keywords))
    lw.generic_made[key] = result
    return result


def annotation(lw: Lowerer, node: Node) -> Type | None:
    """An annotation inside an instance that names the decorated function's signature:
    a TypeVar, `Callable[P, X]` / `Callable[..., X]`; None for any other."""
    inst = lw.instance
    assert inst is not None
    if node.type == "type" and node.named_children:
        node = node.named_children[0]
    if node.type == "identifier" and lw.typevars.get(lw.text(node)) == "TypeVar":
        return inst.returns
    if node.type == "identifier" and lw.typevars.get(lw.text(node)) == CALLABLE_TYPEVAR:
        return FuncT(inst.params, inst.returns)
    if node.type not in ("generic_type", "subscript"):
        return None
    head, args = lw.subscripted(node) or ("", [])
    if head.split(".")[-1] != "Callable" or len(args) != 2:
        return None
    first = args[0].named_children[0] if args[0].type == "type" and args[0].named_children \
        else args[0]
    if first.type != "ellipsis" and lw.typevars.get(lw.text(first)) != "ParamSpec":
        return None
    ret = inst.returns if lw.text(args[1]) in ANY_TEXTS else lw.lower_annotation(args[1])
    return None if ret is None else FuncT(inst.params, ret)


def params(lw: Lowerer, params_node: Node) -> list[ir.Param] | None:
    """The parameters of a function inside an instance when they differ from what they
    say: a wrapper's `*args, **kwargs` (untyped, `Any`, `P.args`/`P.kwargs`) become the
    decorated function's parameters, a parameter holding the decorated function is
    typed by its signature. None: lower them as written."""
    inst = lw.instance
    assert inst is not None
    kids = lw.named_children(params_node)
    stars: list[tuple[str, str]] = []
    for k in kids:
        ident = k.named_children[0] if k.type == "typed_parameter" and k.named_children \
            else k
        ann = k.child_by_field_name("type") if k.type == "typed_parameter" else None
        if ident.type not in ("list_splat_pattern", "dictionary_splat_pattern") or (
                ann is not None and lw.text(ann) not in ANY_TEXTS and
                lw.text(ann).split(".")[0] not in lw.typevars):
            stars = []
            break
        stars.append((ident.type, lw.text(ident.named_children[0])))
    if stars:
        names = tuple(f"__fwd_arg{i}" for i in range(len(inst.params)))
        inst.forward = Forward(
            next((n for t, n in stars if t == "list_splat_pattern"), None),
            next((n for t, n in stars if t == "dictionary_splat_pattern"), None), names)
        sp = lw.span(params_node)
        return [ir.Param(n, t, None, sp) for n, t in zip(names, inst.params, strict=True)]
    targets = set()
    for k in kids:
        ident = k.named_children[0] if k.type == "typed_parameter" and k.named_children \
            else k
        ann = k.child_by_field_name("type") if k.type == "typed_parameter" else None
        if ident.type == "identifier" and lw.text(ident) in inst.fn_names and \
                (ann is None or lw.text(ann) in ANY_TEXTS):
            targets.add(lw.text(ident))
    literals = inst.literals if not lw.fn_path else {}
    if not targets and not literals:
        return None
    return [dataclasses.replace(p, annotation=FuncT(inst.params, inst.returns))
            if p.name in targets else dataclasses.replace(p, annotation=literals[p.name])
            if p.annotation is None and p.name in literals else p
            for p in lw.lower_params(params_node)]


def returns(lw: Lowerer, ret_node: Node | None, forwarded: bool,
            params: list[ir.Param]) -> Type | None:
    """A return type inside an instance when it is missing or `Any`: a wrapper's is the
    decorated function's; a decorator's (taking the decorated function) is the wrapper's
    type; a factory's (the copy itself, taking neither) the decorator's."""
    inst = lw.instance
    assert inst is not None
    missing = ret_node is None or lw.text(ret_node) in ANY_TEXTS
    if forwarded and missing:
        return inst.returns
    if missing and (ret_node is None or any(p.name in inst.fn_names for p in params)):
        wrapper = FuncT(inst.params, inst.returns)
        if any(p.name in inst.fn_names for p in params):
            return wrapper
        if not lw.fn_path:
            return FuncT((wrapper,), wrapper)
    return lw.lower_annotation(ret_node) if ret_node is not None else None


def forwarded_args(lw: Lowerer, splat: Node, before: list[ir.Expr]) -> list[ir.Expr] | None:
    """`*args` / `**kwargs` of the wrapper passed on in a call (`fn(*args, **kwargs)`):
    the parameters standing for them (none for `**kwargs`: every argument is passed by
    position); None for another splat."""
    fwd = lw.instance.forward if lw.instance is not None else None
    inner = splat.named_children[0] if splat.named_children else None
    if fwd is None or inner is None or inner.type != "identifier":
        return None
    x = lw.text(inner)
    if splat.type == "list_splat" and x == fwd.args:
        sp = lw.span(splat)
        if before:
            lw.unsupported(splat, f"`*{x}` after other arguments", help=HELP_FORWARD)
        return [ir.Name(n, sp) for n in fwd.names]
    if splat.type == "dictionary_splat" and x == fwd.kwargs:
        return []
    return None


def skipped(lw: Lowerer, param: Node) -> bool:
    """A factory's class parameter, bound at compile time: not a parameter of the copy."""
    return lw.instance is not None and not lw.fn_path and \
        _param_name(lw, param) in lw.instance.classes


def handler_classes(lw: Lowerer, names: list[str]) -> list[str]:
    """`except exc` of a factory's class parameter: the classes it is bound to."""
    inst = lw.instance
    if inst is None or not inst.classes:
        return names
    return [c for n in names for c in inst.classes.get(n, (n,))]


def class_name(lw: Lowerer, name: str) -> str:
    """`raise exc(...)` of a factory's class parameter bound to one class: its name."""
    bound = lw.instance.classes.get(name) if lw.instance is not None else None
    return bound[0] if bound is not None and len(bound) == 1 else name


def read(lw: Lowerer, node: Node) -> ir.Expr | None:
    """A name read: a factory's class parameter is the class it is bound to;
    `args`/`kwargs` of a wrapper other than passed on, and a generic decorator used as a
    value, are refused."""
    x = lw.text(node)
    inst = lw.instance
    if inst is not None and x in inst.classes:
        sp = lw.span(node)
        names = [ir.Name(c, sp) for c in inst.classes[x]]
        return names[0] if len(names) == 1 else ir.TupleLit(tuple(names), sp)
    fwd = inst.forward if inst is not None else None
    if fwd is not None and x in (fwd.args, fwd.kwargs):
        lw.sink.error("E002", f"`{x}` of a generic decorator's wrapper used other than "
                              "passed on is not supported", lw.span(node), help=HELP_FORWARD)
    elif x in lw.generic_decos and lw.instance is None and not (
            node.parent is not None and node.parent.type == "call" and
            node.parent.parent is not None and node.parent.parent.type == "decorator"):
        lw.sink.error("E002", f"the generic decorator `{x}` used as a value is not supported",
                      lw.span(node),
                      help=f"pycomp compiles a generic decorator applied with `@{x}` above "
                           "a function of the module (one copy per function); write the "
                           "parameter types to call it directly")
    return None


def dunder(lw: Lowerer, obj: Node, attr: str) -> ir.Expr | None:
    """`fn.__name__` / `__qualname__` / `__doc__` of the decorated function inside an
    instance: constants."""
    inst = lw.instance
    if inst is None or obj.type != "identifier" or lw.text(obj) not in inst.fn_names:
        return None
    sp = lw.span(obj)
    if inst.renamed and attr in ("__name__", "__qualname__", "__doc__"):
        # CPython's are the inner decorator's wrapper's (`'wrapper'`)
        lw.sink.error("E002", f"`{lw.text(obj)}.{attr}` of a function another decorator "
                              "below this one has wrapped without `functools.wraps` is "
                              "not supported", sp,
                      help="decorate that decorator's wrapper with `@functools.wraps(fn)` "
                           f"(then `{attr}` is `{inst.target}`'s), or put this decorator "
                           "below it")
        return ir.Const(None, sp)
    if attr in ("__name__", "__qualname__"):
        return ir.Const(inst.target, sp)
    if attr == "__doc__":
        return ir.Const(inst.doc, sp)
    return None


def generic_typevar(lw: Lowerer, node: Node) -> bool:
    """A TypeVar / ParamSpec named outside a generic decorator and a plain module
    function (a method's, a ParamSpec in a plain function): E011 with its own reason."""
    if node.type != "identifier" or lw.text(node) not in lw.typevars:
        return False
    lw.sink.error("E011", f"the type variable `{lw.text(node)}` is not supported here",
                  lw.span(node),
                  help="pycomp compiles TypeVar in module functions (a copy per set of "
                       "call-site types) and TypeVar and ParamSpec in decorators applied "
                       "with `@` (a copy per decorated function); write the concrete type "
                       "here")
    return True



FUNCTION_ATTRS = ("__name__", "__qualname__", "__doc__", "__wrapped__")


def keeps_name(lw: Lowerer, decorator: Node) -> bool:
    """Whether the function a decorator of the module returns carries the decorated
    function's `__name__` and `__doc__`: its wrapper is under `@functools.wraps`, or it
    returns the function itself (`return fn`)."""
    from pycomp.lower import _decorator_head

    name = _decorator_head(lw, decorator)
    root = lw.src.tree.root_node
    definition = lw.generic_decos.get(name or "") or next(
        (n for n in lw.named_children(root) if n.type == "function_definition" and
         (m := n.child_by_field_name("name")) is not None and lw.text(m) == name), None)
    if definition is None:
        return False
    params = definition.child_by_field_name("parameters")
    first = lw.named_children(params)[0] if params is not None and \
        lw.named_children(params) else None
    first_name = _param_name(lw, first) if first is not None else None
    for n in _walk(definition):
        if n.type == "decorator" and lw.text(n).lstrip("@").split("(")[0] in (
                "functools.wraps", "wraps"):
            return True
        if n.type == "return_statement" and first_name is not None and \
                n.parent is not None and n.parent.parent is not None and \
                n.parent.parent.id == definition.id and \
                lw.text(n) == f"return {first_name}":
            return True
    return False


def function_attributes(lw: Lowerer, mod: ir.Module,
                        decorated: dict[str, tuple[bool, str | None]]) -> None:
    """`f.__name__`, `__qualname__`, `__doc__` and `__wrapped__` of a module function `f`
    read in the module's functions: constants (the original's name and doc when every
    decorator on `f` keeps them: functools.wraps), `__wrapped__` the undecorated function
    (one decorator keeping the name); refused (E002) where the values are the wrapper's.
    `decorated`: by function, whether its decorators keep the name, and its undecorated
    copy for `__wrapped__`."""
    docs = {f.name: f.doc for f in mod.functions if "/" not in f.name and f.owner is None}

    def rewrite(x: object, bound: set[str]) -> object:
        if isinstance(x, ir.Attribute) and x.attr in FUNCTION_ATTRS and \
                isinstance(x.value, ir.Name) and x.value.id in docs and \
                x.value.id not in bound:
            f = x.value.id
            keeps, wrapped = decorated.get(f, (True, None))
            if x.attr == "__wrapped__" and wrapped is not None:
                return ir.Name(wrapped, x.span)
            if x.attr == "__wrapped__" or not keeps:
                lw.sink.error("E002", f"`{f}.{x.attr}` is not supported", x.span,
                              help="compiled: the `__name__`, `__qualname__` and `__doc__` of "
                                   "a module function, also decorated by decorators using "
                                   "`functools.wraps`, and `__wrapped__` under one such "
                                   "decorator")
                return x
            if x.attr == "__doc__":
                return ir.Const(docs[f], x.span)
            return ir.Const(f.split("/")[0], x.span)
        if isinstance(x, (tuple, list)):
            items = [rewrite(y, bound) for y in x]
            changed = any(a is not b for a, b in zip(items, x, strict=True))
            return (tuple(items) if isinstance(x, tuple) else items) if changed else x
        if type(x).__module__ == "pycomp.ir" and ir.field_names(x):
            return ir.map_fields(x, lambda y: rewrite(y, bound))
        return x

    for i, fn in enumerate(mod.functions):
        if not any(isinstance(n, ir.Attribute) and n.attr in FUNCTION_ATTRS
                   for n in ir.walk(fn.body)):
            continue
        new = rewrite(fn.body, nested.bound_names(fn))
        if new is not fn.body:
            mod.functions[i] = dataclasses.replace(fn, body=new)  # type: ignore[arg-type]
