"""emit: typed IR to a standalone Rust crate.

Gives `Cargo.toml` (written with tomlkit), `build.rs` (cbindgen writes the C
header), `src/lib.rs` (one Rust function per Python function, the Python line
in a comment above each statement), `src/ffi.rs` (the C ABI, docs/abi.md),
`src/pcrt/` (the runtime, copied from templates/runtime) and the manifest.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from pycomp import cabi, ir
from pycomp.crate_files import format_rust, runtime_sources, sync_dir, write_if_changed
from pycomp.diagnostics import InternalError
from pycomp.emit_classes import calls_dunders
from pycomp.names import export_symbol, rust_class, rust_const, rust_ident, rust_method
from pycomp.opslib import NO_DEFAULT, OpParam, OpSpec
from pycomp.resources import template
from pycomp.scopes import child_blocks, target_names
from pycomp.types import (
    DTYPES,
    NONE,
    BoolT,
    CallableT,
    ClassT,
    DictT,
    DTypeT,
    DynT,
    EnumShape,
    FloatT,
    GenT,
    IntT,
    IterT,
    ListT,
    NdArrayT,
    NoneT,
    OpaqueT,
    OptionalT,
    OutputsT,
    RecordFields,
    SetT,
    StrT,
    TupleT,
    Type,
    has_dyn,
    is_copy,
    manifest_type,
    rust_type,
)

ABI_VERSION = 2
PYCOMP_VERSION = "0.1.0"

# Lints that generated code trips for reasons of shape, not of correctness:
# variables are declared `mut` and hoisted uniformly, Python's names are kept.
CRATE_ALLOWS = (
    "unused_mut", "unused_variables", "unused_assignments", "unused_parens", "unused_labels",
    "unreachable_code", "non_snake_case", "non_upper_case_globals", "dead_code",
    "clippy::needless_return", "clippy::let_and_return", "clippy::redundant_clone",
    "clippy::needless_late_init", "clippy::clone_on_copy", "clippy::useless_conversion",
    "clippy::unnecessary_to_owned", "clippy::too_many_arguments", "clippy::ptr_arg",
    "clippy::neg_multiply", "clippy::double_parens", "clippy::nonminimal_bool",
    "clippy::bool_comparison", "clippy::collapsible_else_if", "clippy::collapsible_if",
    "clippy::needless_borrow", "clippy::op_ref", "clippy::identity_op",
    "clippy::redundant_field_names", "clippy::unit_arg", "clippy::let_unit_value",
    "clippy::assign_op_pattern", "clippy::manual_range_contains", "clippy::single_match",
    "clippy::needless_borrows_for_generic_args", "clippy::int_plus_one",
    "clippy::redundant_closure", "clippy::useless_vec", "clippy::unused_unit",
    "clippy::no_effect", "clippy::unnecessary_operation", "clippy::precedence",
    "clippy::new_without_default", "clippy::map_identity", "clippy::iter_cloned_collect",
    "clippy::never_loop", "clippy::while_immutable_condition", "clippy::explicit_counter_loop",
    "clippy::needless_range_loop", "clippy::comparison_chain", "clippy::if_same_then_else",
    "clippy::redundant_locals", "clippy::manual_strip", "clippy::excessive_precision",
    "clippy::approx_constant", "clippy::cmp_owned", "clippy::partialeq_to_none",
    "clippy::redundant_pattern_matching", "clippy::question_mark",
    "clippy::unnecessary_literal_unwrap", "clippy::suspicious_else_formatting",
    "clippy::empty_loop", "clippy::diverging_sub_expression", "clippy::manual_unwrap_or_default",
    "clippy::match_like_matches_macro", "clippy::obfuscated_if_else",
    "clippy::redundant_closure_call", "clippy::blocks_in_conditions",
    "clippy::unnecessary_unwrap", "clippy::needless_question_mark",
    "clippy::inconsistent_digit_grouping", "clippy::zero_prefixed_literal",
    "clippy::unusual_byte_groupings", "clippy::mixed_read_write_in_expression",
    "clippy::absurd_extreme_comparisons", "clippy::eq_op", "clippy::self_assignment",
    "clippy::overly_complex_bool_expr", "clippy::erasing_op",
    "clippy::manual_memcpy", "clippy::same_item_push", "clippy::vec_init_then_push",
    "clippy::redundant_slicing", "clippy::type_complexity", "clippy::useless_format",
    "clippy::to_string_in_format_args", "clippy::format_in_format_args",
    "clippy::unnecessary_cast", "clippy::char_lit_as_u8", "clippy::needless_bool",
    "clippy::needless_bool_assign", "clippy::explicit_auto_deref",
    "clippy::neg_cmp_op_on_partial_ord", "clippy::unnecessary_mut_passed",
)


def crate_name(module: str) -> str:
    name = re.sub(r"[^a-z0-9_]", "_", module.lower())
    if not name or name[0].isdigit():
        name = f"m_{name}"
    return name


def rust_str(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{{{o:x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def rust_float(v: float) -> str:
    if math.isnan(v):
        return "f64::NAN"
    if math.isinf(v):
        return "f64::INFINITY" if v > 0 else "f64::NEG_INFINITY"
    r = repr(v)
    if "e" in r and "." not in r.split("e")[0]:
        mant, exp = r.split("e")
        r = f"{mant}.0e{exp}"
    if "." not in r and "e" not in r:
        r += ".0"
    if r.startswith("-"):
        return f"({r}_f64)"
    return f"{r}_f64"


@dataclass
class Val:
    """An emitted expression: Rust code, and how it may be used."""

    code: str
    kind: str  # place (an owned variable) | ref (a reference) | temp (an owned temporary)
    ty: Type


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


@dataclass
class FnEmitter:
    module: ModuleEmitter
    fn: ir.Function
    lines: list[str] = field(default_factory=list)
    indent: int = 1
    tmp: int = 0
    catch: list[TryCtx | None] = field(default_factory=list)  # None marks a closure boundary
    loops: list[LoopCtx] = field(default_factory=list)
    handler_errs: list[str] = field(default_factory=list)
    borrowed: set[str] = field(default_factory=set)
    fins: list[FinCtx] = field(default_factory=list)

    def fresh(self, base: str) -> str:
        self.tmp += 1
        return f"__pc_{base}{self.tmp}"

    def line(self, text: str) -> None:
        self.lines.append("    " * self.indent + text)

    def comment(self, span_line: int) -> None:
        src = self.module.source_line(span_line)
        if src:
            self.line(f"// py: {src}")

    # ------------------------------------------------------------ values

    def owned(self, v: Val) -> str:
        if v.kind == "temp":
            return v.code
        if is_copy(v.ty):
            return v.code if v.kind == "place" else f"*{v.code}" if v.code.startswith(
                "&") else v.code
        if v.kind == "ref":
            return f"{v.code}.to_owned()"
        return f"{v.code}.clone()"

    def borrow(self, v: Val) -> str:
        if v.kind == "ref":
            return v.code
        if v.kind == "place":
            return f"&{v.code}"
        return f"&({v.code})" if not _is_atom(v.code) else f"&{v.code}"

    def prop(self, code: str) -> str:
        """Propagate a PyResult: `?`, or into the innermost enclosing `try`."""
        ctx = self.catch[-1] if self.catch else None
        if ctx is None:
            return f"{code}?"
        return f"crate::pc_catch!({code}, {ctx.err}, '{ctx.label})"

    def raise_code(self, err: str) -> str:
        ctx = self.catch[-1] if self.catch else None
        if ctx is None:
            return f"return Err({err});"
        return f"{{ {ctx.err} = Some({err}); break '{ctx.label}; }}"

    # -------------------------------------------------------- expressions

    def expr(self, e: ir.Expr) -> Val:
        ty = e.ty
        if ty is None:
            raise InternalError(f"untyped {type(e).__name__} reached the emitter", e.span)
        match e:
            case ir.Const(value=v):
                return Val(self.const(v, ty), "temp" if not isinstance(v, str) else "ref", ty)
            case ir.Name(rust=rust, kind=kind):
                assert rust is not None
                if kind == "const" and isinstance(ty, OpaqueT):
                    # a resource: created on first use; its creation error is raised each use
                    return Val(self.prop(f"{rust}.as_ref().map_err(|e| e.clone())"), "ref", ty)
                if kind == "const":
                    return self.module.const_ref(rust, ty)
                if kind == "param" and rust in self.borrowed:
                    return Val(rust, "ref", ty)
                if kind == "narrowed_dyn":
                    return self.narrowed_dyn(rust, ty)
                if kind == "narrowed":
                    # an optional checked by `is not None` just before: the check guarantees it
                    if is_copy(ty):
                        return Val(f'{rust}.expect("checked not None")', "temp", ty)
                    return Val(f'{rust}.as_ref().expect("checked not None")', "ref", ty)
                return Val(rust, "place", ty)
            case ir.OpCall():
                return Val(self.opcall(e), "temp", ty)
            case ir.UserCall(func=func, args=args):
                if isinstance(ty, IterT):
                    # a function returning an iterator (`__iter__`) hands over its items
                    return Val(f"{self.user_call(func, args)}.into_iter()", "temp", ty)
                return Val(self.user_call(func, args), "temp", ty)
            case ir.Coerce(value=value):
                return Val(self.coerce(value, ty), "temp", ty)
            case ir.UnaryOp(op="not", operand=x):
                return Val(f"!{self.paren(self.expr(x))}", "temp", ty)
            case ir.BoolOp():
                return Val(self.boolop(e), "temp", ty)
            case ir.Compare(comparators=ops):
                return Val("(" + " && ".join(self.paren(self.expr(c)) for c in ops) + ")",
                           "temp", ty)
            case ir.IfExp(test=t, body=b, orelse=o):
                return Val(f"if {self.expr(t).code} {{ {self.owned(self.expr(b))} }} else "
                           f"{{ {self.owned(self.expr(o))} }}", "temp", ty)
            case ir.Subscript(value=value, index=ir.Const(value=i)):
                base = self.expr(value)
                if base.kind == "temp":
                    return Val(f"{self.paren(base)}.{i}", "temp", ty)
                return Val(f"{base.code}.{i}", "place" if base.kind == "place" else "ref_field",
                           ty) if base.kind == "place" else Val(f"{base.code}.{i}.clone()",
                                                                 "temp", ty)
            case ir.ListLit(elts=elts):
                if not elts:
                    return Val(f"Vec::<{self.rtype(ty.item)}>::new()", "temp", ty)  # type: ignore[union-attr]
                return Val("vec![" + ", ".join(self.owned(self.expr(x)) for x in elts) + "]",
                           "temp", ty)
            case ir.SetLit(elts=elts):
                if not elts:
                    return Val(f"IndexSet::<{self.rtype(ty.item)}>::new()", "temp", ty)  # type: ignore[union-attr]
                return Val(self.dunder_checked(
                    "IndexSet::from([" + ", ".join(self.owned(self.expr(x)) for x in elts) + "])",
                    ty.item), "temp", ty)  # type: ignore[union-attr]
            case ir.DictLit(keys=keys, values=values):
                assert isinstance(ty, DictT)
                if not keys:
                    return Val(f"IndexMap::<{self.rtype(ty.key)}, {self.rtype(ty.value)}>::new()",
                               "temp", ty)
                pairs = ", ".join(f"({self.owned(self.expr(k))}, {self.owned(self.expr(v))})"
                                  for k, v in zip(keys, values))
                return Val(self.dunder_checked(f"IndexMap::from([{pairs}])", ty.key), "temp", ty)
            case ir.TupleLit(elts=elts):
                parts = [self.owned(self.expr(x)) for x in elts]
                if len(parts) == 1:
                    return Val(f"({parts[0]},)", "temp", ty)
                return Val("(" + ", ".join(parts) + ")", "temp", ty)
            case ir.Comprehension() if isinstance(ty, GenT):
                return Val(self.lazy_comprehension(e, ty), "temp", ty)
            case ir.Comprehension(kind="dict" | "set"):
                key = ty.key if isinstance(ty, DictT) else ty.item  # type: ignore[union-attr]
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
                return Val("()", "temp", ty)
            case ir.SessionRun(session=sess, output_names=names, feeds=feeds):
                sv = self.expr(sess)
                names_code = "None" if names is None else "Some(vec![" + ", ".join(
                    f"String::from({rust_str(n)})" for n in names) + "])"
                feeds_code = "vec![" + ", ".join(
                    f"({rust_str(n)}, pcrt::NdRef::from({self.borrow(self.expr(v))}))"
                    for n, v in feeds) + "]"
                return Val(self.prop(f"pcrt::session_run({sv.code}, {names_code}, {feeds_code})"),
                           "temp", ty)
            case ir.OutputTake(value=v, index=i):
                assert isinstance(ty, NdArrayT)
                return Val(self.prop(f"pcrt::nd_take_{DTYPES[str(ty.dtype)]}("
                                     f"{self.borrow(self.expr(v))}, {i})"), "temp", ty)
            case ir.NdIndex(value=value, items=items):
                return Val(self.nd_index(value, items, ty), "temp", ty)
            case ir.FieldGet(value=obj, attr=attr):
                from pycomp.emit_classes import field_read

                return Val(field_read(self.paren(self.expr(obj)), attr, ty), "temp", ty)
            case ir.New(init=init, args=args):
                assert isinstance(ty, ClassT)
                struct = f"pcrt::Instance::new(crate::{rust_class(ty.name)}::default())"
                if init is None:
                    return Val(struct, "temp", ty)
                fresh = self.fresh("o")
                call = self.user_call(init, args, receiver=f"{fresh}.clone()")
                return Val(f"{{ let {fresh} = {struct}; {call}; {fresh} }}", "temp", ty)
            case ir.EnumMember(member=m):
                return Val(f"{rust_type(ty)}::{_rust_ident(m)}", "temp", ty)
            case ir.EnumOp():
                return Val(self.enum_op(e), "temp", ty)
            case ir.ObjIs(left=a, right=b):
                av, bv = self.expr(a), self.expr(b)
                if is_copy(av.ty):
                    return Val(f"({self.owned(av)} == {self.owned(bv)})", "temp", ty)
                return Val(f"{self.paren(av)}.is({self.borrow(bv)})", "temp", ty)
        raise InternalError(f"cannot emit {type(e).__name__}", e.span)

    def narrowed_dyn(self, rust: str, ty: Type) -> Val:
        """A dynamic value read after `isinstance(x, cls)` checked its class."""
        match ty:
            case StrT():
                return Val(f"pcrt::obj_as_str(&{rust})", "ref", ty)
            case ListT():
                return Val(f"pcrt::obj_as_list(&{rust})", "ref", ty)
            case DictT():
                return Val(f"pcrt::obj_as_dict(&{rust})", "ref", ty)
            case FloatT():
                return Val(f"pcrt::obj_as_float(&{rust})", "temp", ty)
            case BoolT():
                return Val(f"pcrt::obj_as_bool(&{rust})", "temp", ty)
            case IntT():
                return Val(self.prop(f"pcrt::obj_as_int(&{rust})"), "temp", ty)
        raise InternalError(f"cannot narrow a dynamic value to {ty}")

    def enum_op(self, e: ir.EnumOp) -> str:
        enum = rust_class(e.cls)
        arg = self.expr(e.arg) if e.arg is not None else None
        match e.kind:
            case "members":
                return f"{enum}::MEMBERS.to_vec()"
            case "by_value":
                assert arg is not None
                v = self.borrow(arg) if isinstance(arg.ty, StrT) else self.owned(arg)
                return self.prop(f"{enum}::from_value({v})")
            case "by_name":
                assert arg is not None
                return self.prop(f"{enum}::from_name({self.borrow(arg)})")
        assert arg is not None
        x = self.paren(Val(self.owned(arg), "temp", arg.ty))
        match e.kind:
            case "name":
                return f"String::from({x}.name())"
            case "value":
                return f"{x}.value()"
            case "repr":
                return f"pcrt::PyRepr::py_repr(&{x})"
        return f"pcrt::PyRepr::py_str(&{x})"

    def nd_index(self, value: ir.Expr, items: tuple[ir.Expr, ...], ty: Type) -> str:
        parts = []
        for it in items:
            match it:
                case ir.SliceItem(lower=lo, upper=up, step=st):
                    b = [f"Some({self.owned(self.expr(x))})" if x is not None else "None"
                         for x in (lo, up, st)]
                    parts.append(f"pcrt::NdIx::Slice({', '.join(b)})")
                case ir.EllipsisLit():
                    parts.append("pcrt::NdIx::Ellipsis")
                case ir.Const(value=None):
                    parts.append("pcrt::NdIx::NewAxis")
                case _:
                    parts.append(f"pcrt::NdIx::Index({self.owned(self.expr(it))})")
        base = self.borrow(self.expr(value))
        ixs = "&[" + ", ".join(parts) + "]"
        if isinstance(ty, NdArrayT):
            return self.prop(f"pcrt::nd_index({base}, {ixs})")
        item = self.prop(f"pcrt::nd_item({base}, {ixs})")
        src = value.ty
        if isinstance(src, NdArrayT) and src.dtype in ("float32", "int32"):
            return f"{'f64' if src.dtype == 'float32' else 'i64'}::from({item})"
        return item

    def body_ret(self) -> Type:
        """What a `return` in the body returns: nothing, in a generator."""
        assert self.fn.returns is not None
        return NONE if self.fn.is_generator else self.fn.returns

    def paren(self, v: Val) -> str:
        return v.code if _is_atom(v.code) else f"({v.code})"

    def rtype(self, t: Type) -> str:
        return rust_type(t)

    def const(self, v: object, ty: Type) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return f"{v}_i64" if v >= 0 else f"({v}_i64)"
        if isinstance(v, float):
            return rust_float(v)
        if isinstance(v, str):
            return rust_str(v)
        if isinstance(ty, OptionalT):
            return "None"
        return "()"

    def coerce(self, value: ir.Expr, target: Type) -> str:
        v = self.expr(value)
        src = v.ty
        if isinstance(target, DynT):
            return f"pcrt::IntoObj::into_obj({self.owned(v)})"
        if isinstance(src, DynT):
            return self.prop(f"pcrt::obj_cast::<{self.rtype(target)}>({self.owned(v)})")
        if has_dyn(src) or has_dyn(target):
            return self.prop(f"pcrt::obj_convert::<_, {self.rtype(target)}>({self.owned(v)})")
        if isinstance(target, FloatT):
            if isinstance(src, BoolT):
                return f"f64::from({self.owned(v)})"
            return f"({self.owned(v)} as f64)"
        if isinstance(target, IntT) and isinstance(src, BoolT):
            return f"i64::from({self.owned(v)})"
        if isinstance(target, OptionalT):
            if isinstance(src, NoneT):
                return "None"
            return f"Some({self.owned(v)})"
        raise InternalError(f"cannot coerce {src} to {target}", value.span)

    def opcall(self, call: ir.OpCall, override: dict[str, str] | None = None) -> str:
        op = call.op
        args = dict(call.args)
        tvars = dict(call.tvars)
        params = {p.name: p for p in op.params}

        def repl(m: re.Match[str]) -> str:
            code = fill(m)
            follows_dot = tpl[m.end():m.end() + 1] == "."
            return f"({code})" if follows_dot and not _is_atom(code) else code

        def fill(m: re.Match[str]) -> str:
            mode = (m.group(1) or "").strip()
            name = m.group(2)
            if name not in params:
                if name in tvars:
                    tv = tvars[name]
                    if isinstance(tv, DTypeT) and isinstance(tv.name, str):
                        return DTYPES[tv.name]
                    return self.rtype(tv)
                raise InternalError(f"op {op.name}: unknown placeholder {name}", call.span)
            if override and name in override:
                return override[name]
            p = params[name]
            if name not in args:
                return self.default(p, mode)
            a = args[name]
            if p.is_path and isinstance(a, ir.Const) and isinstance(a.value, str):
                asset = self.module.asset_name(a.value)
                return f"&pcrt::asset_path({rust_str(asset)}, {rust_str(a.value)})"
            if mode == "fn" or isinstance(a, ir.Lambda):
                return self.expr(a).code
            if mode == "&mut":
                return self.place_mut(a)
            v = self.expr(a)
            if mode == "&":
                return self.borrow(v)
            if mode == "iter":
                return self.iterate(v)
            return self.owned(v)

        tpl = op.rust
        prelude: list[str] = []
        if "{&mut " in tpl:
            # Evaluate the other arguments before taking the `&mut` borrow.
            override = dict(override or {})
            for pname, code in list(override.items()):
                if pname != "self" and not _is_atom(code):
                    tmp = self.fresh("a")
                    prelude.append(f"let {tmp} = {code};")
                    override[pname] = tmp
            for pname, a in call.args:
                if pname == "self" or pname in override or isinstance(a, (ir.Lambda, ir.Const)):
                    continue
                mode = re.search(r"\{(&mut |&|iter |fn )?" + pname + r"\}", tpl)
                if mode is None or (mode.group(1) or "").strip() in ("&mut", "fn", "iter"):
                    continue
                tmp = self.fresh("a")
                prelude.append(f"let {tmp} = {self.owned(self.expr(a))};")
                override[pname] = f"&{tmp}" if (mode.group(1) or "").strip() == "&" else tmp
        code = re.sub(r"\{(&mut |&|iter |fn )?([A-Za-z_][A-Za-z0-9_]*)\}", repl, tpl)
        if "{&mut " in tpl and any(_through_field(a) for _, a in call.args) or prelude:
            code = "{ " + " ".join(prelude) + f" {code} }}"
        if any(calls_dunders(a.ty) for _, a in call.args if a.ty is not None):
            # the op may reach compiled dunders through Rust traits: their exception
            return self.prop(f"pcrt::dunder_checked_result({code})" if op.raises
                             else f"pcrt::dunder_checked({code})")
        if op.raises:
            code = self.prop(code)
        return code

    def dunder_checked(self, code: str, key: Type) -> str:
        """`code` builds a dict or set: hashing keys of type `key` may run compiled
        `__hash__`/`__eq__`, whose exception is raised here."""
        return self.prop(f"pcrt::dunder_checked({code})") if calls_dunders(key) else code

    def default(self, p: OpParam, mode: str) -> str:
        d = p.default
        t = p.type
        if d is NO_DEFAULT:
            raise InternalError(f"parameter {p.name} has no default")
        if d is None and isinstance(t, DynT):
            return "pcrt::Obj::None"
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
            lit = rust_str(d) if mode == "&" else f"String::from({rust_str(d)})"
        else:
            raise InternalError(f"unsupported default {d!r}")
        if isinstance(t, OptionalT) and not isinstance(inner, OptionalT):
            return f"Some({lit})"
        return lit

    def iterate(self, v: Val) -> str:
        """An iterator of owned items over any iterable value."""
        t = v.ty
        match t:
            case IterT():
                return v.code
            case StrT():
                return f"pcrt::str_iter({self.borrow(v)})"
            case ListT() | SetT():
                if v.kind == "temp":
                    return f"{self.paren(v)}.into_iter()"
                return f"{v.code}.iter().cloned()"
            case DictT():
                if v.kind == "temp":
                    return f"{self.paren(v)}.into_keys()"
                return f"{v.code}.keys().cloned()"
            case TupleT(items):
                return "[" + ", ".join(f"{self.paren(v)}.{i}" for i in range(len(items))) + \
                    "].into_iter()"
            case DynT():
                return self.prop(f"pcrt::obj_iter({self.owned(v)})")
            case GenT():
                # a builtin consuming the whole generator (list, sum, sorted, join ...):
                # the first exception it raises is raised instead
                return self.prop(f"pcrt::gen_collect({self.owned(v)})") + ".into_iter()"
        raise InternalError(f"cannot iterate over {t}")

    def place_mut(self, e: ir.Expr) -> str:
        """A `&mut` to the place an expression names (a variable, or an item of one)."""
        match e:
            case ir.Name(rust=rust):
                return f"&mut {rust}"
            case ir.OpCall(op=op, args=args) if op.name == "getitem":
                a = dict(args)
                base, idx = a["self"], a[list(a)[1]]
                if isinstance(base.ty, ListT):
                    return self.prop(f"pcrt::list_item_mut({self.place_mut(base)}, "
                                     f"{self.owned(self.expr(idx))})")
                if isinstance(base.ty, DictT):
                    item = (f"pcrt::dict_item_mut({self.place_mut(base)}, "
                            f"{self.borrow(self.expr(idx))})")
                    if calls_dunders(base.ty.key):
                        item = f"pcrt::dunder_checked_result({item})"
                    return self.prop(item)
            case ir.OpCall(op=op, args=args) if op.name == "dict.setdefault":
                a = dict(args)
                names = [p.name for p in op.params]
                default = (self.owned(self.expr(a[names[2]])) if names[2] in a
                           else "Default::default()")
                item = (f"pcrt::dict_setdefault_mut({self.place_mut(a['self'])}, "
                        f"{self.owned(self.expr(a[names[1]]))}, {default})")
                base_ty = a["self"].ty
                if isinstance(base_ty, DictT) and calls_dunders(base_ty.key):
                    return self.prop(f"pcrt::dunder_checked({item})")
                return item
            case ir.Subscript(value=value, index=ir.Const(value=i)):
                return f"&mut ({self.place_mut(value)}).{i}"
            case ir.FieldGet(value=obj, attr=attr):
                # the borrow lasts for the statement; `opcall` evaluates the other
                # arguments first and ends the statement's block right after
                return f"&mut {self.paren(self.expr(obj))}.borrow_mut().{_rust_ident(attr)}"
        raise InternalError("cannot take a mutable place of this expression", e.span)

    def user_call(self, func: str, args: tuple[ir.Expr, ...], receiver: str | None = None
                  ) -> str:
        """A call of a module function; `receiver` is the code of `self` when the
        arguments leave it out (a constructor's `__init__`)."""
        callee = self.module.mod.function(func)
        assert callee is not None
        borrowed = self.module.borrowed_params(callee)
        parts = []
        params = callee.params
        if receiver is not None:
            parts.append(receiver)
            params = params[1:]
        for p, a in zip(params, args):
            v = self.expr(a)
            parts.append(self.borrow(v) if p.name in borrowed else self.owned(v))
        return self.prop(f"{rust_fn_name(func)}({', '.join(parts)})")

    def boolop(self, e: ir.BoolOp) -> str:
        ty = e.ty
        assert ty is not None
        n = (len(e.values) + 1) // 2 if not isinstance(ty, BoolT) or any(
            not isinstance(v.ty, BoolT) for v in e.values) else len(e.values)
        if isinstance(ty, BoolT) and n == len(e.values):
            sep = " && " if e.op == "and" else " || "
            return "(" + sep.join(self.paren(self.expr(v)) for v in e.values) + ")"
        operands = e.values[:n]
        truths = e.values[n:]
        # Python returns the first operand that decides the result.
        code = self.owned(self.expr(operands[-1]))
        for operand, truth in zip(reversed(operands[:-1]), reversed(truths)):
            tmp = self.fresh("v")
            ov = self.expr(operand)
            test = self.truth_of(truth, tmp, operand)
            keep = tmp
            if isinstance(ov.ty, OptionalT) and not isinstance(ty, OptionalT):
                keep = f"{tmp}.unwrap_or_default()"
            if e.op == "or":
                code = (f"{{ let {tmp} = {self.owned(ov)}; if {test} {{ {keep} }} else "
                        f"{{ {code} }} }}")
            else:
                code = (f"{{ let {tmp} = {self.owned(ov)}; if {test} {{ {code} }} else "
                        f"{{ {keep} }} }}")
        return code

    def truth_of(self, truth: ir.Expr, tmp: str, operand: ir.Expr) -> str:
        if isinstance(truth, ir.OpCall):
            param = truth.args[0][0]
            return self.opcall(truth, {param: f"&{tmp}" if "{&" in truth.op.rust else
                                       f"{tmp}.clone()"})
        return tmp

    def comprehension(self, e: ir.Comprehension) -> str:
        out = self.fresh("out")
        ty = e.ty
        if e.kind == "dict":
            init = "IndexMap::new()"
            assert e.key is not None
            add = f"{out}.insert({{k}}, {{v}});"
        elif e.kind == "set":
            init = "IndexSet::new()"
            add = f"{out}.insert({{v}});"
        else:
            init = "Vec::new()"
            add = f"{out}.push({{v}});"
        saved_lines, saved_indent = self.lines, self.indent
        self.lines, self.indent = [], 0
        self.line(f"let mut {out}: {self.rtype(ty if not isinstance(ty, IterT) else ListT(ty.item))} = {init};")  # type: ignore[arg-type]
        depth = self.open_generators(e)
        v = self.owned(self.expr(e.elt))
        if e.key is not None:
            k = self.owned(self.expr(e.key))
            self.line(add.replace("{k}", k).replace("{v}", v))
        else:
            self.line(add.replace("{v}", v))
        for _ in range(depth):
            self.indent -= 1
            self.line("}")
        body = "\n".join(self.lines)
        self.lines, self.indent = saved_lines, saved_indent
        code = f"{{\n{body}\n{out}\n}}"
        if isinstance(ty, IterT):
            return f"{code}.into_iter()"
        return code

    def open_generators(self, e: ir.Comprehension) -> int:
        """Open one `for` per generator of a comprehension (with its `if` filters); the
        number of blocks opened, for the caller to close."""
        depth = 0
        for g in e.generators:
            src = self.expr(g.iter)
            var = self.loop_var(g.target)
            if isinstance(src.ty, GenT):
                r = self.fresh("r")
                self.line(f"for {r} in {self.owned(src)} {{")
                self.indent += 1
                self.line(f"let mut {var} = {self.prop(r)};")
            else:
                self.line(f"for mut {var} in {self.iterate(src)} {{")
                self.indent += 1
            depth += 1
            self.bind_loop_target(g.target, var)
            for c in g.conds:
                self.line(f"if !{self.paren(self.expr(c))} {{ continue; }}")
        return depth

    def lazy_comprehension(self, e: ir.Comprehension, ty: GenT) -> str:
        """A generator expression stored or returned: a generator running the loops one
        item per `next`. It owns copies of the names it reads (taken when it is made)."""
        bound: set[str] = set()  # names the expression binds itself (also in nested ones)
        for node in _nodes_in(e):
            if isinstance(node, ir.Comprehension):
                for g in node.generators:
                    bound |= set(target_names(g.target))
            elif isinstance(node, ir.Lambda):
                bound |= set(node.params)
        captured: dict[str, str] = {}
        for n in _nodes_in(e):
            if not isinstance(n, ir.Name):
                continue
            if n.id not in bound and n.rust is not None and n.kind in (
                    "local", "param", "narrowed", "narrowed_dyn"):
                captured[n.rust] = n.rust
        saved_lines, saved_indent, saved_borrowed = self.lines, self.indent, self.borrowed
        self.lines, self.indent = [], 1
        for rust in captured:
            how = "to_owned" if rust in self.borrowed else "clone"
            self.line(f"let {rust} = {rust}.{how}();")
        self.borrowed = {b for b in self.borrowed if b not in captured}
        self.line(f"pcrt::Gen::new(move |__pc_co: pcrt::Co<{self.rtype(ty.item)}>| async move {{")
        self.indent += 1
        self.catch.append(None)
        try:
            depth = self.open_generators(e)
            self.line(f"__pc_co.yield_({self.owned(self.expr(e.elt))}).await;")
        finally:
            self.catch.pop()
        for _ in range(depth):
            self.indent -= 1
            self.line("}")
        self.line("Ok(())")
        self.indent -= 1
        self.line("})")
        body = "\n".join(self.lines)
        self.lines, self.indent, self.borrowed = saved_lines, saved_indent, saved_borrowed
        return f"{{\n{body}\n}}"

    def loop_var(self, t: ir.Target) -> str:
        if isinstance(t, ir.NameTarget) and t.declare:
            assert t.rust is not None
            return t.rust
        return self.fresh("item")

    def bind_loop_target(self, t: ir.Target, var: str) -> None:
        if isinstance(t, ir.NameTarget) and t.declare and t.rust == var:
            return
        self.assign_target(t, Val(var, "temp", t.ty))  # type: ignore[arg-type]

    def lambda_(self, e: ir.Lambda) -> str:
        ty = e.ty
        assert isinstance(ty, CallableT)
        params = ", ".join(f"{n}: {self.rtype(t)}" for n, t in zip(e.rust_params, ty.params))
        self.catch.append(None)
        try:
            body = self.owned(self.expr(e.body))
        finally:
            self.catch.pop()
        return f"|{params}| -> pcrt::PyResult<{self.rtype(ty.ret)}> {{ Ok({body}) }}"

    def fstring(self, parts: tuple[str | ir.FormattedValue, ...]) -> str:
        fmt = []
        args = []
        for p in parts:
            if isinstance(p, str):
                fmt.append(p.replace("{", "{{").replace("}", "}}"))
            else:
                fmt.append("{}")
                v = self.expr(p.value)
                args.append(v.code)
        lit = rust_str("".join(fmt))
        if not args:
            return f"String::from({lit})"
        return f"format!({lit}, {', '.join(args)})"

    def isinstance_(self, v: ir.Expr, classes: tuple[str, ...]) -> str:
        t = v.ty
        if isinstance(t, DynT):
            val = self.borrow(self.expr(v))
            return "(" + " || ".join(f"{self.paren(Val(val, 'ref', t))}.isinstance("
                                     f"{rust_str(c)})" for c in classes) + ")"
        names = {
            "int": (IntT, BoolT), "float": (FloatT,), "str": (StrT,), "bool": (BoolT,),
            "list": (ListT,), "dict": (DictT,), "set": (SetT,), "tuple": (TupleT,),
        }
        if isinstance(t, OptionalT):
            if any(isinstance(t.item, names.get(c, ())) for c in classes) or (
                    isinstance(t.item, ClassT) and t.item.name in classes):
                return f"{self.paren(Val(self.borrow(self.expr(v)), 'temp', t))}.is_some()"
            return "false"
        return "true" if any(isinstance(t, names.get(c, ())) for c in classes) else "false"

    # --------------------------------------------------------- statements

    def block(self, stmts: tuple[ir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: ir.Stmt) -> None:
        if not isinstance(s, (ir.If,)) or True:
            self.comment(s.span.line)
        match s:
            case ir.Assign(targets=targets, value=value):
                v = self.expr(value)
                if len(targets) == 1:
                    self.assign_target(targets[0], v)
                else:
                    tmp = self.fresh("t")
                    self.line(f"let {tmp} = {self.owned(v)};")
                    for t in targets:
                        self.assign_target(t, Val(tmp, "place", v.ty))
            case ir.AugAssign(target=target, op=op, value=value):
                self.aug_assign(target, op, value)
            case ir.ExprStmt(value=value):
                v = self.expr(value)
                if isinstance(v.ty, NoneT):
                    self.line(f"{v.code};")
                else:
                    self.line(f"let _ = {v.code};")
            case ir.If():
                self.if_chain(s)
            case ir.While(test=test, body=body, orelse=orelse):
                infinite = isinstance(test, ir.Const) and test.value is True
                head = "loop" if infinite else f"while {self.expr(test).code}"
                self.loop(head, body, orelse, None)
            case ir.For(target=target, iter=it, body=body, orelse=orelse) if isinstance(
                    it.ty, GenT):
                # one item per step: the loop body runs before the generator goes on
                var = self.loop_var(target)
                r = self.fresh("r")
                gen = self.owned(self.expr(it))
                self.loop(f"for {r} in {gen}", body, orelse, (target, var),
                          first=f"let mut {var} = {self.prop(r)};")
            case ir.For(target=target, iter=it, body=body, orelse=orelse):
                var = self.loop_var(target)
                iterator = self.for_iter(it, body)
                self.loop(f"for mut {var} in {iterator}", body, orelse, (target, var))
            case ir.Break():
                self.jump("break")
            case ir.Continue():
                self.jump("continue")
            case ir.Pass():
                pass
            case ir.Return(value=value):
                if value is None:
                    code = "()" if isinstance(self.body_ret(), NoneT) else "None"
                else:
                    v = self.expr(value)
                    # returning ends the function: a local can be moved out, not cloned
                    code = v.code if v.kind == "place" and not self.catch else self.owned(v)
                    if isinstance(self.fn.returns, IterT):
                        code = f"{self.paren(Val(code, 'temp', v.ty))}.collect()"
                self.return_(code)
            case ir.Raise(exc=exc, message=msg):
                if exc is None:
                    err = self.handler_errs[-1] if self.handler_errs else None
                    if err is None:
                        self.line(self.raise_code(
                            'pcrt::PyErr::new(pcrt::ExcKind::RuntimeError, '
                            '"No active exception to reraise")'))
                    else:
                        self.line(self.raise_code(f"{err}.clone()"))
                else:
                    m = self.owned(self.expr(msg)) if msg is not None else "String::new()"
                    if exc == "KeyError" and msg is not None:
                        m = f"pcrt::PyRepr::py_repr(&{m})"
                    self.line(self.raise_code(f"pcrt::PyErr::new(pcrt::ExcKind::{exc}, {m})"))
            case ir.Try():
                self.try_(s)
            case ir.Assert(test=test, msg=msg):
                m = self.owned(self.expr(msg)) if msg is not None else "String::new()"
                err = f"pcrt::PyErr::new(pcrt::ExcKind::AssertionError, {m})"
                self.line(f"if !{self.paren(self.expr(test))} {{ {self.raise_code(err)} }}")
            case ir.Del():
                pass
            case ir.Yield(value=value, delegate=False):
                assert value is not None
                self.line(f"__pc_co.yield_({self.owned(self.expr(value))}).await;")
            case ir.Yield(value=value, delegate=True):
                assert value is not None
                src = self.expr(value)
                x = self.fresh("y")
                if isinstance(src.ty, GenT):
                    r = self.fresh("r")
                    self.line(f"for {r} in {self.owned(src)} {{")
                    self.line(f"    let {x} = {self.prop(r)};")
                else:
                    self.line(f"for {x} in {self.iterate(src)} {{")
                self.line(f"    __pc_co.yield_({x}).await;")
                self.line("}")
            case _:
                raise InternalError(f"cannot emit {type(s).__name__}", s.span)

    def jump(self, kind: str) -> None:
        """`break`/`continue`: through an enclosing `finally` first, when there is one."""
        loop = self.loops[-1]
        fin = self.fins[-1] if self.fins else None
        if fin is not None and fin.loop_depth == len(self.loops):
            self.line(f"{{ {fin.ctl} = {1 if kind == 'break' else 2}; break '{fin.label}; }}")
            return
        label = f" '{loop.label}" if loop.label else ""
        if kind == "break" and loop.broke_flag:
            self.line(f"{loop.broke_flag} = true;")
        self.line(f"{kind}{label};")

    def return_(self, code: str) -> None:
        """`return`: through every enclosing `finally` first."""
        if self.fins:
            fin = self.fins[-1]
            self.line(f"{{ {fin.ret} = Some({code}); {fin.ctl} = 3; break '{fin.label}; }}")
            return
        self.line(f"return Ok({code});")

    def for_iter(self, it: ir.Expr, body: tuple[ir.Stmt, ...]) -> str:
        v = self.expr(it)
        if v.kind == "place" and isinstance(v.ty, (ListT, SetT, DictT)):
            # The loop body may change the variable; iterate over a snapshot then.
            assert isinstance(it, ir.Name)
            if it.id in _names_written(body):
                return self.iterate(Val(f"{v.code}.clone()", "temp", v.ty))
        return self.iterate(v)

    def loop(self, head: str, body: tuple[ir.Stmt, ...], orelse: tuple[ir.Stmt, ...],
             target: tuple[ir.Target, str] | None, first: str | None = None) -> None:
        label = self.fresh("loop")[2:] if _contains_try(body) else None
        flag = self.fresh("broke") if orelse else None
        if flag:
            self.line(f"let mut {flag} = false;")
        self.line(f"{label and chr(39) + label + ': ' or ''}{head} {{")
        self.indent += 1
        if first is not None:
            self.line(first)
        if target is not None:
            self.bind_loop_target(*target)
        self.loops.append(LoopCtx(label, flag))
        self.catch_depth_guard = len(self.catch)
        self.block(body)
        self.loops.pop()
        self.indent -= 1
        self.line("}")
        if orelse:
            self.line(f"if !{flag} {{")
            self.indent += 1
            self.block(orelse)
            self.indent -= 1
            self.line("}")

    def if_chain(self, s: ir.If) -> None:
        self.line(f"if {self.expr(s.test).code} {{")
        while True:
            self.indent += 1
            self.block(s.body)
            self.indent -= 1
            if len(s.orelse) == 1 and isinstance(s.orelse[0], ir.If):
                s = s.orelse[0]
                self.comment(s.span.line)
                self.line(f"}} else if {self.expr(s.test).code} {{")
                continue
            if s.orelse:
                self.line("} else {")
                self.indent += 1
                self.block(s.orelse)
                self.indent -= 1
            self.line("}")
            return

    def assign_target(self, t: ir.Target, v: Val) -> None:
        match t:
            case ir.NameTarget(rust=rust, declare=declare, ty=ty):
                assert rust is not None and ty is not None
                value = self.owned(v)
                if declare:
                    self.line(f"let mut {rust}: {self.rtype(ty)} = {value};")
                else:
                    self.line(f"{rust} = {value};")
            case ir.TupleTarget(elts=elts) if isinstance(v.ty, OutputsT):
                tmp = self.fresh("outs")
                self.line(f"let {tmp} = {self.owned(v)};")
                for i, x in enumerate(elts):
                    assert isinstance(x.ty, NdArrayT)
                    take = self.prop(f"pcrt::nd_take_{DTYPES[str(x.ty.dtype)]}(&{tmp}, {i})")
                    self.assign_target(x, Val(take, "temp", x.ty))
            case ir.TupleTarget(elts=elts):
                if all(isinstance(x, ir.NameTarget) and x.declare for x in elts):
                    names = ", ".join(f"mut {x.rust}" for x in elts)  # type: ignore[union-attr]
                    self.line(f"let ({names}{',' if len(elts) == 1 else ''}) = {self.owned(v)};")
                    return
                tmp = self.fresh("t")
                self.line(f"let {tmp} = {self.owned(v)};")
                for i, x in enumerate(elts):
                    self.assign_target(x, Val(f"{tmp}.{i}", "temp", x.ty))  # type: ignore[arg-type]
            case ir.AttrTarget(value=obj, attr=attr, setter=setter):
                if setter is not None:
                    value = self.fresh("v")
                    self.line(f"let {value} = {self.owned(v)};")
                    objv = self.owned(self.expr(obj))
                    callee = self.module.mod.function(setter)
                    assert callee is not None
                    if callee.params[1].name in self.module.borrowed_params(callee):
                        value = f"&{value}"
                    self.line(self.prop(f"{rust_fn_name(setter)}({objv}, {value})") + ";")
                    return
                value = self.fresh("v")
                self.line(f"let {value} = {self.owned(v)};")
                self.line(f"{self.paren(self.expr(obj))}.with_mut(|o| o.{_rust_ident(attr)} = "
                          f"{value});")
            case ir.SubscriptTarget(value=obj, index=idx, op=op):
                assert op is not None
                params = [p.name for p in op.params]
                code = self.opcall(ir.OpCall(op, ((params[0], obj), (params[1], idx),
                                                  (params[2], ir.Const(None, t.span, v.ty))),
                                             t.span, None),
                                   {params[2]: self.owned(v)})
                self.line(f"{code};")

    def aug_assign(self, target: ir.Target, op: str, value: ir.Expr) -> None:
        # `value` is the whole new value (`x + 1`), typed by infer.
        if isinstance(target, ir.NameTarget) and op == "+" and isinstance(target.ty, StrT) \
                and isinstance(value, ir.OpCall):
            rhs = dict(value.args)
            other = list(rhs.values())[1]
            self.line(f"{target.rust}.push_str({self.borrow(self.expr(other))});")
            return
        v = self.expr(value)
        if isinstance(target, ir.NameTarget):
            self.line(f"{target.rust} = {self.owned(v)};")
        else:
            tmp = self.fresh("v")
            self.line(f"let {tmp} = {self.owned(v)};")
            self.assign_target(target, Val(tmp, "place", v.ty))

    def try_(self, s: ir.Try) -> None:
        err = self.fresh("err")
        label = self.fresh("try")[2:]
        fin_label = None
        pending = None
        fin: FinCtx | None = None
        if s.finalbody:
            pending = self.fresh("pending")
            fin_label = self.fresh("fin")[2:]
            fin = FinCtx(fin_label, self.fresh("ctl"), self.fresh("ret"), len(self.loops))
            self.line(f"let mut {pending}: Option<pcrt::PyErr> = None;")
            self.line(f"let mut {fin.ctl}: u8 = 0;")
            self.line(f"let mut {fin.ret}: Option<{self.rtype(self.body_ret())}> = None;")
            self.line(f"'{fin_label}: {{")
            self.indent += 1
            self.catch.append(TryCtx(pending, fin_label))
            self.fins.append(fin)
        self.line(f"let mut {err}: Option<pcrt::PyErr> = None;")
        self.line(f"'{label}: {{")
        self.indent += 1
        self.catch.append(TryCtx(err, label))
        self.block(s.body)
        self.catch.pop()
        self.indent -= 1
        self.line("}")
        caught = self.fresh("e")
        if s.handlers:
            self.line(f"if let Some({caught}) = {err} {{")
            self.indent += 1
            first = True
            for h in s.handlers:
                classes = h.classes or ("Exception",)
                cond = " || ".join(f"pcrt::ExcKind::{c if c != 'BaseException' else 'Exception'}"
                                   f".catches({caught}.kind)" for c in classes)
                self.line(f"{'if' if first else '} else if'} {cond} {{")
                first = False
                self.indent += 1
                if h.name:
                    self.line(f"let {h.rust_name} = {caught}.clone();")
                self.handler_errs.append(caught)
                self.block(h.body)
                self.handler_errs.pop()
                self.indent -= 1
            self.line("} else {")
            self.indent += 1
            self.line(self.raise_code(caught))
            self.indent -= 1
            self.line("}")
            self.indent -= 1
            if s.orelse:
                self.line("} else {")
                self.indent += 1
                self.block(s.orelse)
                self.indent -= 1
            self.line("}")
        else:
            self.line(f"if let Some({caught}) = {err} {{ {self.raise_code(caught)} }}")
            self.block(s.orelse)
        if s.finalbody:
            assert fin is not None
            self.catch.pop()
            self.fins.pop()
            self.indent -= 1
            self.line("}")
            self.block(s.finalbody)
            self.line(f"if let Some({caught}) = {pending} {{ {self.raise_code(caught)} }}")
            # the try left by break/continue/return: carry on leaving, now that finally ran
            if self.loops and fin.loop_depth == len(self.loops):
                self.line(f"if {fin.ctl} == 1 {{")
                self.indent += 1
                self.jump("break")
                self.indent -= 1
                self.line(f"}} else if {fin.ctl} == 2 {{")
                self.indent += 1
                self.jump("continue")
                self.indent -= 1
                self.line("}")
            self.line(f"if let Some({fin.ret}) = {fin.ret} {{")
            self.indent += 1
            self.return_(fin.ret)
            self.indent -= 1
            self.line("}")

    # ----------------------------------------------------------- function

    def emit(self) -> list[str]:
        fn = self.fn
        self.borrowed = self.module.borrowed_params(fn)
        out: list[str] = []
        if fn.doc:
            for line in fn.doc.strip().splitlines():
                out.append(f"/// {line.strip()}".rstrip())
        else:
            out.append(f"/// Compiled from `{fn.name}` in {Path(self.module.mod.file).name}.")
        params = []
        for p in fn.params:
            assert p.annotation is not None
            t = p.annotation
            rust = _rust_ident(p.name)
            if p.name in self.borrowed:
                params.append(f"{rust}: {borrowed_type(t)}")
            else:
                params.append(f"mut {rust}: {self.rtype(t)}")
        assert fn.returns is not None
        vis = "pub " if fn.is_entry else ""
        out.append(f"{vis}fn {rust_fn_name(fn.name)}({', '.join(params)}) -> "
                   f"Result<{self.rtype(fn.returns)}, Error> {{")
        if fn.is_generator:
            # Calling a generator function runs nothing: the body runs one step per `next`.
            assert isinstance(fn.returns, GenT)
            self.line(f"Ok(pcrt::Gen::new(move |__pc_co: pcrt::Co<{self.rtype(fn.returns.item)}>| "
                      "async move {")
            self.indent += 1
        for name, t in fn.locals:
            self.line(f"let mut {name}: {self.rtype(t)} = Default::default();")
        self.block(fn.body)
        if fn.is_generator:
            self.line("Ok(())")
            self.indent -= 1
            self.line("}))")
        elif isinstance(fn.returns, NoneT):
            self.line("Ok(())")
        elif isinstance(fn.returns, OptionalT):
            self.line("Ok(None)")
        else:
            last = fn.body[-1] if fn.body else None
            if not isinstance(last, (ir.Return, ir.Raise)):
                self.line("Err(pcrt::PyErr::new(pcrt::ExcKind::SystemError, "
                          "\"internal error: control reached the end of a function (a pycomp "
                          "bug)\"))")
        # The stack guard: RecursionError past the limit, never a stack overflow.
        # An entry of a module with classes also raises a dunder's exception that no
        # operation took (docs/architecture.md, "Objects"): none outlives the call.
        checked = fn.is_entry and any(c.kind not in ("enum", "intenum")
                                      for c in self.module.mod.classes)
        out.append("pcrt::dunder_checked_result(pcrt::guard(move || {" if checked
                   else "pcrt::guard(move || {")
        out.extend(self.lines)
        out.append("}))" if checked else "})")
        out.append("}")
        return out


def borrowed_type(t: Type) -> str:
    match t:
        case StrT():
            return "&str"
        case ListT(item):
            return f"&[{rust_type(item)}]"
        case _:
            return f"&{rust_type(t)}"


def rust_fn_name(name: str) -> str:
    return rust_method(name) if "." in name else rust_ident(name)


def _rust_ident(name: str) -> str:
    return rust_ident(name)


def _is_atom(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*|\"([^\"\\]|\\.)*\"|"
                             r"[0-9][0-9_]*(_i64|_f64)?", code))


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


