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
from pathlib import Path

import tomlkit

from pycomp import cabi, ir, ndany
from pycomp.crate_files import format_rust, runtime_sources, sync_dir, write_if_changed
from pycomp.diagnostics import InternalError, Span
from pycomp.names import (
    export_symbol,
    rust_class,
    rust_const,
    rust_exception,
    rust_ident,
    rust_method,
)
from pycomp.numpy_blas import numpy_blas_libraries, numpy_blas_library
from pycomp.opslib import OpSpec
from pycomp.resources import template
from pycomp.rust import rir
from pycomp.rust.lower import FnLowerer, Val, dict_view_type, dict_views, str_list_views
from pycomp.rust.ownership import borrowed_params, mut_params
from pycomp.rust.printer import Printer, print_fn, print_lowered
from pycomp.types import (
    NONE,
    BoolT,
    FloatT,
    GenT,
    IntT,
    ListT,
    NdAnyT,
    NdArrayT,
    OpaqueT,
    RecordFields,
    StrT,
    Type,
    is_copy,
    manifest_type,
    per_thread,
    rust_type,
)

ABI_VERSION = 2
PYCOMP_VERSION = "0.1.0"

# The lints generated code is allowed to trip, each for a reason of shape (the
# code is otherwise `cargo clippy -D warnings` clean; tests/stages/test_emit.py).
CRATE_ALLOWS: tuple[tuple[str, str], ...] = (
    ("non_snake_case", "Python's names are kept"),
    ("non_upper_case_globals", "a module constant keeps its Python name (`tokenizer_K`)"),
    ("dead_code", "a helper function no entry point calls is still compiled"),
    ("unused_assignments", ("a variable Python assigns in several blocks is declared once at "
                           "the top of the function, with a default that may never be read")),
    ("unreachable_code", ("a function whose every path returns still ends with an error for "
                         "the paths Rust cannot see end")),
    ("clippy::nonminimal_bool", ("`not (a < b)` stays a negated comparison: it differs from "
                                "`a >= b` for NaN")),
    ("clippy::neg_cmp_op_on_partial_ord", "`not (a < b)` on floats, as Python wrote it"),
    ("clippy::same_item_push", "a loop appending one value is how Python fills a list"),
    ("clippy::unnecessary_mut_passed", ("an op that configures a resource takes it as "
                                       "`&mut`: the compiler tracks the change")),
    ("clippy::manual_range_contains", ("a chained comparison evaluates operand by operand, "
                                      "as Python does")),
    ("clippy::useless_conversion", ("op templates take iterators: a container passed to one "
                                   "is converted explicitly")),
    ("clippy::unnecessary_to_owned", "op templates take iterators of owned items"),
    ("clippy::unnecessary_unwrap", ("an optional narrowed by an `is None` test is read "
                                   "through `expect`")),
    ("clippy::assign_op_pattern", "`x op= y` goes through the op's template, `x = x op y`"),
    ("clippy::explicit_auto_deref", "module constants are read through their `LazyLock`"),
)


# The global allocator of a bundle's library: mimalloc (bench/kernels: string and
# dict kernels 1.2-1.7x faster than with the system allocator), with the system
# allocator behind it for what mimalloc cannot serve under an address-space limit
# (templates/runtime/alloc.rs). A cargo feature, turned on by `pycomp build` only:
# a Rust program depending on generated crates keeps its own allocator (two crates
# declaring one would not link).
BUNDLE_ALLOCATOR_FEATURE = "mimalloc"

# The GPU backends of llama.cpp a crate with a `Llama` model offers as its own
# features (`pycomp build --gpu NAME`; docs/client.md, "GPU"): each turns on
# the llama-cpp-2 crate's feature of that name, which has cmake build that
# backend into llama.cpp.
GPU_FEATURES = {"cuda": "llama-cpp-2/cuda", "metal": "llama-cpp-2/metal",
                "rocm": "llama-cpp-2/rocm", "vulkan": "llama-cpp-2/vulkan"}
