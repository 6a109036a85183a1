"""Check the test vectors of the scalar op-library files against CPython.

For every op in opslib/operators.toml, opslib/str.toml and
opslib/conversions.toml this checks that

- the entry is well formed: a signature Python can parse, at least 3 vectors,
  placeholders in `rust` that name parameters, and every `pcrt::name` it
  calls defined in templates/runtime/;
- each vector is a list of Python literals (`ast.literal_eval`) whose values
  have exactly the parameter types (a bool is not an int, an int is not a
  float), with no more arguments than parameters and all required ones;
- CPython runs the op on it: it returns a value of the declared return type,
  or raises (a raise is a fine vector: the differential harness compares
  the exception class and message).

Results that are ints outside i64 are reported (the compiled op raises
OverflowError there, by design), as are vectors that raise.

With `--rust`, every vector is also run through the op's Rust template
against templates/runtime (a scratch crate is built with cargo) and the
result compared with CPython's: equal values of the same types, floats
bit for bit (any NaN matches), or the same exception class and message; an
int beyond i64 must come out as OverflowError, and a complex result of
`**` as pycomp's ValueError.

    python3 tests/tools/check_vectors_scalars.py            # summary
    python3 tests/tools/check_vectors_scalars.py -v         # every vector and its result
    python3 tests/tools/check_vectors_scalars.py --rust     # also run the Rust templates
"""

from __future__ import annotations

import argparse
import ast
import builtins
import json
import math
import operator
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomllib
from pycomp.optemplate import HoleMode, parse_template

REPO = Path(__file__).resolve().parents[2]
FILES = ["operators.toml", "str.toml", "conversions.toml"]
I64_MIN, I64_MAX = -(2**63), 2**63 - 1

