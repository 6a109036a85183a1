"""`pycomp ops synth NAME`: draft an op with an LLM, test it against CPython, add it.

1. The prompt carries the callable's Python signature and docstring (from the
   real callable when it can be imported: `str.removeprefix`, `math.comb`),
   the entry format (docs/opslib.md, with its Rust types table), the runtime
   functions a template may call, and a few existing ops as examples.
2. The reply's fenced ```toml block is read with tomllib into one `[[op]]`
   entry and checked: its name, signature, `raises`, and that its template's
   placeholders name its parameters. The template stays a Rust expression (a
   block expression or a called closure when it needs statements): a draft
   never adds runtime code.
3. Test vectors come from CPython: typed inputs per parameter type, edge
   cases included (empty, non-ASCII, negative, large), combined and capped;
   those CPython evaluates, to a value or to a builtin exception compiled code
   can raise, become the entry's `vectors`.
4. The draft is compiled in a scratch crate, against a temporary copy of the
   op library that holds it, and must match CPython on every vector (value,
   or exception class and message; `opstest.compare`).
5. Only then it is appended with tomlkit to its opslib file (`str.x` to
   str.toml, `math.x` to math.toml, ...; otherwise synth.toml), the file's
   text before it unchanged. A failing draft (bad TOML, a bad entry, Rust that
   does not compile, a mismatch) goes back to the model with the compiler
   error or its first mismatch, up to `--attempts` times.

CPython's evaluation of the inputs and the compiled draft run in worker
processes (`python -m pycomp.synth --worker eval|check`) under time limits, so
an input that never finishes or a draft that crashes or loops cannot take the
command down with it; their address space is capped (4 GB over their size), so
an input asking for a terabyte fails rather than exhausting memory. The model's
Rust does run on this machine (in that worker): a process, not a sandbox.
The library written is `opslib_dir()` (`PYCOMP_OPSLIB`, default opslib/).
"""

from __future__ import annotations

import copy
import inspect
import itertools
import json
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomllib

from pycomp.opslib import (
    OpSpec,
    SigError,
    opslib_dir,
    parse_sig,
    read_op_file,
    repo_root,
)
from pycomp.optemplate import HoleMode, parse_template
from pycomp.resources import templates_dir
from pycomp.types import (
    INT,
    STR,
    BoolT,
    CallableT,
    DictT,
    FloatT,
    IntT,
    IterableT,
    IterT,
    ListT,
    NoneT,
    OptionalT,
    PVar,
    SetT,
    StrT,
    TupleT,
    Type,
)

DEFAULT_MODEL = "gpt-4o-mini"
MAX_VECTORS = 40  # generated vectors kept per op
MAX_MODEL_VECTORS = 10  # vectors of the model's own, kept besides
EVAL_TIMEOUT = 5.0  # seconds CPython may take on one input
RUN_TIMEOUT = 10.0  # seconds the compiled draft may take on one vector
BUILD_TIMEOUT = 1200.0  # seconds for the scratch crate (cargo may wait for its lock)
MAX_RESULT_REPR = 10_000  # a result longer than this when printed is dropped (too slow)
PROTOCOL = "@@synth "  # prefix of the worker's protocol lines on stdout

# Inputs per parameter type: the edge cases first.
STR_POOL: tuple[str, ...] = ("", "abc", "naïve café", "  a b  ", "ß")
INT_POOL: tuple[int, ...] = (0, 1, -1, 7, -2**31, 2**40)
FLOAT_POOL: tuple[float, ...] = (0.0, -1.5, 1e300, 3.25, float("inf"), float("nan"))
BOOL_POOL: tuple[bool, ...] = (True, False)

ENTRY_KEYS = ("name", "sig", "rust", "raises", "doc", "vectors")

# The opslib file for a name's receiver or module.
FILE_FOR_PREFIX = {"str": "str.toml", "list": "list.toml", "dict": "dict.toml",
                   "set": "set.toml", "math": "math.toml", "int": "conversions.toml",
                   "float": "conversions.toml", "numpy": "numpy.toml", "ndarray": "numpy.toml",
                   "Tokenizer": "tokenizers.toml", "Encoding": "tokenizers.toml",
                   "tokenizers": "tokenizers.toml", "InferenceSession": "onnxruntime.toml",
                   "NodeArg": "onnxruntime.toml", "onnxruntime": "onnxruntime.toml",
                   "Llama": "llama_cpp.toml", "llama_cpp": "llama_cpp.toml",
                   "Generator": "nprandom.toml", "Random": "random.toml"}
# The runtime files whose functions a template for that file is likely to call.
RUNTIME_FOR_FILE = {"str.toml": ["strs.rs"], "list.toml": ["seq.rs"], "dict.toml": ["dict.rs"],
                    "set.toml": ["set.rs"], "math.toml": ["math.rs", "floats.rs"],
                    "conversions.toml": ["convert.rs", "ints.rs", "floats.rs"],
                    "builtins.toml": ["iter.rs", "seq.rs"], "operators.toml": ["ints.rs"],
                    "synth.toml": ["strs.rs"]}
OPERATOR_NAMES = {"+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", "<=", ">", ">=",
                  "in", "neg", "pos", "invert", "&", "|", "^", "<<", ">>", "getitem",
                  "setitem", "delitem", "slice", "truth"}
SYNTH_HEADER = ("# Ops drafted by `pycomp ops synth` (an LLM's draft, admitted once it\n"
                "# matched CPython on every vector).\n")