def _names_written(stmts: tuple[ir.Stmt, ...]) -> set[str]:
    from pycomp.infer import _stmt_targets, _walk_stmts

    out: set[str] = set()
    for s in _walk_stmts(stmts):
        out |= set(_stmt_targets(s))
        # in-place mutation through a method call counts as writing
        if isinstance(s, ir.ExprStmt) and isinstance(s.value, ir.OpCall):
            a = dict(s.value.args)
            if "{&mut self}" in s.value.op.rust and isinstance(a.get("self"), ir.Name):
                out.add(a["self"].id)  # type: ignore[union-attr]
        if isinstance(s, ir.Assign):
            for t in s.targets:
                if isinstance(t, ir.SubscriptTarget) and isinstance(t.value, ir.Name):
                    out.add(t.value.id)
    return out


def _nodes_in(node: object) -> list[object]:
    """Every IR node inside a typed expression, itself included."""
    import dataclasses

    found: list[object] = []

    def visit(x: object) -> None:
        if isinstance(x, (tuple, list)):
            for y in x:
                visit(y)
        elif dataclasses.is_dataclass(x) and not isinstance(x, (type, OpSpec)):
            found.append(x)
            for f in dataclasses.fields(x):
                if f.name not in ("ty", "span"):
                    visit(getattr(x, f.name))

    visit(node)
    return found


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