OPERATORS: dict[str, Callable[..., Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "&": operator.and_,
    "|": operator.or_,
    "^": operator.xor,
    "<<": operator.lshift,
    ">>": operator.rshift,
    "neg": operator.neg,
    "pos": operator.pos,
    "invert": operator.invert,
    # `x in c` resolves with the container first.
    "in": lambda container, item: item in container,
    "getitem": operator.getitem,
    "slice": lambda s, start, stop, step: s[start:stop:step],
    "truth": bool,
}

METHOD_TYPES = {"str": str, "int": int, "float": float}


class SigError(Exception):
    pass


# Types are tuples: ("int",), ("optional", T), ("list", T), ("tuple", (T, ...)),
# ("iterable", T), ("var", name).
def parse_type(node: ast.expr) -> tuple:
    match node:
        case ast.Constant(value=None):
            return ("None",)
        case ast.Name(id=name) if name in ("int", "float", "bool", "str", "None"):
            return (name,)
        case ast.Name(id=name) if re.fullmatch(r"[A-Z][0-9]?", name):
            return ("var", name)
        case ast.BinOp(left=left, op=ast.BitOr(), right=ast.Constant(value=None)):
            return ("optional", parse_type(left))
        case ast.Subscript(value=ast.Name(id=head), slice=sl):
            args = list(sl.elts) if isinstance(sl, ast.Tuple) else [sl]
            if head == "list":
                return ("list", parse_type(args[0]))
            if head == "set":
                return ("set", parse_type(args[0]))
            if head == "tuple":
                return ("tuple", tuple(parse_type(a) for a in args))
            if head == "dict":
                return ("dict", parse_type(args[0]), parse_type(args[1]))
            if head == "Iterable":
                return ("iterable", parse_type(args[0]))
    raise SigError(f"cannot read type {ast.unparse(node)}")


def parse_sig(sig: str) -> tuple[list[tuple[str, tuple, bool]], tuple]:
    """[(name, type, has_default)], return type."""
    try:
        fn = ast.parse(f"def _op{sig}: pass").body[0]
    except SyntaxError as e:
        raise SigError(f"bad signature {sig!r}: {e}") from e
    assert isinstance(fn, ast.FunctionDef)
    a = fn.args
    positional = a.posonlyargs + a.args
    n_required = len(positional) - len(a.defaults)
    params = []
    for i, arg in enumerate(positional):
        if arg.annotation is None:
            raise SigError(f"parameter {arg.arg} needs a type")
        params.append((arg.arg, parse_type(arg.annotation), i >= n_required))
    if a.kwonlyargs:
        raise SigError("keyword-only parameters: vectors cannot reach them")
    if fn.returns is None:
        raise SigError("no return type")
    return params, parse_type(fn.returns)


def has_type(v: Any, t: tuple) -> bool:
    kind = t[0]
    if kind == "var":
        return True
    if kind == "None":
        return v is None
    if kind in ("int", "float", "bool", "str"):
        return type(v) is {"int": int, "float": float, "bool": bool, "str": str}[kind]
    if kind == "optional":
        return v is None or has_type(v, t[1])
    if kind == "list":
        return type(v) is list and all(has_type(x, t[1]) for x in v)
    if kind == "set":
        return type(v) is set and all(has_type(x, t[1]) for x in v)
    if kind == "tuple":
        return (
            type(v) is tuple
            and len(v) == len(t[1])
            and all(has_type(x, u) for x, u in zip(v, t[1]))
        )
    if kind == "dict":
        return type(v) is dict and all(
            has_type(k, t[1]) and has_type(x, t[2]) for k, x in v.items()
        )
    if kind == "iterable":
        if type(v) is str:
            return has_type("a", t[1])
        if type(v) in (list, tuple, set):
            return all(has_type(x, t[1]) for x in v)
        if type(v) is dict:
            return all(has_type(k, t[1]) for k in v)
        return False
    raise AssertionError(t)


def ints_outside_i64(v: Any) -> bool:
    if type(v) is int:
        return not I64_MIN <= v <= I64_MAX
    if isinstance(v, (list, tuple, set)):
        return any(ints_outside_i64(x) for x in v)
    if isinstance(v, dict):
        return any(ints_outside_i64(k) or ints_outside_i64(x) for k, x in v.items())
    return False


def python_callable(name: str) -> Callable[..., Any]:
    if name in OPERATORS:
        return OPERATORS[name]
    if "." in name:
        recv, method = name.split(".", 1)
        return getattr(METHOD_TYPES[recv], method)
    return getattr(builtins, name)


def runtime_names() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "templates" / "runtime").glob("*.rs"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bpub\s+(?:const\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)", text))
        names |= set(
            re.findall(r"\bpub\s+(?:trait|struct|enum|type|const)\s+([A-Za-z_][A-Za-z0-9_]*)", text)
        )
    return names



# --------------------------------------------------------------------------
# Running the vectors through the Rust templates (--rust)

OVERFLOW_MESSAGE = "integer overflow: result does not fit in 64 bits"
COMPLEX_MESSAGE = (
    "pycomp: negative number raised to a fractional power gives a complex number, "
    "which compiled code does not support"
)


def rust_str_lit(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() and ch.isascii():
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    out.append('"')
    return "".join(out)


def rust_type(t: tuple) -> str:
    kind = t[0]
    simple = {"int": "i64", "float": "f64", "bool": "bool", "str": "String", "None": "()"}
    if kind in simple:
        return simple[kind]
    if kind == "optional":
        return f"Option<{rust_type(t[1])}>"
    if kind == "list":
        return f"Vec<{rust_type(t[1])}>"
    if kind == "tuple":
        items = [rust_type(u) for u in t[1]]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    raise SigError(f"no Rust type for {t}")


def rust_value(v: Any, t: tuple) -> str:
    """An owned Rust expression of type `t` for the Python value `v`."""
    kind = t[0]
    if kind == "optional":
        return "None" if v is None else f"Some({rust_value(v, t[1])})"
    if kind == "None":
        return "()"
    if kind == "bool":
        return "true" if v else "false"
    if kind == "int":
        return "i64::MIN" if v == I64_MIN else f"({v}_i64)"
    if kind == "float":
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        return f"f64::from_bits(0x{bits:016x})"
    if kind == "str":
        return f"String::from({rust_str_lit(v)})"
    if kind in ("list", "iterable"):
        if not v:
            return f"Vec::<{rust_type(t[1])}>::new()"
        return "vec![" + ", ".join(rust_value(x, t[1]) for x in v) + "]"
    if kind == "tuple":
        items = [rust_value(x, u) for x, u in zip(v, t[1])]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    raise SigError(f"no Rust value for {t}")


def rust_arg(mode: str, v: Any, t: tuple) -> str:
    if mode in ("iter", "iter &"):
        if type(v) is str:
            return f"pcrt::str_chars({rust_str_lit(v)}).into_iter()"
        return f"{rust_value(list(v), t)}.into_iter()"
    code = rust_value(v, t)
    if mode == "&":
        return f"&{code}"
    if mode == "&mut":
        return f"&mut {code}"
    if mode == "opt &":
        return "None" if v is None else f"({code}).as_deref()"
    return code


def encode_python(v: Any) -> str:
    """The result encoding both sides print (mirrors `Show` in the Rust program)."""
    if v is None:
        return "N"
    if type(v) is bool:
        return "T" if v else "F"
    if type(v) is int:
        return f"i{v}"
    if type(v) is float:
        if math.isnan(v):
            return "fnan"
        return f"f{struct.unpack('<Q', struct.pack('<d', v))[0]:016x}"
    if type(v) is str:
        return "s" + json.dumps(v)
    if type(v) in (list, tuple):
        return ("L[" if type(v) is list else "U[") + ",".join(encode_python(x) for x in v) + "]"
    raise TypeError(type(v))


RUST_PRELUDE = r"""
#![allow(unused_parens, clippy::all)]
#[path = "RUNTIME/mod.rs"]
mod pcrt;

trait Show { fn show(&self) -> String; }
impl Show for i64 { fn show(&self) -> String { format!("i{self}") } }
impl Show for bool { fn show(&self) -> String { (if *self { "T" } else { "F" }).to_string() } }
impl Show for () { fn show(&self) -> String { "N".to_string() } }
impl Show for f64 {
    fn show(&self) -> String {
        if self.is_nan() { "fnan".to_string() } else { format!("f{:016x}", self.to_bits()) }
    }
}
impl Show for String {
    fn show(&self) -> String {
        let mut out = String::from("s\"");
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f || !c.is_ascii() => {
                    let mut buf = [0u16; 2];
                    for u in c.encode_utf16(&mut buf) { out.push_str(&format!("\\u{:04x}", u)); }
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}
impl<T: Show> Show for Option<T> {
    fn show(&self) -> String { match self { Some(v) => v.show(), None => "N".to_string() } }
}
impl<T: Show> Show for Vec<T> {
    fn show(&self) -> String {
        format!("L[{}]", self.iter().map(Show::show).collect::<Vec<_>>().join(","))
    }
}
impl<A: Show, B: Show> Show for (A, B) {
    fn show(&self) -> String { format!("U[{},{}]", self.0.show(), self.1.show()) }
}
impl<A: Show, B: Show, C: Show> Show for (A, B, C) {
    fn show(&self) -> String { format!("U[{},{},{}]", self.0.show(), self.1.show(), self.2.show()) }
}
fn emit<T: Show>(i: usize, r: pcrt::PyResult<T>) {
    match r {
        Ok(v) => println!("{i} ok {}", v.show()),
        Err(e) => println!("{i} err {} {}", e.class_name(), e.message.show()),
    }
}
"""


def python_expectation(func: Callable[..., Any], values: list[Any]) -> str:
    try:
        v = func(*values)
    except OverflowError as e:
        if str(e) == "complex exponentiation":
            return f"err ValueError: {COMPLEX_MESSAGE}"
        return f"err OverflowError: {e}"
    except Exception as e:
        return f"err {type(e).__name__}: {e}"
    if isinstance(v, complex):
        return f"err ValueError: {COMPLEX_MESSAGE}"
    if ints_outside_i64(v):
        return f"err OverflowError: {OVERFLOW_MESSAGE}"
    return "ok " + encode_python(v)


def run_rust(cases: list[tuple[str, str, str]], keep: Path | None) -> list[str]:
    """cases: (label, rust statement body, expected). Returns problems."""
    work = keep or Path(tempfile.mkdtemp(prefix="pycomp-vectors-"))
    (work / "src").mkdir(parents=True, exist_ok=True)
    (work / "Cargo.toml").write_text(
        '[package]\nname = "vector_check"\nversion = "0.1.0"\nedition = "2024"\n\n'
        '[dependencies]\nindexmap = "=2.14.2"\nfoldhash = "=0.2.0"\nstacker = "0.1"\n\n[workspace]\n',
        encoding="utf-8",
    )
    runtime = REPO / "templates" / "runtime"
    lines = [RUST_PRELUDE.replace("RUNTIME", str(runtime)), "fn main() {"]
    for i, (_, body, _) in enumerate(cases):
        lines.append(f"    {{ let r = (|| {{ {body} }})(); emit({i}, r); }}")
    lines.append("}")
    (work / "src" / "main.rs").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        ["cargo", "run", "--quiet", "--manifest-path", str(work / "Cargo.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    if proc.returncode != 0:
        return [
            f"the Rust vector program failed (status {proc.returncode}):\n{proc.stderr[-6000:]}"
        ]
    got: dict[int, str] = {}
    for line in proc.stdout.splitlines():
        idx, rest = line.split(" ", 1)
        if rest.startswith("err "):
            cls, msg = rest[4:].split(" ", 1)
            rest = f"err {cls}: {json.loads(msg[1:])}"
        got[int(idx)] = rest
    problems = []
    for i, (label, _, expected) in enumerate(cases):
        actual = got.get(i, "<no output>")
        if actual != expected:
            problems.append(f"{label}: CPython {expected!r}, Rust {actual!r}")
    return problems


def rust_case(
    entry: dict[str, Any], params: list[tuple[str, tuple, bool]], ret: tuple, values: list[Any]
) -> str:
    """The body of a closure returning `PyResult<ret>` that runs the op's template."""
    by_name = {p[0]: (p[1], v) for p, v in zip(params, values)}
    defaults = {p[0]: p for p in params}
    sig_defaults = {}
    fn = ast.parse(f"def _op{entry['sig']}: pass").body[0]
    pos = fn.args.posonlyargs + fn.args.args
    for arg, d in zip(pos[len(pos) - len(fn.args.defaults) :], fn.args.defaults):
        sig_defaults[arg.arg] = ast.literal_eval(d)

    def repl(hole: Any) -> str:
        name = hole.name
        if name in by_name:
            t, v = by_name[name]
        else:
            t, v = defaults[name][1], sig_defaults[name]
        return rust_arg(hole.mode.value if hole.mode is not HoleMode.TYPE else "", v, t)

    code = parse_template(entry["rust"], tuple(defaults)).fill(repl)
    if entry.get("raises"):
        code += "?"
    return f"let v: {rust_type(ret)} = {code}; Ok::<_, pcrt::PyErr>(v)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every vector")
    ap.add_argument(
        "--rust",
        action="store_true",
        help="also run every vector through its Rust template and compare",
    )
    ap.add_argument(
        "--keep", type=Path, help="with --rust: build the scratch crate here and keep it"
    )
    ap.add_argument("files", nargs="*", help=f"op files (default: {', '.join(FILES)})")
    args = ap.parse_args()
    paths = [Path(f) for f in args.files] or [REPO / "opslib" / f for f in FILES]
    defined = runtime_names()
    problems: list[str] = []
    n_ops = n_vectors = n_raise = n_overflow = 0
    rust_cases: list[tuple[str, str, str]] = []
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for index, entry in enumerate(data.get("op", [])):
            label = f"{path.name}#{index} {entry.get('name')}{entry.get('sig', '')}"
            n_ops += 1
            missing = [k for k in ("name", "sig", "rust", "doc", "vectors") if k not in entry]
            if missing:
                problems.append(f"{label}: missing {', '.join(missing)}")
                continue
            try:
                params, ret = parse_sig(entry["sig"])
            except SigError as e:
                problems.append(f"{label}: {e}")
                continue
            names = {p[0] for p in params}
            for hole in parse_template(entry["rust"], tuple(names)).holes:
                if hole.name not in names and hole.mode is not HoleMode.TYPE:
                    problems.append(f"{label}: placeholder {hole.spelled} names no parameter")
            for fn in re.findall(r"pcrt::([A-Za-z_][A-Za-z0-9_]*)", entry["rust"]):
                if fn not in defined:
                    problems.append(f"{label}: pcrt::{fn} is not defined in templates/runtime")
            vectors = entry["vectors"]
            if len(vectors) < 3:
                problems.append(f"{label}: only {len(vectors)} vectors (want >= 3)")
            try:
                func = python_callable(entry["name"])
            except (AttributeError, KeyError):
                problems.append(f"{label}: no Python callable for {entry['name']!r}")
                continue
            required = sum(1 for p in params if not p[2])
            for vec in vectors:
                n_vectors += 1
                where = f"{label} {vec}"
                if not required <= len(vec) <= len(params):
                    problems.append(
                        f"{where}: {len(vec)} arguments, expected {required}..{len(params)}"
                    )
                    continue
                try:
                    values = [ast.literal_eval(x) for x in vec]
                except (ValueError, SyntaxError) as e:
                    problems.append(f"{where}: not a Python literal ({e})")
                    continue
                bad = [f"{p[0]}={v!r}" for p, v in zip(params, values) if not has_type(v, p[1])]
                if bad:
                    problems.append(
                        f"{where}: argument types do not match the signature: {', '.join(bad)}"
                    )
                    continue
                if args.rust:
                    try:
                        body = rust_case(entry, params, ret, values)
                    except SigError as e:
                        problems.append(f"{where}: {e}")
                    else:
                        rust_cases.append((where, body, python_expectation(func, values)))
                try:
                    result = func(*values)
                except Exception as e:
                    n_raise += 1
                    if args.verbose:
                        print(f"{where}\n    raises {type(e).__name__}: {e}")
                    continue
                if ints_outside_i64(result):
                    n_overflow += 1
                    if args.verbose:
                        print(
                            f"{where}\n    -> {result!r} (beyond i64: compiled raises "
                            f"OverflowError)"
                        )
                    continue
                if not has_type(result, ret):
                    problems.append(
                        f"{where}: CPython returned {result!r} "
                        f"({type(result).__name__}), not the declared return type"
                    )
                    continue
                if args.verbose:
                    print(f"{where}\n    -> {result!r}")
    if args.rust and rust_cases:
        problems += run_rust(rust_cases, args.keep)
        print(f"ran {len(rust_cases)} vectors through the Rust templates")
    for p in problems:
        print("PROBLEM:", p)
    print(
        f"{n_ops} ops, {n_vectors} vectors: {n_raise} raise in CPython, {n_overflow} give ints "
        f"beyond i64; {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