class DraftError(Exception):
    """The reply is not a usable entry; the message goes back to the model."""


class SynthError(Exception):
    """synth cannot proceed (a name it cannot handle, no model reply)."""


# ---------------------------------------------------------------- the library


def read_library(lib_dir: Path) -> list[OpSpec]:
    """Every op of the library in `lib_dir`, read afresh (`load_library` caches)."""
    ops: list[OpSpec] = []
    for path in sorted(lib_dir.glob("*.toml")):
        ops.extend(read_op_file(path))
    return ops


def target_file(name: str, lib_dir: Path) -> str:
    """The opslib file a new op named `name` belongs in."""
    if "." in name:
        want = FILE_FOR_PREFIX.get(name.split(".", 1)[0], "synth.toml")
    elif name in OPERATOR_NAMES:
        want = "operators.toml"
    else:
        want = "builtins.toml"
    return want if (lib_dir / want).exists() else "synth.toml"


def spec_from_entry(entry: dict[str, Any], file: str, index: int = 0) -> OpSpec:
    params, ret = parse_sig(entry["sig"])
    vectors = tuple(tuple(v) for v in entry.get("vectors", []))
    return OpSpec(entry["name"], params, ret, entry["rust"], bool(entry.get("raises")),
                  entry.get("doc", ""), file, index, entry["sig"], vectors)


# ---------------------------------------------------------------- the prompt


