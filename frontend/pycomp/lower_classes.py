"""lower, for class definitions: a class body to an `ir.ClassDef` and its methods.

Methods become module functions named `Class.method` (`owner` set); `self` is
annotated with the class. The methods `@dataclass` and `NamedTuple` generate
(`__init__`, `__repr__`, `__eq__`, ordering) are written here as Python source,
exactly as CPython's generators write them, and lowered like user code, so
every later stage sees ordinary methods. What stays out of reach is refused
with E100 (docs/errors/E100.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tree_sitter import Node

from pycomp import ir
from pycomp.names import EXC_ARGS_FIELD, EXC_ARGS_REPR_FIELD, EXC_MESSAGE_FIELD
from pycomp.types import (
    BUILTIN_EXCEPTIONS,
    DYN,
    BoolT,
    ClassT,
    DictT,
    FloatT,
    IntT,
    ListT,
    OptionalT,
    StrT,
    TupleT,
    Type,
    VarTupleT,
    plain_value,
)

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

# Methods whose semantics cannot be compiled to a fixed struct layout.
REFUSED_METHODS = {
    "__getattr__": "attribute lookup by `__getattr__` is dynamic",
    "__getattribute__": "attribute lookup by `__getattribute__` is dynamic",
    "__setattr__": "attribute assignment by `__setattr__` is dynamic",
    "__delattr__": "deleting attributes changes the object's layout",
    "__new__": "`__new__` may return any object",
    "__init_subclass__": "class creation hooks run at import time",
    "__class_getitem__": "generic classes are not compiled",
    "__del__": "finalizers run when CPython's reference count drops to zero",
}

ENUM_BASES = {"Enum": "enum", "enum.Enum": "enum", "IntEnum": "intenum",
              "enum.IntEnum": "intenum", "StrEnum": "strenum", "enum.StrEnum": "strenum"}
NAMEDTUPLE_BASES = {"NamedTuple", "typing.NamedTuple"}
ABC_BASES = {"ABC", "abc.ABC"}
DATACLASS_DECORATORS = {"dataclass", "dataclasses.dataclass"}
# Comparisons that may take `other: object` and return NotImplemented for other classes.
COMPARISONS = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"}
METHOD_DECORATORS = {"staticmethod", "classmethod", "property", "abstractmethod",
                     "abc.abstractmethod"}


def class_kinds(lw: Lowerer, root: Node) -> dict[str, bool]:
    """Every class the module defines, and whether it is an enum: annotations may name a
    class before its definition."""
    from pycomp.namedtuples import functional_call

    out: dict[str, bool] = {}
    for node in lw.named_children(root):
        if (named := functional_call(lw, node)) is not None:
            out[named[0]] = False  # `Point = namedtuple("Point", ...)`: a class
        elif (found := _class_head(lw, node)) is not None:
            out[found[0]] = any(b in ENUM_BASES for b in found[1])
    return out


def _class_head(lw: Lowerer, node: Node) -> tuple[str, list[str]] | None:
    """The name and the bases (as written) of a module-level class statement (decorated
    or not); None for another statement."""
    if node.type == "decorated_definition":
        node = node.child_by_field_name("definition") or node
    name = node.child_by_field_name("name") if node.type == "class_definition" else None
    if name is None:
        return None
    supers = node.child_by_field_name("superclasses")
    return lw.text(name), [lw.text(b) for b in lw.named_children(supers)] \
        if supers is not None else []


def exception_classes(lw: Lowerer, root: Node) -> frozenset[str]:
    """The exception classes the module defines (a base is a builtin exception or one of
    them, defined before): an annotation naming one (`last: BackendError | None`) holds
    a caught exception, as `Exception | None` does."""
    out: set[str] = set()
    for node in lw.named_children(root):
        if (found := _class_head(lw, node)) is not None and any(
                b in BUILTIN_EXCEPTIONS or b == "BaseException" or b in out for b in found[1]):
            out.add(found[0])
    return frozenset(out)


def _is_super_init(e: ir.Expr) -> bool:
    """Whether `e` is `super().__init__(...)`."""
    return isinstance(e, ir.Call) and isinstance(e.func, ir.Attribute) and \
        e.func.attr == "__init__" and isinstance(e.func.value, ir.Call) and \
        isinstance(e.func.value.func, ir.Name) and e.func.value.func.id == "super"


def _exception_args(self_name: str, args: tuple[ir.Expr, ...], under_key: bool, sp: ir.Span
                    ) -> tuple[list[ir.Stmt], list[ir.Stmt]]:
    """What `BaseException.__init__(*args)` keeps, as statements of an exception class's
    `__init__`: each argument evaluated once into a local, then the message (`str(e)`:
    `""`, `str(arg)` or `repr(arg)` under `KeyError`, `str(args)`) and the args' reprs
    (what `repr(e)` shows between the parentheses) assigned to hidden fields."""
    names = [f"__pc_arg{i}" for i in range(len(args))]
    bind: list[ir.Stmt] = [ir.Assign((ir.NameTarget(n, sp),), a, sp)
                           for n, a in zip(names, args)]
    values = [ir.Name(n, sp) for n in names]
    message: ir.Expr
    if not values:
        message = ir.Const("", sp)
    elif len(values) == 1:
        message = ir.Call(ir.Name("repr" if under_key else "str", sp), (values[0],), (), sp)
    else:
        message = ir.Call(ir.Name("str", sp), (ir.TupleLit(tuple(values), sp),), (), sp)
    shown: ir.Expr = ir.Const("", sp)
    for i, v in enumerate(values):
        item = ir.Call(ir.Name("repr", sp), (v,), (), sp)
        shown = item if i == 0 else ir.BinOp(
            "+", ir.BinOp("+", shown, ir.Const(", ", sp), sp), item, sp)
    store: list[ir.Stmt] = [
        ir.Assign((ir.AttrTarget(ir.Name(self_name, sp), field, sp),), value, sp)
        for field, value in ((EXC_MESSAGE_FIELD, message), (EXC_ARGS_REPR_FIELD, shown),
                             (EXC_ARGS_FIELD, ir.TupleLit(tuple(values), sp)))]
    return bind, store


def _class_defaults(fn: ir.Function, consts: list[ir.Constant]) -> ir.Function:
    """A parameter default naming a class constant defined above the method
    (`weight: float = DEFAULT_WEIGHT`): CPython evaluates it in the class body when the
    method is defined, so the default is the constant's literal value."""
    values = {c.name: c.value for c in consts if isinstance(c.value, ir.Const)}
    if not any(isinstance(p.default, ir.Name) and p.default.id in values for p in fn.params):
        return fn
    params = tuple(dataclasses.replace(p, default=dataclasses.replace(
        values[p.default.id], span=p.default.span))
        if isinstance(p.default, ir.Name) and p.default.id in values else p
        for p in fn.params)
    return dataclasses.replace(fn, params=params)


