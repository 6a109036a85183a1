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

from collections.abc import Callable

from pycomp import ir
from pycomp.names import instance_handle, rust_class, rust_class_tag, rust_ident, rust_method
from pycomp.rust import rir
from pycomp.types import (
    ClassShape,
    ClassT,
    EnumShape,
    FloatT,
    FuncT,
    IntT,
    ListT,
    OpaqueT,
    OptionalT,
    RecordFields,
    StrT,
    TupleT,
    Type,
    hashable,
    manifest_type,
    rust_type,
)

# The field holding an object's class in the struct of a family: no user field is spelled
# so (`rust_ident` moves names starting with `__pc` to its `_` class).
TAG_FIELD = "__pc_class"


def _field(name: str) -> str:
    return rust_ident(name)


# library values with a wire form and `Debug` (a path crosses the ABI as its text)
_WIRE_OPAQUE = frozenset({"PosixPath"})


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
        fam = Families(self.mod)
        for c in self.mod.classes:
            if c.is_enum:
                out += self.enum(c)
            elif fam.root(c.name) != c.name:
                out.append(f"/// A `{c.name}` shares the struct of its base classes.")
                out.append(f"pub type {rust_class(c.name)} = {rust_class(fam.root(c.name))};")
            else:
                out += self.struct(c, [self.mod.cls(m) for m in fam.members(c.name)],  # type: ignore[misc]
                                   fam)
            out.append("")
        return out

    # ------------------------------------------------------------- structs

    def struct(self, c: ir.ClassDef, members: list[ir.ClassDef], fam: Families) -> list[str]:
        """The struct of class `c` and of the classes deriving from it (`members`, `c`
        first): one struct with every field of every member and, for more than one, the
        object's class (`TAG_FIELD`), on which each trait impl dispatches."""
        name = rust_class(c.name)
        ty = f"{instance_handle(c.name)}<{name}>"
        shared = len(members) > 1
        out = []
        tag = fam.tag_enum(c.name)
        if shared:
            out.append(f"/// The class of an object of the `{c.name}` family.")
            out.append("#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]")
            out.append("#[allow(non_camel_case_types, reason = \"spelled apart from every "
                       "class's name (names.rust_class_tag)\")]")
            out.append(f"pub enum {tag} {{")
            out.append("    #[default]")
            out.extend(f"    {fam.variant(m.name)}," for m in members)
            out.append("}")
            out.append("")
        doc = (c.doc or "").strip().splitlines()
        out.append(f"/// The fields of a `{c.name}` (Python class); an instance is a "
                   f"`{ty}`." if not doc else f"/// {doc[0]}")
        fields: dict[str, Type] = {}
        for m in members:
            for f in m.fields:
                assert f.annotation is not None
                fields.setdefault(f.name, f.annotation)
        # a lock, a compiled pattern or another library object in a field, at any depth:
        # no `Debug`, and no record form (it cannot cross the ABI)
        library_object = self.holds_library_object(members, set())
        debug = "" if library_object else ", Debug"
        out.append(f"#[derive(Clone, Default{debug})]")
        if c.cell:
            out.append("#[allow(non_camel_case_types, reason = \"a variable's cell, spelled "
                       "apart from every class's name (pycomp.cells)\")]")
        out.append(f"pub struct {name} {{")
        if shared:
            out.append(f"    pub {TAG_FIELD}: {tag},")
        for fname, t in fields.items():
            out.append(f"    pub {_field(fname)}: {rust_type(t)},")
        out.append("}")
        out.append("")
        if shared:
            # the Rust API's view of an object's class (an object of a family crosses as
            # this struct, docs/abi.md, "Families")
            out.append(f"impl {name} {{")
            out.append("    /// The name of the object's class (`type(obj).__name__`).")
            out.append("    pub fn class_name(&self) -> &'static str {")
            out.append(f"        match self.{TAG_FIELD} {{")
            out.extend(f"            {tag}::{fam.variant(m.name)} => {_rs(m.name)},"
                       for m in members)
            out.append("        }")
            out.append("    }")
            out.append("}")
            out.append("")

        def arms(body: Callable[[ir.ClassDef], str], indent: str) -> list[str]:
            """`body` of the object's class: a `match` on it for a family."""
            if not shared:
                return [indent + body(c)]
            return [f"{indent}match self.get(|o| o.{TAG_FIELD}) {{",
                    *(f"{indent}    {tag}::{fam.variant(m.name)} => {body(m)},"
                      for m in members),
                    f"{indent}}}"]

        same_class = (f"self.get(|o| o.{TAG_FIELD}) == other.get(|o| o.{TAG_FIELD})"
                      if shared else "")

        def comparer(name: str) -> str | None:
            """The call of the family's comparer for `name` (infer_classes.comparer: CPython's
            protocol for any two classes), if the family compares that way."""
            key = f"{c.name}.__pcv_cmp{name}"
            if not shared or key not in self.fns:
                return None
            return f"pcrt::dunder_call(false, || {rust_method(key)}(self.clone(), other.clone()))"
        # repr / str
        out.append(f"impl pcrt::PyRepr for {ty} {{")
        out.append("    fn py_repr(&self) -> String {")

        def repr_of(m: ir.ClassDef) -> str:
            rep = self.method(m, "__repr__")
            if rep:
                return f"pcrt::dunder_call(String::new(), || {rep}(self.clone()))"
            return f"pcrt::default_repr({_rs(self.qualname(m))}, self.addr())"

        out += arms(repr_of, "        ")
        out.append("    }")
        if any(self.method(m, "__str__") for m in members):
            def str_of(m: ir.ClassDef) -> str:
                st = self.method(m, "__str__")
                if st:
                    return f"pcrt::dunder_call(String::new(), || {st}(self.clone()))"
                return "self.py_repr()"

            out.append("    fn py_str(&self) -> String {")
            out += arms(str_of, "        ")
            out.append("    }")
        out.append("}")
        out.append("")
        # == and hash: CPython's generated `__eq__` is NotImplemented for another class,
        # and then `==` is identity
        out.append(f"impl PartialEq for {ty} {{")
        out.append("    fn eq(&self, other: &Self) -> bool {")
        if comparer("__eq__"):
            # the runtime compares inside containers, where CPython tries identity first
            out.append(f"        self.is(other) || {comparer('__eq__')}")
        elif any(self.method(m, "__eq__") for m in members):
            def eq_of(m: ir.ClassDef) -> str:
                eq = self.method(m, "__eq__")
                if eq:
                    return f"pcrt::dunder_call(false, || {eq}(self.clone(), other.clone()))"
                return "false"

            # the runtime compares inside containers, where CPython tries identity first
            out.append("        self.is(other)")
            out.append(f"            || ({same_class}" if shared else "            || {")
            if shared:
                out.append("                && {")
            out += arms(eq_of, "                    " if shared else "                ")
            out.append("                })" if shared else "            }")
        else:
            out.append("        self.is(other)")
        out.append("    }")
        out.append("}")
        out.append(f"impl Eq for {ty} {{}}")
        out.append(f"impl std::hash::Hash for {ty} {{")
        out.append("    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {")

        def hash_of(m: ir.ClassDef) -> str:
            h = self.method(m, "__hash__")
            if h:
                return f"pcrt::dunder_call(0, || {h}(self.clone())).hash(state)"
            if self.method(m, "__eq__") and all(
                    f.annotation is not None and field_hashable(f.annotation)
                    for f in m.fields):
                return "self.get(|o| {" + "".join(
                    f" pcrt::PyHash::py_hash(&o.{_field(f.name)}, state);"
                    for f in m.fields) + " })"
            if m.cell:
                return "std::hash::Hash::hash(&self.addr(), state)"
            return "pcrt::hash_identity(self, state)"

        body = arms(hash_of, "        ")
        if not shared:
            body[-1] += ";"
        out += body
        out.append("    }")
        out.append("}")
        # hash(): CPython's number is what `__hash__` returns (-1 becomes -2)
        out.append(f"impl pcrt::PyHash for {ty} {{")
        out.append("    fn py_hash<H: std::hash::Hasher>(&self, state: &mut H) {")
        out.append("        std::hash::Hash::hash(self, state);")
        out.append("    }")
        out.append("    fn py_hash_value(&self) -> i64 {")

        def hash_value_of(m: ir.ClassDef) -> str:
            h = self.method(m, "__hash__")
            if h:
                return (f"{{ let h = pcrt::dunder_call(0, || {h}(self.clone())); "
                        "if h == -1 { -2 } else { h } }")
            return "pcrt::hasher_value(self)"

        out += arms(hash_value_of, "        ")
        out.append("    }")
        out.append("}")
        # ordering: a missing method is its mirror with the operands swapped, as CPython
        # reflects `a > b` to `b.__lt__(a)` (so `max` calls what CPython calls)
        ops = {"lt": ("__lt__", "__gt__"), "gt": ("__gt__", "__lt__"),
               "le": ("__le__", "__ge__"), "ge": ("__ge__", "__le__")}

        def impl_of(m: ir.ClassDef, op: str) -> tuple[str | None, str, str]:
            own, mirror = ops[op]
            fn = self.method(m, own)
            return (fn, "self", "other") if fn else (self.method(m, mirror), "other", "self")

        has = {op: any(impl_of(m, op)[0] for m in members) for op in ops}

        def class_name(v: str) -> str:
            if not shared:
                return _rs(c.name)
            return f"match {v}.get(|o| o.{TAG_FIELD}) {{ " + " ".join(
                f"{tag}::{fam.variant(m.name)} => {_rs(m.name)}," for m in members) + " }"

        def unordered(sym: str, fallback: str = "false") -> str:
            """CPython's TypeError for two objects neither of whose classes orders them."""
            return (f"pcrt::dunder_call({fallback}, || Err(pcrt::PyErr::type_error(format!("
                    f"\"'{sym}' not supported between instances of '{{}}' and '{{}}'\", "
                    f"{class_name('self')}, {class_name('other')}))))")
        syms = {"lt": "<", "gt": ">", "le": "<=", "ge": ">="}
        out.append(f"impl PartialOrd for {ty} {{")
        out.append("    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {")
        if has["lt"]:
            out.append("        if self.lt(other) {")
            out.append("            Some(std::cmp::Ordering::Less)")
            out.append("        } else if other.lt(self) {")
            out.append("            Some(std::cmp::Ordering::Greater)")
            out.append(f"        }} else if {same_class or 'true'} {{")
            out.append("            Some(std::cmp::Ordering::Equal)")
            out.append("        } else {")
            out.append("            None")
            out.append("        }")
        else:
            # a tuple holding objects compares them when the items before are equal
            out.append("        if self == other {")
            out.append("            Some(std::cmp::Ordering::Equal)")
            out.append("        } else {")
            out.append(f"            {unordered('<', 'None')}")
            out.append("        }")
        out.append("    }")
        for op in ops:
            if not has[op]:
                # reached inside tuples (infer refuses ordering these objects directly),
                # where CPython compares the items with `==` first
                out.append(f"    fn {op}(&self, other: &Self) -> bool {{")
                out.append("        if self == other {")
                out.append(f"            {'true' if op in ('le', 'ge') else 'false'}")
                out.append("        } else {")
                out.append(f"            {unordered(syms[op])}")
                out.append("        }")
                out.append("    }")
                continue

            def cmp_of(m: ir.ClassDef, op: str = op) -> str:
                fn, a, b = impl_of(m, op)
                if fn is None:
                    return unordered(syms[op])
                return f"pcrt::dunder_call(false, || {fn}({a}.clone(), {b}.clone()))"

            out.append(f"    fn {op}(&self, other: &Self) -> bool {{")
            call = comparer(ops[op][0])
            if call:
                out.append(f"        {call}")
            elif shared:
                out.append(f"        {same_class}")
                out.append("            && {")
                out += arms(cmp_of, "                ")
                out.append("            }")
            else:
                out += arms(cmp_of, "        ")
            out.append("    }")
        out.append("}")
        out.append("")
        # (a lazily loaded model or tokenizer never crosses the ABI)
        if not c.once_set and not library_object:
            out += self.record(c, members, name, ty, arms, shared)
        return out

    def holds_family(self, c: ir.ClassDef, seen: set[str]) -> bool:
        """Whether a field of `c` (at any depth) holds an object of a family."""
        from pycomp.infer_classes import _type_parts

        seen.add(c.name)
        fam = Families(self.mod)
        for f in c.fields:
            for t in _type_parts(f.annotation) if f.annotation is not None else []:
                inner = self.mod.cls(t.name) if isinstance(t, ClassT) and not t.enum else None
                if inner is None or inner.name in seen:
                    continue
                if fam.shared(inner.name) or self.holds_family(inner, seen):
                    return True
        return False

    def holds_library_object(self, members: list[ir.ClassDef], seen: set[str]) -> bool:
        """Whether a field of these classes (a family's members), at any depth, holds a
        library object with no wire form and no `Debug` (a `threading.Lock`, a compiled
        pattern, a logger, a numpy Generator) or a function value: their struct then has
        neither the record encoding nor `Debug`, as such a class cannot cross the ABI
        anyway (E103)."""
        from pycomp.infer_classes import _type_parts

        fam = Families(self.mod)
        for m in members:
            seen.add(m.name)
            for f in m.fields:
                for t in _type_parts(f.annotation) if f.annotation is not None else []:
                    if isinstance(t, OpaqueT) and t.name not in _WIRE_OPAQUE or \
                            isinstance(t, FuncT):  # a function value: no wire form either
                        return True
                    inner = self.mod.cls(t.name) if isinstance(t, ClassT) and not t.enum else None
                    if inner is None or fam.root(inner.name) in seen:
                        continue
                    root = fam.root(inner.name)
                    family = [self.mod.cls(x) for x in fam.members(root)]
                    if self.holds_library_object([x for x in family if x is not None], seen):
                        return True
        return False

    def decodes(self, c: ir.ClassDef, shared: bool) -> bool:
        """Whether `c`'s struct has `Decode`: a family's struct, or a class holding one,
        when the class crosses the ABI (its type has a manifest form: every field
        decodes); any other class as always."""
        try:
            manifest_type(ClassT(c.name), class_shapes(self.mod))
            return True
        except (ValueError, RecursionError):
            return not shared and not self.holds_family(c, set())

    def qualname(self, c: ir.ClassDef) -> str:
        return f"{self.mod.name}.{c.name}"

    def record(self, c: ir.ClassDef, members: list[ir.ClassDef], name: str, ty: str,
               arms: Callable[[Callable[[ir.ClassDef], str], str], list[str]], shared: bool
               ) -> list[str]:
        """The ABI form of an instance: a PCV tuple of its class's fields (docs/abi.md); an
        object of a family, the tuple `(its class's name, that record)`."""
        def encode_of(m: ir.ClassDef) -> str:
            head = f"pcrt::encode_family_header({_rs(m.name)}, out); " if shared else ""
            if not m.fields:  # `|o| {}` would leave `o` unused
                return "{ " + head + "pcrt::encode_record_header(0, out); }"
            return ("{ " + head + "pcrt::encode_record_header(" + str(len(m.fields)) +
                    ", out); self.get(|o| {" + "".join(
                        f" pcrt::abi::Encode::encode(&o.{_field(f.name)}, out);"
                        for f in m.fields) + " }); }")

        def decode_of(m: ir.ClassDef, indent: str) -> list[str]:
            """The object of class `m` read from its record (the family's other fields
            keep their defaults, as a new object's do before `__init__`)."""
            out = [(f"{indent}pcrt::decode_record_header(r, {len(m.fields)}, "
                    "Self::type_name)?;"),
                   f"{indent}Ok({instance_handle(c.name)}::new({name} {{"]
            if shared:
                tag = Families(self.mod).tag_enum(c.name)
                out.append(f"{indent}    {TAG_FIELD}: {tag}::{_variant(m.name)},")
            for f in m.fields:
                out.append(f"{indent}    {_field(f.name)}: pcrt::decode_field(r, "
                           f"{_rs(f.name)})?,")
            if shared:
                out.append(f"{indent}    ..Default::default()")
            return out + [f"{indent}}}))"]

        out = [f"impl pcrt::abi::Encode for {ty} {{",
               "    fn encode(&self, out: &mut pcrt::abi::Writer) {"]
        out += arms(encode_of, "        ")
        out += ["    }", "}", ""]
        if not self.decodes(c, shared):
            return out
        out.append(f"impl pcrt::abi::Decode for {ty} {{")
        if shared:
            out.append("    #[allow(clippy::needless_update, reason = \"a class may have "
                       "every field of its family\")]")
        out.append("    fn decode(r: &mut pcrt::abi::Reader<'_>) -> Result<Self, "
                   "pcrt::abi::DecodeError> {")
        if not shared:
            out += decode_of(c, "        ")
        else:
            out.append("        match pcrt::decode_family_header(r, Self::type_name)?.as_str() {")
            for m in members:
                out.append(f"            {_rs(m.name)} => {{")
                out += decode_of(m, "                ")
                out.append("            }")
            out.append("            other => Err(pcrt::unknown_family_class(other, "
                       "Self::type_name)),")
            out.append("        }")
        out += ["    }",
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
        out.append("            _ => Err(pcrt::PyErr::key_error_of(n)),")
        out.append("        }")
        out.append("    }")
        out.append("}")
        out.append("")
        # CPython hashes an IntEnum member as its int, a str enum's as its value, an Enum
        # member as its name (a str: randomized per process)
        hash_value = "pcrt::py_hash_int(self.value())" if c.kind == "intenum" else \
            "pcrt::hasher_value(&self.value())" if c.str_enum else \
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
        if c.kind in ("intenum", "strenum"):
            out.append("        self.value().to_string()")
        else:
            out.append(f"        format!(\"{c.name}.{{}}\", self.name())")
        out.append("    }")
        out.append("}")
        out.append("")
        out.append(f"impl PartialOrd for {name} {{")
        out.append("    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {")
        if c.kind in ir.VALUE_ENUM_KINDS:
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


def class_shapes(mod: ir.Module) -> RecordFields:
    """What each class of `mod` is across the ABI (manifest_type's `records`)."""
    return {c.name: EnumShape(tuple(c.members()), c.kind)
            if c.is_enum
            else ClassShape([(f.name, f.annotation) for f in c.fields
                             if f.annotation is not None], c.base)
            for c in mod.classes}


class Families:
    """The class families of a module: a class and every class deriving from it, down
    from a root class without a base, share one Rust struct (all their fields, plus the
    object's class in `TAG_FIELD`), so that a value typed with a class may hold an
    instance of any class deriving from it (docs/architecture.md, "Objects")."""

    def __init__(self, mod: ir.Module) -> None:
        self.classes = {c.name: c for c in mod.classes if not c.is_enum}

    def mro(self, name: str) -> list[str]:
        out = [name]
        c = self.classes.get(name)
        while c is not None and c.base is not None and c.base not in out:
            out.append(c.base)
            c = self.classes.get(c.base)
        return out

    def root(self, name: str) -> str:
        return self.mro(name)[-1]

    def members(self, name: str) -> list[str]:
        """The classes of `name`'s family, in definition order (the root first)."""
        root = self.root(name)
        return [n for n in self.classes if self.root(n) == root]

    def shared(self, name: str) -> bool:
        return name in self.classes and len(self.members(name)) > 1

    def tag_enum(self, name: str) -> str:
        return rust_class_tag(self.root(name))

    def variant(self, name: str) -> str:
        return rust_ident(name)

    def new_fields(self, name: str) -> str:
        """A new object's fields, before `__init__` (its class set, for a family)."""
        if not self.shared(name):
            return f"crate::{rust_class(name)}::default()"
        return (f"crate::{rust_class(name)} {{ {TAG_FIELD}: crate::{self.tag_enum(name)}::"
                f"{self.variant(name)}, ..Default::default() }}")

    def tag_test(self, obj: rir.RExpr, names: tuple[str, ...]) -> rir.RExpr:
        """`isinstance(obj, names)` for an object of a family: its class is one of them or
        derives from one."""
        hits = [n for n in self.classes if any(x in self.mro(n) for x in names)]
        if not hits:
            return rir.Code("false")
        tag = self.tag_enum(hits[0])
        pattern = " | ".join(f"crate::{tag}::{self.variant(n)}" for n in hits)
        return rir.MethodCall(obj, "get", (rir.Closure((("o", ""),), "", rir.Macro(
            "matches", (rir.Field(rir.Var("o"), TAG_FIELD), pattern))),))


def same_struct(a: Type, b: Type) -> bool:
    """Whether values of types `a` and `b` have one Rust type: the same up to classes of
    one family (a class converted to a class it derives from, checked by infer)."""
    match a, b:
        case ClassT(name=x, enum=False), ClassT(name=y, enum=False):
            return x != y
        case ListT(x), ListT(y):
            return same_struct(x, y)
        case OptionalT(x), OptionalT(y):
            return same_struct(x, y)
        case TupleT(xs), TupleT(ys) if len(xs) == len(ys):
            return any(same_struct(x, y) for x, y in zip(xs, ys)) and all(
                x == y or same_struct(x, y) for x, y in zip(xs, ys))
    return False


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