def resolve_callable(name: str) -> Any:
    """The real Python callable `name` spells, or None (operators, unknown names)."""
    import builtins
    import importlib

    if name in OPERATOR_NAMES or not all(p.isidentifier() for p in name.split(".")):
        return None
    parts = name.split(".")
    if hasattr(builtins, parts[0]):
        obj: Any = getattr(builtins, parts[0])
        rest = parts[1:]
    else:
        obj = None
        rest = []
        for i in range(len(parts) - 1, 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            rest = parts[i:]
            break
        if obj is None:
            return None
    for p in rest:
        obj = getattr(obj, p, None)
        if obj is None:
            return None
    return obj


def describe_callable(name: str) -> str:
    """The Python signature and semantics of `name`, from the real callable."""
    if name in OPERATOR_NAMES:
        return (f"`{name}` is one of the op library's operator names (see the format below): "
                "the Python operator's semantics for the operand types of the signature.")
    obj = resolve_callable(name)
    if obj is None:
        return f"`{name}` (not importable here: use its documented Python semantics)."
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        sig = "(signature not introspectable)"
    doc = inspect.getdoc(obj) or "(no docstring)"
    return f"CPython {sys.version.split()[0]}: `{name}{sig}`\n\n{doc}"


def _raw_entries(path: Path) -> list[str]:
    """Each `[[op]]` table of a file as its source text."""
    import tomlkit

    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    out = []
    for t in doc.get("op", []):
        body = t.as_string().strip("\n")
        # a table's text ends with the comments that follow it: not part of the example
        lines = body.split("\n")
        while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
            lines.pop()
        out.append("[[op]]\n" + "\n".join(lines))
    return out


def _arity(name: str) -> int | None:
    """How many parameters the real callable takes (a method's `self` included)."""
    obj = resolve_callable(name)
    try:
        return len(inspect.signature(obj).parameters) if obj is not None else None
    except (TypeError, ValueError):
        return None


def pick_examples(ops: list[OpSpec], name: str, target: str, lib_dir: Path,
                  count: int = 4) -> list[str]:
    """A few existing entries close to the op to draft, as their TOML text: from its
    file and receiver, of its arity, one that raises and one that does not, no two
    of the same signature."""
    prefix = name.split(".", 1)[0] if "." in name else ""
    arity = _arity(name)

    def score(op: OpSpec) -> int:
        s = 0
        if op.file == target:
            s += 3
        if prefix and op.name.startswith(prefix + "."):
            s += 2
        if arity is not None and len(op.params) == arity:
            s += 2
        if op.typing or not op.vectors:
            s -= 10  # typing hooks and untested ops make poor examples
        if len(op.rust) > 300:
            s -= 2
        return s

    ranked = sorted((op for op in ops if op.name != name), key=score, reverse=True)
    chosen: list[OpSpec] = []

    def fits(op: OpSpec) -> bool:
        return op not in chosen and all(op.sig != c.sig for c in chosen)

    for want_raises in (True, False):
        for op in ranked:
            if op.raises == want_raises and fits(op):
                chosen.append(op)
                break
    for op in ranked:
        if len(chosen) >= count:
            break
        if fits(op):
            chosen.append(op)
    chosen.sort(key=lambda op: (op.file, op.index))
    raw: dict[str, list[str]] = {}
    out = []
    for op in chosen:
        if op.file not in raw:
            raw[op.file] = _raw_entries(lib_dir / op.file)
        out.append(raw[op.file][op.index])
    return out


def _pub_fns(text: str) -> Iterator[str]:
    """The signatures of a Rust file's `pub fn`s, each on one line."""
    lines = text.splitlines()
    for i, ln in enumerate(lines):
        if not ln.strip().startswith("pub fn "):
            continue
        sig = ln.strip()
        j = i
        while "{" not in sig and ";" not in sig and j + 1 < len(lines):
            j += 1
            sig += " " + lines[j].strip()
        sig = re.split(r"\s*(?:\{|\bwhere\b|;)", sig, maxsplit=1)[0]
        yield re.sub(r"\(\s+", "(", re.sub(r",\s*\)", ")", sig)).removeprefix("pub fn ")


def runtime_listing(target: str, limit: int = 6000) -> str:
    """How a template raises (pcrt's PyErr constructors), and the `pub fn`
    signatures of the runtime files the target file's templates call."""
    rt = templates_dir() / "runtime"
    lines: list[str] = []
    err = rt / "error.rs"
    if err.exists():
        text = err.read_text(encoding="utf-8")
        kinds = re.findall(r'ExcKind::(\w+) => "\1"', text)
        lines += [f"pcrt::PyErr::{f}" for f in _pub_fns(text) if f.endswith("-> PyErr")]
        if kinds:
            lines.append(f"pcrt::ExcKind::{{{', '.join(kinds)}}}")
    for fname in RUNTIME_FOR_FILE.get(target, []):
        path = rt / fname
        if path.exists():
            lines += [f"pcrt::{f}" for f in _pub_fns(path.read_text(encoding="utf-8"))]
    text = "\n".join(lines)
    return text if len(text) <= limit else text[:limit].rsplit("\n", 1)[0] + "\n..."


SYSTEM_PROMPT = """\
You write entries of pycomp's op library. pycomp compiles type-annotated Python to
Rust; every Python operation it can compile is one `[[op]]` entry: a Python
signature and a Rust template. The compiled op must behave exactly like CPython on
every input: the same result, or the same exception class and message.

Rules:
- Reply with exactly one fenced ```toml code block holding one `[[op]]` table with
  the keys name, sig, rust, raises and doc. Vectors are generated for you from
  CPython; `vectors` of your own are optional.
- `rust` is ONE Rust expression. It may call the pcrt runtime functions listed, use
  the Rust standard library, and be a block expression `{ let s: &str = {&self}; ... }`
  or an immediately called closure when it needs statements. You cannot add
  functions to the runtime or write any other Rust file.
- Placeholders (`{x}`, `{&x}`, `{&mut x}`, `{iter x}`, `{fn x}`) name the
  signature's parameters; every parameter is used.
- If the op can raise, set `raises = true` and make the expression a
  `pcrt::PyResult<T>`: `Ok(v)`, or `Err(pcrt::PyErr::value_error("message"))` with
  CPython's exact message.

Two templates written inline (not from the library):
  rust = "{ let s: &str = {&self}; s.chars().filter(|c| c.is_uppercase()).count() as i64 }"
  rust = "{ let n: i64 = {n}; if n < 0 { Err(pcrt::PyErr::value_error(\"n must be >= 0\")) } else { Ok(n / 2) } }"
"""


def build_messages(name: str, ops: list[OpSpec], target: str, lib_dir: Path) -> list[
        dict[str, str]]:
    fmt_path = repo_root() / "docs" / "opslib.md"
    fmt = fmt_path.read_text(encoding="utf-8") if fmt_path.exists() else ""
    examples = "\n\n".join(pick_examples(ops, name, target, lib_dir))
    same = [op for op in ops if op.name == name]
    existing = ""
    if same:
        existing = ("\n\nThe library already has these overloads of it; draft a different "
                    "signature:\n" + "\n".join(f"- {op.name}{op.sig}" for op in same))
    user = f"""\
Draft the op library entry for `{name}`.

## The Python callable

{describe_callable(name)}{existing}

## The entry format (docs/opslib.md)

{fmt}

## pcrt runtime functions you may call

```rust
{runtime_listing(target)}
```

## Entries of the library, as examples

```toml
{examples}
```

Reply with one ```toml block holding the `[[op]]` entry for `{name}`."""
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


# ---------------------------------------------------------------- the reply

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", re.DOTALL)


def parse_reply(text: str, name: str, existing: list[OpSpec]) -> dict[str, Any]:
    """The reply's `[[op]]` entry, checked; raises DraftError saying what is wrong."""
    blocks = _FENCE.findall(text)
    tomls = [body for lang, body in blocks
             if lang.lower() == "toml" or (not lang and "[[op]]" in body)]
    if not tomls:
        raise DraftError("the reply has no fenced ```toml code block with an [[op]] entry")
    if len(tomls) > 1:
        raise DraftError("the reply has several ```toml blocks; send exactly one")
    try:
        data = tomllib.loads(tomls[0])
    except tomllib.TOMLDecodeError as e:
        raise DraftError(f"the ```toml block is not valid TOML: {e}") from e
    ops = data.get("op")
    if not isinstance(ops, list) or len(ops) != 1 or set(data) != {"op"}:
        raise DraftError("the ```toml block must hold exactly one [[op]] table and nothing else")
    entry = dict(ops[0])
    unknown = sorted(set(entry) - set(ENTRY_KEYS))
    if unknown:
        raise DraftError(f"unknown keys {unknown}: an entry has {', '.join(ENTRY_KEYS[:5])}")
    for key in ("name", "sig", "rust"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise DraftError(f"`{key}` must be a non-empty string")
    if entry["name"] != name:
        raise DraftError(f"`name` is {entry['name']!r}; it must be {name!r}")
    raises = entry.setdefault("raises", False)
    if not isinstance(raises, bool):
        raise DraftError("`raises` must be true or false")
    if not isinstance(entry.setdefault("doc", ""), str):
        raise DraftError("`doc` must be a string")
    vectors = entry.get("vectors", [])
    if not (isinstance(vectors, list) and all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in vectors)):
        raise DraftError("`vectors`, if given, is a list of lists of Python literals as strings")
    try:
        params, _ret = parse_sig(entry["sig"])
    except (SigError, ValueError, SyntaxError) as e:
        raise DraftError(f"`sig` is not a signature the library can read: {e}") from e
    if inspect.ismethoddescriptor(resolve_callable(name)) and (
            not params or params[0].name != "self"):
        raise DraftError(f"{name} is a method: its first parameter is `self`, the receiver")
    if "." in name and params and params[0].name == "self":
        receiver = name.split(".", 1)[0]
        if receiver in ("str", "list", "dict", "set", "int", "float") and \
                not str(params[0].type).startswith(receiver):
            raise DraftError(f"`self` of a {receiver} method must be a {receiver}, "
                             f"not {params[0].type}")
    for op in existing:
        if op.name == name and op.sig.replace(" ", "") == entry["sig"].replace(" ", ""):
            raise DraftError(f"the library already has {name}{op.sig}")
    _check_placeholders(entry["rust"], params)
    # Runtime code is not accepted: a helper must live inside the template.
    for lang, body in blocks:
        if lang.lower() != "rust":
            continue
        for helper in re.findall(r"\bfn\s+([A-Za-z_]\w*)", body):
            if re.search(rf"\b{helper}\s*\(", entry["rust"]) and \
                    not re.search(rf"\bfn\s+{helper}\b", entry["rust"]):
                raise DraftError(
                    f"the template calls {helper}(), defined in a ```rust block: a draft "
                    "cannot add runtime functions. Write it inside the template, as a block "
                    f"expression `{{ fn {helper}(...) -> ... {{ ... }} {helper}(...) }}`, or "
                    "inline it")
    return entry


def _check_placeholders(rust: str, params: tuple[Any, ...]) -> None:
    by_name = {p.name: p for p in params}
    tvars = set(re.findall(r"\b[A-Z][0-9]?\b", " ".join(str(p.type) for p in params)))
    used = set()
    for hole in parse_template(rust, tuple(by_name)).holes:
        pname = hole.name
        if hole.mode is HoleMode.TYPE and pname in tvars:
            continue
        if pname not in by_name:
            raise DraftError(f"the template's placeholder {hole.spelled} names no parameter "
                             f"(the parameters: {', '.join(by_name) or 'none'}); a Rust block "
                             "holding just a name must be written with spaces, `{ x }`")
        p = by_name[pname]
        if hole.mode in (HoleMode.ITER, HoleMode.ITER_REF) and \
                not isinstance(p.type, (IterableT, IterT)):
            raise DraftError(f"{hole.spelled}: `iter` is for Iterable parameters, {pname} is "
                             f"{p.type}")
        if hole.mode is HoleMode.BORROW_OPT and not isinstance(p.type, OptionalT):
            raise DraftError(f"{hole.spelled}: `opt &` is for optional parameters, {pname} is "
                             f"{p.type}")
        if hole.mode is HoleMode.FN and not isinstance(p.type, CallableT):
            raise DraftError(f"{hole.spelled}: `fn` is for Callable parameters")
        used.add(pname)
    unused = [n for n in by_name if n not in used]
    if unused:
        raise DraftError(f"the template never uses the parameter(s) {', '.join(unused)}")


# ---------------------------------------------------------------- the inputs


def _instantiate(t: Type, bind: dict[str, Type]) -> Type:
    match t:
        case PVar(name):
            return bind.get(name, INT)
        case ListT(x):
            return ListT(_instantiate(x, bind))
        case SetT(x, kind):
            return SetT(_instantiate(x, bind), kind)
        case IterableT(x) | IterT(x):
            return ListT(_instantiate(x, bind))
        case OptionalT(x):
            return OptionalT(_instantiate(x, bind))
        case DictT(k, v):
            return DictT(_instantiate(k, bind), _instantiate(v, bind))
        case TupleT(items):
            return TupleT(tuple(_instantiate(i, bind) for i in items))
    return t


def values_for(t: Type) -> list[Any]:
    """Inputs of type `t`, the edge cases among them; DraftError for a type synth
    cannot make inputs of."""
    match t:
        case StrT():
            return list(STR_POOL)
        case IntT():
            return list(INT_POOL)
        case FloatT():
            return list(FLOAT_POOL)
        case BoolT():
            return list(BOOL_POOL)
        case NoneT():
            return [None]
        case OptionalT(x):
            return [None, *values_for(x)]
        case ListT(x) | IterableT(x) | IterT(x):
            items = values_for(x)
            return [[], items[1:2], items[:3]]
        case SetT(x):
            items = [v for v in values_for(x) if not isinstance(v, (float, list, dict, set))]
            if not items:
                raise DraftError(f"synth cannot make inputs of type {t}")
            return [{items[0]}, set(items[:3])]  # the empty set has no literal
        case DictT(k, v):
            keys = [x for x in values_for(k) if not isinstance(x, (float, list, dict, set))]
            vals = values_for(v)
            if not keys:
                raise DraftError(f"synth cannot make inputs of type {t}")
            return [{}, {keys[0]: vals[0]}, dict(zip(keys[1:4], itertools.cycle(vals[1:3])))]
        case TupleT(items):
            pools = [values_for(i) for i in items]
            n = max(len(p) for p in pools)
            return [tuple(p[j % len(p)] for p in pools) for j in range(min(n, 4))]
    raise DraftError(f"synth makes inputs of int, float, bool, str, None, and lists, sets, "
                     f"dicts, tuples and optionals of them; not of {t}")


def _literal(v: Any) -> str:
    return repr(v)


def candidate_vectors(spec: OpSpec, limit: int) -> list[list[str]]:
    """Argument lists for `spec`, as literals: each input of each parameter at least
    once, then more of the cartesian product, `limit` at most. Trailing optional
    parameters are also left out."""
    params = [p for p in spec.params if not isinstance(p.type, CallableT)]
    if len(params) != len(spec.params):
        raise DraftError("synth cannot make inputs for Callable parameters")
    tvars = sorted({m for p in params for m in re.findall(r"\b[A-Z][0-9]?\b", str(p.type))})
    instantiations: list[dict[str, Type]] = [{}]
    if tvars:
        instantiations = [dict.fromkeys(tvars, INT), dict.fromkeys(tvars, STR)]
    required = sum(1 for p in params if not p.has_default)
    combos: list[tuple[Any, ...]] = []
    for bind in instantiations:
        pools = [values_for(_instantiate(p.type, bind)) for p in params]
        for k in range(required, len(params) + 1):
            combos.extend(itertools.product(*pools[:k]))
    seen: set[str] = set()
    unique: list[list[str]] = []
    for c in combos:
        lits = [_literal(v) for v in c]
        key = json.dumps(lits)
        if key not in seen:
            seen.add(key)
            unique.append(lits)
    rng = random.Random(spec.name + spec.sig)
    order = list(range(len(unique)))
    rng.shuffle(order)
    # every (position, value) once before the rest
    covered: set[tuple[int, str]] = set()
    first, rest = [], []
    for i in order:
        pairs = {(j, a) for j, a in enumerate(unique[i])}
        if pairs - covered:
            first.append(i)
            covered |= pairs
        else:
            rest.append(i)
    return [unique[i] for i in (first + rest)[:limit]]


def supported_exceptions() -> set[str]:
    """The exception classes compiled code can raise (pcrt's ExcKind)."""
    path = templates_dir() / "runtime" / "error.rs"
    try:
        names = set(re.findall(r'ExcKind::(\w+) => "\1"', path.read_text(encoding="utf-8")))
    except OSError:
        names = set()
    names.discard("SystemError")  # a caught panic: never an expected outcome
    return names or {"ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError",
                     "OverflowError"}


@dataclass
class Inputs:
    vectors: list[list[str]]
    dropped: list[str] = field(default_factory=list)


def _is_literal(text: str) -> bool:
    import ast

    if text in ("inf", "-inf", "nan"):
        return True
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def make_vectors(entry: dict[str, Any], file: str, limit: int = MAX_VECTORS) -> Inputs:
    """Generated inputs (and the model's own vectors) that CPython evaluates, to a
    value or to an exception compiled code can raise."""
    spec = spec_from_entry(entry, file)
    generated = candidate_vectors(spec, 2 * limit)
    # the model's own vectors: Python literals only (the harness evaluates `np.` text)
    own = [list(v) for v in entry.get("vectors", []) if all(map(_is_literal, v))]
    own = own[:MAX_MODEL_VECTORS]
    candidates = generated + [v for v in own if v not in generated]
    results = run_eval_worker(entry, file, candidates)
    allowed = supported_exceptions()
    kept: list[list[str]] = []
    kept_own: list[list[str]] = []
    dropped: list[str] = []
    for i, vec in enumerate(candidates):
        r = results.get(i, {"kind": "crash"})
        is_own = i >= len(generated)
        if r["kind"] == "ok" or (r["kind"] == "raise" and r["cls"] in allowed):
            if is_own:
                kept_own.append(vec)
            elif len(kept) < limit:
                kept.append(vec)
        else:
            why = {"raise": f"raises {r.get('cls')}, which compiled code cannot",
                   "hang": f"CPython takes over {EVAL_TIMEOUT:.0f} s",
                   "crash": "CPython crashed", "big": "the result is too large",
                   "skip": str(r.get("why"))}.get(r["kind"], r["kind"])
            dropped.append(f"{vec}: {why}")
    return Inputs(kept + kept_own, dropped)


# ---------------------------------------------------------------- the workers


def _worker_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    pkg_parent = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(
        [pkg_parent, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
    env.update(extra or {})
    return env


class _Worker:
    """A `python -m pycomp.synth --worker MODE` process and its protocol lines."""

    def __init__(self, mode: str, payload: dict[str, Any], env: dict[str, str], cwd: Path):
        self.stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pycomp.synth", "--worker", mode],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True,
            encoding="utf-8", env=env, cwd=cwd)
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(payload))
        self.proc.stdin.close()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(PROTOCOL):
                self.lines.put(json.loads(line[len(PROTOCOL):]))
        self.lines.put(None)

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next event; None when the worker ended; raises queue.Empty on timeout."""
        return self.lines.get(timeout=timeout)

    def stop(self) -> str:
        """End the worker; its stderr's tail."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.seek(0)
        tail = self.stderr.read()[-2000:]
        self.stderr.close()
        return tail


def run_eval_worker(entry: dict[str, Any], file: str, candidates: list[list[str]]
                    ) -> dict[int, dict[str, Any]]:
    """CPython's outcome on each candidate: {"kind": ok|raise|big|skip|hang|crash}."""
    results: dict[int, dict[str, Any]] = {}
    start = 0
    with tempfile.TemporaryDirectory(prefix="pycomp-synth-eval-") as tmp:
        while start < len(candidates):
            w = _Worker("eval", {"entry": entry, "file": file,
                                 "candidates": candidates[start:]}, _worker_env(), Path(tmp))
            current: int | None = None
            timeout = 60.0  # the worker's start-up
            try:
                while True:
                    try:
                        ev = w.next(timeout)
                    except queue.Empty:
                        if current is None:
                            raise SynthError("the CPython worker did not start") from None
                        results[current] = {"kind": "hang"}
                        break
                    if ev is None:
                        if current is not None and current not in results:
                            results[current] = {"kind": "crash"}
                        break
                    i = start + ev["i"]
                    if ev["event"] == "start":
                        current, timeout = i, EVAL_TIMEOUT
                    else:
                        results[i] = ev
            finally:
                tail = w.stop()
            if current is None:
                raise SynthError(f"the CPython worker failed:\n{tail}")
            done = [i for i in results if i >= start]
            start = max(done) + 1 if done else start + 1
    return results


@dataclass
class CheckResult:
    ok: bool
    message: str = ""
    passed: int = 0
    total: int = 0


def _trim_cargo(message: str, limit: int = 3500) -> str:
    """The compiler errors of a failed cargo build: no warnings, and each error once
    (every vector's function repeats the template)."""
    blocks: list[list[str]] = []
    keep = False
    for ln in message.splitlines():
        if re.match(r"^(error|warning)(\[\w+\])?:", ln):
            keep = ln.startswith("error") and "could not compile" not in ln \
                and "aborting due to" not in ln
            if keep:
                blocks.append([])
        if keep:
            blocks[-1].append(ln)
    seen: dict[str, int] = {}
    out: list[list[str]] = []
    for b in blocks:
        if b[0] in seen:
            seen[b[0]] += 1
            continue
        seen[b[0]] = 1
        out.append(b)
    parts = []
    for b in out:
        more = seen[b[0]] - 1
        text = "\n".join(b).rstrip()
        parts.append(text + (f"\n({more} more like it, one per vector)" if more else ""))
    text = "\n\n".join(parts) or message
    return text if len(text) <= limit else text[:limit] + "\n..."


def _describe_vector(name: str, vec: list[str]) -> str:
    return f"{name}({', '.join(vec)})"


def check_draft(entry: dict[str, Any], file: str, lib_dir: Path) -> CheckResult:
    """Compile the draft (vectors included) against a copy of the library in
    `lib_dir` that holds it, and compare it with CPython on every vector."""
    from pycomp.driver import crate_dir_for

    with tempfile.TemporaryDirectory(prefix="pycomp-synth-") as tmp:
        work = Path(tmp)
        scratch_lib = work / "opslib"
        scratch_lib.mkdir()
        for path in lib_dir.glob("*.toml"):
            shutil.copy2(path, scratch_lib / path.name)
        target = scratch_lib / file
        target.write_text(append_entry(target.read_text(encoding="utf-8")
                                       if target.exists() else None, entry), encoding="utf-8")
        try:
            read_library(scratch_lib)
        except (SigError, tomllib.TOMLDecodeError, KeyError) as e:
            return CheckResult(False, f"the library does not load with the draft: {e}")
        w = _Worker("check", {"file": file, "name": entry["name"], "work": str(work)},
                    _worker_env({"PYCOMP_OPSLIB": str(scratch_lib)}), work)
        vectors: list[list[str]] = []
        failures: list[str] = []
        passed = 0
        current: list[str] | None = None
        timeout = BUILD_TIMEOUT
        result: CheckResult | None = None
        try:
            while result is None:
                try:
                    ev = w.next(timeout)
                except queue.Empty:
                    if current is None:
                        result = CheckResult(False, "building the draft took over "
                                             f"{BUILD_TIMEOUT:.0f} s")
                    else:
                        result = CheckResult(
                            False, f"the compiled draft did not return within "
                            f"{RUN_TIMEOUT:.0f} s on {_describe_vector(entry['name'], current)}")
                    break
                if ev is None:
                    if current is not None:
                        code = w.proc.wait()
                        how = f"exit code {code}"
                        if code < 0:
                            import signal

                            try:
                                how = f"killed by {signal.Signals(-code).name}"
                            except ValueError:
                                how = f"killed by signal {-code}"
                        result = CheckResult(
                            False, f"the compiled draft crashed the process ({how}) "
                            f"on {_describe_vector(entry['name'], current)}")
                    break
                kind = ev["event"]
                if kind == "cases":
                    vectors = ev["vectors"]
                    if ev["skipped"]:
                        result = CheckResult(False, "vectors the harness cannot run: "
                                             + "; ".join(ev["skipped"][:5]))
                elif kind == "compile_error":
                    result = CheckResult(False, "the draft does not compile:\n"
                                         + ev["message"][:3500])
                elif kind == "build_error":
                    result = CheckResult(False, "the Rust of the draft does not compile:\n"
                                         + _trim_cargo(ev["message"]))
                elif kind == "internal":
                    result = CheckResult(False, "compiling the draft failed:\n" + ev["message"])
                elif kind == "built":
                    timeout = RUN_TIMEOUT
                elif kind == "start":
                    current = ev["vector"]
                elif kind == "result":
                    current = None
                    if ev["ok"]:
                        passed += 1
                    else:
                        failures.append(f"on {_describe_vector(entry['name'], ev['vector'])}: "
                                        f"{ev['detail']}")
                elif kind == "done":
                    break
        finally:
            tail = w.stop()
            shutil.rmtree(crate_dir_for(work / "synth_check.py"), ignore_errors=True)
        if result is not None:
            result.total = len(vectors)
            return result
        if not vectors or passed + len(failures) < len(vectors):
            return CheckResult(False, f"the check ended before comparing every vector:\n{tail}",
                               passed, len(vectors))
        if failures:
            more = "".join(f"\n- {f}" for f in failures[1:4])
            return CheckResult(
                False, f"{len(failures)} of {len(vectors)} vectors differ from CPython. "
                f"First mismatch: {failures[0]}" + (f"\nAlso:{more}" if more else ""),
                passed, len(vectors))
        return CheckResult(True, "", passed, len(vectors))


def _emit(event: dict[str, Any]) -> None:
    sys.stdout.write(PROTOCOL + json.dumps(event) + "\n")
    sys.stdout.flush()


def _limit_memory(extra: int = 4 << 30) -> None:
    """Cap the address space at what the process maps now plus `extra`, so that an
    input asking for a terabyte fails (MemoryError, or an abort in compiled code)
    instead of taking the machine's memory."""
    try:
        import resource

        status = Path("/proc/self/status").read_text()
        m = re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE)
        if m is None:
            return
        limit = int(m.group(1)) * 1024 + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: no cap


