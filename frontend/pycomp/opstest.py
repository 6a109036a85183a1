"""The op library's differential harness: every op's test vectors through CPython
and through the Rust pycomp emits for it, compared value for value and
exception class for exception class.

For each op, each vector becomes a small typed Python function calling the op
(`def v3(a: str, b: str) -> list[str]: return a.split(b)`); the functions of
one opslib file are compiled into one bundle, called through the loader, and
the same functions run in CPython.

numpy (opslib/numpy.toml): a vector string mentioning `np.` is evaluated with
numpy (`"np.array([[1.0, 2.0]], dtype=np.float32)"`, also inside a list or
tuple). Such an array is a parameter annotated `npt.NDArray[np.<dtype>]`
(its rank unknown to the compiler), except for ops with a parameter of fixed
rank (`ndarray[D, 2]`), whose arrays are written into the call so the rank is
known. dtype arguments, and the bool, None and str arguments of ops with a
typing hook (`keepdims=True`), are written into the call as constants. Arrays
compare by dtype, shape and `np.allclose(rtol=1e-5, atol=1e-6)`; numpy scalars
as Python scalars (floats with the same tolerance); numpy's AxisError matches
ValueError. numpy vectors build in their own bundle.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pycomp.diagnostics import CompileWarning
from pycomp.opslib import OpLibrary, OpSpec, load_library
from pycomp.types import (
    CallableT,
    DictT,
    DTypeT,
    FloatT,
    IntT,
    IterableT,
    IterT,
    ListT,
    NdArrayT,
    OptionalT,
    PVar,
    SetT,
    TupleT,
    Type,
)

BINARY = {"+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>", "==", "!=", "<",
          "<=", ">", ">="}
UNARY = {"neg": "-", "pos": "+", "invert": "~"}
# Ops that are attributes, not calls: `x.shape`, `x.T`.
PROPERTIES = {"ndarray.shape", "ndarray.T", "ndarray.ndim", "ndarray.size", "ndarray.dtype",
              "ndarray.nbytes", "ndarray.itemsize"}
NUMPY_PRELUDE = "import numpy as np\nimport numpy.typing as npt\n"


@dataclass
class VectorCase:
    op: OpSpec
    index: int
    args: tuple[Any, ...]
    func: str  # the generated function's name
    source: str  # its Python source
    uses_numpy: bool = False


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


def _is_ndarray(v: Any) -> bool:
    return type(v).__module__ == "numpy" and type(v).__name__ == "ndarray"


def _is_np_scalar(v: Any) -> bool:
    return type(v).__module__ == "numpy" and hasattr(v, "item") and hasattr(v, "dtype") \
        and not _is_ndarray(v)


def type_of_value(v: Any) -> str | None:
    """A Python annotation for a literal value (None when it cannot be told)."""
    if _is_ndarray(v):
        from pycomp.types import DTYPES

        return f"npt.NDArray[np.{v.dtype.name}]" if v.dtype.name in DTYPES else None
    if _is_np_scalar(v):
        return type_of_value(v.item())
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, bytes):
        return "bytes"
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
    if _contains_ndarray(param_type):
        return type_of_value(value)
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
    if isinstance(value, bytes):
        return "int"
    if isinstance(value, dict):
        ks = {type_of_value(k) for k in value}
        return ks.pop() if len(ks) == 1 else None
    if isinstance(value, (list, set, tuple)):
        items = {type_of_value(x) for x in value}
        return items.pop() if len(items) == 1 else None
    return None


def _contains_ndarray(t: Type) -> bool:
    match t:
        case NdArrayT():
            return True
        case ListT(x) | SetT(x) | OptionalT(x):
            return _contains_ndarray(x)
        case TupleT(items):
            return any(_contains_ndarray(i) for i in items)
    return False


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
        case SetT(x, kind):
            inner = _show(x, bindings)
            return f"{kind or 'set'}[{inner}]" if inner else None
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
        case NdArrayT(dtype=d) if isinstance(d, str):
            return f"npt.NDArray[np.{d}]"
        case NdArrayT():
            return "np.ndarray"  # a dtype the arguments decide (`list[ndarray[D]]`)
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
    if n == "type_name" and len(names) == 1:
        return f"type({names[0]}).__name__"
    if n == "slice_bound" and len(names) == 1:
        # the bound a slice gets: `s[:x]` of a long enough `s` is `x` items long
        return f"(None if {names[0]} is None else len(('x' * 50)[:{names[0]}]))"
    if n in ("is_none_never", "setitem", "delitem"):
        return None
    if n in PROPERTIES and len(names) == 1:
        return f"{names[0]}.{op.method}"
    if op.receiver is not None:
        args = ", ".join(names[1:])
        return f"{names[0]}.{op.method}({args}{kws if args else kws[2:]})"
    if "." in n:
        return f"{n}({', '.join(names)}{kws})"
    if n.isidentifier():
        return f"{n}({', '.join(names)}{kws})" if names else f"{n}({kws[2:]})"
    return None


def result_annotation(value: Any, op: OpSpec, bindings: dict[str, str]) -> str | None:
    if _is_ndarray(value) or _is_np_scalar(value):
        return type_of_value(value)
    if op.typing:
        # a typing hook decides the result type: read it off the CPython value
        if isinstance(value, tuple) and isinstance(op.ret, ListT):
            return _show(op.ret, bindings)  # `x.shape` of unknown rank: a list
        t = type_of_value(value)
        if t is not None:
            return t
    shown = _show(op.ret, bindings)
    if shown is not None and shown != "None":
        if isinstance(op.ret, IterT):
            return shown
        return shown
    if shown == "None":
        return "None"
    return type_of_value(value)


def _vector_value(text: str) -> Any:
    if text in ("inf", "-inf", "nan"):
        return float(text)
    if "np." in text:
        import numpy as np

        return eval(text, {"np": np})  # the op library's own vector text
    return ast.literal_eval(text)


def _fixed_rank(t: Type) -> bool:
    match t:
        case NdArrayT(ndim=n):
            return n is not None
        case ListT(x) | OptionalT(x):
            return _fixed_rank(x)
        case TupleT(items):
            return any(_fixed_rank(i) for i in items)
    return False


def _inline(op: OpSpec, p: Any, text: str, value: Any) -> str | None:
    """The source to write into the call for this argument, or None for a parameter."""
    if isinstance(p.type, DTypeT):
        return text
    if op.name == "**" and p.name == "b" and isinstance(op.ret, IntT):
        return text  # an int power needs an exponent the compiler sees is not negative
    if "np." in text and any(_fixed_rank(q.type) for q in op.params):
        return f"({text})"
    if op.typing and (value is None or isinstance(value, (bool, str))):
        return text
    return None


def build_cases(ops: Iterable[OpSpec], start: int = 0
                ) -> tuple[list[VectorCase], list[str], list[str]]:
    cases: list[VectorCase] = []
    skipped: list[str] = []
    imports: set[str] = set()
    for op in ops:
        for vi, vec in enumerate(op.vectors):
            label = f"{op.file}:{op.name}[{vi}]"
            try:
                all_args = tuple(_vector_value(a) for a in vec)
            except (ValueError, SyntaxError, NameError, TypeError):
                skipped.append(f"{label}: vector is not literal")
                continue
            params = [p for p in op.params if not isinstance(p.type, CallableT)]
            if len(all_args) > len(params):
                skipped.append(f"{label}: more values than parameters")
                continue
            uses_numpy = any("np." in a for a in vec)
            bindings: dict[str, str] = {}
            names: list[str] = []
            kw: dict[str, str] = {}
            sig_parts: list[str] = []
            passed: list[Any] = []
            ok = True
            for i, (p, v, text) in enumerate(zip(params, all_args, vec)):
                inline = _inline(op, p, text, v) if uses_numpy or op.typing or op.name == "**" \
                    else None
                if inline is not None:
                    if p.kwonly:
                        kw[p.name] = inline
                    else:
                        names.append(inline)
                    continue
                ann = annotation_for(p.type, v, bindings)
                if ann is None:
                    ok = False
                    break
                pname = f"a{i}"
                sig_parts.append(f"{pname}: {ann}")
                passed.append(v)
                if p.kwonly:
                    kw[p.name] = pname
                else:
                    names.append(pname)
            if not ok:
                skipped.append(f"{label}: cannot type the arguments")
                continue
            args = tuple(passed)
            uses_numpy = uses_numpy or any("np." in part for part in sig_parts)
            call = call_expression(op, names, kw)
            if call is None:
                skipped.append(f"{label}: no Python spelling")
                continue
            expected: Any = None
            try:
                expected = _eval_call(call, sig_parts, args)
                ret = result_annotation(expected, op, bindings)
            except Exception:  # noqa: BLE001 - a raising vector types its result from the sig
                ret = "np.ndarray" if isinstance(op.ret, NdArrayT) else _show(op.ret, bindings)
            if ret is None:
                skipped.append(f"{label}: cannot type the result")
                continue
            if isinstance(op.ret, IterT):
                call = f"list({call})"
            elif _is_np_scalar(expected) and ret in ("float", "int", "bool"):
                # a numpy scalar (a reduction of an array whose rank the compiler does
                # not know) compares as its Python number
                call = f"{ret}({call})"
            if "." in op.name and op.receiver is None and op.name.split(".")[0] not in (
                    "str", "bytes", "dict", "list", "set", "int", "float", "bool", "tuple"):
                imports.add(op.name.split(".")[0])  # `dict.fromkeys` needs no import
            fname = f"v_{start + len(cases)}"
            body = f"    return {call}\n"
            src = f"def {fname}({', '.join(sig_parts)}) -> {ret}:\n{body}"
            cases.append(VectorCase(op, vi, args, fname, src,
                                    uses_numpy or "np." in ret or "numpy" in op.name))
    return cases, skipped, sorted(imports)


def _eval_call(call: str, sig_parts: list[str], args: tuple[Any, ...]) -> Any:

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's divide-by-zero and invalid-value warnings
        return _eval_call_env(call, sig_parts, args)


def _eval_call_env(call: str, sig_parts: list[str], args: tuple[Any, ...]) -> Any:
    env: dict[str, Any] = {"math": math}
    try:
        import numpy

        env.update(numpy=numpy, np=numpy)
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    import importlib
    import re

    # the standard-library module an op belongs to (`itertools.chain(...)`)
    head = re.match(r"([a-z_]+)\.", call)
    if head and head.group(1) not in env and head.group(1) in STDLIB_MODULES:
        env[head.group(1)] = importlib.import_module(head.group(1))
    for part, v in zip(sig_parts, args):
        env[part.split(":")[0]] = v
    return eval(call, env)


STDLIB_MODULES = {"string", "bisect", "heapq", "random", "itertools", "functools", "json",
                  "statistics", "unicodedata", "time", "base64", "hashlib", "copy", "textwrap", "logging"}


def same_numpy(a: Any, b: Any) -> bool:
    """Arrays: dtype, shape and allclose; numpy scalars: as Python scalars (floats with
    the same tolerance); anything else: `same`."""
    import numpy as np

    if _is_ndarray(a):
        return (_is_ndarray(b) and a.dtype == b.dtype and a.shape == b.shape
                and bool(np.allclose(a, b, rtol=1e-5, atol=1e-6, equal_nan=True)))
    if _is_np_scalar(a):
        a = a.item()
        if isinstance(a, float) and type(b) is float:
            return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-5,
                                                                     abs_tol=1e-6)
        return same(a, b)
    if isinstance(a, (list, tuple)) and type(a) is type(b):
        return len(a) == len(b) and all(same_numpy(x, y) for x, y in zip(a, b))
    return same(a, b)


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
    # numpy vectors build apart: their crate needs ndarray, the others do not.
    groups: dict[str, list[str]] = {}
    for f in files:
        groups.setdefault("ops_vectors_numpy" if f == "numpy.toml" else "ops_vectors",
                          []).append(f)
    for stem, group in groups.items():
        all_cases: list[VectorCase] = []
        imports: set[str] = set()
        for f in group:
            ops = [op for op in lib.ops if op.file == f]
            cases, skipped, imps = build_cases(ops, start=len(all_cases))
            reports[f].skipped = skipped
            all_cases += cases
            imports |= set(imps)
        if not all_cases:
            continue
        prelude = NUMPY_PRELUDE if any(c.uses_numpy for c in all_cases) else ""
        if any("Any" in c.source for c in all_cases):
            prelude += "from typing import Any\n"
        module = prelude + "".join(f"import {m}\n" for m in sorted(imports)) + "\n\n" + \
            "\n\n".join(c.source for c in all_cases)
        src_path = work / f"{stem}.py"
        src_path.write_text(module)
        with warnings.catch_warnings():
            # W001 marks where an op's result type differs from CPython's by design
            # (int ** int typed float); the vectors compare the values themselves.
            warnings.simplefilter("ignore", CompileWarning)
            bundle = pycomp.build(src_path, work / stem)
        compiled = pycomp.load(bundle)
        spec = importlib.util.spec_from_file_location(stem, src_path)
        assert spec is not None and spec.loader is not None
        py = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(py)
        for c in all_cases:
            reports[c.op.file].outcomes.append(
                compare(c, getattr(py, c.func), getattr(compiled, c.func)))
    return list(reports.values())


def compare(case: VectorCase, py_fn: Any, native_fn: Any) -> Outcome:

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy's divide-by-zero and invalid-value warnings
        return _compare(case, py_fn, native_fn)


def _compare(case: VectorCase, py_fn: Any, native_fn: Any) -> Outcome:
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
    if case.uses_numpy and expected[0] == "ok" and isinstance(expected[1], tuple) and \
            isinstance(case.op.ret, ListT):
        # `x.shape` of an array whose rank is not known at compile time is a list
        expected = ("ok", list(expected[1]))
    if expected[0] == "ok" and got[0] == "ok":
        if (same_numpy if case.uses_numpy else same)(expected[1], got[1]):
            return Outcome(case, True)
        return Outcome(case, False, f"CPython {expected[1]!r}, compiled {got[1]!r}")
    if expected[:2] == ("raise", "AxisError"):
        # numpy's AxisError is a ValueError (and an IndexError); compiled code raises ValueError
        expected = ("raise", "ValueError", expected[2])
    if expected == got:
        return Outcome(case, True)
    return Outcome(case, False, f"CPython {expected[1:]}, compiled {got[1:]}")


def run_all(work: Path, files: list[str] | None = None) -> list[FileReport]:
    lib = load_library()
    names = files or sorted({op.file for op in lib.ops})
    return run_files(lib, names, work)
