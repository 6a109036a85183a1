"""Typed C entry points (docs/abi.md, "Typed entry points").

Beside the generic `P_call_F` (arguments and result in the value encoding),
a function whose parameters and result are flat gets `P_F`, taking plain C
values and writing its result to `*out` and its error to `*err`:

    int32_t embed_embed(const char *const *texts, size_t n_texts,
                        pycomp_tensor_f32 *out, pycomp_error *err);

This module decides which types are flat, how each crosses, and writes the
Rust of those entry points into `src/ffi.rs` (cbindgen turns them into the
header, doc comments included). The runtime side is `pcrt::cabi`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pycomp import ir
from pycomp.names import rust_ident
from pycomp.names import typed_symbol as c_symbol
from pycomp.types import (
    BoolT,
    BytesT,
    FloatT,
    IntT,
    ListT,
    NdArrayT,
    NoneT,
    StrT,
    Type,
    rust_type,
)

# The symbols of ffi_common.rs after the crate prefix: a typed entry point
# named like one of them is not generated.
FIXED_SYMBOLS = {
    "abi_version", "manifest", "free_buffer", "last_error_class", "last_error_message",
    "trust_next_args",
    "iter_next", "iter_free",
    "error_free", "string_free", "strings_free",
    *(f"tensor_{t}_{what}" for t in ("f32", "f64", "i32", "i64", "bool")
      for what in ("free", "to_dlpack")),
}

# ndarray dtypes: (Rust element type, C tensor suffix, pycomp_view dtype code).
DTYPES = {"float32": ("f32", "f32", 1), "float64": ("f64", "f64", 2), "int32": ("i32", "i32", 3),
          "int64": ("i64", "i64", 4), "bool": ("bool", "bool", 5)}
# Packed list items: (Rust element, C element, tensor suffix).
LIST_ITEMS: dict[type, tuple[str, str, str]] = {
    FloatT: ("f64", "double", "f64"), IntT: ("i64", "int64_t", "i64"), BoolT: ("bool", "bool", "bool"),
}
# C's keywords (C23) and the names pycomp.h's types use: a parameter so named
# gets a `_` in the typed entry point.
C_KEYWORDS = frozenset({
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
    "typedef", "union", "unsigned", "void", "volatile", "while", "alignas", "alignof", "bool",
    "constexpr", "false", "nullptr", "static_assert", "thread_local", "true", "typeof",
    "typeof_unqual", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
    "uint32_t", "uint64_t", "size_t", "NULL",
})
SCALARS: dict[type, tuple[str, str]] = {IntT: ("i64", "int64_t"), FloatT: ("f64", "double"),
                                        BoolT: ("bool", "bool")}


@dataclass(frozen=True, slots=True)
class CParam:
    """How one parameter crosses: its C parameters (Rust spelling), the
    statement turning them into a Rust value, the call argument, and its doc."""

    params: tuple[str, ...]
    decode: str | None
    arg: str
    doc: str


def python_signature(fn: ir.Function) -> str:
    params = ", ".join(f"{p.name}: {p.annotation}" for p in fn.params)
    return f"{fn.name}({params}) -> {fn.returns}"


def c_param(name: str, rust: str, ty: Type, borrowed: bool, str_view: bool = False,
            ) -> CParam | None:
    """The C form of parameter `name` (Rust identifier `rust`) of type `ty` (a
    `list[str]` taken as `&[&str]` when `str_view`)."""
    quoted = f'"{name}"'
    if type(ty) in SCALARS:
        r, c = SCALARS[type(ty)]
        return CParam((f"{rust}: {r}",), None, rust, f"`{c}`, by value")
    if isinstance(ty, StrT):
        return CParam(
            (f"{rust}: *const ::std::ffi::c_char",),
            f"let {rust}: &str = pcrt::cabi::str_arg({rust}, {quoted})?;",
            rust if borrowed else f"{rust}.to_owned()",
            "a NUL-terminated UTF-8 string, borrowed for the call")
    if isinstance(ty, BytesT):
        return CParam(
            (f"{rust}: *const u8", f"n_{rust}: usize"),
            f'let {rust}: &[u8] = pcrt::cabi::slice_arg({rust}, n_{rust}, {quoted}, "bytes")?;',
            f"pcrt::Bytes::from({rust})",
            f"`n_{name}` bytes, borrowed for the call")
    if isinstance(ty, ListT) and isinstance(ty.item, StrT):
        decode = (f"let {rust}: Vec<&str> = pcrt::cabi::str_list_ref_arg" if str_view
                  else f"let {rust}: Vec<String> = pcrt::cabi::str_list_arg")
        return CParam(
            (f"{rust}: *const *const ::std::ffi::c_char", f"n_{rust}: usize"),
            f"{decode}({rust}, n_{rust}, {quoted})?;",
            f"&{rust}" if borrowed else rust,
            f"`n_{name}` NUL-terminated UTF-8 strings, borrowed for the call")
    if isinstance(ty, ListT) and type(ty.item) in LIST_ITEMS:
        r, c, _ = LIST_ITEMS[type(ty.item)]
        return CParam(
            (f"{rust}: *const {r}", f"n_{rust}: usize"),
            f"let {rust}: &[{r}] = pcrt::cabi::slice_arg({rust}, n_{rust}, {quoted}, "
            f'"{ty}")?;',
            rust if borrowed else f"{rust}.to_vec()",
            f"`n_{name}` `{c}` items, borrowed for the call")
    if isinstance(ty, NdArrayT) and isinstance(ty.dtype, str) and ty.dtype in DTYPES:
        ndim = f"Some({ty.ndim})" if isinstance(ty.ndim, int) else "None"
        return CParam(
            (f"{rust}: *const pcrt::cabi::pycomp_view",),
            f"let {rust}: {rust_type(ty)} = pcrt::nd_view_arg({rust}, {quoted}, {ndim})?;",
            f"&{rust}" if borrowed else rust,
            f"a `pycomp_view` of {DTYPES[ty.dtype][2]} ({ty.dtype}) items, C-contiguous, "
            "borrowed for the call")
    return None


def c_result(ty: Type) -> tuple[str, str] | None:
    """The Rust spelling of the `out` pointer for a result of type `ty`, and
    what the caller does with it; ("", "") for None (no `out`)."""
    if isinstance(ty, NoneT):
        return ("", "")
    if type(ty) in SCALARS:
        r, c = SCALARS[type(ty)]
        return (f"*mut {r}", f"`*out` receives the `{c}` result")
    if isinstance(ty, StrT):
        return ("*mut pcrt::cabi::pycomp_string",
                "`*out` receives the string, owned by the caller: free it with `{p}_string_free`")
    if isinstance(ty, BytesT):
        return ("*mut pcrt::cabi::pycomp_string",
                ("`*out` receives the bytes (`data`, `len`, then a NUL byte), owned by the "
                 "caller: free them with `{p}_string_free`"))
    if isinstance(ty, ListT) and isinstance(ty.item, StrT):
        return ("*mut pcrt::cabi::pycomp_strings",
                ("`*out` receives the strings, owned by the caller: free them with "
                "`{p}_strings_free`"))
    tensor = None
    if isinstance(ty, ListT) and type(ty.item) in LIST_ITEMS:
        tensor = LIST_ITEMS[type(ty.item)][2]
    if isinstance(ty, NdArrayT) and isinstance(ty.dtype, str) and ty.dtype in DTYPES:
        tensor = DTYPES[ty.dtype][1]
    if tensor is None:
        return None
    return (f"*mut pcrt::cabi::pycomp_tensor_{tensor}",
            (f"`*out` receives the tensor (16-byte aligned, C-contiguous, shape and strides), "
            f"owned by the caller: free it with `{{p}}_tensor_{tensor}_free`, or move it to "
            f"DLPack with `{{p}}_tensor_{tensor}_to_dlpack`"))


def typed_symbol(prefix: str, fn: ir.Function) -> str | None:
    """The typed entry point's symbol, or None if the function has none."""
    if rust_ident(fn.name) in FIXED_SYMBOLS or fn.name.startswith("call_"):
        return None
    if fn.returns is None or c_result(fn.returns) is None:
        return None
    for p in fn.params:
        if p.annotation is None or c_param(p.name, p.name, p.annotation, True) is None:
            return None
    if c_idents(fn) is None:
        return None
    return c_symbol(prefix, fn.name)


