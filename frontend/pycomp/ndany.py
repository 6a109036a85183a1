"""Entry points taking `np.ndarray` without a dtype (issue 11).

`def classify(logits: np.ndarray) -> list[int]:` is what users write; the host may pass
an array of any dtype, and numpy computes with the one it gets. The entry is compiled
once per dtype it can take: each dtype in `DTYPES` for one top-level untyped array
parameter, each combination of `PAIR_DTYPES` for two, becomes a private copy (`classify__float32`,
`classify__float32_int64` ...) typed with those dtypes and inferred like any function.
The copies that type-check are kept; the others are dropped (their dtypes are refused
at call time). The entry itself becomes a dispatcher taking `pcrt::NdAny` arrays: it
matches the arguments' dtypes and calls the copy compiled for them, or raises
`TypeError: classify() argument 'logits' must be ndarray of dtype float32, ... or bool,
not ndarray[int8]` (the loader raises the same before the call).

This module decides the copies, the dispatcher's types (`NdAnyT`) and its Rust text;
`infer.Inferrer.run` infers the copies, `emit` prints the dispatcher.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

from pycomp import ir
from pycomp.diagnostics import Diagnostic, DiagnosticSink
from pycomp.types import NdAnyT, NdArrayT, Type, rust_type

# The dtypes an untyped entry array may have, in the order messages list them.
DTYPES = ("float32", "float64", "int64", "int32", "bool", "int8", "uint8", "int16", "uint16",
          "uint32", "float16")
# With two untyped arrays, each takes the first five only (25 copies, not 100).
PAIR_DTYPES = DTYPES[:5]
# More such parameters than this (125 copies for three) keep E011.
MAX_OPEN_PARAMS = 2


@dataclasses.dataclass
class Split:
    """An entry compiled per dtype: the entry as written, its untyped array parameters,
    and each copy's name with the dtypes it was compiled for (one per open parameter)."""

    entry: ir.Function
    open_params: tuple[str, ...]
    variants: list[tuple[str, tuple[str, ...]]]
    # the errors of each copy that did not type-check
    failed: dict[str, list[Diagnostic]] = dataclasses.field(default_factory=dict)


def open_entry_params(fn: ir.Function) -> tuple[str, ...] | None:
    """The untyped `np.ndarray` parameters of entry `fn` to dispatch on, or None when it
    has none or cannot be split (an untyped array nested in another type, too many)."""
    from pycomp.infer import has_open_dtype

    if not fn.is_entry:
        return None
    names = []
    for p in fn.params:
        if p.annotation is None or not has_open_dtype(p.annotation, resources=False):
            continue
        if not isinstance(p.annotation, NdArrayT) or p.kind in ("args", "kwargs"):
            return None  # `list[np.ndarray]`, `np.ndarray | None`: E011 asks for the dtype
        names.append(p.name)
    if not names or len(names) > MAX_OPEN_PARAMS:
        return None
    return tuple(names)


def split_entries(functions: list[ir.Function]) -> dict[str, Split]:
    """Replace (in place) each entry with untyped array parameters by its per-dtype
    copies; the splits by entry name."""
    splits: dict[str, Split] = {}
    out: list[ir.Function] = []
    for fn in functions:
        names = open_entry_params(fn)
        if names is None:
            out.append(fn)
            continue
        split = Split(fn, names, [])
        for combo in itertools.product(DTYPES if len(names) == 1 else PAIR_DTYPES,
                                       repeat=len(names)):
            dtype_of = dict(zip(names, combo))
            name = f"{fn.name}__{'_'.join(combo)}"
            params = tuple(
                dataclasses.replace(p, annotation=NdArrayT(dtype_of[p.name], p.annotation.ndim))
                if p.name in dtype_of and isinstance(p.annotation, NdArrayT) else p
                for p in fn.params)
            out.append(dataclasses.replace(fn, name=name, is_entry=False, params=params))
            split.variants.append((name, combo))
        splits[fn.name] = split
    functions[:] = out
    return splits


