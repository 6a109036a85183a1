"""infer, for classes: the class table, and typing of attribute access, construction,
method calls and the dunder methods Python calls behind operators and builtins.

`ClassTable` is built once per module from the `ir.ClassDef`s: each class's
fields (with types from annotations, or inference variables fixed by the
values `__init__` assigns), its method resolution order and, for every method
a class has, the module function that implements it for that class. Methods a
subclass inherits are compiled once per class (`Derived.Base.m` is `Base.m`
with `self` a `Derived`), so every call is static.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.lower_classes import COMPARISONS
from pycomp.openarrays import open_dtypes
from pycomp.types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    ClassRefT,
    ClassShape,
    ClassT,
    DequeT,
    DictT,
    EnumShape,
    GenT,
    IterT,
    ListT,
    NoneT,
    OptionalT,
    RecordFields,
    SetT,
    TupleT,
    TVar,
    Type,
    has_tvars,
)

if TYPE_CHECKING:
    from pycomp.infer import FunctionInferrer

# Operators and the dunder methods Python calls for them (left operand's class).
BINOP_DUNDERS = {
    "+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "//": "__floordiv__",
    "%": "__mod__", "**": "__pow__", "@": "__matmul__", "&": "__and__", "|": "__or__",
    "^": "__xor__", "<<": "__lshift__", ">>": "__rshift__",
}
COMPARE_DUNDERS = {"==": "__eq__", "!=": "__ne__", "<": "__lt__", "<=": "__le__",
                   ">": "__gt__", ">=": "__ge__"}
REFLECTED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
BUILTIN_DUNDERS = {"len": "__len__", "hash": "__hash__", "abs": "__abs__"}


def method_key(cls: str, definer: str, name: str) -> str:
    return f"{cls}.{name}" if cls == definer else f"{cls}.{definer}.{name}"


@dataclass
class ClassInfo:
    d: ir.ClassDef
    mro: list[str]
    fields: dict[str, Type] = field(default_factory=dict)
    field_spans: dict[str, Span] = field(default_factory=dict)
    consts: dict[str, str] = field(default_factory=dict)  # NAME -> module constant key
    members: list[tuple[str, int | str]] = field(default_factory=list)  # enums
    methods: dict[str, str] = field(default_factory=dict)  # name -> function key
    props: dict[str, str] = field(default_factory=dict)
    setters: dict[str, str] = field(default_factory=dict)
    # methods a subclass overrides: name -> the function dispatching on the object's class
    virtual: dict[str, str] = field(default_factory=dict)
    # overridden methods no dispatcher serves (comparisons): name -> why
    undispatched: dict[str, str] = field(default_factory=dict)
    # a family's root: the operator -> the function comparing two objects of the family
    # (CPython's protocol; `comparer`), or why it cannot be compiled
    comparers: dict[str, str] = field(default_factory=dict)
    uncomparable: dict[str, str] = field(default_factory=dict)
    abstract_left: list[str] = field(default_factory=list)  # unimplemented abstract methods
    abstract_new: str | None = None  # the function raising CPython's TypeError

    @property
    def name(self) -> str:
        return self.d.name

    @property
    def is_enum(self) -> bool:
        return self.d.is_enum

    @property
    def immutable(self) -> bool:
        return self.d.frozen or self.d.kind == "namedtuple"

    @property
    def abstract(self) -> bool:
        """CPython refuses to instantiate it: an abstract method is left unimplemented."""
        return bool(self.abstract_left)

    def type(self) -> ClassT:
        return ClassT(self.name, self.is_enum)


class ClassTable:
    def __init__(self, mod: ir.Module, sink: DiagnosticSink, fresh: Callable[[], TVar]):
        self.mod = mod
        self.sink = sink
        self.classes: dict[str, ClassInfo] = {}
        self.fresh = fresh  # Subst.fresh
        for c in mod.classes:
            mro = [c.name]
            base = c.base
            while base is not None and base in {x.name for x in mod.classes}:
                mro.append(base)
                base = mod.cls(base).base  # type: ignore[union-attr]
            self.classes[c.name] = ClassInfo(c, mro)

    def records(self, resolve: object = None) -> RecordFields:
        """The fields of every class that can cross the ABI as a record (`resolve`, when
        given, replaces inference variables)."""
        out: RecordFields = {}
        for info in self.classes.values():
            if info.is_enum:
                out[info.name] = EnumShape(tuple(info.d.members()), info.d.kind)
                continue
            out[info.name] = ClassShape(
                [(n, resolve(t) if resolve else t)  # type: ignore[operator]
                 for n, t in info.fields.items()],
                info.mro[1] if len(info.mro) > 1 else None)
        return out

    def unhashable(self, t: Type, resolve: object) -> str | None:
        """Why instances of `t`'s class cannot be dict keys (CPython sets `__hash__` to None
        when a class defines `__eq__` without `__hash__`), or None."""
        from pycomp.emit_classes import field_hashable

        match t:
            case TupleT(items):
                for i in items:
                    why = self.unhashable(i, resolve)
                    if why:
                        return why
                return None
            case OptionalT(item):
                return self.unhashable(item, resolve)
        info = self.of(t)
        if info is None or info.is_enum:
            return None
        if self.lookup_method(info, "__hash__") is not None:
            return None
        if self.lookup_method(info, "__eq__") is None:
            return None  # identity hash
        if not info.immutable:
            return f"`{info.name}` defines `__eq__` and no `__hash__`"
        for name, ft in info.fields.items():
            rt = resolve(ft)  # type: ignore[operator]
            if not field_hashable(rt):
                return f"field `{name}` is a `{rt}`"
        return None

    def compare_fault(self, t: Type, ops: tuple[str, ...]) -> tuple[str, str] | None:
        """Why the runtime's generic code (`sorted`, `in`, `list.index`, `==` of lists, dict
        keys) cannot compare two values of type `t` with one of `ops` as CPython does: a
        class inside `t` that subclasses extend, in a family whose comparer is refused
        (`comparer`; its Rust trait impls compare two objects of one class only). The
        family's root and the reason, or None."""
        for part in _type_parts(t):
            info = self.of(part)
            if info is None or info.is_enum or not self.has_subclasses(info.name):
                continue
            root = self.classes[info.mro[-1]]
            for op in ops:
                if op in root.uncomparable:
                    return root.name, root.uncomparable[op]
        return None

    def unordered(self, t: Type) -> bool:
        """Whether `t` is a class whose objects CPython cannot order: no class that a value
        of it may hold defines `__lt__` or `__gt__` (`sorted`, `max` raise TypeError for
        two of them)."""
        info = self.of(t)
        if info is None or info.is_enum:
            return False
        return not any(self.lookup_method(self.classes[c], m) for c in self.subtree(info.name)
                       for m in ("__lt__", "__gt__"))

    def keys_fault(self, t: Type) -> tuple[Type, str, str] | None:
        """`compare_fault` of the keys of a dict or set inside `t` (keys of equal hashes
        are compared with `==`): the key type, the family's root and the reason."""
        for part in _type_parts(t):
            key = part.key if isinstance(part, DictT) else \
                part.item if isinstance(part, SetT) else None
            fault = self.compare_fault(key, ("==",)) if key is not None else None
            if fault is not None:
                return (key, *fault)  # type: ignore[return-value]
        return None

    def check_family_fields(self, resolve: Callable[[Type], Type]) -> None:
        """E100 for two classes of one family declaring a field of one name with two
        types: the family has one struct, with one type per field name."""
        seen: dict[tuple[str, str], tuple[str, Type]] = {}
        for info in self.classes.values():
            if info.is_enum:
                continue
            for name, t in info.fields.items():
                rt = resolve(t)
                first = seen.setdefault((info.mro[-1], name), (info.name, rt))
                if first[1] != rt and not has_tvars(rt) and not has_tvars(first[1]):
                    self.sink.error(
                        "E100", f"field `{name}` of `{info.name}` is a `{rt}` where "
                                f"`{first[0]}.{name}` is a `{first[1]}`",
                        info.field_spans.get(name, info.d.span),
                        help=f"classes deriving from `{info.mro[-1]}` share one struct with "
                             "one type per field name: rename one of the fields")

    def check_slots(self) -> None:
        """A class whose `__slots__` (with those of every class it derives from) leaves out
        one of its fields: CPython raises AttributeError when it is assigned. A slot also
        assigned at class level: CPython's ValueError when the class is made."""
        for info in self.classes.values():
            chain = [self.classes[n].d for n in info.mro]
            if info.is_enum or any(d.slots is None for d in chain):
                continue  # a class without `__slots__` gives its objects a `__dict__`
            allowed = {s for d in chain for s in d.slots or ()}
            for c in info.d.consts:
                if c.name in (info.d.slots or ()):
                    self.sink.error("E100", f"`{c.name}` is in `{info.name}.__slots__` and a "
                                            "class attribute", c.span,
                                    help="CPython refuses to make the class (ValueError): "
                                         "rename the class attribute")
            for name in info.fields:
                if name not in allowed:
                    self.sink.error(
                        "E101", f"field `{name}` of `{info.name}` is not in its `__slots__`",
                        info.field_spans.get(name, info.d.span),
                        help=f"CPython raises AttributeError: '{info.name}' object has no "
                             f"attribute '{name}'; add \"{name}\" to `__slots__`")

    def subtree(self, name: str) -> list[str]:
        """`name` and every class deriving from it, in definition order."""
        return [n for n, i in self.classes.items() if name in i.mro]

    def has_subclasses(self, name: str) -> bool:
        return any(name in i.mro[1:] for i in self.classes.values())

    def family(self, name: str) -> list[str]:
        """The classes sharing `name`'s root class (its Rust struct), definition order."""
        info = self.classes[name]
        return self.subtree(info.mro[-1])

    def upcast(self, actual: Type, target: Type) -> bool:
        """Whether `actual` is `target` with some class types replaced by subclasses
        (`list[Circle]` for `list[Shape]`): the same Rust value, one struct per family."""
        match actual, target:
            case ClassT(name=a, enum=False), ClassT(name=t, enum=False):
                return a in self.classes and t in self.classes[a].mro
            case ListT(a), ListT(t):
                return self.upcast(a, t)
            case OptionalT(a), OptionalT(t):
                return self.upcast(a, t)
            case TupleT(xs), TupleT(ys) if len(xs) == len(ys):
                return all(x == y or self.upcast(x, y) for x, y in zip(xs, ys))
        return False

    def polymorphic_in(self, t: Type, resolve: object, argument: bool) -> str | None:
        """Why a value of type `t` cannot cross the ABI, if it is an argument holding (at
        any depth, fields included) a class of a family other than the family's root: an
        object of a family crosses as its class and that class's record (docs/abi.md), and
        the entry point decodes any class of the family into the family's one struct."""
        if not argument:
            return None
        seen: set[str] = set()
        todo = [t]
        while todo:
            for x in _type_parts(todo.pop()):
                if not isinstance(x, ClassT) or x.enum or x.name in seen or \
                        x.name not in self.classes:
                    continue
                seen.add(x.name)
                root = self.classes[x.name].mro[-1]
                if root != x.name:
                    return (f"`{x.name}` shares its struct with the other classes deriving "
                            f"from `{root}`, and the entry point would take any of them: "
                            f"annotate it with `{root}` and narrow it with `isinstance`")
                todo.extend(resolve(ft) for ft in self.classes[x.name].fields.values())  # type: ignore[operator]
        return None

    def common_base(self, a: Type, b: Type) -> Type | None:
        """The nearest class both class types derive from (`Shape` for `Circle` and
        `Square`), or None."""
        if isinstance(a, ClassT) and isinstance(b, ClassT) and not a.enum and not b.enum \
                and a.name in self.classes and b.name in self.classes:
            others = set(self.classes[b.name].mro)
            for c in self.classes[a.name].mro:
                if c in others:
                    return self.classes[c].type()
        return None

    def get(self, name: str) -> ClassInfo | None:
        return self.classes.get(name)

    def of(self, t: Type) -> ClassInfo | None:
        return self.classes.get(t.name) if isinstance(t, (ClassT, ClassRefT)) else None

    # ------------------------------------------------------------ setup

    def build(self) -> None:
        """Fields, constants and methods of every class; adds the per-class copies of
        inherited methods to the module's functions."""
        fns = {f.name: f for f in self.mod.functions}
        copies: list[ir.Function] = []
        for info in self.classes.values():
            d = info.d
            if info.is_enum:
                for c in d.consts:
                    v = c.value
                    if isinstance(v, ir.Const) and isinstance(v.value, (int, str)):
                        if any(v.value == x for _, x in info.members):
                            self.sink.error("E100", "an enum alias (two members with one "
                                                    "value)", c.span,
                                            help="give every member its own value")
                        info.members.append((c.name, v.value))
            else:
                for c in d.consts:
                    key = f"{d.name}.{c.name}"
                    self.mod.constants.append(ir.Constant(key, c.value, c.annotation, c.span))
                    info.consts[c.name] = key
                info.consts.update(d.shared)
            for definer in info.mro:
                dinfo = self.classes[definer]
                if definer != info.name:
                    for cname, ckey in dinfo.consts.items():
                        info.consts.setdefault(cname, ckey)
                for m in dinfo.d.methods:
                    key = method_key(info.name, definer, m)
                    orig = fns.get(f"{definer}.{m}")
                    if orig is None:
                        continue
                    if definer != info.name:
                        copies.append(self.copy_method(orig, key, info))
                    plain = m.removesuffix(".setter")
                    if orig.decorator == "property":
                        info.props.setdefault(plain, key)
                    elif orig.decorator == "setter":
                        if _definer(info.props[plain]) == definer:
                            # a nearer class's property (getter without a setter)
                            # hides this one whole, as in CPython
                            info.setters.setdefault(plain, key)
                    else:
                        info.methods.setdefault(m, key)
        self.mod.functions.extend(copies)
        for info in self.classes.values():
            info.abstract_left = self.unimplemented(info)
        fns = {f.name: f for f in self.mod.functions}
        for info in self.classes.values():
            if not info.is_enum:
                self.abstract_constructor(info, fns)
                if self.has_subclasses(info.name):
                    self.dispatchers(info, fns)
                    if info.d.base is None:
                        for op in COMPARE_DUNDERS:
                            self.comparer(info, op, fns)
        # __init__s first: they fix the types of the fields the other methods read
        self.mod.functions.sort(key=lambda f: 0 if f.name.endswith(".__init__") else 1)
        for info in self.classes.values():
            self.collect_fields(info, fns)

    def unimplemented(self, info: ClassInfo) -> list[str]:
        """The abstract methods `info`'s class leaves without an implementation."""
        declared = {m for c in info.mro for m in self.classes[c].d.abstract_methods}
        out = []
        for m in declared:
            for c in info.mro:
                d = self.classes[c].d
                if m in d.abstract_methods:
                    out.append(m)
                    break
                if m in d.methods:
                    break
        return sorted(out)

    def abstract_constructor(self, info: ClassInfo, fns: dict[str, ir.Function]) -> None:
        """`Shape(...)` of an abstract class: a function taking `__init__`'s arguments (so
        they are evaluated, as in CPython) and raising CPython's TypeError."""
        if not info.abstract:
            return
        left = info.abstract_left
        what = "method" if len(left) == 1 else "methods"
        msg = f"Can't instantiate abstract class {info.name} with abstract {what} " + \
            ", ".join(left)
        init_key = self.lookup_method(info, "__init__")
        init = fns.get(init_key) if init_key is not None else None
        span = info.d.span
        params = init.params[1:] if init is not None else ()
        key = f"{info.name}.__pc_abstract"
        self.mod.functions.append(ir.Function(
            key, params, info.type(), (ir.Raise("TypeError", ir.Const(msg, span), span),),
            None, span, False, owner=info.name, decorator="staticmethod"))
        info.abstract_new = key

    def dispatchers(self, info: ClassInfo, fns: dict[str, ir.Function]) -> None:
        """For each method of `info`'s class that a subclass overrides, a function calling
        the method of the object's class (CPython's lookup through the MRO): a value typed
        with a class may hold an instance of any class deriving from it."""
        concrete = [self.classes[n] for n in self.subtree(info.name)
                    if not self.classes[n].abstract]
        if not concrete:
            return
        # deepest classes first: the first `isinstance` that holds names the exact class
        concrete.sort(key=lambda i: -len(i.mro))
        for prop, key in info.props.items():
            if all(_definer(c.props.get(prop, key)) == _definer(key) for c in concrete):
                continue
            # a getter some subclass overrides: read through a dispatcher like a method's
            getter = fns[key]
            info.virtual[prop] = self.dispatcher(info, prop, getter, (dataclasses.replace(
                getter.params[0], annotation=info.type()),), concrete)
        self.setter_dispatchers(info, fns, concrete)
        for m in sorted(info.methods):
            if m == "__init__":
                continue
            impls = [(c, self.lookup_method(c, m)) for c in concrete]
            own = self.lookup_method(info, m)
            keys = [k for _, k in impls if k is not None]
            if len(keys) != len(impls):
                continue
            definers = {_definer(k) for k in keys}
            first = fns[own if own is not None else keys[0]]
            if own is not None and definers == {_definer(own)} and (
                    len(set(keys)) == 1 or not (first.decorator or "").startswith("classmethod")):
                # one implementation for every class: a static call (a class method
                # inherited is run with `cls` the object's class: its copies differ)
                continue
            # static and class methods called on an object: the object's class's
            static = first.decorator == "staticmethod" or \
                (first.decorator or "").startswith("classmethod")
            if first.decorator is not None and not static:
                continue  # properties and setters (getters are dispatched above)
            if m in COMPARISONS:
                # an operator compares through the family's comparer (`comparer`)
                info.undispatched[m] = f"a subclass of `{info.name}` overrides `{m}`"
                continue
            skip = 0 if static else 1
            for c, k in impls:
                f = fns[k]  # type: ignore[index]
                if not _same_params(f.params[skip:], first.params[skip:]) or \
                        (f.decorator or "").split(":")[0] != (first.decorator or "").split(":")[0]:
                    self.sink.error("E100", f"`{f.name.split('.')[0]}.{m}` takes other "
                                            f"parameters than `{info.name}.{m}`",
                                    f.name_span or f.span,
                                    help="an override called through the base class must take "
                                         "the same parameters (names, kinds, defaults)")
            params = (ir.Param(OBJECT_PARAM, info.type(), None, first.span),) + first.params \
                if static else (dataclasses.replace(first.params[0], annotation=info.type()),
                                ) + first.params[1:]
            info.virtual[m] = self.dispatcher(info, m, first, params, concrete, static)

    def setter_dispatchers(self, info: ClassInfo, fns: dict[str, ir.Function],
                           concrete: list[ClassInfo]) -> None:
        """`obj.prop = v` on a value typed `info`'s class, when the classes deriving from
        it do not all run one setter: a dispatcher (`Base.__pcv_prop.setter`) calling the
        setter of the object's class, or raising CPython's AttributeError for a class whose
        property has none."""
        for prop in sorted({p for c in concrete for p in c.setters} | set(info.setters)):
            keys = {c.name: c.setters.get(prop) for c in concrete}
            if prop not in info.props or \
                    len({_definer(k.removesuffix(".setter")) if k else None
                         for k in keys.values()}) == 1:
                continue  # one setter for every class (or none: E101 at the assignment)
            m = f"{prop}.setter"
            first = fns[info.setters.get(prop) or next(k for k in keys.values() if k)]
            for k in keys.values():
                f = fns[k] if k else first
                # the value is passed by position: its name may differ
                if [p.annotation for p in f.params][1:] != \
                        [p.annotation for p in first.params][1:]:
                    self.sink.error("E100", f"`{f.name.split('.')[0]}.{prop}` takes another "
                                            f"value than `{info.name}.{prop}`'s setter",
                                    f.name_span or f.span,
                                    help="a setter assigned through the base class must take "
                                         "a value of one type")
            missing: dict[str, ir.Stmt] = {c: ir.Raise("AttributeError", ir.Const(
                f"property '{prop}' of '{c}' object has no setter", first.span), first.span)
                for c, k in keys.items() if k is None}
            params = (dataclasses.replace(first.params[0], annotation=info.type()),
                      ) + first.params[1:]
            info.virtual[m] = self.dispatcher(info, m, first, params, concrete,
                                              missing=missing)

    def comparer(self, root: ClassInfo, op: str, fns: dict[str, ir.Function]) -> None:
        """`a OP b` for two objects of `root`'s family, whatever their classes: a function
        testing both classes and running CPython's protocol for that pair, decided here
        (the right operand's reflected method first when its class derives from the left
        one's, then the left's method, then the reflected one; a method returns
        NotImplemented where its `isinstance` guard, or a generated method's own-class
        test, fails; then identity for `==`/`!=`, else CPython's TypeError)."""
        name, rname = COMPARE_DUNDERS[op], COMPARE_DUNDERS[REFLECTED[op]]
        concrete = [self.classes[n] for n in self.subtree(root.name)
                    if not self.classes[n].abstract]
        concrete.sort(key=lambda i: -len(i.mro))
        if not any(self.lookup_method(c, m) for c in concrete
                   for m in (name, rname, "__eq__" if op == "!=" else name)):
            return  # object's: identity for == and !=, E041 for ordering
        span = root.d.span
        left, right = ir.Name(CMP_PARAMS[0], span), ir.Name(CMP_PARAMS[1], span)
        outer: list[ir.Stmt] = []
        for a in concrete:
            inner: list[ir.Stmt] = []
            for b in concrete:
                # the right operand's class derives from the left one's: its reflected
                # method first (CPython's do_richcompare)
                reflected_first = a is not b and a.name in b.mro
                steps = [(b, rname, right, left)] if reflected_first else []
                steps.append((a, name, left, right))
                if not reflected_first:
                    steps.append((b, rname, right, left))
                result: ir.Stmt | None = None
                for x, m, xv, yv in steps:
                    value = self.compared(x, m, xv, b if x is a else a, yv, fns)
                    if isinstance(value, str):
                        root.uncomparable[op] = value
                        return
                    if value is not None:
                        result = ir.Return(value, span)
                        break
                if result is None and op in ("==", "!="):
                    result = ir.Return(ir.Compare(left, ("is" if op == "==" else "is not",),
                                                  (right,), span), span)
                elif result is None:
                    result = ir.Raise("TypeError", ir.Const(
                        f"'{op}' not supported between instances of '{a.name}' and "
                        f"'{b.name}'", span), span)
                inner.append(ir.If(_isinstance(right, b.name), (result,), (), span))
            outer.append(ir.If(_isinstance(left, a.name), tuple(inner), (), span))
        outer.append(ir.Raise("RuntimeError", ir.Const(
            f"an object of no class of {root.name} (a pycomp bug)", span), span))
        key = f"{root.name}.__pcv_cmp{name}"
        params = tuple(ir.Param(p, root.type(), None, span) for p in CMP_PARAMS)
        self.mod.functions.append(ir.Function(key, params, BOOL, tuple(outer), None, span,
                                              False, owner=root.name,
                                              decorator="staticmethod"))
        root.comparers[op] = key

    def compared(self, x: ClassInfo, m: str, xv: ir.Expr, y: ClassInfo, yv: ir.Expr,
                 fns: dict[str, ir.Function]) -> ir.Expr | str | None:
        """`x_obj.m(y_obj)` for an object of class `x` and one of class `y`: the call, None
        when it returns NotImplemented, or why it cannot be compiled."""
        key = self.lookup_method(x, m)
        if key is None:
            if m != "__ne__":
                return None  # object's: NotImplemented (identity is the last resort)
            eq = self.compared(x, "__eq__", xv, y, yv, fns)  # object's `__ne__`
            return ir.UnaryOp("not", eq, eq.span) if isinstance(eq, ir.Expr) else eq
        definer = self.classes[_definer(key)]
        fn = fns[f"{definer.name}.{m}"]
        where = f"`{definer.name}.{m}`"
        if fn.returns != BOOL or len(fn.params) != 2:
            return f"{where} is not `(self, other) -> bool`"
        if m in definer.d.declining:
            guard = dict(definer.d.guards).get(m)
            if guard is None:  # generated: `other.__class__ is self.__class__`
                if x is not y:
                    return None
            elif guard not in y.mro:
                # `return isinstance(other, C) and ...` gives False itself
                return ir.Const(False, xv.span, BOOL) if m in definer.d.false_others else None
        else:
            t = fn.params[1].annotation
            if not isinstance(t, ClassT) or t.name not in y.mro:
                return f"{where} takes `other: {t}` and may be given a `{y.name}`"
        return ir.Call(ir.Attribute(ir.Name(definer.name, xv.span), m, xv.span), (xv, yv),
                       (), xv.span)

    def dispatcher(self, info: ClassInfo, m: str, first: ir.Function,
                   params: tuple[ir.Param, ...], concrete: list[ClassInfo],
                   static: bool = False, missing: dict[str, ir.Stmt] | None = None) -> str:
        """The function calling method (or property getter or setter) `m` of the object
        `params[0]`'s class, for the `concrete` classes deriving from `info`'s, deepest
        first; a `static` (or class) method is called without the object; `missing` gives
        the statement run instead for a class without the method."""
        span = first.span
        self_name = params[0].name
        body: list[ir.Stmt] = []
        for c in concrete:
            call = (missing or {}).get(c.name) or \
                _forward(c.name, m, params[1:] if static else params, span)
            if c is info:  # the shallowest: every other class was tested
                body.append(call)
                break
            test = ir.Call(ir.Name("isinstance", span), (ir.Name(self_name, span),
                                                         ir.Name(c.name, span)), (), span)
            body.append(ir.If(test, (call,), (), span))
        else:
            # every object has one of these classes: never reached
            body.append(ir.Raise("RuntimeError", ir.Const(
                f"an object of no class of {info.name} (a pycomp bug)", span), span))
        key = f"{info.name}.__pcv_{m}"
        self.mod.functions.append(dataclasses.replace(
            first, name=key, params=params, body=tuple(body), is_generator=False,
            owner=info.name, decorator=None, is_entry=False, cache=None))
        return key

    def copy_method(self, orig: ir.Function, key: str, info: ClassInfo) -> ir.Function:
        params = orig.params
        if params and orig.decorator in (None, "property", "setter"):
            first = params[0]
            params = (dataclasses.replace(first, annotation=info.type()),) + params[1:]
            if orig.name.rsplit(".", 1)[-1] in COMPARISONS and len(params) == 2 and \
                    params[1].annotation == ClassT(orig.owner or "", False):
                # `Base.__eq__(self, other: Base)` compares two `Derived`s in the copy:
                # a value has exactly one class, so `other` has the class of `self`
                params = (params[0], dataclasses.replace(params[1],
                                                         annotation=info.type()))
        return dataclasses.replace(orig, name=key, params=params)

    def collect_fields(self, info: ClassInfo, fns: dict[str, ir.Function]) -> None:
        if info.is_enum:
            return
        for definer in reversed(info.mro):
            dinfo = self.classes[definer]
            if definer != info.name and dinfo.fields:
                # a base's fields have one type in every class deriving from it (one
                # struct per family): the base's, collected first (defined earlier)
                for name, t in dinfo.fields.items():
                    if name not in info.fields:
                        info.fields[name] = t
                        info.field_spans[name] = dinfo.field_spans[name]
            for f in dinfo.d.fields:
                if f.name not in info.fields:
                    info.fields[f.name] = self.field_annotation(f.annotation)
                    info.field_spans[f.name] = f.span
            init = fns.get(f"{definer}.__init__")
            if init is None or dinfo.d.kind in ("dataclass", "namedtuple"):
                continue
            if definer != info.name and definer in self.classes and \
                    self.classes[definer].fields and info.name != definer:
                pass
            self_name = init.params[0].name if init.params else "self"
            top = _top_level_field_writes(init.body, self_name)
            for name, ann, span in _field_writes(init.body, self_name):
                if name in info.fields:
                    if ann is not None and definer == info.name and \
                            info.fields[name] != ann and not isinstance(info.fields[name], TVar):
                        pass
                    continue
                if name in info.props or name in info.setters:
                    continue
                if name not in top:
                    self.sink.error("E101", f"field `{name}` of `{definer}` is not assigned on "
                                            "every path of `__init__`", span,
                                    help=f"assign `{self_name}.{name}` first thing in "
                                         "`__init__` (e.g. to None), then change it")
                info.fields[name] = self.field_annotation(ann)
                info.field_spans[name] = span

    def field_annotation(self, ann: Type | None) -> Type:
        """A field's type before inference: its annotation, with each `np.ndarray` of no
        dtype (`self.emb: np.ndarray`, `rows: list[np.ndarray]`) given a dtype variable
        the values assigned to it decide; a variable for an unannotated field."""
        if ann is None:
            return self.fresh()
        return open_dtypes(ann, self.fresh)

    # ------------------------------------------------------ lookups

    def lookup_method(self, info: ClassInfo, name: str, after: str | None = None
                      ) -> str | None:
        """The function implementing `name` for `info`'s class (from the class after
        `after` in the MRO, for `super()`)."""
        mro = info.mro
        if after is not None:
            mro = mro[mro.index(after) + 1:] if after in mro else []
        for definer in mro:
            d = self.classes[definer].d
            if name in d.methods:
                return method_key(info.name, definer, name)
        return None

    def field_type(self, info: ClassInfo, name: str) -> Type | None:
        return info.fields.get(name)