BUNDLE_ALLOCATOR = (
    f'#[cfg(feature = "{BUNDLE_ALLOCATOR_FEATURE}")]',
    "#[global_allocator]",
    "static ALLOCATOR: pcrt::alloc::Allocator = pcrt::alloc::Allocator;",
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


def rust_fn_name(name: str) -> str:
    return rust_method(name) if "." in name else rust_ident(name)


def _rust_ident(name: str) -> str:
    return rust_ident(name)


class ModuleEmitter:
    def __init__(self, mod: ir.Module, source: str):
        self.mod = mod
        self.source_lines = source.splitlines()
        self.name = crate_name(mod.name)
        self._borrowed: dict[str, set[str]] = {}
        self._str_views: dict[str, dict[str, set[str]]] = {}
        self._dict_views: dict[str, dict[str, set[str]]] = {}
        self._called: set[str] | None = None  # the functions compiled code calls
        self._as_values: set[str] | None = None
        self._mut: dict[str, frozenset[str]] | None = None
        self.lazy_consts: set[str] = set()
        # lazily computed constants whose computation may raise: `LazyLock<PyResult<T>>`
        self.raising_consts: set[str] = set()
        self.features: list[str] = []
        self.file_name = Path(mod.file).name
        from pycomp.emit_classes import Families

        self.families = Families(mod)

    def source_line(self, n: int) -> str:
        if 1 <= n <= len(self.source_lines):
            return self.source_lines[n - 1].strip()
        return ""

    def borrowed_params(self, fn: ir.Function) -> set[str]:
        """The parameters `fn` takes by reference (decided by the lowering stage)."""
        if fn.name not in self._borrowed:
            # a dispatcher borrows its arrays and owns the rest (ndany.dispatcher_rust)
            self._borrowed[fn.name] = borrowed_params(fn) - self.mut_params(fn) \
                if not ndany.is_dispatcher(fn) \
                else {p.name for p in fn.params if isinstance(p.annotation, NdAnyT)}
        return self._borrowed[fn.name]

    def mut_params(self, fn: ir.Function) -> frozenset[str]:
        """The parameters `fn` takes by mutable reference (`&mut Vec<T>`: it changes the
        caller's object in place; decided by the lowering stage, `mut_params`)."""
        if self._mut is None:
            self._mut = mut_params(self.mod)
        return self._mut.get(fn.name, frozenset())

    def str_views(self, fn: ir.Function) -> dict[str, set[str]]:
        """The `list[str]` parameters `fn` takes as `&[&str]` views, with the names of
        their views (decided by the lowering stage, `str_list_views`)."""
        if self._as_values is None:
            self._as_values = {n.id for f in self.mod.functions for n in ir.walk(f.body)
                               if isinstance(n, ir.Name) and n.kind == "func"}
        if ndany.is_dispatcher(fn):
            return {}
        if fn.name not in self._str_views:
            self._str_views[fn.name] = str_list_views(fn, self.borrowed_params(fn),
                                                      self._as_values)
        return self._str_views[fn.name]

    def dict_views(self, fn: ir.Function) -> dict[str, set[str]]:
        """The `dict[str, T]` parameters `fn` reads as views of the argument buffer, with
        their nested views (decided by the lowering stage, `dict_views`)."""
        if self._as_values is None:
            self.str_views(fn)
        assert self._as_values is not None
        if ndany.is_dispatcher(fn):
            return {}
        if self._called is None:
            self._called = {n.func for n in ir.walk([self.mod.functions, self.mod.constants,
                                                     self.mod.setup])
                            if isinstance(n, ir.UserCall)}
        if fn.name not in self._dict_views:
            self._dict_views[fn.name] = dict_views(fn, self.borrowed_params(fn),
                                                   self._as_values | self._called)
        return self._dict_views[fn.name]

    def asset_name(self, path: str) -> str:
        for name, p in self.mod.assets:
            if p == path:
                return name
        raise InternalError(f"asset {path} was not recorded")

    def const_ref(self, rust: str, ty: Type) -> Val:
        if isinstance(ty, OpaqueT):
            raise InternalError("resource constants are read through ModuleEmitter.resource")
        if is_copy(ty):
            return Val(rir.Code(f"(*{rust})" if rust in self.lazy_consts else rust), "temp", ty)
        if isinstance(ty, StrT):
            return Val(rir.Code(rust), "ref", ty)
        return Val(rir.Code(f"(&*{rust})"), "ref", ty)

    def lib_rs(self) -> str:
        out = [f"//! {self.mod.doc.strip().splitlines()[0]}" if self.mod.doc else
               f"//! Compiled from `{Path(self.mod.file).name}` by pycomp.",
               "//!",
               (f"//! Generated by pycomp {PYCOMP_VERSION} from `{Path(self.mod.file).name}`; "
                "do not edit."),
               "//! The Python source line of each statement is in the comment above it.",
               *(f"#![allow({lint}, reason = {rust_str(why)})]" for lint, why in CRATE_ALLOWS),
               "",
               "pub mod ffi;",
               "#[macro_use]",
               "pub mod pcrt;",
               "",
               "/// The dict and set types of this crate's functions (`dict[K, V]`, `set[T]`):",
               "/// `indexmap` maps and sets with the runtime's hasher, `pcrt::DictHasher`.",
               "pub use pcrt::{IndexMap, IndexSet};",
               "",
               "/// A Python exception raised by compiled code: its class and message.",
               "pub use pcrt::PyErr as Error;",
               "",
               *BUNDLE_ALLOCATOR,
               ""]
        if "blas" in self.features:
            blas = numpy_blas_library() if uses_blas(self.mod) else None
            out.append("/// numpy's OpenBLAS, for float matrix products (empty: this crate "
                       "makes none); a bundle carries its own copy beside the compiled library.")
            out.append(f"pub(crate) const PCRT_BLAS_LIBRARY: &str = {rust_str(str(blas or ''))};")
            out.append("")
        if "onnx" in self.features:
            lib = onnxruntime_library()
            out.append("/// The ONNX Runtime library this crate was compiled against; a bundle "
                       "carries its own copy beside the compiled library.")
            out.append(f"pub(crate) const PCRT_ORT_LIBRARY: &str = {rust_str(str(lib or ''))};")
            out.append("")
        from pycomp.emit_classes import ClassEmitter

        out.extend(ClassEmitter(self.mod).emit())
        out.extend(self.exception_classes())
        for c in self.mod.constants:
            out.extend(self.constant(c))
        if "logging" in self.features:
            out.extend(self.logging_setup())
        for fn in self.mod.functions:
            if ndany.is_dispatcher(fn):
                out.append(self.dispatcher(fn))
            else:
                out.append(print_fn(self.lower_fn(fn)))
            out.append("")
        return "\n".join(out)

    def dispatcher(self, fn: ir.Function) -> str:
        """An entry with `np.ndarray` parameters: a `match` on the arrays' dtypes."""
        names = {f.name: f for f in self.mod.functions}
        copies = {n: names[n] for n in ndany.copy_names(fn) if n in names}
        return ndany.dispatcher_rust(fn, copies, self.borrowed_params, self.str_views,
                                     rust_fn_name, _rust_ident)

    def exception_classes(self) -> list[str]:
        """One `pcrt::UserExc` static per exception class of the module: its kind is the
        static's address, its base a builtin kind or another class's static."""
        out = []
        for x in self.mod.exceptions:
            base = f"pcrt::ExcKind::User(&{rust_exception(x.base)})" \
                if self.mod.exception(x.base) is not None else f"pcrt::ExcKind::{x.base}"
            fields = self.mod.exception_fields(x.name)
            encoder = "None"
            if fields is not None and x.state is not None:
                encoder = f"Some({rust_exception(x.name)}_fields)"
                writes = "".join(f" pcrt::abi::Encode::encode(&o.{rust_ident(f)}, out);"
                                 for f, _ in fields)
                out.append(f"/// The fields a raised `{x.name}` carries to the host (the "
                           "manifest's `exceptions` entry).")
                out.append(f"fn {rust_exception(x.name)}_fields(fields: &dyn std::any::Any, "
                           "out: &mut pcrt::abi::Writer) {")
                out.append(f"    pcrt::encode_exc_fields::<{rust_class(x.state)}>(fields, out, "
                           f"|o, out| {{ pcrt::encode_record_header({len(fields)}, out);"
                           f"{writes} }});")
                out.append("}")
                out.append("")
            out.append(f"/// The exception class `{x.name}({x.base})`.")
            out.append(f"pub static {rust_exception(x.name)}: pcrt::UserExc = pcrt::UserExc "
                       f"{{ name: {rust_str(x.name)}, base: {base}, fields: {encoder} }};")
            out.append("")
        return out

    def lower_fn(self, fn: ir.Function) -> rir.Fn:
        return FnLowerer(self, fn).lower()

    def constant(self, c: ir.Constant) -> list[str]:
        t = c.annotation
        assert t is not None
        rust = rust_const(c.name)
        fe = FnLowerer(self, ir.Function("<const>", (), t, (), None, c.span, False))
        fe.catch.append(None)
        show = Printer().expr
        if isinstance(t, OpaqueT):
            return self.resource(c, rust, t, fe)
        if per_thread(t):
            return self.per_thread(c, rust, t, fe)
        if isinstance(c.value, ir.Const) and (is_copy(t) or isinstance(t, StrT)):
            code = show(fe.expr(c.value).node)
            rt = "&str" if isinstance(t, StrT) else rust_type(t)
            return [f"// py: {self.source_line(c.span.line)}", f"const {rust}: {rt} = {code};",
                    ""]
        v = fe.expr(c.value)
        body = show(fe.owned(v))
        self.lazy_consts.add(rust)
        rt = rust_type(t)
        lines = [f"// py: {self.source_line(c.span.line)}"]
        if "?" in body:
            # CPython fails at import; compiled code raises the same exception at each
            # use, as a resource's creation error (FnLowerer reads it with `?`)
            self.raising_consts.add(rust)
            lines.append(f"static {rust}: std::sync::LazyLock<pcrt::PyResult<{rt}>> = "
                         f"std::sync::LazyLock::new(|| -> pcrt::PyResult<{rt}> {{ Ok({body}) }});")
        else:
            lines.append(f"static {rust}: std::sync::LazyLock<{rt}> = "
                         f"std::sync::LazyLock::new(|| {body});")
        lines.append("")
        return lines

    def per_thread(self, c: ir.Constant, rust: str, t: Type, fe: FnLowerer) -> list[str]:
        """A module-level value holding class instances (`Rc`): built on first use in each
        thread; an exception its construction raises is raised at each use, as a
        resource's is. Functions only read it (E050), so every copy stays as built."""
        rt = rust_type(t)
        value = fe.owned(fe.expr(c.value))
        if isinstance(value, rir.Try) and value.label is None:  # `OTHER = VOCAB`
            init = Printer().expr(value.value)
        else:
            init = f"(|| -> pcrt::PyResult<{rt}> {{ Ok({Printer().expr(value)}) }})()"
        doc = f"/// `{c.name}`: built on first use in each thread (an instance stays on it)."
        return [f"// py: {self.source_line(c.span.line)}", "thread_local! {", f"    {doc}",
                f"    static {rust}: pcrt::PyResult<{rt}> = {init};", "}", ""]

    def logging_setup(self) -> list[str]:
        """`PC_LOGGING`, the program's logging state the logging ops read (opslib/
        logging.toml), and `pc_logging_setup`, the module's top-level `logging` statements
        (`basicConfig`, `logger.setLevel`) it runs before the module's first logging
        call, as CPython runs them at import (templates/runtime_optional/logging.rs)."""
        span = Span(self.mod.file, 1, 1, 1, 1)
        fe = FnLowerer(self, ir.Function("<setup>", (), NONE, (), None, span, False))
        fe.catch.append(None)
        body = []
        for st in self.mod.setup:
            if isinstance(st.value, ir.OpCall) and st.value.op.file == "logging.toml":
                body.append(f"        // py: {self.source_line(st.span.line)}")
                body.append(f"        {Printer().expr(fe.opcall(st.value, {}))};")
        return ["/// The program's logging state (levels, the root handler), set up by",
                "/// `pc_logging_setup` before its first use.",
                "pub(crate) static PC_LOGGING: pcrt::Logging = pcrt::Logging::new(pc_logging_setup);",
                "",
                "/// The module's top-level `logging` statements, in source order.",
                "fn pc_logging_setup() {",
                "    let _ = (|| -> pcrt::PyResult<()> {", *body, "        Ok(())", "    })();",
                "}", ""]

    def resource(self, c: ir.Constant, rust: str, t: OpaqueT, fe: FnLowerer) -> list[str]:
        """A module-level resource: created once, on first use, shared by every thread."""
        rt = rust_type(t)
        lines = [f"// py: {self.source_line(c.span.line)}"]
        show = Printer().expr
        body = [f"let mut value: {rt} = {show(fe.expr(c.value).node)};"]
        for st in self.mod.setup:
            call = st.value
            assert isinstance(call, ir.OpCall)
            if call.op.file == "logging.toml":
                continue  # pc_logging_setup runs it
            recv = dict(call.args)["self"]
            if isinstance(recv, ir.Name) and recv.id == c.name:
                body.append(f"// py: {self.source_line(st.span.line)}")
                body.append(f"{show(fe.opcall(call, {'self': rir.Code('&mut value')}))};")
        if len(body) == 1:
            body[0] = body[0].replace("let mut value", "let value", 1)
        lines.append(f"/// `{c.name}`: created on first use, shared by every thread.")
        lines.append(f"static {rust}: std::sync::LazyLock<pcrt::PyResult<{rt}>> = "
                     f"std::sync::LazyLock::new(|| -> pcrt::PyResult<{rt}> {{")
        lines.extend(f"    {b}" for b in body)
        lines.append("    Ok(value)")
        lines.append("});")
        lines.append("")
        return lines

    # ------------------------------------------------------------ the ABI

    def exception_entry(self, x: ir.ExceptionDef, records: RecordFields) -> dict[str, object]:
        """The manifest's `exceptions` entry of `x`: its name, its base, and the fields a
        raised one carries (the error's third element, docs/abi.md)."""
        entry: dict[str, object] = {"name": x.name, "base": x.base}
        fields = self.mod.exception_fields(x.name)
        if fields is not None:
            entry["fields"] = [{"name": f, "type": manifest_type(t, records)} for f, t in fields]
        return entry

    def manifest(self) -> dict[str, object]:
        from pycomp.emit_classes import class_shapes

        records = class_shapes(self.mod)
        functions = []
        for fn in self.mod.functions:
            if not fn.is_entry:
                continue
            params = []
            for p in fn.params:
                assert p.annotation is not None
                entry: dict[str, object] = {"name": p.name, "type": manifest_type(p.annotation, records)}
                if p.kind in ("kwonly", "posonly"):  # how a host's call binds it
                    entry["kind"] = p.kind
                if p.default is not None and isinstance(p.default, (ir.Const, ir.Coerce)):
                    dv = p.default.value if isinstance(p.default, ir.Const) else (
                        p.default.value.value if isinstance(p.default.value, ir.Const) else None)
                    if isinstance(p.annotation, FloatT) and isinstance(dv, int):
                        dv = float(dv)
                    if isinstance(dv, float) and (math.isnan(dv) or math.isinf(dv)):
                        entry["default"] = {"float": repr(dv)}
                    elif isinstance(dv, bytes):
                        entry["default"] = {"bytes": dv.hex()}
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
        if self.mod.exceptions:
            extra["exceptions"] = [self.exception_entry(x, records) for x in self.mod.exceptions]
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
        out = [common.rstrip(), "", "use crate::pcrt;",
               "#[allow(unused_imports, reason = \"a module uses these map types or not\")]",
               "use crate::{IndexMap, IndexSet};", ""]
        for fn in self.mod.functions:
            if not fn.is_entry:
                continue
            borrowed = self.borrowed_params(fn)
            views = self.str_views(fn)
            dviews = self.dict_views(fn)
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
                out.append(f"            {ffi_param_decode(p.name, p.annotation, p.name in borrowed, p.name in views, p.name in dviews)}")
                view = p.name in borrowed and isinstance(p.annotation, StrT)
                call_args.append(f"&{_rust_ident(p.name)}" if p.name in borrowed and not view
                                 else _rust_ident(p.name))
            out.append(f"            Ok(crate::{rust_fn_name(fn.name)}({', '.join(call_args)})?)")
            out.append("        })")
            out.append("    }")
            out.append("}")
            out.append("")
            if cabi.typed_symbol(self.name, fn) is not None:
                out.extend(cabi.typed_entry(self.name, fn, borrowed, set(views),
                                            rust_fn_name(fn.name)))
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
        deps["foldhash"] = "=0.2.0"
        deps["stacker"] = "0.1"
        mimalloc = tomlkit.inline_table()
        # local-dynamic TLS: a library with initial-exec TLS fails to dlopen once a
        # process has loaded a few of them (glibc's static TLS surplus runs out)
        mimalloc.update({"version": "=0.1.52", "default-features": False,
                         "features": ["local_dynamic_tls"], "optional": True})
        deps["mimalloc"] = mimalloc
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
        if "llama" in self.features:
            # llama.cpp is built by cmake in Release mode whatever the cargo
            # profile: a debug build of it is too slow to run a model.
            dev = tomlkit.table()
            pkgs = tomlkit.table()
            sys_ = tomlkit.table()
            sys_["opt-level"] = 3
            sys_["debug"] = False
            pkgs["llama-cpp-sys-2"] = sys_
            dev["package"] = pkgs
            prof["dev"] = dev
        doc["profile"] = prof
        if "llama" in self.features:
            # llama.cpp on a GPU: the llama-cpp-2 crate's backends, turned on
            # by `pycomp build --gpu NAME` (or a Rust user's `features`).
            feats = tomlkit.table()
            for name, crate_feature in GPU_FEATURES.items():
                feats[name] = [crate_feature]
            doc["features"] = feats
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


def ffi_param_decode(name: str, ty: Type, borrowed: bool, str_view: bool = False,
                     dict_view: bool = False) -> str:
    """The `let` of an entry point reading parameter `name` from the argument
    buffer: a borrowed `str` or packed list, a `list[str]` the function takes as
    `&[&str]` (`str_view`) or a `dict[str, T]` it takes as `&IndexMap<&str, T>`
    (`dict_view`), is a view into the buffer (the function only reads it),
    anything else an owned decoded value."""
    rust = _rust_ident(name)
    if str_view:
        return f"let {rust}: Vec<&str> = __pcv.next_strs({rust_str(name)})?;"
    if dict_view:
        return f"let {rust}: {dict_view_type(ty)} = __pcv.next_view({rust_str(name)})?;"
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
    "npkern32": {},  # numpy's float32 ufunc kernels: always with "nd"
    "npkern64": {},  # numpy's float64 ufunc kernels: always with "nd"
    "assets": {"libc": "0.2"},
    # numpy's OpenBLAS, loaded at run time, for float matrix products (blas.rs)
    "blas": {},
    "tok": {"tokenizers": {"version": "=0.23.1", "default-features": False,
                           "features": ["onig", "esaxx_fast"]},
            "rayon": "1"},
    "onnx": {"ort": {"version": "=2.0.0-rc.15", "default-features": False,
                     "features": ["std", "ndarray", "load-dynamic", "api-17"]}},
    "random": {"rand_mt": {"version": "=6.1.0", "default-features": False}},
    "nprandom": {},  # numpy.random's Generator (PCG64): needs "nd" only
    "re": {"fancy-regex": "=0.14.0"},
    "statistics": {"num-bigint": "0.4", "num-integer": "0.1", "num-traits": "0.2"},
    "unicodedata": {"unicode-normalization": "=0.1.26"},
    "b64": {"base64": "0.22"},  # the base64 module
    "hashlib": {"md-5": "0.10", "sha1": "0.10", "sha2": "0.10"},
    "textwrap": {},  # runs its patterns on "re"
    "logging": {},
    # llama.cpp from the crate's vendored sources: CPU only, no OpenMP (see
    # build.py's LLAMA_CPP_ENV); llama-cpp-sys-2 with its default features, as
    # llama-cpp-2 asks for it, so both name one build.
    "llama": {"llama-cpp-2": {"version": "=0.1.160", "default-features": False},
              "llama-cpp-sys-2": "=0.1.161",
              "minijinja": "2",
              "minijinja-contrib": {"version": "2", "features": ["pycompat"]}},
}