def dispatchers(functions: list[ir.Function], splits: dict[str, Split],
                sink: DiagnosticSink) -> list[ir.Function]:
    """`functions` (typed, the failed copies left out) with each split entry's
    dispatcher before its copies."""
    by_name = {f.name: f for f in functions}
    made: dict[str, ir.Function] = {}
    for name, split in splits.items():
        kept = [(v, combo) for v, combo in split.variants if v in by_name]
        if not kept:
            # no dtype type-checks: the errors of the first (float32) copy, as written
            for d in split.failed.get(split.variants[0][0], []):
                sink.error(d.code, d.message, d.span, help=d.help, notes=d.notes)
            continue
        ret = result_type(split.entry, [by_name[v] for v, _ in kept], sink)
        if ret is None:
            continue
        params: list[ir.Param] = []
        for p in split.entry.params:
            t = p.annotation
            if p.name in split.open_params:
                i = split.open_params.index(p.name)
                ndim = t.ndim if isinstance(t, NdArrayT) else None
                t = NdAnyT(tuple(d for d in DTYPES if any(c[i] == d for _, c in kept)), ndim)
            else:
                t = by_name[kept[0][0]].params[len(params)].annotation
            params.append(dataclasses.replace(
                p, annotation=t, default=by_name[kept[0][0]].params[len(params)].default))
        made[name] = dataclasses.replace(
            split.entry, params=tuple(params), returns=ret, body=(), locals=())
    # each dispatcher where its entry was: before its first kept copy
    before = {next(v for v, _ in splits[n].variants if v in by_name): d
              for n, d in made.items()}
    out = []
    for f in functions:
        if f.name in before:
            out.append(before[f.name])
        out.append(f)
    return out


def result_type(entry: ir.Function, copies: list[ir.Function],
                sink: DiagnosticSink) -> Type | None:
    """The dispatcher's result: the copies' when they agree, an `NdAnyT` when they differ
    only in an array's dtype (`-> np.ndarray` of a softmax), else E011 (None)."""
    rets = [c.returns for c in copies]
    assert all(r is not None for r in rets)
    if all(r == rets[0] for r in rets):
        return rets[0]
    if all(isinstance(r, NdArrayT) and isinstance(r.dtype, str) and r.ndim == rets[0].ndim
           for r in rets if isinstance(rets[0], NdArrayT)):
        dtypes = [r.dtype for r in rets if isinstance(r, NdArrayT) and isinstance(r.dtype, str)]
        if len(dtypes) == len(rets):
            ndim = rets[0].ndim if isinstance(rets[0], NdArrayT) else None
            return NdAnyT(tuple(d for d in DTYPES if d in dtypes), ndim)
    shown = ", ".join(f"`{r}` for {c.name.split('__', 1)[1].replace('_', ' and ')}"
                      for r, c in zip(rets, copies))
    sink.error("E011", f"the result of `{entry.name}` has a type that depends on the dtype "
                       f"of its arrays: {shown}", entry.name_span or entry.span,
               help="annotate the arrays' dtype (`npt.NDArray[np.float32]`), or convert the "
                    "result to one type (`float(...)`, `.astype(np.float32)`)")
    return None


def is_dispatcher(fn: ir.Function) -> bool:
    return fn.is_entry and any(isinstance(p.annotation, NdAnyT) for p in fn.params)


def copy_names(fn: ir.Function) -> list[str]:
    """The names the copies of dispatcher `fn` may have (those kept are in the module)."""
    dtypes = [p.annotation.dtypes for p in fn.params if isinstance(p.annotation, NdAnyT)]
    return [f"{fn.name}__{'_'.join(combo)}" for combo in itertools.product(*dtypes)]