def _type_parts(t: Type) -> list[Type]:
    """`t` and every type inside it."""
    match t:
        case ListT(x) | DequeT(x) | OptionalT(x) | SetT(x) | GenT(x) | IterT(x):
            return [t, *_type_parts(x)]
        case DictT(k, v):
            return [t, *_type_parts(k), *_type_parts(v)]
        case TupleT(items):
            return [t, *(p for i in items for p in _type_parts(i))]
    return [t]


def _forward(cls: str, m: str, params: tuple[ir.Param, ...], span: Span) -> ir.Stmt:
    """`return Cls.m(self, a, b, k=k)`: a dispatcher's call of one class's method."""
    args: list[ir.Expr] = []
    kws: list[ir.Keyword] = []
    for p in params:
        if p.kind == "kwonly":
            kws.append(ir.Keyword(p.name, ir.Name(p.name, span), span))
        elif p.kind in ("args", "kwargs"):
            # passed on unpacked (`*args`, `**kwargs`): the call packs them anew, as CPython
            kws.append(ir.Keyword("*" if p.kind == "args" else "**", ir.Name(p.name, span),
                                  span))
        else:
            args.append(ir.Name(p.name, span))
    return ir.Return(ir.Call(ir.Attribute(ir.Name(cls, span), m, span), tuple(args),
                             tuple(kws), span), span)


