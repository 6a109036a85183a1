"""Port classes2's FnEmitter hooks into rust/lower.py (run after rebasing onto their landing)."""
p = "frontend/pycomp/rust/lower.py"
s = open(p).read()


def rep(old: str, new: str) -> None:
    global s
    assert s.count(old) == 1, (old, s.count(old))
    s = s.replace(old, new)


rep("""    CallableT,
    DictT,""", """    CallableT,
    ClassT,
    DictT,""")
rep("""            case ir.UserCall(func=func, args=args):
                return Val(self.user_call(func, args), "temp", ty)""",
    """            case ir.UserCall(func=func, args=args):
                call = self.user_call(func, args)
                if isinstance(ty, IterT):
                    # a function returning an iterator (`__iter__`) hands over its items
                    call = rir.MethodCall(call, "into_iter")
                return Val(call, "temp", ty)""")
rep("""            case ir.NdIndex(value=value, items=items):
                return Val(self.nd_index(value, items, ty), "temp", ty)
        raise InternalError(f"cannot emit {type(e).__name__}", e.span)""",
    """            case ir.NdIndex(value=value, items=items):
                return Val(self.nd_index(value, items, ty), "temp", ty)
            case ir.FieldGet(value=obj, attr=attr):
                # read without holding the object's borrow past the read
                read = f"|o| o.{rust_ident(attr)}" if is_copy(ty) else \\
                    f"|o| o.{rust_ident(attr)}.clone()"
                return Val(rir.MethodCall(self.expr(obj).node, "get", (_code(read),)), "temp",
                           ty)
            case ir.New(init=init, args=args):
                assert isinstance(ty, ClassT)
                struct = rir.Call("pcrt::Instance::new",
                                  (_code(f"crate::{rust_class(ty.name)}::default()"),))
                if init is None:
                    return Val(struct, "temp", ty)
                fresh = self.fresh("o")
                call = self.user_call(init, args,
                                      receiver=rir.Owned(rir.Var(fresh), Own.CLONE))
                return Val(rir.Block((rir.Let(fresh, struct), rir.ExprStmt(call)),
                                     rir.Var(fresh)), "temp", ty)
            case ir.EnumMember(member=m):
                return Val(_code(f"{rust_type(ty)}::{rust_ident(m)}"), "temp", ty)
            case ir.EnumOp():
                return Val(self.enum_op(e), "temp", ty)
            case ir.ObjIs(left=a, right=b):
                av, bv = self.expr(a), self.expr(b)
                if is_copy(av.ty):
                    return Val(rir.Template("is", (self.owned(av), " == ", self.owned(bv))),
                               "temp", ty)
                return Val(rir.MethodCall(av.node, "is", (self.borrow(bv),)), "temp", ty)
        raise InternalError(f"cannot emit {type(e).__name__}", e.span)

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
        return rir.Call("pcrt::PyRepr::py_str", (rir.Borrow(x),))""")
# `&mut` through a field: the statement's block ends the borrow right after
rep("""        if prelude:
            node = rir.Block(tuple(prelude), node)
        if op.raises:""", """        if prelude or tpl.mutates_any and any(_through_field(a) for _, a in call.args):
            node = rir.Block(tuple(prelude), node)
        if op.raises:""")
rep("""            case ir.Subscript(value=value, index=ir.Const(value=i)):
                assert isinstance(i, int)
                return rir.Borrow(rir.Field(self.place_mut(value), i), mutable=True)
        raise InternalError("cannot take a mutable place of this expression", e.span)""",
    """            case ir.Subscript(value=value, index=ir.Const(value=i)):
                assert isinstance(i, int)
                return rir.Borrow(rir.Field(self.place_mut(value), i), mutable=True)
            case ir.FieldGet(value=obj, attr=attr):
                # the borrow lasts for the statement; `opcall` evaluates the other
                # arguments first and ends the statement's block right after
                return rir.Borrow(rir.Field(rir.MethodCall(self.expr(obj).node, "borrow_mut"),
                                            rust_ident(attr)), mutable=True)
        raise InternalError("cannot take a mutable place of this expression", e.span)""")
rep("""    def user_call(self, func: str, args: tuple[ir.Expr, ...]) -> rir.RExpr:
        callee = self.module.mod.function(func)
        assert callee is not None
        borrowed = self.module.borrowed_params(callee)
        parts = []
        for p, a in zip(callee.params, args):""", """    def user_call(self, func: str, args: tuple[ir.Expr, ...],
                  receiver: rir.RExpr | None = None) -> rir.RExpr:
        \"\"\"A call of a module function; `receiver` is `self` when the arguments leave it
        out (a constructor's `__init__`).\"\"\"
        callee = self.module.mod.function(func)
        assert callee is not None
        borrowed = self.module.borrowed_params(callee)
        parts: list[rir.RExpr] = []
        params = callee.params
        if receiver is not None:
            parts.append(receiver)
            params = params[1:]
        for p, a in zip(params, args):""")
