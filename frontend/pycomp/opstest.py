"""The op library's differential harness: every op's test vectors through CPython
and through the Rust pycomp emits for it, compared value for value and
exception class for exception class.

For each op, each vector becomes a small typed Python function calling the op
(`def v3(a: str, b: str) -> list[str]: return a.split(b)`); the functions of
one opslib file are compiled into one bundle, called through the loader, and
the same functions run in CPython.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pycomp.opslib import OpLibrary, OpSpec, load_library
from pycomp.types import (
    CallableT,
    DictT,
    FloatT,
    IterableT,
    IterT,
    ListT,
    OptionalT,
    PVar,
    SetT,
    TupleT,
    Type,
)

BINARY = {"+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>", "==", "!=", "<",
          "<=", ">", ">="}
UNARY = {"neg": "-", "pos": "+", "invert": "~"}


@dataclass
class VectorCase:
    op: OpSpec
    index: int
    args: tuple[Any, ...]
    func: str  # the generated function's name
    source: str  # its Python source


@dataclass
class Outcome:
    case: VectorCase
    ok: bool
    detail: str = ""


@dataclass
class FileReport:
    file: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def type_of_value(v: Any) -> str | None:
    """A Python annotation for a literal value (None when it cannot be told)."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, (list, set)):
        items = [type_of_value(x) for x in v]
        if not items or any(i is None for i in items) or len(set(items)) != 1:
            return None
        return f"{'list' if isinstance(v, list) else 'set'}[{items[0]}]"
    if isinstance(v, tuple):
        items = [type_of_value(x) for x in v]
        if not items or any(i is None for i in items):
            return None
        return f"tuple[{', '.join(i for i in items if i)}]"
    if isinstance(v, dict):
        ks = {type_of_value(k) for k in v}
        vs = {type_of_value(x) for x in v.values()}
        if len(ks) != 1 or len(vs) != 1 or None in ks or None in vs:
            return None
        return f"dict[{ks.pop()}, {vs.pop()}]"
    return None


def annotation_for(param_type: Type, value: Any, bindings: dict[str, str]) -> str | None:
    """The parameter's annotation for this vector: its declared type, type variables
    filled from the value."""
    if value is None and isinstance(param_type, OptionalT):
        inner = _show(param_type.item, bindings)
        return f"{inner} | None" if inner else None
    if isinstance(param_type, PVar):
        t = type_of_value(value)
        if t is None:
            return None
        bindings.setdefault(param_type.name, t)
        return t
    if isinstance(param_type, (IterableT, IterT)):
        t = type_of_value(value)
        if t is None:
            return None
        item = _item_of(value)
        if isinstance(param_type.item, PVar) and item is not None:
            bindings.setdefault(param_type.item.name, item)
        return t
    if isinstance(param_type, (ListT, SetT, DictT, TupleT)) and _has_pvar(param_type):
        t = type_of_value(value)
        if t is None:
            return None
        _bind_structural(param_type, t, bindings)
        return t
    if isinstance(param_type, OptionalT):
        return annotation_for(param_type.item, value, bindings)
    if isinstance(param_type, FloatT) and isinstance(value, int) and not isinstance(value, bool):
        return "float"
    return _show(param_type, bindings)


def _item_of(value: Any) -> str | None:
    if isinstance(value, str):
        return "str"
    if isinstance(value, dict):
        ks = {type_of_value(k) for k in value}
        return ks.pop() if len(ks) == 1 else None
    if isinstance(value, (list, set, tuple)):
        items = {type_of_value(x) for x in value}
        return items.pop() if len(items) == 1 else None
    return None


def _has_pvar(t: Type) -> bool:
    match t:
        case PVar():
            return True
        case ListT(x) | SetT(x) | OptionalT(x) | IterT(x) | IterableT(x):
            return _has_pvar(x)
        case DictT(k, v):
            return _has_pvar(k) or _has_pvar(v)
        case TupleT(items):
            return any(_has_pvar(i) for i in items)
    return False


