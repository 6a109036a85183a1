"""emit, for classes: the Rust struct or enum of each class, and the trait impls
through which the runtime's generic code (`sorted`, `==` on lists, dict keys, `repr`
of containers, the C ABI) reaches the dunder methods.

A class `C` becomes `pub struct C { pub field: T, ... }`, and an instance is a
`pcrt::Instance<C>` (shared, docs/architecture.md "Objects"); its methods are the
functions `names.rust_method("C.method")` (taking `self_: pcrt::Instance<C>`)
written by `FnEmitter`. An enum becomes a plain `Copy` Rust enum with its members'
names and values.
"""

from __future__ import annotations

from pycomp import ir
from pycomp.names import rust_class, rust_ident, rust_method
from pycomp.types import (
    ClassT,
    FloatT,
    IntT,
    OptionalT,
    StrT,
    TupleT,
    Type,
    hashable,
    rust_type,
)


def _field(name: str) -> str:
    return rust_ident(name)


class ClassEmitter:
    def __init__(self, mod: ir.Module):
        self.mod = mod
        self.fns = {f.name: f for f in mod.functions}

    def method(self, c: ir.ClassDef, name: str) -> str | None:
        """The Rust function implementing `name` for `c` (its own or inherited)."""
        key = f"{c.name}.{name}"
        if key in self.fns:
            return rust_method(key)
        base = c.base
        while base is not None:
            k = f"{c.name}.{base}.{name}"
            if k in self.fns:
                return rust_method(k)
            parent = self.mod.cls(base)
            base = parent.base if parent is not None else None
        return None

    def emit(self) -> list[str]:
        out: list[str] = []
        for c in self.mod.classes:
            if c.abstract:
                continue  # never instantiated; its subclasses carry its fields
            if c.kind in ("enum", "intenum"):
                out += self.enum(c)
            else:
                out += self.struct(c)
            out.append("")
        return out

    # ------------------------------------------------------------- structs

    def struct(self, c: ir.ClassDef) -> list[str]:
        name = rust_class(c.name)
        ty = f"pcrt::Instance<{name}>"
        out = []
        doc = (c.doc or "").strip().splitlines()
        out.append(f"/// The fields of a `{c.name}` (Python class); an instance is a "
                   f"`{ty}`." if not doc else f"/// {doc[0]}")
        debug = "" if any("pcrt::Tokenizer" in rust_type(f.annotation) or "Session" in rust_type(
            f.annotation) for f in c.fields if f.annotation is not None) else ", Debug"
        out.append(f"#[derive(Clone, Default{debug})]")
        out.append(f"pub struct {name} {{")
        for f in c.fields:
            assert f.annotation is not None
            out.append(f"    pub {_field(f.name)}: {rust_type(f.annotation)},")
        out.append("}")
        out.append("")
        # repr / str
        rep = self.method(c, "__repr__")
        st = self.method(c, "__str__")
        out.append(f"impl pcrt::PyRepr for {ty} {{")
        out.append("    fn py_repr(&self) -> String {")
        if rep:
            out.append(f"        pcrt::dunder_call(String::new(), || {rep}(self.clone()))")
        else:
            out.append(f"        pcrt::default_repr({_rs(self.qualname(c))}, self.addr())")
        out.append("    }")
        if st:
            out.append("    fn py_str(&self) -> String {")
            out.append(f"        pcrt::dunder_call(String::new(), || {st}(self.clone()))")
            out.append("    }")
        out.append("}")
        out.append("")
        # == and hash
        eq = self.method(c, "__eq__")
        out.append(f"impl PartialEq for {ty} {{")
        out.append("    fn eq(&self, other: &Self) -> bool {")
        if eq:
            # the runtime compares inside containers, where CPython tries identity first
            out.append(f"        self.is(other) || pcrt::dunder_call(false, || {eq}(self.clone(), "
                       "other.clone()))")
        else:
            out.append("        self.is(other)")
        out.append("    }")
        out.append("}")
        out.append(f"impl Eq for {ty} {{}}")
        out.append(f"impl std::hash::Hash for {ty} {{")
        out.append("    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {")
        h = self.method(c, "__hash__")
        if h:
            out.append(f"        pcrt::dunder_call(0, || {h}(self.clone())).hash(state);")
        elif eq and all(f.annotation is not None and field_hashable(f.annotation)
                        for f in c.fields):
            out.append("        self.get(|o| {")
            for f in c.fields:
                out.append(f"            pcrt::PyHash::py_hash(&o.{_field(f.name)}, state);")
            out.append("        });")
        else:
            out.append("        pcrt::hash_identity(self, state);")
        out.append("    }")
        out.append("}")
        # hash(): CPython's number is what `__hash__` returns (-1 becomes -2)
        out.append(f"impl pcrt::PyHash for {ty} {{")
        out.append("    fn py_hash<H: std::hash::Hasher>(&self, state: &mut H) {")
        out.append("        std::hash::Hash::hash(self, state);")
        out.append("    }")
        out.append("    fn py_hash_value(&self) -> i64 {")
        if h:
            out.append(f"        let h = pcrt::dunder_call(0, || {h}(self.clone()));")
            out.append("        if h == -1 { -2 } else { h }")
        else:
            out.append("        pcrt::hasher_value(self)")
        out.append("    }")
        out.append("}")
        # ordering: a missing method is its mirror with the operands swapped, as CPython
        # reflects `a > b` to `b.__lt__(a)` (so `max` calls what CPython calls)
        ops = {"lt": ("__lt__", "__gt__"), "gt": ("__gt__", "__lt__"),
               "le": ("__le__", "__ge__"), "ge": ("__ge__", "__le__")}
        impls = {op: (fn, "self", "other") if (fn := self.method(c, own)) else
                 (self.method(c, mirror), "other", "self") for op, (own, mirror) in ops.items()}
        out.append(f"impl PartialOrd for {ty} {{")
        other = "other" if impls["lt"][0] else "_other"
        out.append(f"    fn partial_cmp(&self, {other}: &Self) -> Option<std::cmp::Ordering> {{")
        if impls["lt"][0]:
            out.append("        if self.lt(other) {")
            out.append("            Some(std::cmp::Ordering::Less)")
            out.append("        } else if other.lt(self) {")
            out.append("            Some(std::cmp::Ordering::Greater)")
            out.append("        } else {")
            out.append("            Some(std::cmp::Ordering::Equal)")
            out.append("        }")
        else:
            out.append("        None")
        out.append("    }")
        for op, (fn, a, b) in impls.items():
            if fn:
                out.append(f"    fn {op}(&self, other: &Self) -> bool {{")
                out.append(f"        pcrt::dunder_call(false, || {fn}({a}.clone(), {b}.clone()))")
                out.append("    }")
        out.append("}")
        out.append("")
        out += self.record(c, name, ty)
        return out

    def qualname(self, c: ir.ClassDef) -> str:
        return f"{self.mod.name}.{c.name}"

    def record(self, c: ir.ClassDef, name: str, ty: str) -> list[str]:
        """The ABI form of an instance: a PCV tuple of its fields (docs/abi.md)."""
        out = [f"impl pcrt::abi::Encode for {ty} {{",
               "    fn encode(&self, out: &mut pcrt::abi::Writer) {",
               f"        pcrt::encode_record_header({len(c.fields)}, out);",
               "        self.get(|o| {"]
        for f in c.fields:
            out.append(f"            pcrt::abi::Encode::encode(&o.{_field(f.name)}, out);")
        out += ["        });", "    }", "}", "",
                f"impl pcrt::abi::Decode for {ty} {{",
                ("    fn decode(r: &mut pcrt::abi::Reader<'_>) -> Result<Self, "
                 "pcrt::abi::DecodeError> {"),
                f"        pcrt::decode_record_header(r, {len(c.fields)}, Self::type_name)?;",
                f"        Ok(pcrt::Instance::new({name} {{"]
        for f in c.fields:
            out.append(f"            {_field(f.name)}: pcrt::decode_field(r, "
                       f"{_rs(f.name)})?,")
        out += ["        }))", "    }",
                "    fn type_name() -> String {",
                f"        String::from({_rs(c.name)})",
                "    }", "}"]
        return out

    # --------------------------------------------------------------- enums

    def enum(self, c: ir.ClassDef) -> list[str]:
        name = rust_class(c.name)
        members = [(k.name, k.value.value) for k in c.consts
                   if isinstance(k.value, ir.Const) and isinstance(k.value.value, (int, str))]
        str_values = bool(members) and all(isinstance(v, str) for _, v in members)
        vty = "String" if str_values else "i64"
        out = [f"/// The Python enum `{c.name}`.",
               "#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]",
               f"pub enum {name} {{"]
        for i, (m, _) in enumerate(members):
            if i == 0:
                out.append("    #[default]")
            out.append(f"    {_variant(m)},")
        out.append("}")
        out.append("")
        out.append(f"impl {name} {{")
        out.append("    /// The members in definition order (`list(Label)`).")
        out.append(f"    pub const MEMBERS: [{name}; {len(members)}] = [" + ", ".join(
            f"{name}::{_variant(m)}" for m, _ in members) + "];")
        out.append("")
        out.append("    /// `.name`.")
        out.append("    pub fn name(self) -> &'static str {")
        out.append("        match self {")
        for m, _ in members:
            out.append(f"            {name}::{_variant(m)} => {_rs(m)},")
        out.append("        }")
        out.append("    }")
        out.append("")
        out.append("    /// `.value`.")
        out.append(f"    pub fn value(self) -> {vty} {{")
        out.append("        match self {")
        for m, v in members:
            lit = f"String::from({_rs(str(v))})" if str_values else f"{v}_i64"
            out.append(f"            {name}::{_variant(m)} => {lit},")
        out.append("        }")
        out.append("    }")
        out.append("")
        out.append(f"    /// `{c.name}(value)`: the member with that value, else ValueError.")
        arg = "&str" if str_values else "i64"
        out.append(f"    pub fn from_value(v: {arg}) -> pcrt::PyResult<{name}> {{")
        out.append("        match v {")
        for m, v in members:
            lit = _rs(str(v)) if str_values else f"{v}"
            out.append(f"            {lit} => Ok({name}::{_variant(m)}),")
        rep = "pcrt::str_repr(v)" if str_values else "v.to_string()"
        out.append(f"            _ => Err(pcrt::enum_value_error(&{rep}, {_rs(c.name)})),")
        out.append("        }")
        out.append("    }")
        out.append("")
        out.append(f"    /// `{c.name}[name]`: the member of that name, else KeyError.")
        out.append(f"    pub fn from_name(n: &str) -> pcrt::PyResult<{name}> {{")
        out.append("        match n {")
        for m, _ in members:
            out.append(f"            {_rs(m)} => Ok({name}::{_variant(m)}),")
        out.append("            _ => Err(pcrt::PyErr::new(pcrt::ExcKind::KeyError, "
                   "pcrt::str_repr(n))),")
        out.append("        }")
        out.append("    }")
        out.append("}")
        out.append("")
        # CPython hashes an IntEnum member as its int, an Enum member as its name
        # (a str: randomized per process)
        hash_value = "pcrt::py_hash_int(self.value())" if c.kind == "intenum" else \
            "pcrt::hasher_value(self.name())"
        out += [f"impl pcrt::PyHash for {name} {{",
                "    fn py_hash<H: std::hash::Hasher>(&self, state: &mut H) {",
                "        std::hash::Hash::hash(self, state);",
                "    }",
                "    fn py_hash_value(&self) -> i64 {",
                f"        {hash_value}",
                "    }",
                "}",
                "",
                f"impl pcrt::abi::Encode for {name} {{",
                "    /// An enum member crosses the ABI as its value (docs/abi.md).",
                "    fn encode(&self, out: &mut pcrt::abi::Writer) {",
                "        pcrt::abi::Encode::encode(&self.value(), out);",
                "    }",
                "}",
                "",
                f"impl pcrt::abi::Decode for {name} {{",
                ("    fn decode(r: &mut pcrt::abi::Reader<'_>) -> Result<Self, "
                 "pcrt::abi::DecodeError> {"),
                f"        let v = <{vty} as pcrt::abi::Decode>::decode(r)?;",
                (f"        {name}::from_value({'&v' if str_values else 'v'}).map_err(|_| "
                 "pcrt::abi::DecodeError::malformed(Self::type_name(), "
                 "format!(\"the value {v:?}\")))"),
                "    }",
                "    fn type_name() -> String {",
                f"        String::from({_rs(c.name)})",
                "    }"]
        if not str_values:
            # a list of int enum members may come as a packed list of ints
            out += [("    fn from_packed(p: &pcrt::abi::Payload<'_>) -> Result<Vec<Self>, "
                     "pcrt::abi::DecodeError> {"),
                    "        let values = <i64 as pcrt::abi::Decode>::from_packed(p)?;",
                    "        values.into_iter().enumerate().map(|(i, v)| {",
                    (f"            {name}::from_value(v).map_err(|_| pcrt::abi::DecodeError::"
                     "malformed(Self::type_name(), format!(\"the value {v}\"))"),
                    "                .within(&format!(\"[{i}]\")))",
                    "        }).collect()",
                    "    }"]
        out += ["}", ""]
        out.append(f"impl pcrt::PyRepr for {name} {{")
        out.append("    fn py_repr(&self) -> String {")
        vrepr = "pcrt::str_repr(&self.value())" if str_values else "self.value()"
        out.append(f"        format!(\"<{c.name}.{{}}: {{}}>\", self.name(), {vrepr})")
        out.append("    }")
        out.append("    fn py_str(&self) -> String {")
        if c.kind == "intenum":
            out.append("        self.value().to_string()")
        else:
            out.append(f"        format!(\"{c.name}.{{}}\", self.name())")
        out.append("    }")
        out.append("}")
        out.append("")
        out.append(f"impl PartialOrd for {name} {{")
        out.append("    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {")
        if c.kind == "intenum":
            out.append("        self.value().partial_cmp(&other.value())")
        else:
            out.append("        if self == other {")
            out.append("            Some(std::cmp::Ordering::Equal)")
            out.append("        } else {")
            out.append("            None")
            out.append("        }")
        out.append("    }")
        out.append("}")
        return out