# a static or class method's dispatcher: the object whose class decides
OBJECT_PARAM = "__pc_obj"
# a family's comparer: the two operands
CMP_PARAMS = ("__pc_left", "__pc_right")


def _isinstance(v: ir.Expr, cls: str) -> ir.Expr:
    return ir.Call(ir.Name("isinstance", v.span), (v, ir.Name(cls, v.span)), (), v.span)


def _binding_error(qualname: str, params: tuple[ir.Param, ...], given: int,
                   keywords: list[str]) -> str | None:
    """CPython's TypeError message for calling a function with `params` (after `self`)
    with `given` positional arguments and `keywords`, or None when they bind."""
    positional = [p for p in params if p.kind in ("", "posonly")]
    named = {p.name for p in params if p.kind in ("", "kwonly")}
    varargs = any(p.kind == "args" for p in params)
    varkw = any(p.kind == "kwargs" for p in params)
    by_position = {p.name for p in positional[:given]}
    for k in keywords:
        if k not in named and not varkw:
            return f"{qualname}() got an unexpected keyword argument '{k}'"
        if k in by_position:
            return f"{qualname}() got multiple values for argument '{k}'"
    if given > len(positional) and not varargs:
        if any(p.kind == "kwonly" for p in params):
            return None  # CPython's message then counts keyword-only arguments: not here
        least = sum(1 for p in positional if p.default is None) + 1
        most = len(positional) + 1
        takes = f"{most} positional argument{'s' if most != 1 else ''}" if least == most \
            else f"from {least} to {most} positional arguments"
        return f"{qualname}() takes {takes} but {given + 1} " + \
            ("was given" if given + 1 == 1 else "were given")
    for kind, pool in (("positional", positional), ("keyword-only", [
            p for p in params if p.kind == "kwonly"])):
        missing = [p.name for i, p in enumerate(pool) if p.default is None and
                   p.name not in keywords and not (kind == "positional" and i < given)]
        if missing:
            quoted = [f"'{m}'" for m in missing]
            names = quoted[0] if len(quoted) == 1 else \
                f"{quoted[0]} and {quoted[1]}" if len(quoted) == 2 else \
                ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
            plural = "s" if len(missing) > 1 else ""
            return f"{qualname}() missing {len(missing)} required {kind} argument{plural}: " \
                f"{names}"
    return None