# The optional runtime module holding each library object's Rust type; the others (a lock,
# a path, a text file, a Template, os.environ, CacheInfo) are the core runtime's.
OPAQUE_FEATURES = {"InferenceSession": "onnx", "NodeArg": "onnx", "SessionOutputs": "onnx",
                   "Llama": "llama", "Generator": "nprandom", "Random": "random",
                   "Pattern": "re", "Match": "re", "HASH": "hashlib", "Logger": "logging",
                   "Tokenizer": "tok", "Encoding": "tok", "NdIx": "nd"}


def runtime_features(mod: ir.Module) -> list[str]:
    """Which optional runtime modules the typed module needs."""
    return [k for k in OPTIONAL_RUNTIME if k in scan_features(mod)]


def uses_blas(mod: ir.Module) -> bool:
    """Whether the module calls an op numpy computes with OpenBLAS (`OpSpec.calls_blas`)."""
    return "blas-library" in scan_features(mod)


def scan_features(mod: ir.Module) -> set[str]:
    """The optional runtime modules the typed module needs, and "blas-library"
    when it calls one (`OpSpec.calls_blas`)."""
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
        elif isinstance(node, OpaqueT) and node.name in OPAQUE_FEATURES:
            found.add(OPAQUE_FEATURES[node.name])
        elif isinstance(node, ir.OpCall):
            stem = Path(node.op.file).stem
            if stem == "numpy":
                found.add("nd")
                if node.op.calls_blas:
                    found.add("blas-library")
            elif stem in ("tokenizers", "onnxruntime"):
                found.add("tok" if stem == "tokenizers" else "onnx")
            elif stem in ("random", "re", "statistics", "unicodedata", "hashlib",
                          "textwrap", "logging"):
                found.add(stem)
            elif stem == "base64":
                found.add("b64")
            elif stem == "nprandom":
                found.add("nprandom")
            elif stem == "llama_cpp":
                found.add("llama")
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
    if "textwrap" in found:
        found.add("re")
    if "nprandom" in found:
        found.add("nd")  # choice/permutation draw from arrays
    if "llama" in found:
        found |= {"assets", "random"}  # llama.rs seeds sampling as Python's random does
    if "nd" in found:
        found |= {"blas", "assets"}  # float matrix products call numpy's OpenBLAS
        found.add("npkern32")  # nd.rs's float32 ufuncs
        found.add("npkern64")  # nd.rs's float64 ufuncs
    return found


def onnxruntime_library() -> Path | None:
    """The ONNX Runtime shared library of the installed `onnxruntime` wheel."""
    import importlib.util

    spec = importlib.util.find_spec("onnxruntime")
    if spec is None or spec.origin is None:
        return None
    libs = sorted((Path(spec.origin).parent / "capi").glob("libonnxruntime.so.*"))
    return libs[-1] if libs else None


def lowered_text(mod: ir.Module, source: str) -> str:
    """Every function's lowered IR (`pycomp trace --lowered`), ownership spelled out."""
    em = ModuleEmitter(mod, source)
    return "\n\n".join(em.dispatcher(fn) if ndany.is_dispatcher(fn)
                       else print_lowered(em.lower_fn(fn)) for fn in mod.functions) + "\n"


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
    blas = [str(p) for p in numpy_blas_libraries()] if uses_blas(mod) else []
    write_if_changed(out_dir / "bundle-files.json", json.dumps(
        {"assets": files, "onnxruntime": str(ort) if ort else None, "blas": blas}, indent=2))
    return manifest


__all__ = ["ABI_VERSION", "OpSpec", "crate_name", "emit_crate"]