class ModuleEmitter:
    def __init__(self, mod: ir.Module, source: str):
        self.mod = mod
        self.source_lines = source.splitlines()
        self.name = crate_name(mod.name)
        self._borrowed: dict[str, set[str]] = {}
        self.lazy_consts: set[str] = set()
        self.features: list[str] = []

    def source_line(self, n: int) -> str:
        if 1 <= n <= len(self.source_lines):
            return self.source_lines[n - 1].strip()
        return ""

    def borrowed_params(self, fn: ir.Function) -> set[str]:
        if fn.name not in self._borrowed:
            from pycomp.infer import _stmt_targets, _walk_stmts

            written: set[str] = set()
            for s in _walk_stmts(fn.body):
                written |= set(_stmt_targets(s))
            self._borrowed[fn.name] = {
                p.name for p in fn.params
                if isinstance(p.annotation, (StrT, ListT, DictT, SetT, NdArrayT))
                and p.name not in written and not fn.is_generator
            }
        return self._borrowed[fn.name]

    def asset_name(self, path: str) -> str:
        for name, p in self.mod.assets:
            if p == path:
                return name
        raise InternalError(f"asset {path} was not recorded")

    def const_ref(self, rust: str, ty: Type) -> Val:
        if isinstance(ty, OpaqueT):
            raise InternalError("resource constants are read through FnEmitter.resource")
        if is_copy(ty):
            return Val(f"(*{rust})" if rust in self.lazy_consts else rust, "temp", ty)
        if isinstance(ty, StrT):
            return Val(rust, "ref", ty)
        return Val(f"(&*{rust})", "ref", ty)

    def lib_rs(self) -> str:
        out = [f"//! {self.mod.doc.strip().splitlines()[0]}" if self.mod.doc else
               f"//! Compiled from `{Path(self.mod.file).name}` by pycomp.",
               "//!",
               (f"//! Generated by pycomp {PYCOMP_VERSION} from `{Path(self.mod.file).name}`; "
                "do not edit."),
               "//! The Python source line of each statement is in the comment above it.",
               "#![allow(" + ", ".join(CRATE_ALLOWS) + ")]",
               "",
               "pub mod ffi;",
               "#[macro_use]",
               "pub mod pcrt;",
               "",
               "#[allow(unused_imports)]",
               "use indexmap::{IndexMap, IndexSet};",
               "",
               "/// A Python exception raised by compiled code: its class and message.",
               "pub use pcrt::PyErr as Error;",
               ""]
        if "onnx" in self.features:
            lib = onnxruntime_library()
            out.append("/// The ONNX Runtime library this crate was compiled against; a bundle "
                       "carries its own copy beside the compiled library.")
            out.append(f"pub(crate) const PCRT_ORT_LIBRARY: &str = {rust_str(str(lib or ''))};")
            out.append("")
        from pycomp.emit_classes import ClassEmitter

        out.extend(ClassEmitter(self.mod).emit())
        for c in self.mod.constants:
            out.extend(self.constant(c))
        for fn in self.mod.functions:
            out.extend(FnEmitter(self, fn).emit())
            out.append("")
        return "\n".join(out)

    def constant(self, c: ir.Constant) -> list[str]:
        t = c.annotation
        assert t is not None
        rust = rust_const(c.name)
        fe = FnEmitter(self, ir.Function("<const>", (), t, (), None, c.span, False))
        fe.catch.append(None)
        if isinstance(t, OpaqueT):
            return self.resource(c, rust, t, fe)
        if isinstance(c.value, ir.Const) and (is_copy(t) or isinstance(t, StrT)):
            code = fe.expr(c.value).code
            rt = "&str" if isinstance(t, StrT) else rust_type(t)
            return [f"// py: {self.source_line(c.span.line)}", f"const {rust}: {rt} = {code};",
                    ""]
        v = fe.expr(c.value)
        body = fe.owned(v)
        self.lazy_consts.add(rust)
        rt = rust_type(t)
        lines = [f"// py: {self.source_line(c.span.line)}"]
        if "?" in body:
            lines.append(f"static {rust}: std::sync::LazyLock<{rt}> = std::sync::LazyLock::new("
                         f"|| {{ let value = (|| -> pcrt::PyResult<{rt}> {{ Ok({body}) }})(); "
                         f"value.unwrap_or_else(|e| panic!(\"module constant {c.name}: {{e}}\")) }});")
        else:
            lines.append(f"static {rust}: std::sync::LazyLock<{rt}> = "
                         f"std::sync::LazyLock::new(|| {body});")
        lines.append("")
        return lines

    def resource(self, c: ir.Constant, rust: str, t: OpaqueT, fe: FnEmitter) -> list[str]:
        """A module-level resource: created once, on first use, shared by every thread."""
        rt = rust_type(t)
        lines = [f"// py: {self.source_line(c.span.line)}"]
        body = [f"let mut value: {rt} = {fe.expr(c.value).code};"]
        for st in self.mod.setup:
            call = st.value
            assert isinstance(call, ir.OpCall)
            recv = dict(call.args)["self"]
            if isinstance(recv, ir.Name) and recv.id == c.name:
                body.append(f"// py: {self.source_line(st.span.line)}")
                body.append(f"{fe.opcall(call, {'self': '&mut value'})};")
        lines.append(f"/// `{c.name}`: created on first use, shared by every thread.")
        lines.append(f"static {rust}: std::sync::LazyLock<pcrt::PyResult<{rt}>> = "
                     f"std::sync::LazyLock::new(|| -> pcrt::PyResult<{rt}> {{")
        lines.extend(f"    {b}" for b in body)
        lines.append("    Ok(value)")
        lines.append("});")
        lines.append("")
        return lines

    # ------------------------------------------------------------ the ABI

    def manifest(self) -> dict[str, object]:
        records: RecordFields = {
            c.name: EnumShape(tuple(c.members()), c.kind == "intenum")
            if c.kind in ("enum", "intenum")
            else [(f.name, f.annotation) for f in c.fields if f.annotation is not None]
            for c in self.mod.classes}
        functions = []
        for fn in self.mod.functions:
            if not fn.is_entry:
                continue
            params = []
            for p in fn.params:
                assert p.annotation is not None
                entry: dict[str, object] = {"name": p.name, "type": manifest_type(p.annotation, records)}
                if p.default is not None and isinstance(p.default, (ir.Const, ir.Coerce)):
                    dv = p.default.value if isinstance(p.default, ir.Const) else (
                        p.default.value.value if isinstance(p.default.value, ir.Const) else None)
                    if isinstance(p.annotation, FloatT) and isinstance(dv, int):
                        dv = float(dv)
                    if isinstance(dv, float) and (math.isnan(dv) or math.isinf(dv)):
                        entry["default"] = {"float": repr(dv)}
                    else:
                        entry["default"] = dv
                params.append(entry)
            assert fn.returns is not None
            typed = cabi.typed_symbol(self.name, fn)
            functions.append({
                "name": fn.name,
                "symbol": export_symbol(self.name, fn.name),
                **({"c_symbol": typed} if typed else {}),
                "doc": fn.doc or "",
                "params": params,
                "returns": manifest_type(fn.returns, records),
            })
        extra: dict[str, object] = {}
        if self.mod.assets:
            extra["assets"] = [name for name, _ in self.mod.assets]
        if "onnx" in self.features:
            lib = onnxruntime_library()
            extra["onnxruntime"] = lib.name if lib else None
        return {
            **extra,
            "abi_version": ABI_VERSION,
            "name": self.name,
            "library": f"lib{self.name}.so",
            "header": f"{self.name}.h",
            "pycomp_version": PYCOMP_VERSION,
            "functions": functions,
        }

    def ffi_rs(self, manifest_json: str) -> str:
        common = template("ffi_common.rs").read_text()
        hashes = "#" * 3
        common = common.replace("__MANIFEST_JSON__", f'r{hashes}"{manifest_json}"{hashes}')
        common = common.replace("__PREFIX__", self.name)
        out = [common.rstrip(), "", "use crate::pcrt;", "#[allow(unused_imports)]",
               "use indexmap::{IndexMap, IndexSet};", ""]
        for fn in self.mod.functions:
            if not fn.is_entry:
                continue
            borrowed = self.borrowed_params(fn)
            doc = (fn.doc or "").strip().splitlines()
            out.append(f"/// Calls `{fn.name}`" + (f": {doc[0]}" if doc else "."))
            out.append("///")
            out.append("/// `args` is a PCV tuple of every parameter in order; `*out`/`*out_len` "
                       "receive the PCV result")
            out.append("/// (status 0) or the error as a (class, message) tuple, which the caller "
                       f"frees with `{self.name}_free_buffer`.")
            out.append("///")
            out.append("/// # Safety")
            out.append("/// `args` must point to `args_len` readable bytes; `out` and `out_len` "
                       "must be valid for writes.")
            streams = isinstance(fn.returns, GenT)
            if streams:
                # replace the result paragraph: an iterator handle instead of a buffer
                out[-5:-3] = [
                    ("/// `args` is a PCV tuple of every parameter in order; on success "
                     "`*iter_out` receives"),
                    (f"/// an iterator: read items with `{self.name}_iter_next`, free it with "
                     f"`{self.name}_iter_free`."),
                ]
                out[-1] = ("/// `args` must point to `args_len` readable bytes; `iter_out` "
                           "must be valid for writes.")
            out.append("#[unsafe(no_mangle)]")
            out.append(f"pub unsafe extern \"C\" fn {export_symbol(self.name, fn.name)}(")
            out.append("    args: *const u8,")
            out.append("    args_len: usize,")
            if streams:
                out.append("    iter_out: *mut *mut ::std::ffi::c_void,")
            else:
                out.append("    out: *mut *mut u8,")
                out.append("    out_len: *mut usize,")
            out.append(") -> i32 {")
            out.append("    // SAFETY: the caller upholds the contract documented above.")
            out.append("    unsafe {")
            if streams:
                out.append("        pcrt::iter_abi::iter_entry(args, args_len, iter_out, |__pcv| {")
            else:
                out.append("        pcrt::abi::call_entry(args, args_len, out, out_len, |__pcv| {")
            call_args = []
            for p in fn.params:
                assert p.annotation is not None
                out.append(f"            {ffi_param_decode(p.name, p.annotation, p.name in borrowed)}")
                view = p.name in borrowed and isinstance(p.annotation, StrT)
                call_args.append(f"&{_rust_ident(p.name)}" if p.name in borrowed and not view
                                 else _rust_ident(p.name))
            out.append(f"            Ok(crate::{rust_fn_name(fn.name)}({', '.join(call_args)})?)")
            out.append("        })")
            out.append("    }")
            out.append("}")
            out.append("")
            if cabi.typed_symbol(self.name, fn) is not None:
                out.extend(cabi.typed_entry(self.name, fn, borrowed, rust_fn_name(fn.name)))
        return "\n".join(out)

    def cargo_toml(self) -> str:
        doc = tomlkit.document()
        doc.add(tomlkit.comment(f"Generated by pycomp {PYCOMP_VERSION} from "
                                f"{Path(self.mod.file).name}."))
        pkg = tomlkit.table()
        pkg["name"] = self.name
        pkg["version"] = "0.1.0"
        pkg["edition"] = "2024"
        pkg["publish"] = False
        pkg["description"] = f"Compiled by pycomp from {Path(self.mod.file).name}"
        doc["package"] = pkg
        lib = tomlkit.table()
        lib["crate-type"] = ["cdylib", "rlib"]
        doc["lib"] = lib
        deps = tomlkit.table()
        deps["indexmap"] = "=2.14.2"
        deps["stacker"] = "0.1"
        for feat in self.features:
            for crate, spec in OPTIONAL_RUNTIME[feat].items():
                if isinstance(spec, dict):
                    t = tomlkit.inline_table()
                    t.update(spec)
                    deps[crate] = t
                else:
                    deps[crate] = spec
        doc["dependencies"] = deps
        bdeps = tomlkit.table()
        cb = tomlkit.inline_table()
        cb["version"] = "=0.29.4"
        cb["default-features"] = False
        bdeps["cbindgen"] = cb
        doc["build-dependencies"] = bdeps
        prof = tomlkit.table()
        rel = tomlkit.table()
        rel["panic"] = "unwind"
        rel["opt-level"] = 3
        prof["release"] = rel
        doc["profile"] = prof
        # A generated crate is its own workspace, wherever it is written.
        doc["workspace"] = tomlkit.table()
        return tomlkit.dumps(doc)

    def build_rs(self) -> str:
        guard = f"{self.name.upper()}_H"
        return f'''//! Writes the C header `include/{self.name}.h` from `src/ffi.rs` with cbindgen.

fn main() {{
    let crate_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let header = std::path::Path::new(&crate_dir).join("include").join("{self.name}.h");
    println!("cargo:rerun-if-changed=src/ffi.rs");
    let config = cbindgen::Config {{
        usize_is_size_t: true,
        ..Default::default()
    }};
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(std::path::Path::new(&crate_dir).join("src").join("ffi.rs"))
        .with_language(cbindgen::Language::C)
        .with_include_guard("{guard}")
        .with_sys_include("stdbool.h")
        .with_sys_include("stdint.h")
        .with_sys_include("stddef.h")
        .with_include("pycomp.h")
        .with_no_includes()
        .with_documentation(true)
        .with_header("/* Generated by pycomp with cbindgen: the C ABI of the `{self.name}` bundle (docs/abi.md). */")
        .generate()
        .expect("cbindgen could not read src/ffi.rs");
    bindings.write_to_file(header);
}}
'''