def _worker_eval(payload: dict[str, Any]) -> None:
    from pycomp.opstest import NUMPY_PRELUDE, build_cases

    _limit_memory()
    base = spec_from_entry(payload["entry"], payload["file"])
    for i, vec in enumerate(payload["candidates"]):
        _emit({"event": "start", "i": i})
        spec = replace(base, vectors=(tuple(vec),))
        cases, skipped, imports = build_cases([spec])
        if not cases:
            _emit({"event": "result", "i": i, "kind": "skip",
                   "why": skipped[0] if skipped else "no case"})
            continue
        c = cases[0]
        ns: dict[str, Any] = {}
        prelude = NUMPY_PRELUDE if c.uses_numpy else ""
        # the harness's own generated function, as opstest runs it
        exec(prelude + "".join(f"import {m}\n" for m in imports) + c.source, ns)  # noqa: S102
        try:
            value = ns[c.func](*copy.deepcopy(c.args))
        except Exception as e:  # noqa: BLE001 - the exception is the outcome
            _emit({"event": "result", "i": i, "kind": "raise", "cls": type(e).__name__,
                   "builtin": type(e).__module__ == "builtins"})
            continue
        big = len(repr(value)) > MAX_RESULT_REPR
        _emit({"event": "result", "i": i, "kind": "big" if big else "ok"})