@dataclass
class _Field:
    name: str
    ann_text: str
    ann: Type | None
    default_text: str | None
    default: ir.Expr | None
    factory: str | None
    span: ir.Span
    init: bool = True
    repr: bool = True
    compare: bool = True


# The class names CPython's ordering TypeError gives for the values of these types
_SCALAR_NAMES: dict[type, str] = {IntT: "int", FloatT: "float", StrT: "str", BoolT: "bool"}


@dataclass
class _ClassBody:
    fields: list[_Field] = field(default_factory=list)
    consts: list[ir.Constant] = field(default_factory=list)
    methods: list[ir.Function] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)  # @abstractmethod names
    declining: list[str] = field(default_factory=list)  # ir.ClassDef.declining
    guards: list[tuple[str, str]] = field(default_factory=list)  # ir.ClassDef.guards
    false_others: list[str] = field(default_factory=list)  # ir.ClassDef.false_others
    doc: str | None = None
    slots: tuple[str, ...] | None = None  # ir.ClassDef.slots


class ClassLowerer:
    def __init__(self, lw: Lowerer):
        self.lw = lw
        self.sink = lw.sink
        # the class being lowered and the classes it derives from
        self.lineage: set[str] = set()

    def refuse(self, node: Node, what: str, help: str) -> None:
        self.sink.error("E100", f"{what} is not supported", self.lw.span(node), help=help)

    # ------------------------------------------------------------- class

    def lower(self, node: Node, decorators: list[Node], mod: ir.Module) -> None:
        lw = self.lw
        name_node = node.child_by_field_name("name")
        body_node = node.child_by_field_name("body")
        assert name_node is not None and body_node is not None
        name = lw.text(name_node)
        known = {c.name for c in mod.classes}
        kind = "class"
        base: str | None = None
        abstract = False
        supers = node.child_by_field_name("superclasses")
        bases = lw.named_children(supers) if supers is not None else []
        if any(lw.text(b) in BUILTIN_EXCEPTIONS or mod.exception(lw.text(b)) is not None
               for b in bases):
            self.exception(name, node, bases, decorators, body_node, mod)
            return
        class_bases = []
        texts = [lw.text(b) for b in bases]
        str_mixin = texts[:1] == ["str"] and len(texts) == 2 and \
            ENUM_BASES.get(texts[1]) == "enum"  # class Role(str, Enum)
        for b in bases:
            text = lw.text(b)
            if str_mixin:
                kind = "strmixin"
            elif b.type == "keyword_argument":
                self.refuse(b, f"`{text}` in a class definition",
                            "metaclasses and class keywords change how the class is built at "
                            "import time; write a plain class")
            elif text in ENUM_BASES:
                kind = ENUM_BASES[text]
            elif text in NAMEDTUPLE_BASES:
                kind = "namedtuple"
            elif text in ABC_BASES:
                abstract = True
            elif text == "object":
                continue
            elif text in known:
                class_bases.append(text)
            else:
                self.refuse(b, f"base class `{text}`",
                            "a class may derive from one class defined earlier in this module, "
                            "ABC, Enum, IntEnum, StrEnum, `(str, Enum)` or NamedTuple")
        if len(class_bases) > 1 or (class_bases and kind != "class"):
            self.refuse(supers or node, "multiple inheritance",
                        "derive from one class; move shared code into functions")
        elif class_bases:
            base = class_bases[0]
            parent = mod.cls(base)
            if parent is not None and parent.kind in ("dataclass",) and kind == "class":
                kind = "class"
            if parent is not None and (parent.is_enum or parent.kind == "namedtuple"):
                self.refuse(supers or node, f"deriving from the {parent.kind} `{base}`",
                            "enums and named tuples cannot be extended")
        frozen = order = False
        eq = True
        for d in decorators:
            expr = lw.named_children(d)[0]
            head = expr.child_by_field_name("function") if expr.type == "call" else expr
            head_text = lw.text(head) if head is not None else lw.text(expr)
            if head_text not in DATACLASS_DECORATORS:
                self.refuse(d, f"the class decorator `@{lw.text(expr)}`",
                            "pycomp compiles `@dataclass` (with frozen=, order=, eq=) on classes")
                continue
            if kind != "class":
                self.refuse(d, f"`@dataclass` on a {kind}", "use a plain `@dataclass` class")
                continue
            kind = "dataclass"
            if expr.type == "call":
                args = expr.child_by_field_name("arguments")
                for a in lw.named_children(args) if args is not None else []:
                    kw = a.child_by_field_name("name") if a.type == "keyword_argument" else None
                    val = a.child_by_field_name("value") if kw is not None else None
                    key = lw.text(kw) if kw is not None else ""
                    if kw is None or val is None or key not in ("frozen", "order", "eq") or \
                            val.type not in ("true", "false"):
                        self.refuse(a, f"`dataclass({lw.text(a)})`",
                                    "pycomp compiles dataclass(frozen=, order=, eq=) with "
                                    "True/False")
                        continue
                    flag = val.type == "true"
                    if key == "frozen":
                        frozen = flag
                    elif key == "order":
                        order = flag
                    else:
                        eq = flag
        if base is not None:
            parent = mod.cls(base)
            if parent is not None and parent.kind == "dataclass" and kind == "dataclass":
                frozen = frozen or parent.frozen
        self.lineage = {name}
        ancestor = mod.cls(base) if base is not None else None
        while ancestor is not None and ancestor.name not in self.lineage:
            self.lineage.add(ancestor.name)
            ancestor = mod.cls(ancestor.base) if ancestor.base is not None else None
        body = self.body(name, kind, body_node, mod)
        if kind == "dataclass":
            self.dataclass_methods(name, body, base, mod, node, frozen, order, eq)
        elif kind == "namedtuple":
            self.namedtuple_methods(name, body, node)
        fields = tuple(ir.FieldDef(f.name, f.ann, f.default, f.factory, f.span)
                       for f in body.fields)
        methods = []
        for fn in body.methods:
            mod.functions.append(fn)
            methods.append(fn.name.split(".", 1)[1])
        mod.classes.append(ir.ClassDef(name, kind, base, fields, tuple(body.consts),
                                       tuple(methods), body.doc, lw.span(node), frozen, order,
                                       eq, abstract, abstract_methods=tuple(body.abstract),
                                       declining=tuple(body.declining),
                                       guards=tuple(body.guards),
                                       false_others=tuple(body.false_others),
                                       slots=body.slots))

    def slots(self, kind: str, a: Node, right: Node | None) -> tuple[str, ...] | None:
        """The names of a plain class's `__slots__ = ("x", "y")` (a str, tuple or list of
        str literals); infer checks that the class's fields are among them."""
        lw = self.lw
        if kind != "class":
            self.refuse(a, f"`__slots__` in a {kind}", "fields are fixed already: remove it")
            return None
        items = [right] if right is not None and right.type == "string" else \
            lw.named_children(right) if right is not None and right.type in ("tuple", "list") \
            else None
        names = [lw.lower_expr(i) for i in items] if items is not None else None
        if names is None or not all(isinstance(n, ir.Const) and isinstance(n.value, str)
                                    and n.value.isidentifier() for n in names):
            self.refuse(a, "this `__slots__`", "list the fields as string literals: "
                                               "`__slots__ = (\"x\", \"y\")`")
            return None
        out = tuple(str(n.value) for n in names if isinstance(n, ir.Const))
        for n in out:
            if n.startswith("__") or out.count(n) > 1:
                self.refuse(a, f"`{n}` in `__slots__`", "list each field once, by its name")
                return None
        return out

    def exception(self, name: str, node: Node, bases: list[Node], decorators: list[Node],
                  body_node: Node, mod: ir.Module) -> None:
        """An exception class: one base, a builtin exception class or an exception class
        defined above; a body of a docstring, `pass` or `...`."""
        lw = self.lw
        if len(bases) != 1:
            self.refuse(node, "an exception class with more than one base",
                        "derive from one exception class")
            return
        if decorators:
            self.refuse(decorators[0], "a decorated exception class", "remove the decorator")
            return
        name_node = node.child_by_field_name("name") or node
        if name in BUILTIN_EXCEPTIONS or name == "BaseException":
            self.refuse(name_node, f"an exception class named like the builtin `{name}`",
                        "give the class its own name: compiled code and its callers tell "
                        "exception classes apart by name")
            return
        if any(c.name == name for c in mod.classes) or mod.exception(name) is not None:
            self.refuse(name_node, f"a second class named `{name}`",
                        "give the class another name")
            return
        stmts = lw.named_children(body_node)
        doc = None
        if stmts and stmts[0].type == "expression_statement" and lw._is_docstring(stmts[0]):
            doc = lw._string_value(stmts[0].named_children[0])
            stmts = stmts[1:]
        init = None
        methods: list[Node] = []
        for st in stmts:
            if st.type == "pass_statement" or (st.type == "expression_statement" and all(
                    k.type == "ellipsis" for k in lw.named_children(st))):
                continue
            fn_name = st.child_by_field_name("name") if st.type == "function_definition" \
                else None
            method = lw.text(fn_name) if fn_name is not None else ""
            if method == "__init__" and init is None:
                init = st
                continue
            if method in ("__str__", "__repr__") and method not in (
                    lw.text(m.child_by_field_name("name") or m) for m in methods):
                methods.append(st)
                continue
            self.refuse(st, f"`{lw.text(st).splitlines()[0]}` in an exception class",
                        "an exception class body holds a docstring, `pass`, `...`, an "
                        "`__init__` storing fields, `__str__` and `__repr__`; write other "
                        "code as functions")
            return
        base = lw.text(bases[0])
        inherited = mod.exception(base)
        state = inherited.state if inherited is not None else None
        from_call = inherited.from_call if inherited is not None else False
        if init is not None or methods:
            if init is None and state is None:
                self.refuse(methods[0], "`__str__` or `__repr__` in an exception class without "
                                        "`__init__`",
                            "give the class an `__init__` that calls `super().__init__(...)` "
                            "with the arguments `args` should hold")
                return
            made = self.exception_state(name, base, state, from_call, init, methods, mod)
            if made is None:
                return
            state, from_call = name, made
        mod.exceptions.append(ir.ExceptionDef(name, base, doc, lw.span(node), state, from_call))

    def exception_state(self, name: str, base: str, base_state: str | None, base_from_call: bool,
                        init: Node | None, methods: list[Node], mod: ir.Module) -> bool | None:
        """An exception class's `__init__` storing fields, and its `__str__`/`__repr__`: the
        class becomes an object class (deriving from the base's, if it has one), whose
        object the exception carries (docs/architecture.md, "Exception classes"). The
        builtin class's `super().__init__(...)` becomes assignments of the message and the
        args' reprs; an `__init__` that never reaches it takes both from its own parameters
        (CPython's args are then the constructor call's). None when refused, else whether
        the args are the call's."""
        lw = self.lw
        self.lineage = {name} | ({base_state} if base_state else set())
        body = _ClassBody()
        for node in ([init] if init is not None else []) + methods:
            self.method(name, node, None, body)
        if len(body.methods) != (init is not None) + len(methods):
            return None
        fns = list(body.methods)
        from_call = base_from_call
        under_key = mod.builtin_base(base) == "KeyError"
        if init is not None:
            fn = fns[0]
            supers = [i for i, st in enumerate(fn.body) if isinstance(st, ir.ExprStmt)
                      and _is_super_init(st.value)]
            nested = [n for st in fn.body for n in ir.walk(st) if isinstance(n, ir.Call)
                      and _is_super_init(n)]
            if not nested and base_state is None or nested and base_from_call:
                if len(supers) != len(nested):
                    self.refuse(init, "an exception `__init__` calling `super().__init__` "
                                      "inside `if` or a loop",
                                "call `super().__init__(...)` once, in the body of `__init__`")
                    return None
                made = self.args_from_call(fn, init, under_key)
                if made is None:
                    return None
                fn, from_call = made, True
            elif len(supers) != 1 or len(nested) != 1:
                self.refuse(init, "an exception `__init__` without exactly one "
                                  "`super().__init__(...)` statement",
                            "call `super().__init__(message)` once, in the body of `__init__` "
                            "(not inside `if` or a loop): it gives the exception its message")
                return None
            elif base_state is None:
                at = supers[0]
                stmt = fn.body[at]
                assert isinstance(stmt, ir.ExprStmt) and isinstance(stmt.value, ir.Call)
                call = stmt.value
                if call.keywords:
                    self.refuse(init, "keyword arguments to `super().__init__`",
                                "pass the message by position")
                    return None
                bind, store = _exception_args(fn.params[0].name, call.args, under_key,
                                              call.span)
                fn = dataclasses.replace(fn, body=(*fn.body[:at], *bind, *store,
                                                   *fn.body[at + 1:]))
                from_call = False
            fns[0] = fn
        mod.functions.extend(fns)
        # `e.args` holds any values: a field of the family's root class, typed `Any`
        args = () if base_state else (ir.FieldDef(EXC_ARGS_FIELD, DYN, None, None, lw.span(
            init or methods[0])),)
        mod.classes.append(ir.ClassDef(name, "class", base_state, args, (), tuple(
            f.name.split(".", 1)[1] for f in fns), None, lw.span(init or methods[0])))
        return from_call

    def args_from_call(self, fn: ir.Function, init: Node, under_key: bool
                       ) -> ir.Function | None:
        """An exception `__init__` that does not reach the builtin class's: CPython's args
        are the constructor call's positional arguments, that is these parameters as the
        call gave them (refused with defaults, `*args` or keyword-only parameters, which
        make them differ). The outermost `__init__` ends last, so its message stays."""
        params = fn.params[1:]
        odd = next((p for p in params if p.default is not None or p.kind not in ("", "posonly")),
                   None)
        if odd is not None:
            self.refuse(init, f"the parameter `{odd.name}` of an exception `__init__` that does "
                              "not call the builtin class's `__init__`",
                        "CPython's message is then made of the arguments the call passed: "
                        "give every parameter no default, or call `super().__init__(...)`")
            return None
        if any(isinstance(n, ir.Return) for st in fn.body for n in ir.walk(st)):
            self.refuse(init, "`return` in an exception `__init__` that does not call the "
                              "builtin class's `__init__`", "let the body run to its end")
            return None
        sp = fn.span
        bind, store = _exception_args(fn.params[0].name, tuple(
            ir.Name(p.name, p.span) for p in params), under_key, sp)
        return dataclasses.replace(fn, body=(*bind, *fn.body, *store))

    def body(self, cls: str, kind: str, body_node: Node, mod: ir.Module) -> _ClassBody:
        lw = self.lw
        out = _ClassBody()
        stmts = lw.named_children(body_node)
        if stmts and stmts[0].type == "expression_statement" and lw._is_docstring(stmts[0]):
            out.doc = lw._string_value(stmts[0].named_children[0])
            stmts = stmts[1:]
        auto = 0
        for st in stmts:
            t = st.type
            if t == "pass_statement":
                continue
            if t == "function_definition":
                self.method(cls, st, None, out)
                continue
            if t == "decorated_definition":
                inner = st.child_by_field_name("definition")
                decos = [c for c in st.named_children if c.type == "decorator"]
                if inner is None or inner.type != "function_definition":
                    self.refuse(st, "a nested class", "define classes at module level")
                    continue
                self.method(cls, inner, decos, out)
                continue
            if t == "class_definition":
                self.refuse(st, "a nested class", "define classes at module level")
                continue
            if t == "expression_statement":
                kids = lw.named_children(st)
                if len(kids) == 1 and kids[0].type == "assignment":
                    auto = self.class_assignment(cls, kind, kids[0], out, auto)
                    continue
                if len(kids) == 1 and kids[0].type == "string":
                    continue
                if len(kids) == 1 and kids[0].type == "ellipsis":
                    continue
            self.refuse(st, f"`{lw.text(st).splitlines()[0]}` in a class body",
                        "a class body holds fields (`x: int`), constants (`X = 1`) and methods")
        return out

    def class_assignment(self, cls: str, kind: str, a: Node, out: _ClassBody, auto: int) -> int:
        lw = self.lw
        left = a.child_by_field_name("left")
        right = a.child_by_field_name("right")
        ann_node = a.child_by_field_name("type")
        assert left is not None
        name = lw.text(left)
        if left.type != "identifier" or (right is not None and right.type == "assignment"):
            self.refuse(a, "this class-level assignment", "assign one name: `NAME = value`")
            return auto
        if name == "__slots__":
            out.slots = self.slots(kind, a, right)
            return auto
        if name.startswith("__") and name.endswith("__"):
            self.refuse(a, f"the class attribute `{name}`", "remove it")
            return auto
        sp = lw.span(a)
        if kind in ir.ENUM_KINDS:
            if ann_node is not None or right is None:
                self.refuse(a, "an annotated enum member", "write `NAME = value`")
                return auto
            value = lw.lower_expr(right)
            is_auto = isinstance(value, ir.Call) and isinstance(value.func, ir.Name) and \
                value.func.id == "auto" and not value.args
            str_kind = kind in ("strenum", "strmixin")
            if is_auto and kind == "strenum":
                value = ir.Const(name.lower(), sp)  # StrEnum's auto(): the name, lowercased
            elif is_auto and not str_kind:
                auto += 1
                value = ir.Const(auto, sp)
            elif isinstance(value, ir.Const) and isinstance(value.value, int) and \
                    not isinstance(value.value, bool) and not str_kind:
                auto = value.value
            elif not (isinstance(value, ir.Const) and isinstance(value.value, str)
                      and kind in ("enum", "strenum", "strmixin")):
                self.refuse(right, "this enum value",
                            "a str enum's members are str literals (auto() in a StrEnum); "
                            "another enum's int or str literals, or auto()" if str_kind else
                            "enum members are int or str literals, or auto()")
                return auto
            out.consts.append(ir.Constant(name, value, None, sp))
            return auto
        ann = lw.lower_annotation(ann_node) if ann_node is not None else None
        if ann_node is not None and lw.text(ann_node).startswith("ClassVar"):
            ann = None
        is_field = ann_node is not None and not lw.text(ann_node).startswith("ClassVar") and (
            kind in ("dataclass", "namedtuple") or right is None)
        if is_field:
            default: ir.Expr | None = None
            default_text = None
            factory = None
            flags = {"init": True, "repr": True, "compare": True}
            if right is not None:
                default_text = lw.text(right)
                if right.type == "call" and lw.text(right.child_by_field_name("function")  # type: ignore[arg-type]
                                                    ) in ("field", "dataclasses.field"):
                    args = right.child_by_field_name("arguments")
                    default_text = None
                    for arg in lw.named_children(args) if args is not None else []:
                        kw = arg.child_by_field_name("name")
                        val = arg.child_by_field_name("value")
                        key = lw.text(kw) if kw is not None else ""
                        if arg.type != "keyword_argument" or val is None:
                            self.refuse(arg, "this `field()` argument", "use keywords")
                        elif key == "default_factory":
                            factory = lw.text(val)
                            if val.type == "lambda" and val.child_by_field_name(
                                    "parameters") is None:
                                # `default_factory=lambda: ["<s>", "</s>"]`: called for each
                                # instance, as the generated `__init__` calls any factory
                                factory = f"({factory})"
                            elif factory not in ("list", "dict", "set") and not \
                                    factory.isidentifier():
                                self.refuse(val, f"default_factory={factory}",
                                            "name list, dict, set, a class or a lambda "
                                            "without parameters")
                        elif key == "default":
                            default_text = lw.text(val)
                            default = lw.lower_expr(val)
                        elif key in flags and val.type in ("true", "false"):
                            flags[key] = val.type == "true"
                        else:
                            self.refuse(arg, f"`field({lw.text(arg)})`",
                                        "pycomp compiles field(default=, default_factory=, "
                                        "init=, repr=, compare=)")
                else:
                    default = lw.lower_expr(right)
            out.fields.append(_Field(name, lw.text(ann_node) if ann_node else "", ann,  # type: ignore[arg-type]
                                     default_text, default, factory, sp, flags["init"],
                                     flags["repr"], flags["compare"]))
            return auto
        if right is None:
            self.refuse(a, "a declaration without a value", "assign a value")
            return auto
        out.consts.append(ir.Constant(name, lw.lower_expr(right), ann, sp))
        return auto

    # ------------------------------------------------------------ methods

    def method(self, cls: str, node: Node, decorators: list[Node] | None, out: _ClassBody
               ) -> None:
        lw = self.lw
        name_node = node.child_by_field_name("name")
        assert name_node is not None
        name = lw.text(name_node)
        if name in REFUSED_METHODS:
            self.refuse(name_node, f"`{name}`", REFUSED_METHODS[name] + "; declare the "
                        "attributes the class has and write ordinary methods")
            return
        decorator: str | None = None
        abstract = False
        for d in decorators or []:
            text = lw.text(lw.named_children(d)[0])
            if text in ("abstractmethod", "abc.abstractmethod"):
                # the concrete classes define it; this one runs only through super()
                out.abstract.append(name)
                abstract = True
                continue
            if text in ("staticmethod", "classmethod", "property"):
                decorator = text
            elif text.endswith(".setter") and text.split(".")[0] == name:
                decorator = "setter"
            else:
                self.refuse(d, f"the method decorator `@{text}`",
                            "pycomp compiles @staticmethod, @classmethod, @property, "
                            "@NAME.setter and @abstractmethod on methods")
                return
        body_node = node.child_by_field_name("body")
        params_node = node.child_by_field_name("parameters")
        if abstract and body_node is not None and params_node is not None and all(
                st.type == "pass_statement" or (st.type == "expression_statement" and all(
                    k.type in ("ellipsis", "string") for k in lw.named_children(st)))
                for st in lw.named_children(body_node)):
            # `...`, `pass` or a docstring: CPython would return None from it, which the
            # declared result type does not allow; no object of a class without an
            # implementation exists, so only `super().m()` reaches it
            sp = lw.span(node)
            ret_node = node.child_by_field_name("return_type")
            fn: ir.Function | None = ir.Function(
                name, tuple(lw.lower_params(params_node)),
                lw.lower_annotation(ret_node) if ret_node is not None else None,
                (ir.Raise("NotImplementedError", ir.Const(
                    f"abstract method {cls}.{name} called through super()", sp), sp),),
                None, sp, False, lw.span(name_node))
        elif name == "__exit__":
            if not self.exit_reads(node):
                return
            lw.exit_method = True
            try:
                fn = lw.lower_function(node)
            finally:
                lw.exit_method = False
        else:
            fn = lw.lower_function(node)
        if fn is None:
            return
        fn = _class_defaults(fn, out.consts)
        if lw.lifted:
            self.refuse(node, "a nested function inside a method",
                        "define it at module level (pycomp.nested lifts nested functions of "
                        "module functions only)")
            return
        if name in COMPARISONS:
            fn = self.object_other(cls, node, fn, out)
            if fn is None:
                return
        params = list(fn.params)
        if decorator != "staticmethod":
            if not params:
                self.refuse(node, "a method without `self`", "add `self` (or use "
                                                             "@staticmethod)")
                return
            first = params.pop(0)
            if decorator != "classmethod":
                params.insert(0, ir.Param(first.name, ClassT(cls, self.is_enum(cls)), None,
                                          first.span))
            else:
                # `cls` names the class itself inside the body
                decorator = f"classmethod:{first.name}"
        qual = f"{cls}.{name}" if decorator != "setter" else f"{cls}.{name}.setter"
        returns = fn.returns
        if returns is None and name == "__init__":
            from pycomp.types import NONE

            returns = NONE
        out.methods.append(ir.Function(qual, tuple(params), returns, fn.body, fn.doc, fn.span,
                                       False, fn.name_span, is_generator=fn.is_generator,
                                       owner=cls, decorator=decorator))

    def exit_reads(self, node: Node) -> bool:
        """Whether `__exit__` leaves unread what compiled code cannot give it (else E100):
        its traceback (the third parameter; compiled code has no traceback objects), or
        all of `*args`. `exc_type` and `exc` are the exception's class and the exception
        (Lowerer.exit_params)."""
        lw = self.lw
        params_node = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        names: list[str] = []
        for p in (params_node.named_children if params_node is not None else [])[1:]:
            ident = p if p.type == "identifier" else p.named_children[0] if \
                p.named_children else p
            star = ident.type == "list_splat_pattern"
            while ident.type != "identifier" and ident.named_children:
                ident = ident.named_children[0]
            names.append(("*" if star else "") + lw.text(ident))
        unread = names[2:3] if len(names) == 3 and not any(n.startswith("*") for n in names) \
            else [n.lstrip("*") for n in names]
        stack = [body] if body is not None else []
        while stack:
            n = stack.pop()
            if n.type == "identifier" and lw.text(n) in unread:
                if len(unread) == 1 and unread == names[2:3]:
                    self.refuse(n, "an `__exit__` reading the traceback it is given",
                                "compiled code has no traceback objects; `__exit__` may read "
                                "the exception's class and the exception (its first two "
                                "parameters)")
                else:
                    self.refuse(n, "an `__exit__` reading these parameters",
                                "name them: `def __exit__(self, exc_type: type[BaseException] "
                                "| None, exc: BaseException | None, tb: TracebackType | "
                                "None)`, and read `exc_type` and `exc`")
                return False
            stack.extend(n.children)
        return True

    def object_other(self, cls: str, node: Node, fn: ir.Function, out: _ClassBody
                     ) -> ir.Function | None:
        """A comparison `def __eq__(self, other: object)` guarded by `isinstance(other,
        C)` and `return NotImplemented`, the form mypy accepts: `other` is typed as the
        class and the guard dropped, the method recorded as `declining`; infer decides
        a comparison with a value of another type without calling it (identity, as
        CPython falls back to). Any other use of `object` or NotImplemented is refused."""
        params_node = node.child_by_field_name("parameters")
        ps = self.lw.named_children(params_node) if params_node is not None else []
        ann = ps[1].child_by_field_name("type") if len(ps) > 1 else None
        if ann is None or self.lw.text(ann) != "object" or len(fn.params) != 2:
            return fn
        other = fn.params[1].name
        known = self.lineage or {cls}

        def guard(test: ir.Expr) -> bool:
            return isinstance(test, ir.Call) and isinstance(test.func, ir.Name) and \
                test.func.id == "isinstance" and not test.keywords and len(test.args) == 2 \
                and isinstance(test.args[0], ir.Name) and test.args[0].id == other \
                and isinstance(test.args[1], ir.Name) and test.args[1].id in known

        def not_implemented(stmts: tuple[ir.Stmt, ...]) -> bool:
            return len(stmts) == 1 and isinstance(stmts[0], ir.Return) and isinstance(
                stmts[0].value, ir.Name) and stmts[0].value.id == "NotImplemented"

        body = fn.body
        first = body[0] if body else None
        rest = body[1:]
        if isinstance(first, ir.If) and not first.orelse and isinstance(
                first.test, ir.UnaryOp) and first.test.op == "not" and guard(
                first.test.operand) and not_implemented(first.body):
            body = rest  # if not isinstance(other, C): return NotImplemented
            test = first.test.operand
        elif isinstance(first, ir.If) and guard(first.test) and (
                not first.orelse and not_implemented(rest)
                or not rest and not_implemented(first.orelse)):
            body = first.body  # if isinstance(other, C): ... / return NotImplemented
            test = first.test
        elif fn.name == "__eq__" and not rest and isinstance(first, ir.Return) and isinstance(
                first.value, ir.BoolOp) and first.value.op == "and" and guard(
                first.value.values[0]):
            # `return isinstance(other, C) and ...`: False (not NotImplemented) for another
            # class, so no reflected `__eq__` is asked (infer_classes.compared)
            test, more = first.value.values[0], first.value.values[1:]
            value = more[0] if len(more) == 1 else ir.BoolOp("and", more, first.value.span)
            body = (ir.Return(value, first.span),)
            out.false_others.append(fn.name)
        else:
            self.refuse(ps[1], f"`{fn.name}` taking `{other}: object` without the "
                              f"`isinstance({other}, {cls})` guard",
                        f"begin with `if not isinstance({other}, {cls}): return "
                        f"NotImplemented`, or annotate `{other}: {cls}`")
            return None
        if any(isinstance(n, ir.Name) and n.id == "NotImplemented" for n in _nodes(body)):
            self.refuse(ps[1], "`NotImplemented` outside the `isinstance` guard",
                        f"return NotImplemented only when `{other}` is not a `{cls}`")
            return None
        out.declining.append(fn.name)
        assert isinstance(test, ir.Call) and isinstance(test.args[1], ir.Name)  # guard()
        guarded = test.args[1].id
        out.guards.append((fn.name, guarded))
        # `other` is an instance of the guard's class (a base of `cls`, or `cls`)
        params = (fn.params[0], ir.Param(other, ClassT(guarded, False), None, fn.params[1].span,
                                         fn.params[1].annotation_span))
        return ir.Function(fn.name, params, fn.returns, body, fn.doc, fn.span, fn.is_entry,
                           fn.name_span, is_generator=fn.is_generator)

    def is_enum(self, cls: str) -> bool:
        return self.lw.class_enums.get(cls, False)

    # --------------------------------------------- generated methods

    def generated(self, cls: str, source: str, at: Node, out: _ClassBody) -> None:
        """Lower methods written as Python source; spans point at the class header."""
        from pycomp.parse import SourceFile, _parser

        names = {f.name.split(".", 1)[1] for f in out.methods}
        text = f"class {cls}:\n" + source
        data = text.encode()
        tree = _parser().parse(data)
        sub = SourceFile(self.lw.src.path, text, data, tree)
        from pycomp.lower import Lowerer

        inner = Lowerer(sub, self.sink, self.lw.module_name)
        inner.class_enums = self.lw.class_enums
        inner.exception_classes = self.lw.exception_classes
        inner.typed_dicts = self.lw.typed_dicts
        outer = at
        inner.span = lambda node: self.lw.span(outer)  # type: ignore[method-assign]
        body = tree.root_node.named_children[0].child_by_field_name("body")
        assert body is not None
        tmp = _ClassBody()
        for st in inner.named_children(body):
            fname = st.child_by_field_name("name")
            if fname is not None and inner.text(fname) in names:
                continue  # the class defines it itself
            ClassLowerer(inner).method(cls, st, None, tmp)
        out.methods.extend(tmp.methods)
        # CPython's generated comparisons return NotImplemented for another class
        out.declining.extend(f.name.split(".", 1)[1] for f in tmp.methods
                             if f.name.split(".", 1)[1] in COMPARISONS)

    def all_fields(self, base: str | None, mod: ir.Module) -> list[_Field]:
        """The fields a dataclass inherits: those of its nearest dataclass ancestor (its
        own and inherited ones already), as CPython collects `__dataclass_fields__`."""
        while base is not None:
            if base in self.lw.class_fields:
                return list(self.lw.class_fields[base])
            parent = mod.cls(base)
            if parent is None:
                break
            base = parent.base
        return []

    def dataclass_methods(self, cls: str, body: _ClassBody, base: str | None, mod: ir.Module,
                          node: Node, frozen: bool, order: bool, eq: bool) -> None:
        # a field declared again keeps its inherited place (CPython's order)
        own = {f.name: f for f in body.fields}
        fields = [own.pop(f.name, f) for f in self.all_fields(base, mod)] + list(own.values())
        self.lw.class_fields[cls] = fields
        seen_default = False
        for f in fields:
            if f.default_text is not None or f.factory is not None:
                seen_default = True
            elif seen_default and f.init:
                self.sink.error("E100", f"non-default field `{f.name}` follows a field with "
                                        "a default", f.span,
                                help="CPython raises TypeError here; move the field up")
        src = self.init_source(cls, fields, body)
        src += self.repr_source(cls, fields)
        cmp = [f for f in fields if f.compare]
        if eq:
            src += self.eq_source(cls, cmp, "__eq__")
        if eq and frozen:
            src += self.hash_source(cmp)
        if order:
            for op, name in (("<", "__lt__"), ("<=", "__le__"), (">", "__gt__"),
                             (">=", "__ge__")):
                src += self.order_source(cls, cmp, op, name)
        for kind in ("dict", "tuple"):  # `dataclasses.asdict` / `astuple` calls
            if kind in self.lw.as_calls.values():
                src += self.deep_source(cls, fields, kind)
        for names in self.lw.replace_calls():  # the module's `dataclasses.replace` calls
            src += self.replace_source(cls, fields, names)
        self.generated(cls, src, node, body)

    def init_source(self, cls: str, fields: list[_Field], body: _ClassBody) -> str:
        params = []
        lines = []
        for f in fields:
            if not f.init:
                if f.factory is not None:
                    lines.append(f"        self.{f.name} = {f.factory}()")
                elif f.default_text is not None:
                    lines.append(f"        self.{f.name} = {f.default_text}")
                continue
            if f.factory is not None:
                params.append(f"{f.name}: {_optional_text(f)} = None")
                lines.append(f"        self.{f.name} = {f.factory}() if {f.name} is None "
                             f"else {f.name}")
            elif f.default_text is not None:
                params.append(f"{f.name}: {f.ann_text} = {f.default_text}")
                lines.append(f"        self.{f.name} = {f.name}")
            else:
                params.append(f"{f.name}: {f.ann_text}")
                lines.append(f"        self.{f.name} = {f.name}")
        if any(m.name.endswith(".__post_init__") for m in body.methods):
            lines.append("        self.__post_init__()")
        if not lines:
            lines.append("        pass")
        sig = ", ".join(["self", *params])
        return f"    def __init__({sig}) -> None:\n" + "\n".join(lines) + "\n"

    def repr_source(self, cls: str, fields: list[_Field]) -> str:
        parts = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
        return f"    def __repr__(self) -> str:\n        return f\"{cls}({parts})\"\n"

    def hash_source(self, fields: list[_Field]) -> str:
        """`__hash__` as CPython generates it for a frozen dataclass or a NamedTuple: the
        hash of the tuple of the fields. Left out where a field is not hashable (CPython
        raises TypeError on the call; compiled code refuses `hash()` then)."""
        if not all(f.ann is not None and _hashable_field(f.ann) for f in fields):
            return ""
        items = "".join(f"self.{f.name}, " for f in fields)
        return f"    def __hash__(self) -> int:\n        return hash(({items}))\n"

    def eq_source(self, cls: str, fields: list[_Field], name: str) -> str:
        if not fields:
            test = "True"
        else:
            test = " and ".join(f"self.{f.name} == other.{f.name}" for f in fields)
        return f"    def {name}(self, other: {cls}) -> bool:\n        return {test}\n"

    def order_source(self, cls: str, fields: list[_Field], op: str, name: str) -> str:
        # tuple comparison: the first unequal pair decides, else the lengths (equal here)
        lines = [f"    def {name}(self, other: {cls}) -> bool:"]
        for f in fields:
            lines.append(f"        if self.{f.name} != other.{f.name}:")
            inner = _SCALAR_NAMES.get(type(f.ann.item)) if isinstance(f.ann, OptionalT) else None
            if inner is not None:
                # a field that may be None: CPython raises TypeError once the first unequal
                # pair holds None (`Hit("a") < Hit("a")` is False: no pair differs)
                for a, b, who in ((f"self.{f.name}", f"other.{f.name}", ("NoneType", inner)),
                                  (f"other.{f.name}", f"self.{f.name}", (inner, "NoneType"))):
                    lines.append(f"            if {a} is None:")
                    lines.append(f"                raise TypeError(\"'{op}' not supported between "
                                 f"instances of '{who[0]}' and '{who[1]}'\")")
            lines.append(f"            return self.{f.name} {op} other.{f.name}")
        lines.append(f"        return {'True' if op in ('<=', '>=') else 'False'}")
        return "\n".join(lines) + "\n"

    def namedtuple_methods(self, cls: str, body: _ClassBody, node: Node) -> None:
        fields = body.fields
        self.lw.class_fields[cls] = fields
        for f in fields:
            if f.factory is not None:
                self.sink.error("E100", "`field()` in a NamedTuple", f.span,
                                help="give a literal default")
        src = self.init_source(cls, fields, _ClassBody())
        src += self.repr_source(cls, fields)
        src += self.eq_source(cls, fields, "__eq__")
        src += self.hash_source(fields)
        for op, name in (("<", "__lt__"), ("<=", "__le__"), (">", "__gt__"), (">=", "__ge__")):
            src += self.order_source(cls, fields, op, name)
        src += f"    def __len__(self) -> int:\n        return {len(fields)}\n"
        replace_params = ", ".join(f"{f.name}: {_optional_text(f)} = None" for f in fields)
        replace_args = ", ".join(f"self.{f.name} if {f.name} is None else {f.name}"
                                 for f in fields)
        src += (f"    def _replace(self, {replace_params}) -> {cls}:\n"
                f"        return {cls}({replace_args})\n")
        src += self.asdict_source(cls, fields)
        items = ", ".join(f"self.{f.name}" for f in fields) + ("," if len(fields) == 1 else "")
        anns = ", ".join(f.ann_text for f in fields)
        src += (f"    def _pc_astuple(self) -> tuple[{anns}]:\n"
                f"        return ({items})\n")
        self.generated(cls, src, node, body)

    def replace_source(self, cls: str, fields: list[_Field], names: tuple[str, ...]) -> str:
        """`dataclasses.replace(obj, **names)` as CPython 3.11 runs it: ValueError for a
        field declared `init=False` (in field order), then the class called with the
        changes and the other init fields' values, so `__init__` raises TypeError for a
        name that is not a parameter and `__post_init__` runs again."""
        from pycomp.lower import replace_method

        by_name = {f.name: f for f in fields}
        params = ", ".join(f"{n}: {by_name[n].ann_text if n in by_name else 'Any'}"
                           for n in names)
        head = f"    def {replace_method(names)}(self, {params}) -> {cls}:\n"
        for f in fields:
            if not f.init and f.name in names:
                msg = (f"field {f.name} is declared with init=False, it cannot be "
                       "specified with replace()")
                return head + f"        raise ValueError({msg!r})\n"
        for n in names:
            if n not in by_name:
                msg = f"{cls}.__init__() got an unexpected keyword argument {n!r}"
                return head + f"        raise TypeError({msg!r})\n"
        args = ", ".join(f"{f.name}={f.name if f.name in names else 'self.' + f.name}"
                         for f in fields if f.init)
        return head + f"        return {cls}({args})\n"

    def asdict_source(self, cls: str, fields: list[_Field]) -> str:
        # a NamedTuple's `_asdict`: a dict holds one value type, the fields' one type, or
        # dynamic values when the fields hold plain values of several types (`word: str`,
        # `score: float`)
        anns = {f.ann_text for f in fields}
        if len(anns) == 1:
            (ann,) = anns
        elif all(f.ann is not None and plain_value(f.ann) for f in fields):
            ann = "Any"
        else:
            return ""
        items = ", ".join(f"{f.name!r}: self.{f.name}" for f in fields)
        return f"    def _asdict(self) -> dict[str, {ann}]:\n        return {{{items}}}\n"

    def deep_source(self, cls: str, fields: list[_Field], kind: str) -> str:
        """`dataclasses.asdict(obj)` / `astuple(obj)` as CPython recurses: a nested
        dataclass (of this module, defined above or this class) becomes its own dict or
        tuple, inside lists, dicts, tuples and optionals too; the rest is copied, as a
        dynamic value holds a copy. No method (E100 at the call) for a field holding
        another class."""
        # an optional tuple is read into a local first (a test of a local narrows it
        # across the calls of the nested classes' methods; a field's test ends at one)
        locals_ = [f"_pc_{f.name}" if isinstance(f.ann, OptionalT) and isinstance(
            f.ann.item, TupleT) and not plain_value(f.ann) else f"self.{f.name}"
            for f in fields]
        values = [_deep_value(f.ann, x, kind, self.lw.deep_classes[kind] | {cls}, 0)
                  if f.ann is not None else None for f, x in zip(fields, locals_)]
        if any(v is None for v in values):
            return ""
        self.lw.deep_classes[kind].add(cls)
        head = "".join(f"        {x} = self.{f.name}\n" for f, x in zip(fields, locals_)
                       if not x.startswith("self."))
        if kind == "dict":
            items = ", ".join(f"{f.name!r}: {v}" for f, v in zip(fields, values))
            return f"    def _pc_asdict(self) -> dict[str, Any]:\n{head}" \
                   f"        return {{{items}}}\n"
        items = "".join(f"{v}, " for v in values)
        return f"    def _pc_astuple_deep(self) -> Any:\n{head}        return ({items})\n"