def _definer(key: str) -> str:
    """The class whose body defines the method of function `key` (`C.m`, `C.Base.m`)."""
    parts = key.split(".")
    return parts[-2]


def _same_params(a: tuple[ir.Param, ...], b: tuple[ir.Param, ...]) -> bool:
    def default(p: ir.Param) -> object:
        d = p.default
        return None if d is None else (d.value, type(d.value)) if isinstance(d, ir.Const) else d

    return len(a) == len(b) and all(
        x.name == y.name and x.kind == y.kind and x.annotation == y.annotation
        and default(x) == default(y) for x, y in zip(a, b))


def _field_writes(stmts: tuple[ir.Stmt, ...], self_name: str
                  ) -> list[tuple[str, Type | None, Span]]:
    from pycomp.infer import _walk_stmts

    out = []
    for s in _walk_stmts(stmts):
        targets: tuple[ir.Target, ...] = ()
        if isinstance(s, ir.Assign):
            targets = s.targets
        for t in targets:
            for a in _attr_targets(t):
                if isinstance(a.value, ir.Name) and a.value.id == self_name:
                    out.append((a.attr, a.ty, a.span))
    return out


def _attr_targets(t: ir.Target) -> list[ir.AttrTarget]:
    if isinstance(t, ir.AttrTarget):
        return [t]
    if isinstance(t, ir.TupleTarget):
        return [a for e in t.elts for a in _attr_targets(e)]
    return []


def _top_level_field_writes(stmts: tuple[ir.Stmt, ...], self_name: str) -> set[str]:
    out = set()
    for s in stmts:
        if isinstance(s, ir.Assign):
            for t in s.targets:
                for a in _attr_targets(t):
                    if isinstance(a.value, ir.Name) and a.value.id == self_name:
                        out.add(a.attr)
        if isinstance(s, ir.Try):
            out |= _top_level_field_writes(s.body, self_name)
    return out


# ---------------------------------------------------------------- typing