def _worker_check(payload: dict[str, Any]) -> None:
    import importlib.util
    import traceback

    import pycomp
    from pycomp.diagnostics import CompileError, InternalError
    from pycomp.opslib import load_library
    from pycomp.opstest import NUMPY_PRELUDE, build_cases, compare

    work = Path(payload["work"])
    lib = load_library()
    ops = [op for op in lib.ops if op.file == payload["file"] and op.name == payload["name"]]
    op = ops[-1]
    cases, skipped, imports = build_cases([op])
    _emit({"event": "cases", "vectors": [list(op.vectors[c.index]) for c in cases],
           "skipped": skipped})
    if skipped or not cases:
        return
    prelude = NUMPY_PRELUDE if any(c.uses_numpy for c in cases) else ""
    module = prelude + "".join(f"import {m}\n" for m in imports) + "\n\n" + \
        "\n\n".join(c.source for c in cases)
    src = work / "synth_check.py"
    src.write_text(module, encoding="utf-8")
    try:
        bundle = pycomp.build(src, work / "bundle", release=False)
    except CompileError as e:
        _emit({"event": "compile_error", "message": e.render()})
        return
    except InternalError as e:
        _emit({"event": "build_error", "message": str(e)})
        return
    except Exception:  # noqa: BLE001 - reported, as the draft's failure
        _emit({"event": "internal", "message": traceback.format_exc()[-3000:]})
        return
    compiled = pycomp.load(bundle)
    spec = importlib.util.spec_from_file_location("synth_check", src)
    assert spec is not None and spec.loader is not None
    py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(py)
    _emit({"event": "built"})
    _limit_memory()
    for c in cases:
        vec = list(op.vectors[c.index])
        _emit({"event": "start", "vector": vec})
        o = compare(c, getattr(py, c.func), getattr(compiled, c.func))
        _emit({"event": "result", "vector": vec, "ok": o.ok, "detail": o.detail})
    _emit({"event": "done"})