def _bind_structural(pattern: Type, annotation: str, bindings: dict[str, str]) -> None:
    from pycomp.opslib import parse_type

    try:
        actual = parse_type(ast.parse(annotation, mode="eval").body)
    except Exception:  # noqa: BLE001 - a value we cannot read simply binds nothing
        return

    def walk(p: Type, a: Type) -> None:
        match p, a:
            case PVar(name), _:
                bindings.setdefault(name, str(a))
            case (ListT(x), ListT(y)) | (SetT(x), SetT(y)) | (OptionalT(x), OptionalT(y)):
                walk(x, y)
            case DictT(k1, v1), DictT(k2, v2):
                walk(k1, k2)
                walk(v1, v2)
            case TupleT(xs), TupleT(ys) if len(xs) == len(ys):
                for x, y in zip(xs, ys):
                    walk(x, y)

    walk(pattern, actual)


def _show(t: Type, bindings: dict[str, str]) -> str | None:
    match t:
        case PVar(name):
            return bindings.get(name)
        case ListT(x):
            inner = _show(x, bindings)
            return f"list[{inner}]" if inner else None
        case SetT(x):
            inner = _show(x, bindings)
            return f"set[{inner}]" if inner else None
        case IterT(x):
            inner = _show(x, bindings)
            return f"list[{inner}]" if inner else None
        case DictT(k, v):
            a, b = _show(k, bindings), _show(v, bindings)
            return f"dict[{a}, {b}]" if a and b else None
        case TupleT(items):
            parts = [_show(i, bindings) for i in items]
            return f"tuple[{', '.join(p for p in parts if p)}]" if all(parts) else None
        case OptionalT(x):
            inner = _show(x, bindings)
            return f"{inner} | None" if inner else None
        case CallableT():
            return None
    return str(t)


def call_expression(op: OpSpec, names: list[str], kw: dict[str, str]) -> str | None:
    """The Python spelling of a call of `op` on parameters named `names`."""
    n = op.name
    kws = "".join(f", {k}={v}" for k, v in kw.items())
    if n in BINARY and len(names) == 2:
        return f"{names[0]} {n} {names[1]}"
    if n in UNARY and len(names) == 1:
        return f"{UNARY[n]}{names[0]}"
    if n == "in" and len(names) == 2:
        return f"{names[1]} in {names[0]}"
    if n == "getitem" and len(names) == 2:
        return f"{names[0]}[{names[1]}]"
    if n == "slice" and len(names) == 4:
        return f"{names[0]}[{names[1]}:{names[2]}:{names[3]}]"
    if n == "truth" and len(names) == 1:
        return f"not not {names[0]}"
    if n == "is_none":
        return f"{names[0]} is None"
    if n in ("is_none_never", "setitem", "delitem"):
        return None
    if op.receiver is not None:
        args = ", ".join(names[1:])
        return f"{names[0]}.{op.method}({args}{kws if args else kws[2:]})"
    if "." in n:
        return f"{n}({', '.join(names)}{kws})"
    if n.isidentifier():
        return f"{n}({', '.join(names)}{kws})" if names else f"{n}({kws[2:]})"
    return None


def result_annotation(value: Any, op: OpSpec, bindings: dict[str, str]) -> str | None:
    shown = _show(op.ret, bindings)
    if shown is not None and shown != "None":
        if isinstance(op.ret, IterT):
            return shown
        return shown
    if shown == "None":
        return "None"
    return type_of_value(value)


def build_cases(ops: Iterable[OpSpec], start: int = 0
                ) -> tuple[list[VectorCase], list[str], list[str]]:
    cases: list[VectorCase] = []
    skipped: list[str] = []
    imports: set[str] = set()
    for op in ops:
        for vi, vec in enumerate(op.vectors):
            label = f"{op.file}:{op.name}[{vi}]"
            try:
                args = tuple(ast.literal_eval(a) if a not in ("inf", "-inf", "nan") else
                             float(a) for a in vec)
            except (ValueError, SyntaxError):
                skipped.append(f"{label}: vector is not literal")
                continue
            params = [p for p in op.params if not isinstance(p.type, CallableT)]
            if len(args) > len(params):
                skipped.append(f"{label}: more values than parameters")
                continue
            bindings: dict[str, str] = {}
            names: list[str] = []
            kw: dict[str, str] = {}
            sig_parts: list[str] = []
            ok = True
            for i, (p, v) in enumerate(zip(params, args)):
                ann = annotation_for(p.type, v, bindings)
                if ann is None:
                    ok = False
                    break
                pname = f"a{i}"
                sig_parts.append(f"{pname}: {ann}")
                if p.kwonly:
                    kw[p.name] = pname
                else:
                    names.append(pname)
            if not ok:
                skipped.append(f"{label}: cannot type the arguments")
                continue
            call = call_expression(op, names, kw)
            if call is None:
                skipped.append(f"{label}: no Python spelling")
                continue
            try:
                expected = _eval_call(call, sig_parts, args)
                ret = result_annotation(expected, op, bindings)
            except Exception:  # noqa: BLE001 - a raising vector types its result from the sig
                ret = _show(op.ret, bindings)
            if ret is None:
                skipped.append(f"{label}: cannot type the result")
                continue
            if isinstance(op.ret, IterT):
                call = f"list({call})"
            if "." in op.name and op.receiver is None:
                imports.add(op.name.split(".")[0])
            fname = f"v_{start + len(cases)}"
            body = f"    return {call}\n"
            src = f"def {fname}({', '.join(sig_parts)}) -> {ret}:\n{body}"
            cases.append(VectorCase(op, vi, args, fname, src))
    return cases, skipped, sorted(imports)