def c_idents(fn: ir.Function) -> dict[str, str] | None:
    """The typed entry point's parameter names (valid in Rust and in C), or
    None when two of its C parameters (with the `n_` lengths) would clash."""
    idents = {}
    seen: set[str] = set()
    for p in fn.params:
        name = rust_ident(p.name)
        if name in C_KEYWORDS:
            name += "_"
        idents[p.name] = name
        for c in (name, f"n_{name}"):
            if c in seen:
                return None
            seen.add(c)
    return idents


def typed_entry(prefix: str, fn: ir.Function, borrowed: set[str], str_views: set[str],
                rust_fn: str) -> list[str]:
    """The Rust of the typed entry point of `fn` (which `typed_symbol` allows);
    `str_views` are its `list[str]` parameters taken as `&[&str]`."""
    assert fn.returns is not None
    rust_idents = c_idents(fn)
    assert rust_idents is not None
    params = []
    for p in fn.params:
        assert p.annotation is not None
        cp = c_param(p.name, rust_idents[p.name], p.annotation, p.name in borrowed,
                     p.name in str_views)
        assert cp is not None
        params.append((p, cp))
    result = c_result(fn.returns)
    assert result is not None
    out_ty, out_doc = result
    taken = {rust_idents[p.name] for p in fn.params} | {f"n_{rust_idents[p.name]}"
                                                          for p in fn.params}
    out_name = "out" if "out" not in taken else "pycomp_out"
    err_name = "err" if "err" not in taken else "pycomp_err"
    # cbindgen copies these lines into a C block comment, which `*/` would end.
    doc = (fn.doc or "").replace("*/", "* /").strip().splitlines()
    lines = [f"/// `{python_signature(fn)}`" + (f": {doc[0].strip()}" if doc else "")]
    if len(doc) > 1:
        lines.append("///")
        lines += [f"/// {d}".rstrip() for d in _dedent(doc[1:])]
    lines.append("///")
    lines.append("/// Ownership:")
    for p, cp in params:
        names = ", ".join(f"`{n.split(':')[0]}`" for n in cp.params)
        lines.append(f"/// - {names} (`{p.name}: {p.annotation}`): {cp.doc}.")
    if out_ty:
        lines.append(f"/// - `{out_name}`: on success, {out_doc.format(p=prefix)}.")
    lines.append(f"/// - `{err_name}`: NULL, or on failure receives the status, Python exception "
                 f"class and message, owned by the caller: free them with `{prefix}_error_free`.")
    lines.append("///")
    lines.append("/// Returns 0 on success, else the status: 1 the Python code raised, 2 a bad "
                 "argument, 3 an internal error (docs/abi.md).")
    lines.append("///")
    lines.append("/// # Safety")
    lines.append("///")
    lines.append("/// Every pointer must be NULL or valid as described above.")
    lines.append("#[unsafe(no_mangle)]")
    c_params = [c for _, cp in params for c in cp.params]
    if out_ty:
        c_params.append(f"{out_name}: {out_ty}")
    c_params.append(f"{err_name}: *mut pcrt::cabi::pycomp_error")
    lines.append(f"pub unsafe extern \"C\" fn {c_symbol(prefix, fn.name)}({', '.join(c_params)}) "
                 "-> i32 {")
    lines.append("    // SAFETY: the caller upholds the contract documented above.")
    lines.append("    unsafe {")
    out_arg = out_name if out_ty else "std::ptr::null_mut()"
    lines.append(f"        pcrt::cabi::typed_entry({out_arg}, {err_name}, || {{")
    for _, cp in params:
        if cp.decode:
            lines.append(f"            {cp.decode}")
    call = f"crate::{rust_fn}({', '.join(cp.arg for _, cp in params)})"
    lines.append(f"            Ok({call}?)")
    lines.append("        })")
    lines.append("    }")
    lines.append("}")
    lines.append("")
    return lines


def _dedent(lines: list[str]) -> list[str]:
    import textwrap

    return textwrap.dedent("\n".join(lines)).splitlines()