# The item types of lists that cross the ABI packed, as Rust element types.
PACKED_ITEMS: dict[type, str] = {FloatT: "f64", IntT: "i64", BoolT: "bool"}


def ffi_param_decode(name: str, ty: Type, borrowed: bool) -> str:
    """The `let` of an entry point reading parameter `name` from the argument
    buffer: a borrowed `str` or packed list is a view into the buffer (the
    function only reads it), anything else an owned decoded value."""
    rust = _rust_ident(name)
    if borrowed and isinstance(ty, StrT):
        return f"let {rust}: &str = __pcv.next_str({rust_str(name)})?;"
    if borrowed and isinstance(ty, ListT) and type(ty.item) in PACKED_ITEMS:
        item = PACKED_ITEMS[type(ty.item)]
        return (f"let {rust}: std::borrow::Cow<[{item}]> = "
                f"__pcv.next_slice({rust_str(name)})?;")
    return f"let {rust}: {rust_type(ty)} = __pcv.next({rust_str(name)})?;"


# Optional runtime modules (templates/runtime_optional/<name>.rs) and the crates they need.
OPTIONAL_RUNTIME: dict[str, dict[str, object]] = {
    "nd": {"ndarray": "0.17"},
    "assets": {"libc": "0.2"},
    "tok": {"tokenizers": {"version": "=0.23.1", "default-features": False,
                           "features": ["onig", "esaxx_fast"]},
            "rayon": "1"},
    "onnx": {"ort": {"version": "=2.0.0-rc.15", "default-features": False,
                     "features": ["std", "ndarray", "load-dynamic", "api-17"]}},
    "random": {"rand_mt": {"version": "=6.1.0", "default-features": False}},
}