def _deep_value(t: Type, x: str, kind: str, classes: set[str], depth: int) -> str | None:
    """The source of `x` (of type `t`) as `dataclasses.asdict`/`astuple` (`kind`) gives
    it, or None where a dynamic value cannot hold it."""
    if plain_value(t):
        return x
    v = f"_pc_v{depth}"
    match t:
        case ClassT(name=name, enum=False) if name in classes:
            return f"{x}._pc_asdict()" if kind == "dict" else f"{x}._pc_astuple_deep()"
        case ListT(item):
            inner = _deep_value(item, v, kind, classes, depth + 1)
            return None if inner is None else f"[{inner} for {v} in {x}]"
        case VarTupleT(item):
            inner = _deep_value(item, v, kind, classes, depth + 1)
            return None if inner is None else f"tuple({inner} for {v} in {x})"
        case DictT(key, value) if plain_value(key):
            inner = _deep_value(value, v, kind, classes, depth + 1)
            k = f"_pc_k{depth}"
            return None if inner is None else f"{{{k}: {inner} for {k}, {v} in {x}.items()}}"
        case OptionalT(item) if x.removeprefix("self.").isidentifier():  # tested, read
            inner = _deep_value(item, x, kind, classes, depth + 1)
            return None if inner is None else f"(None if {x} is None else {inner})"
        case TupleT(items):
            parts = [_deep_value(it, f"{x}[{i}]", kind, classes, depth + 1)
                     for i, it in enumerate(items)]
            return None if any(p is None for p in parts) else \
                "(" + "".join(f"{p}, " for p in parts) + ")"
    return None


def _optional_text(f: _Field) -> str:
    if isinstance(f.ann, OptionalT):
        return f.ann_text
    return f"{f.ann_text} | None"


def _nodes(node: object) -> list[object]:
    """Every IR node under `node` (statements and expressions)."""
    import dataclasses

    out: list[object] = []
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, (tuple, list)):
            stack.extend(x)
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            out.append(x)
            stack.extend(getattr(x, f.name) for f in dataclasses.fields(x)
                         if f.name not in ("ty", "span"))
    return out


def _hashable_field(t: Type) -> bool:
    """A field type whose hash is known without the class's own checks: no instance of
    a (non-enum) class inside, whose hashability infer decides later."""
    from pycomp.emit_classes import field_hashable

    match t:
        case ClassT(enum=enum):
            return enum
        case TupleT(items):
            return all(_hashable_field(i) for i in items)
        case OptionalT(item):
            return _hashable_field(item)
    return field_hashable(t)