# ---------------------------------------------------------------- writing


def _entry_table(entry: dict[str, Any]) -> Any:
    import tomlkit

    t = tomlkit.table()
    t.add("name", entry["name"])
    t.add("sig", entry["sig"])
    rust = entry["rust"].strip("\n")
    t.add("rust", tomlkit.string(rust, multiline="\n" in rust))
    if entry.get("raises"):
        t.add("raises", True)
    if entry.get("doc"):
        t.add("doc", " ".join(entry["doc"].split()))
    arr = tomlkit.array()
    for v in entry.get("vectors", []):
        inner = tomlkit.array()
        inner.extend(v)
        arr.add_line(inner, indent="  ")
    arr.add_line(indent="")
    t.add("vectors", arr)
    return t


def append_entry(text: str | None, entry: dict[str, Any]) -> str:
    """The opslib file `text` (None: a new synth.toml) with `entry` appended as its
    last `[[op]]`; the text before it is kept as it was."""
    import tomlkit

    old = SYNTH_HEADER if text is None else text
    doc = tomlkit.parse(old)
    table = _entry_table(entry)
    aot = doc.get("op")
    if aot is None:
        doc.add(tomlkit.nl())
        doc.append("op", tomlkit.aot())
        aot = doc["op"]
    elif len(aot):
        aot[-1].add(tomlkit.nl())  # a blank line between entries
    aot.append(table)
    new = tomlkit.dumps(doc).rstrip("\n") + "\n"
    if not new.startswith(old.rstrip("\n")):
        raise SynthError("tomlkit would change the file's existing text; not writing")
    return new


