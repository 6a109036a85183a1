"""names: how a Python name is spelled in the generated Rust and C, decided here only.

A user's name must never resolve to something of Rust's (`Ok`, `Vec`, `drop`,
a keyword), of the runtime's (`pcrt`, `Error`) or of the generated code's
(`__pc_t1`), and two different Python names must never become one Rust name.
Every emitter spells names through the functions below.

The spellings fall into disjoint classes, so the mapping is injective:

- `rust_ident`: an ASCII name that is neither reserved nor ends in `_` nor
  starts with a reserved prefix is kept as it is (it does not end in `_`);
  any other ASCII name gets one `_` appended (it ends in `_`); a non-ASCII
  name is escaped to `__pcu_…` (ASCII, starts with a reserved prefix, never
  ends in `_`).
- `rust_const`: module constants live in Rust statics, which a `let` may not
  shadow, so they get their own class: `rust_ident(name) + "_K"`. Names the
  first class would leave alone never end in `_K` (those are reserved). A class
  constant `Class.NAME` is `__pcc`, then `_<length><part>` per part, then `_K`.
- `rust_class`: a class is a Rust struct or enum, in Rust's type namespace, where
  no function, local or static lives; it is spelled as `rust_ident` spells it.
- `rust_method`: the function of method `Class.method` (or `Class.Base.method`,
  an inherited method's copy): `__pcm`, then `_<length><part>` for each
  `rust_ident`-spelled part, then `_M`. It starts with a reserved prefix
  (`__pcm`, never `__pcu` or `__pcc`) and never ends in `_`, so it meets no other
  class; the lengths make it injective.
- `rust_class_tag`: the enum of the classes of one family (classes sharing a
  struct), `__pct_<length><root>_T`: a type name with the reserved prefix that no
  `rust_class` keeps.
- `export_symbol`: the C symbol of an entry point, ASCII by construction; it
  is recorded in the manifest, which is how every loader finds it.
- `typed_symbol`: the C symbol of a typed entry point (docs/abi.md), the same
  without `_call`; cabi.py keeps it apart from the bundle's fixed symbols and
  from every `export_symbol` (it never starts with `call_`).
"""

from __future__ import annotations

import unicodedata

# Strict, reserved and weak keywords of Rust 2024 (the reference's "Keywords").
RUST_KEYWORDS = frozenset({
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof",
    "unsized", "virtual", "yield",
    "union", "macro_rules", "raw", "safe", "_",
})

# Everything std's 2024 prelude brings into scope, the primitive types, and the
# crates of the extern prelude a generated crate can depend on.
RUST_PRELUDE = frozenset({
    "Copy", "Send", "Sized", "Sync", "Unpin", "Drop", "Fn", "FnMut", "FnOnce", "AsyncFn",
    "AsyncFnMut", "AsyncFnOnce", "drop", "align_of", "align_of_val", "size_of", "size_of_val",
    "Box", "ToOwned", "Clone", "PartialEq", "PartialOrd", "Eq", "Ord", "AsRef", "AsMut",
    "Into", "From", "Default", "Iterator", "Extend", "IntoIterator", "DoubleEndedIterator",
    "ExactSizeIterator", "Option", "Some", "None", "Result", "Ok", "Err", "String",
    "ToString", "Vec", "TryFrom", "TryInto", "FromIterator", "Future", "IntoFuture",
    "Debug", "Hash", "Display",
    "bool", "char", "str", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32",
    "u64", "u128", "usize", "f16", "f32", "f64", "f128",
    "std", "core", "alloc", "proc_macro", "test",
    "indexmap", "ndarray", "tokenizers", "ort", "stacker", "rayon", "libc", "serde_json",
    "fancy_regex", "regex", "rand_mt", "memchr",
})

# Names the generated crate defines or imports at its root or uses unqualified.
RUNTIME_NAMES = frozenset({
    "pcrt", "ffi", "Error", "IndexMap", "IndexSet", "PyErr", "PyResult", "ExcKind",
    "PCRT_ORT_LIBRARY",
})

RESERVED = RUST_KEYWORDS | RUST_PRELUDE | RUNTIME_NAMES

# Prefixes and suffixes of generated names: a user's name with one of them is
# moved to the `_`-suffixed class.
_GENERATED_PREFIX = "__pc"
_CONST_SUFFIX = "_K"


def normalize(name: str) -> str:
    """The identifier CPython sees: NFKC-normalised (PEP 3131)."""
    return name if name.isascii() else unicodedata.normalize("NFKC", name)


