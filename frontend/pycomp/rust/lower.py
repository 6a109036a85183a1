"""Lowering: a typed function to the lowered IR (`pycomp.rust.rir`).

This is the one place that decides how values are passed in the generated
Rust: a value is moved at its last use (`pycomp.rust.ownership`), borrowed
where an op or a callee only reads it, cloned only where Python shares and
the place stays live; loops iterate by reference when the body never needs an
owned item. It also decides evaluation order (temporaries for arguments
evaluated before a `&mut` borrow, chained comparisons evaluating each operand
once) and the control flow of `try`/`finally` (labelled blocks, pending
exceptions, control codes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pycomp import ir, pycollections
from pycomp.alias import live_list_walked, mut_root
from pycomp.diagnostics import InternalError
from pycomp.emit_classes import calls_dunders, same_struct
from pycomp.names import RAISED, instance_handle, rust_exception
from pycomp.opslib import NO_DEFAULT, OpParam
from pycomp.optemplate import Hole, HoleMode, Template, parse_template
from pycomp.rust import rir
from pycomp.rust.ownership import LastUses
from pycomp.rust.rir import Own
from pycomp.scopes import child_blocks, lambda_bound_names, target_names
from pycomp.types import (
    DTYPES,
    NONE,
    BoolT,
    ByteArrayT,
    BytesT,
    CallableT,
    ClassT,
    DequeT,
    DictT,
    DTypeT,
    DynT,
    ExcKindT,
    ExcT,
    FloatT,
    FuncT,
    GenT,
    IntT,
    IterT,
    ListT,
    NdArrayT,
    NoneT,
    OpaqueT,
    OptionalT,
    OutputsT,
    SetT,
    StrT,
    TupleT,
    Type,
    VarTupleT,
    has_dyn,
    is_copy,
    per_thread,
    rust_tuple,
    rust_type,
    static_isinstance,
)

if TYPE_CHECKING:
    from pycomp.emit import ModuleEmitter


# Identifiers and literals are spelled by pycomp.emit's name functions (one place).
def rust_str(s: str) -> str:
    from pycomp.emit import rust_str as spell

    return spell(s)


def rust_bytes(b: bytes) -> str:
    """A bytes value as a Rust `&[u8]` expression (a byte string literal)."""
    body = "".join(chr(c) if 0x20 <= c < 0x7f and c not in b'"\\' else f"\\x{c:02x}"
                   for c in b)
    return f'&b"{body}"[..]'


def rust_float(v: float) -> str:
    from pycomp.emit import rust_float as spell

    return spell(v)


def rust_char(c: str) -> str:
    """A one-character string as a Rust char literal."""
    return "'\\''" if c == "'" else f"'{rust_str(c)[1:-1]}'"


def rust_fn_name(name: str) -> str:
    from pycomp.emit import rust_fn_name as spell

    return spell(name)


def rust_class(name: str) -> str:
    from pycomp.names import rust_class as spell

    return spell(name)


def rust_ident(name: str) -> str:
    from pycomp.emit import _rust_ident as spell

    return spell(name)


@dataclass
class Val:
    """A lowered expression and how it may be used."""

    node: rir.RExpr
    kind: str  # place (an owned variable) | ref (a reference) | temp (an owned temporary)
    ty: Type
    movable: bool = False  # a place at its last use


@dataclass
class TryCtx:
    err: str
    label: str


@dataclass
class FinCtx:
    """An enclosing `try` with `finally`: jumps out of it go through the finally body."""

    label: str
    ctl: str  # 1 break, 2 continue, 3 return
    ret: str  # the pending return value
    loop_depth: int


@dataclass
class LoopCtx:
    label: str | None
    broke_flag: str | None


def _elem_suffix(dtype: object) -> str:
    """The suffix of a dtype's `pcrt::nd_take_*` (`f32`; `f16` for `pcrt::f16`)."""
    return DTYPES[str(dtype)].removeprefix("pcrt::")


def _code(text: str) -> rir.Code:
    return rir.Code(text)