def write_entry(path: Path, entry: dict[str, Any]) -> None:
    """Append `entry` to the opslib file `path`, atomically, checking it still loads."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    new = append_entry(old, entry)
    tmp = path.with_name(f".{path.name}.synth-{os.getpid()}")
    tmp.write_text(new, encoding="utf-8")
    try:
        ops = read_op_file(tmp)
        if not ops or ops[-1].name != entry["name"] or ops[-1].sig != entry["sig"]:
            raise SynthError(f"{path.name} does not end with the new entry once written")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    from pycomp.opslib import load_library

    load_library.cache_clear()


# ---------------------------------------------------------------- the loop


Complete = Callable[[list[dict[str, str]]], str]


def litellm_complete(model: str, api_base: str | None = None, timeout: float = 300.0
                     ) -> Complete:
    """A chat completion function through litellm (`LITELLM_LOCAL_MODEL_COST_MAP`
    set, so importing it needs no network)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydantic's, about litellm's own types
            import litellm
    except ImportError as e:
        raise SynthError("`pycomp ops synth` needs litellm: pip install litellm") from e

    def complete(messages: list[dict[str, str]]) -> str:
        kwargs: dict[str, Any] = {"model": model, "messages": messages, "timeout": timeout,
                                  "num_retries": 0}
        if api_base:
            kwargs["api_base"] = api_base
            kwargs["api_key"] = os.environ.get("PYCOMP_SYNTH_API_KEY", "unused")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                resp = litellm.completion(**kwargs)
        except Exception as e:
            raise SynthError(f"the model call failed: {type(e).__name__}: {e}") from e
        content = resp.choices[0].message.content
        return content if isinstance(content, str) else ""

    return complete


