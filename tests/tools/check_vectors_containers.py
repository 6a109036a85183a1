"""Check the test vectors of the container op-library files against CPython.

For every op in opslib/list.toml, dict.toml, set.toml, builtins.toml and
math.toml this checks that

- the entry is well formed: a signature Python can parse, a doc, placeholders
  in `rust` that name parameters or type variables (`{iter x}` only for an
  Iterable/Iterator parameter, `{fn x}` only for a Callable one), and every
  `pcrt::name` it uses defined in templates/runtime/;
- it has at least 3 vectors, or names in `tested_by` an existing test that
  covers it. That is so for ops no literal can call (a Callable or an
  Iterator parameter, no parameter at all: they have no vectors), and for
  methods that change their receiver (`{&mut self}`): the differential
  harness passes the receiver as a parameter, which compiled code may not
  change in place (E051), so their vectors are `vectors_inplace` (at least
  3), run here in CPython only;
- each vector is a list of Python literals (`ast.literal_eval`, or exactly
  `inf`, `-inf`, `nan`, as the differential harness reads them) whose values
  have the parameter types, type variables bound consistently across the
  arguments (an int is accepted for a float parameter and a bool for an int
  one, as the compiler accepts them, but containers must be homogeneous), with
  no more arguments than parameters and every required one;
- CPython runs the op on it (a deep copy, so mutating methods are fine) and
  either returns a value of the declared return type (an `Iterator[...]`
  result is materialized with `list()`), or raises an exception of a class
  pcrt has (not TypeError, which would mean the vector does not fit the
  signature), and then the op is marked `raises = true`.

Results that are ints outside i64 are reported (the compiled op raises
OverflowError there, by design) and need `raises = true` too.

    python3 tests/tools/check_vectors_containers.py       # summary, exit 1 on problems
    python3 tests/tools/check_vectors_containers.py -v    # every vector and its result
"""

from __future__ import annotations

import argparse
import ast
import builtins
import copy
import math
import operator
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomllib
from pycomp.optemplate import HoleMode, parse_template

REPO = Path(__file__).resolve().parents[2]
FILES = ["list.toml", "dict.toml", "set.toml", "builtins.toml", "math.toml"]
I64_MIN, I64_MAX = -(2**63), 2**63 - 1
# The exception classes pcrt::ExcKind has.
PCRT_EXCEPTIONS = {
    "Exception", "ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError",
    "OverflowError", "RuntimeError", "AssertionError", "NotImplementedError", "StopIteration",
    "ArithmeticError", "LookupError", "AttributeError", "SystemError",
}