def runtime_features(mod: ir.Module) -> list[str]:
    """Which optional runtime modules the typed module needs."""
    import dataclasses

    from pycomp.types import OpaqueT

    found: set[str] = set()

    def visit(node: object) -> None:
        if isinstance(node, (tuple, list)):
            for x in node:
                visit(x)
            return
        if isinstance(node, NdArrayT):
            found.add("nd")
        elif isinstance(node, OpaqueT):
            found.add("onnx" if node.name in ("InferenceSession", "NodeArg", "SessionOutputs")
                      else "tok")
        elif isinstance(node, ir.OpCall):
            stem = Path(node.op.file).stem
            if stem == "numpy":
                found.add("nd")
            elif stem in ("tokenizers", "onnxruntime"):
                found.add("tok" if stem == "tokenizers" else "onnx")
            elif stem == "random":
                found.add("random")
        if dataclasses.is_dataclass(node) and not isinstance(node, type) and not isinstance(
                node, OpSpec):
            for f in dataclasses.fields(node):
                visit(getattr(node, f.name))

    visit(mod.constants)
    visit(mod.functions)
    if "onnx" in found:
        found |= {"nd", "assets"}
    if "tok" in found:
        found |= {"assets", "nd"}  # tok.rs builds id matrices as ndarray arrays
    return [k for k in OPTIONAL_RUNTIME if k in found]