@dataclass
class Attempt:
    reply: str
    entry: dict[str, Any] | None
    error: str  # empty when admitted


@dataclass
class SynthResult:
    name: str
    file: str
    admitted: bool
    entry: dict[str, Any] | None = None
    attempts: list[Attempt] = field(default_factory=list)


def feedback(error: str) -> str:
    return (f"Your draft was rejected: {error}\n\nFix it and reply with the whole corrected "
            "[[op]] entry in one ```toml block.")


def synth(name: str, complete: Complete, attempts: int = 3, lib_dir: Path | None = None,
          write: bool = True, force: bool = False,
          log: Callable[[str], None] = lambda s: None) -> SynthResult:
    """Draft `name` with `complete`, check it, and (with `write`) add it to the library."""
    lib = lib_dir or opslib_dir()
    ops = read_library(lib)
    if any(op.name == name for op in ops) and not force:
        raise SynthError(f"the library already has {name} (--force drafts another overload)")
    file = target_file(name, lib)
    messages = build_messages(name, ops, file, lib)
    result = SynthResult(name, file, False)
    for n in range(1, attempts + 1):
        log(f"attempt {n}/{attempts}: asking the model")
        reply = complete(messages)
        entry: dict[str, Any] | None = None
        try:
            entry = parse_reply(reply, name, ops)
            log(f"  draft {name}{entry['sig']}: making vectors")
            inputs = make_vectors(entry, file)
            if len(inputs.vectors) < 3:  # the library wants 3 vectors an op at least
                raise DraftError(
                    f"only {len(inputs.vectors)} of the generated inputs can be vectors "
                    f"({'; '.join(inputs.dropped[:5]) or 'no more inputs of these types'}): "
                    "add `vectors` of your own to the entry, each a list of Python literals "
                    "as strings, one per parameter")
            entry["vectors"] = inputs.vectors
            log(f"  {len(inputs.vectors)} vectors ({len(inputs.dropped)} inputs dropped); "
                "compiling")
            check = check_draft(entry, file, lib)
            if not check.ok:
                raise DraftError(check.message)
        except DraftError as e:
            error = str(e)
            log(f"  rejected: {error.splitlines()[0] if error else ''}")
            result.attempts.append(Attempt(reply, entry, error))
            messages = [*messages, {"role": "assistant", "content": reply},
                        {"role": "user", "content": feedback(error)}]
            continue
        result.attempts.append(Attempt(reply, entry, ""))
        result.entry = entry
        result.admitted = True
        log(f"  matches CPython on all {check.total} vectors")
        if write:
            write_entry(lib / file, entry)
            log(f"added {name}{entry['sig']} to {lib / file}")
        return result
    return result


def entry_text(entry: dict[str, Any]) -> str:
    import tomlkit

    doc = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(_entry_table(entry))
    doc.append("op", aot)
    return tomlkit.dumps(doc)


def _worker_main(mode: str) -> int:
    payload = json.loads(sys.stdin.read())
    if mode == "eval":
        _worker_eval(payload)
    elif mode == "check":
        _worker_check(payload)
    else:
        return 2
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--worker":
        sys.exit(_worker_main(args[1]))
    print("usage: pycomp ops synth NAME (this module's own command line is for its workers)",
          file=sys.stderr)
    sys.exit(2)