def calls_dunders(t: Type) -> bool:
    """Whether a value of type `t` may hold an instance whose trait impls call compiled
    dunder methods (`==`, `<`, `hash`, `repr` reached by the runtime's generic code):
    an operation on it must then check for an exception they raised
    (`pcrt::dunder_checked`)."""
    if isinstance(t, ClassT):
        return not t.enum
    return any(calls_dunders(v) if isinstance(v, Type.__args__)  # type: ignore[attr-defined]
               else isinstance(v, tuple) and any(
                   isinstance(x, Type.__args__) and calls_dunders(x)  # type: ignore[attr-defined]
                   for x in v)
               for v in (getattr(t, n) for n in ir.field_names(t)))


def field_hashable(t: Type) -> bool:
    """Whether a field can be hashed (`pcrt::PyHash`) for a frozen record's `__hash__`."""
    match t:
        case FloatT():
            return True
        case TupleT(items):
            return all(field_hashable(i) for i in items)
        case OptionalT(item):
            return field_hashable(item)
    return hashable(t)


def _variant(m: str) -> str:
    return rust_ident(m)


def _rs(s: str) -> str:
    from pycomp.emit import rust_str

    return rust_str(s)


__all__ = ["ClassEmitter", "FloatT", "IntT", "StrT"]
