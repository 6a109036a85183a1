#!/usr/bin/env python3
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

    python3 tests/tools/check_vectors_scalars.py            # summary
    python3 tests/tools/check_vectors_scalars.py -v         # every vector and its result
"""

from __future__ import annotations

import argparse
import ast
import builtins
import operator
import re
import sys
import tomllib
from pathlib import Path
from typing import Any, Callable

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
        return type(v) is tuple and len(v) == len(t[1]) and all(
            has_type(x, u) for x, u in zip(v, t[1]))
    if kind == "dict":
        return type(v) is dict and all(has_type(k, t[1]) and has_type(x, t[2])
                                       for k, x in v.items())
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
        names |= set(re.findall(r"\bpub\s+(?:trait|struct|enum|type|const)\s+([A-Za-z_][A-Za-z0-9_]*)",
                                text))
    return names


PLACEHOLDER = re.compile(r"\{(&mut |&|iter |fn )?([A-Za-z_][A-Za-z0-9_]*)\}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every vector")
    ap.add_argument("files", nargs="*", help=f"op files (default: {', '.join(FILES)})")
    args = ap.parse_args()
    paths = [Path(f) for f in args.files] or [REPO / "opslib" / f for f in FILES]
    defined = runtime_names()
    problems: list[str] = []
    n_ops = n_vectors = n_raise = n_overflow = 0
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
            for m in PLACEHOLDER.finditer(entry["rust"]):
                if m.group(2) not in names and not re.fullmatch(r"[A-Z][0-9]?", m.group(2)):
                    problems.append(f"{label}: placeholder {m.group(0)} names no parameter")
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
                    problems.append(f"{where}: {len(vec)} arguments, expected "
                                    f"{required}..{len(params)}")
                    continue
                try:
                    values = [ast.literal_eval(x) for x in vec]
                except (ValueError, SyntaxError) as e:
                    problems.append(f"{where}: not a Python literal ({e})")
                    continue
                bad = [f"{p[0]}={v!r}" for p, v in zip(params, values) if not has_type(v, p[1])]
                if bad:
                    problems.append(f"{where}: argument types do not match the signature: "
                                    f"{', '.join(bad)}")
                    continue
                try:
                    result = func(*values)
                except Exception as e:  # a raising vector is fine
                    n_raise += 1
                    if args.verbose:
                        print(f"{where}\n    raises {type(e).__name__}: {e}")
                    continue
                if ints_outside_i64(result):
                    n_overflow += 1
                    if args.verbose:
                        print(f"{where}\n    -> {result!r} (beyond i64: compiled raises "
                              f"OverflowError)")
                    continue
                if not has_type(result, ret):
                    problems.append(f"{where}: CPython returned {result!r} "
                                    f"({type(result).__name__}), not the declared return type")
                    continue
                if args.verbose:
                    print(f"{where}\n    -> {result!r}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{n_ops} ops, {n_vectors} vectors: {n_raise} raise in CPython, {n_overflow} give ints "
          f"beyond i64; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