def _eval_call(call: str, sig_parts: list[str], args: tuple[Any, ...]) -> Any:
    env: dict[str, Any] = {"math": math}
    for part, v in zip(sig_parts, args):
        env[part.split(":")[0]] = v
    return eval(call, env)


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) ==
                                                      math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def _beyond_i64(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return not -(2**63) <= v < 2**63
    if isinstance(v, (list, tuple, set)):
        return any(_beyond_i64(x) for x in v)
    if isinstance(v, dict):
        return any(_beyond_i64(x) for x in (*v.keys(), *v.values()))
    return False


def run_files(lib: OpLibrary, files: list[str], work: Path) -> list[FileReport]:
    """Compile every vector of the given opslib files into one bundle and compare
    each with CPython."""
    import importlib.util

    import pycomp

    reports = {f: FileReport(f) for f in files}
    all_cases: list[VectorCase] = []
    imports: set[str] = set()
    for f in files:
        ops = [op for op in lib.ops if op.file == f]
        cases, skipped, imps = build_cases(ops, start=len(all_cases))
        reports[f].skipped = skipped
        all_cases += cases
        imports |= set(imps)
    if not all_cases:
        return list(reports.values())
    module = "".join(f"import {m}\n" for m in sorted(imports)) + "\n\n" + "\n\n".join(
        c.source for c in all_cases)
    src_path = work / "ops_vectors.py"
    src_path.write_text(module)
    bundle = pycomp.build(src_path, work / "ops_vectors")
    compiled = pycomp.load(bundle)
    spec = importlib.util.spec_from_file_location("ops_vectors", src_path)
    assert spec is not None and spec.loader is not None
    py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(py)
    for c in all_cases:
        reports[c.op.file].outcomes.append(
            compare(c, getattr(py, c.func), getattr(compiled, c.func)))
    return list(reports.values())


def compare(case: VectorCase, py_fn: Any, native_fn: Any) -> Outcome:
    import copy

    try:
        expected: Any = ("ok", py_fn(*copy.deepcopy(case.args)))
    except Exception as e:  # noqa: BLE001 - the exception is the expected outcome
        expected = ("raise", type(e).__name__, str(e))
    try:
        got: Any = ("ok", native_fn(*copy.deepcopy(case.args)))
    except Exception as e:  # noqa: BLE001
        got = ("raise", type(e).__name__, str(e))
    if expected[0] == "ok" and got[:2] == ("raise", "OverflowError") and _beyond_i64(expected[1]):
        # Documented: compiled ints are 64-bit and raise where CPython grows.
        return Outcome(case, True, "overflow")
    if expected[0] == "ok" and got[0] == "ok":
        if same(expected[1], got[1]):
            return Outcome(case, True)
        return Outcome(case, False, f"CPython {expected[1]!r}, compiled {got[1]!r}")
    if expected == got:
        return Outcome(case, True)
    return Outcome(case, False, f"CPython {expected[1:]}, compiled {got[1:]}")


def run_all(work: Path, files: list[str] | None = None) -> list[FileReport]:
    lib = load_library()
    names = files or sorted({op.file for op in lib.ops})
    return run_files(lib, names, work)