def rust_ident(name: str) -> str:
    """The Rust spelling of a local, parameter or function named `name`."""
    if "/" in name:  # a nested function lifted to module level: `outer/inner`
        return _GENERATED_PREFIX + "_" + "__".join(rust_ident(part) for part in name.split("/"))
    if not name.isascii():
        return _escape(name)
    if (name in RESERVED or name.endswith(("_", _CONST_SUFFIX))
            or name.startswith(_GENERATED_PREFIX)):
        return f"{name}_"
    return name


def rust_const(name: str) -> str:
    """The Rust spelling of the static holding module constant `name`, or class
    constant `Class.name`."""
    if "." in name:
        return _qualified("c", name) + _CONST_SUFFIX
    return rust_ident(name) + _CONST_SUFFIX


# Classes pycomp.cells makes for variables that nested functions or module functions
# change: `pcrt::Shared` (Send + Sync) rather than `pcrt::Instance`.
_CELL_CLASS_PREFIX = "__pc_cell"


def cell_class(n: int, var: str) -> str:
    """The class of the `n`th cell of the module, holding variable `var`."""
    return f"{_CELL_CLASS_PREFIX}{n}_{var}"


def global_cell_class(var: str) -> str:
    """The class of the cell of module variable `var` (pycomp.globalcells)."""
    return f"{_CELL_CLASS_PREFIX}g_{var}"


def is_global_cell_class(name: str) -> bool:
    return name.startswith(f"{_CELL_CLASS_PREFIX}g_")


def cached_instance_name(fn: str) -> str:
    """The module-level instance a cached function without parameters builds and returns
    (pycomp.shared_resources; `__pc` keeps it apart from users' names)."""
    return f"__pc_cached_{fn}"


def cached_instance_of(name: str) -> str | None:
    """The cached function whose instance the constant `name` is, if it is one."""
    return name.removeprefix("__pc_cached_") if name.startswith("__pc_cached_") else None


def cell_name(var: str) -> str:
    """The variable holding `var`'s cell (`__pc` keeps it apart from users' names)."""
    return f"__pc_cell_{var}"


def cell_variable(name: str) -> str:
    """The user's variable a cell variable `cell_name(var)` holds (`name` otherwise)."""
    return name.removeprefix("__pc_cell_")


def is_cell_class(name: str) -> bool:
    return name.startswith(_CELL_CLASS_PREFIX)


def instance_handle(name: str) -> str:
    """The Rust handle type of an object of (non-enum) class `name`, without arguments."""
    return "pcrt::Shared" if is_cell_class(name) else "pcrt::Instance"


def rust_class(name: str) -> str:
    """The Rust struct or enum of class `name`."""
    return rust_ident(name)


def rust_class_tag(name: str) -> str:
    """The Rust enum naming the class of an object whose family's root class is `name`:
    `__pct`, then `_<length><name>`, then `_T` (a type; no class is spelled so)."""
    return _qualified("t", name) + "_T"


# The field of an exception class's object holding the message its `__init__` gave
# `super().__init__(...)` (pycomp.lower_classes writes it; `__pc` keeps it from users').
EXC_MESSAGE_FIELD = "__pc_message"
# ... and what `repr(e)` shows between the parentheses (the reprs of its args)
EXC_ARGS_REPR_FIELD = "__pc_args_repr"
# ... and its args (`e.args`), a dynamic tuple
EXC_ARGS_FIELD = "__pc_args"
# The variable holding the object of an exception being raised (`ir.Raise.obj`)
RAISED = "pc_raised"


def rust_exception(name: str) -> str:
    """The `pcrt::UserExc` static of the module's exception class `name`."""
    return _qualified("x", name) + "_X"


def rust_method(qualname: str) -> str:
    """The Rust function of method `qualname` (`Class.method`, `Class.Base.method`)."""
    return _qualified("m", qualname) + "_M"


def _qualified(kind: str, qualname: str) -> str:
    # `__pc<kind>` then `_<length><part>` per part: self-delimiting, so injective.
    parts = "".join(f"_{len(p)}{p}" for p in map(rust_ident, qualname.split(".")))
    return f"{_GENERATED_PREFIX}{kind}{parts}"


def export_symbol(crate: str, name: str) -> str:
    """The C symbol of entry point `name` of crate `crate` (ASCII, in the manifest)."""
    return f"{crate}_call_{rust_ident(name)}"


def typed_symbol(crate: str, name: str) -> str:
    """The C symbol of the typed entry point of function `name` of crate `crate`."""
    return f"{crate}_{rust_ident(name)}"


def _escape(name: str) -> str:
    # Letters and digits stay; every other character, `_` included, becomes
    # `_<hex>x`, so `_` only ever starts an escape and the result never ends in `_`.
    parts = [_GENERATED_PREFIX, "u_"]
    for ch in name:
        if ch.isascii() and ch.isalnum():
            parts.append(ch)
        else:
            parts.append(f"_{ord(ch):x}x")
    return "".join(parts)