def onnxruntime_library() -> Path | None:
    """The ONNX Runtime shared library of the installed `onnxruntime` wheel."""
    import importlib.util

    spec = importlib.util.find_spec("onnxruntime")
    if spec is None or spec.origin is None:
        return None
    libs = sorted((Path(spec.origin).parent / "capi").glob("libonnxruntime.so.*"))
    return libs[-1] if libs else None


def emit_crate(mod: ir.Module, source: str, out_dir: Path) -> dict[str, object]:
    """Write the crate for `mod` into `out_dir`; returns the manifest."""
    em = ModuleEmitter(mod, source)
    em.features = runtime_features(mod)
    manifest = em.manifest()
    manifest_json = json.dumps(manifest, separators=(",", ":"), ensure_ascii=False)
    src = out_dir / "src"
    src.mkdir(parents=True, exist_ok=True)
    (out_dir / "include").mkdir(exist_ok=True)
    # The typed entry points' types, which include/NAME.h includes.
    write_if_changed(out_dir / "include" / "pycomp.h", template("c", "pycomp.h").read_bytes())
    # Only files whose content changed are written (crate_files.py): cargo
    # then does nothing for an unchanged source.
    write_if_changed(out_dir / "Cargo.toml", em.cargo_toml())
    write_if_changed(out_dir / "build.rs", format_rust(em.build_rs()))
    write_if_changed(src / "lib.rs", format_rust(em.lib_rs()))
    write_if_changed(src / "ffi.rs", format_rust(em.ffi_rs(manifest_json)))
    sync_dir(src / "pcrt", runtime_sources(em.features))
    write_if_changed(out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    # What the build step copies into the bundle beside the library.
    files = {name: path for name, path in mod.assets}
    ort = onnxruntime_library() if "onnx" in em.features else None
    write_if_changed(out_dir / "bundle-files.json", json.dumps(
        {"assets": files, "onnxruntime": str(ort) if ort else None}, indent=2))
    return manifest


__all__ = ["ABI_VERSION", "OpSpec", "crate_name", "emit_crate", "target_names"]