@dataclass
class FnLowerer:
    module: ModuleEmitter
    fn: ir.Function
    out: list[rir.Stmt] = field(default_factory=list)
    tmp: int = 0
    catch: list[TryCtx | None] = field(default_factory=list)  # None marks a closure boundary
    loops: list[LoopCtx] = field(default_factory=list)
    handler_errs: list[str] = field(default_factory=list)
    borrowed: set[str] = field(default_factory=set)
    fins: list[FinCtx] = field(default_factory=list)
    last_uses: LastUses | None = None
    # values already evaluated into temporaries (chained comparisons), by IR node
    bound: list[tuple[ir.Expr, Val]] = field(default_factory=list)
    # loop variables bound by reference, and how often the body needed them owned
    ref_vars: dict[str, int] = field(default_factory=dict)
    # strings indexed inside a loop that does not change them: their `pcrt::StrIndex`
    str_indexes: dict[str, str] = field(default_factory=dict)
    # variables a view borrows from: never moved, so the view stays valid
    pinned: set[str] = field(default_factory=set)
    # how often each variable is assigned, and which are changed in place
    assigned: dict[str, int] = field(default_factory=dict)
    mutated: set[str] = field(default_factory=set)
    # views (`part = words[a:b]`) of a split's `Vec<&str>` (split_view): typed `&[&str]`
    str_pieces: set[str] = field(default_factory=set)
    # `list[str]` parameters taken as `&[&str]` (str_list_views), by Rust name
    str_views: set[str] = field(default_factory=set)
    # `&str` loop variables rebound to parts of themselves (`w = w.strip()`), by Rust name
    narrowed_refs: set[str] = field(default_factory=set)
    # the first statements rebinding a `&str` loop item as a `String` (`_shadowed_first`),
    # by `id`, with the variable's Rust name
    shadows: dict[int, str] = field(default_factory=dict)
    # parameters taken as `&mut` (ownership.mut_params), by Rust name: read through `*`
    mut_params: set[str] = field(default_factory=set)
    # `dict[str, T]` parameters read as `&IndexMap<&str, T>` views, and the nested views
    # their `items()` loops bind (dict_views), by Rust name
    dict_views: set[str] = field(default_factory=set)
    # str locals held as `Cow<str>` (`_cow_strs`): a view of a borrowed string until
    # assigned a built one, by Rust name, and the names whose views they may hold
    cow_strs: set[str] = field(default_factory=set)
    cow_sources: set[str] = field(default_factory=set)
    # local `list[str]`s of parts of strings that outlive them (`_str_view_lists`), held
    # as `Vec<&str>`, by Rust name, with the Rust names of the strings they borrow
    view_lists: dict[str, set[str]] = field(default_factory=dict)
    # str locals only ever assigned a concatenation inside one loop (`_str_buffers`):
    # one `String` made before the loop and rebuilt in place, by Rust name
    str_buffers: set[str] = field(default_factory=set)

    def fresh(self, base: str) -> str:
        self.tmp += 1
        return f"__pc_{base}{self.tmp}"

    def emit(self, s: rir.Stmt) -> None:
        self.out.append(s)

    @contextmanager
    def collect(self) -> Iterator[list[rir.Stmt]]:
        saved = self.out
        self.out = []
        try:
            yield self.out
        finally:
            self.out = saved

    def nested(self, stmts: tuple[ir.Stmt, ...], before: Callable[[], None] | None = None,
               ) -> tuple[rir.Stmt, ...]:
        with self.collect() as body:
            if before is not None:
                before()
            self.block(stmts)
        return tuple(body)

    def comment(self, span_line: int) -> None:
        src = self.module.source_line(span_line)
        if src:
            self.emit(rir.Comment(f"py: {src}"))

    # ------------------------------------------------------------ ownership

    def owned(self, v: Val) -> rir.RExpr:
        """An owned value: moved at its last use, cloned where the place stays live."""
        if v.kind == "temp":
            return v.node
        if isinstance(v.node, rir.Var) and v.node.name in self.ref_vars and not is_copy(v.ty):
            self.ref_vars[v.node.name] += 1
        if is_copy(v.ty):
            if v.kind == "ref" and isinstance(v.node, rir.Borrow):
                return v.node.value
            if v.kind == "ref" and isinstance(v.node, rir.Var) and v.node.name in self.ref_vars:
                return rir.Owned(v.node, Own.DEREF)
            return v.node
        if v.kind == "ref" and isinstance(v.node, rir.Code) and v.node.text.startswith("(&*"):
            # a lazily built module constant, `(&*C)`: `(*C).clone()` (clippy: needless borrow)
            return rir.Owned(rir.Code(f"(*{v.node.text[3:]}"), Own.CLONE)
        if v.kind == "ref":
            return rir.Owned(v.node, Own.TO_OWNED)
        return rir.Owned(v.node, Own.MOVE if v.movable else Own.CLONE)

    def borrow(self, v: Val) -> rir.RExpr:
        if v.kind == "ref":
            return v.node
        return rir.Borrow(v.node)

    def prop(self, node: rir.RExpr) -> rir.RExpr:
        """Propagate a PyResult: `?`, or into the innermost enclosing `try`."""
        ctx = self.catch[-1] if self.catch else None
        if ctx is None:
            return rir.Try(node)
        return rir.Try(node, ctx.err, ctx.label)

    def raise_stmts(self, err: rir.RExpr) -> tuple[rir.Stmt, ...]:
        ctx = self.catch[-1] if self.catch else None
        if ctx is None:
            return (rir.Return(rir.Call("Err", (err,))),)
        return (rir.Assign(_code(ctx.err), rir.Call("Some", (err,))), rir.Break(ctx.label))

    # -------------------------------------------------------- expressions

    def expr(self, e: ir.Expr) -> Val:
        ty = e.ty
        if ty is None:
            raise InternalError(f"untyped {type(e).__name__} reached the emitter", e.span)
        for node, val in self.bound:
            # the same operand (one source span), possibly rebuilt by a later pass
            if node is e or node == e:
                return val
        match e:
            case ir.Const(value=bytes() as v):
                return Val(rir.Call("pcrt::Bytes::from", (_code(rust_bytes(v)),)), "temp", ty)
            case ir.Const(value=v):
                return Val(_code(self.const(v, ty)), "temp" if not isinstance(v, str) else "ref",
                           ty)
            case ir.Name(rust=rust, kind=kind):
                assert rust is not None
                if kind == "const" and (isinstance(ty, OpaqueT)
                                        or rust in self.module.raising_consts):
                    # a resource, or a constant whose computation may raise: made on first
                    # use; the error it raised then is raised at each use
                    made = self.prop(rir.MethodCall(
                        rir.MethodCall(_code(rust), "as_ref"), "map_err",
                        (_code("|e| e.clone()"),)))
                    if is_copy(ty):
                        return Val(rir.Owned(made, Own.DEREF), "temp", ty)
                    return Val(made, "ref", ty)
                if kind == "const" and per_thread(ty):
                    # this thread's copy (ModuleEmitter.per_thread); instances are shared
                    return Val(self.prop(rir.MethodCall(_code(rust), "with", (
                        _code("|v| v.clone()"),))), "temp", ty)
                if kind == "const":
                    return self.module.const_ref(rust, ty)
                if kind == "param" and rust in self.borrowed:
                    return Val(rir.Var(rust), "ref", ty)
                if kind in ("param", "local") and rust in self.mut_params:
                    # the caller's object, changed in place: never moved out
                    return Val(rir.Owned(rir.Var(rust), Own.DEREF), "place", ty)
                if kind == "narrowed_dyn":
                    return self.narrowed_dyn(rust, ty)
                if kind == "narrowed":
                    # an optional checked by `is not None` just before: the check guarantees it
                    if is_copy(ty):
                        return Val(rir.MethodCall(rir.Var(rust), "expect",
                                                  (_code('"checked not None"'),)), "temp", ty)
                    return Val(rir.MethodCall(rir.MethodCall(rir.Var(rust), "as_ref"), "expect",
                                              (_code('"checked not None"'),)), "ref", ty)
                if rust in self.ref_vars:
                    return Val(rir.Var(rust), "ref", ty)
                if rust in self.cow_strs:
                    return Val(rir.MethodCall(rir.Var(rust), "as_ref"), "ref", ty)
                movable = self.last_uses is not None and self.last_uses.may_move(e) \
                    and rust not in self.pinned
                return Val(rir.Var(rust), "place", ty, movable)
            case ir.OpCall():
                trimmed = self.trim_receiver(e)
                if trimmed is not None:
                    return trimmed
                view = self.opcall_ref(e)
                if view is not None:
                    return Val(view, "ref", ty)
                return Val(self.opcall(e), "temp", ty)
            case ir.UserCall(callee=ir.Lambda() as lam, args=args):
                # a lambda variable called: the closure, then the call (arguments first)
                parts = tuple(self.owned(self.expr(a)) for a in args)
                f = self.fresh("lambda")
                return Val(rir.Block((rir.Let(f, self.lambda_(lam)),),
                                     self.prop(rir.Call(f, parts))), "temp", ty)
            case ir.UserCall(callee=ir.Name(rust=rust, ty=FuncT()) as callee, args=args):
                # a variable holding a function value: its arguments as one tuple
                parts = tuple(self.owned(self.expr(a)) for a in args)
                return Val(self.prop(rir.MethodCall(self.expr(callee).node, "call", (
                    rir.TupleExpr(parts),))), "temp", ty)
            case ir.UserCall(callee=ir.Name(rust=rust), args=args):
                # a `Callable` parameter: a `&dyn Fn` taking owned arguments
                assert rust is not None
                return Val(self.prop(rir.Call(rust, tuple(self.owned(self.expr(a))
                                                          for a in args))), "temp", ty)
            case ir.UserCall(callee=callee, args=args) if callee is not None:
                # `table[op](a, b)`: the function value first, then the arguments
                f = self.fresh("f")
                fv = self.owned(self.expr(callee))
                parts = tuple(self.owned(self.expr(a)) for a in args)
                return Val(rir.Block((rir.Let(f, fv),), self.prop(rir.MethodCall(
                    rir.Var(f), "call", (rir.TupleExpr(parts),)))), "temp", ty)
            case ir.UserCall(func=func, args=args, order=order, spread=spread):
                call = self.user_call(func, args, order=order, spread=spread)
                if isinstance(ty, IterT):
                    # a function returning an iterator (`__iter__`) hands over its items
                    call = rir.MethodCall(call, "into_iter")
                return Val(call, "temp", ty)
            case ir.Coerce(value=value, method=method) if method:
                receiver = rir.Call(f"pcrt::obj_receiver::<{rust_type(ty)}>",
                                    (self.owned(self.expr(value)), _code(rust_str(method))))
                return Val(self.prop(receiver), "temp", ty)
            case ir.Coerce(value=value):
                return Val(self.coerce(value, ty), "temp", ty)
            case ir.UnaryOp(op="not", operand=x):
                return Val(rir.Not(self.expr(x).node), "temp", ty)
            case ir.BoolOp():
                return Val(self.boolop(e), "temp", ty)
            case ir.Compare():
                return Val(self.chained_compare(e), "temp", ty)
            case ir.IfExp(test=t, body=b, orelse=o):
                return Val(rir.IfExpr(self.expr(t).node, self.owned(self.expr(b)),
                                      self.owned(self.expr(o))), "temp", ty)
            case ir.Subscript(value=value, index=ir.Const(value=i)):
                assert isinstance(i, int)
                base = self.expr(value)
                if base.kind == "temp":
                    return Val(rir.Field(base.node, i), "temp", ty)
                if base.kind == "place":
                    return Val(rir.Field(base.node, i), "place", ty)
                return Val(rir.Owned(rir.Field(base.node, i), Own.CLONE), "temp", ty)
            case ir.ListLit(elts=elts):
                if not elts:
                    assert isinstance(ty, ListT)
                    return Val(_code(f"Vec::<{rust_type(ty.item)}>::new()"), "temp", ty)
                return Val(rir.Macro("vec", tuple(self.owned(self.expr(x)) for x in elts), "[]"),
                           "temp", ty)
            case ir.SetLit(elts=elts):
                if not elts:
                    assert isinstance(ty, SetT)
                    return Val(_code(f"IndexSet::<{rust_type(ty.item)}>::default()"), "temp", ty)
                assert isinstance(ty, SetT)
                return Val(self.dunder_checked(rir.Call("IndexSet::from_iter", (rir.Macro(
                    "", tuple(self.owned(self.expr(x)) for x in elts), "[]"),)), ty.item),
                    "temp", ty)
            case ir.DictLit(keys=keys, values=values):
                assert isinstance(ty, DictT)
                if not keys:
                    return Val(_code(f"IndexMap::<{rust_type(ty.key)}, "
                                     f"{rust_type(ty.value)}>::default()"), "temp", ty)
                pairs = tuple(rir.TupleExpr((self.owned(self.expr(k)), self.owned(self.expr(v))))
                              for k, v in zip(keys, values))
                return Val(self.dunder_checked(
                    rir.Call("IndexMap::from_iter", (rir.Macro("", pairs, "[]"),)), ty.key), "temp", ty)
            case ir.TupleLit(elts=elts):
                return Val(rir.TupleExpr(tuple(self.owned(self.expr(x)) for x in elts)), "temp",
                           ty)
            case ir.Comprehension() if isinstance(ty, GenT):
                return Val(self.lazy_comprehension(e, ty), "temp", ty)
            case ir.Comprehension(kind="dict" | "set"):
                assert isinstance(ty, (DictT, SetT))
                key = ty.key if isinstance(ty, DictT) else ty.item
                return Val(self.dunder_checked(self.comprehension(e), key), "temp", ty)
            case ir.Comprehension():
                return Val(self.comprehension(e), "temp", ty)
            case ir.Lambda():
                return Val(self.lambda_(e), "temp", ty)
            case ir.FString(parts=parts):
                return Val(self.fstring(parts), "temp", ty)
            case ir.IsInstance(value=v, classes=classes):
                return Val(self.isinstance_(v, classes), "temp", ty)
            case ir.DTypeLit():
                return Val(_code("()"), "temp", ty)
            case ir.SessionRun(session=sess, output_names=names, feeds=feeds, spreads=spreads):
                sv = self.expr(sess)
                names_code: rir.RExpr = _code("None") if names is None else rir.Call(
                    "Some", (rir.Macro("vec", tuple(
                        rir.Call("String::from", (_code(rust_str(n)),)) for n in names), "[]"),))

                def literal(run: tuple[tuple[str, ir.Expr], ...]) -> rir.RExpr:
                    return rir.Macro("vec", tuple(
                        rir.TupleExpr((_code(rust_str(n)), rir.Call(
                            "pcrt::NdRef::from", (self.borrow(self.expr(v)),))))
                        for n, v in run), "[]")

                feeds_code = literal(feeds)
                if spreads:
                    # `{..., **past}`: the pieces in order, a later name replacing an earlier
                    pieces: list[rir.RExpr] = []
                    start = 0
                    for at, d in spreads:
                        if at > start:
                            pieces.append(literal(feeds[start:at]))
                        pieces.append(rir.Call("pcrt::feeds_of", (self.borrow(self.expr(d)),)))
                        start = at
                    if start < len(feeds):
                        pieces.append(literal(feeds[start:]))
                    feeds_code = rir.Call("pcrt::feeds_merge",
                                          (rir.Macro("vec", tuple(pieces), "[]"),))
                return Val(self.prop(rir.Call("pcrt::session_run",
                                              (self.borrow(sv), names_code, feeds_code))),
                           "temp", ty)
            case ir.OutputTake(value=v, index=i):
                assert isinstance(ty, NdArrayT)
                return Val(self.prop(rir.Call(f"pcrt::nd_take_{_elem_suffix(ty.dtype)}", (
                    self.borrow(self.expr(v)), _code(str(i))))), "temp", ty)
            case ir.NdIndex(value=value, items=items):
                return Val(self.nd_index(value, items), "temp", ty)
            case ir.FieldGet(value=obj, attr=attr):
                # read without holding the object's borrow past the read
                read: rir.RExpr = rir.Field(rir.Var("o"), rust_ident(attr))
                if not is_copy(ty):
                    read = rir.Owned(read, Own.CLONE)
                return Val(rir.MethodCall(self.expr(obj).node, "get", (
                    rir.Closure((("o", ""),), "", read),)), "temp", ty)
            case ir.New(init=init, args=args, order=order, spread=spread):
                assert isinstance(ty, ClassT)
                struct = rir.Call(f"{instance_handle(ty.name)}::new",
                                  (_code(self.module.families.new_fields(ty.name)),))
                if init is None:
                    return Val(struct, "temp", ty)
                fresh = self.fresh("o")
                call = self.user_call(init, args, receiver=rir.Owned(rir.Var(fresh), Own.CLONE),
                                      order=order, spread=spread)
                return Val(rir.Block((rir.Let(fresh, struct), rir.ExprStmt(call)),
                                     rir.Var(fresh)), "temp", ty)
            case ir.EnumMember(member=m):
                return Val(_code(f"{rust_type(ty)}::{rust_ident(m)}"), "temp", ty)
            case ir.EnumOp():
                return Val(self.enum_op(e), "temp", ty)
            case ir.ObjIs(left=a, right=b):
                av, bv = self.expr(a), self.expr(b)
                if isinstance(av.ty, OptionalT) and isinstance(bv.ty, OptionalT) and \
                        not self.may_be_one(av.ty.item, bv.ty.item):
                    # optionals of unrelated types: one object when both are None
                    return Val(rir.Template("is", (
                        "(", self.borrow(av), ").is_none() & (", self.borrow(bv), ").is_none()")),
                        "temp", ty)
                if not self.may_be_one(av.ty, bv.ty):
                    # values of unrelated types are never one object; both are evaluated
                    effects = tuple(rir.Let("_", self.owned(v)) for v, x in ((av, a), (bv, b))
                                    if not isinstance(x, (ir.Name, ir.Const)))
                    return Val(rir.Block(effects, _code("false")) if effects else
                               _code("false"), "temp", ty)
                if is_copy(av.ty):
                    return Val(rir.Template("is", (self.owned(av), " == ", self.owned(bv))),
                               "temp", ty)
                return Val(rir.MethodCall(av.node, "is", (self.borrow(bv),)), "temp", ty)
        raise InternalError(f"cannot emit {type(e).__name__}", e.span)

    def may_be_one(self, a: Type, b: Type) -> bool:
        """Whether values of types `a` and `b` may be one object: one Rust type, or
        classes of one family (a subclass's struct is its root's)."""
        if isinstance(a, ClassT) and isinstance(b, ClassT) and not a.enum and not b.enum:
            family = self.module.families
            return family.root(a.name) == family.root(b.name)
        return rust_type(a) == rust_type(b)

    def enum_op(self, e: ir.EnumOp) -> rir.RExpr:
        enum = rust_class(e.cls)
        arg = self.expr(e.arg) if e.arg is not None else None
        match e.kind:
            case "members":
                return rir.MethodCall(_code(f"{enum}::MEMBERS"), "to_vec")
            case "by_value":
                assert arg is not None
                v = self.borrow(arg) if isinstance(arg.ty, StrT) else self.owned(arg)
                return self.prop(rir.Call(f"{enum}::from_value", (v,)))
            case "by_name":
                assert arg is not None
                return self.prop(rir.Call(f"{enum}::from_name", (self.borrow(arg),)))
        assert arg is not None
        x = self.owned(arg)
        match e.kind:
            case "name":
                return rir.Call("String::from", (rir.MethodCall(x, "name"),))
            case "value":
                return rir.MethodCall(x, "value")
            case "repr":
                return rir.Call("pcrt::PyRepr::py_repr", (rir.Borrow(x),))
        return rir.Call("pcrt::PyRepr::py_str", (rir.Borrow(x),))

    def narrowed_dyn(self, rust: str, ty: Type) -> Val:
        """A dynamic value read after `isinstance(x, cls)` checked its class."""
        obj = (rir.Borrow(rir.Var(rust)),)
        match ty:
            case StrT():
                return Val(rir.Call("pcrt::obj_as_str", obj), "ref", ty)
            case ListT():
                return Val(rir.Call("pcrt::obj_as_list", obj), "ref", ty)
            case DictT():
                return Val(rir.Call("pcrt::obj_as_dict", obj), "ref", ty)
            case FloatT():
                return Val(rir.Call("pcrt::obj_as_float", obj), "temp", ty)
            case BoolT():
                return Val(rir.Call("pcrt::obj_as_bool", obj), "temp", ty)
            case IntT():
                return Val(self.prop(rir.Call("pcrt::obj_as_int", obj)), "temp", ty)
        raise InternalError(f"cannot narrow a dynamic value to {ty}")

    def body_ret(self) -> Type:
        """What a `return` in the body returns: nothing, in a generator."""
        assert self.fn.returns is not None
        return NONE if self.fn.is_generator else self.fn.returns

    def nd_index(self, value: ir.Expr, items: tuple[ir.Expr, ...]) -> rir.RExpr:
        parts: list[rir.RExpr] = []
        for it in items:
            match it:
                case ir.SliceItem(lower=lo, upper=up, step=st):
                    b = tuple(rir.Call("Some", (self.owned(self.expr(x)),)) if x is not None
                              else _code("None") for x in (lo, up, st))
                    parts.append(rir.Call("pcrt::NdIx::Slice", b))
                case ir.EllipsisLit():
                    parts.append(_code("pcrt::NdIx::Ellipsis"))
                case ir.Const(value=None):
                    parts.append(_code("pcrt::NdIx::NewAxis"))
                case _:
                    parts.append(rir.Call("pcrt::NdIx::Index", (self.owned(self.expr(it)),)))
        base = self.borrow(self.expr(value))
        ixs = rir.Borrow(rir.Macro("", tuple(parts), "[]"))
        return self.prop(rir.Call("pcrt::nd_index", (base, ixs)))

    def const(self, v: object, ty: Type) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return f"{v}_i64"
        if isinstance(v, float):
            # a negative literal is parenthesised by the printer where it needs to be
            return rust_float(v).removeprefix("(").removesuffix(")")
        if isinstance(v, str):
            return rust_str(v)
        if isinstance(ty, OptionalT):
            return "None"
        return "()"

    def coerce(self, value: ir.Expr, target: Type) -> rir.RExpr:
        if isinstance(target, FuncT):
            assert isinstance(value, ir.Lambda)
            return self.function_value(value, target)
        if isinstance(target, DynT) and isinstance(value, ir.TupleLit) and not value.elts:
            return _code("pcrt::Obj::Tuple(Vec::new())")  # Rust's `()` would be None
        v = self.expr(value)
        if isinstance(target, TupleT) and isinstance(v.ty, TupleT) and \
                len(target.items) == len(v.ty.items) and all(
                    src == dst or isinstance(dst, OptionalT) and src == dst.item
                    for src, dst in zip(v.ty.items, target.items)):
            # `k, v = d.popitem()` with `k: str | None`: each item converted on its own
            t = self.fresh("t")
            return rir.Block((rir.Let(t, self.owned(v)),), rir.TupleExpr(tuple(
                rir.Field(rir.Var(t), i) if src == dst else
                rir.Call("Some", (rir.Field(rir.Var(t), i),))
                for i, (src, dst) in enumerate(zip(v.ty.items, target.items)))))
        src = v.ty
        if isinstance(target, DynT):
            return rir.Call("pcrt::IntoObj::into_obj", (self.owned(v),))
        if isinstance(src, DynT):
            return self.prop(rir.Call(f"pcrt::obj_cast::<{rust_type(target)}>", (self.owned(v),)))
        if has_dyn(src) or has_dyn(target):
            return self.prop(rir.Call(f"pcrt::obj_convert::<_, {rust_type(target)}>",
                                      (self.owned(v),)))
        if isinstance(src, ExcT) and isinstance(target, ExcT):
            return self.owned(v)  # a caught exception where any exception is declared
        if isinstance(src, ExcT) and isinstance(target, ClassT):
            # a caught exception's fields (`e.field`)
            return self.prop(rir.Call(f"pcrt::exc_state::<{rust_class(target.name)}>",
                                      (self.borrow(v),)))
        if isinstance(src, NdArrayT) and isinstance(target, (FloatT, IntT, BoolT)):
            # a numpy scalar where a number is declared
            fn = {FloatT: "nd_float", IntT: "nd_int", BoolT: "nd_truth"}[type(target)]
            return self.prop(rir.Call(f"pcrt::{fn}", (self.borrow(v),)))
        if isinstance(src, OptionalT) and not isinstance(target, OptionalT):
            # a field tested not None and unchanged since (infer's `field_narrowing`)
            return rir.MethodCall(self.owned(v), "expect", (_code('"checked not None"'),))
        if isinstance(target, FloatT):
            if isinstance(value, ir.Const) and type(value.value) is int:
                return _code(self.const(float(value.value), target))  # an int literal
            if isinstance(src, BoolT):
                return rir.Call("f64::from", (self.owned(v),))
            return rir.Cast(self.owned(v), "f64")
        if isinstance(target, IntT) and isinstance(src, BoolT):
            return rir.Call("i64::from", (self.owned(v),))
        if same_struct(src, target):
            return self.owned(v)  # a class to a class it derives from: one Rust struct
        if isinstance(target, VarTupleT) and isinstance(src, TupleT):
            # a fixed tuple of one item type as a tuple of any length
            return rir.Call("pcrt::Tuple::from_iter", (self.tuple_items(v, src.items),))
        if isinstance(target, OptionalT):
            if isinstance(src, NoneT):
                return _code("None")
            return rir.Call("Some", (self.owned(v),))
        if isinstance(target, SetT) and isinstance(src, SetT) and target.kind == "frozenset":
            # a set op's result whose left operand is a frozenset (infer's `try_op`)
            return rir.Call("pcrt::FrozenSet", (self.owned(v),))
        raise InternalError(f"cannot coerce {src} to {target}", value.span)

    def trim_receiver(self, call: ir.OpCall) -> Val | None:
        """An op with both a `rust_owned` and a `rust_ref` form (`strip`, `removeprefix`:
        the result is a part of `self`): `self`'s buffer trimmed in place when it is a
        temporary or a last use, else a sub-slice of it (no copy; a use that keeps the
        result copies it there). Liveness never moves a variable read twice in one
        statement, so the slice's borrow cannot meet a move of its string."""
        op = call.op
        owned_tpl = op.owned_template
        recv = dict(call.args).get("self")
        if owned_tpl is None or op.ref_template is None or recv is None \
                or isinstance(recv, ir.FieldGet) or call.ty is None:
            return None
        v = self.expr(recv)
        if v.kind == "temp" or v.movable:
            return Val(self.opcall(call, {"self": self.owned(v)}, owned_tpl), "temp", call.ty)
        view = self.opcall_ref(call, {"self": self.borrow(v)})
        if view is not None:
            return Val(view, "ref", call.ty)
        return Val(self.opcall(call, {"self": self.borrow(v)}), "temp", call.ty)

    def cow_result(self, e: ir.Expr) -> rir.RExpr | None:
        """`e` by the op's `rust_cow` form (a `Cow<str>`: no copy when the result equals
        the input, as `lower()` of lowercase text) when it has one and its receiver is
        borrowed (neither a temporary nor a last use, which the owned form reuses). The
        caller only reads the result, before the statement ends."""
        if not isinstance(e, ir.OpCall) or e.op.cow_template is None:
            return None
        recv = dict(e.args).get("self")
        if not isinstance(recv, ir.Name):
            return None
        v = self.expr(recv)
        if v.kind == "temp" or v.movable:
            return None
        return self.opcall(e, {"self": self.borrow(v)}, e.op.cow_template)

    def opcall_ref(self, call: ir.OpCall, override: dict[str, rir.RExpr] | None = None,
                   ) -> rir.RExpr | None:
        """The op's `rust_ref` form (a reference into `self`, no copy), where it has one,
        the result is not `Copy` and the parameters it leaves out are None."""
        op = call.op
        tpl = op.ref_template
        if tpl is None or not _ref_form_applies(call):
            return None
        recv = dict(call.args).get("self")
        if isinstance(recv, ir.FieldGet) and self.borrowed_field(call, op.template):
            return None  # an item copied out of the field read in place (`opcall`)
        if op.name == "getitem" and isinstance(recv, ir.Name) and recv.rust in self.str_views:
            # an item of a `list[str]` taken as `&[&str]` (str_list_views): the `&str`
            return self.prop(rir.Call("pcrt::list_str_item", (
                rir.Var(recv.rust), self.owned(self.expr(call.args[1][1])))))
        if op.name == "getitem" and isinstance(recv, ir.Name) and recv.rust in self.str_indexes:
            index = self.owned(self.expr(call.args[1][1]))
            return self.prop(rir.MethodCall(rir.Var(self.str_indexes[recv.rust]), "at",
                                            (index,)))
        return self.opcall(call, override, template=tpl)

    def opcall(self, call: ir.OpCall, override: dict[str, rir.RExpr] | None = None,
               template: Template | None = None) -> rir.RExpr:
        op = call.op
        args = dict(call.args)
        tvars = dict(call.tvars)
        params = {p.name: p for p in op.params}
        tpl = template or op.template
        override = dict(override or {})
        prelude: list[rir.Stmt] = []
        recv = args.get("self")
        if op.file == "dict.toml" and "key" in args and "key" not in override \
                and isinstance(recv, ir.Name) and recv.rust in self.dict_views:
            # a view's keys are `&str`: the key looked up as one; a case map or replace
            # of a borrowed string (`w.lower() in vocab`) as a `Cow`, read to the end of
            # the statement (a dict op's result never borrows its key)
            cow = self.cow_result(args["key"])
            override["key"] = rir.Call("pcrt::view_key", (
                self.borrow(self.expr(args["key"])) if cow is None else rir.Borrow(cow),))
        if op.name == "list.append" and isinstance(recv, ir.Name) \
                and recv.rust in self.view_lists and "x" in args:
            override["x"] = self.borrow(self.expr(args["x"]))  # a `Vec<&str>`: the part itself
        in_place = None if template is not None or tpl.mutates_any else \
            self.borrowed_field(call, tpl)
        if in_place is not None:
            # the op inside the object's `get` (below), its other arguments evaluated there
            fields_of = self.expr(in_place[1].value).node
            override[in_place[0]] = rir.Borrow(rir.Field(rir.Var(FIELDS_VAR),
                                                         rust_ident(in_place[1].attr)))
        if template is None and op.plain_template is not None and _plain_order(call):
            tpl = op.plain_template
        owned_tpl = op.owned_template
        if template is None and owned_tpl is not None and "self" in args \
                and "self" not in override and tpl.mode("self") is HoleMode.BORROW:
            # `self` by value when it is a temporary or a last use: its buffer is reused
            v = self.expr(args["self"])
            if v.kind == "temp" or v.movable:
                tpl = owned_tpl
                override["self"] = self.owned(v)
            else:
                override["self"] = self.borrow(v)
        if tpl.mutates_any:
            # Evaluate the other arguments, in order, before taking the `&mut` borrow.
            for pname, given in list(override.items()):
                if pname != "self" and not isinstance(given, (rir.Var, rir.Code)):
                    tmp = self.fresh("a")
                    prelude.append(rir.Let(tmp, given))
                    override[pname] = rir.Var(tmp)
            for pname, a in call.args:
                if pname == "self" or pname in override or isinstance(a, (ir.Lambda, ir.Const)):
                    continue
                mode = tpl.mode(pname)
                if mode is HoleMode.ITER and isinstance(recv, ir.Name) and any(
                        isinstance(n, ir.Name) and n.id == recv.id for n in ir.walk(a)):
                    # items read from the object the op changes (`out.extend(out[:2])`):
                    # copied first, as CPython takes them before extending
                    v = self.expr(a)
                    tmp = self.fresh("a")
                    prelude.append(rir.Let(tmp, self.owned(v)))
                    override[pname] = self.iterate(Val(rir.Var(tmp), "place", v.ty, True))
                    continue
                if mode in (None, HoleMode.BORROW_MUT, HoleMode.FN, HoleMode.ITER,
                            HoleMode.ITER_REF, HoleMode.BORROW_OPT):
                    continue
                v = self.expr(a)
                if mode is HoleMode.BORROW and v.kind in ("place", "ref") and isinstance(
                        v.node, rir.Var) and not isinstance(a, ir.Name):
                    continue
                tmp = self.fresh("a")
                if mode is HoleMode.BORROW and v.kind == "ref":
                    prelude.append(rir.Let(tmp, v.node))
                    override[pname] = rir.Var(tmp)
                else:
                    prelude.append(rir.Let(tmp, self.owned(v)))
                    override[pname] = rir.Borrow(rir.Var(tmp)) if mode is HoleMode.BORROW \
                        else rir.Var(tmp)

        def fill(h: Hole) -> rir.RExpr:
            name = h.name
            if h.mode is HoleMode.KINDS:
                return _code(pycollections.kinds_marker(tvars[name]))
            if h.mode is HoleMode.TYPE or name not in params:
                if name in tvars:
                    tv = tvars[name]
                    if isinstance(tv, DTypeT) and isinstance(tv.name, str):
                        return _code(DTYPES[tv.name])
                    return _code(rust_type(tv))
                raise InternalError(f"op {op.name}: unknown placeholder {name}", call.span)
            if name in override:
                return override[name]
            p = params[name]
            if name not in args:
                return _code(self.default(p, h.mode))
            a = args[name]
            if p.is_path and isinstance(a, ir.Const) and isinstance(a.value, str):
                asset = self.module.asset_name(a.value)
                return rir.Borrow(rir.Call("pcrt::asset_path", (_code(rust_str(asset)),
                                                                _code(rust_str(a.value)))))
            if h.mode is HoleMode.FN or isinstance(a, ir.Lambda):
                return self.expr(a).node
            if h.mode is HoleMode.BORROW_OPT:
                return self.borrow_optional(a)
            if h.mode is HoleMode.BORROW_MUT:
                return self.place_mut(a)
            if h.mode is HoleMode.BORROW and template is None and in_place is None \
                    and not tpl.mutates_any:
                # read by this op only, to the end of the statement: a `Cow` suffices
                cow = self.cow_result(a)
                if cow is not None:
                    return rir.MethodCall(cow, "as_ref")
            v = self.expr(a)
            if h.mode is HoleMode.BORROW:
                return self.borrow(v)
            if h.mode is HoleMode.ITER:
                return self.iterate(v)
            if h.mode is HoleMode.ITER_REF:
                return self.iterate_read(v)
            return self.owned(v)

        # An argument the op's template does not use (`min(xs, default=None)`'s form without
        # a default) is still evaluated, as CPython evaluates every argument: it may raise.
        for pname, a in call.args:
            if tpl.hole(pname) is None and pname not in override and _may_raise(a):
                prelude.append(rir.Let("_", self.owned(self.expr(a))))
        filled = tuple(p if isinstance(p, str) else fill(p) for p in tpl.parts)
        holes = [p for p in filled if not isinstance(p, str)]
        node: rir.RExpr = rir.Template(op.name, filled)
        if len(holes) == 1 and all(not isinstance(p, str) or p.strip() in ("", "(", ")")
                                   for p in filled):
            node = holes[0]  # an identity template (`int(x)` of an int)
        if in_place is not None:
            # the object is borrowed for the op only
            node = rir.MethodCall(fields_of, "get", (rir.Closure(
                ((FIELDS_VAR, ""),), "", node),))
        if prelude or tpl.mutates_any and any(_through_field(a) for _, a in call.args):
            node = rir.Block(tuple(prelude), node)
        if any(calls_dunders(a.ty) for _, a in call.args if a.ty is not None):
            # the op may reach compiled dunders through Rust traits: their exception
            if op.raises:
                return self.prop(rir.Call("pcrt::dunder_checked_result", (node,)))
            if isinstance(call.ty, NoneT):  # `list.sort()`: run it, then check
                return self.prop(rir.Block((rir.ExprStmt(node),), rir.Call(
                    "pcrt::dunder_checked", (_code("()"),))))
            return self.prop(rir.Call("pcrt::dunder_checked", (node,)))
        if op.raises:
            node = self.prop(node)
        return node

    def borrowed_field(self, call: ir.OpCall, tpl: Template
                       ) -> tuple[str, ir.FieldGet] | None:
        """An argument the op borrows that is a field of an object (`tok in self.stoi`,
        `len(self.items)`, `self.vocab[w]`), read in place inside the object's `get`
        instead of copied: (the parameter, the field read). While the object is
        borrowed nothing may change it: the op calls no compiled code (no function
        argument, no dunder-calling value), the other arguments are `quiet`, and neither
        they nor the template have a `?` (inside the closure): `_inline`, plain values and
        references (no iterator or optional holes).
        """
        if any(h.mode not in (HoleMode.OWN, HoleMode.BORROW, HoleMode.TYPE)
               for h in tpl.holes) or any(isinstance(p, str) and ("?" in p or "return" in p)
                                          for p in tpl.parts):
            return None
        if not _quiet(call) or not all(_inline(a) for _, a in call.args):
            return None
        for name, a in call.args:
            if tpl.mode(name) is HoleMode.BORROW and isinstance(a, ir.FieldGet) and \
                    a.ty is not None and not is_copy(a.ty):
                return name, a
        return None

    def dunder_checked(self, node: rir.RExpr, key: Type) -> rir.RExpr:
        """`node` builds a dict or set: hashing keys of type `key` may run compiled
        `__hash__`/`__eq__`, whose exception is raised here."""
        return self.prop(rir.Call("pcrt::dunder_checked", (node,))) if calls_dunders(key) \
            else node

    def borrow_optional(self, a: ir.Expr) -> rir.RExpr:
        """An optional argument read through (`{opt &x}`): `Option<&T>`, the value
        itself borrowed (a literal stays a `&'static str`)."""
        if isinstance(a, ir.Coerce) and a.value.ty is not None \
                and not isinstance(a.value.ty, OptionalT):
            if isinstance(a.value.ty, NoneT):
                return _code("None")
            inner = self.borrow(self.expr(a.value))
            return rir.Call(f"Some::<{borrowed_type(a.value.ty)}>", (inner,))
        if isinstance(a, ir.Const) and (a.value is None or isinstance(a.value, str)):
            return _code("None" if a.value is None else f"Some({rust_str(a.value)})")
        return rir.MethodCall(self.borrow(self.expr(a)), "as_deref")

    def default(self, p: OpParam, mode: HoleMode) -> str:
        d = p.default
        t = p.type
        if d is NO_DEFAULT:
            raise InternalError(f"parameter {p.name} has no default")
        if d is None and isinstance(t, DynT):
            return "pcrt::Obj::None"
        if d is None and mode is HoleMode.BORROW_OPT:
            return "None"
        if d is None:
            # spelled with its type, so that `None.as_deref()` and the like infer
            try:
                return f"None::<{rust_type(t.item)}>" if isinstance(t, OptionalT) else "None"
            except ValueError:
                return "None"
        inner = t.item if isinstance(t, OptionalT) else t
        if isinstance(d, bool):
            lit = "true" if d else "false"
        elif isinstance(d, int):
            lit = f"{d}_i64" if d >= 0 else f"({d}_i64)"
        elif isinstance(d, float):
            lit = rust_float(d)
        elif isinstance(d, str):
            lit = rust_str(d) if mode in (HoleMode.BORROW, HoleMode.BORROW_OPT) \
                else f"String::from({rust_str(d)})"
        else:
            raise InternalError(f"unsupported default {d!r}")
        if isinstance(t, OptionalT) and not isinstance(inner, OptionalT):
            return f"Some({lit})"
        return lit

    def iterate(self, v: Val) -> rir.RExpr:
        """An iterator of owned items over any iterable value."""
        t = v.ty
        match t:
            case IterT():
                return v.node
            case StrT():
                return rir.Call("pcrt::str_iter", (self.borrow(v),))
            case BytesT() | ByteArrayT():
                return rir.Call("pcrt::bytes_iter", (self.borrow(v),))
            case ListT() | SetT() | DequeT():
                if v.kind == "temp" or v.movable:
                    return rir.MethodCall(v.node, "into_iter")
                return rir.MethodCall(rir.MethodCall(v.node, "iter"),
                                      "copied" if is_copy(t.item) else "cloned")
            case DictT():
                if v.kind == "temp" or v.movable:
                    return rir.MethodCall(v.node, "into_keys")
                return rir.MethodCall(rir.MethodCall(v.node, "keys"),
                                      "copied" if is_copy(t.key) else "cloned")
            case TupleT(items):
                return self.tuple_items(v, items)
            case VarTupleT(item):
                # shared items: read through a reference, each copied
                return rir.MethodCall(rir.MethodCall(self.borrow(v), "iter"),
                                      "copied" if is_copy(item) else "cloned")
            case DynT():
                return self.prop(rir.Call("pcrt::obj_iter", (self.owned(v),)))
            case NdArrayT():
                return self.prop(rir.Call("pcrt::nd_iter", (self.borrow(v),)))
            case GenT():
                # a builtin consuming the whole generator (list, sum, sorted, join ...):
                # the first exception it raises is raised instead
                return rir.MethodCall(self.prop(rir.Call("pcrt::gen_collect", (self.owned(v),))),
                                      "into_iter")
        raise InternalError(f"cannot iterate over {t}")

    def tuple_items(self, v: Val, items: tuple[Type, ...]) -> rir.RExpr:
        """An iterator of owned items over a tuple of one item type: a temporary tuple is
        bound once and its items moved; a live one (a variable, a module constant) gives
        clones."""
        if v.kind == "temp" or v.movable:
            stmts: tuple[rir.Stmt, ...] = ()
            base = v.node
            if v.kind == "temp":
                name = self.fresh("tuple")
                stmts, base = (rir.Let(name, v.node),), rir.Var(name)
            fields = tuple(rir.Field(base, i) for i in range(len(items)))
            return rir.MethodCall(rir.Block(stmts, rir.Macro("", fields, "[]")), "into_iter") \
                if stmts else rir.MethodCall(rir.Macro("", fields, "[]"), "into_iter")
        base = v.node
        if isinstance(base, rir.Code) and base.text.startswith("(&*"):
            base = rir.Code(f"(*{base.text[3:]}")  # a module constant (clippy: needless borrow)
        return rir.MethodCall(rir.Macro("", tuple(
            rir.Field(base, i) if is_copy(t) else rir.Owned(rir.Field(base, i), Own.CLONE)
            for i, t in enumerate(items)), "[]"), "into_iter")

    def iterate_read(self, v: Val) -> rir.RExpr:
        """An iterator whose items are only read: references into a live container."""
        return self.iterate_ref(v, copies=True) or self.iterate(v)

    def iterate_ref(self, v: Val, copies: bool = False) -> rir.RExpr | None:
        """An iterator of references over a list, set or dict that stays alive, if any."""
        if v.kind == "temp" or v.movable:
            return None
        match v.ty:
            case ListT(item) | SetT(item) | DequeT(item) if copies or not is_copy(item):
                return rir.MethodCall(v.node, "iter")
            case DictT(key) if copies or not is_copy(key):
                return rir.MethodCall(v.node, "keys")
            case VarTupleT(item) if copies or not is_copy(item):
                return rir.MethodCall(v.node, "iter")
        return None

    def place_mut(self, e: ir.Expr) -> rir.RExpr:
        """A `&mut` to the place an expression names (a variable, or an item of one)."""
        match e:
            case ir.Name(rust=rust, kind="narrowed"):
                assert rust is not None
                # an optional checked not None (`if acc is not None: acc.append(x)`): the
                # value it holds, changed in place
                return rir.MethodCall(rir.MethodCall(rir.Var(rust), "as_mut"), "expect",
                                      (_code('"checked not None"'),))
            case ir.Name(rust=rust, kind="param" | "local") if rust in self.mut_params:
                return rir.Borrow(rir.Owned(rir.Var(rust), Own.DEREF), mutable=True)  # reborrow
            case ir.Name(rust=rust):
                assert rust is not None
                return rir.Borrow(rir.Var(rust), mutable=True)
            case ir.OpCall(op=op, args=args) if op.name == "getitem":
                a = dict(args)
                base, idx = a["self"], a[list(a)[1]]
                key = self.expr(idx)
                key_owned: rir.RExpr
                if isinstance(idx.ty, DynT) and isinstance(base.ty, (ListT, DequeT, DictT)):
                    # `by_label[d["label"]].append(x)` of a JSON value: the key checked as
                    # the container's key type, as a dynamic value stored in a typed slot is
                    kt = rust_type(base.ty.key) if isinstance(base.ty, DictT) else "i64"
                    key_owned = self.prop(rir.Call(f"pcrt::obj_cast::<{kt}>",
                                                   (self.owned(key),)))
                    key_ref: rir.RExpr = rir.Borrow(key_owned)
                else:
                    key_owned, key_ref = self.owned(key), self.borrow(key)
                if isinstance(base.ty, ListT):
                    return self.prop(rir.Call("pcrt::list_item_mut", (
                        self.place_mut(base), key_owned)))
                if isinstance(base.ty, DequeT):
                    return self.prop(rir.Call("pcrt::deque_item_mut", (
                        self.place_mut(base), key_owned)))
                if isinstance(base.ty, DictT) and base.ty.kind == "defaultdict":
                    return self.prop(rir.Call("pcrt::defaultdict_item", (
                        self.place_mut(base), key_owned)))
                if isinstance(base.ty, DictT):
                    item: rir.RExpr = rir.Call("pcrt::dict_item_mut", (
                        self.place_mut(base), key_ref))
                    if calls_dunders(base.ty.key):
                        item = rir.Call("pcrt::dunder_checked_result", (item,))
                    return self.prop(item)
            case ir.OpCall(op=op, args=args) if op.name == "dict.setdefault":
                a = dict(args)
                names = [p.name for p in op.params]
                default: rir.RExpr = (self.owned(self.expr(a[names[2]])) if names[2] in a
                                      else _code("Default::default()"))
                entry = rir.Call("pcrt::dict_setdefault_mut", (
                    self.place_mut(a["self"]), self.owned(self.expr(a[names[1]])), default))
                base_ty = a["self"].ty
                if isinstance(base_ty, DictT) and calls_dunders(base_ty.key):
                    return self.prop(rir.Call("pcrt::dunder_checked_result", (entry,)))
                return self.prop(entry)
            case ir.Subscript(value=value, index=ir.Const(value=i)):
                assert isinstance(i, int)
                return rir.Borrow(rir.Field(self.place_mut(value), i), mutable=True)
            case ir.FieldGet(value=obj, attr=attr):
                # the borrow lasts for the statement; `opcall` evaluates the other
                # arguments first and ends the statement's block right after
                return rir.Borrow(rir.Field(rir.MethodCall(self.expr(obj).node, "borrow_mut"),
                                            rust_ident(attr)), mutable=True)
            case ir.OpCall() | ir.UserCall() | ir.ListLit() | ir.DictLit() | ir.SetLit() | \
                    ir.Comprehension():
                # a new value no name holds (`line.split(",").pop()`, `sorted(xs).pop()`;
                # the alias pass refuses an op handing out a value another holder has,
                # `d.get(k, []).pop()`): changed in place, then dropped
                return rir.Borrow(self.owned(self.expr(e)), mutable=True)
        raise InternalError("cannot take a mutable place of this expression", e.span)

    def user_call(self, func: str, args: tuple[ir.Expr, ...],
                  receiver: rir.RExpr | None = None, order: tuple[int, ...] = (),
                  spread: ir.KwSpread | None = None) -> rir.RExpr:
        """A call of a module function; `receiver` is `self` when the arguments leave it
        out (a constructor's `__init__`). `order`: the order CPython evaluates the arguments
        in, where it is not theirs: those that may raise or have effects are computed into
        temporaries in that order first. `spread` (`f(..., **d)`): the written arguments
        into temporaries, then the dict, then CPython's binding check of its keys; the
        arguments read from the dict follow, in the call."""
        if order or spread is not None:
            stmts: list[rir.Stmt] = []
            saved = len(self.bound)
            for i in order if spread is None else spread.written:
                a = args[i]
                if isinstance(a, (ir.Const, ir.Name, ir.Lambda)):
                    continue
                v = self.expr(a)
                if v.kind == "place":
                    continue
                tmp = self.fresh("arg")
                stmts.append(rir.Let(tmp, v.node))
                self.bound.append((a, Val(rir.Var(tmp), v.kind if v.kind == "ref" else "place",
                                          v.ty, v.kind != "ref")))
            if spread is not None:
                d = self.expr(spread.value)
                if d.kind == "temp":
                    tmp = self.fresh("kw")
                    stmts.append(rir.Let(tmp, d.node))
                    d = Val(rir.Var(tmp), "place", d.ty, False)
                    self.bound.append((spread.value, d))
                named: rir.RExpr = _code(rust_str(spread.func))
                merged: rir.RExpr = _code(rust_str(spread.merged))
                module = spread.merged.removesuffix(spread.func)
                for cls, shown in reversed(spread.by_class[:-1]):
                    # a dispatched method: the name of the object's class's method
                    test = self.isinstance_(args[0], (cls,))
                    named = rir.IfExpr(test, _code(rust_str(shown)), named)
                    merged = rir.IfExpr(test, _code(rust_str(module + shown)), merged)
                stmts.append(rir.ExprStmt(self.prop(rir.Call("pcrt::kw_bind", (
                    self.borrow(d), named, merged, _code(kw_spec(spread)))))))
            try:
                call = self.user_call(func, args, receiver)
            finally:
                del self.bound[saved:]
            return rir.Block(tuple(stmts), call) if stmts else call
        callee = self.module.mod.function(func)
        assert callee is not None
        borrowed = self.module.borrowed_params(callee)
        str_views = self.module.str_views(callee)
        mut = self.module.mut_params(callee)
        parts: list[rir.RExpr] = []
        params = callee.params
        if receiver is not None:
            parts.append(receiver)
            params = params[1:]
        # the variables passed by `&mut`: an argument reading one is evaluated first (with
        # those before it, in order), the `&mut` taken in the call
        roots = {r for p, a in zip(params, args) if p.name in mut and (r := mut_root(a))}
        reading = [p.name not in mut and any(isinstance(n, ir.Name) and n.id in roots
                                             for n in ir.walk(a)) for p, a in zip(params, args)]
        early = max((i for i, r in enumerate(reading) if r), default=-1)
        first: list[rir.Stmt] = []
        for i, (p, a) in enumerate(zip(params, args)):
            if p.name in mut:
                parts.append(self.place_mut(a) if mut_root(a) else
                             rir.Borrow(self.owned(self.expr(a)), mutable=True))
                continue
            v = self.expr(a)
            if i <= early and not isinstance(a, (ir.Const, ir.Name)):
                # a value read from a `&mut` variable is copied out; others keep their kind
                tmp = self.fresh("arg")
                keep = v.kind == "ref" and not reading[i]
                first.append(rir.Let(tmp, v.node if keep else self.owned(v)))
                v = Val(rir.Var(tmp), "ref" if keep else "place", v.ty, not keep)
            if isinstance(p.annotation, CallableT):
                parts.append(rir.Borrow(v.node))  # `&|x| ...` as a `&dyn Fn`
                continue
            if p.name in str_views:
                parts.append(rir.Borrow(rir.Call("pcrt::str_refs", (self.borrow(v),))))
                continue
            parts.append(self.borrow(v) if p.name in borrowed else self.owned(v))
        call = self.prop(rir.Call(rust_fn_name(func), tuple(parts)))
        return rir.Block(tuple(first), call) if first else call

    def chained_compare(self, e: ir.Compare) -> rir.RExpr:
        """`a < b < c`: each operand evaluated once, left to right, stopping at the first
        false comparison, as Python does."""
        operands = (e.left, *_compare_operands(e))
        stmts: list[rir.Stmt] = []
        saved, saved_tmp = len(self.bound), self.tmp
        for x in operands:
            if isinstance(x, (ir.Const, ir.Name)):
                continue
            v = self.expr(x)
            tmp = self.fresh("c")
            if v.kind == "ref":
                stmts.append(rir.Let(tmp, v.node))
                self.bound.append((x, Val(rir.Var(tmp), "ref", v.ty)))
            elif v.kind == "temp":
                stmts.append(rir.Let(tmp, v.node))
                self.bound.append((x, Val(rir.Var(tmp), "place", v.ty)))
        # evaluation is lazy in Python: an operand after a false comparison is not evaluated
        if stmts and not _all_pure(operands[2:]):
            del self.bound[saved:]
            self.tmp = saved_tmp
            return self.lazy_compare(e)
        result = rir.Logic("&&", tuple(self.expr(c).node for c in e.comparators))
        del self.bound[saved:]
        return rir.Block(tuple(stmts), result) if stmts else result

    def lazy_compare(self, e: ir.Compare) -> rir.RExpr:
        operands = (e.left, *_compare_operands(e))
        saved = len(self.bound)

        def bind(x: ir.Expr, stmts: list[rir.Stmt]) -> None:
            if isinstance(x, (ir.Const, ir.Name)):
                return
            v = self.expr(x)
            tmp = self.fresh("c")
            stmts.append(rir.Let(tmp, v.node))
            self.bound.append((x, Val(rir.Var(tmp), "ref" if v.kind == "ref" else "place",
                                      v.ty)))

        def step(i: int) -> rir.RExpr:
            stmts: list[rir.Stmt] = []
            if i == 0:
                bind(operands[0], stmts)
            bind(operands[i + 1], stmts)
            test = self.expr(e.comparators[i]).node
            if i + 1 == len(e.comparators):
                return rir.Block(tuple(stmts), test) if stmts else test
            rest = step(i + 1)
            return rir.Block(tuple(stmts), rir.IfExpr(test, rest, _code("false")))

        try:
            return step(0)
        finally:
            del self.bound[saved:]

    def boolop(self, e: ir.BoolOp) -> rir.RExpr:
        ty = e.ty
        assert ty is not None
        n = (len(e.values) + 1) // 2 if not isinstance(ty, BoolT) or any(
            not isinstance(v.ty, BoolT) for v in e.values) else len(e.values)
        if isinstance(ty, BoolT) and n == len(e.values):
            # `owned`: a `&bool` loop variable (`for k, flag in d.items()`) read by value
            return rir.Logic("&&" if e.op == "and" else "||",
                             tuple(self.owned(self.expr(v)) for v in e.values))
        operands = e.values[:n]
        truths = e.values[n:]
        # Python returns the first operand that decides the result.
        code = self.owned(self.expr(operands[-1]))
        for operand, truth in zip(reversed(operands[:-1]), reversed(truths)):
            tmp = self.fresh("v")
            ov = self.expr(operand)
            test = self.truth_of(truth, tmp)
            keep: rir.RExpr = rir.Var(tmp)
            if isinstance(ov.ty, OptionalT) and not isinstance(ty, OptionalT):
                keep = rir.MethodCall(rir.Var(tmp), "unwrap_or_default")
            let = rir.Let(tmp, self.owned(ov))
            if e.op == "or":
                code = rir.Block((let,), rir.IfExpr(test, keep, code))
            else:
                code = rir.Block((let,), rir.IfExpr(test, code, keep))
        return code

    def truth_of(self, truth: ir.Expr, tmp: str) -> rir.RExpr:
        if isinstance(truth, ir.OpCall):
            param = truth.args[0][0]
            borrowed = truth.op.template.mode(param) is HoleMode.BORROW
            copy = truth.args[0][1].ty is not None and is_copy(truth.args[0][1].ty)
            return self.opcall(truth, {param: rir.Borrow(rir.Var(tmp)) if borrowed else
                                       rir.Var(tmp) if copy else
                                       rir.Owned(rir.Var(tmp), Own.CLONE)})
        return rir.Var(tmp)

    def comprehension(self, e: ir.Comprehension) -> rir.RExpr:
        out = self.fresh("out")
        ty = e.ty
        assert ty is not None
        if e.kind == "dict":
            init = "IndexMap::default()"
        elif e.kind == "set":
            init = "IndexSet::default()"
        else:
            init = "Vec::new()"
        store_ty = ListT(ty.item) if isinstance(ty, IterT) else ty

        def store() -> None:
            # grows fallibly: MemoryError, never an abort, when memory runs out
            v = self.owned(self.expr(e.elt))
            place = rir.Borrow(rir.Var(out), mutable=True)
            if e.key is not None:
                k = self.owned(self.expr(e.key))
                self.emit(rir.ExprStmt(self.prop(rir.Call("pcrt::dict_setitem", (place, k, v)))))
            elif e.kind in ("list", "gen"):
                self.emit(rir.ExprStmt(self.prop(rir.Call("pcrt::push", (place, v)))))
            else:
                self.emit(rir.ExprStmt(self.prop(rir.Call("pcrt::set_add", (place, v)))))

        stmts = (rir.Let(out, _code(init), rust_type(store_ty), mutable=True),
                 *self.open_generators(e, store))
        block = rir.Block(stmts, rir.Var(out))
        if isinstance(ty, IterT):
            return rir.MethodCall(block, "into_iter")
        return block

    def open_generators(self, e: ir.Comprehension, innermost: Callable[[], None],
                        ) -> tuple[rir.Stmt, ...]:
        """The `for` loops of a comprehension's generators (with their `if` filters), one
        inside the other, `innermost` lowering what runs for each item; used by the eager
        and the lazy (generator) form."""

        def loops(i: int) -> tuple[rir.Stmt, ...]:
            with self.collect() as body:
                if i == len(e.generators):
                    innermost()
                    return tuple(body)
                g = e.generators[i]
                it = self.expr(g.iter)
                var = self.loop_var(g.target)

                def inner() -> None:
                    self.bind_loop_target(g.target, var)
                    for c in g.conds:
                        self.emit(rir.If(rir.Not(self.expr(c).node), (rir.Continue(),)))
                    self.out.extend(loops(i + 1))

                if isinstance(it.ty, GenT):
                    # one item per step of the generator; its exception is raised here
                    r = self.fresh("r")
                    with self.collect() as inner_body:
                        self.emit(rir.Let(var, self.prop(rir.Var(r)), mutable=True))
                        inner()
                    self.emit(rir.For(r, self.owned(it), tuple(inner_body)))
                    return tuple(body)
                by_ref = self.iterate_ref(it)
                if by_ref is not None and isinstance(g.target, ir.NameTarget) \
                        and g.target.declare and g.target.rust == var \
                        and g.target.id not in _mutated_names((e.elt, e.key, e.generators)):
                    # items by reference when nothing needs them owned
                    saved_tmp = self.tmp
                    self.ref_vars[var] = 0
                    with self.collect() as inner_body:
                        inner()
                    if self.ref_vars.pop(var) == 0:
                        self.emit(rir.For(var, by_ref, tuple(inner_body)))
                        return tuple(body)
                    self.tmp = saved_tmp
                with self.collect() as inner_body:
                    inner()
                self.emit(rir.For(f"mut {var}", self.iterate(it), tuple(inner_body)))
            return tuple(body)

        return loops(0)

    def lazy_comprehension(self, e: ir.Comprehension, ty: GenT) -> rir.RExpr:
        """A generator expression stored or returned: a generator running the loops one
        item per `next`. It owns copies of the names it reads (taken when it is made)."""
        bound: set[str] = set()  # names the expression binds itself (also in nested ones)
        for node in ir.walk(e):
            if isinstance(node, ir.Comprehension):
                for g in node.generators:
                    bound |= set(target_names(g.target))
            elif isinstance(node, ir.Lambda):
                bound |= set(node.params)
        copies, captured = self.owned_copies(e, bound)
        saved = (self.borrowed, self.ref_vars, self.str_indexes)
        # inside, the copies are owned places; no outer index or view is reachable
        self.borrowed = {b for b in self.borrowed if b not in captured}
        self.ref_vars = {}
        self.str_indexes = {}
        self.catch.append(None)

        def step() -> None:
            self.emit(self.yield_(self.owned(self.expr(e.elt))))

        try:
            loops = self.open_generators(e, step)
        finally:
            self.catch.pop()
            self.borrowed, self.ref_vars, self.str_indexes = saved
        gen = rir.Call("pcrt::Gen::new", (rir.Closure(
            (("__pc_co", f"pcrt::Co<{rust_type(ty.item)}>"),), "",
            rir.Block(loops, _code("Ok(())")), moves=True, is_async=True),))
        return rir.Block(tuple(copies), gen)

    def function_value(self, lam: ir.Lambda, ty: FuncT) -> rir.RExpr:
        """A function used as a value: an `Arc` of a `move` closure owning copies of the
        variables it reads, taken when it is made (infer allows only variables never
        assigned again, so the copy is what CPython's late binding reads)."""
        bound = lambda_bound_names(lam)
        copies, captured = self.owned_copies(lam.body, bound)
        saved = (self.borrowed, self.ref_vars, self.str_indexes)
        self.borrowed = {b for b in self.borrowed if b not in captured}
        self.ref_vars = {}
        self.str_indexes = {}
        try:
            closure = self.lambda_(lam, moves=True, tupled=True)
        finally:
            self.borrowed, self.ref_vars, self.str_indexes = saved
        value = rir.Call("pcrt::Func::new", (closure,))
        return rir.Block(tuple(copies), value) if copies else value

    def owned_copies(self, e: ir.Expr, bound: set[str]) -> tuple[list[rir.Stmt], set[str]]:
        """`let x = x.clone();` for each variable `e` reads that a `move` closure made of
        it must own (names in `bound` are its own); and those variables."""
        captured: dict[str, None] = {}
        copies: list[rir.Stmt] = []
        for n in ir.walk(e):
            if isinstance(n, ir.Name) and n.id not in bound and n.rust is not None \
                    and n.kind in ("local", "param", "narrowed", "narrowed_dyn"):
                captured[n.rust] = None
                if n.ty is not None and is_copy(n.ty) and n.rust not in self.ref_vars:
                    del captured[n.rust]  # a `move` closure copies it
        for rust in captured:
            by_ref = rust in self.borrowed or rust in self.ref_vars
            if rust in self.ref_vars:
                self.ref_vars[rust] += 1  # the closure needs an owned copy
            copies.append(rir.Let(rust, rir.Owned(rir.Var(rust),
                                                  Own.TO_OWNED if by_ref else Own.CLONE)))
        return copies, set(captured)

    def loop_var(self, t: ir.Target) -> str:
        if isinstance(t, ir.NameTarget) and t.declare:
            assert t.rust is not None
            return t.rust
        return self.fresh("item")

    def bind_loop_target(self, t: ir.Target, var: str) -> None:
        if isinstance(t, ir.NameTarget) and t.declare and t.rust == var:
            return
        assert t.ty is not None
        self.assign_target(t, Val(rir.Var(var), "temp", t.ty))

    def lambda_(self, e: ir.Lambda, moves: bool = False, tupled: bool = False) -> rir.RExpr:
        """A Rust closure; `tupled`: taking its arguments as one tuple (a `pcrt::Func`)."""
        ty = e.ty
        assert isinstance(ty, CallableT)
        params = tuple((n, rust_type(t)) for n, t in zip(e.rust_params, ty.params))
        if tupled:
            names = [n for n, _ in params]
            params = ((f"({names[0]},)" if len(names) == 1 else f"({', '.join(names)})",
                       rust_tuple(ty.params)),)
        self.catch.append(None)
        try:
            body = self.owned(self.expr(e.body))
        finally:
            self.catch.pop()
        result = body.value if isinstance(body, rir.Try) and body.label is None \
            else rir.Call("Ok", (body,))
        return rir.Closure(params, f"pcrt::PyResult<{rust_type(ty.ret)}>", result, moves=moves)

    def fstring(self, parts: tuple[str | ir.FormattedValue, ...]) -> rir.RExpr:
        fmt = []
        args: list[str | rir.RExpr] = []
        for p in parts:
            if isinstance(p, str):
                fmt.append(p.replace("{", "{{").replace("}", "}}"))
            else:
                fmt.append("{}")
                args.append(self.expr(p.value).node)
        lit = rust_str("".join(fmt))
        if not args:
            return rir.Call("String::from", (_code(lit),))
        if fmt == ["{}"]:
            # `f"{x}"`: the formatted field already is the string
            only = parts[0]
            assert isinstance(only, ir.FormattedValue)
            return self.owned(self.expr(only.value))
        return rir.Macro("format", (lit, *args))

    def exc_kind(self, name: str) -> rir.RExpr:
        """The `pcrt::ExcKind` of exception class `name` (builtin, of a stdlib module as
        `MODULE_EXCEPTIONS` spells it, or the module's own)."""
        if self.module.mod.exception(name) is not None:
            return _code(f"pcrt::ExcKind::User(&crate::{rust_exception(name)})")
        return _code(f"pcrt::ExcKind::{name if name != 'BaseException' else 'Exception'}")

    def isinstance_(self, v: ir.Expr, classes: tuple[str, ...]) -> rir.RExpr:
        t = v.ty
        if isinstance(t, ExcT | ExcKindT):
            kind = rir.Field(self.expr(v).node, "kind") if isinstance(t, ExcT) else \
                self.owned(self.expr(v))
            return rir.Logic("||", tuple(rir.MethodCall(self.exc_kind(c), "catches", (kind,))
                                         for c in classes))
        if isinstance(t, OptionalT) and isinstance(t.item, ExcT):
            # `__exit__`'s exception, None when the block ended normally
            test = rir.Logic("||", tuple(rir.MethodCall(
                self.exc_kind(c), "catches", (rir.Field(rir.Var("e"), "kind"),))
                for c in classes))
            return rir.MethodCall(self.borrow(self.expr(v)), "as_ref().is_some_and", (
                rir.Closure((("e", ""),), "", test),))
        if isinstance(t, DynT):
            obj = self.borrow(self.expr(v))
            return rir.Logic("||", tuple(rir.MethodCall(obj, "isinstance", (_code(rust_str(c)),))
                                         for c in classes))
        family = self.module.families
        item = t.item if isinstance(t, OptionalT) else t
        if isinstance(item, ClassT) and family.shared(item.name) and not any(
                c in family.mro(item.name) for c in classes):
            # the object's class, read at run time: `isinstance(shape, Circle)`
            if isinstance(t, OptionalT):
                return rir.MethodCall(self.borrow(self.expr(v)), "as_ref().is_some_and", (
                    rir.Closure((("o", ""),), "", family.tag_test(rir.Var("o"), classes)),))
            return family.tag_test(self.expr(v).node, classes)
        if isinstance(t, OptionalT):
            if any(static_isinstance(t.item, c) for c in classes) or (
                    isinstance(t.item, ClassT) and t.item.name in classes):
                return rir.MethodCall(self.borrow(self.expr(v)), "is_some")
            return _code("false")
        assert t is not None
        return _code("true" if any(static_isinstance(t, c) for c in classes) else "false")

    # --------------------------------------------------------- statements

    def block(self, stmts: tuple[ir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: ir.Stmt) -> None:
        self.comment(s.span.line)
        match s:
            case ir.Assign(targets=targets, value=value):
                if self.cow_assign(targets, value) or self.view_list(targets) \
                        or self.str_build(targets, value) \
                        or self.shadow_item(s) or self.narrow_ref(targets, value) \
                        or self.dict_update(s, targets, value) \
                        or self.split_view(targets, value) \
                        or self.view(targets, value):
                    return
                v = self.expr(value)
                if len(targets) == 1:
                    self.assign_target(targets[0], v)
                else:
                    tmp = self.fresh("t")
                    self.emit(rir.Let(tmp, self.owned(v)))
                    for t in targets:
                        self.assign_target(t, Val(rir.Var(tmp), "place", v.ty))
            case ir.AugAssign(target=target, op=op, value=value):
                self.aug_assign(s, target, op, value)
            case ir.ExprStmt(value=value):
                v = self.expr(value)
                if isinstance(v.ty, NoneT):
                    self.emit(rir.ExprStmt(v.node))
                else:
                    self.emit(rir.Let("_", v.node))
            case ir.If():
                self.emit(self.if_chain(s))
            case ir.While(test=test, body=body, orelse=orelse):
                infinite = isinstance(test, ir.Const) and test.value is True
                cond = None if infinite else self.expr(test).node
                self.loop(cond, None, body, orelse)
            case ir.For(target=target, iter=it, body=body, orelse=orelse):
                if isinstance(target, ir.NameTarget) and not target.declare \
                        and self.last_uses is not None \
                        and target.rust not in self.last_uses.live_after_loop(s):
                    # a variable declared further up that nothing reads after the loop:
                    # the loop binds its own (shadowing) variable
                    target = dataclasses.replace(target, declare=True)
                self.for_loop(target, it, body, orelse)
            case ir.Break():
                self.jump("break")
            case ir.Continue():
                self.jump("continue")
            case ir.Pass():
                pass
            case ir.Return(value=value):
                if value is None:
                    node: rir.RExpr = _code("()" if isinstance(self.body_ret(), NoneT)
                                            else "None")
                else:
                    v = self.expr(value)
                    # returning ends the function: a local can be moved out, not cloned
                    if v.kind == "place" and not self.catch and not self.fins:
                        v.movable = True
                    node = self.owned(v)
                    if isinstance(self.fn.returns, IterT):
                        node = rir.MethodCall(node, "collect")
                self.return_(node)
            case ir.Raise(exc=exc, message=msg, obj=obj, repr=None, args=args) if exc is not \
                    None and obj is not None and msg is not None and args is not None:
                # `raise E(x)` of a class without an object: `x`, its message and args
                self.emit(rir.Let(RAISED, self.owned(self.expr(obj))))
                self.pinned.add(RAISED)
                made = rir.Call("pcrt::PyErr::with_args", (
                    self.exc_kind(exc), self.owned(self.expr(msg)), self.owned(self.expr(args))))
                self.pinned.discard(RAISED)
                self.out.extend(self.raise_stmts(made))
            case ir.Raise(exc=exc, message=msg, obj=obj, repr=shown, args=args) if exc is not \
                    None and obj is not None and msg is not None and shown is not None \
                    and args is not None:
                # an exception class with an object: the object, then the exception
                self.emit(rir.Let(RAISED, self.owned(self.expr(obj))))
                self.pinned.add(RAISED)  # `__str__` and `__repr__` read it, not take it
                made = rir.Call("pcrt::PyErr::with_state", (
                    self.exc_kind(exc), rir.Borrow(rir.Var(RAISED)), self.owned(self.expr(msg)),
                    self.owned(self.expr(shown)), self.owned(self.expr(args))))
                self.pinned.discard(RAISED)
                self.out.extend(self.raise_stmts(made))
            case ir.Raise(exc=None, message=msg) if msg is not None:
                # `raise err` of a variable holding an exception (or None: TypeError)
                raised = self.owned(self.expr(msg))
                if isinstance(msg.ty, OptionalT):
                    raised = rir.Call("pcrt::PyErr::raised_value", (raised,))
                self.out.extend(self.raise_stmts(raised))
            case ir.Raise(exc=exc, message=msg):
                if exc is None:
                    err = self.handler_errs[-1] if self.handler_errs else None
                    if err is None:
                        self.out.extend(self.raise_stmts(_code(
                            'pcrt::PyErr::new(pcrt::ExcKind::RuntimeError, '
                            '"No active exception to reraise")')))
                    else:
                        self.out.extend(self.raise_stmts(rir.Owned(rir.Var(err), Own.CLONE)))
                else:
                    # (a KeyError's message is already the repr of its argument: infer)
                    m = self.owned(self.expr(msg)) if msg is not None else _code("String::new()")
                    self.out.extend(self.raise_stmts(rir.Call(
                        "pcrt::PyErr::new", (self.exc_kind(exc), m))))
            case ir.Try():
                self.try_(s)
            case ir.Assert(test=test, msg=msg):
                m = self.owned(self.expr(msg)) if msg is not None else _code("String::new()")
                failed = rir.Call("pcrt::PyErr::new", (_code("pcrt::ExcKind::AssertionError"), m))
                self.emit(rir.If(rir.Not(self.expr(test).node), self.raise_stmts(failed)))
            case ir.Del():
                pass
            case ir.Yield(value=value, delegate=False):
                assert value is not None
                self.emit(self.yield_(self.owned(self.expr(value))))
            case ir.Yield(value=value, delegate=True):
                assert value is not None
                src = self.expr(value)
                x = self.fresh("y")
                if isinstance(src.ty, GenT):
                    r = self.fresh("r")
                    self.emit(rir.For(r, self.owned(src), (
                        rir.Let(x, self.prop(rir.Var(r))), self.yield_(rir.Var(x)))))
                else:
                    self.emit(rir.For(x, self.iterate(src), (self.yield_(rir.Var(x)),)))
            case _:
                raise InternalError(f"cannot emit {type(s).__name__}", s.span)

    @staticmethod
    def yield_(item: rir.RExpr) -> rir.Stmt:
        """Hand one item to the generator's consumer; the body goes on at its next `next`."""
        return rir.ExprStmt(rir.Await(rir.MethodCall(rir.Var("__pc_co"), "yield_", (item,))))

    def jump(self, kind: str) -> None:
        """`break`/`continue`: through an enclosing `finally` first, when there is one."""
        loop = self.loops[-1]
        fin = self.fins[-1] if self.fins else None
        if fin is not None and fin.loop_depth == len(self.loops):
            self.emit(rir.Assign(_code(fin.ctl), _code("1" if kind == "break" else "2")))
            self.emit(rir.Break(fin.label))
            return
        if kind == "break" and loop.broke_flag:
            self.emit(rir.Assign(_code(loop.broke_flag), _code("true")))
        self.emit(rir.Break(loop.label) if kind == "break" else rir.Continue(loop.label))

    def return_(self, node: rir.RExpr) -> None:
        """`return`: through every enclosing `finally` first."""
        if self.fins:
            fin = self.fins[-1]
            self.emit(rir.Assign(_code(fin.ret), rir.Call("Some", (node,))))
            self.emit(rir.Assign(_code(fin.ctl), _code("3")))
            self.emit(rir.Break(fin.label))
            return
        if isinstance(node, rir.Try) and node.label is None:
            # `return Ok(f()?)` is `return f()`: the error type is the same
            self.emit(rir.Return(node.value))
            return
        self.emit(rir.Return(rir.Call("Ok", (node,))))

    def for_loop(self, target: ir.Target, it: ir.Expr, body: tuple[ir.Stmt, ...],
                 orelse: tuple[ir.Stmt, ...]) -> None:
        if self.str_view_items(target, it, body, orelse) \
                or self.items_by_ref(target, it, body, orelse) \
                or self.field_in_place(target, it, body, orelse) \
                or self.split_pieces_by_ref(target, it, body, orelse):
            return
        walked = live_list_walked(it, body)
        if walked is not None:
            self.live_list_loop(it, walked, target, body, orelse)
            return
        v = self.expr(it)
        var = self.loop_var(target)
        if isinstance(v.ty, GenT):
            # one item per step: the loop body runs before the generator goes on
            r = self.fresh("r")
            self.loop(None, (r, self.owned(v)), body, orelse, target,
                      item=(var, self.prop(rir.Var(r))))
            return
        if v.kind == "place" and isinstance(v.ty, (ListT, SetT, DictT)):
            # The loop body may change the variable; iterate over a snapshot then.
            assert isinstance(it, ir.Name)
            if it.id in _names_written(body):
                self.loop(None, (f"mut {var}", self.iterate(
                    Val(rir.Owned(v.node, Own.CLONE), "temp", v.ty))), body, orelse, target)
                return
        by_ref = self.iterate_ref(v)
        if by_ref is not None and isinstance(target, ir.NameTarget) and target.declare \
                and target.rust == var and target.id not in _names_written(body) \
                and target.id not in _mutated_names(body):
            # Iterate by reference over a collection that stays alive: an item the
            # body keeps is copied where it keeps it (iterating over copies would
            # copy every item, kept or not).
            self.ref_vars[var] = 0
            self.loop(None, (var, by_ref), body, orelse, target)
            del self.ref_vars[var]
            return
        self.loop(None, (f"mut {var}", self.iterate(v)), body, orelse, target)

    def live_list_loop(self, it: ir.Expr, walked: ir.Name, target: ir.Target,
                       body: tuple[ir.Stmt, ...], orelse: tuple[ir.Stmt, ...]) -> None:
        """`for x in xs` (or `enumerate(xs)`) whose body changes the list: by index over
        the live list, as CPython's list iterator (`while i < len(xs): x = xs[i]; i += 1`)."""
        v = self.expr(walked)
        assert isinstance(v.ty, ListT)
        start = dict(it.args).get("start") if isinstance(it, ir.OpCall) else None
        first = None
        if start is not None:
            first = self.fresh("start")
            self.emit(rir.Let(first, self.owned(self.expr(start))))
        i = self.fresh("i")
        self.emit(rir.Let(i, _code("0usize"), mutable=True))
        item: rir.RExpr = rir.Template("index", (v.node, "[", rir.Var(i), "]"))
        if not is_copy(v.ty.item):
            item = rir.Owned(item, Own.CLONE)
        if it is not walked:
            # enumerate's count, wrapping as `pcrt::py_enumerate`'s
            count: rir.RExpr = rir.Cast(rir.Var(i), "i64")
            if first is not None:
                count = rir.MethodCall(rir.Var(first), "wrapping_add", (count,))
            item = rir.TupleExpr((count, item))
        self.loop(rir.Template("<", (rir.Var(i), " < ", rir.MethodCall(v.node, "len"))),
                  None, body, orelse, target, item=(self.loop_var(target), item),
                  step=rir.ExprStmt(rir.Template("+=", (rir.Var(i), " += 1"))))

    def field_in_place(self, target: ir.Target, it: ir.Expr, body: tuple[ir.Stmt, ...],
                       orelse: tuple[ir.Stmt, ...]) -> bool:
        """`for x in self.items` over the field itself, not a copy: the object stays
        borrowed for the loop, so the loop must change no object and run no compiled code
        (`_quiet`, no assigned fields, no `&mut` through a field, no `yield`)."""
        if not (isinstance(it, ir.FieldGet) and isinstance(it.ty, (ListT, SetT, DictT))
                and isinstance(target, ir.NameTarget) and target.declare
                and not calls_dunders(it.ty) and _quiet(it.value)):
            return False
        stmts = body + orelse
        if not _quiet(stmts) or _changes_objects(stmts) or \
                target.id in _names_written(body) | _mutated_names(body):
            return False
        field = rir.Field(rir.MethodCall(self.expr(it.value).node, "borrow"),
                          rust_ident(it.attr))
        v = Val(field, "place", it.ty)
        var = self.loop_var(target)
        by_ref = self.iterate_ref(v)
        if by_ref is not None and target.rust == var:
            self.ref_vars[var] = 0
            self.loop(None, (var, by_ref), body, orelse, target)
            del self.ref_vars[var]
        else:
            self.loop(None, (f"mut {var}", self.iterate(v)), body, orelse, target)
        return True

    def items_by_ref(self, target: ir.Target, it: ir.Expr, body: tuple[ir.Stmt, ...],
                     orelse: tuple[ir.Stmt, ...]) -> bool:
        """`for k, v in d.items()` over a dict variable: pairs of references, copied
        where the body needs them owned (a snapshot would copy every pair; the body
        cannot change `d`, E050)."""
        if not (isinstance(it, ir.OpCall) and it.op.name == "dict.items"
                and isinstance(target, ir.TupleTarget) and len(target.elts) == 2):
            return False
        source = dict(it.args).get("self")
        names = [x for x in target.elts if isinstance(x, ir.NameTarget) and x.declare and x.rust]
        written = _names_written(body) | _mutated_names(body)
        if not (isinstance(source, ir.Name) and source.kind in ("local", "param")
                and len(names) == 2 and source.id not in written
                and not any(x.id in written for x in names)):
            return False
        pattern = f"({names[0].rust}, {names[1].rust})"
        for x in names:
            self.ref_vars[x.rust] = 0  # type: ignore[index]
        pairs: rir.RExpr = rir.MethodCall(self.borrow(self.expr(source)), "iter")
        if source.rust in self.dict_views:
            # a view's keys are `&&str`: the pairs as `(&str, &V)`
            pairs = rir.Call("pcrt::view_items", (self.borrow(self.expr(source)),))
        try:
            self.loop(None, (pattern, pairs), body, orelse)
        finally:
            for x in names:
                del self.ref_vars[x.rust]  # type: ignore[arg-type]
        return True

    def str_view_items(self, target: ir.Target, it: ir.Expr, body: tuple[ir.Stmt, ...],
                       orelse: tuple[ir.Stmt, ...]) -> bool:
        """`for x in xs` over a `list[str]` parameter taken as `&[&str]`
        (str_list_views): the items as `&str`, copied where the body keeps one."""
        if not (isinstance(it, ir.Name) and it.rust in self.str_views
                and _str_view_loop(target, it, body, it.id)):
            return False
        assert isinstance(target, ir.NameTarget) and target.rust
        self.ref_vars[target.rust] = 0
        if target.id in _names_written(body) | _mutated_names(body):
            self.shadows[id(body[0])] = target.rust  # `_shadowed_first`
        try:
            self.loop(None, (target.rust, rir.MethodCall(rir.MethodCall(
                rir.Var(it.rust), "iter"), "copied")), body, orelse, target)
        finally:
            self.ref_vars.pop(target.rust, None)
            self.shadows.pop(id(body[0]), None)
        return True

    def shadow_item(self, s: ir.Assign) -> bool:
        """`line = line.strip().lower()` first in a loop over `&str` items
        (`_shadowed_first`): `let mut line: String = ...` from the item, the rest of the
        body on the `String`."""
        var = self.shadows.get(id(s))
        if var is None:
            return False
        value = self.owned(self.expr(s.value))
        del self.ref_vars[var]
        self.emit(rir.Let(var, value, "String", mutable=True))
        return True

    def split_pieces_by_ref(self, target: ir.Target, it: ir.Expr,
                            body: tuple[ir.Stmt, ...], orelse: tuple[ir.Stmt, ...]) -> bool:
        """`for w in s.split(sep)`: the pieces as `&str` slices of `s` (`str_split_ref`,
        one `Vec` for the loop instead of a `String` per piece), copied where the body
        keeps one. The string is a temporary (alive until the loop ends), a variable the
        body does not assign, or else a copy."""
        if not (isinstance(it, ir.OpCall) and it.op.name == "str.split"
                and isinstance(target, ir.NameTarget) and target.declare and target.rust):
            return False
        written = _names_written(body) | _mutated_names(body)
        narrowed = target.id in written
        if narrowed and not _narrowed_by_ref(body, target.id):
            return False
        args = dict(it.args)
        source = args["self"]
        # a `Cow` temporary (`doc.lower().split()`) lives until the loop ends
        cow = self.cow_result(source)
        if cow is not None:
            text: rir.RExpr = rir.MethodCall(cow, "as_ref")
        else:
            v = self.expr(source)
            if v.kind != "temp" and not (isinstance(source, ir.Name)
                                         and source.id not in written):
                v = Val(self.owned(v), "temp", v.ty)
            text = self.borrow(v)
        sep = self.borrow_optional(args["sep"]) if "sep" in args else _code("None")
        maxsplit = self.owned(self.expr(args["maxsplit"])) if "maxsplit" in args \
            else _code("-1")
        pieces = self.prop(rir.Call("pcrt::str_split_ref", (text, sep, maxsplit)))
        self.ref_vars[target.rust] = 0
        if narrowed:
            self.narrowed_refs.add(target.rust)
        try:
            self.loop(None, (f"mut {target.rust}" if narrowed else target.rust, pieces),
                      body, orelse, target)
        finally:
            del self.ref_vars[target.rust]
            self.narrowed_refs.discard(target.rust)
        return True

    def narrow_ref(self, targets: tuple[ir.Target, ...], value: ir.Expr) -> bool:
        """`w = w.strip(chars)` of a `&str` loop variable (split_pieces_by_ref,
        `_narrowed_by_ref`): the part of `w`, no copy."""
        t = targets[0] if len(targets) == 1 else None
        if not (isinstance(t, ir.NameTarget) and t.rust in self.narrowed_refs
                and isinstance(value, ir.OpCall)):
            return False
        node = self.opcall_ref(value)
        assert node is not None, "checked by _narrowed_by_ref"
        self.emit(rir.Assign(rir.Var(t.rust), node))
        return True

    def loop(self, cond: rir.RExpr | None, for_head: tuple[str, rir.RExpr] | None,
             body: tuple[ir.Stmt, ...], orelse: tuple[ir.Stmt, ...],
             target: ir.Target | None = None,
             item: tuple[str, rir.RExpr] | None = None, step: rir.Stmt | None = None) -> None:
        """A loop; `item`, if given, is the loop variable's value computed at the top of
        each step (from the `for` pattern's binding), followed by `step`."""
        label = self.fresh("loop")[2:] if _contains_try(body) else None
        flag = self.fresh("broke") if orelse else None
        hoisted = self.index_strings(
            body, set(target_names(target)) if target is not None else set())
        buffers = self.str_buffers_for(body)
        if flag:
            self.emit(rir.Let(flag, _code("false"), mutable=True))
        self.loops.append(LoopCtx(label, flag))

        def bind() -> None:
            if item is not None:
                self.emit(rir.Let(item[0], item[1], mutable=True))
            if step is not None:
                self.emit(step)
            if target is not None and item is not None:
                self.bind_loop_target(target, item[0])
            elif target is not None and for_head is not None:
                var = for_head[0].removeprefix("mut ")
                self.bind_loop_target(target, var)

        try:
            stmts = self.nested(body, bind)
        finally:
            self.loops.pop()
        if for_head is not None:
            self.emit(rir.For(for_head[0], for_head[1], stmts, label))
        elif cond is not None:
            self.emit(rir.While(cond, stmts, label))
        else:
            self.emit(rir.Loop(stmts, label))
        for name in hoisted:
            del self.str_indexes[name]
        self.str_buffers -= buffers
        self.pinned -= buffers
        if orelse:
            assert flag is not None
            self.emit(rir.If(rir.Not(rir.Var(flag)), self.nested(orelse)))

    def str_buffers_for(self, body: tuple[ir.Stmt, ...]) -> set[str]:
        """Before a loop: the `String` of each str local the loop alone uses and only
        assigns concatenations (`_str_buffers`), rebuilt in place by each assignment
        (`str_build`) and never moved out (pinned), so reads borrow it: `d[key] =
        d.get(key, 0) + 1` copies the key only when it is inserted."""
        if self.fn.is_generator:
            return set()
        found = _str_buffers(body, self.name_uses) - self.str_buffers - self.cow_strs
        declared = {name for name, _ in self.fn.locals}
        for name in sorted(found):
            if name not in declared:
                self.emit(rir.Let(name, rir.Call("String::new", ()), "String", mutable=True))
        self.str_buffers |= found
        self.pinned |= found
        return found

    def str_build(self, targets: tuple[ir.Target, ...], value: ir.Expr) -> bool:
        """`key = a + " " + b` of a str buffer (`str_buffers_for`): the parts read in
        order (a raising one leaves `key` as it was), then written into the buffer."""
        t = targets[0]
        if not (len(targets) == 1 and isinstance(t, ir.NameTarget) and t.rust in self.str_buffers):
            return False
        parts = _concat_parts(value)
        assert parts is not None and t.rust is not None
        views = rir.Borrow(rir.Macro("", tuple(self.borrow(self.expr(x)) for x in parts), "[]"))
        self.emit(rir.ExprStmt(self.prop(rir.Call("pcrt::str_build", (
            rir.Borrow(rir.Var(t.rust), mutable=True), views)))))
        return True

    def index_strings(self, body: tuple[ir.Stmt, ...], bound: set[str]) -> list[str]:
        """Before a loop: an O(1) code-point index of each string the loop indexes
        (`s[i]`) and never rebinds (the loop's own variables, `bound`, change each step)."""
        # a comprehension's or lambda's own variables are bound inside the loop too
        written = _names_written(body) | bound | {
            n.id for n in ir.walk(body) if isinstance(n, ir.NameTarget)} | {
            p for n in ir.walk(body) if isinstance(n, ir.Lambda) for p in n.params}
        hoisted = []
        for name in _indexed_strings(body):
            if name.rust is None or name.rust in self.str_indexes or name.id in written:
                continue
            ix = self.fresh("ix")
            self.emit(rir.Let(ix, rir.Call("pcrt::StrIndex::new", (self.borrow(self.expr(name)),))))
            self.str_indexes[name.rust] = ix
            hoisted.append(name.rust)
        return hoisted

    def if_chain(self, s: ir.If) -> rir.If | rir.IfLet:
        found = self.found_in(s)
        if found is not None:
            return found
        cond = self.owned(self.expr(s.test))  # a `&bool` loop variable read by value
        then = self.nested(s.body)
        if len(s.orelse) == 1 and isinstance(s.orelse[0], ir.If):
            with self.collect() as orelse:
                self.comment(s.orelse[0].span.line)
            return rir.If(cond, then, (*orelse, self.if_chain(s.orelse[0])))
        return rir.If(cond, then, self.nested(s.orelse))

    def found_in(self, s: ir.If) -> rir.IfLet | None:
        """`if k in d:` whose body reads `d[k]`: one lookup, `if let Some(v) =
        pcrt::dict_find(d, k)`, the body's `d[k]` reading `v` in place (the test hashed
        `k` once, `d[k]` hashed it again). Only where that cannot change a result: `d`
        and `k` variables the body never assigns or changes, `d` read in the body only
        by dict ops that read it (so the borrow of `v` meets no move or change of `d`;
        none in a closure), plain `dict` lookups (not the `Any`-key ops)."""
        test = s.test
        if not (isinstance(test, ir.OpCall) and test.op.file == "dict.toml"
                and test.op.name == "in" and str(test.op.template).startswith("pcrt::dict_contains(")):
            return None
        d, k = dict(test.args).get("self"), dict(test.args).get("key")
        if not (isinstance(d, ir.Name) and d.kind in ("local", "param") and d.rust
                and isinstance(d.ty, DictT) and isinstance(k, (ir.Name, ir.Const))
                and _pure(k) and (not isinstance(k, ir.Name) or k.kind in ("local", "param"))):
            return None
        reads: list[ir.OpCall] = []
        ok = True

        def visit(n: object, closure: bool) -> None:
            nonlocal ok
            if isinstance(n, ir.Name) and n.id == d.id:
                ok = False
                return
            if isinstance(n, ir.OpCall) and n.op.file == "dict.toml" and n.args \
                    and isinstance(n.args[0][1], ir.Name) and n.args[0][1].id == d.id:
                if closure or any(n.op.template.mutates(p) for p, _ in n.args):
                    ok = False
                    return
                if n.op.name == "getitem" and _same(dict(n.args)["key"], k) \
                        and str(n.op.template).startswith("pcrt::dict_getitem("):
                    reads.append(n)
                for _, a in n.args[1:]:
                    visit(a, closure)
                return
            inner = closure or isinstance(n, (ir.Lambda, ir.Comprehension))
            for c in ir.children(n):
                visit(c, inner)

        visit(s.body, False)
        written = _names_written(s.body) | _mutated_names(s.body)
        if not ok or not reads or d.id in written or isinstance(k, ir.Name) and k.id in written:
            return None
        value = self.fresh("found")
        find = self.opcall(test, template=_DICT_FIND)
        saved = len(self.bound)
        self.ref_vars[value] = 0
        assert isinstance(d.ty, DictT)
        self.bound.extend((r, Val(rir.Var(value), "ref", d.ty.value)) for r in reads)
        try:
            then = self.nested(s.body)
        finally:
            del self.bound[saved:]
            del self.ref_vars[value]
        if len(s.orelse) == 1 and isinstance(s.orelse[0], ir.If):
            with self.collect() as orelse:
                self.comment(s.orelse[0].span.line)
            return rir.IfLet(f"Some({value})", find, then, (*orelse, self.if_chain(s.orelse[0])))
        return rir.IfLet(f"Some({value})", find, then, self.nested(s.orelse))

    def assign_target(self, t: ir.Target, v: Val) -> None:
        match t:
            case ir.NameTarget(rust=rust, declare=declare, ty=ty):
                assert rust is not None and ty is not None
                value = self.owned(v)
                if declare:
                    self.emit(rir.Let(rust, value, rust_type(ty), mutable=True))
                else:
                    self.emit(rir.Assign(rir.Var(rust), value))
            case ir.TupleTarget(elts=elts) if isinstance(v.ty, OutputsT):
                tmp = self.fresh("outs")
                self.emit(rir.Let(tmp, self.owned(v)))
                for i, x in enumerate(elts):
                    assert isinstance(x.ty, NdArrayT)
                    take = self.prop(rir.Call(f"pcrt::nd_take_{_elem_suffix(x.ty.dtype)}",
                                              (rir.Borrow(rir.Var(tmp)), _code(str(i)))))
                    self.assign_target(x, Val(take, "temp", x.ty))
            case ir.TupleTarget(elts=elts):
                if all(isinstance(x, ir.NameTarget) and x.declare for x in elts):
                    names = ", ".join(f"mut {x.rust}" for x in elts)  # type: ignore[union-attr]
                    self.emit(rir.Let(f"({names}{',' if len(elts) == 1 else ''})",
                                      self.owned(v)))
                    return
                tmp = self.fresh("t")
                self.emit(rir.Let(tmp, self.owned(v)))
                for i, x in enumerate(elts):
                    assert x.ty is not None
                    self.assign_target(x, Val(rir.Field(rir.Var(tmp), i), "temp", x.ty))
            case ir.AttrTarget(value=obj, attr=attr, setter=setter):
                held = self.fresh("v")
                self.emit(rir.Let(held, self.owned(v)))
                if setter is not None:
                    callee = self.module.mod.function(setter)
                    assert callee is not None
                    arg: rir.RExpr = rir.Var(held)
                    if callee.params[1].name in self.module.borrowed_params(callee):
                        arg = rir.Borrow(arg)
                    self.emit(rir.ExprStmt(self.prop(rir.Call(
                        rust_fn_name(setter), (self.owned(self.expr(obj)), arg)))))
                    return
                self.emit(rir.ExprStmt(rir.MethodCall(self.expr(obj).node, "with_mut", (
                    rir.Closure((("o", ""),), "", rir.Block((rir.Assign(
                        rir.Field(rir.Var("o"), rust_ident(attr)), rir.Var(held)),))),))))
            case ir.SubscriptTarget(value=obj, index=idx, op=op):
                assert op is not None
                params = [p.name for p in op.params]
                # `xs[i] = v` gives the op (xs, i, v); `xs[a:b:c] = v` (xs, a, b, c, v)
                index = idx.elts if isinstance(idx, ir.TupleLit) and len(params) > 3 else (idx,)
                last = params[-1]
                node = self.opcall(ir.OpCall(op, ((params[0], obj), *zip(params[1:-1], index),
                                                  (last, ir.Const(None, t.span, v.ty))),
                                             t.span, None),
                                   {last: self.borrow(v) if op.template.mode(last)
                                    is HoleMode.BORROW else self.owned(v)})
                self.emit(rir.ExprStmt(node))

    def split_view(self, targets: tuple[ir.Target, ...], value: ir.Expr) -> bool:
        """`words = s.split(sep)` read afterwards only through `len(words)`,
        `sep.join(words)` and slices of it in those places or bound to views read the same
        way: a `Vec<&str>` of slices of `s` (`str_split_ref`) instead of a `String` per
        piece. `s` is a temporary bound here, or a variable never rebound (pinned)."""
        if len(targets) != 1 or not (isinstance(value, ir.OpCall) and value.op.name == "str.split"):
            return False
        t = targets[0]
        if not (isinstance(t, ir.NameTarget) and t.declare and t.rust and not self.fn.is_generator):
            return False
        views = _pieces_views(self.fn.body, t.id, self.assigned, self.mutated)
        if views is None:
            return False
        args = dict(value.args)
        source = args["self"]
        cow = self.cow_result(source)
        v = Val(cow, "temp", StrT()) if cow is not None else self.expr(source)
        # a `&str` of the caller's string (a borrowed parameter, an item of a `&[&str]`
        # one): the pieces borrow that string, valid for the whole call
        caller = isinstance(source, ir.Name) and source.id in self.cow_sources \
            and v.kind == "ref"
        if not (caller or v.kind == "temp" or isinstance(source, ir.Name) and source.rust
                and source.kind in ("local", "param") and source.id not in self.mutated
                and self.assigned.get(source.id, 0) <= (0 if source.kind == "param" else 1)):
            v = Val(self.owned(v), "temp", v.ty)
        if v.kind == "temp":
            held = self.fresh("text")
            self.emit(rir.Let(held, v.node))
            v = Val(rir.Var(held), "place", v.ty)
        elif isinstance(v.node, rir.Var) and not caller:
            self.pinned.add(v.node.name)
        sep = self.borrow_optional(args["sep"]) if "sep" in args else _code("None")
        maxsplit = self.owned(self.expr(args["maxsplit"])) if "maxsplit" in args \
            else _code("-1")
        self.emit(rir.Let(t.rust, self.prop(rir.Call("pcrt::str_split_ref", (
            self.borrow(v), sep, maxsplit))), "Vec<&str>"))
        self.pinned.add(t.rust)
        self.str_pieces |= views
        return True

    def cow_assign(self, targets: tuple[ir.Target, ...], value: ir.Expr) -> bool:
        """An assignment of a `Cow<str>` local (`_cow_strs`): a view of a borrowed string
        is `Cow::Borrowed` (`sub = word[a:b]`: no copy), any other value `Cow::Owned`."""
        t = targets[0]
        if not (len(targets) == 1 and isinstance(t, ir.NameTarget) and t.rust in self.cow_strs):
            return False
        node = self.opcall_ref(value) \
            if isinstance(value, ir.OpCall) and _view_of(value, self.cow_sources) else None
        new = rir.Call("std::borrow::Cow::Borrowed", (node,)) if node is not None \
            else rir.Call("std::borrow::Cow::Owned", (self.owned(self.expr(value)),))
        if t.declare:
            self.emit(rir.Let(t.rust, new, "std::borrow::Cow<'_, str>", mutable=True))
        else:
            self.emit(rir.Assign(rir.Var(t.rust), new))
        return True

    def view_list(self, targets: tuple[ir.Target, ...]) -> bool:
        """`words: list[str] = []` filled only with parts of strings that outlive it
        (`_str_view_lists`): a `Vec<&str>`, appended to without a copy; the strings it
        borrows are never moved from here on."""
        t = targets[0]
        if not (len(targets) == 1 and isinstance(t, ir.NameTarget) and t.declare
                and t.rust in self.view_lists):
            return False
        self.pinned |= self.view_lists[t.rust]
        self.emit(rir.Let(t.rust, _code("Vec::new()"), "Vec<&str>", mutable=True))
        return True

    def view(self, targets: tuple[ir.Target, ...], value: ir.Expr) -> bool:
        """`part = xs[a:b]` (or `s[i]`, `d[k]`) read-only afterwards: a view into the
        source instead of a copy. The variable is assigned once and the source is never
        rebound or changed in place, and from here on never moved."""
        if len(targets) != 1 or not isinstance(value, ir.OpCall) or value.op.ref_template is None:
            return False
        t = targets[0]
        source = value.args[0][1] if value.args else None
        if not (isinstance(t, ir.NameTarget) and t.declare and t.rust and t.ty is not None
                and self.assigned.get(t.id) == 1 and t.id not in self.mutated
                and isinstance(source, ir.Name) and source.kind in ("local", "param")
                and source.rust and source.id not in self.mutated
                and self.assigned.get(source.id, 0) <= (0 if source.kind == "param" else 1)):
            return False
        if value.op.owned_template is not None and self.expr(source).movable:
            return False  # trimmed in place instead (`trim_receiver`)
        node = self.opcall_ref(value)
        if node is None:
            return False
        self.emit(rir.Let(t.rust, node, "&[&str]" if t.id in self.str_pieces
                          else borrowed_type(t.ty)))
        self.ref_vars[t.rust] = 0
        self.pinned.add(source.rust)
        return True

    def dict_update(self, s: ir.Assign | ir.AugAssign, targets: tuple[ir.Target, ...],
                    value: ir.Expr, augmented: bool = False) -> bool:
        """`d[k] = d.get(k, d0) <op> x` and `d[k] <op>= x`: one lookup, the key cloned
        only when inserted (moved in when `k` is a variable not read again). `x` is a
        value or a subscript of another variable (read after the lookup, as in Python:
        it cannot change `d`)."""
        if len(targets) != 1:
            return False
        t = targets[0]
        if not (isinstance(t, ir.SubscriptTarget) and isinstance(t.value, ir.Name)
                and isinstance(t.value.ty, DictT) and isinstance(value, ir.OpCall)
                and _pure(t.index) and len(value.args) == 2):
            return False
        dict_ty = t.value.ty
        (p0, get), (_, other) = value.args
        if not (isinstance(get, ir.OpCall) and _pure_read(other, t.value.id)
                and get.ty == dict_ty.value and value.ty == dict_ty.value):
            return False
        wanted = ("getitem", 2) if augmented else ("dict.get", 3)
        if (get.op.name, len(get.args)) != wanted:
            return False
        if augmented and dict_ty.kind in ("Counter", "defaultdict"):
            return False  # a missing key reads as a value there, not as KeyError
        d, k = get.args[0][1], get.args[1][1]
        if not (isinstance(d, ir.Name) and d.rust == t.value.rust and _same(k, t.index)):
            return False
        default = None if augmented else get.args[2][1]
        if default is not None and not _pure(default):
            return False
        old = self.fresh("old")
        self.catch.append(None)
        try:
            update = self.opcall(value, {p0: rir.Var(old)})
        finally:
            self.catch.pop()
        body = update.value if isinstance(update, rir.Try) else rir.Call("Ok", (update,))
        value_ty = rust_type(dict_ty.value)
        closure = rir.Closure(((old, value_ty),), f"pcrt::PyResult<{value_ty}>", body)
        place = self.place_mut(t.value) if isinstance(t.value, ir.Name) and \
            t.value.kind == "narrowed" else rir.Borrow(self.expr(t.value).node, mutable=True)
        key_val = self.expr(k)
        if default is None:
            call = rir.Call("pcrt::dict_aug", (place, self.borrow(key_val), closure))
        elif isinstance(k, ir.Name) and key_val.kind == "place" and self.last_uses is not None \
                and k.rust not in self.pinned and self.last_uses.dead_after(s, k) \
                and not _reads_any(other, k.id):
            # the key is not read again: moved into the entry, hashed once
            call = rir.Call("pcrt::dict_upsert_owned", (
                place, rir.Owned(key_val.node, Own.MOVE), self.owned(self.expr(default)),
                closure))
        else:
            call = rir.Call("pcrt::dict_upsert", (place, self.borrow(key_val),
                                                  self.owned(self.expr(default)), closure))
        self.emit(rir.ExprStmt(self.prop(call)))
        return True

    def aug_assign(self, s: ir.AugAssign, target: ir.Target, op: str, value: ir.Expr) -> None:
        # `value` is the whole new value (`x + 1`), typed by infer.
        if isinstance(target, ir.NameTarget) and op == "+" and isinstance(target.ty, StrT) \
                and isinstance(value, ir.OpCall):
            rhs = dict(value.args)
            other = list(rhs.values())[1]
            assert target.rust is not None
            # grown fallibly (`MemoryError`, never an abort: `s += c` in a loop)
            place = rir.Borrow(rir.Var(target.rust), mutable=True)
            if isinstance(other, ir.Const) and isinstance(other.value, str) \
                    and len(other.value) == 1:
                self.emit(rir.ExprStmt(self.prop(rir.Call(
                    "pcrt::str_push_char", (place, _code(rust_char(other.value)))))))
                return
            self.emit(rir.ExprStmt(self.prop(rir.Call(
                "pcrt::str_push", (place, self.borrow(self.expr(other)))))))
            return
        if isinstance(target, ir.SubscriptTarget) and self.dict_update(s, (target,), value, True):
            return
        v = self.expr(value)
        if isinstance(target, ir.NameTarget):
            assert target.rust is not None
            self.emit(rir.Assign(rir.Var(target.rust), self.owned(v)))
        else:
            tmp = self.fresh("v")
            self.emit(rir.Let(tmp, self.owned(v)))
            self.assign_target(target, Val(rir.Var(tmp), "place", v.ty, movable=True))

    def try_(self, s: ir.Try) -> None:
        err = self.fresh("err")
        label = self.fresh("try")[2:]
        fin: FinCtx | None = None
        outer = self.out
        pending = None
        if s.finalbody:
            pending = self.fresh("pending")
            fin = FinCtx(self.fresh("fin")[2:], self.fresh("ctl"), self.fresh("ret"),
                         len(self.loops))
            self.emit(rir.Let(pending, _code("None"), "Option<pcrt::PyErr>", mutable=True))
            self.emit(rir.Let(fin.ctl, _code("0"), "u8", mutable=True))
            self.emit(rir.Let(fin.ret, _code("None"),
                              f"Option<{rust_type(self.body_ret())}>", mutable=True))
            self.out = []
            self.catch.append(TryCtx(pending, fin.label))
            self.fins.append(fin)
        self.emit(rir.Let(err, _code("None"), "Option<pcrt::PyErr>", mutable=True))
        self.catch.append(TryCtx(err, label))
        try:
            body = self.nested(s.body)
        finally:
            self.catch.pop()
        self.emit(rir.Labeled(label, body))
        caught = self.fresh("e")
        if s.handlers:
            chain = self.raise_stmts(rir.Var(caught))
            for h in reversed(s.handlers):
                classes = h.classes or ("Exception",)
                cond = rir.Logic("||", tuple(rir.MethodCall(
                    self.exc_kind(c), "catches", (_code(f"{caught}.kind"),)) for c in classes))

                def bind(h: ir.Handler = h) -> None:
                    if h.name:
                        assert h.rust_name is not None
                        self.emit(rir.Let(h.rust_name, rir.Owned(rir.Var(caught), Own.CLONE)))

                self.handler_errs.append(caught)
                try:
                    hbody = self.nested(h.body, bind)
                finally:
                    self.handler_errs.pop()
                chain = (rir.If(cond, hbody, chain),)
            self.emit(rir.IfLet(f"Some({caught})", rir.Var(err), chain, self.nested(s.orelse)))
        else:
            self.emit(rir.IfLet(f"Some({caught})", rir.Var(err),
                                self.raise_stmts(rir.Var(caught))))
            self.block(s.orelse)
        if fin is not None:
            assert pending is not None
            self.catch.pop()
            self.fins.pop()
            inner = tuple(self.out)
            self.out = outer
            self.emit(rir.Labeled(fin.label, inner))
            self.block(s.finalbody)
            self.emit(rir.IfLet(f"Some({caught})", rir.Var(pending),
                                self.raise_stmts(rir.Var(caught))))
            # the try left by break/continue/return: carry on leaving, now that finally ran
            if self.loops and fin.loop_depth == len(self.loops):
                with self.collect() as brk:
                    self.jump("break")
                with self.collect() as cont:
                    self.jump("continue")
                self.emit(rir.If(_code(f"{fin.ctl} == 1"), tuple(brk),
                                 (rir.If(_code(f"{fin.ctl} == 2"), tuple(cont)),)))
            with self.collect() as ret:
                self.return_(rir.Var(fin.ret))
            self.emit(rir.IfLet(f"Some({fin.ret})", rir.Var(fin.ret), tuple(ret)))

    # ----------------------------------------------------------- function

    def lower(self) -> rir.Fn:
        fn = self.fn
        # by Rust name, as the names the body reads are spelled
        self.borrowed = {rust_ident(n) for n in self.module.borrowed_params(fn)}
        self.mut_params = {rust_ident(n) for n in self.module.mut_params(fn)}
        str_views = self.module.str_views(fn)
        self.str_views = {rust_ident(n) for n in str_views}
        for views in str_views.values():
            self.str_pieces |= views
        dict_views = self.module.dict_views(fn)
        self.dict_views = {rust_ident(n) for n in dict_views} \
            | {rust_ident(n) for views in dict_views.values() for n in views}
        self.last_uses = LastUses(fn)
        self.assigned = _assignment_counts(fn.body)
        self.mutated = _mutated_names(fn.body)
        self.name_uses = _name_uses(fn.body)
        if not fn.is_generator:
            self.cow_sources = {p.name for p in fn.params if isinstance(p.annotation, StrT)
                                and rust_ident(p.name) in self.borrowed
                                and self.assigned.get(p.name, 0) == 0} \
                | _view_items(fn.body, {p.name for p in fn.params
                                        if rust_ident(p.name) in self.str_views}, self.assigned)
            self.cow_strs = {rust_ident(x) for x in _cow_strs(fn.body, self.cow_sources,
                                                              self.assigned, self.mutated)}
            self.view_lists = _str_view_lists(fn.body, self.assigned, self.cow_sources)
        doc = tuple(line.strip() for line in fn.doc.strip().splitlines()) if fn.doc else (
            f"Compiled from `{fn.name}` in {self.module.file_name}.",)
        params = []
        for p in fn.params:
            assert p.annotation is not None
            t = p.annotation
            name = rust_ident(p.name)
            if name in self.str_views:
                params.append(rir.Param(name, "&[&str]", False))
            elif name in self.mut_params:
                params.append(rir.Param(name, f"&mut {rust_type(t)}", False))
            elif p.name in dict_views:
                params.append(rir.Param(name, f"&{dict_view_type(t)}", False))
            elif name in self.borrowed:
                params.append(rir.Param(name, borrowed_type(t), False))
            else:
                params.append(rir.Param(name, rust_type(t), True))
        assert fn.returns is not None
        for name, t in fn.locals:
            self.emit(rir.Let(name, _code("Default::default()"), rust_type(t), mutable=True))
        self.block(fn.body)
        tail: rir.RExpr | None = None
        if self.out and isinstance(self.out[-1], rir.Return):
            # the last statement's value is the function's value
            ret = self.out.pop()
            assert isinstance(ret, rir.Return)
            tail = ret.value
        elif isinstance(self.body_ret(), NoneT):
            tail = _code("Ok(())")
        elif isinstance(fn.returns, OptionalT):
            tail = _code("Ok(None)")
        else:
            last = fn.body[-1] if fn.body else None
            if not isinstance(last, (ir.Return, ir.Raise)):
                tail = _code("Err(pcrt::PyErr::new(pcrt::ExcKind::SystemError, \"internal error: "
                             "control reached the end of a function (a pycomp bug)\"))")
        body = rir.Block(tuple(self.out), tail)
        if fn.is_generator:
            # Calling a generator function runs nothing: the body runs one step per `next`.
            assert isinstance(fn.returns, GenT)
            body = rir.Block((), rir.Call("Ok", (rir.Call("pcrt::Gen::new", (rir.Closure(
                (("__pc_co", f"pcrt::Co<{rust_type(fn.returns.item)}>"),), "", body,
                moves=True, is_async=True),)),)))
        # The stack guard: RecursionError past the limit, never a stack overflow.
        guarded: rir.RExpr = rir.Call("pcrt::guard", (rir.Closure((), "", body, moves=True),))
        if fn.is_entry and any(not c.is_enum for c in self.module.mod.classes):
            # an entry of a module with classes also raises a dunder's exception that no
            # operation took (docs/architecture.md, "Objects"): none outlives the call
            guarded = rir.Call("pcrt::dunder_checked_result", (guarded,))
        stmts: tuple[rir.Stmt, ...] = ()
        if fn.cache is not None:
            stmts, guarded = self.cached(fn, guarded)
        return with_needed_mut(rir.Fn(rust_fn_name(fn.name), fn.is_entry, doc, tuple(params),
                                      f"Result<{rust_type(fn.returns)}, Error>", stmts, guarded))

    def cached(self, fn: ir.Function, run: rir.RExpr) -> tuple[tuple[rir.Stmt, ...], rir.RExpr]:
        """`@functools.cache` / `lru_cache`: the result stored by the arguments (a tuple of
        owned copies) in the function's `static` cache, looked up before running the body."""
        assert fn.cache is not None and fn.returns is not None
        keys: list[rir.RExpr] = []
        for p in fn.params:
            assert p.annotation is not None
            name = rust_ident(p.name)
            if name in self.borrowed:
                keys.append(rir.MethodCall(rir.Var(name), "to_owned"))
            else:
                keys.append(rir.Var(name) if is_copy(p.annotation) else
                            rir.MethodCall(rir.Var(name), "clone"))
        key_type = "(" + "".join(f"{rust_type(p.annotation)}, " for p in fn.params
                                 if p.annotation is not None) + ")"
        memo = f"pcrt::Memo<{key_type}, {rust_type(fn.returns)}>"
        size = "None" if fn.cache.maxsize is None else f"Some({fn.cache.maxsize})"
        return (
            rir.ExprStmt(_code(f"static __PC_CACHE: {memo} = pcrt::Memo::new({size})")),
            rir.Let("__pc_key", rir.TupleExpr(tuple(keys))),
            rir.IfLet("Some(__pc_value)", rir.MethodCall(
                _code("__PC_CACHE"), "lookup", (_code(rust_str(fn.name)),
                                                rir.Borrow(rir.Var("__pc_key")))),
                      (rir.Return(rir.Call("Ok", (rir.Var("__pc_value"),))),)),
            rir.Let("__pc_value", rir.Try(run)),
            rir.ExprStmt(rir.MethodCall(_code("__PC_CACHE"), "put", (
                rir.Var("__pc_key"), rir.Borrow(rir.Var("__pc_value"))))),
        ), rir.Call("Ok", (rir.Var("__pc_value"),))


def borrowed_type(t: Type) -> str:
    match t:
        case StrT():
            return "&str"
        case ListT(item):
            return f"&[{rust_type(item)}]"
        case _:
            return f"&{rust_type(t)}"


def _compare_operands(e: ir.Compare) -> list[ir.Expr]:
    """The right operand of each comparison of a chain, as infer bound it."""
    out: list[ir.Expr] = []
    for c, op in zip(e.comparators, e.ops):
        call = c.operand if isinstance(c, ir.UnaryOp) else c
        if op in ("is", "is not") or not isinstance(call, ir.OpCall):
            out.append(ir.Const(None, e.span, NONE))
            continue
        arg = call.args[0][1] if op in ("in", "not in") else call.args[-1][1]
        while isinstance(arg, ir.Coerce):
            arg = arg.value
        out.append(arg)
    return out


def _may_raise(e: ir.Expr) -> bool:
    """`e` calls a compiled function or an op that may raise (through conversions)."""
    while isinstance(e, ir.Coerce):
        e = e.value
    return isinstance(e, ir.UserCall) or isinstance(e, ir.OpCall) and e.op.raises


def _pure(e: ir.Expr) -> bool:
    """Evaluating `e` has no effect and cannot fail."""
    return isinstance(e, (ir.Const, ir.Name)) and not (
        isinstance(e, ir.Name) and e.kind == "const" and isinstance(e.ty, OpaqueT))


def _pure_read(e: ir.Expr, dict_name: str) -> bool:
    """`e` has no effect and does not read the dict `dict_name`: a value, or a
    subscript of other variables by a value (it may raise, changing nothing)."""
    if isinstance(e, ir.OpCall) and e.op.name == "getitem" and len(e.args) == 2 \
            and isinstance(e.args[0][1].ty, (DictT, ListT, TupleT, StrT)):
        return all(_pure(a) and not _reads(a, dict_name) for _, a in e.args)
    return _pure(e) and not _reads(e, dict_name)


def _reads_any(e: ir.Expr, name: str) -> bool:
    """`e` or one of its operands reads the variable `name`."""
    return any(_reads(x, name) for x in (e, *(a for _, a in getattr(e, "args", ()))))


def _all_pure(es: tuple[ir.Expr, ...]) -> bool:
    return all(_pure(e) for e in es)


def _same(a: ir.Expr, b: ir.Expr) -> bool:
    if isinstance(a, ir.Name) and isinstance(b, ir.Name):
        return a.rust == b.rust and a.kind == b.kind
    if isinstance(a, ir.Const) and isinstance(b, ir.Const):
        return a.value == b.value and type(a.value) is type(b.value)
    return False


def _reads(e: ir.Expr, name: str) -> bool:
    return isinstance(e, ir.Name) and e.id == name


def _names_written(stmts: tuple[ir.Stmt, ...]) -> set[str]:
    from pycomp.infer import _stmt_targets, _walk_stmts

    out: set[str] = set()
    for s in _walk_stmts(stmts):
        out |= set(_stmt_targets(s))
        # in-place mutation through a method call counts as writing
        if isinstance(s, ir.ExprStmt) and isinstance(s.value, ir.OpCall):
            a = dict(s.value.args)
            if s.value.op.template.mutates("self") and isinstance(a.get("self"), ir.Name):
                out.add(a["self"].id)  # type: ignore[union-attr]
        targets = s.targets if isinstance(s, ir.Assign) else (
            (s.target,) if isinstance(s, ir.AugAssign) else ())
        for t in targets:
            if isinstance(t, ir.SubscriptTarget) and isinstance(t.value, ir.Name):
                out.add(t.value.id)
    return out


def _mutated_names(node: object) -> set[str]:
    """Names an op changes in place anywhere under `node` (`{&mut x}` holes, and the
    containers item and slice assignments change: `xs[i] = v`, `xs[a:b] = ys`)."""
    out: set[str] = set()
    if isinstance(node, ir.SubscriptTarget):
        root = node.value
        while isinstance(root, (ir.OpCall, ir.Subscript)):
            root = root.args[0][1] if isinstance(root, ir.OpCall) else root.value
        if isinstance(root, ir.Name):
            out.add(root.id)
    if isinstance(node, ir.OpCall):
        for pname, a in node.args:
            if node.op.template.mutates(pname):
                root = a
                while isinstance(root, (ir.OpCall, ir.Subscript)):
                    root = root.args[0][1] if isinstance(root, ir.OpCall) else root.value
                if isinstance(root, ir.Name):
                    out.add(root.id)
    for child in ir.children(node):
        out |= _mutated_names(child)
    return out


def str_list_views(fn: ir.Function, borrowed: set[str], as_values: set[str],
                   ) -> dict[str, set[str]]:
    """The `list[str]` parameters of entry function `fn` that it reads only as strings
    (`for x in xs` never rebinding or changing `x`, `xs[i]`, `len(xs)`, `sep.join(xs)`, slices of
    it there or bound to views read the same way): taken as `&[&str]`, decoded at the
    boundary as views of the argument buffer instead of a `String` per item. Each with
    the names of its views. A compiled caller passes `&pcrt::str_refs(&xs)`; a function
    used as a value keeps `&[String]`."""
    if not fn.is_entry or fn.is_generator or fn.name in as_values:
        return {}
    assigned = _assignment_counts(fn.body)
    mutated = _mutated_names(fn.body)
    out: dict[str, set[str]] = {}
    for p in fn.params:
        if p.name in borrowed and isinstance(p.annotation, ListT) \
                and isinstance(p.annotation.item, StrT):
            views = _pieces_views(fn.body, p.name, assigned, mutated, param=True)
            if views is not None:
                out[p.name] = views
    return out


def _pieces_views(stmts: tuple[ir.Stmt, ...], name: str, assigned: dict[str, int],
                  mutated: set[str], param: bool = False) -> set[str] | None:
    """If every read of the list `name` (assigned once, or a parameter never assigned;
    never changed) reads its items only as strings - `len(name)`, `sep.join(name)`, a
    slice of it in those places, or a slice bound to a view (`part = name[a:b]`, assigned
    once) read the same way; for a parameter also `for x in name` whose body never
    rebinds or changes `x`, and `name[i]` (an item as `&str`) - the names of those views;
    else None."""
    if assigned.get(name, 0) != (0 if param else 1) or name in mutated:
        return None
    views: set[str] = set()
    pending = [name]
    ok = True

    def slice_of(e: ir.Expr, src: str) -> bool:
        if not (isinstance(e, ir.OpCall) and e.op.name == "slice"):
            return False
        a = dict(e.args)
        step = a.get("step")
        while isinstance(step, ir.Coerce):
            step = step.value
        recv = a.get("self")
        return isinstance(recv, ir.Name) and recv.id == src and recv.kind in kinds \
            and (step is None or isinstance(step, ir.Const) and step.value is None)

    kinds = ("local", "param") if param else ("local",)

    def visit(n: object, src: str, allowed: bool) -> None:
        nonlocal ok
        if isinstance(n, ir.Name):
            ok = ok and (n.id != src or allowed and n.kind in kinds)
            return
        if param and src == name and isinstance(n, ir.For) and _str_view_loop(n.target, n.iter,
                                                                               n.body, name):
            visit(n.body, src, False)
            visit(n.orelse, src, False)
            return
        if isinstance(n, ir.Assign) and len(n.targets) == 1 and slice_of(n.value, src):
            t = n.targets[0]
            if isinstance(t, ir.NameTarget) and t.declare and assigned.get(t.id) == 1 \
                    and t.id not in mutated and t.id not in views:
                views.add(t.id)
                pending.append(t.id)
                visit(n.value, src, True)
                return
        if param and src == name and isinstance(n, ir.OpCall) and n.op.name == "getitem" \
                and n.op.file == "list.toml" and isinstance(n.args[1][1].ty, IntT):
            recv = n.args[0][1]
            if isinstance(recv, ir.Name) and recv.id == src:
                visit(n.args[1][1], src, False)  # `xs[i]`: an item as `&str`
                return
        if isinstance(n, ir.OpCall):
            reads = n.op.name == "len" or n.op.name == "str.join"
            for pname, a in n.args:
                read_here = reads and (n.op.name == "len" or pname == "iterable")
                if n.op.name == "slice" and pname == "self":
                    visit(a, src, allowed)
                elif read_here and slice_of(a, src):
                    visit(a, src, True)
                else:
                    visit(a, src, read_here)
            return
        for c in ir.children(n):
            visit(c, src, False)

    def visit_closure(n: object, src: str) -> None:
        nonlocal ok
        if isinstance(n, (ir.Lambda, ir.Comprehension)):
            ok = ok and not any(isinstance(x, ir.Name) and x.id == src for x in ir.walk(n))
        for c in ir.children(n):
            visit_closure(c, src)

    while pending and ok:
        src = pending.pop()
        visit(stmts, src, False)
        visit_closure(stmts, src)
    return views if ok else None


# The ops a dict view serves (dict.toml), by name: the position of the dict, and whether
# the result is one of its values (those only for number values: a nested view is read
# through `items()` loops only).
# `if k in d:` with the value found (FnLowerer.found_in): `Option<&V>`
_DICT_FIND = parse_template("pcrt::dict_find({&self}, {&key})")

_DICT_VIEW_OPS = {"len": False, "truth": False, "in": False, "getitem": True, "dict.get": True}


def dict_view_type(t: Type) -> str | None:
    """The Rust type of a `dict[str, T]` read as a view of the argument buffer
    (`IndexMap<&str, T>`, T a number or such a dict in turn); None for other types."""
    if isinstance(t, (IntT, FloatT, BoolT)):
        return rust_type(t)
    if isinstance(t, DictT) and not t.kind and isinstance(t.key, StrT):
        inner = dict_view_type(t.value)
        return None if inner is None else f"IndexMap<&str, {inner}>"
    return None


def dict_views(fn: ir.Function, borrowed: set[str], as_values: set[str]) -> dict[str, set[str]]:
    """The `dict[str, T]` parameters of entry function `fn` (T a number, or such a dict
    in turn) that it only reads - `len(d)`, `if d`, `k in d`, `d[k]`, `d.get(k[, x])`
    (number values), `for k, v in d.items()` whose body never rebinds or changes `k`,
    `v` or `d` (a nested dict's `v` read the same way) - each with the names of its
    nested views: taken as `&IndexMap<&str, T>`, decoded at the boundary with keys
    borrowed from the argument buffer (no `String` per key). `as_values`: the functions
    compiled code calls or uses as values (those keep their owned types)."""
    if not fn.is_entry or fn.is_generator or fn.name in as_values or fn.cache is not None:
        return {}
    assigned = _assignment_counts(fn.body)
    params = {p.name for p in fn.params}
    out: dict[str, set[str]] = {}
    for p in fn.params:
        if p.name in borrowed and isinstance(p.annotation, DictT) \
                and isinstance(p.annotation.value, DictT | IntT | FloatT | BoolT) \
                and dict_view_type(p.annotation) is not None:
            views = _dict_view_names(fn.body, p.name, p.annotation)
            # a nested view's name is bound by its loop only (one Rust type for it)
            if views is not None and all(assigned.get(v) == 2 and v not in params
                                         for v in views):
                out[p.name] = views
    return out


def _dict_view_names(stmts: tuple[ir.Stmt, ...], name: str, ty: Type) -> set[str] | None:
    """If every read of dict `name` (of type `ty`) in `stmts` is one a view serves
    (dict_views), the names of the nested views bound by its `items()` loops; else None."""
    nested: set[str] = set()
    ok = True

    def source(it: ir.Expr) -> bool:
        return isinstance(it, ir.OpCall) and it.op.name == "dict.items" \
            and it.op.file == "dict.toml" and isinstance(dict(it.args).get("self"), ir.Name) \
            and dict(it.args)["self"].id == name  # type: ignore[union-attr]

    def visit(n: object) -> None:
        nonlocal ok
        if not ok:
            return
        if isinstance(n, ir.Name):
            ok = n.id != name
            return
        if isinstance(n, (ir.Lambda, ir.Comprehension)):
            ok = not any(isinstance(x, ir.Name) and x.id == name for x in ir.walk(n))
            return
        if isinstance(n, ir.For) and source(n.iter):
            t = n.target
            written = _names_written(n.body) | _mutated_names(n.body)
            elts = t.elts if isinstance(t, ir.TupleTarget) else ()
            names = [x for x in elts if isinstance(x, ir.NameTarget) and x.declare and x.rust]
            if len(elts) != 2 or len(names) != 2 or name in written \
                    or any(x.id in written for x in names):
                ok = False
                return
            assert isinstance(ty, DictT)
            if isinstance(ty.value, DictT):
                inner = _dict_view_names(n.body, names[1].id, ty.value)
                if inner is None:
                    ok = False
                    return
                nested.update(inner | {names[1].id})
            visit(n.body)
            visit(n.orelse)
            return
        if isinstance(n, ir.OpCall) and n.op.file == "dict.toml" and n.op.name in _DICT_VIEW_OPS \
                and n.args and isinstance(n.args[0][1], ir.Name) and n.args[0][1].id == name:
            assert isinstance(ty, DictT)
            key = dict(n.args).get("key")
            if _DICT_VIEW_OPS[n.op.name] and isinstance(ty.value, DictT) \
                    or key is not None and not isinstance(key.ty, StrT):
                ok = False  # a nested view read by key, or a dynamic key (`*_dyn` ops)
                return
            for _, a in n.args[1:]:
                visit(a)
            return
        for c in ir.children(n):
            visit(c)

    visit(stmts)
    return nested if ok else None


def _plain(t: Type) -> bool:
    """Whether `<` of `t` values is Rust's total order on them but for a NaN (the
    runtime's `PlainOrd`: i64, f64, bool, str, tuples of up to six of them)."""
    if isinstance(t, TupleT):
        return 0 < len(t.items) <= 6 and all(_plain(i) for i in t.items)
    return isinstance(t, (IntT, FloatT, BoolT, StrT))


def _plain_order(call: ir.OpCall) -> bool:
    """Whether the values an ordering op (`sorted`, `list.sort`) compares are plain: the
    key's results when it has a key (a lambda), else the items."""
    key = dict(call.args).get("key")
    if key is None:
        compared = dict(call.tvars).get("T")
    elif isinstance(key, ir.Lambda) and isinstance(key.ty, CallableT):
        compared = key.ty.ret
    else:
        compared = dict(call.tvars).get("K")
    return compared is not None and _plain(compared)


def _ref_form_applies(call: ir.OpCall) -> bool:
    """The op has a `rust_ref` form (a reference into `self`), its result is not `Copy`,
    and the parameters that form leaves out are None."""
    tpl = call.op.ref_template
    if tpl is None or call.ty is None or is_copy(call.ty):
        return False
    used = {h.name for h in tpl.holes}
    for pname, a in call.args:
        while isinstance(a, ir.Coerce):
            a = a.value
        if pname not in used and not (isinstance(a, ir.Const) and a.value is None):
            return False
    return True


def _view_of(value: ir.Expr, sources: set[str]) -> bool:
    """`value` is a part of one of `sources` (`word[a:b]`, `s.strip()`: an op whose
    `rust_ref` form applies on a name of `sources` itself)."""
    return isinstance(value, ir.OpCall) and isinstance(value.ty, StrT) \
        and _ref_form_applies(value) and bool(value.args) \
        and isinstance(value.args[0][1], ir.Name) and value.args[0][1].id in sources


def _view_items(body: tuple[ir.Stmt, ...], views: set[str], assigned: dict[str, int],
                ) -> set[str]:
    """The items of `for x in xs` loops over `&[&str]` parameters (`views`) that are
    never rebound (the loop is their only assignment): `&str`s of the caller's strings,
    valid for the whole call."""
    from pycomp.infer import _walk_stmts

    out: set[str] = set()
    for s in _walk_stmts(body):
        if isinstance(s, ir.For) and isinstance(s.iter, ir.Name) and s.iter.id in views \
                and isinstance(s.target, ir.NameTarget) and s.target.declare \
                and isinstance(s.target.ty, StrT) and assigned.get(s.target.id) == 2 \
                and _str_view_loop(s.target, s.iter, s.body, s.iter.id) \
                and s.target.id not in _names_written(s.body) | _mutated_names(s.body):
            out.add(s.target.id)
    return out


def _cow_strs(body: tuple[ir.Stmt, ...], sources: set[str], assigned: dict[str, int],
              mutated: set[str]) -> set[str]:
    """str locals first assigned a part of a string the call borrows (`sub =
    word[a:b]` with `word` in `sources`: a borrowed `str` parameter or an item of a
    `&[&str]` one, valid for the whole call) and otherwise only by plain assignments
    (`sub = "##" + sub`): held as `Cow<str>`, the view borrowed until a built string
    replaces it (one assigned once is a plain view: `FnLowerer.view`). A variable a
    lambda or comprehension reads stays a `String`."""
    from pycomp.infer import _walk_stmts

    plain: dict[str, int] = {}
    declared: dict[str, int] = {}
    viewed: set[str] = set()
    for s in _walk_stmts(body):
        if isinstance(s, ir.Assign) and len(s.targets) == 1 \
                and isinstance(s.targets[0], ir.NameTarget) and s.targets[0].rust \
                and isinstance(s.targets[0].ty, StrT):
            t = s.targets[0]
            plain[t.id] = plain.get(t.id, 0) + 1
            if t.declare:
                declared[t.id] = declared.get(t.id, 0) + 1
                if _view_of(s.value, sources):
                    viewed.add(t.id)
    in_closures = {n.id for node in ir.walk(body) if isinstance(node, (ir.Lambda, ir.Comprehension))
                   for n in ir.walk(node) if isinstance(n, ir.Name)}
    return {x for x in viewed if declared[x] == 1 and plain[x] == assigned.get(x) and plain[x] > 1
            and x not in mutated and x not in in_closures and x not in sources}


def _name_uses(body: object) -> dict[str, int]:
    """How often each variable is read or assigned under `body`, by Rust name."""
    out: dict[str, int] = {}
    for node in ir.walk(body):
        if isinstance(node, (ir.Name, ir.NameTarget)) and node.rust:
            out[node.rust] = out.get(node.rust, 0) + 1
    return out


def _concat_parts(e: ir.Expr) -> list[ir.Expr] | None:
    """The strings a chain of str `+` joins (`a + " " + b`: three), or None."""
    if not (isinstance(e, ir.OpCall) and e.op.name == "+" and isinstance(e.ty, StrT)
            and len(e.args) == 2 and all(isinstance(x.ty, StrT) for _, x in e.args)):
        return None
    return [p for _, x in e.args for p in (_concat_parts(x) or [x])]


def _str_buffers(loop_body: tuple[ir.Stmt, ...], uses: dict[str, int]) -> set[str]:
    """str locals whose every use (`uses`: in the whole function) is in `loop_body`,
    every assignment a plain `x = a + b ...` that does not read `x`, and that no lambda
    or comprehension reads, by Rust name: one buffer for the loop instead of a new
    `String` per assignment."""
    from pycomp.infer import _walk_stmts

    inside = _name_uses(loop_body)
    builds: dict[str, int] = {}
    for s in _walk_stmts(loop_body):
        if isinstance(s, ir.Assign) and len(s.targets) == 1 \
                and isinstance(t := s.targets[0], ir.NameTarget) and t.rust \
                and isinstance(t.ty, StrT) and _concat_parts(s.value) is not None \
                and not any(isinstance(n, ir.Name) and n.rust == t.rust for n in ir.walk(s.value)):
            builds[t.rust] = builds.get(t.rust, 0) + 1
    assigned: dict[str, int] = {}  # by any target: `for`, `with`, `except`, unpacking
    for node in ir.walk(loop_body):
        if isinstance(node, ir.NameTarget) and node.rust:
            assigned[node.rust] = assigned.get(node.rust, 0) + 1
    # reads that borrow: an op's `&` operand, a dict key assigned to (`d[x] = ...`, the
    # key copied only when inserted), so no read needs a copy the concatenation moved
    borrowed: dict[str, int] = {}
    for node in ir.walk(loop_body):
        if isinstance(node, ir.OpCall):
            read = [a for p, a in node.args
                    if node.op.template.mode(p) in (HoleMode.BORROW, HoleMode.BORROW_OPT)]
        elif isinstance(node, ir.SubscriptTarget) and isinstance(node.value.ty, DictT):
            read = [node.index]
        else:
            continue
        for a in read:
            if isinstance(a, ir.Name) and a.rust:
                borrowed[a.rust] = borrowed.get(a.rust, 0) + 1
    in_closures = {n.rust for node in ir.walk(loop_body)
                   if isinstance(node, (ir.Lambda, ir.Comprehension))
                   for n in ir.walk(node) if isinstance(n, (ir.Name, ir.NameTarget))}
    return {x for x, n in builds.items() if assigned.get(x) == n and inside[x] == uses.get(x)
            and inside[x] == n + borrowed.get(x, 0) and x not in in_closures}


def _str_view_lists(body: tuple[ir.Stmt, ...], assigned: dict[str, int], sources: set[str],
                    ) -> dict[str, set[str]]:
    """Local `list[str]`s declared empty (`words: list[str] = []`, assigned once) and
    read only by `len`, truth and `sep.join`, whose every `append` adds a piece of a
    `for w in s.split(...)` loop (`w` a `&str` slice of `s`: split_pieces_by_ref) or a
    string the call borrows (`sources`), where nothing from the declaration to the end of
    its block rebinds or changes the split strings `s`: `Vec<&str>`s of views, by Rust
    name, with the Rust names of the strings they borrow (never moved while they live)."""
    from pycomp.scopes import child_blocks

    out: dict[str, set[str]] = {}
    stack = [body]
    while stack:
        blk = stack.pop()
        for i, s in enumerate(blk):
            stack.extend(b for _, b in child_blocks(s))
            t = s.targets[0] if isinstance(s, ir.Assign) and len(s.targets) == 1 else None
            if not (isinstance(t, ir.NameTarget) and t.declare and t.rust
                    and isinstance(t.ty, ListT) and isinstance(t.ty.item, StrT)
                    and isinstance(s.value, ir.ListLit) and not s.value.elts  # type: ignore[union-attr]
                    and assigned.get(t.id) == 1):
                continue
            region = blk[i + 1:]
            roots = _view_list_roots(region, t.id, sources)
            if roots is not None and not {r for r, _ in roots} & (
                    _names_written(region) | _mutated_names(region)):
                out[t.rust] = {rust for _, rust in roots}
    return out


def _view_list_roots(region: tuple[ir.Stmt, ...], name: str, sources: set[str],
                     ) -> set[tuple[str, str]] | None:
    """The strings (id, Rust name) whose split pieces `region` appends to the list
    `name`, if its only other reads are `len`, truth and `sep.join` (`_str_view_lists`)."""
    roots: set[tuple[str, str]] = set()
    ok = True

    def visit(n: object, pieces: dict[str, tuple[str, str]]) -> None:
        nonlocal ok
        if not ok:
            return
        if isinstance(n, (ir.Lambda, ir.Comprehension)):
            ok = not any(isinstance(x, ir.Name) and x.id == name for x in ir.walk(n))
            return
        if isinstance(n, ir.For) and isinstance(n.iter, ir.OpCall) \
                and n.iter.op.name == "str.split" and isinstance(n.target, ir.NameTarget) \
                and n.target.declare and n.target.rust:
            src = dict(n.iter.args)["self"]
            written = _names_written(n.body) | _mutated_names(n.body)
            if isinstance(src, ir.Name) and src.kind in ("local", "param") and src.rust \
                    and isinstance(src.ty, StrT) and src.id not in written \
                    and (n.target.id not in written or _narrowed_by_ref(n.body, n.target.id)):
                visit(n.iter, pieces)
                visit(n.body, {**pieces, n.target.id: (src.id, src.rust)})
                visit(n.orelse, pieces)
                return
        if isinstance(n, ir.ExprStmt) and isinstance(n.value, ir.OpCall) \
                and n.value.op.name == "list.append":
            given = dict(n.value.args)
            recv, x = given.get("self"), given.get("x")
            if isinstance(recv, ir.Name) and recv.id == name:
                if isinstance(x, ir.Name) and x.id in pieces:
                    roots.add(pieces[x.id])
                else:
                    ok = isinstance(x, ir.Name) and x.id in sources
                return
        if isinstance(n, ir.OpCall) and n.op.name in ("len", "truth", "str.join"):
            for pname, a in n.args:
                if not (isinstance(a, ir.Name) and a.id == name
                        and (n.op.name != "str.join" or pname == "iterable")):
                    visit(a, pieces)
            return
        if isinstance(n, ir.Name) and n.id == name:
            ok = False
            return
        for c in ir.children(n):
            visit(c, pieces)

    visit(region, {})
    return roots if ok else None


def _narrowed_by_ref(body: tuple[ir.Stmt, ...], name: str) -> bool:
    """Every assignment of `name` in `body` is `name = name.strip(...)` (ops whose
    `rust_ref` forms apply: a part of `name`, as strip, removeprefix) and nothing
    changes it in place: a `&str` loop variable stays one, narrowed without a copy."""
    from pycomp.infer import _stmt_targets, _walk_stmts

    if name in _mutated_names(body):
        return False
    for s in _walk_stmts(body):
        if name not in _stmt_targets(s):
            continue
        if not (isinstance(s, ir.Assign) and len(s.targets) == 1
                and isinstance(s.targets[0], ir.NameTarget) and not s.targets[0].declare
                and isinstance(s.value, ir.OpCall) and isinstance(s.value.ty, StrT)
                and _ref_form_applies(s.value)):
            return False
        recv = dict(s.value.args).get("self")
        while isinstance(recv, ir.OpCall) and isinstance(recv.ty, StrT) \
                and _ref_form_applies(recv):
            recv = dict(recv.args).get("self")  # `w.removeprefix("#").strip()`
        if not (isinstance(recv, ir.Name) and recv.id == name):
            return False
    return True


def _str_view_loop(target: ir.Target, it: ir.Expr, body: tuple[ir.Stmt, ...], name: str,
                   ) -> bool:
    """`for x in name` whose body never rebinds or changes `x`, or rebinds it first of
    all (`_shadowed_first`): the items as `&str`."""
    return isinstance(it, ir.Name) and it.id == name and isinstance(target, ir.NameTarget) \
        and target.declare and bool(target.rust) \
        and (target.id not in _names_written(body) | _mutated_names(body)
             or _shadowed_first(target, body))


def _shadowed_first(target: ir.NameTarget, body: tuple[ir.Stmt, ...]) -> bool:
    """The body's first statement rebinds the loop's str variable from a value
    (`line = line.strip().lower()`): the item is read only there, so the `&str` item
    and the `String` the rest of the body works on are two Rust variables (a shadowing
    `let`), as the Python variable never holds the item again."""
    first = body[0] if body else None
    return isinstance(first, ir.Assign) and len(first.targets) == 1 \
        and isinstance(first.targets[0], ir.NameTarget) \
        and first.targets[0].id == target.id and isinstance(target.ty, StrT) \
        and isinstance(first.value.ty, StrT)


def _assignment_counts(stmts: tuple[ir.Stmt, ...]) -> dict[str, int]:
    from pycomp.infer import _stmt_targets, _walk_stmts

    counts: dict[str, int] = {}
    for s in _walk_stmts(stmts):
        for name in _stmt_targets(s):
            counts[name] = counts.get(name, 0) + (2 if isinstance(s, ir.For) else 1)
        if isinstance(s, ir.Try):
            for h in s.handlers:
                if h.name:
                    counts[h.name] = counts.get(h.name, 0) + 2
    return counts


def _indexed_strings(node: object) -> list[ir.Name]:
    """The str variables indexed (`s[i]`) anywhere under `node`, once each."""
    found: dict[str, ir.Name] = {}

    def visit(n: object) -> None:
        if isinstance(n, ir.OpCall) and n.op.name == "getitem" and n.args:
            recv = n.args[0][1]
            if isinstance(recv, ir.Name) and isinstance(recv.ty, StrT) and recv.rust \
                    and recv.kind in ("local", "param"):
                found.setdefault(recv.rust, recv)
        for child in ir.children(n):
            visit(child)

    visit(node)
    return list(found.values())


FIELDS_VAR = "__pc_f"  # an object's fields inside its `get` (Instance::get)


def _quiet(e: object) -> bool:
    """Whether evaluating `e` runs no compiled code that could change an object: no
    call of a module function, method, constructor or function value, and no value whose
    operations call compiled dunder methods."""
    if isinstance(e, (ir.UserCall, ir.New, ir.Lambda, ir.Call, ir.Comprehension)):
        return False
    if isinstance(e, ir.OpCall) and any(a.ty is None or isinstance(a.ty, FuncT) or
                                        calls_dunders(a.ty) for _, a in e.args):
        return False
    return all(_quiet(c) for c in ir.children(e))


def _inline(e: ir.Expr) -> bool:
    """Whether `e` lowers to an expression without `?` (values, fields, ops that do not
    raise on such)."""
    match e:
        case ir.Name() | ir.Const():
            return True
        case ir.FieldGet(value=v) | ir.Coerce(value=v, method=None):
            return _inline(v)
        case ir.OpCall(op=op, args=args):
            return not op.raises and all(_inline(a) for _, a in args)
    return False


def _changes_objects(node: object) -> bool:
    """Whether `node` assigns a field (or runs a property setter), changes one in place
    (`self.items.append(x)`) or yields (its consumer may run anything meanwhile)."""
    if isinstance(node, (ir.AttrTarget, ir.Yield)):
        return True
    if isinstance(node, ir.OpCall) and any(
            node.op.template.mutates(p) and _through_field(a) for p, a in node.args):
        return True
    return any(_changes_objects(c) for c in ir.children(node))


def _through_field(e: ir.Expr) -> bool:
    """Whether a `&mut` place goes through an object's field (`self.items[k]`)."""
    match e:
        case ir.FieldGet():
            return True
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault"):
            return _through_field(args[0][1])
        case ir.Subscript(value=v):
            return _through_field(v)
    return False


def _contains_try(stmts: tuple[ir.Stmt, ...]) -> bool:
    for s in stmts:
        if isinstance(s, ir.Try):
            return True
        if isinstance(s, (ir.For, ir.While)):
            continue
        for _, blk in child_blocks(s):
            if _contains_try(blk):
                return True
    return False


# ------------------------------------------------------------ `mut` where needed

_MUTATING_METHODS = ("push", "push_str", "insert", "extend", "sort", "sort_by", "truncate")


def _root_var(e: object) -> str | None:
    while True:
        match e:
            case rir.Var(name=name):
                return name
            case rir.Code(text=text):
                return text if text.isidentifier() else None
            case rir.Field(value=v) | rir.Borrow(value=v) | rir.Owned(value=v):
                e = v
            case _:
                return None


def _loop_binding(loop: rir.For) -> str | None:
    """The variable a `for` pattern binds (a new one, whatever the name)."""
    name = loop.pattern.removeprefix("mut ")
    return name if name.isidentifier() else None


def _mutated_vars(node: object, out: set[str]) -> None:
    if isinstance(node, rir.For) and (bound := _loop_binding(node)):
        _mutated_vars(node.iter, out)
        inner: set[str] = set()
        _mutated_vars(node.body, inner)
        inner.discard(bound)
        out |= inner
        return
    match node:
        case rir.Assign(place=place):
            name = _root_var(place)
            if name:
                out.add(name)
        case rir.Borrow(value=v, mutable=True):
            name = _root_var(v)
            if name:
                out.add(name)
        case rir.Template(op="+=", parts=(rir.Var(name=name), *_)):
            out.add(name)
        case rir.MethodCall(receiver=r, method=m) if m in _MUTATING_METHODS:
            name = _root_var(r)
            if name:
                out.add(name)
        case rir.Try(err=err) if err:
            out.add(err)
    if isinstance(node, (tuple, list)):
        for x in node:
            _mutated_vars(x, out)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            _mutated_vars(getattr(node, f.name), out)


def _drop_mut(node: Any, mutated: set[str]) -> Any:
    if isinstance(node, tuple):
        return tuple(_drop_mut(x, mutated) for x in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    if isinstance(node, rir.For) and (bound := _loop_binding(node)):
        inner: set[str] = set()
        _mutated_vars(node.body, inner)
        scope = (mutated - {bound}) | ({bound} & inner)
        return dataclasses.replace(node, iter=_drop_mut(node.iter, mutated),
                                   body=_drop_mut(node.body, scope),
                                   pattern=_pattern_mut(node.pattern, scope))
    changes = {f.name: _drop_mut(getattr(node, f.name), mutated)
               for f in dataclasses.fields(node)}
    if isinstance(node, rir.Let) and node.mutable and node.pattern not in mutated:
        changes["mutable"] = False
    if isinstance(node, (rir.For, rir.Let)) and node.pattern.startswith(("mut ", "(mut ")):
        changes["pattern"] = _pattern_mut(node.pattern, mutated)
    if isinstance(node, rir.Param) and node.mutable and node.name not in mutated:
        changes["mutable"] = False
    return dataclasses.replace(node, **changes)


def _pattern_mut(pattern: str, mutated: set[str]) -> str:
    def one(p: str) -> str:
        p = p.strip()
        name = p.removeprefix("mut ")
        return p if name in mutated or not p.startswith("mut ") else name

    if pattern.startswith("("):
        inner = pattern[1:-1]
        trailing = inner.endswith(",")
        parts = [one(x) for x in inner.rstrip(",").split(",")]
        return "(" + ", ".join(parts) + ("," if trailing else "") + ")"
    return one(pattern)


def _pattern_unused(pattern: str, names: set[str]) -> str:
    """A tuple pattern with the names nothing reads marked unused (`_b`)."""
    inner = pattern[1:-1]
    trailing = inner.endswith(",")
    parts = []
    for p in inner.rstrip(",").split(","):
        p = p.strip()
        name = p.removeprefix("mut ")
        if name.isidentifier() and name not in names and not name.startswith("_"):
            p = f"_{name}"
        parts.append(p)
    return "(" + ", ".join(parts) + ("," if trailing else "") + ")"


def _used_names(node: object, names: set[str], labels: set[str]) -> None:
    if isinstance(node, rir.For) and (bound := _loop_binding(node)):
        _used_names(node.iter, names, labels)
        inner: set[str] = set()
        _used_names(node.body, inner, labels)
        if _item_scope(node, bound) is node.body:
            inner.discard(bound)  # (else a `let` of the body's shadows the item)
        names |= inner
        return
    match node:
        case rir.Var(name=name):
            names.add(name)
        case rir.Code(text=text) if text.isidentifier():
            names.add(text)
        case rir.Call(func=func) if func.isidentifier():
            names.add(func)  # a `Callable` parameter called
        case rir.Try(label=label) | rir.Break(label=label) | rir.Continue(label=label) \
                if label:
            labels.add(label)
        case rir.Let(value=rir.Code(text="Default::default()")):
            return  # a declaration is not a use
    if isinstance(node, (tuple, list)):
        for x in node:
            _used_names(x, names, labels)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            _used_names(getattr(node, f.name), names, labels)


def _item_scope(loop: rir.For, bound: str) -> tuple[object, ...]:
    """Where the loop's item variable `bound` is visible: its body, or up to the value of
    the body's `let` of the same name that shadows it (str_view_items)."""
    for i, x in enumerate(loop.body):
        if isinstance(x, rir.Let) and x.pattern == bound:
            return (*loop.body[:i], x.value)
    return loop.body


def _tidy(node: Any, names: set[str], labels: set[str]) -> Any:
    """Without declarations nothing reads and labels nothing jumps to."""
    if isinstance(node, tuple):
        return tuple(_tidy(x, names, labels) for x in node
                     if not (isinstance(x, rir.Let) and x.value == rir.Code("Default::default()")
                             and x.pattern not in names))
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {f.name: _tidy(getattr(node, f.name), names, labels)
               for f in dataclasses.fields(node)}
    if isinstance(node, rir.For) and (bound := _loop_binding(node)):
        inner: set[str] = set()
        _used_names(_item_scope(node, bound), inner, set())
        if bound not in inner:
            changes["pattern"] = "_"  # an item the body never reads
    if isinstance(node, rir.Let) and node.pattern.isidentifier() \
            and node.pattern not in names and not node.pattern.startswith("_"):
        changes["pattern"] = f"_{node.pattern}"  # assigned, never read
    if isinstance(node, rir.Let) and node.pattern.startswith("("):
        changes["pattern"] = _pattern_unused(node.pattern, names)
    if isinstance(node, rir.Param) and node.name not in names \
            and not node.name.startswith("_"):
        changes["name"] = f"_{node.name}"  # a parameter the body never reads
    if isinstance(node, (rir.Labeled, rir.For, rir.While, rir.Loop)) \
            and node.label not in labels:
        changes["label"] = None
    return dataclasses.replace(node, **changes)


def with_needed_mut(fn: rir.Fn) -> rir.Fn:
    """`mut` only on the variables and parameters the body assigns or borrows mutably;
    no declaration nothing uses, no label nothing jumps to."""
    mutated: set[str] = set()
    _mutated_vars((fn.body, fn.tail), mutated)
    names: set[str] = set()
    labels: set[str] = set()
    _used_names((fn.body, fn.tail), names, labels)
    return _tidy(_drop_mut(fn, mutated), names, labels)  # type: ignore[no-any-return]


def kw_spec(spread: ir.KwSpread) -> str:
    """The `pcrt::KwSpec` literal of a call's `**d` binding (a reference to a constant)."""
    def names(ns: tuple[str, ...]) -> str:
        return "&[" + ", ".join(rust_str(n) for n in ns) + "]"

    return (f"&pcrt::KwSpec {{ "
            f"before: {names(spread.before)}, after: {names(spread.after)}, "
            f"named: {names(spread.named)}, by_position: {names(spread.by_position)}, "
            f"posonly: {names(spread.posonly)}, varkw: {str(spread.varkw).lower()}, "
            f"missing: {names(spread.missing)}, missing_kwonly: {names(spread.missing_kwonly)} }}")