rep("""        if isinstance(t, OptionalT):
            if any(isinstance(t.item, names.get(c, ())) for c in classes):""",
    """        if isinstance(t, OptionalT):
            if any(isinstance(t.item, names.get(c, ())) for c in classes) or (
                    isinstance(t.item, ClassT) and t.item.name in classes):""")
rep("""                    if v.kind == "place" and not self.catch and not self.fins:
                        v.movable = True
                    node = self.owned(v)""", """                    if v.kind == "place" and not self.catch and not self.fins:
                        v.movable = True
                    node = self.owned(v)
                    if isinstance(self.fn.returns, IterT):
                        node = rir.MethodCall(node, "collect")""")
rep("""            case ir.SubscriptTarget(value=obj, index=idx, op=op):
                assert op is not None
                params = [p.name for p in op.params]""", """            case ir.AttrTarget(value=obj, attr=attr, setter=setter):
                value = self.fresh("v")
                self.emit(rir.Let(value, self.owned(v)))
                if setter is not None:
                    callee = self.module.mod.function(setter)
                    assert callee is not None
                    arg: rir.RExpr = rir.Var(value)
                    if callee.params[1].name in self.module.borrowed_params(callee):
                        arg = rir.Borrow(arg)
                    self.emit(rir.ExprStmt(self.prop(rir.Call(
                        rust_fn_name(setter), (self.owned(self.expr(obj)), arg)))))
                    return
                self.emit(rir.ExprStmt(rir.MethodCall(self.expr(obj).node, "with_mut", (
                    rir.Closure((("o", ""),), "", rir.Block((rir.Assign(
                        rir.Field(rir.Var("o"), rust_ident(attr)), rir.Var(value)),))),))))
            case ir.SubscriptTarget(value=obj, index=idx, op=op):
                assert op is not None
                params = [p.name for p in op.params]""")
rep('''def _contains_try(stmts: tuple[ir.Stmt, ...]) -> bool:''', '''def _through_field(e: ir.Expr) -> bool:
    """Whether a `&mut` place goes through an object's field (`self.items[k]`)."""
    match e:
        case ir.FieldGet():
            return True
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault"):
            return _through_field(args[0][1])
        case ir.Subscript(value=v):
            return _through_field(v)
    return False


def _contains_try(stmts: tuple[ir.Stmt, ...]) -> bool:''')
rep("""def rust_ident(name: str) -> str:""", """def rust_class(name: str) -> str:
    from pycomp.names import rust_class as spell

    return spell(name)


def rust_ident(name: str) -> str:""")
open(p, "w").write(s)

# rir.Field names a tuple item or a struct field
p = "frontend/pycomp/rust/rir.py"
s = open(p).read()
rep("""class Field:
    value: RExpr
    index: int""", """class Field:
    value: RExpr
    index: int | str  # a tuple item, or a struct field by name""")
open(p, "w").write(s)

# closure parameters whose type Rust infers
p = "frontend/pycomp/rust/printer.py"
s = open(p).read()
rep("""                ps = ", ".join(f"{n}: {t}" for n, t in params)
                head = f"{'move ' if moves else ''}|{ps}|\"""",
    """                ps = ", ".join(f"{n}: {t}" if t else n for n, t in params)
                head = f"{'move ' if moves else ''}|{ps}|\"""")
open(p, "w").write(s)

# liveness: `obj.x = v` reads obj
p = "frontend/pycomp/rust/ownership.py"
s = open(p).read()
rep("""from pycomp.scopes import target_reads""", """from pycomp.scopes import target_reads as _scope_target_reads""")
rep("""def _rust_targets(t: ir.Target) -> set[str]:""", """def target_reads(t: ir.Target) -> Iterator[ir.Expr]:
    \"\"\"What assigning to `t` reads: a subscript's container and index, an attribute's
    object.\"\"\"
    if isinstance(t, ir.AttrTarget):
        yield t.value
        return
    if isinstance(t, ir.TupleTarget):
        for x in t.elts:
            yield from target_reads(x)
        return
    yield from _scope_target_reads(t)


def _rust_targets(t: ir.Target) -> set[str]:""")
open(p, "w").write(s)
print("ported")