class ClassTyping:
    """The class-related typing rules of one function (used by `FunctionInferrer`)."""

    def __init__(self, fi: FunctionInferrer):
        self.fi = fi
        self.table: ClassTable = fi.p.classes
        self.sink = fi.sink
        fn = fi.fn
        # in a classmethod, the first parameter names the class
        self.cls_alias: dict[str, str] = {}
        self.concrete: str | None = None
        self.owner: str | None = None
        if fn is not None and fn.owner is not None:
            self.concrete = fn.name.split(".")[0]
            self.owner = fn.owner
            if fn.decorator and fn.decorator.startswith("classmethod:"):
                self.cls_alias[fn.decorator.split(":", 1)[1]] = self.concrete

    def class_named(self, e: ir.Expr) -> ClassInfo | None:
        """The class an expression names (`Point`, or `cls` in a classmethod)."""
        if isinstance(e, ir.Name) and e.id not in self.fi.vars:
            name = self.cls_alias.get(e.id, e.id)
            return self.table.get(name)
        return None

    def in_init_of(self, cls: str) -> bool:
        fn = self.fi.fn
        return fn is not None and fn.owner is not None and fn.name.split(".")[-1] == "__init__"

    # ---------------------------------------------------- attributes

    def class_attr(self, info: ClassInfo, attr: str, span: Span) -> ir.Expr:
        if info.is_enum:
            for m, _ in info.members:
                if m == attr:
                    return ir.EnumMember(info.name, m, span, info.type())
        if attr in info.consts:
            return self.fi.name(info.consts[attr], span)
        self.sink.error("E101", f"class `{info.name}` has no attribute `{attr}`", span,
                        help="class attributes are the constants and members its body "
                             "defines")
        return ir.Const(None, span, _err())

    def instance_attr(self, obj: ir.Expr, info: ClassInfo, attr: str, span: Span) -> ir.Expr:
        if info.is_enum:
            if attr == "name":
                return ir.EnumOp(info.name, "name", obj, span, STR)
            if attr == "value":
                return ir.EnumOp(info.name, "value", obj, span, self.enum_value_type(info))
        ft = self.table.field_type(info, attr)
        if ft is not None:
            return ir.FieldGet(obj, info.name, attr, span, ft)
        if attr in info.props:
            key = info.virtual[attr] if attr in info.virtual and not isinstance(
                obj, ir.New) else info.props[attr]
            return ir.UserCall(key, (obj,), span, self.fi.p.info.functions[key].ret)
        if attr in info.consts:
            return self.overridden_const(obj, info, attr, span)
        if attr in info.methods:
            self.sink.error("E101", f"the method `{info.name}.{attr}` used as a value", span,
                            help="call it, or wrap it: `lambda x: x.method()`")
            return ir.Const(None, span, _err())
        self.sink.error("E101", f"`{info.name}` has no attribute `{attr}`", span,
                        help="declare every attribute in the class body (`x: int`) or assign "
                             "it in `__init__`; attributes cannot be added later")
        return ir.Const(None, span, _err())

    def overridden_const(self, obj: ir.Expr, info: ClassInfo, attr: str, span: Span
                         ) -> ir.Expr:
        """`obj.attr` of a class constant: the one of the object's class, which may be a
        class deriving from `info`'s that sets the constant again (`name = "strip"` in
        `Strip(Step)`, read as `s.name` of a `Step`), tested deepest first."""
        key = info.consts[attr]
        own = self.fi.name(key, span)
        below = sorted((c for c in self.table.classes.values()
                        if info.name in c.mro[1:] and c.consts.get(attr, key) != key),
                       key=lambda c: len(c.mro))
        if not below:
            return own
        reads = [(c.name, self.fi.name(c.consts[attr], span)) for c in below]
        t = self.fi.subst.resolve(own.ty)  # type: ignore[arg-type]
        if not isinstance(obj, ir.Name) or any(
                not self.fi.subst.unify(t, r.ty) for _, r in reads):  # type: ignore[arg-type]
            why = "read through an expression" if not isinstance(obj, ir.Name) else \
                "with a value of another type"
            self.sink.error("E100", f"class constant `{info.name}.{attr}` set again in "
                                    f"`{below[0].name}`, {why}", span,
                            help="the object's class decides which one CPython reads: bind "
                                 "the object to a name first (`step = ...; step.name`), and "
                                 "give every class's constant one type")
            return ir.Const(None, span, _err())
        out = own
        for cname, read in reads:
            out = ir.IfExp(ir.IsInstance(obj, (cname,), span, BOOL), read, out, span, t)
        return out

    def enum_value_type(self, info: ClassInfo) -> Type:
        if info.members and all(isinstance(v, str) for _, v in info.members):
            return STR
        if all(isinstance(v, int) for _, v in info.members):
            return INT
        self.sink.error("E100", f"enum `{info.name}` mixes int and str values", info.d.span,
                        help="give every member a value of one type")
        return INT

    # ---------------------------------------------------- assignment

    def bind_attr(self, t: ir.AttrTarget, ty: Type, augmented: bool) -> ir.Target:
        fi = self.fi
        obj = fi.expr(t.value)
        ot = fi.subst.resolve(obj.ty)  # type: ignore[arg-type]
        info = self.table.of(ot)
        if info is None or not isinstance(ot, ClassT):
            if not isinstance(ot, type(_err())):
                self.sink.error("E101", f"cannot assign an attribute of `{ot}`", t.span,
                                help="attributes are assigned on instances of the module's "
                                     "classes")
            return ir.AttrTarget(obj, t.attr, t.span, ty)
        virtual = info.virtual.get(f"{t.attr}.setter")
        if virtual is not None and not isinstance(obj, ir.New):
            key = virtual
            ptypes = fi.p.info.functions[key].param_types
            return ir.AttrTarget(obj, t.attr, t.span, ptypes[1], info.name, key)
        if t.attr in info.setters:
            key = info.setters[t.attr]
            ptypes = fi.p.info.functions[key].param_types
            return ir.AttrTarget(obj, t.attr, t.span, ptypes[1] if len(ptypes) > 1 else ty,
                                 info.name, key)
        if t.attr in info.props:
            self.sink.error("E101", f"property `{t.attr}` of `{info.name}` has no setter",
                            t.span, help=f"add `@{t.attr}.setter` to the class")
            return ir.AttrTarget(obj, t.attr, t.span, ty, info.name)
        ft = self.table.field_type(info, t.attr)
        if ft is None:
            self.sink.error("E101", f"`{info.name}` has no attribute `{t.attr}`", t.span,
                            help="declare every attribute in the class body (`x: int`) or "
                                 "assign it in `__init__`; attributes cannot be added later")
            return ir.AttrTarget(obj, t.attr, t.span, ty, info.name)
        if info.immutable and not self.in_init_of(info.name):
            what = "frozen dataclass" if info.d.frozen else "NamedTuple"
            self.sink.error("E101", f"field `{t.attr}` of the {what} `{info.name}` is assigned",
                            t.span, help="CPython raises here (the instance cannot change); "
                                         "build a new instance (`dataclasses.replace` or "
                                         "`_replace`)")
        ft = fi.subst.resolve(ft)
        rt = fi.subst.resolve(ty)
        if isinstance(ft, TVar) and isinstance(rt, NoneT):
            # `self.best = None` first: the field holds an optional value
            fi.subst.unify(ft, OptionalT(fi.subst.fresh()))
        elif not fi.compatible(rt, ft):
            fi.type_mismatch(ft, rt, t.span, f"field `{info.name}.{t.attr}`")
        return ir.AttrTarget(obj, t.attr, t.span, fi.subst.resolve(ft), info.name)

    # ------------------------------------------------------- calls

    def construct(self, info: ClassInfo, e: ir.Call, expected: Type | None) -> ir.Expr:
        fi = self.fi
        span = e.span
        if info.is_enum:
            if len(e.args) != 1 or e.keywords:
                self.sink.error("E042", f"`{info.name}()` takes one value", span)
                return ir.Const(None, span, _err())
            v = fi.expr(e.args[0])
            return ir.EnumOp(info.name, "by_value", v, span, info.type())
        if info.abstract_new is not None:
            # CPython evaluates the arguments, then raises TypeError
            return fi.user_call(info.abstract_new, e)
        init = self.table.lookup_method(info, "__init__")
        if init is None:
            if e.args or e.keywords:
                self.sink.error("E042", f"`{info.name}()` takes no arguments", span)
            return ir.New(info.name, None, (), span, info.type())
        if self.concrete is not None and self.owner is not None and \
                self.concrete != self.owner and not any(k.name in ("*", "**")
                                                        for k in e.keywords):
            # `cls(...)` in a base's method copied for a subclass whose `__init__` takes
            # other arguments: CPython's TypeError when (and only if) the copy runs
            init_fn = fi.p.info.functions[init].fn
            why = _binding_error(f"{_definer(init)}.__init__", init_fn.params[1:],
                                 len(e.args), [k.name for k in e.keywords])
            if why is not None:
                return self.raising("TypeError", why, [fi.expr(a) for a in e.args] +
                                    [fi.expr(k.value) for k in e.keywords], info.type(), span)
        call = fi.user_call(init, e, skip_first=True, merged=f"{fi.p.mod.name}.{info.name}")
        if not isinstance(call, ir.UserCall):
            return ir.Const(None, span, _err())
        return ir.New(info.name, init, call.args, span, info.type(), call.order, call.spread)

    def raising(self, exc: str, message: str, args: list[ir.Expr], ty: Type, span: Span
                ) -> ir.Expr:
        """A call evaluating `args` (in order) and raising `exc(message)`: what CPython
        does for an operation that fails whatever the values (a generated function of the
        module, `__pc_raise_<n>`, typed `ty`)."""
        parent = self.fi.p
        key = f"__pc_raise_{len(parent.specialized)}"
        types = [self.fi.subst.resolve(a.ty) for a in args]  # type: ignore[arg-type]
        parent.specialized[key] = fn = ir.Function(
            key, tuple(ir.Param(f"a{i}", t, None, span) for i, t in enumerate(types)), ty,
            (ir.Raise(exc, ir.Const(message, span), span),), None, span, False)
        parent.signature(fn)
        return ir.UserCall(key, tuple(args), span, ty)

    def method_call(self, recv: ir.Expr, info: ClassInfo, e: ir.Call, name: str
                    ) -> ir.Expr | None:
        if name == "_replace" and info.d.kind == "namedtuple":
            for k in e.keywords:
                if isinstance(info.fields.get(k.name), OptionalT):
                    # the generated `_replace` takes None for "not given"
                    self.sink.error("E100", f"`_replace` of the optional field `{k.name}` "
                                            "is not supported", k.span,
                                    help=f"build a new `{info.name}(...)` with every field "
                                         "(compiled, `_replace` could not tell None given "
                                         "from the field left out)")
                    return ir.Const(None, e.span, _err())
        # a new object has exactly its class
        key = self.table.lookup_method(info, name) if isinstance(recv, ir.New) else \
            self.call_key(info, name, e.span)
        if key is None:
            if name in info.props or name in info.fields:
                return None
            if info.is_enum:
                return None
            if name in ("_pc_asdict", "_pc_astuple_deep"):  # `dataclasses.asdict(obj)`
                called = "asdict" if name == "_pc_asdict" else "astuple"  # (lower_classes)
                self.sink.error("E100", f"`{called}()` of `{info.name}` is not supported",
                                e.span, help=f"{called} compiles for a dataclass whose fields "
                                             "hold numbers, strings, None, dataclasses of "
                                             "this module defined above it, and lists, "
                                             "dicts, tuples and optionals of them; build "
                                             "the value yourself")
                return ir.Const(None, e.span, _err())
            if name.startswith("_pc_replace"):  # `dataclasses.replace(obj, ...)` (lower)
                self.sink.error("E100", f"`replace()` of `{info.name}`, which is not a "
                                        "dataclass", e.span,
                                help="CPython raises TypeError: replace() should be called "
                                     "on dataclass instances")
                return ir.Const(None, e.span, _err())
            self.sink.error("E101", f"`{info.name}` has no method `{name}`", e.span,
                            help="define it in the class")
            return ir.Const(None, e.span, _err())
        fn = self.fi.p.info.functions[key].fn
        if fn.decorator == "staticmethod" or (fn.decorator or "").startswith("classmethod"):
            return self.fi.user_call(key, e)
        return self.fi.user_call(key, e, receiver=recv)

    def call_key(self, info: ClassInfo, name: str, span: Span) -> str | None:
        """The function a call of method `name` on a value typed `info`'s class runs: the
        dispatcher when a subclass overrides it, else the class's own."""
        if name in info.virtual:
            return info.virtual[name]
        if name in info.undispatched:
            self.sink.error("E100", f"calling `{name}` on a `{info.name}` is not supported",
                            span, help=info.undispatched[name] + "; call it on a value of "
                                                                 "one class")
        return self.table.lookup_method(info, name)

    def class_method_call(self, info: ClassInfo, e: ir.Call, name: str) -> ir.Expr:
        key = self.table.lookup_method(info, name)
        if key is None:
            self.sink.error("E101", f"class `{info.name}` has no method `{name}`", e.span)
            return ir.Const(None, e.span, _err())
        fn = self.fi.p.info.functions[key].fn
        if fn.decorator == "staticmethod" or (fn.decorator or "").startswith("classmethod"):
            return self.fi.user_call(key, e)
        # `Base.method(self, ...)`: the method called explicitly with its instance
        return self.fi.user_call(key, e)

    def super_call(self, e: ir.Call, name: str) -> ir.Expr:
        fi = self.fi
        fn = fi.fn
        if fn is None or self.concrete is None or self.owner is None or not fn.params:
            self.sink.error("E100", "`super()` outside a method", e.span)
            return ir.Const(None, e.span, _err())
        info = self.table.get(self.concrete)
        assert info is not None
        key = self.table.lookup_method(info, name, after=self.owner)
        if key is None:
            if name == "__init__":
                return ir.Const(None, e.span, NONE)  # object.__init__
            self.sink.error("E101", f"no base class of `{self.owner}` defines `{name}`", e.span)
            return ir.Const(None, e.span, _err())
        self_expr = fi.expr(ir.Name(fn.params[0].name, e.span))
        return fi.user_call(key, e, receiver=self_expr)

    def dunder(self, obj: ir.Expr, name: str, args: list[ir.Expr], span: Span
               ) -> ir.Expr | None:
        """`obj.name(*args)` when `obj`'s class defines `name`, else None."""
        info = self.table.of(self.fi.subst.resolve(obj.ty))  # type: ignore[arg-type]
        if info is None or info.is_enum:
            return None
        key = self.call_key(info, name, span)
        if key is None:
            return None
        call = ir.Call(ir.Name("__pc_dunder", span), (), (), span)
        return self.fi.user_call(key, call, receiver=obj, typed_args=args)

    def binop(self, op: str, a: ir.Expr, b: ir.Expr, span: Span) -> ir.Expr | None:
        name = BINOP_DUNDERS.get(op)
        if name is None:
            return None
        r = self.dunder(a, name, [b], span)
        if r is not None:
            return r
        r = self.dunder(b, "__r" + name[2:], [a], span)
        if r is not None:
            return r
        values = self.enum_values([a, b])
        if values is not None:  # `Level.HIGH + 1`: an IntEnum's member is an int
            return self.fi.binop(op, values[0], values[1], span)
        if self.table.of(self.fi.subst.resolve(a.ty)) or self.table.of(  # type: ignore[arg-type]
                self.fi.subst.resolve(b.ty)):  # type: ignore[arg-type]
            self.sink.error("E041", f"`{a.ty} {op} {b.ty}`: the class defines no `{name}`",
                            span, help=f"define `{name}` in the class")
            return ir.Const(None, span, _err())
        return None

    def enum_value(self, a: ir.Expr, info: ClassInfo) -> ir.Expr:
        """An enum member's value (`.value`): for an IntEnum's or a str enum's, the int
        or str the member is."""
        return ir.EnumOp(info.name, "value", a, a.span, self.enum_value_type(info))

    def enum_values(self, args: list[ir.Expr]) -> list[ir.Expr] | None:
        """`args` with each member of an IntEnum or a str enum as its value, if any is
        one (None otherwise)."""
        out = list(args)
        for i, a in enumerate(args):
            info = self.table.of(self.fi.subst.resolve(a.ty)) if a.ty is not None else None  # type: ignore[arg-type]
            if info is not None and info.d.kind in ir.VALUE_ENUM_KINDS:
                out[i] = self.enum_value(a, info)
        return out if any(x is not y for x, y in zip(out, args)) else None

    def is_enum_type(self, t: Type) -> bool:
        info = self.table.of(self.fi.subst.resolve(t))
        return info is not None and info.is_enum

    def compare(self, op: str, a: ir.Expr, b: ir.Expr, span: Span) -> ir.Expr | None:
        fi = self.fi
        at = fi.subst.resolve(a.ty)  # type: ignore[arg-type]
        bt = fi.subst.resolve(b.ty)  # type: ignore[arg-type]
        if op in ("==", "!=", "is", "is not"):
            # `lv == Level.HIGH` with `lv: Level | None`: the member as an optional too
            # (an enum member is one object: identity and equality agree)
            pair = None
            if isinstance(at, OptionalT) and isinstance(bt, OptionalT):
                if self.is_enum_type(at.item) and fi.subst.unify(at, bt):
                    pair = a, b
            elif isinstance(at, OptionalT) and self.is_enum_type(at.item) and \
                    fi.subst.unify(at.item, bt):
                pair = a, fi.coerce(b, at, span)
            elif isinstance(bt, OptionalT) and self.is_enum_type(bt.item) and \
                    fi.subst.unify(bt.item, at):
                pair = fi.coerce(a, bt, span), b
            if pair is not None:
                same = ir.ObjIs(pair[0], pair[1], span, BOOL)
                return ir.UnaryOp("not", same, span, BOOL) if op in ("!=", "is not") else same
        ia, ib = self.table.of(at), self.table.of(bt)
        if op in COMPARE_DUNDERS and (
                (ia is not None and ia.d.kind == "namedtuple" and isinstance(bt, TupleT)) or
                (ib is not None and ib.d.kind == "namedtuple" and isinstance(at, TupleT))):
            # a NamedTuple is a tuple: compared with a plain one item by item
            x = self.astuple(a) if ia is not None else a
            y = self.astuple(b) if ib is not None else b
            return fi.resolve_op(op, [x, y], {}, span)
        if op in ("in", "not in"):
            item = bt.item if isinstance(bt, ListT) else None
            if isinstance(bt, (SetT, DictT)) and self.hashes_quietly(at):
                item = bt.item if isinstance(bt, SetT) else bt.key
            if item is not None and self.declines(at, item, "==") and \
                    self.declines(item, at, "=="):
                # no item can equal `a` nor be it (see `==` below)
                r: ir.Expr = ir.ObjIs(a, b, span, BOOL)
                return ir.UnaryOp("not", r, span, BOOL) if op == "not in" else r
            if ib is None or ib.is_enum:
                return None
            contains = self.dunder(b, "__contains__", [a], span)
            if contains is None:
                self.sink.error("E041", f"`in` on `{bt}`: the class defines no `__contains__`",
                                span, help="define `__contains__` in the class")
                return ir.Const(False, span, BOOL)
            test = fi.truth(contains)
            return ir.UnaryOp("not", test, span, BOOL) if op == "not in" else test
        if op in ("==", "!=") and self.declines(at, bt, op) and self.declines(bt, at, op):
            # both sides return NotImplemented: CPython falls back to identity, and values
            # of unrelated types are never one object (ObjIs evaluates both, gives False)
            r = ir.ObjIs(a, b, span, BOOL)
            return ir.UnaryOp("not", r, span, BOOL) if op == "!=" else r
        if op in ("==", "!=") and isinstance(at, OptionalT) and isinstance(bt, OptionalT) \
                and self.identity_only(at.item, bt.item):
            # objects of unrelated classes whose `__eq__` declines each other and None: only
            # None equals None (CPython's identity fallback)
            r = ir.ObjIs(a, b, span, BOOL)
            return ir.UnaryOp("not", r, span, BOOL) if op == "!=" else r
        if ia is None and ib is None:
            return None
        if op in ("is", "is not"):
            if isinstance(at, NoneT) or isinstance(bt, NoneT):
                return None
            # objects of one family may be one object; of unrelated types never (ObjIs)
            r = ir.ObjIs(a, b, span, BOOL)
            return ir.UnaryOp("not", r, span, BOOL) if op == "is not" else r
        if (ia is not None and ia.d.kind in ir.VALUE_ENUM_KINDS) or (
                ib is not None and ib.d.kind in ir.VALUE_ENUM_KINDS):
            # an IntEnum member is an int, a str enum's a str: compared by value, with
            # ints (strs) too
            va = self.enum_value(a, ia) if ia is not None and ia.is_enum else a
            vb = self.enum_value(b, ib) if ib is not None and ib.is_enum else b
            return fi.resolve_op(op, [va, vb], {}, span)
        if (ia is not None and ia.is_enum) or (ib is not None and ib.is_enum):
            if at == bt and op in ("==", "!="):
                r = ir.ObjIs(a, b, span, BOOL)
                return ir.UnaryOp("not", r, span, BOOL) if op == "!=" else r
            if op in ("==", "!="):
                return ir.Const(op == "!=", span, BOOL)
            self.sink.error("E041", f"`{at} {op} {bt}`: enum members are not ordered", span)
            return ir.Const(False, span, BOOL)
        name = COMPARE_DUNDERS[op]
        if ia is not None and ib is not None and ia.mro[-1] == ib.mro[-1] and (
                ia is not ib or self.table.has_subclasses(ia.name)):
            # two objects of one family whose classes are known at run time only
            root = self.table.classes[ia.mro[-1]]
            if op in root.comparers:
                return ir.UserCall(root.comparers[op], (a, b), span, BOOL)
            if op in root.uncomparable:
                self.sink.error("E100", f"`{op}` between two `{root.name}` objects is not "
                                        "supported", span,
                                help=root.uncomparable[op] + "; compare values of one class, "
                                     "or guard `other: object` with `isinstance`")
                return ir.Const(False, span, BOOL)
        if op in ("<", "<=", ">", ">=") and (raised := self.unorderable(op, a, b, span)):
            return raised
        r2 = self.dunder(a, name, [b], span) if ia is not None else None
        if r2 is None and ib is not None and at == bt or (r2 is None and ia is None):
            r2 = self.dunder(b, COMPARE_DUNDERS[REFLECTED[op]], [a], span)
        if r2 is None and op == "!=":
            eq = self.dunder(a, "__eq__", [b], span) if ia is not None else None
            if eq is not None:
                return ir.UnaryOp("not", fi.truth(eq), span, BOOL)
        if r2 is not None:
            return fi.truth(r2)
        if op in ("==", "!="):
            # object identity: the default __eq__
            r = ir.ObjIs(a, b, span, BOOL)
            return ir.UnaryOp("not", r, span, BOOL) if op == "!=" else r
        self.sink.error("E041", f"`{at} {op} {bt}`: the class defines no `{name}`", span,
                        help=f"define `{name}` (or `@dataclass(order=True)`)")
        return ir.Const(False, span, BOOL)

    def unorderable(self, op: str, a: ir.Expr, b: ir.Expr, span: Span) -> ir.Expr | None:
        """`a < b` that CPython answers with its TypeError whatever the values: the classes
        of both operands are known exactly, and neither orders the other (no method, or
        one returning NotImplemented for it). A call of a function raising it, which
        evaluates both operands first, as CPython does; None otherwise."""
        at = self.fi.subst.resolve(a.ty)  # type: ignore[arg-type]
        bt = self.fi.subst.resolve(b.ty)  # type: ignore[arg-type]
        names = self.exact_class(at), self.exact_class(bt)
        if None in names or not self.orders_not(at, bt, COMPARE_DUNDERS[op]) or \
                not self.orders_not(bt, at, COMPARE_DUNDERS[REFLECTED[op]]):
            return None
        key = f"__pc_unordered_{COMPARE_DUNDERS[op].strip('_')}_{names[0]}_{names[1]}"
        parent = self.fi.p
        if key not in parent.info.functions:
            fn = ir.Function(key, (ir.Param("a", at, None, span), ir.Param("b", bt, None, span)),
                             BOOL, (ir.Raise("TypeError", ir.Const(
                                 f"'{op}' not supported between instances of '{names[0]}' and "
                                 f"'{names[1]}'", span), span),), None, span, False)
            parent.specialized[key] = fn
            parent.signature(fn)
        return ir.UserCall(key, (a, b), span, BOOL)

    def identity_only(self, x: Type, y: Type) -> bool:
        """Whether objects of classes `x` and `y` (of two families) are equal only when
        they are one object: the `__eq__` of each declines the other and None."""
        ix, iy = self.table.of(x), self.table.of(y)
        return ix is not None and iy is not None and not ix.is_enum and not iy.is_enum and \
            ix.mro[-1] != iy.mro[-1] and self.declines(x, y, "==") and \
            self.declines(y, x, "==") and self.declines(x, NONE, "==") and \
            self.declines(y, NONE, "==")

    def exact_class(self, t: Type) -> str | None:
        """The name of the class of every value of type `t` (CPython's `type(v).__name__`),
        when one: a class no other derives from, or a scalar."""
        info = self.table.of(t)
        if info is not None:
            return None if info.is_enum or self.table.has_subclasses(info.name) else info.name
        return {INT: "int", FLOAT: "float", STR: "str", BOOL: "bool", NONE: "NoneType"}.get(t)

    def orders_not(self, t: Type, other: Type, m: str) -> bool:
        """Whether `t`'s ordering method `m` returns NotImplemented for an `other` (an
        object's has none; a builtin type's declines an instance; a generated or guarded
        method, another class)."""
        info = self.table.of(t)
        if info is None:
            return True
        key = self.table.lookup_method(info, m)
        if key is None:
            return True
        definer = self.table.classes[_definer(key)]
        if m not in definer.d.declining:
            return False
        guard = dict(definer.d.guards).get(m)
        oinfo = self.table.of(other)
        if guard is None:  # generated: `other.__class__ is self.__class__`
            return oinfo is None or oinfo.name != info.name
        return oinfo is None or guard not in oinfo.mro

    def equal_is_identity_with_none(self, a: Type, b: Type) -> bool:
        """Whether `a == b` is `a is b`: an optional value and None, where the value's
        `__eq__` returns NotImplemented for None (any but a user's unguarded one)."""
        for x, y in ((a, b), (b, a)):
            if isinstance(x, OptionalT) and isinstance(y, NoneT):
                info = self.table.of(x.item)
                return info is None or info.is_enum or self.declines(x.item, y, "==")
        return False

    def hashes_quietly(self, t: Type) -> bool:
        """Whether hashing a `t` (as `x in a_set` does first) cannot raise nor run user
        code: a scalar, or an object hashed by identity."""
        if t in (INT, FLOAT, STR, BOOL, NONE):
            return True
        info = self.table.of(t)
        return info is not None and not info.is_enum and \
            self.table.lookup_method(info, "__hash__") is None and \
            self.table.lookup_method(info, "__eq__") is None

    def declines(self, t: Type, other: Type, op: str) -> bool:
        """Whether `t.__eq__(other)` (`__ne__` for `!=`) returns NotImplemented, `other`
        being of a type unrelated to `t`: a builtin type's method does for an instance,
        and a class's when it has none (object's), or it is `declining`."""
        if has_tvars(t) or has_tvars(other):
            return False
        if isinstance(t, OptionalT) or isinstance(other, OptionalT):
            if isinstance(t, (OptionalT, NoneT)) and isinstance(other, (OptionalT, NoneT)):
                return False  # both may be None
            # None's `__eq__` declines, and the other may be None only
            return self.declines(t.item if isinstance(t, OptionalT) else t,
                                 other.item if isinstance(other, OptionalT) else other, op)
        info, oinfo = self.table.of(t), self.table.of(other)
        if info is not None and oinfo is not None and not info.is_enum and \
                not oinfo.is_enum and info.mro[-1] == oinfo.mro[-1]:
            return False  # one family: one may be the other
        if info is None:
            # a tuple compares a NamedTuple as a tuple
            return oinfo is not None and not oinfo.is_enum and not (
                isinstance(t, TupleT) and oinfo.d.kind == "namedtuple")
        if info.is_enum or (oinfo is None and isinstance(other, TupleT) and
                            info.d.kind == "namedtuple"):
            return False
        names = ("__ne__", "__eq__") if op == "!=" else ("__eq__",)
        for name in names:
            key = self.table.lookup_method(info, name)
            if key is not None:
                definer = key.split(".")[-2]
                return name in self.table.classes[definer].d.declining
        return True

    def builtin(self, name: str, args: list[ir.Expr], span: Span) -> ir.Expr | None:
        """`len(x)`, `str(x)`, `repr(x)`, `bool(x)`, `hash(x)` on an instance."""
        if len(args) != 1:
            return None
        a = args[0]
        info = self.table.of(self.fi.subst.resolve(a.ty))  # type: ignore[arg-type]
        if info is None:
            return None
        if name == "str":
            return self.str_of(a)
        if name == "repr":
            return self.repr_of(a)
        if name == "bool":
            return self.truth(a)
        if name == "int" and info.d.kind == "intenum":
            return ir.EnumOp(info.name, "value", a, span, INT)
        if name == "hash" and (info.is_enum or self.table.lookup_method(info, "__hash__")):
            # the `hash` op: an IntEnum member as its int, an Enum's by name, an object's
            # `__hash__` with -1 made -2, as CPython's hash() does
            return None
        dunder = BUILTIN_DUNDERS.get(name)
        if dunder is None:
            return None
        r = self.dunder(a, dunder, [], span)
        if r is None and name != "hash" and (values := self.enum_values([a])) is not None:
            return self.fi.resolve_op(name, values, {}, span)  # `len(Role.USER)`
        if r is None:
            self.sink.error("E041", f"`{name}()` of `{info.name}`: the class defines no "
                                    f"`{dunder}`", span, help=f"define `{dunder}`")
            return ir.Const(None, span, _err())
        return r

    def str_of(self, a: ir.Expr) -> ir.Expr:
        info = self.table.of(self.fi.subst.resolve(a.ty))  # type: ignore[arg-type]
        assert info is not None
        if info.is_enum:
            kind = "value_str" if info.d.kind in ("intenum", "strenum") else "str"
            return ir.EnumOp(info.name, kind, a, a.span, STR)
        r = self.dunder(a, "__str__", [], a.span)
        return r if r is not None else self.repr_of(a)

    def repr_of(self, a: ir.Expr) -> ir.Expr:
        info = self.table.of(self.fi.subst.resolve(a.ty))  # type: ignore[arg-type]
        assert info is not None
        if info.is_enum:
            return ir.EnumOp(info.name, "repr", a, a.span, STR)
        r = self.dunder(a, "__repr__", [], a.span)
        if r is None:
            self.sink.error("E102", f"`{info.name}` has no `__repr__`", a.span,
                            help="CPython prints the object's memory address "
                                 "(`<Foo object at 0x...>`), which compiled code cannot "
                                 "match; define `__repr__` or make it a @dataclass")
            return ir.Const("", a.span, STR)
        return r

    def truth(self, a: ir.Expr) -> ir.Expr:
        r = self.dunder(a, "__bool__", [], a.span)
        if r is not None:
            return r
        n = self.dunder(a, "__len__", [], a.span)
        if n is not None:
            return self.fi.resolve_op("!=", [n, ir.Const(0, a.span, INT)], {}, a.span)
        return ir.Const(True, a.span, BOOL)

    def subscript(self, obj: ir.Expr, index: ir.Expr, span: Span) -> ir.Expr | None:
        fi = self.fi
        ot = fi.subst.resolve(obj.ty)  # type: ignore[arg-type]
        if isinstance(ot, ClassRefT):
            info = self.table.get(ot.name)
            if info is not None and info.is_enum:
                return ir.EnumOp(info.name, "by_name", fi.expr(index), span, info.type())
            return None
        info = self.table.of(ot)
        if info is None:
            return None
        if info.d.kind == "namedtuple" and isinstance(index, ir.Const) and \
                isinstance(index.value, int) and not isinstance(index.value, bool):
            names = list(info.fields)
            i = index.value + len(names) if index.value < 0 else index.value
            if not 0 <= i < len(names):
                self.sink.error("E030", f"tuple index {index.value} is out of range for "
                                        f"`{info.name}`", span)
                return ir.Const(None, span, _err())
            return ir.FieldGet(obj, info.name, names[i], span, info.fields[names[i]])
        if info.d.kind == "namedtuple":
            return self.namedtuple_item(obj, info, fi.expr(index), span)
        r = self.dunder(obj, "__getitem__", [fi.expr(index)], span)
        if r is None:
            self.sink.error("E041", f"`{info.name}` is indexed but defines no `__getitem__`",
                            span, help="define `__getitem__`")
            return ir.Const(None, span, _err())
        return r

    def namedtuple_item(self, obj: ir.Expr, info: ClassInfo, index: ir.Expr, span: Span
                        ) -> ir.Expr:
        """`p[i]` of a named tuple with a run-time index: its fields as a homogeneous
        tuple's items (IndexError 'tuple index out of range')."""
        fi = self.fi
        types = [fi.subst.resolve(t) for t in info.fields.values()]  # type: ignore[arg-type]
        if not types or any(t != types[0] for t in types) or not isinstance(obj, ir.Name):
            self.sink.error("E030", f"`{info.name}` is indexed by a value", span,
                            help="a named tuple is indexed by a value only through a name and "
                                 "when its fields have one type; index it by constants or "
                                 "read its fields by name")
            return ir.Const(None, span, _err())
        items = tuple(ir.FieldGet(obj, info.name, n, span, t)
                      for n, t in zip(info.fields, types))
        return fi.resolve_op("tuple.__getitem__", [ir.ListLit(items, span, ListT(types[0])),
                                                   index], {}, span)

    def iterable_item(self, t: Type) -> Type | None:
        if isinstance(t, ClassRefT):
            info = self.table.get(t.name)
            if info is not None and info.is_enum:
                return info.type()
        return None

    def iterable_instance(self, v: ir.Expr) -> bool:
        """Whether `v` is an instance of a plain class of the module defining `__iter__`."""
        info = self.table.of(self.fi.subst.resolve(v.ty))  # type: ignore[arg-type]
        return info is not None and not info.is_enum and info.d.kind != "namedtuple" and \
            self.table.lookup_method(info, "__iter__") is not None

    def iterate(self, v: ir.Expr) -> ir.Expr | None:
        """What a `for` walks for a class or an instance: enum members, or `__iter__`."""
        fi = self.fi
        t = fi.subst.resolve(v.ty)  # type: ignore[arg-type]
        if isinstance(t, ClassRefT):
            info = self.table.get(t.name)
            if info is not None and info.is_enum:
                return ir.EnumOp(info.name, "members", None, v.span, ListT(info.type()))
            return None
        info = self.table.of(t)
        if info is None or info.is_enum:
            return None
        if info.d.kind == "namedtuple":
            tup = self.astuple(v)
            return tup
        r = self.dunder(v, "__iter__", [], v.span)
        if r is None:
            self.sink.error("E041", f"`{info.name}` is iterated but defines no `__iter__`",
                            v.span, help="define `__iter__` returning `iter(...)` of a list")
            return ir.Const(None, v.span, _err())
        return r

    def astuple(self, v: ir.Expr) -> ir.Expr:
        """A NamedTuple's fields as a tuple (for unpacking and iteration)."""
        info = self.table.of(self.fi.subst.resolve(v.ty))  # type: ignore[arg-type]
        assert info is not None
        r = self.dunder(v, "_pc_astuple", [], v.span)
        assert r is not None
        return r

    def isinstance_(self, v: ir.Expr, names: list[str], span: Span) -> ir.Expr | None:
        t = self.fi.subst.resolve(v.ty)  # type: ignore[arg-type]
        if isinstance(t, OptionalT):
            t = t.item
        info = self.table.of(t)
        if info is None:
            # a value of another type is no instance of this module's classes (the builtin
            # classes named beside them are decided by the value's type)
            if all(n in self.table.classes for n in names):
                return ir.Const(False, span, BOOL) if not isinstance(
                    self.fi.subst.resolve(v.ty), OptionalT) else None  # type: ignore[arg-type]
            return None
        hit = any(n in info.mro for n in names)
        # a value typed with a class may hold an instance of a class deriving from it
        below = any(n in self.table.classes and info.name in self.table.classes[n].mro[1:]
                    for n in names)
        if isinstance(self.fi.subst.resolve(v.ty), OptionalT):  # type: ignore[arg-type]
            return None if hit or below else ir.Const(False, span, BOOL)
        if below and not hit:
            return None  # a test of the object's class at run time
        return ir.Const(hit, span, BOOL)

    def narrowed(self, t: Type, names: set[str]) -> Type | None:
        """The class `isinstance(x, names)` narrows a value of class type `t` to: the one
        named class deriving from (or being) `t`'s."""
        info = self.table.of(t)
        if info is None or info.is_enum:
            return None
        below = [n for n in names if n in self.table.classes
                 and info.name in self.table.classes[n].mro]
        return self.table.classes[below[0]].type() if len(below) == 1 else None


def _err() -> Type:
    from pycomp.types import ErrT

    return ErrT()


__all__ = ["ClassTable", "ClassTyping", "TupleT"]