def dispatcher_rust(fn: ir.Function, copies: dict[str, ir.Function],
                    borrowed: Callable[[ir.Function], set[str]],
                    views: Callable[[ir.Function], dict[str, set[str]]],
                    rust_fn_name: Callable[[str], str],
                    rust_ident: Callable[[str], str]) -> str:
    """The Rust text of the dispatcher `fn` (its array parameters are `&pcrt::NdAny`,
    the others owned): a `match` on the arrays' dtypes calling the copy compiled for
    them (`copies`: by name), else the TypeError naming the parameter."""
    open_params = [p for p in fn.params if isinstance(p.annotation, NdAnyT)]
    assert fn.returns is not None
    sig = ", ".join(f"{rust_ident(p.name)}: "
                    + ("&pcrt::NdAny" if isinstance(p.annotation, NdAnyT)
                       else rust_type(p.annotation))  # type: ignore[arg-type]
                    for p in fn.params)
    doc = (fn.doc or "").strip().splitlines()
    lines = [*(f"/// {line}".rstrip() for line in doc[:1]), *(["///"] if doc else []),
             (f"/// `{fn.name}` for the dtypes of its arrays (`pcrt::NdAny`): calls the "
              "copy compiled for them, or raises the `TypeError` of a dtype it is not "
              "compiled for."),
             f"pub fn {rust_fn_name(fn.name)}({sig}) -> pcrt::PyResult<{rust_type(fn.returns)}> {{"]
    scrutinee = ", ".join(rust_ident(p.name) for p in open_params)
    lines.append(f"    match ({scrutinee},) {{")
    for name, copy in copies.items():
        combo = name.rsplit("__", 1)[1]
        dtypes = combo.split("_")  # no dtype has an underscore
        pats = ", ".join(f"pcrt::NdAny::{_variant(d)}({rust_ident(p.name)})"
                         for p, d in zip(open_params, dtypes))
        taken, viewed = borrowed(copy), views(copy)
        args = []
        for p in copy.params:
            x = rust_ident(p.name)
            if p.name in viewed:
                args.append(f"&{x}.iter().map(String::as_str).collect::<Vec<&str>>()")
            elif any(p.name == o.name for o in open_params):
                args.append(x if p.name in taken else f"{x}.clone()")
            elif p.name in taken:
                args.append(f"&{x}")
            else:
                args.append(x)
        call = f"crate::{rust_fn_name(name)}({', '.join(args)})"
        if isinstance(fn.returns, NdAnyT):
            call = f"{call}.map(pcrt::NdAny::from)"
        lines.append(f"        ({pats},) => {call},")
    combos = {tuple(name.rsplit("__", 1)[1].split("_")) for name in copies}
    lines.extend(_refusals(fn.name, open_params, combos, rust_ident))
    lines.append("    }")
    lines.append("}")
    return "\n".join(lines)


def _refusals(name: str, open_params: list[ir.Param], combos: set[tuple[str, ...]],
              rust_ident: Callable[[str], str]) -> list[str]:
    """The dispatcher's arms for the dtypes it is not compiled for: a parameter's dtype
    no copy takes, then (two arrays) the second's dtype no copy takes with the first's;
    a last `_` arm (guards do not count, and `pcrt::NdAny` has more dtypes); none when
    the copies take every dtype it holds (the arm would be unreachable)."""
    from pycomp.emit import rust_str

    def refuse(p: ir.Param, dtypes: list[str], context: str) -> str:
        accepted = ", ".join(rust_str(d) for d in dtypes)
        return (f"Err({rust_ident(p.name)}.dtype_error({rust_str(name)}, {rust_str(p.name)}, "
                f"&[{accepted}], {rust_str(context)}))")

    if len(open_params) == 1 and set(combos) == {(d,) for d in DTYPES}:
        return []  # a copy for every dtype `pcrt::NdAny` holds: nothing is refused
    arms = []
    for p in open_params:
        # (always: `pcrt::NdAny` also holds dtypes no copy is compiled for, int8 ...)
        assert isinstance(p.annotation, NdAnyT)
        others = ", ".join(rust_ident(q.name) if q is p else "_" for q in open_params)
        taken = " | ".join(f"pcrt::NdAny::{_variant(d)}(_)" for d in p.annotation.dtypes)
        arms.append(f"        ({others},) if !matches!({rust_ident(p.name)}, {taken}) => "
                    + refuse(p, list(p.annotation.dtypes), "") + ",")
    if len(open_params) == 2:
        first, second = open_params
        assert isinstance(first.annotation, NdAnyT) and isinstance(second.annotation, NdAnyT)
        for d1 in first.annotation.dtypes:
            with_d1 = [d2 for d2 in DTYPES if (d1, d2) in combos]
            if len(with_d1) == len(second.annotation.dtypes):
                continue
            arms.append(f"        (pcrt::NdAny::{_variant(d1)}(_), {rust_ident(second.name)}) => "
                        + refuse(second, with_d1, f" when '{first.name}' is ndarray[{d1}]")
                        + ",")
    # the patterns name the compiled dtypes only: a last arm is always needed
    arms.append(f"        _ => Err({rust_ident(open_params[0].name)}.dtype_error("
                f"{rust_str(name)}, {rust_str(open_params[0].name)}, &[], \"\")),")
    return arms


def _variant(dtype: str) -> str:
    return {"float32": "Float32", "float64": "Float64", "int64": "Int64", "int32": "Int32",
            "bool": "Bool", "int8": "Int8", "uint8": "UInt8", "int16": "Int16",
            "uint16": "UInt16", "uint32": "UInt32", "float16": "Float16"}[dtype]