OPERATORS: dict[str, Callable[..., Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "&": operator.and_,
    "|": operator.or_, "^": operator.xor, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda container, item: item in container,  # the container comes first
    "getitem": operator.getitem,
    "setitem": operator.setitem,
    "delitem": operator.delitem,
    "slice": lambda xs, start, stop, step: xs[start:stop:step],
    "truth": bool,
}

# --------------------------------------------------------------------------
# Types: ("int",), ("float",), ("bool",), ("str",), ("none",), ("list", T),
# ("set", T), ("dict", K, V), ("tuple", (T, ...)), ("opt", T), ("var", name),
# ("iterable", T), ("iterator", T), ("callable",). In types inferred from
# values, None stands for "unknown" (the items of an empty container).

Type = tuple


def parse_type(node: ast.expr) -> Type:
    if isinstance(node, ast.Constant) and node.value is None:
        return ("none",)
    if isinstance(node, ast.Name):
        if node.id in ("int", "float", "bool", "str"):
            return (node.id,)
        if node.id == "None":
            return ("none",)
        if re.fullmatch(r"[A-Z][0-9]?", node.id):
            return ("var", node.id)
        raise ValueError(f"unknown type {node.id}")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        right = parse_type(node.right)
        if right != ("none",):
            raise ValueError("only `T | None` unions")
        return ("opt", parse_type(node.left))
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        head = node.value.id
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if head == "Callable":
            return ("callable",)
        items = tuple(parse_type(a) for a in args)
        if head in ("list", "set") and len(items) == 1:
            return (head, items[0])
        if head == "dict" and len(items) == 2:
            return ("dict", items[0], items[1])
        if head == "tuple":
            return ("tuple", items)
        if head == "Iterable":
            return ("iterable", items[0])
        if head == "Iterator":
            return ("iterator", items[0])
    raise ValueError(f"cannot read type {ast.unparse(node)}")


def show(t: Type | None) -> str:
    if t is None:
        return "?"
    match t:
        case ("var", name):
            return name
        case ("none",):
            return "None"
        case ("opt", x):
            return f"{show(x)} | None"
        case ("tuple", items):
            return f"tuple[{', '.join(show(i) for i in items)}]"
        case (head, *rest) if rest:
            return f"{head}[{', '.join(show(r) for r in rest)}]"
    return t[0]


class Param:
    def __init__(self, name: str, type_: Type, required: bool, kwonly: bool):
        self.name, self.type, self.required, self.kwonly = name, type_, required, kwonly


def parse_sig(sig: str) -> tuple[list[Param], Type]:
    fn = ast.parse(f"def _op{sig}: pass").body[0]
    assert isinstance(fn, ast.FunctionDef)
    a = fn.args
    params = []
    n_no_default = len(a.args) - len(a.defaults)
    for i, arg in enumerate(a.args):
        assert arg.annotation is not None, f"{arg.arg} needs a type"
        params.append(Param(arg.arg, parse_type(arg.annotation), i < n_no_default, False))
    for arg, d in zip(a.kwonlyargs, a.kw_defaults):
        assert arg.annotation is not None, f"{arg.arg} needs a type"
        params.append(Param(arg.arg, parse_type(arg.annotation), d is None, True))
    assert fn.returns is not None, "needs a return type"
    return params, parse_type(fn.returns)


def type_of(v: Any) -> Type | None:
    """The type of a value; None for parts that cannot be told (empty containers)."""
    if v is None:
        return ("none",)
    if isinstance(v, bool):
        return ("bool",)
    if isinstance(v, int):
        return ("int",)
    if isinstance(v, float):
        return ("float",)
    if isinstance(v, str):
        return ("str",)
    if isinstance(v, (list, set, frozenset)):
        item = join([type_of(x) for x in v])
        if item == "mixed":
            raise TypeError(f"mixed item types in {v!r}")
        return ("list" if isinstance(v, list) else "set", item)
    if isinstance(v, tuple):
        return ("tuple", tuple(type_of(x) for x in v))
    if isinstance(v, dict):
        k, val = join([type_of(x) for x in v]), join([type_of(x) for x in v.values()])
        if "mixed" in (k, val):
            raise TypeError(f"mixed key or value types in {v!r}")
        return ("dict", k, val)
    raise TypeError(f"no pycomp type for {v!r}")


def join(types: list[Type | None]) -> Any:
    out: Type | None = None
    for t in types:
        u = unify(out, t)
        if u == "fail":
            return "mixed"
        out = u
    return out


def unify(a: Type | None, b: Type | None) -> Any:
    """The more specific of two types, or "fail"."""
    if a is None:
        return b
    if b is None:
        return a
    if a[0] != b[0]:
        return "fail"
    if a[0] == "tuple":
        if len(a[1]) != len(b[1]):
            return "fail"
        items = tuple(unify(x, y) for x, y in zip(a[1], b[1]))
        return "fail" if "fail" in items else ("tuple", items)
    parts = tuple(unify(x, y) for x, y in zip(a[1:], b[1:]))
    return "fail" if "fail" in parts else (a[0], *parts)


def iterable_item(v: Any) -> tuple[bool, Type | None]:
    """Whether pycomp iterates over v (Iterable[T] matches it), and its item type."""
    if isinstance(v, str):
        return True, ("str",)
    if isinstance(v, dict):
        t = type_of(v)
        assert t is not None
        return True, t[1]
    if isinstance(v, (list, set)):
        t = type_of(v)
        assert t is not None
        return True, t[1]
    if isinstance(v, tuple):
        item = join([type_of(x) for x in v])
        return item != "mixed", item if item != "mixed" else None
    return False, None


def matches(t: Type, v: Any, env: dict[str, Type | None], top: bool = False) -> bool:
    """Whether value v has type t, binding type variables in env."""
    match t:
        case ("var", name):
            if not consistent(v):
                return False
            u = unify(env.get(name), type_of(v))
            if u == "fail":
                return False
            env[name] = u
            return True
        case ("opt", inner):
            return v is None or matches(inner, v, env, top)
        case ("none",):
            return v is None
        case ("float",):
            return isinstance(v, float) or (top and isinstance(v, int))
        case ("int",):
            return isinstance(v, int) and (top or not isinstance(v, bool))
        case ("bool",):
            return isinstance(v, bool)
        case ("str",):
            return isinstance(v, str)
        case ("list", item) | ("set", item):
            want = list if t[0] == "list" else (set, frozenset)
            return isinstance(v, want) and consistent(v) and all(matches(item, x, env) for x in v)
        case ("dict", kt, vt):
            return isinstance(v, dict) and consistent(v) and all(
                matches(kt, k, env) and matches(vt, x, env) for k, x in v.items())
        case ("tuple", items):
            return isinstance(v, tuple) and len(v) == len(items) and all(
                matches(i, x, env) for i, x in zip(items, v))
        case ("iterable", item):
            if not consistent(v):
                return False
            ok, it = iterable_item(v)
            if not ok:
                return False
            return bind_item(item, it, v, env)
        case ("iterator", item):
            return all(matches(item, x, env) for x in v)
    return False


def consistent(v: Any) -> bool:
    try:
        type_of(v)
    except TypeError:
        return False
    return True


def bind_item(pattern: Type, item: Type | None, v: Any, env: dict[str, Type | None]) -> bool:
    """Match an iterable's item type (known from the value) against a pattern."""
    if item is None:
        return True  # empty: anything goes
    items = list(v) if not isinstance(v, dict) else list(v.keys())
    return all(matches(pattern, x, env) for x in items)


def ints_outside_i64(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return not I64_MIN <= v <= I64_MAX
    if isinstance(v, (list, tuple, set)):
        return any(ints_outside_i64(x) for x in v)
    if isinstance(v, dict):
        return any(ints_outside_i64(x) for x in (*v.keys(), *v.values()))
    return False


# --------------------------------------------------------------------------
# Entries


def python_callable(name: str) -> Callable[..., Any]:
    if name in OPERATORS:
        return OPERATORS[name]
    if name == "len":
        return len
    head, _, attr = name.partition(".")
    if attr and head == "math":
        return getattr(math, attr)
    if attr:
        return lambda recv, *args, **kw: getattr(recv, attr)(*args, **kw)
    return getattr(builtins, name)


def runtime_names() -> set[str]:
    names = set()
    for path in (REPO / "templates" / "runtime").glob("*.rs"):
        names |= set(re.findall(r"^pub (?:fn|const|struct|trait) ([A-Za-z_][A-Za-z0-9_]*)",
                                path.read_text(), re.MULTILINE))
    return names



def parse_literal(s: str) -> Any:
    if s in ("inf", "-inf", "nan"):
        return float(s)
    return ast.literal_eval(s)


def check_entry(entry: dict, names: set[str], verbose: bool) -> tuple[list[str], int, list[str]]:
    """Problems found, the number of vectors run, and notes."""
    label = f"{entry.get('name')}{entry.get('sig')}"
    problems: list[str] = []
    notes: list[str] = []
    try:
        params, ret = parse_sig(entry["sig"])
    except (AssertionError, ValueError, SyntaxError) as e:
        return [f"{label}: bad signature: {e}"], 0, notes
    if not entry.get("doc"):
        problems.append(f"{label}: no doc")
    by_name = {p.name: p for p in params}
    tvars = set(re.findall(r"\b([A-Z][0-9]?)\b", entry["sig"]))
    for hole in parse_template(entry["rust"], tuple(by_name)).holes:
        mode = "" if hole.mode is HoleMode.TYPE else hole.mode.value
        pname = hole.name
        if pname not in by_name:
            if not (mode == "" and pname in tvars):
                problems.append(f"{label}: placeholder {{{mode} {pname}}} names no parameter")
            continue
        kind = by_name[pname].type[0]
        if mode in ("iter", "iter &") and kind not in ("iterable", "iterator"):
            problems.append(f"{label}: {{iter {pname}}} on a {show(by_name[pname].type)}")
        if mode == "fn" and kind != "callable":
            problems.append(f"{label}: {{fn {pname}}} on a {show(by_name[pname].type)}")
        if kind == "callable" and mode != "fn":
            problems.append(f"{label}: the Callable {pname} must be passed as {{fn {pname}}}")
    for used in re.findall(r"pcrt::([A-Za-z_][A-Za-z0-9_]*)", entry["rust"]):
        if used not in names:
            problems.append(f"{label}: pcrt::{used} is not defined in templates/runtime")

    harness_vectors = entry.get("vectors", [])
    inplace = entry.get("vectors_inplace", [])
    vectors = harness_vectors + inplace
    tested_by = entry.get("tested_by")
    if len(harness_vectors) < 3 and not (tested_by and (REPO / tested_by).exists()):
        problems.append(f"{label}: {len(harness_vectors)} vectors and no existing `tested_by`")
    no_literal = [p.name for p in params if p.type[0] in ("callable", "iterator")]
    if no_literal or not params:
        if vectors:
            what = no_literal[0] if no_literal else "a zero-parameter op"
            problems.append(f"{label}: no literal can call it ({what}), so no vectors")
        return problems, 0, notes
    if parse_template(entry["rust"], tuple(by_name)).mutates_any:
        if harness_vectors:
            problems.append(f"{label}: changes its receiver: `vectors_inplace`, not `vectors`")
        if len(inplace) < 3:
            problems.append(f"{label}: {len(inplace)} vectors_inplace, at least 3 needed")
    elif inplace:
        problems.append(f"{label}: `vectors_inplace` on an op that does not change its receiver")

    func = python_callable(entry["name"])
    raises = bool(entry.get("raises"))
    for vec in vectors:
        vlabel = f"{label} {vec}"
        try:
            values = [parse_literal(a) for a in vec]
        except (ValueError, SyntaxError):
            problems.append(f"{vlabel}: not a literal")
            continue
        if len(values) > len(params):
            problems.append(f"{vlabel}: more values than parameters")
            continue
        missing = [p.name for p in params[len(values):] if p.required]
        if missing:
            problems.append(f"{vlabel}: no value for {', '.join(missing)}")
            continue
        env: dict[str, Type | None] = {}
        bad = [p.name for p, v in zip(params, values) if not matches(p.type, v, env, top=True)]
        if bad:
            problems.append(f"{vlabel}: {', '.join(bad)} does not have its declared type")
            continue
        args = [v for p, v in zip(params, values) if not p.kwonly]
        kwargs = {p.name: v for p, v in zip(params, values) if p.kwonly}
        try:
            result = func(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            if ret[0] == "iterator":
                result = list(result)
        except Exception as e:
            outcome = f"raises {type(e).__name__}: {e}"
            if type(e).__name__ not in PCRT_EXCEPTIONS:
                problems.append(f"{vlabel}: raises {type(e).__name__}, which pcrt has no class for")
            elif isinstance(e, TypeError):
                problems.append(f"{vlabel}: TypeError ({e}): the vector does not fit the signature")
            elif not raises:
                problems.append(f"{vlabel}: {outcome}, but the op is not `raises = true`")
            if verbose:
                print(f"  {vlabel} -> {outcome}")
            continue
        if ret[0] == "iterator":
            ok = isinstance(result, list) and all(matches(ret[1], x, env) for x in result)
        else:
            ok = matches(ret, result, env)
        if not ok:
            problems.append(f"{vlabel}: CPython returns {result!r}, not a {show(ret)}")
        elif ints_outside_i64(result):
            notes.append(f"{vlabel}: {result!r} is past i64 (compiled: OverflowError)")
            if not raises:
                problems.append(f"{vlabel}: an int result past i64 needs `raises = true`")
        if verbose:
            print(f"  {vlabel} -> {result!r}")
    return problems, len(vectors), notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every vector")
    ap.add_argument("files", nargs="*", default=FILES, help="opslib files (default: ours)")
    args = ap.parse_args()
    names = runtime_names()
    total_problems = 0
    for f in args.files:
        path = Path(f) if Path(f).is_absolute() else REPO / "opslib" / f
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("op", [])
        n_vectors = 0
        file_problems: list[str] = []
        file_notes: list[str] = []
        if args.verbose:
            print(f"{f}:")
        for entry in entries:
            problems, n, notes = check_entry(entry, names, args.verbose)
            file_problems += problems
            file_notes += notes
            n_vectors += n
        print(f"{f}: {len(entries)} ops, {n_vectors} vectors run in CPython, "
              f"{len(file_problems)} problems")
        for p in file_problems:
            print(f"  PROBLEM {p}")
        if args.verbose:
            for n in file_notes:
                print(f"  note {n}")
        total_problems += len(file_problems)
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
