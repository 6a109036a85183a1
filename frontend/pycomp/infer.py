"""infer: type propagation over the IR.

Starts from the annotations of parameters and the values of module constants,
pushes types forward through every expression, resolves each operator, builtin
call and method call to an op of the op library by the types of its
arguments, and rebuilds the IR with every expression typed. Empty containers
get inference variables that later uses fix (`out = []` then
`out.append(s)`); a final pass replaces every variable by what it stands for.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pycomp import (
    functional,
    generics,
    ir,
    ndany,
    pycollections,
    pylogging,
    pyre,
    sessionrun,
    strformat,
    strtemplate,
    tuples,
    zipstar,
)
from pycomp.cells import changed_in_place
from pycomp.diagnostics import Diagnostic, DiagnosticSink, InternalError, Span
from pycomp.names import (
    EXC_ARGS_FIELD,
    EXC_ARGS_REPR_FIELD,
    EXC_MESSAGE_FIELD,
    RAISED,
    cell_variable,
    global_cell_class,
    is_cell_class,
    is_global_cell_class,
    rust_const,
    rust_ident,
)
from pycomp.nptyping import (
    EMPTY_BOOL_LIST_FUNCTIONS,
    EMPTY_LIST_FUNCTIONS,
    SCALAR_FUNCTIONS,
    holds_array,
    scalar_conversion,
)
from pycomp.numpy_blas import numpy_blas_library
from pycomp.openarrays import (
    open_array,
    open_dtypes,
    rank_of,
    returned_ranks,
    unpassed_array,
    with_rank,
)
from pycomp.opslib import OpLibrary, OpSpec
from pycomp.scopes import (
    HOIST,
    BlockMemo,
    Decl,
    always_exits,
    check_definite_assignment,
    child_blocks,
    expr_names,
    lambda_bound_names,
    plan_declarations,
)
from pycomp.types import (
    BOOL,
    BUILTIN_EXCEPTIONS,
    BYTES,
    DTYPES,
    DYN,
    FLOAT,
    INT,
    NONE,
    OPAQUE_RUST,
    OS_ERROR_FIELDS,
    OS_ERRORS,
    SHARED_HANDLES,
    STR,
    UNICODE_ERRORS,
    BoolT,
    ByteArrayT,
    BytesT,
    CallableT,
    ClassRefT,
    ClassT,
    DequeT,
    DictT,
    DTypeT,
    DynT,
    ErrT,
    ExcClassT,
    ExcKindT,
    ExcT,
    FloatT,
    FuncT,
    GenT,
    IntT,
    IterableT,
    IterT,
    ListT,
    ModuleT,
    NdArrayT,
    NoneT,
    OpaqueT,
    OptionalT,
    OutputsT,
    PVar,
    SetT,
    StrT,
    Subst,
    TupleT,
    TVar,
    Type,
    VarTupleT,
    abi_compatible,
    dtype_named,
    dyn_convertible,
    has_dyn,
    has_tvars,
    hashable,
    holds_function,
    isinstance_class,
    manifest_type,
    mentions_bytes,
    mentions_class,
    mentions_error,
    mentions_frozenset,
    mentions_generator,
    mentions_identity_compared,
    mentions_keyed,
    mentions_opaque,
    mentions_unprintable,
    plain_value,
    static_isinstance,
)


def _open_items(t: Type) -> list[TVar]:
    """The type variables of an empty literal's items (`[]`, `{}`, `[[]]`)."""
    match t:
        case TVar():
            return [t]
        case ListT(x) | VarTupleT(x) | SetT(x) | OptionalT(x):
            return _open_items(x)
        case DictT(k, v):
            return _open_items(k) + _open_items(v)
        case TupleT(items):
            return [v for i in items for v in _open_items(i)]
    return []


def tvars_of(t: Type) -> list[TVar]:
    """The dtype variables of the arrays in `t`."""
    match t:
        case NdArrayT(dtype=TVar() as d):
            return [d]
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x):
            return tvars_of(x)
        case TupleT(items):
            return [v for i in items for v in tvars_of(i)]
        case DictT(_, v):
            return tvars_of(v)
    return []


def has_open_dtype(t: Type, resources: bool = True) -> bool:
    """Whether an annotation holds an `np.ndarray` without a dtype (`x: np.ndarray`), or
    (with `resources`) a session without its model (`sess: ort.InferenceSession`): the
    values decide."""
    cls = type(t)
    if cls in _SCALAR_TYPES:
        return False
    if cls is NdArrayT:
        return t.dtype == "?"  # type: ignore[union-attr]
    if cls is OpaqueT:
        return resources and t.detail == "?"  # type: ignore[union-attr]
    if cls in _OPEN_ITEM_TYPES:
        return has_open_dtype(t.item, resources)  # type: ignore[union-attr]
    if cls is TupleT:
        return any(has_open_dtype(i, resources) for i in t.items)  # type: ignore[union-attr]
    if cls is DictT:
        return has_open_dtype(t.value, resources)  # type: ignore[union-attr]
    return False


# The types whose `item` has_open_dtype looks into.
_OPEN_ITEM_TYPES: frozenset[type] = frozenset({ListT, VarTupleT, DequeT, SetT, OptionalT})


# What `isinstance(x, cls)` tells about a dynamic value `x` inside the branch.
# Exception classes of stdlib modules, as `except` names them -> the runtime's
# `ExcKind` (templates/runtime/error.rs).
# Functions called on a builtin type (`str.maketrans(...)`, `bytes.fromhex(...)`).
TYPE_FUNCTIONS = {("str", "maketrans"), ("bytes", "fromhex"), ("int", "from_bytes")}

MODULE_EXCEPTIONS = {"json.JSONDecodeError": "JSONDecodeError",
                     "JSONDecodeError": "JSONDecodeError", "re.error": "ReError",
                     "statistics.StatisticsError": "StatisticsError",
                     "StatisticsError": "StatisticsError",
                     "io.UnsupportedOperation": "UnsupportedOperation",
                     "binascii.Error": "BinasciiError",
                     "IOError": "OSError", "EnvironmentError": "OSError"}

DYN_NARROWING: dict[str, Type] = {
    "str": STR, "int": INT, "float": FLOAT, "bool": BOOL, "list": ListT(DYN),
    "dict": DictT(DYN, DYN),
}

# builtins that take any iterable and iterate an array as `for` does (rows, or
# numpy scalars of a 1-D array); the others (sorted, max, sum ...) are not
# compiled for arrays.
ARRAY_ITERATING_OPS = frozenset({"enumerate", "zip", "list", "unpack2", "unpack3", "unpack4",
                                 "unpack5"})
BINOP_NAMES = {"+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"}
# what CPython does by an object's identity or address, of a library object that has no
# other (`string.Template`: types.mentions_unprintable)
_PRINTED = ("CPython prints the object's memory address (`<string.Template object at "
            "0x...>`), which compiled code cannot match; print its `.template`")
_PRINTED_LIBRARY = ("CPython prints this library object by its memory address (`<unlocked "
                    "_thread.lock object at 0x...>`) or by state compiled code does not "
                    "keep; print what you need of it")
_COMPARED = "CPython compares these objects by identity: compare their `.template`"
_PRINTING = frozenset({"str", "repr", "format", "print"})
# an exception's chain and traceback, which compiled exceptions do not carry
_CHAIN_ATTRS = frozenset({"__cause__", "__context__", "__traceback__", "__suppress_context__"})
_EXCEPTION_CHAIN = ("compiled exceptions carry their class, message and the class's fields, "
                    "not the chain (`__cause__`, `__context__`) nor a traceback: keep what you "
                    "need of the cause in a field of your exception (`raise AppError(str(e)) "
                    "from e`)")
_BY_IDENTITY = {"str": _PRINTED, "repr": _PRINTED, "format": _PRINTED, "print": _PRINTED,
                "==": _COMPARED, "!=": _COMPARED, "in": _COMPARED}
# builtins that may stop pulling items before the end (each has a `Generator[...]`
# overload): a generator expression given to one stays lazy, as in CPython
# builtins walking their iterable arguments (an instance's `__iter__`, as a `for` does)
_WALKING_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "sum", "min",
                               "max", "any", "all", "enumerate", "zip", "dict"})
_STOPPING_EARLY = frozenset({"any", "all", "next", "zip", "enumerate", "iter",
                             "itertools.islice", "itertools.takewhile"})


_JOINS = frozenset({"numpy.concatenate", "numpy.stack", "numpy.vstack", "numpy.hstack"})


@dataclass
class Var:
    rust: str
    ty: Type
    borrowed: bool = False  # a `&str` / `&[T]` parameter not yet copied
    is_param: bool = False
    nonneg: bool = False  # a comprehension variable over a range that never goes below 0


@dataclass
class FuncSig:
    name: str
    params: list[ir.Param]
    param_types: list[Type]
    ret: Type
    fn: ir.Function
    # an open `-> np.ndarray` before the body's returns gave it their ranks
    open_ret: Type | None = None


@dataclass
class ModuleInfo:
    constants: dict[str, tuple[str, Type]] = field(default_factory=dict)
    functions: dict[str, FuncSig] = field(default_factory=dict)
    modules: dict[str, str] = field(default_factory=dict)  # alias -> module
    from_names: dict[str, str] = field(default_factory=dict)  # name -> module


def _abi_help(t: Type, fn: str) -> str:
    """What to do about a parameter or result type of an entry point that has no ABI form."""
    if isinstance(t, ByteArrayT):
        return "an entry point takes and returns `bytes` (a bytes parameter accepts a " \
            "bytearray from Python): copy it into a local `bytearray(data)` to change it, " \
            "return `bytes(buf)`"
    plain = "a list (`list(d)`, `deque(xs)` inside)" if isinstance(t, DequeT) else \
        "a dict (`dict(c)`)" if isinstance(t, DictT) and t.kind else \
        "plain dicts (`[dict(c) for c in counts]`)" if pycollections.nested_kind(t) else \
        "a plain value"
    return f"an entry point takes and returns {plain}; or name the function `_{fn}` " \
        "(not exported) to use it as a helper"


def type_name(t: Type) -> str:
    """The receiver name methods are filed under in the op library."""
    match t:
        case StrT():
            return "str"
        case BytesT():
            return "bytes"
        case ByteArrayT():
            return "bytearray"
        case IntT():
            return "int"
        case FloatT():
            return "float"
        case BoolT():
            return "bool"
        case ListT():
            return "list"
        case DictT():
            return "dict"
        case SetT():
            return "set"
        case DequeT():
            return "deque"
        case TupleT() | VarTupleT():
            return "tuple"
        case OptionalT():
            return "optional"
        case NdArrayT():
            return "ndarray"
        case OpaqueT(name=name):
            return name
        case DynT():
            return "Any"
        case ClassT(name=name):
            return name
        case ExcT(cls=cls):
            return cls or "BaseException"
        case ExcKindT():
            return "type[BaseException]"
        case _:
            return str(t)


# `type(x).__name__` of a value whose static type fixes its class
_STATIC_CLASS_NAMES: dict[type, str] = {
    IntT: "int", FloatT: "float", StrT: "str", BoolT: "bool", NoneT: "NoneType",
    BytesT: "bytes", ListT: "list", SetT: "set", DictT: "dict", TupleT: "tuple",
    VarTupleT: "tuple", DequeT: "deque",
}


class Inferrer:
    def __init__(self, mod: ir.Module, lib: OpLibrary, sink: DiagnosticSink):
        self.mod = mod
        self.lib = lib
        self.sink = sink
        self.subst = Subst()
        self.info = ModuleInfo()
        self.assets: list[tuple[str, str]] = []  # (name in the bundle, absolute path)
        self.unhashable_reported: set[str] = set()
        self.compare_reported: set[Span] = set()
        self.dict_as_is: set[Span] = set()  # dynamic values a kinded dict may become
        from pycomp.infer_classes import ClassTable

        self.classes = ClassTable(mod, sink, self.subst.fresh)
        # overload_key -> (with implicit conversions, index of the op that applied)
        self.overloads: dict[tuple[object, ...], tuple[bool, int]] = {}
        # `np.ndarray` parameters without a dtype (see infer_early, check_open_params)
        self.early: dict[str, ir.Function] = {}
        self.inferring: set[str] = set()
        self.specialized: dict[str, ir.Function] = {}  # copies typed by other dtypes
        self.open_params: set[int] = set()  # their dtype variables
        # functions whose array parameters have their ranks (from the first call), and
        # those whose body did not compile with them (openarrays.py)
        self.ranked: set[str] = set()
        self.unranked: set[str] = set()
        self.done: set[str] = set()  # functions inferred
        # plain generic functions (pycomp.generics): not inferred as written; their
        # copies by the TypeVars' types, in self.specialized
        self.generics = {fn.name: fn for fn in mod.functions if generics.is_generic(fn)}
        self.generic_copies: dict[tuple[str, tuple[Type, ...]], str] = {}
        # the note on an error in a copy's body: the call it was made for (generics.copy_note)
        self.copy_notes: dict[str, str] = {}

    def module_constant(self, name: str) -> ir.Expr | None:
        """The value expression of the module constant `name` (None: no such constant)."""
        return next((c.value for c in self.mod.constants if c.name == name), None)

    def default_value(self, e: ir.Expr) -> ir.Expr:
        """A parameter default naming a module constant bound once to a literal
        (`batch_size: int = BATCH_SIZE`): that literal, the value CPython evaluates when
        it defines the function (a constant a function rebinds is a cell, not a name
        here, so the literal is the one value it ever holds). Any other default as is."""
        if not isinstance(e, ir.Name) or [c.name for c in self.mod.constants].count(e.id) != 1:
            return e
        value = self.module_constant(e.id)
        if value is None or any(isinstance(n, ir.Name) for n in ir.walk(value)) or \
                const_value(value) is NOT_CONST and not isinstance(value, ir.UnaryOp):
            return e
        return value

    def module_constant_type(self, name: str) -> Type | None:
        known = self.info.constants.get(name)
        return None if known is None else self.subst.resolve(known[1])

    def asset(self, literal: str, span: Span) -> str | None:
        """Resolve a resource file named in the source, relative to the source's folder."""
        from pycomp.shared_resources import resource_file

        p = resource_file(self.mod.file, literal)
        if not p.is_file():
            self.sink.error("E090", f"resource file `{literal}` not found (looked for {p})", span,
                            help="paths are resolved against the folder of the source file; the "
                                 "file is copied into the bundle's assets/")
            return None
        for name, path in self.assets:
            if path == str(p):
                return str(p)
        name = p.name
        taken = {n for n, _ in self.assets}
        i = 1
        while name in taken:
            name = f"{i}_{p.name}"
            i += 1
        self.assets.append((name, str(p)))
        return str(p)

    def asset_name(self, path: str) -> str:
        for name, p in self.assets:
            if p == path:
                return name
        raise InternalError(f"unknown asset {path}")

    def setup_stmt(self, st: ir.ExprStmt) -> ir.ExprStmt | None:
        fi = FunctionInferrer(self, None)
        fi.setup_mode = True
        v = fi.expr(st.value)
        if isinstance(v, ir.OpCall) and v.op.file == "logging.toml":
            return ir.ExprStmt(v, st.span)  # basicConfig, setLevel: run by pcrt's logging setup
        if isinstance(v.ty, ErrT):
            return None  # reported where it is written
        if not (isinstance(v, ir.OpCall) and "self" in v.op.mutated
                and isinstance(dict(v.args).get("self"), ir.Name)):
            self.sink.error("E004", "only calls configuring a module-level resource may stand "
                                    "at module level", st.span,
                            help="e.g. `tokenizer.enable_padding()`; move other code into a "
                                 "function")
            return None
        return ir.ExprStmt(v, st.span)

    # ------------------------------------------------------------- module

    def run(self) -> ir.Module:
        for imp in self.mod.imports:
            if imp.names:
                for n in imp.names:
                    self.info.from_names[n] = imp.module
            else:
                self.info.modules[imp.alias] = imp.module
        self.classes.build()
        self.helpers_with_open_arrays()
        # an entry with `np.ndarray` parameters: a copy per dtype, then a dispatcher
        splits = ndany.split_entries(self.mod.functions)
        copies = {v: s for s in splits.values() for v, _ in s.variants}
        # signatures read annotations only; a constant may call a function or a class
        for fn in self.mod.functions:
            if fn.name in self.generics:
                self.info.functions[fn.name] = FuncSig(
                    fn.name, list(fn.params), [generics.parameter_type(p.annotation)
                                               for p in fn.params if p.annotation is not None],
                    fn.returns or self.subst.fresh(), fn)
                continue
            self.signature(fn)
        constants = [self.constant(c) for c in self.mod.constants]
        setup = [self.setup_stmt(s) for s in self.mod.setup]
        # a private function with `np.ndarray` parameters is inferred at its first call,
        # which gives their dtypes; one never called, last
        waiting = {fn.name for fn in self.mod.functions if not fn.is_entry and any(
            p.annotation is not None and has_open_dtype(p.annotation) for p in fn.params)}
        done: dict[str, ir.Function] = {}
        # an inherited method's copy that does not type-check for the subclass (a
        # classmethod's `cls(2.0)` where the subclass's __init__ differs) is an error only
        # where it is called: CPython fails only when it runs
        broken: dict[str, list[Diagnostic]] = {}
        for fn in sorted(self.mod.functions, key=lambda f: f.name in waiting):
            if fn.name in self.generics:
                continue
            if fn.owner is not None and fn.name.count(".") == 2 and fn.name not in self.early:
                mark, snap = len(self.sink.items), self.subst.snapshot()
                done[fn.name] = self.function(fn)
                errors = [d for d in self.sink.items[mark:] if d.severity == "error"]
                if errors:
                    del self.sink.items[mark:]
                    self.subst.restore(snap)
                    broken[fn.name] = errors
                continue
            if fn.name in copies:
                # a dtype the copy does not type-check with is refused at call time
                mark, snap = len(self.sink.items), self.subst.snapshot()
                specialized = set(self.specialized)
                done[fn.name] = self.early.get(fn.name) or self.function(fn)
                errors = [d for d in self.sink.items[mark:] if d.severity == "error"]
                if errors:
                    del self.sink.items[mark:]
                    self.subst.restore(snap)
                    for key in set(self.specialized) - specialized:
                        del self.specialized[key]
                    copies[fn.name].failed[fn.name] = errors
                continue
            done[fn.name] = self.early.get(fn.name) or self.function(fn)
        # a dispatcher that may run a broken copy (the object's class's) is broken too
        via = {f.name: n.func for f in done.values() if ".__pcv_" in f.name
               for n in ir.walk(f.body) if isinstance(n, ir.UserCall) and n.func in broken}
        broken.update({d: broken[copy] for d, copy in via.items()})
        functions = [done[fn.name] for fn in self.mod.functions if fn.name not in broken
                     and not (fn.name in copies and fn.name in copies[fn.name].failed)
                     and fn.name not in self.generics]
        if broken:
            self.report_broken_copies(functions, broken, via)
        made: set[str] = set()
        while len(made) < len(self.specialized):  # a copy's calls may make more
            for key, copy in list(self.specialized.items()):
                if key not in made:
                    made.add(key)
                    functions.append(self.early.get(key) or self.function(copy))
        classes = [self.typed_class(c) for c in self.mod.classes]
        self.check_global_cells(constants)
        self.check_function_cells()
        self.check_records(functions)
        self.classes.check_family_fields(self.subst.resolve)
        self.classes.check_slots()
        typed = [self.zonk(f) for f in functions]
        if splits:
            typed = ndany.dispatchers(typed, splits, self.sink)
        out = ir.Module(self.mod.name, self.mod.file, self.mod.doc, self.mod.imports,
                        [self.zonk(c) for c in constants], typed,
                        [self.zonk(s) for s in setup if s is not None], list(self.assets),
                        classes, list(self.mod.exceptions))
        if not any(f.is_entry for f in out.functions) and not self.sink.has_errors:
            self.sink.error("E070", "the module has no entry points", Span(self.mod.file, 1, 1, 1, 2),
                            help="annotate every parameter and the return of a public function, "
                                 "e.g. `def embed(texts: list[str]) -> list[float]:`")
        return out

    def helpers_with_open_arrays(self) -> None:
        """A public function with an `np.ndarray` parameter without a dtype that other
        functions of the module call (`def softmax(x: np.ndarray)`, a helper in all but
        name) is compiled as a helper, typed by those calls, and not exported (W003):
        an entry would have to take every dtype a host may pass. One that nothing calls
        stays an entry, and E011 asks for the dtype (check_open_params)."""
        if not any(p.annotation is not None and has_open_dtype(p.annotation)
                   for fn in self.mod.functions for p in fn.params):
            return  # the common case: no walk
        called = {node.func.id for fn in self.mod.functions for node in ir.walk(fn.body)
                  if isinstance(node, ir.Call) and isinstance(node.func, ir.Name)}
        for i, fn in enumerate(self.mod.functions):
            open_params = [p for p in fn.params
                           if p.annotation is not None and has_open_dtype(p.annotation)]
            if not fn.is_entry or fn.name not in called or not open_params:
                continue
            p = open_params[0]
            self.sink.warning("W003", f"`{fn.name}` is compiled as a helper of this module, "
                                      f"not exported: its parameter `{p.name}` is an array "
                                      "without a dtype",
                              p.annotation_span or p.span,
                              help="to call it from the host too, annotate the dtype: "
                                   "`npt.NDArray[np.float32]`")
            self.mod.functions[i] = dataclasses.replace(fn, is_entry=False)

    def report_broken_copies(self, functions: list[ir.Function],
                             broken: dict[str, list[Diagnostic]], via: dict[str, str]) -> None:
        """The errors of each broken inherited copy, at every call that runs it (or may:
        a dispatcher calling it, `via`)."""
        for f in functions:
            for n in ir.walk(f.body):
                key = n.func if isinstance(n, ir.UserCall) else \
                    n.init if isinstance(n, ir.New) else None
                if key not in broken:
                    continue
                cls, definer, m = via.get(key, key).split(".")  # type: ignore[arg-type]
                runs = "may run here (the object's class)" if key in via else "runs here"
                note = (f"`{definer}.{m}` {runs} for a `{cls}`, called at line "
                        f"{n.span.line}")  # type: ignore[attr-defined]
                for d in broken[key]:  # type: ignore[index]
                    self.sink.error(d.code, d.message, d.span, help=d.help, notes=(note,))

    def check_annotation_keys(self, t: Type, span: Span) -> None:
        """E034 for an annotation whose dict keys or set items Rust cannot hash as CPython
        does (floats: `-0.0 == 0.0`, NaN), at any depth."""
        match t:
            case DictT(k, v):
                if not hashable(k):
                    self.sink.error("E034", f"`{k}` cannot be a dict key here", span,
                                    help="use str, int, bool or tuples of them as keys")
                self.check_annotation_keys(k, span)
                self.check_annotation_keys(v, span)
            case SetT(item):
                if not hashable(item):
                    self.sink.error("E034", f"`{item}` cannot be a set item here", span,
                                    help="use str, int, bool or tuples of them as items")
                self.check_annotation_keys(item, span)
            case ListT(item) | VarTupleT(item) | DequeT(item) | OptionalT(item):
                self.check_annotation_keys(item, span)
            case TupleT(items):
                for i in items:
                    self.check_annotation_keys(i, span)

    def check_global_cells(self, constants: list[ir.Constant]) -> None:
        """A module variable functions change (pycomp.globalcells) is one process-wide
        value: it must be `Send`, as a function value's cell (no class instances)."""
        for c in constants:
            t = c.annotation and self.subst.resolve(c.annotation)
            if not (isinstance(t, ClassT) and is_global_cell_class(t.name)):
                continue
            info = self.classes.classes.get(t.name)
            held = self.subst.resolve(info.fields["v"]) if info is not None else t
            if not _sendable(held) or holds_function(held):
                self.sink.error(
                    "E002", f"the module variable `{cell_variable(c.name)}` (a `{held}`) is "
                            "changed by functions", c.span,
                    help="module-level state changed by functions may hold numbers, strings, "
                         "and lists, dicts and sets of them; class instances stay on the "
                         "thread that made them: keep them in a local or pass them along")

    def check_function_cells(self) -> None:
        """A variable nested functions change (pycomp.cells) lives in a cell object, which
        cannot hold function values (a dispatch table a nested `register` fills)."""
        for c in self.mod.classes:
            info = self.classes.classes.get(c.name)
            if not is_cell_class(c.name) or is_global_cell_class(c.name) or info is None:
                continue
            held = self.subst.resolve(info.fields["v"])
            if holds_function(held):
                self.sink.error(
                    "E002", f"`{c.name.split('_', 4)[-1]}` (a `{held}`) holds "
                            "functions and is changed by a nested function", c.span,
                    help="fill it in the function that makes it (`table[name] = fn`), or "
                         "have the nested function return what it adds")

    def check_records(self, functions: list[ir.Function]) -> None:
        """Instances cross the ABI as records of their fields (docs/abi.md): every field
        must itself cross, and a class may not contain itself."""
        records = self.classes.records(self.subst.resolve)
        for fn in functions:
            if not fn.is_entry:
                continue
            checks = [(p.annotation, p.annotation_span or p.span, f"parameter `{p.name}`")
                      for p in fn.params]
            checks.append((fn.returns, fn.name_span or fn.span, "the return type"))
            for i, (t, span, what) in enumerate(checks):
                if t is None or not mentions_class(self.subst.resolve(t)):
                    continue
                arg = i < len(fn.params)
                why = self.classes.polymorphic_in(self.subst.resolve(t), self.subst.resolve,
                                                  arg)
                if why is not None:
                    self.sink.error("E103", f"{what} of `{fn.name}` (`{t}`) cannot cross the "
                                            "ABI", span, help=why)
                    continue
                try:
                    manifest_type(self.subst.resolve(t), records)
                except (ValueError, RecursionError):
                    self.sink.error("E103", f"{what} of `{fn.name}` (`{t}`) cannot cross the "
                                            "ABI", span,
                                    help="an instance crosses as a record of its fields: "
                                         "fields must be ints, floats, bools, str, lists, "
                                         "dicts, tuples, optionals, enums or other such "
                                         "classes, not the class itself")

    def typed_class(self, c: ir.ClassDef) -> ir.ClassDef:
        """The class with every field (inherited ones first) and its inferred type."""
        info = self.classes.classes[c.name]
        fields = []
        for name, t in info.fields.items():
            rt = self.subst.resolve(t)
            span = info.field_spans[name]
            if has_tvars(rt):
                self.sink.error("E032", f"cannot infer the type of field `{c.name}.{name}` "
                                        f"({rt})", span,
                                help=f"annotate it: `self.{name}: list[str] = []`")
            fields.append(ir.FieldDef(name, rt, None, None, span))
        # from here on `abstract` means CPython refuses to instantiate it
        return dataclasses.replace(c, fields=tuple(fields), abstract=info.abstract)

    def constant(self, c: ir.Constant) -> ir.Constant:
        fi = FunctionInferrer(self, None)
        # the annotation types what needs it (a dispatch table's lambdas)
        value = fi.expr(c.value, c.annotation if c.annotation is not None and not
                        has_open_dtype(c.annotation) else None)
        ty = value.ty
        assert ty is not None
        if isinstance(self.subst.resolve(ty), (CallableT, ExcClassT, ModuleT)):
            self.sink.error("E004", f"module constant `{c.name}` holds a `{ty}`, not a value",
                            c.span, help="module constants hold values: numbers, strings, "
                                         "containers, resources")
        elif isinstance(self.subst.resolve(ty), IterT):
            self.sink.error("E030", "a module-level constant cannot hold an iterator or a range",
                            c.span, help="store a list (`list(range(5))`), or call range(...) "
                                         "where it is used")
        if c.annotation is not None and has_open_dtype(c.annotation):
            # `X: np.ndarray = ...`: the value's dtype and rank
            if not self.subst.unify(self.open_dtypes(c.annotation), ty):
                fi.type_mismatch(c.annotation, ty, c.span, f"`{c.name}`")
            ty = self.subst.resolve(ty)
        elif c.annotation is not None:
            value = fi.coerce(value, c.annotation, c.span)
            ty = c.annotation
        self.info.constants[c.name] = (rust_const(c.name), ty)
        return ir.Constant(c.name, value, ty, c.span)

    def function(self, fn: ir.Function) -> ir.Function:
        """Infer one function; the errors in a generic function's copy note the call it
        was made for (`copy_notes`)."""
        note = self.copy_notes.get(fn.name)
        mark = len(self.sink.items)
        result = self.function_once(fn)
        if note is not None:
            self.sink.items[mark:] = [
                dataclasses.replace(d, notes=(*d.notes, note)) if d.severity == "error" and
                not any(n.startswith("in the copy of") for n in d.notes) else d
                for d in self.sink.items[mark:]]
        return result

    def function_once(self, fn: ir.Function) -> ir.Function:
        """Infer one function. A helper whose array parameters have the ranks of its call
        that does not compile with them (a branch on `x.ndim` indexing as another rank
        would) is inferred again with ranks unknown, as any array parameter's."""
        self.ranked.add(fn.name)
        self.done.add(fn.name)
        sig = self.info.functions.get(fn.name)
        ranks = [] if sig is None else [i for i, (p, t) in enumerate(
            zip(sig.params, sig.param_types)) if open_array(p.annotation) and rank_of(t) is not None]
        if not ranks:
            return self.inferred(fn)
        assert sig is not None
        mark, snap = len(self.sink.items), self.subst.snapshot()
        early, copies = set(self.early), set(self.specialized)
        result = self.inferred(fn)
        if not any(d.severity == "error" for d in self.sink.items[mark:]):
            return result
        del self.sink.items[mark:]
        self.subst.restore(snap)
        for name in set(self.early) - early:
            del self.early[name]
        for name in set(self.specialized) - copies:
            del self.specialized[name], self.info.functions[name]
        for i in ranks:
            sig.param_types[i] = with_rank(sig.param_types[i], None)
        self.unranked.add(fn.name)
        return self.inferred(fn)

    def inferred(self, fn: ir.Function) -> ir.Function:
        """Infer one function; a variable that turns out to hold None as well as values is
        given an optional type and the function inferred again."""
        hints: dict[str, Type] = {}
        self.inferring.add(fn.name)
        for _ in range(4):
            mark = len(self.sink.items)
            snap = self.subst.snapshot()
            early = set(self.early)
            fi = FunctionInferrer(self, fn, hints)
            result = fi.run()
            if not fi.new_hints or all(hints.get(k) == v for k, v in fi.new_hints.items()):
                break
            hints.update(fi.new_hints)
            del self.sink.items[mark:]
            self.subst.restore(snap)
            for name in set(self.early) - early:  # inferred with bindings now undone
                del self.early[name]
        self.inferring.discard(fn.name)
        self.check_open_params(fn)
        return result

    def open_dtypes(self, t: Type) -> Type:
        """`t` with each `np.ndarray` of an unspecified dtype given a dtype variable,
        which the values bound to it decide."""
        return open_dtypes(t, self.subst.fresh)

    def infer_early(self, name: str) -> None:
        """Infer the private function `name`, whose `np.ndarray` parameters its first call
        has just typed, before its caller goes on (which may use what it returns); also
        a module function returning an `np.ndarray` (its body tells the dtype and rank)."""
        sig = self.info.functions[name]
        if name in self.early or name in self.inferring:
            return
        if not sig.fn.is_entry:
            arrays = [r for r in map(self.subst.resolve, sig.param_types)
                      if isinstance(r, NdArrayT) and isinstance(r.dtype, str)]
            for t in sig.param_types:
                settled = unpassed_array(self.subst.resolve(t), arrays)
                if settled is not None:
                    self.subst.unify(t, settled)
        if sig.open_ret is not None and sig.fn.owner is None and name not in self.done:
            self.early[name] = self.function(sig.fn)
        if sig.fn.is_entry or not any(
                has_tvars(self.subst.resolve(t)) is False and has_open_dtype(p.annotation)
                for p, t in zip(sig.params, sig.param_types) if p.annotation is not None):
            return
        self.early[name] = self.function(sig.fn)

    def instance_for(self, name: str, sig: FuncSig, args: list[ir.Expr | None]
                     ) -> tuple[str, FuncSig]:
        """The function a call of `name` runs: `name` itself, or, when its `np.ndarray`
        parameters were typed by an earlier call with other dtypes, a copy of it typed by
        this call's (`_softmax` called with float32 and with float64 arrays is compiled
        twice, as numpy runs it with each)."""
        if sig.fn.is_entry:
            return name, sig
        # the ranks of the arrays passed to `x: np.ndarray` parameters (openarrays.py)
        ranks = [None if name in self.unranked or a is None or a.ty is None
                 or not open_array(p.annotation) else rank_of(self.subst.resolve(a.ty))
                 for p, a in zip(sig.params, args)]
        if name not in self.ranked:  # the first call decides them
            self.give_ranks(sig, ranks)
        keys: list[str] = []
        fits = True
        for p, t, a, n in zip(sig.params, sig.param_types, args, ranks):
            if p.annotation is None or not has_open_dtype(p.annotation) or a is None \
                    or a.ty is None:
                continue
            at = self.subst.resolve(a.ty)
            keys.append((at.dtype if isinstance(at, NdArrayT) and isinstance(at.dtype, str)
                         else re.sub(r"\W+", "_", str(at)).strip("_"))
                        + (f"_{n}d" if n is not None else "")
                        # a session of another model (`sess: ort.InferenceSession`)
                        + (f"_{zlib.crc32(at.detail.encode()):08x}"
                           if isinstance(at, OpaqueT) and at.detail else ""))
            snap = self.subst.snapshot()
            fits = fits and self.subst.unify(t, at) and rank_of(self.subst.resolve(t)) == n
            self.subst.restore(snap)
        if fits or not keys:
            return name, sig
        key = f"{sig.fn.name}__{'_'.join(keys)}"
        if key not in self.info.functions:
            copy = dataclasses.replace(sig.fn, name=key)
            self.specialized[key] = copy
            self.signature(copy)
            self.give_ranks(self.info.functions[key], ranks)
        return key, self.info.functions[key]

    def generic_copy(self, name: str, types: tuple[Type, ...], site: Span) -> str:
        """The copy of the generic function `name` for its TypeVars' `types`, made (and
        its signature read) on first use; an error in its body notes `site`, the first
        call it was made for."""
        key = (name, types)
        made = self.generic_copies.get(key)
        if made is not None and made in self.info.functions:
            copy = self.specialized[made]
            if copy.returns is None and made not in self.early and made not in self.inferring:
                self.early[made] = self.function(copy)  # (undone with a caller's attempt)
            return made
        fn = self.generics[name]
        made = generics.instance_name(fn, types, self.info.functions)
        copy = generics.copy_of(fn, types, made)
        if (note := generics.copy_note(fn, types, site)) is not None:
            self.copy_notes[made] = note
        self.generic_copies[key] = made
        self.specialized[made] = copy
        self.signature(copy)
        if copy.returns is None:  # its body tells the caller what it returns
            self.early[made] = self.function(copy)
        return made

    def give_ranks(self, sig: FuncSig, ranks: list[int | None]) -> None:
        """Type `sig`'s `x: np.ndarray` parameters with the ranks of a call's arrays."""
        self.ranked.add(sig.name)
        for i, n in enumerate(ranks):
            sig.param_types[i] = with_rank(sig.param_types[i], n)

    def check_open_params(self, fn: ir.Function) -> None:
        """E011 for an `np.ndarray` parameter without a dtype where nothing decides it: an
        entry's (the host may pass any dtype, numpy computes with the one it gets: the
        compiled entry cannot take them all), or a private function's that no call typed."""
        sig = self.info.functions.get(fn.name)
        if sig is None:
            return
        for p, t in zip(sig.params, sig.param_types):
            if p.annotation is None or not has_open_dtype(p.annotation):
                continue
            t = self.subst.resolve(t)
            if not fn.is_entry and not has_tvars(t):
                continue
            if not has_open_dtype(p.annotation, resources=False):
                # `sess: ort.InferenceSession`: the session (its model) comes from a call
                what = next((w for w in re.findall(r"\w+", str(p.annotation))
                             if w in OPAQUE_RUST), "object")
                self.sink.error(
                    "E011", f"parameter `{p.name}` needs the {what} a call passes: "
                    + ("a library object cannot cross the ABI" if fn.is_entry
                       else f"no call of `{fn.name}` passes one"),
                    p.annotation_span or p.span,
                    help=f"load the {what} at module level and pass it from the function "
                         "that uses it" if not fn.is_entry else
                    f"load the {what} at module level and use it in this function")
                continue
            how = ("the host may pass any dtype, and an entry is compiled once per dtype "
                   f"only for at most {ndany.MAX_OPEN_PARAMS} `np.ndarray` parameters, not for "
                   "arrays inside other types" if fn.is_entry
                   else f"no call of `{fn.name}` gives it an array")
            fix = "npt.NDArray[np.float32]"
            if isinstance(t, NdArrayT) and isinstance(t.dtype, str):
                fix = f"npt.NDArray[np.{t.dtype}]"  # what the body needs
            self.sink.error("E011", f"parameter `{p.name}` needs the array's dtype: {how}",
                            p.annotation_span or p.span,
                            help=f"annotate it with numpy.typing: `{fix}`")

    def signature(self, fn: ir.Function) -> None:
        types: list[Type] = []
        for p in fn.params:
            if p.annotation is None and p.name in fn.captured:
                types.append(self.subst.fresh())  # typed by the calls (pycomp.nested)
            elif p.annotation is None:
                self.sink.error("E010", f"parameter `{p.name}` of `{fn.name}` has no type "
                                        "annotation", p.span,
                                help=f"annotate it: `{p.name}: str`")
                types.append(self.subst.fresh())
            elif has_open_dtype(p.annotation):
                # a private function's first call decides the dtype (infer_early); an
                # entry's body must (check_open_params)
                types.append(self.open_dtypes(p.annotation))
                self.open_params.update(v.id for v in tvars_of(types[-1]))
            else:
                types.append(p.annotation)
        for i, t in enumerate(types):
            if isinstance(t, IterableT):
                # the list callers pass (as `Sequence[T]`); an iterator argument is E030
                types[i] = ListT(t.item)
        ret: Type
        if fn.is_generator:
            r = fn.returns
            if isinstance(r, (GenT, IterableT)):
                ret = GenT(r.item)
            else:
                self.sink.error("E011", f"generator function `{fn.name}` must be annotated to "
                                        "return `Iterator[T]`", fn.name_span or fn.span,
                                help="e.g. `def spans(text: str) -> Iterator[tuple[int, int]]:`")
                ret = GenT(self.subst.fresh())
        elif isinstance(fn.returns, IterableT):
            self.sink.error("E011", f"`{fn.name}` returns an `Iterable[...]`",
                            fn.name_span or fn.span,
                            help="annotate `list[T]` or `Iterator[T]`")
            ret = ListT(fn.returns.item)
        elif fn.returns is None:
            if fn.is_entry or not (fn.name.startswith("_") or fn.owner is not None):
                self.sink.error("E010", f"function `{fn.name}` has no return annotation",
                                fn.name_span or fn.span,
                                help="annotate the return: `def f(...) -> list[str]:`")
            ret = self.subst.fresh()
        elif has_open_dtype(fn.returns):
            ret = self.open_dtypes(fn.returns)  # the body tells the dtype and rank
        else:
            ret = fn.returns
        for p, t in zip(fn.params, types):
            self.check_annotation_keys(t, p.annotation_span or p.span)
        if fn.cache is not None:
            self.check_cached(fn, types)
        stored: set[str] | None = None  # walked for the first `Callable` parameter only
        for i, (p, t) in enumerate(zip(fn.params, types)):
            if isinstance(t, CallableT) and stored is None and not fn.is_generator \
                    and not holds_function(ret):
                stored = _stored_names(fn.body)
            if isinstance(t, CallableT) and (holds_function(ret) or p.name in (stored or ())) \
                    and not fn.is_generator:
                # a function making a function (a decorator, a factory) or storing one (a
                # `register` filling a dispatch table) keeps what it is given
                types[i] = t = FuncT(t.params, t.ret)
            if isinstance(t, (CallableT, FuncT)) and (
                    fn.is_generator or holds_function(t.ret)
                    or any(holds_function(x) for x in t.params)) \
                    or fn.is_generator and holds_function(t):
                self.sink.error("E011", f"parameter `{p.name}: {t}` is not supported",
                                p.annotation_span or p.span,
                                help="a function is compiled as a parameter of its own "
                                     "(`f: Callable[[int], str]`) of a function that is not a "
                                     "generator, taking and returning plain values")
        if holds_function(ret) and (fn.is_entry or fn.is_generator):
            self.sink.error("E011", f"`{fn.name}` returns a function", fn.name_span or fn.span,
                            help="a function cannot cross the ABI, nor be yielded; name the "
                                 f"function `_{fn.name}` (not exported) and call it from an "
                                 "entry point" if fn.is_entry else
                            "return the function from a plain function")
        if fn.returns is not None:
            self.check_annotation_keys(ret, fn.name_span or fn.span)
        if fn.is_entry:
            for p, t in zip(fn.params, types):
                if p.kind in ("args", "kwargs"):
                    self.sink.error("E011", f"`{'*' if p.kind == 'args' else '**'}{p.name}` "
                                            "cannot cross the ABI", p.span,
                                    help=f"take a `{t}` parameter in the entry point, or name "
                                         f"the function `_{fn.name}` (not exported)")
                elif mentions_generator(t):
                    # an iterator streams out of an entry point, never in
                    self.sink.error("E011", f"parameter type `{t}` cannot cross the ABI: an "
                                            "iterator is only an entry point's whole result",
                                    p.annotation_span or p.span,
                                    help="take a list (`list[...]`: the host passes one, and "
                                         "`for x in xs` reads it as the iterator would), or "
                                         f"name the function `_{fn.name}` (not exported) to "
                                         "use it as a stage of the module's own pipeline")
                elif not mentions_class(t) and not abi_compatible(t) and not (
                        p.annotation and has_open_dtype(p.annotation)):
                    self.sink.error("E011", f"parameter type `{t}` cannot cross the ABI",
                                    p.annotation_span or p.span, help=_abi_help(t, fn.name))
            if not isinstance(ret, GenT) and mentions_generator(ret):
                self.sink.error("E011", f"return type `{ret}` cannot cross the ABI: an "
                                        "iterator is only an entry point's whole result",
                                fn.name_span or fn.span,
                                help="return the iterator alone, or a list of its items "
                                     f"(`list(...)`); or name the function `_{fn.name}` "
                                     "(not exported) to use it as a helper")
            elif fn.returns is not None and not mentions_class(ret) and (
                    not has_tvars(ret) or mentions_opaque(fn.returns)) \
                    and not holds_function(ret) and not abi_compatible(ret):
                # (`-> Tokenizer`: typed by what the body returns, never a plain value)
                self.sink.error("E011", f"return type `{fn.returns if has_tvars(ret) else ret}` "
                                        "cannot cross the ABI",
                                fn.name_span or fn.span, help=_abi_help(ret, fn.name))
        self.info.functions[fn.name] = FuncSig(
            fn.name, list(fn.params), types, ret, fn,
            open_ret=ret if fn.returns is not None and has_open_dtype(fn.returns) else None)

    def check_cached(self, fn: ir.Function, types: list[Type]) -> None:
        """A cached function's arguments are the keys of its cache (E034 if Rust cannot hash
        them as CPython does); a generator is refused (its cached object is used up once)."""
        assert fn.cache is not None
        if fn.is_generator:
            self.sink.error("E002", f"a cached generator function `{fn.name}` is not supported",
                            fn.cache.span, help="CPython's cache would hand every caller the "
                                                "same generator, used up by the first; cache "
                                                "a function returning a list instead")
        for p, t in zip(fn.params, types):
            if not hashable(t) or isinstance(t, DynT):
                self.sink.error("E034", f"parameter `{p.name}: {t}` of cached function "
                                        f"`{fn.name}` cannot be a cache key",
                                p.annotation_span or p.span,
                                help="a cached function's parameters may be int, bool, str, "
                                     "None, and tuples and optionals of these")

    # -------------------------------------------------------------- zonk

    def zonk(self, node: Any) -> Any:
        """Replace inference variables by their solutions, everywhere in a node.
        What holds none comes back as the same object (no copy)."""
        cls = type(node)
        if cls in _ZONK_TYPES:
            return self.subst.resolve(node)
        if cls is tuple:
            out = None
            for i, x in enumerate(node):
                xcls = type(x)
                if xcls in _ZONK_ATOMS:
                    continue
                nx = self.subst.resolve(x) if xcls in _ZONK_TYPES else self.zonk(x)
                if nx is not x:
                    if out is None:
                        out = list(node)
                    out[i] = nx
            return node if out is None else tuple(out)
        if cls is list:
            return [self.zonk(x) for x in node]
        plan = _ZONK_PLANS.get(cls)
        if plan is None:
            plan = _ZONK_PLANS[cls] = _zonk_plan(cls)
        names, is_expr = plan
        if names is None:
            return node
        if cls is ir.DeferredTruth:
            value = self.zonk(node.value)
            if isinstance(self.subst.resolve(value.ty), BoolT):
                return value
            return self.zonk(FunctionInferrer(self, None).resolve_op("truth", [value], {},
                                                                      node.span))
        if cls is ir.OpCall and node.op.name.startswith("json.dump"):
            # JSON writes a Counter, defaultdict or OrderedDict as the dict it is
            self.dict_as_is.update(a.span for _, a in node.args if isinstance(a, ir.Coerce))
        changes = {}
        resolve = self.subst.resolve
        for name in names:
            v = getattr(node, name)
            vcls = type(v)
            if vcls in _ZONK_ATOMS:
                continue  # nothing to resolve in a name, a number, a span, a scalar type
            nv = resolve(v) if vcls in _ZONK_TYPES else self.zonk(v)
            if nv is not v:
                changes[name] = nv
        if is_expr and node.ty is not None:
            t = changes.get("ty", node.ty)
            if type(t) not in _SCALAR_TYPES:
                self.check_zonked_type(node, t)
        out = dataclasses.replace(node, **changes) if changes else node
        if cls is ir.OpCall:
            self.check_compared(out)
            pycollections.check_observed(self, out)
        elif cls is ir.Coerce:
            pycollections.check_dynamic(self, out)
        return out

    def check_compared(self, call: ir.OpCall) -> None:
        """E100 for an op comparing values (`sorted`, `max`, `in`, `list.index`, `==` of
        lists) whose objects the runtime cannot compare as CPython does
        (ClassTable.compare_fault): a base class's family whose override takes a narrower
        `other`."""
        name = call.op.name
        if _orders(name) or name in ("<", "<=", ">", ">="):
            ops: tuple[str, ...] = ("<", "<=", ">", ">=")
        elif name in ("==", "!=", "in", "not in") or name.endswith(
                (".index", ".count", ".remove")):
            ops = ("==",)
        else:
            return
        args = dict(call.args)
        key = args.get("key")
        # ordered by a key: the keys are compared, not the items
        compared = [key.ty.ret] if key is not None and isinstance(key.ty, (
            CallableT, FuncT)) else [a.ty for a in args.values() if a.ty is not None]
        if len(ops) > 1 and call.span not in self.compare_reported:
            direct = compared if key is not None else [t for _, t in call.tvars]
            held = next((t for t in direct if self.classes.unordered(t)), None)
            if held is not None:
                self.compare_reported.add(call.span)
                self.sink.error("E041", f"`{name}` orders `{held}` objects, and their class "
                                        "defines no `__lt__` nor `__gt__`", call.span,
                                help="CPython raises TypeError for two of them; define "
                                     "`__lt__` (or use `@dataclass(order=True)`), or order "
                                     "by a key: `sorted(xs, key=lambda x: x.score)`")
                return
        for t in compared:
            fault = self.classes.compare_fault(t, ops)
            if fault is not None and call.span not in self.compare_reported:
                self.compare_reported.add(call.span)
                root, why = fault
                self.sink.error("E100", f"`{name}` compares `{root}` objects of classes known "
                                        "at run time only, which is not supported",
                                call.span, help=why + "; compare values of one class, or "
                                "guard `other: object` with `isinstance`")
                return

    def check_zonked_type(self, node: Any, t: Type) -> None:
        """What a resolved expression type must not be: unknown, a container keyed by
        what compiled code cannot hash."""
        if has_tvars(t) and isinstance(t, NdArrayT) and isinstance(t.dtype, TVar):
            # an array whose dtype no call gave (a helper whose callers did not compile
            # reads its parameter everywhere): once, not at each use
            if f"E032 {t}" not in self.unhashable_reported:
                self.unhashable_reported.add(f"E032 {t}")
                self.sink.error("E032", f"cannot infer the dtype of this array ({t})",
                                node.span, help="it comes from a call that did not compile "
                                "(see the other errors), or annotate it: "
                                "`npt.NDArray[np.float32]`")
        elif has_tvars(t):
            self.sink.error("E032", f"cannot infer the type of this value ({t})", node.span,
                            help="annotate the variable: `out: list[str] = []`")
        if not mentions_keyed(t):
            return  # no key to hash nor compare
        keys = self.classes.keys_fault(t)
        if keys is not None and f"keys {keys[0]}" not in self.unhashable_reported:
            # keys of equal hashes are compared with `==` (the trait impl's)
            self.unhashable_reported.add(f"keys {keys[0]}")
            self.sink.error("E100", f"`{keys[0]}` keys compare `{keys[1]}` objects of classes "
                                    "known at run time only, which is not supported",
                            node.span, help=keys[2] + "; key the dict by values of one "
                            "class, or guard `other: object` with `isinstance`")
        key = _unhashable_key(t)
        if key is not None and str(key) not in self.unhashable_reported:
            # an empty container whose key type a later use fixed (`d[x] = 1`)
            self.unhashable_reported.add(str(key))
            self.sink.error("E034", f"`{key}` cannot be a dict key or set item here",
                            node.span, help="use str, int, bool or tuples of them as keys")


# Builtins that read their arguments' values and keep none of them (see resolve_among)
_CONSUMING_BUILTINS = frozenset({"len", "range", "abs", "round", "int", "float", "bool",
                                 "divmod", "pow", "chr", "hex", "bin", "oct", "ord",
                                 "getitem", "slice", "neg", "pos", "invert", "in"})


def _consumes_its_arguments(op: str) -> bool:
    """Whether op `op` only reads its arguments: an operator other than `setitem`, a method
    of str, int or float, or one of `_CONSUMING_BUILTINS`."""
    return op in _CONSUMING_BUILTINS or op.startswith(("str.", "int.", "float.")) or (
        not re.match(r"[A-Za-z_]", op))


def _differs(op: OpSpec, kinds: list[type | None]) -> bool:
    """Whether a positional argument's type is of another kind than its parameter's
    (`str` for `list[T]`): then `op` cannot take the arguments as they are."""
    wanted = _PARAM_KINDS.get(op)
    if wanted is None:
        wanted = _PARAM_KINDS[op] = tuple(
            None if p.is_path or type(p.type) in _OPEN_PATTERNS else type(p.type)
            for p in op.positional)
    for want, kind in zip(wanted, kinds):
        if want is not None and kind is not None and kind is not want and kind is not TVar:
            return True
    return False


# Parameter types whose kind does not decide a match by itself.
_OPEN_PATTERNS: frozenset[type] = frozenset({PVar, IterableT, CallableT, DTypeT})
# op -> the kind of each positional parameter (None: not decided by its kind alone)
_PARAM_KINDS: dict[OpSpec, tuple[type | None, ...]] = {}


def _unorderable(t: Type) -> str | None:
    """Why CPython may not order values of type `t` with `<` (Rust's PartialOrd orders
    `None` first and has none for dicts), or None: a None, a dict or a set among them."""
    match t:
        case OptionalT() | NoneT():
            return "None compares with nothing"
        case DictT():
            return "dicts have no order"
        case SetT():
            return "sets are ordered by inclusion only"
        case TupleT(items):
            return next((w for i in items if (w := _unorderable(i)) is not None), None)
        case ListT(x) | VarTupleT(x) | DequeT(x):
            return _unorderable(x)
    return None


def _orders(name: str) -> bool:
    """Whether the op `name` compares its values with `<` (Rust's PartialOrd)."""
    found = _ORDERS.get(name)
    if found is None:
        found = _ORDERS[name] = name in ("max", "min", "sorted", "list.sort") or \
            name.startswith(("heapq.", "bisect."))
    return found


_ORDERS: dict[str, bool] = {}  # op name -> _orders(name), asked at every overload attempt


def _type_decided(op: OpSpec) -> bool:
    """Whether the argument types alone decide if `op` applies (not the argument
    expressions: a lambda, a file path literal, a dtype literal, a typing hook's view of
    constants)."""
    decided = _TYPE_DECIDED.get(op)
    if decided is None:
        decided = _TYPE_DECIDED[op] = not op.typing and not any(
            p.is_path or isinstance(p.type, (CallableT, DTypeT)) for p in op.params)
    return decided


# op -> _type_decided(op), asked for every overload of every call
_TYPE_DECIDED: dict[OpSpec, bool] = {}


def _param_order(op: OpSpec) -> dict[str, int]:
    """Each parameter name of `op` -> its position (the keywords a call may give)."""
    order = _PARAM_ORDER.get(op)
    if order is None:
        order = _PARAM_ORDER[op] = {p.name: i for i, p in enumerate(op.params)}
    return order


_PARAM_ORDER: dict[OpSpec, dict[str, int]] = {}


# The types whose `item` match_type matches with the actual type's.
_MATCHED_ITEM_TYPES: frozenset[type] = frozenset({ListT, VarTupleT, DequeT, IterT, GenT,
                                                  OptionalT})
# The types `zonk` resolves (every other node it walks field by field).
_ZONK_TYPES: frozenset[type] = frozenset({
    IntT, FloatT, BoolT, StrT, NoneT, ListT, SetT, DictT, TupleT, OptionalT, IterT, TVar,
    CallableT, NdArrayT, DTypeT, GenT})
# Field values with nothing to resolve inside (zonk skips them without a call), and
# the dataclasses it never enters.
_SCALAR_TYPES: frozenset[type] = frozenset({IntT, FloatT, BoolT, StrT, NoneT})
_ZONK_ATOMS: frozenset[type] = frozenset(
    {str, int, float, bool, type(None), Span, OpSpec} | _SCALAR_TYPES)
_ZONK_LEAVES: frozenset[type] = frozenset({OpSpec, Span})
# class -> (the fields zonk enters, None for a class it never enters; whether it is an
# expression)
_ZONK_PLANS: dict[type, tuple[tuple[str, ...] | None, bool]] = {}
# Field annotations of IR nodes whose values zonk leaves as they are (no type inside).
_ZONK_ATOM_FIELDS = frozenset({"Span", "Span | None", "str", "str | None", "bool", "int",
                               "OpSpec", "OpSpec | None", "tuple[str, ...]",
                               "tuple[str, ...] | None"})


def _zonk_plan(cls: type) -> tuple[tuple[str, ...] | None, bool]:
    if cls in _ZONK_LEAVES or not dataclasses.is_dataclass(cls):
        return None, False
    fields = dataclasses.fields(cls)
    if not fields:
        return None, False
    return tuple(f.name for f in fields if not (cls.__module__ == "pycomp.ir" and isinstance(
        f.type, str) and f.type in _ZONK_ATOM_FIELDS)), cls in ir.EXPR_CLASSES


def _pure_int(e: ir.Expr) -> bool:
    """An int expression that neither raises nor has effects: names, literals, len() of a
    name, and + - * of such."""
    match e:
        case ir.Name() | ir.Const():
            return True
        case ir.Coerce(value=v):
            return _pure_int(v)
        case ir.OpCall(op=op, args=args) if op.name == "len" and len(args) == 1:
            return isinstance(args[0][1], ir.Name)
        case ir.OpCall(op=op, args=args) if op.name in ("+", "-", "*") and len(args) == 2:
            return all(_pure_int(v) for _, v in args)
    return False


class FunctionInferrer:
    def __init__(self, parent: Inferrer, fn: ir.Function | None,
                 hints: dict[str, Type] | None = None):
        self.hints = dict(hints or {})
        self.new_hints: dict[str, Type] = {}
        self.allow_coerce = True
        self.array_items = False
        # inside the `key=` of an op that only orders by it (`max`, `sorted` ...)
        self.ordering_key = False
        # names (and fields, `obj.f`: `field_narrowing`) known not to be None here
        self.narrowed: dict[str, Type] = {}
        # local names last bound to a slice numpy holds as a strided view (W012)
        self.strided_names: dict[str, Span] = {}
        self.body_end: dict[str, Type] = {}  # `narrowed` at the end of the last block
        self.field_epoch = 0  # counts `drop_fields`: a block that changed it ran code
        self.p = parent
        self.fn = fn
        self._discard_read: bool | None = None
        self.sink = parent.sink
        self.lib = parent.lib
        self.subst = parent.subst
        self.vars: dict[str, Var] = {}
        self.plan: dict[str, Decl | str] = {}
        self.locals: dict[str, Type] = {}  # hoisted locals: rust name -> type
        self.hoisted_order: list[str] = []
        self.depth_stack: list[tuple[int, ...]] = []
        self.ret: Type = NONE
        self.returned: list[Type] = []  # the types of the values returned
        self.yield_item: Type | None = None  # in a generator function: what it yields
        self.tmp = 0
        self.lambda_scopes: list[dict[str, Var]] = []
        # (dict, key, scopes): `for key in dict` loops and generators over a defaultdict's
        # own keys, where `dict[key]` cannot insert (see walked_key_read), with the number
        # of lambda scopes open there
        self.walked_keys: list[tuple[str, str, int]] = []
        self.nonneg_names: set[str] = set()  # int locals never negative (range loop variables)
        # set by Inferrer.setup_stmt: module-level configuration calls may use `{&mut self}` ops
        self.setup_mode = False
        # Per-block facts asked at every level of a nest (an `elif` chain): kept by identity.
        self.exits_memo = BlockMemo()
        self.written_memo: dict[int, tuple[tuple[ir.Stmt, ...], frozenset[str]]] = {}
        from pycomp.infer_classes import ClassTyping

        self.cls = ClassTyping(self)

    # ----------------------------------------------------------- function

    def run(self) -> ir.Function:
        fn = self.fn
        assert fn is not None
        sig = self.p.info.functions[fn.name]
        self.ret = sig.open_ret or sig.ret
        if fn.is_generator:
            # `return` ends the generator; what it yields is typed by the annotation
            assert isinstance(sig.ret, GenT)
            self.yield_item, self.ret = sig.ret.item, NONE
        self.plan = plan_declarations(fn)
        # the names the body assigns; also memoises each nested block's (written_in), which
        # the narrowing of names asks again after every `if` and loop
        assigned_params = self.written_in(fn.body)
        for p, t in zip(fn.params, sig.param_types):
            # a generator outlives the call: it owns its parameters
            borrowed = isinstance(self.subst.resolve(t), (StrT, ListT, DictT, SetT, NdArrayT)) \
                and p.name not in assigned_params and not fn.is_generator
            self.vars[p.name] = Var(rust_ident(p.name), t, borrowed=borrowed, is_param=True)
        params = []
        for p, t in zip(fn.params, sig.param_types):
            default = None
            if p.default is not None and _mutable_default(p.default) and \
                    p.name in changed_in_place(fn.body):
                # the memo idiom: `def fib(n, memo: dict[int, int] = {})`
                self.sink.error("E012", f"`{p.name}`'s default is one object CPython makes "
                                        "once and every call that omits it changes (a cache "
                                        "outliving each call, shared by all threads in "
                                        "compiled code); it is not compiled",
                                p.default.span,
                                help="for a memo, drop the parameter and decorate the function "
                                     "with `@functools.cache` (compiled: one cache for every "
                                     f"call and thread); for a fresh value at each call, "
                                     f"`{p.name}: {p.annotation} | None = None`, then "
                                     f"`if {p.name} is None: {p.name} = ...`")
            elif p.default is not None and _mutable_default(p.default):
                self.sink.error("E012", "a mutable default is not compiled: CPython makes it "
                                        "once and shares it between calls",
                                p.default.span, help=f"use None as the default and make the "
                                f"value inside: `{p.name}: {p.annotation} | None = None`, then "
                                f"`if {p.name} is None: {p.name} = ...`")
            elif p.default is not None:
                default = self.expr(self.p.default_value(p.default))
                if not isinstance(default, ir.Const) and not fn.is_entry and \
                        _immutable_constant(default):
                    # `strategy: Strategy = Strategy.GREEDY`, `stop: tuple[str, ...] = ()`:
                    # one value however often it is made, so each call making it (infer's
                    # calls evaluate a missing argument's default) is CPython's
                    default = self.coerce(default, t, p.span)
                elif not isinstance(default, ir.Const):
                    self.sink.error("E012", "a parameter default must be a literal constant"
                                    + (" in an entry point (the host fills it in)"
                                       if fn.is_entry and _immutable_constant(default) else ""),
                                    p.default.span if hasattr(p.default, "span") else p.span,
                                    help=f"use None as the default and make the value "
                                         f"inside: `{p.name}: {p.annotation} | None = None`, "
                                         f"then `if {p.name} is None: {p.name} = ...`")
                    # typed by the annotation (`frozenset()`), so its open item type
                    # adds no E032
                    self.subst.unify(default.ty, t)  # type: ignore[arg-type]
                else:
                    default = self.coerce(default, t, p.span)
            params.append(ir.Param(p.name, t, default, p.span, p.annotation_span, p.kind))
        body = self.block(fn.body, ())
        check_definite_assignment(fn, self.sink, set(self.plan))
        if not fn.is_generator and not always_exits(fn.body) and not isinstance(
                self.subst.resolve(self.ret), (NoneT, OptionalT, TVar)):
            self.sink.error("E033", f"`{fn.name}` can reach its end without returning a "
                                    f"`{self.ret}`", fn.name_span or fn.span,
                            help="Python would return None there; add a return or raise at "
                                 "the end")
        if isinstance(self.subst.resolve(self.ret), TVar):
            self.subst.unify(self.ret, NONE)
        if sig.open_ret is not None:  # `-> np.ndarray`: the rank of what the body returns
            sig.ret = returned_ranks(self.subst.resolve(sig.open_ret), fn.returns,
                                     [self.subst.resolve(t) for t in self.returned])
        locals_ = tuple((n, self.locals[n]) for n in self.hoisted_order)
        return ir.Function(fn.name, tuple(params), sig.ret, body, fn.doc, fn.span, fn.is_entry,
                           fn.name_span, locals_, fn.is_generator, fn.owner, fn.decorator,
                           fn.cache, fn.captured)

    # --------------------------------------------------------- statements

    def block(self, stmts: tuple[ir.Stmt, ...], path: tuple[int, ...]) -> tuple[ir.Stmt, ...]:
        out = []
        for s in stmts:
            r = self.stmt(s)
            if r is not None:
                out.append(r)
        return tuple(out)

    def stmt(self, s: ir.Stmt) -> ir.Stmt | None:
        out = self._stmt(s)
        if self.narrowed and self.has_field_narrowing() and _may_change_fields(s):
            self.drop_fields()  # a field or an item assigned (maybe through another name)
        if isinstance(out, ir.Assign):
            self.narrow_field_assigned(out)
        return out

    def narrow_field_assigned(self, s: ir.Assign) -> None:
        """`self._session = ort.InferenceSession(...)` of a field typed `T | None`: the
        field holds that value from here until something may change it, as a test
        narrows it (so `if self._x is None: self._x = load()` then `return self._x`, the
        lazy loading idiom, reads a `T`)."""
        if len(s.targets) != 1 or not isinstance(t := s.targets[0], ir.AttrTarget):
            return
        found = self.field_narrowing(ir.Attribute(t.value, t.attr, t.span))
        v = s.value.value if isinstance(s.value, ir.Coerce) else s.value  # to `T | None`
        vt = self.subst.resolve(v.ty) if v.ty is not None else None
        if found is not None and vt is not None and not isinstance(
                vt, (OptionalT, NoneT, DynT, TVar, ErrT)):
            self.narrowed[found[0]] = found[1]

    def _stmt(self, s: ir.Stmt) -> ir.Stmt | None:
        match s:
            case ir.Assign(targets=targets, value=value, span=span):
                expected = _annotated_type(targets)
                if expected is not None and has_open_dtype(expected):
                    # `rows: list[np.ndarray] = []`: the arrays put in decide the dtype
                    expected = self.p.open_dtypes(expected)
                if expected is None and len(targets) == 1 and isinstance(
                        targets[0], ir.NameTarget) and targets[0].id in self.vars and isinstance(
                        held := self.subst.resolve(self.vars[targets[0].id].ty), FuncT):
                    expected = held  # a variable holding a function: the lambda's types
                elif expected is None and len(targets) == 1 and isinstance(
                        t0 := targets[0], ir.SubscriptTarget) and isinstance(
                        t0.value, ir.Name) and t0.value.id in self.vars:
                    # `table[k] = lambda ...`: typed by the table's functions
                    match self.subst.resolve(self.vars[t0.value.id].ty):
                        case DictT(value=FuncT() as held) | ListT(item=FuncT() as held):
                            expected = held
                elif expected is None and len(targets) == 1 and isinstance(
                        t0 := targets[0], ir.NameTarget) and (isinstance(
                        value, ir.Comprehension) and value.kind == "list" and isinstance(
                        value.elt, ir.Lambda) or isinstance(value, ir.ListLit) and value.elts
                        and all(isinstance(x, ir.Lambda) for x in value.elts)):
                    expected = self.lambda_list_type(t0.id)
                v = self.unzipped(value, targets) or self.expr(value, expected=expected)
                vinfo = self.p.classes.of(self.subst.resolve(v.ty))  # type: ignore[arg-type]
                if vinfo is not None and vinfo.d.kind == "namedtuple" and any(
                        isinstance(t, ir.TupleTarget) for t in targets):
                    v = self.cls.astuple(v)
                v = self.unpacked(v, targets)
                if isinstance(v, ir.Comprehension) and isinstance(v.ty, IterT):
                    v = dataclasses.replace(v, ty=GenT(v.ty.item))  # stored: stays lazy
                elif isinstance(v.ty, IterT):
                    self.sink.error("E030", "an iterator cannot be stored in a variable",
                                    value.span, help="store a list: `list(...)`, or make a "
                                                     "generator with `iter(...)`")
                ts = tuple(self.bind_target(t, v.ty, s) for t in targets)  # type: ignore[arg-type]
                for t in targets:
                    if isinstance(t, ir.NameTarget):
                        self.strided_names.pop(t.id, None)
                        if (view := _strided_view(v)) is not None:
                            self.strided_names[t.id] = view  # its text when reported
                if len(ts) == 1:
                    self.narrow_once_set(targets[0], v)
                    if not (isinstance(v.ty, OutputsT) and isinstance(ts[0], ir.TupleTarget)):
                        # (`logits, pooled = session.run(...)`: each output taken by the
                        # lowering, typed by bind_target)
                        v = self.coerce(v, ts[0].ty or v.ty, span)  # type: ignore[arg-type]
                return ir.Assign(ts, v, span)
            case ir.AugAssign(target=target, op=op, value=value, span=span):
                cur = self.target_as_expr(target)
                v = self.expr(value)
                if any(has_dyn(self.subst.resolve(x.ty)) for x in (cur, v)  # type: ignore[arg-type]
                       ) and self.lib.lookup(op + "="):
                    result = self.resolve_op(op + "=", [cur, v], {}, span)
                else:
                    result = self.binop(op, cur, v, span, cur.ty)
                    ct = self.subst.resolve(cur.ty)  # type: ignore[arg-type]
                    if isinstance(ct, NdArrayT) and ct.ndim != 0 and isinstance(
                            self.subst.resolve(v.ty), NdArrayT) and isinstance(  # type: ignore[arg-type]
                            self.subst.resolve(result.ty), NdArrayT):  # type: ignore[arg-type]
                        # numpy writes `a op= b` into `a`: a larger broadcast shape raises
                        result = self.resolve_op("__nd_inplace_result", [cur, result], {}, span)
                t = self.bind_target(target, result.ty, s, augmented=True)  # type: ignore[arg-type]
                return ir.AugAssign(t, op, self.coerce(result, t.ty or result.ty, span),  # type: ignore[arg-type]
                                    span)
            case ir.ExprStmt(value=value, span=span):
                if (logged := pylogging.log_stmt(self, value, span)) is not None:
                    return logged
                return ir.ExprStmt(self.expr(value), span)
            case ir.If(test=test, body=body, orelse=orelse, span=span):
                c = self.cond(test)
                yes, no = self.narrowing(test)
                tb = self.narrowed_block(body, yes)
                body_end, self.body_end = self.body_end, {}
                ob = self.narrowed_block(orelse, no)
                # after `if x is None: return`, x is known not to be None
                exits_body = always_exits(body, self.exits_memo)
                exits_orelse = always_exits(orelse, self.exits_memo)
                if not orelse and not exits_body:
                    # `if x is None: x = load()`: not None after it either way
                    self.narrowed.update({k: v for k, v in no.items() if k in body_end and
                                          self.subst.resolve(body_end[k]) ==
                                          self.subst.resolve(v)})
                if exits_body and not exits_orelse:
                    self.narrowed.update({k: v for k, v in no.items()
                                          if k not in self.written_in(orelse)})
                elif exits_orelse and not exits_body:
                    self.narrowed.update({k: v for k, v in yes.items()
                                          if k not in self.written_in(body)})
                return ir.If(c, tb, ob, span)
            case ir.While(test=test, body=body, orelse=orelse, span=span):
                self.drop_written(body)
                self.drop_fields()
                c = self.cond(test)
                yes, _ = self.narrowing(test)
                return ir.While(c, self.narrowed_block(body, yes), self.block(orelse, ()),
                                span)
            case ir.For(target=target, iter=it, body=body, orelse=orelse, span=span):
                self.drop_written(body)
                iv = self.expr(it)
                iv = self.iterated(iv)
                item = self.item_type(iv, it.span)
                unpacks: list[ir.Stmt] = []
                target = self.dynamic_loop_target(target, item, unpacks)
                body = (*unpacks, *body)
                t = self.bind_target(target, item, s)
                self.note_nonnegative_target(target, iv)
                self.drop_fields()
                saved = dict(self.narrowed)
                walk = self.walked_key(it, iv, target, self.written_in(body))
                self.walked_keys.extend(walk)
                tb = self.block(body, ())
                del self.walked_keys[len(self.walked_keys) - len(walk):]
                pycollections.check_deque_loop(self, iv, tb)
                self.narrowed = saved  # the body may not run: its narrowings end with it
                self.drop_written(body)
                return ir.For(t, iv, tb, self.block(orelse, ()), span)
            case ir.Break() | ir.Continue() | ir.Pass():
                return s
            case ir.Return(value=value, span=span):
                if value is None:
                    if not self.subst.unify(self.ret, NONE) and not isinstance(
                            self.subst.resolve(self.ret), OptionalT):
                        self.sink.error("E033", f"`return` without a value in a function that "
                                                f"returns `{self.ret}`", span)
                    return s
                if self.yield_item is not None:
                    self.sink.error("E033", "a generator that returns a value is not compiled",
                                    span, help="use a bare `return` to end the generator")
                    return ir.Return(None, span)
                v = self.expr(value, expected=self.subst.resolve(self.ret))
                if v.ty is not None:
                    self.returned.append(v.ty)
                v = self.coerce(v, self.ret, value.span, what="the return value")
                return ir.Return(v, span)
            case ir.Raise(exc=exc, message=None, span=span, obj=None) if exc is not None and (
                    exc in self.vars and exc not in BUILTIN_EXCEPTIONS
                    and self.p.mod.exception(exc) is None):
                return self.raised_variable(ir.Name(exc, span), span)
            case ir.Raise(exc=exc, message=msg, span=span, obj=obj):
                if exc is not None and exc not in BUILTIN_EXCEPTIONS and \
                        self.p.mod.exception(exc) is None:
                    self.sink.error("E060", f"`{exc}` is not an exception class pycomp can "
                                            "raise", span,
                                    help="raise ValueError, TypeError, KeyError, "
                                         "IndexError, RuntimeError, ... or an exception class "
                                         "the module defines")
                    return s
                xdef = self.p.mod.exception(exc) if exc is not None else None
                if exc is not None and xdef is not None and xdef.state is not None:
                    # its `__init__` makes the object; the message is what it gave
                    # `super().__init__`, read when the exception is made
                    call = obj if isinstance(obj, ir.Call) else ir.Call(
                        ir.Name(exc, span), (), (), span)
                    if xdef.from_call and call.keywords:
                        self.sink.error("E060", f"`{exc}` is raised with keyword arguments "
                                                "here", call.span,
                                        help="its `__init__` does not call "
                                             "`super().__init__(...)`, so CPython's message is "
                                             "made of the positional arguments only: pass "
                                             "them by position")
                        return s
                    made = self.cls.construct(self.p.classes.classes[xdef.state], ir.Call(
                        ir.Name(xdef.state, call.func.span), call.args, call.keywords,
                        call.span), None)
                    return self.raised_object(exc, made, span)
                if isinstance(obj, ir.Call) and (len(obj.args) != (msg is not None)
                                                 or obj.keywords):
                    self.sink.error("E060", f"`{exc}` is raised with one message here",
                                    obj.span, help='write `raise ValueError("what went wrong")`, '
                                                   "or define an exception class whose "
                                                   "`__init__` takes these arguments")
                    return s
                m = None
                if msg is not None and xdef is not None:
                    return self.raised_argument(xdef.name, self.expr(msg), span)
                if msg is not None:
                    m = self.expr(msg)
                    mt = self.subst.resolve(m.ty)  # type: ignore[arg-type]
                    if exc is not None and plain_value(mt) and not isinstance(mt, ErrT) and (
                            exc == "KeyError" or not isinstance(mt, StrT)):
                        # `raise ValueError(5)`, `raise KeyError(k)`: e.args is `(x,)`
                        return self.raised_argument(exc, m, span)
                    if exc is not None and self.p.mod.builtin_base(exc) == "KeyError":
                        # str(KeyError(x)) is repr(x), for any x: `raise KeyError(150)` says 150
                        mt = self.subst.resolve(m.ty)  # type: ignore[arg-type]
                        m = self.cls.repr_of(m) if isinstance(mt, ClassT) else \
                            self.resolve_op("repr", [m], {}, m.span)
                    elif not isinstance(m.ty, StrT):
                        m = self.str_of(m)
                return ir.Raise(exc, m, span)
            case ir.Try(body=body, handlers=handlers, orelse=orelse, finalbody=final, span=span):
                hs = []
                for h in handlers:
                    classes = tuple(MODULE_EXCEPTIONS.get(c, c) for c in h.classes)
                    for cls in classes:
                        if not self.is_exception_class(cls):
                            self.sink.error("E060", f"cannot catch `{cls}`", h.span,
                                            help="catch builtin exception classes or exception "
                                                 "classes the module defines")
                    self.drop_fields()  # the try body may have stopped anywhere
                    rust_name = None
                    if h.name:
                        rust_name = rust_ident(h.name)
                        # `except BaseException as e`: any class (ExcT(), as `__exit__`'s
                        # `exc` is typed)
                        self.vars[h.name] = Var(rust_name, ExcT(
                            classes[0] if classes != ("BaseException",) and len(classes) == 1
                            else None,
                            classes if len(classes) > 1 else ()))
                    hs.append(ir.Handler(classes, h.name, self.block(h.body, ()), h.span,
                                         rust_name))
                return ir.Try(self.block(body, ()), tuple(hs), self.block(orelse, ()),
                              self.block(final, ()), span)
            case ir.Assert(test=test, msg=msg, span=span):
                m = self.expr(msg) if msg is not None else None
                if m is not None and not isinstance(m.ty, StrT):
                    m = self.str_of(m)
                c = self.cond(test)
                # past the assert its test held (`assert x is not None` narrows x)
                self.narrowed.update(self.narrowing(test)[0])
                return ir.Assert(c, m, span)
            case ir.Yield(value=value, span=span, delegate=delegate):
                if self.yield_item is None:
                    raise InternalError("`yield` outside a generator function", span)
                if value is None:
                    yv: ir.Expr = ir.Const(None, span, NONE)
                else:
                    yv = self.expr(value, expected=None if delegate else self.yield_item)
                if delegate:
                    item = self.item_type(yv, span)
                    if not self.subst.unify(item, self.yield_item):
                        self.type_mismatch(self.yield_item, item, span, "each item")
                    return ir.Yield(yv, span, True)
                return ir.Yield(self.coerce(yv, self.yield_item, span, "the yielded value"),
                                span)
            case ir.Del(target=target, span=span):
                assert isinstance(target, ir.SubscriptTarget)
                obj = self.expr(target.value)
                if isinstance(target.index, ir.SliceItem):
                    sl = target.index
                    bounds = [self.expr(ir.Const(None, span, NONE) if p is None else p)
                              for p in (sl.lower, sl.upper, sl.step)]
                    return ir.ExprStmt(self.resolve_op("delslice", [obj, *bounds], {}, span),
                                       span)
                idx = self.expr(target.index)
                return ir.ExprStmt(self.resolve_op("delitem", [obj, idx], {}, span), span)
        raise InternalError(f"unknown statement {type(s).__name__}", s.span)

    def is_exception_class(self, name: str) -> bool:
        """Whether `except name:` names an exception class compiled code can catch."""
        return name in BUILTIN_EXCEPTIONS or name in MODULE_EXCEPTIONS.values() or \
            name == "BaseException" or self.p.mod.exception(name) is not None

    def unpacked(self, v: ir.Expr, targets: tuple[ir.Target, ...]) -> ir.Expr:
        """`a, b = xs` of a list, str, set, dict, iterator or dynamic value: its items,
        counted as CPython counts them (ValueError when there are fewer or more)."""
        vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        if len(targets) == 1 and isinstance(targets[0], ir.TupleTarget) and \
                targets[0].star is not None:
            return self.unpacked_starred(v, vt, targets[0])
        if len(targets) != 1 or not isinstance(targets[0], ir.TupleTarget) or isinstance(
                vt, (TupleT, OutputsT, ErrT, TVar)) or not isinstance(vt, DynT) and \
                self.iterable_item(vt, arrays=True) is None:
            return v
        n = len(targets[0].elts)
        if not 2 <= n <= 5 and isinstance(vt, DynT):
            self.sink.error("E030", f"a dynamic value is unpacked into 2 to 5 names, not {n}",
                            targets[0].span, help="index the value (`row[0]`, `row[1]`, ...), "
                                                  "or declare its type (`row: tuple[...]`)")
            return ir.Const(None, v.span, ErrT())
        if not 1 <= n <= 5:
            return v
        return self.resolve_op(f"unpack{n}", [v], {}, v.span)

    def dynamic_loop_target(self, t: ir.Target, ty: Type, unpacks: list[ir.Stmt]) -> ir.Target:
        """`for a, b in rows` of dynamic items (`rows: list[Any]`, a JSON value, `for i, (a,
        b) in enumerate(rows)`): each tuple target given a dynamic value becomes a name,
        unpacked at the top of the body as `a, b = item` is (`unpacked`), in CPython's
        order: the outer tuple first, then the nested ones."""
        if not isinstance(t, ir.TupleTarget) or t.star is not None:
            return t
        ty = self.subst.resolve(ty)
        if isinstance(ty, TupleT) and len(ty.items) == len(t.elts):
            return dataclasses.replace(t, elts=tuple(
                self.dynamic_loop_target(e, i, unpacks) for e, i in zip(t.elts, ty.items)))
        if isinstance(ty, NdArrayT) and (ty.ndim is None or ty.ndim >= 1):
            # `for x1, y1, x2, y2 in boxes` / `for (x, y), c in zip(coords, conf)`: each row
            # unpacked at the top of the body as `x1, y1, x2, y2 = row` is (numpy scalars,
            # CPython's ValueError for a row of another length)
            item = f"__nd_row{t.span.line}_{t.span.col}"
            unpacks.append(ir.Assign((t,), ir.Name(item, t.span), t.span))
            return ir.NameTarget(item, t.span)
        if not isinstance(ty, DynT):
            return t
        item = f"__dyn_item{t.span.line}_{t.span.col}"
        at = len(unpacks)
        unpacks.append(ir.Pass(t.span))  # replaced below, once the nested names are made
        elts = tuple(self.dynamic_loop_target(e, DYN, unpacks) for e in t.elts)
        unpacks[at] = ir.Assign((dataclasses.replace(t, elts=elts),), ir.Name(item, t.span),
                                t.span)
        return ir.NameTarget(item, t.span)

    def unzipped(self, value: ir.Expr, targets: tuple[ir.Target, ...]) -> ir.Expr | None:
        """`xs, ys = zip(*pairs)` of a list of n-tuples into n names: one list per position
        (of its own item type), ValueError when `pairs` is empty, as CPython's unpacking."""
        if not (zipstar.is_zip_star(value) and "zip" not in self.vars and len(targets) == 1
                and isinstance(targets[0], ir.TupleTarget)):
            return None
        assert isinstance(value, ir.Call)
        rows = self.expr(value.keywords[0].value)
        rt = self.subst.resolve(rows.ty)  # type: ignore[arg-type]
        n = len(targets[0].elts)
        if not (isinstance(rt, ListT) and isinstance(row := self.subst.resolve(rt.item), TupleT)
                and len(row.items) == n and n in (2, 3)):
            return self.resolve_op("zip_star", [rows], {}, value.span)
        return self.resolve_op(f"unzip{n}", [rows], {}, value.span)

    def unpacked_starred(self, v: ir.Expr, vt: Type, target: ir.TupleTarget) -> ir.Expr:
        """`first, *rest = xs`: the names before and after the star take one item each,
        the starred one a list of the rest (ValueError 'not enough values to unpack
        (expected at least 2, got 1)')."""
        assert target.star is not None
        before, after = target.star, len(target.elts) - target.star - 1
        if isinstance(vt, ErrT):
            return v
        if self.iterable_item(vt) is None or not 1 <= before + after <= 3:
            self.sink.error("E030", f"cannot unpack `{vt}` into a starred target", target.span,
                            help="starred targets take any iterable, with 1 to 3 other names")
            return ir.Const(None, v.span, ErrT())
        return self.resolve_op(f"unpack_star_{before}_{after}", [v], {}, v.span)

    def target_as_expr(self, t: ir.Target) -> ir.Expr:
        match t:
            case ir.NameTarget(id=name, span=span):
                return self.expr(ir.Name(name, span))
            case ir.SubscriptTarget(value=v, index=i, span=span):
                return self.expr(ir.Subscript(v, i, span))
            case ir.AttrTarget(value=v, attr=attr, span=span):
                return self.expr(ir.Attribute(v, attr, span))
        self.sink.error("E002", "augmented assignment to a tuple is not supported", t.span)
        return ir.Const(None, t.span, NONE)

    def bind_target(self, t: ir.Target, ty: Type, stmt: object, augmented: bool = False
                    ) -> ir.Target:
        ty = self.subst.resolve(ty)
        match t:
            case ir.NameTarget(id=name, span=span, ty=ann):
                if ann is not None and not augmented and has_open_dtype(ann):
                    # `x: np.ndarray = v`: the value's dtype and rank
                    if not self.subst.unify(self.p.open_dtypes(ann), ty):
                        self.type_mismatch(ann, ty, span, f"`{name}`")
                elif ann is not None and not augmented:
                    if not self.compatible(ty, ann) and scalar_conversion(ty, ann) is None:
                        self.type_mismatch(ann, ty, span, f"`{name}`")  # (converted: coerce)
                    ty = ann
                return self.bind_name(name, ty, span, stmt, augmented)
            case ir.TupleTarget(elts=elts, span=span):
                items: tuple[Type, ...]
                if isinstance(ty, (OutputsT, TupleT)) and len(ty.items) == len(elts):
                    items = ty.items
                elif isinstance(ty, ErrT):
                    items = tuple(ty for _ in elts)
                elif isinstance(ty, TVar):
                    items = tuple(self.subst.fresh() for _ in elts)
                    self.subst.unify(ty, TupleT(items))
                elif isinstance(ty, (ListT, IterT)):
                    self.sink.error("E030", "unpacking a list into names needs a tuple",
                                    span, help="index the list, or return a tuple")
                    items = tuple(ty.item for _ in elts)
                else:
                    if not mentions_error(ty):  # else reported where the error is
                        self.sink.error("E030", f"cannot unpack `{ty}` into {len(elts)} "
                                                "names", span)
                    # names of no type: their uses report nothing more
                    items = tuple(ErrT() for _ in elts)
                new = tuple(self.bind_target(e, it, stmt) for e, it in zip(elts, items))
                return ir.TupleTarget(new, span, TupleT(tuple(x.ty for x in new)))  # type: ignore[misc]
            case ir.AttrTarget():
                return self.cls.bind_attr(t, ty, augmented)
            case ir.SubscriptTarget(value=v, index=i, span=span):
                obj = self.expr(v)
                if isinstance(self.subst.resolve(obj.ty), NdArrayT) and isinstance(  # type: ignore[arg-type]
                        i, ir.TupleLit) and len(i.elts) == 2 and not any(
                        _nd_index_marker(it) for it in i.elts):
                    values = [self.expr(it) for it in i.elts]
                    pair = self.nd_index_pair(values, span)
                    if pair is None:
                        pair = ir.TupleLit(tuple(values), i.span,
                                           TupleT(tuple(v.ty for v in values)))  # type: ignore[misc]
                    value = ir.Const(None, span, ty)  # placeholder, as below
                    op = self.resolve_op("setitem", [obj, pair, value], {}, span)
                    return ir.SubscriptTarget(obj, pair, span, ty,
                                              op.op if isinstance(op, ir.OpCall) else None)
                basic = self.nd_assigned_index(obj, i)
                if basic is None and isinstance(i, ir.SliceItem) and not isinstance(
                        self.subst.resolve(obj.ty), NdArrayT):  # type: ignore[arg-type]
                    # `xs[a:b] = items`: the bounds as the setslice op's arguments
                    bounds = tuple(self.expr(ir.Const(None, span, NONE) if p is None else p)
                                   for p in (i.lower, i.upper, i.step))
                    vt = self.subst.resolve(ty)  # type: ignore[arg-type]
                    if isinstance(self.subst.resolve(obj.ty), ListT) and not isinstance(  # type: ignore[arg-type]
                            vt, ListT | TVar | ErrT):
                        self.sink.error("E040", f"assigning a `{vt}` to a slice of a list is "
                                                "not compiled", span,
                                        help="make it a list first: `xs[a:b] = list(...)`")
                        return ir.SubscriptTarget(obj, ir.Const(None, span, ErrT()), span, ty,
                                                  None)
                    value = ir.Const(None, span, ty)
                    op = self.resolve_op("setslice", [obj, *bounds, value], {}, span)
                    if isinstance(op, ir.OpCall):
                        bounds = tuple(a for _, a in op.args[1:4])
                        if isinstance(op.args[4][1], ir.Coerce):
                            ty = op.args[4][1].ty  # type: ignore[assignment]
                    index = ir.TupleLit(bounds, i.span, TupleT(tuple(
                        b.ty for b in bounds)))  # type: ignore[misc]
                    return ir.SubscriptTarget(obj, index, span, ty,
                                              op.op if isinstance(op, ir.OpCall) else None)
                if basic is None and _sliced(i):
                    if not isinstance(self.subst.resolve(obj.ty), ErrT):  # type: ignore[arg-type]
                        # (an array whose making failed is reported there)
                        self.sink.error("E002", "assignment to a slice or a multi-index is "
                                                "not supported", span,
                                        help="build a new list with slicing and `+`")
                    return ir.SubscriptTarget(obj, ir.Const(None, span, ErrT()), span, ty, None)
                idx = basic if basic is not None else self.expr(i)
                value = ir.Const(None, span, ty)  # placeholder, the emitter passes the real value
                op = self.resolve_op("setitem", [obj, idx, value], {}, span)
                if isinstance(op, ir.OpCall):
                    idx = op.args[1][1]  # converted to the key type the op takes
                    if isinstance(op.args[2][1], ir.Coerce):
                        ty = op.args[2][1].ty  # type: ignore[assignment]  # the value too
                return ir.SubscriptTarget(obj, idx, span, ty,
                                          op.op if isinstance(op, ir.OpCall) else None)
        raise InternalError("bad target", t.span)

    def list_array(self, v: ir.Expr) -> ir.Expr:
        """A list of numbers the compiler converts to a 1-D array where numpy converts
        it with `np.asarray` (a list of ints as an index): `__nd_list`, which keeps an
        empty list's dtype, unlike the user's `np.array(xs)` (W008)."""
        return self.resolve_op("__nd_list", [v], {}, v.span)

    def nd_index_pair(self, values: list[ir.Expr], span: Span) -> ir.TupleLit | None:
        """Two typed index items of which one at least is an integer index array (or a
        list of ints), as the pair of int arrays numpy indexes the first two axes with
        (`a[rows, cols]`; an int item is a 0-d array, broadcast); None otherwise."""
        kinds = [self.subst.resolve(v.ty) for v in values]  # type: ignore[arg-type]

        def is_array(t: Type) -> bool:
            return (isinstance(t, NdArrayT) and isinstance(t.dtype, str) and t.ndim != 0
                    and t.dtype.startswith(("int", "uint"))) or (
                isinstance(t, ListT) and isinstance(self.subst.resolve(t.item), IntT))

        if not any(is_array(t) for t in kinds) or not all(
                is_array(t) or isinstance(t, IntT) for t in kinds):
            return None
        arrays = [v if isinstance(t, NdArrayT) else self.list_array(v) if isinstance(
            t, ListT) else self.resolve_op("numpy.int64", [v], {}, v.span)
            for v, t in zip(values, kinds)]
        return ir.TupleLit(tuple(arrays), span, TupleT(tuple(a.ty for a in arrays)))  # type: ignore[misc]

    def nd_assigned_index(self, obj: ir.Expr, index: ir.Expr) -> ir.Expr | None:
        """The index of `a[i, :n] = v` (slices, None or `...` in an ndarray's index) as a
        list of `NdIx` items for the setitem ops; None for other indices."""
        if not isinstance(self.subst.resolve(obj.ty), NdArrayT) or not _sliced(  # type: ignore[arg-type]
                index):
            return None
        items = index.elts if isinstance(index, ir.TupleLit) else (index,)
        out: list[ir.Expr] = []
        take: tuple[int, ir.Expr] | None = None  # `x[:, ids] = v`: the index array
        for k, it in enumerate(items):
            sp = it.span
            if not _nd_index_marker(it):
                v = self.expr(it)
                if not _index_array(self.subst.resolve(v.ty)):  # type: ignore[arg-type]
                    out.append(self.resolve_op("__ndix_index", [v], {}, sp))
                elif take is not None:
                    self.sink.error("E040", "two index arrays among slices are not compiled",
                                    sp, help="numpy pairs their items (`x[a, :, b][k]` is "
                                             "`x[a[k], :, b[k]]`): assign in a loop over k")
                    return ir.Const(None, index.span, ErrT())
                else:
                    take = (k, v)
                    none = ir.Const(None, sp, NONE)
                    out.append(self.resolve_op("__ndix_slice", [none, none, none], {}, sp))
            elif isinstance(it, ir.SliceItem):
                parts = [ir.Const(None, sp, NONE) if p is None else p
                         for p in (it.lower, it.upper, it.step)]
                out.append(self.resolve_op("__ndix_slice", [self.expr(p) for p in parts], {},
                                           sp))
            elif isinstance(it, ir.EllipsisLit):
                out.append(self.resolve_op("__ndix_ellipsis", [], {}, sp))
            else:  # None / np.newaxis
                out.append(self.resolve_op("__ndix_newaxis", [], {}, sp))
        basic = ir.ListLit(tuple(out), index.span, ListT(OpaqueT("NdIx")))
        if take is None:
            return basic
        where = self.nd_take_place(items, take)
        if where is None:
            return ir.Const(None, index.span, ErrT())
        take_args: tuple[ir.Expr, ...] = (basic, *where)
        return ir.TupleLit(take_args, index.span,
                           TupleT(tuple(a.ty for a in take_args)))  # type: ignore[misc]

    def _reads_discard(self) -> bool:
        """Whether the function reads the name `_` anywhere."""
        if self._discard_read is None:
            self._discard_read = self.fn is None or any(
                isinstance(n, ir.Name) and n.id == "_" for n in ir.walk(self.fn.body))
        return self._discard_read

    def bind_name(self, name: str, ty: Type, span: Span, stmt: object, augmented: bool
                  ) -> ir.NameTarget:
        rust = rust_ident(name)
        cur = self.vars.get(name)
        plan = self.plan.get(name, HOIST)
        if cur is not None and cur.is_param:
            if not self.subst.unify(cur.ty, ty) and not self.compatible(ty, cur.ty):
                self.sink.error("E031", f"parameter `{name}` is reassigned with a `{ty}`; it is "
                                        f"a `{cur.ty}`", span,
                                help="use a new name for the new value")
            self.narrowed.pop(name, None)
            self.narrow_assigned(name, cur.ty, ty, augmented)
            return ir.NameTarget(name, span, cur.ty, rust, False)
        self.narrowed.pop(name, None)
        for key in [k for k in self.narrowed if k.startswith(name + ".")]:
            del self.narrowed[key]
        if cur is None and name in self.hints:
            hinted = self.hints[name]
            if self.compatible(ty, hinted):
                ty = hinted
        if cur is not None:
            cur_t = self.subst.resolve(cur.ty)
            new_t = self.subst.resolve(ty)
            if isinstance(new_t, NoneT) and not isinstance(cur_t, (OptionalT, NoneT, TVar,
                                                                     DynT)):
                self.new_hints[name] = OptionalT(cur_t)
            elif isinstance(cur_t, NoneT) and not isinstance(new_t, (OptionalT, NoneT, TVar)):
                # a dynamic value holds None itself
                self.new_hints[name] = new_t if isinstance(new_t, DynT) else OptionalT(new_t)
        if cur is None:
            declare = isinstance(plan, Decl) and plan.stmt is stmt
            if not declare:
                self.locals[rust] = ty
                self.hoisted_order.append(rust)
            self.vars[name] = Var(rust, ty)
            return ir.NameTarget(name, span, ty, rust, declare)
        if self.subst.unify(cur.ty, ty):
            return ir.NameTarget(name, span, cur.ty, rust, False)
        if self.compatible(ty, cur.ty):
            cur_t = self.subst.resolve(cur.ty)
            new_t = self.subst.resolve(ty)
            self.narrow_assigned(name, cur.ty, ty, augmented)
            return ir.NameTarget(name, span, cur.ty, rust, False)
        if name == "_" and not self._reads_discard():
            # `for _, path, _ in rows`: a throwaway name nothing reads may hold a value
            # of another type at each binding, each in a variable of its own
            rust = rust_ident(f"__pc_discard{len(self.locals)}")
            self.locals[rust] = ty
            self.hoisted_order.append(rust)
            self.vars[name] = Var(rust, ty)
            return ir.NameTarget(name, span, ty, rust, False)
        # The type changes: shadow with a new `let` where Rust scoping follows Python.
        if isinstance(plan, Decl) and not augmented and isinstance(stmt, ir.Assign) and \
                _direct_in_block(stmt, plan, self.fn):
            self.vars[name] = Var(rust, ty)
            return ir.NameTarget(name, span, ty, rust, True)
        help = "use a new name for the new value; a variable may change type only in " \
               "straight-line code of the block that first assigns it"
        new_t = self.subst.resolve(ty)
        if isinstance(self.subst.resolve(cur.ty), (IntT, FloatT)) and isinstance(
                new_t, NdArrayT) and new_t.ndim in (0, None) and isinstance(new_t.dtype, str):
            # a running best `best = -np.inf` then `best = s[j]`: CPython's variable
            # holds a Python float, then a numpy scalar that prints as its own kind
            help = ("CPython keeps a Python number, then the numpy scalar: start with a "
                    f"numpy scalar of the same dtype (`{name} = np.{new_t.dtype}(-np.inf)`, "
                    f"`{name} = scores[0]`), or keep Python numbers (`{name} = float(s)`)")
        self.sink.error("E031", f"`{name}` changes type from `{cur.ty}` to `{ty}` here",
                        span, help=help)
        return ir.NameTarget(name, span, cur.ty, rust, False)

    # -------------------------------------------------------- expressions

    def cond(self, e: ir.Expr) -> ir.Expr:
        """An expression used as a condition: converted to bool by Python truthiness.
        `and`/`or` only decide here, so their operands need not share a type."""
        if isinstance(e, ir.BoolOp):
            saved, epoch = dict(self.narrowed), self.field_epoch
            parts = []
            for v in e.values:
                parts.append(self.cond(v))
                yes, no = self.narrowing(v)
                self.narrowed.update(yes if e.op == "and" else no)
            self.restore_narrowed(saved, epoch)
            return ir.BoolOp(e.op, tuple(parts), e.span, BOOL)
        if isinstance(e, ir.UnaryOp) and e.op == "not":
            return ir.UnaryOp("not", self.cond(e.operand), e.span, BOOL)
        v = self.expr(e)
        return self.truth(v)

    def narrowing(self, e: ir.Expr) -> tuple[dict[str, Type], dict[str, Type]]:
        """Names known not to be None when `e` is true, and when it is false."""
        match e:
            case ir.Compare(left=ir.Name(id=n), ops=(op,), comparators=(ir.Const(value=None),)) \
                    if op in ("is", "is not", "==", "!="):
                inner = self.optional_inner(n)
                if inner is None:
                    return {}, {}
                n = self.scope_key(n) or n
                return ({n: inner}, {}) if op in ("is not", "!=") else ({}, {n: inner})
            case ir.Name(id=n):
                inner = self.optional_inner(n)
                return ({self.scope_key(n) or n: inner}, {}) if inner is not None else ({}, {})
            case ir.Compare(left=ir.Attribute() as a, ops=(op,), comparators=(
                    ir.Const(value=None),)) if op in ("is", "is not", "==", "!=") and (
                    found := self.field_narrowing(a)) is not None:
                key, inner = found
                return ({key: inner}, {}) if op in ("is not", "!=") else ({}, {key: inner})
            case ir.Attribute() as a if (found := self.field_narrowing(a)) is not None:
                return {found[0]: found[1]}, {}
            case ir.Compare(left=ir.Attribute() as a, ops=(op,), comparators=(
                    ir.Const(value=None),)) if op in ("is", "is not") and (
                    found := self.once_set_narrowing(a)) is not None:
                key, inner = found
                return ({key: inner}, {}) if op == "is not" else ({}, {key: inner})
            case ir.Call(func=ir.Name(id="isinstance"), args=(ir.Name(id=n), ir.Name(id=c))) \
                    if self.dynamic_var(n) and c in DYN_NARROWING:
                return {n: DYN_NARROWING[c]}, {}
            case ir.Call(func=ir.Name(id="isinstance"), args=(ir.Name(id=n), cls)):
                inner = self.optional_inner(n)
                names = {x.id for x in (cls.elts if isinstance(cls, ir.TupleLit) else (cls,))
                         if isinstance(x, ir.Name)}
                if inner is not None and type_name(inner) in names:
                    return {n: inner}, {}
                # a value of a class narrowed to a class deriving from it
                var = self.vars.get(n)
                vt = inner if inner is not None else (
                    self.subst.resolve(var.ty) if var is not None and n not in self.narrowed
                    else None)
                sub = self.cls.narrowed(vt, names) if vt is not None else None
                if sub is not None:
                    return {n: sub}, {}
                return {}, {}
            case ir.UnaryOp(op="not", operand=x):
                yes, no = self.narrowing(x)
                return no, yes
            case ir.BoolOp(op="and", values=vs):
                out: dict[str, Type] = {}
                for i, v in enumerate(vs):
                    out.update(self.lasting(self.narrowing(v)[0], vs[i + 1:]))
                return out, {}
            case ir.BoolOp(op="or", values=vs):
                out = {}
                for i, v in enumerate(vs):
                    out.update(self.lasting(self.narrowing(v)[1], vs[i + 1:]))
                return {}, out
        return {}, {}

    def field_narrowing(self, e: ir.Attribute) -> tuple[str, Type] | None:
        """`obj.f` where `obj` is a local name holding an object of a module class and `f`
        a field of it typed `T | None`: the key narrowing it (`"obj.f"`) and `T`. A test on
        it narrows the field until something may change it (`drop_fields`)."""
        ft = self.field_of(e)
        if not isinstance(ft, OptionalT) or not isinstance(e.value, ir.Name):
            return None
        return f"{e.value.id}.{e.attr}", ft.item

    def once_set_narrowing(self, e: ir.Expr) -> tuple[str, Type] | None:
        """A module variable that, once set, is never None again (`ClassDef.once_set`: a
        lazily loaded model or tokenizer), read through its cell: the key narrowing it and
        its type without None. No `.` in the key: no call or assignment ends it, and a
        test or an assignment narrows it in every thread for good."""
        if not (isinstance(e, ir.Attribute) and isinstance(e.value, ir.Name)
                and e.value.id not in self.vars):
            return None
        info = self.p.classes.classes.get(global_cell_class(cell_variable(e.value.id)))
        if info is None or not info.d.once_set:
            return None
        ft = self.p.classes.field_type(info, e.attr)
        ft = self.subst.resolve(ft) if ft is not None else None
        return (f"{e.value.id}:{e.attr}", ft.item) if isinstance(ft, OptionalT) else None

    def field_of(self, e: ir.Attribute) -> Type | None:
        """The declared type of `obj.f`, a field (not a property) of the object a local
        name holds; None for anything else."""
        if not isinstance(e.value, ir.Name) or any(e.value.id in s for s in self.lambda_scopes):
            return None
        var = self.vars.get(e.value.id)
        if var is None:
            return None
        info = self.p.classes.of(self.narrowed.get(e.value.id) or self.subst.resolve(var.ty))
        if info is None or is_cell_class(info.name):  # a cell: other calls change it
            return None
        ft = self.p.classes.field_type(info, e.attr)
        return self.subst.resolve(ft) if ft is not None else None

    def has_field_narrowing(self) -> bool:
        return bool(self.narrowed) and any("." in k for k in self.narrowed)

    def drop_fields(self) -> None:
        """Ends every field's narrowing: code that may change a field (a call, an
        assignment to a field or an item, a loop's next turn) may have run since its test."""
        self.field_epoch += 1
        for key in [k for k in self.narrowed if "." in k]:
            del self.narrowed[key]

    def restore_narrowed(self, saved: dict[str, Type], epoch: int) -> None:
        """Back to the narrowings before a branch; a field's ends if the branch may have
        changed it."""
        self.narrowed = saved
        if self.field_epoch != epoch:
            self.drop_fields()

    def lasting(self, found: dict[str, Type], later: tuple[ir.Expr, ...]) -> dict[str, Type]:
        """`found` less the fields' narrowings that the operands evaluated `later` in an
        `and`/`or` may end (any but tests of names and fields against None and each other)."""
        if all(self.inert(x) for x in later):
            return found
        return {k: v for k, v in found.items() if "." not in k}

    def inert(self, e: ir.Expr) -> bool:
        """Whether evaluating `e` certainly runs no user code (so changes no field): names,
        constants, fields, and comparisons of plain values (`self.timeout > 0`)."""
        match e:
            case ir.Const() | ir.Name():
                return True
            case ir.Attribute() as a:
                return self.field_of(a) is not None
            case ir.UnaryOp(op="not", operand=x):
                return self.inert(x)
            case ir.BoolOp(values=vs):
                return all(self.inert(v) for v in vs)
            case ir.Compare(left=left, ops=ops, comparators=cs):
                operands = (left, *cs)
                return all(self.inert(x) for x in operands) and (
                    all(op in ("is", "is not") for op in ops)
                    or all(self.plain_operand(x) for x in operands))
        return False

    def plain_operand(self, e: ir.Expr) -> bool:
        """An operand of an inert comparison: a constant, or a name or field holding a plain
        value, whose comparison calls no user method (the field as narrowed counts)."""
        t: Type | None = None
        match e:
            case ir.Const():
                return True
            case ir.Name(id=n) if n in self.vars:
                t = self.narrowed.get(n) or self.subst.resolve(self.vars[n].ty)
            case ir.Attribute() as a:
                t = self.field_of(a)
        return t is not None and plain_value(t)

    def runs_code(self, e: ir.Expr) -> bool:
        """Whether the typed `e` may run user code (a method, a constructor, a dunder
        method an op calls on an object), which may change a field."""
        for node in ir.walk(e):
            if isinstance(node, (ir.UserCall, ir.New, ir.Lambda, ir.Comprehension, ir.Yield)):
                return True
            if isinstance(node, ir.OpCall) and node.op.name not in ("is_none", "is_none_never") \
                    and any(a.ty is not None and not plain_value(self.subst.resolve(a.ty))
                            for _, a in node.args):
                return True
        return False

    def dynamic_var(self, name: str) -> bool:
        """Whether `name` is a local holding a dynamic value (not narrowed already)."""
        v = self.vars.get(name)
        return v is not None and name not in self.narrowed and isinstance(
            self.subst.resolve(v.ty), DynT) and not any(name in s for s in self.lambda_scopes)

    def scope_key(self, name: str) -> str | None:
        """The narrowing key of a comprehension's or lambda's variable (`y` in `[y if y is
        not None else 0 for y in ys]`), apart from a function variable of that name."""
        for scope in reversed(self.lambda_scopes):
            if name in scope:
                return f"{name}@{id(scope)}"
        return None

    def optional_inner(self, name: str) -> Type | None:
        for scope in reversed(self.lambda_scopes):
            if name in scope:
                if f"{name}@{id(scope)}" in self.narrowed:
                    return None
                st = self.subst.resolve(scope[name].ty)
                return st.item if isinstance(st, OptionalT) else None
        v = self.vars.get(name)
        if v is None or name in self.narrowed:
            return None
        t = self.subst.resolve(v.ty)
        return t.item if isinstance(t, OptionalT) else None

    def narrow_once_set(self, target: ir.Target, v: ir.Expr) -> None:
        """`_SESSION = ort.InferenceSession(...)` of a variable that, once set, is never
        None again (`once_set_narrowing`): not None from here on."""
        if isinstance(target, ir.AttrTarget) and not isinstance(
                self.subst.resolve(v.ty), (OptionalT, NoneT)):  # type: ignore[arg-type]
            found = self.once_set_narrowing(ir.Attribute(target.value, target.attr,
                                                         target.span))
            if found is not None:
                self.narrowed[found[0]] = found[1]

    def narrow_assigned(self, name: str, declared: Type, ty: Type, augmented: bool) -> None:
        """`current = Span(...)` where `current: Span | None`, `x = load()` where `x:
        dict[str, int] | None`: not None from here on."""
        cur_t = self.subst.resolve(declared)
        new_t = self.subst.resolve(ty)
        if not isinstance(cur_t, OptionalT) or augmented:
            return
        if isinstance(new_t, ClassT):
            self.narrowed[name] = new_t
        elif not isinstance(new_t, (OptionalT, NoneT, DynT, TVar)) and \
                self.subst.unify(cur_t.item, new_t):
            self.narrowed[name] = cur_t.item

    def narrowed_block(self, stmts: tuple[ir.Stmt, ...], extra: dict[str, Type]
                       ) -> tuple[ir.Stmt, ...]:
        saved, epoch = dict(self.narrowed), self.field_epoch
        self.narrowed.update(extra)
        out = self.block(stmts, ())
        self.body_end = dict(self.narrowed)  # what is narrowed where the block ends
        self.restore_narrowed(saved, epoch)
        self.drop_written(stmts)
        return out

    def drop_written(self, stmts: tuple[ir.Stmt, ...]) -> None:
        if self.narrowed:
            written = self.written_in(stmts)
            for name in [n for n in self.narrowed if n.split(".")[0] in written]:
                del self.narrowed[name]

    def written_in(self, stmts: tuple[ir.Stmt, ...]) -> frozenset[str]:
        """The names `stmts` assign, nested blocks included (memoised by identity)."""
        hit = self.written_memo.get(id(stmts))
        if hit is not None and hit[0] is stmts:
            return hit[1]
        names: set[str] = set()
        for st in stmts:
            names.update(_stmt_targets(st))
            for _, blk in child_blocks(st):
                names |= self.written_in(blk)
        out = frozenset(names)
        self.written_memo[id(stmts)] = (stmts, out)
        return out

    def truth(self, v: ir.Expr) -> ir.Expr:
        t = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        if isinstance(t, BoolT):
            return v
        if isinstance(t, TVar):
            return ir.DeferredTruth(v, v.span, BOOL)
        if isinstance(t, ClassT):
            return self.cls.truth(v)
        if isinstance(t, OptionalT) and isinstance(t.item, ClassT):
            if self.cls.truth(ir.Const(None, v.span, t.item)) != ir.Const(True, v.span, BOOL):
                self.sink.error("E041", f"the truth of an optional `{t.item}` whose class "
                                        "defines `__bool__` or `__len__`", v.span,
                                help="test `x is not None` and the value separately")
            return ir.UnaryOp("not", self.resolve_op("is_none", [v], {}, v.span), v.span, BOOL)
        if isinstance(t, OptionalT) and isinstance(t.item, ExcKindT):
            # `if exc_type:` in `__exit__`: a class is always true
            return ir.UnaryOp("not", self.resolve_op("is_none", [v], {}, v.span), v.span, BOOL)
        op = self.resolve_op("truth", [v], {}, v.span)
        return op

    def raised_variable(self, name: ir.Name, span: Span) -> ir.Stmt:
        """`raise err` of a variable holding an exception (a handler's `e`, `last_error:
        Exception | None`): `ir.Raise` without a class, the value its message. None raises
        CPython's TypeError (rust lower)."""
        v = self.expr(name)
        vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        if not isinstance(vt.item if isinstance(vt, OptionalT) else vt, ExcT):
            self.sink.error("E060", f"`{name.id}` is a `{vt}`, not an exception", span,
                            help="raise an exception class with its arguments "
                                 "(`raise ValueError(\"what went wrong\")`) or a variable "
                                 "holding a caught exception")
            return ir.Pass(span)
        return ir.Raise(None, v, span)

    def raised_object(self, exc: str, made: ir.Expr, span: Span) -> ir.Raise:
        """`raise E(...)` of an exception class with an object: the object, bound to
        `RAISED`, then `str(e)` (its `__str__`, or the message its args made) and `repr(e)`
        (its `__repr__`, or the class's name around its args' reprs), computed when it is
        raised."""
        self.vars[RAISED] = Var(RAISED, made.ty)  # type: ignore[arg-type]
        obj = ir.Name(RAISED, span)
        try:
            held = self.expr(obj)
            message = self.cls.dunder(held, "__str__", [], span) or self.expr(
                ir.Attribute(obj, EXC_MESSAGE_FIELD, span))
            shown = self.cls.dunder(held, "__repr__", [], span) or self.expr(ir.BinOp(
                "+", ir.BinOp("+", ir.Const(f"{exc}(", span), ir.Attribute(
                    obj, EXC_ARGS_REPR_FIELD, span), span), ir.Const(")", span), span))
            args = self.expr(ir.Attribute(obj, EXC_ARGS_FIELD, span))
        finally:
            del self.vars[RAISED]
        return ir.Raise(exc, message, span, made, shown, args)

    def exc_field(self, obj: ir.Expr, classes: tuple[str, ...], attr: str, span: Span
                  ) -> ir.Expr:
        """`e.field` in `except (A, B) as e`: the field of the class `e` is an instance of,
        tested in the handler's order; every class must have it, of one type."""
        reads: list[tuple[str, ir.Expr]] = []
        for c in classes:
            xdef = self.p.mod.exception(c)
            info = self.p.classes.classes[xdef.state] if xdef and xdef.state else None
            if info is None or self.cls.table.field_type(info, attr) is None:
                self.sink.error("E101", f"`e.{attr}` where `e` may be a `{c}`, which has no "
                                        f"attribute `{attr}`", span,
                                help="CPython raises AttributeError for that class: catch the "
                                     "classes in separate handlers, or give each the field")
                return ir.Const(None, span, ErrT())
            reads.append((c, self.cls.instance_attr(ir.Coerce(obj, span, info.type()), info,
                                                    attr, span)))
        types = {str(self.subst.resolve(r.ty)) for _, r in reads}  # type: ignore[arg-type]
        if len(types) > 1:
            self.sink.error("E101", f"`e.{attr}` is of different types in {', '.join(classes)}: "
                                    f"{', '.join(sorted(types))}", span,
                            help="read it in separate handlers, one per class")
            return ir.Const(None, span, ErrT())
        out = reads[-1][1]
        for c, read in reversed(reads[:-1]):
            out = ir.IfExp(ir.IsInstance(obj, (c,), span, BOOL), read, out, span, read.ty)
        return out

    def raised_argument(self, exc: str, arg: ir.Expr, span: Span) -> ir.Stmt:
        """`raise E(x)` of an exception class without an object (the module's, or a
        builtin one given a plain value other than a string): `x`, bound to `RAISED`,
        makes the message (`str(x)`, `repr(x)` under `KeyError`) and the args `(x,)`
        that `e.args` reads."""
        at = self.subst.resolve(arg.ty)  # type: ignore[arg-type]
        if isinstance(at, ErrT):
            return ir.Pass(span)
        if not plain_value(at):
            self.sink.error("E060", f"`{exc}` is raised with a `{at}` here", arg.span,
                            help="its args hold plain values (numbers, strings, containers "
                                 "of them): pass `str(...)` of the object")
            return ir.Pass(span)
        self.vars[RAISED] = Var(RAISED, at)
        obj = ir.Name(RAISED, span)
        try:
            held = self.expr(obj)
            if self.p.mod.builtin_base(exc) == "KeyError":
                message = self.cls.repr_of(held) if isinstance(at, ClassT) else \
                    self.resolve_op("repr", [held], {}, span)
            else:
                message = self.str_of(held)
            args = self.coerce(self.expr(ir.TupleLit((obj,), span)), DYN, span, what="args")
        finally:
            del self.vars[RAISED]
        return ir.Raise(exc, message, span, arg, None, args)

    def str_of(self, v: ir.Expr) -> ir.Expr:
        if isinstance(self.subst.resolve(v.ty), StrT):  # type: ignore[arg-type]
            return v
        if isinstance(self.subst.resolve(v.ty), ClassT):  # type: ignore[arg-type]
            return self.cls.str_of(v)
        return self.resolve_op("str", [v], {}, v.span)

    def expr(self, e: ir.Expr, expected: Type | None = None) -> ir.Expr:
        if isinstance(e, (ir.Lambda, ir.Comprehension)):
            self.drop_fields()  # run later, or again and again
        r = self._expr(e, expected)
        if r.ty is None:
            raise InternalError(f"untyped {type(r).__name__}", e.span)
        if self.narrowed and self.has_field_narrowing() and self.runs_code(r):
            self.drop_fields()
        return r

    def _expr(self, e: ir.Expr, expected: Type | None) -> ir.Expr:
        if expected is not None and isinstance(ft := self.subst.resolve(expected), FuncT) and (
                isinstance(e, ir.Lambda) or isinstance(e, ir.Attribute) and isinstance(
                    e.value, ir.Name) and e.value.id in ("str", "int", "float")
                and e.value.id not in self.vars or isinstance(e, ir.Name) and e.id not in
                self.vars and self.lib.lookup(e.id) and e.id not in self.p.info.constants
                or self.module_function(e) is not None):
            # `str.strip` as a `Callable[[str], str]`, `abs` as a `Callable[[int], int]`
            return self.function_value(e, ft, e.span)
        match e:
            case ir.Const(value=v, span=span):
                t: Type
                if isinstance(v, bool):
                    t = BOOL
                elif isinstance(v, int):
                    t = INT
                elif isinstance(v, float):
                    t = FLOAT
                elif isinstance(v, str):
                    t = STR
                elif isinstance(v, bytes):
                    t = BYTES
                else:
                    t = NONE
                return ir.Const(v, span, t)
            case ir.Name(id=name, span=span) if name not in self.vars and \
                    name in self.p.info.functions and not any(
                        name in scope for scope in self.lambda_scopes):
                # a module function used as a value (stored, returned)
                if name in self.p.generics and not generics.decided(self, expected):
                    return generics.undecided_value(self, name, span)
                sig = self.p.info.functions[name]
                ft = expected if isinstance(expected, FuncT) else FuncT(
                    tuple(sig.param_types), sig.ret)
                return self.function_value(e, ft, span)
            case ir.Name(id=name, span=span):
                return self.name(name, span)
            case ir.Attribute(value=ir.Name(id=mod), attr=attr, span=span) if (
                    mod in self.p.info.modules and mod not in self.vars):
                module = self.p.info.modules[mod]
                if module == "numpy" and (dt := dtype_named(attr)) is not None:
                    return ir.DTypeLit(dt, span, DTypeT(dt))
                if module == "numpy" and attr == "newaxis":
                    return ir.Const(None, span, NONE)
                if module == "re" and attr in pyre.FLAGS:
                    return ir.Const(pyre.FLAGS[attr], span, INT)
                if module == "logging" and attr in pylogging.LEVELS:
                    return ir.Const(pylogging.LEVELS[attr], span, INT)
                return self.module_value(f"{module}.{attr}", span)
            case ir.Attribute(value=ir.Call(func=ir.Name(id="type"), args=(arg,), keywords=()),
                              attr="__name__", span=span) if not self.shadows_builtin("type"):
                return self.type_name_of(arg, e.value.span, span)  # type: ignore[union-attr]
            case ir.Attribute(value=value, attr=attr, span=span) if (
                    cinfo := self.cls.class_named(value)) is not None:
                return self.cls.class_attr(cinfo, attr, span)
            case ir.Attribute(value=value, attr=attr, span=span):
                obj = self.expr(value)
                ot = self.subst.resolve(obj.ty)  # type: ignore[arg-type]
                if isinstance(ot, ErrT):
                    return ir.Const(None, span, ErrT())
                if isinstance(ot, ExcT) and attr == "args":
                    caught = (ot.cls,) if ot.cls is not None else ot.classes
                    codec = [c for c in caught if self.p.mod.builtin_base(c) in UNICODE_ERRORS]
                    if codec:
                        self.sink.error("E100", f"`e.args` of a caught `{codec[0]}` is not "
                                                "supported", span,
                                        help="its args hold the bytes or text being converted, "
                                             "which the runtime does not keep: use `str(e)`")
                        return ir.Const(None, span, ErrT())
                    return self.resolve_op("BaseException.args", [obj], {}, span, method=True)
                if isinstance(ot, ExcT) and attr in OS_ERROR_FIELDS and ot.cls is not None \
                        and self.p.mod.exception(ot.cls) is None \
                        and ot.cls in OS_ERRORS:
                    return self.resolve_op(f"OSError.{attr}", [obj], {}, span, method=True)
                if isinstance(ot, ExcT) and ot.classes:
                    return self.exc_field(obj, ot.classes, attr, span)
                if isinstance(ot, ExcT) and ot.cls is not None and (
                        xdef := self.p.mod.exception(ot.cls)) is not None and xdef.state:
                    # `e.field` of a caught exception: a copy of its object's fields
                    state_t = self.p.classes.classes[xdef.state].type()
                    obj, ot = ir.Coerce(obj, span, state_t), state_t
                elif isinstance(ot, ExcT) and ot.cls is None:
                    # `e.retry_after` of `e: RateLimited` (a parameter) or of `last:
                    # BackendError | None`: any exception is held there
                    self.sink.error("E030", f"`.{attr}` of an exception whose class is not "
                                            "known here", span,
                                    help="an exception annotation holds any caught exception "
                                         "(as `Exception` does); read the field in the "
                                         "`except RateLimited as e:` handler that catches its "
                                         "class, and pass the field's value on")
                    return ir.Const(None, span, ErrT())
                if (oinfo := self.p.classes.of(ot)) is not None:
                    got = self.cls.instance_attr(obj, oinfo, attr, span)
                    key = f"{value.id}.{attr}" if isinstance(value, ir.Name) else ""
                    if (once := self.once_set_narrowing(e)) is not None:
                        key = once[0]
                    if isinstance(got, ir.FieldGet) and key in self.narrowed:
                        # a field tested not None, unchanged since (`field_narrowing`)
                        return ir.Coerce(got, span, self.narrowed[key])
                    return got
                if isinstance(ot, (StrT, ListT, DictT, SetT, BytesT)) and self.lib.lookup(
                        f"{type_name(ot)}.{attr}"):
                    # `line.strip` without `()`: CPython's value is the bound method (always
                    # true, printed with an address), never the method's result
                    self.sink.error(
                        "E030", f"`.{attr}` of a `{ot}` is a method, named here without a call",
                        span, help=f"call it (`.{attr}(...)`); to give it as a function "
                                   f"(`key=`, `map`), hold the value in a name (`key=words."
                                   f"{attr}`) or write a lambda")
                    return ir.Const(None, span, ErrT())
                return self.resolve_op(f"{type_name(ot)}.{attr}", [obj], {}, span, method=True)
            case ir.DTypeLit(name=name, span=span):
                return ir.DTypeLit(name, span, DTypeT(name))
            case ir.BinOp(op="%", left=left, right=right, span=span) if (
                    fmt := strformat.literal_format(self, left)) is not None:
                return strformat.percent_format(self, fmt, right, span)
            case ir.BinOp(op=op, left=left, right=right, span=span):
                return self.binop(op, self.expr(left), self.expr(right), span, expected)
            case ir.UnaryOp(op="not", operand=x, span=span):
                return ir.UnaryOp("not", self.cond(x), span, BOOL)
            case ir.UnaryOp(op=op, operand=x, span=span):
                return self.resolve_op(op, [self.expr(x)], {}, span)
            case ir.BoolOp(op=op, values=values, span=span):
                return self.boolop(op, values, span)
            case ir.Compare(left=left, ops=ops, comparators=comps, span=span):
                return self.compare(left, ops, comps, span)
            case ir.IfExp(test=test, body=body, orelse=orelse, span=span):
                c = self.cond(test)
                yes, no = self.narrowing(test)
                saved, epoch = dict(self.narrowed), self.field_epoch
                self.narrowed.update(yes)
                a = self.expr(body, expected)
                self.restore_narrowed(dict(saved), epoch)
                self.narrowed.update(no)
                b = self.expr(orelse, expected)
                self.restore_narrowed(saved, epoch)
                kinds = [type(self.subst.resolve(x.ty)) for x in (a, b)]  # type: ignore[arg-type]
                if sorted(k.__name__ for k in kinds) == ["FloatT", "IntT"]:
                    # a median `(s[m - 1] + s[m]) / 2 if n % 2 == 0 else s[m]`
                    branch = "first" if kinds[0] is IntT else "second"
                    self.sink.error("E030", "this conditional gives an `int` from one branch and "
                                            "a `float` from the other: CPython keeps each as it "
                                            "is (`3` and `2.5`), and they print differently", span,
                                    help=f"convert the {branch} branch with float(...) to "
                                         "always give a float (`3.0`), or int(...) the other "
                                         "where an int is meant")
                    t = FLOAT
                else:
                    t = self.join(a.ty, b.ty, span)  # type: ignore[arg-type]
                return ir.IfExp(c, self.coerce(a, t, span), self.coerce(b, t, span), span, t)
            case ir.Call():
                return self.call(e, expected)
            case ir.Subscript(value=value, index=index, span=span):
                obj = self.expr(value)
                ot = self.subst.resolve(obj.ty)  # type: ignore[arg-type]
                if isinstance(ot, (ClassT, ClassRefT)):
                    r = self.cls.subscript(obj, index, span)
                    if r is not None:
                        return r
                if isinstance(ot, TupleT):
                    return self.tuple_index(obj, ot, index, span)
                if isinstance(ot, OutputsT):
                    i = index.value if isinstance(index, ir.Const) else None
                    if not isinstance(i, int) or isinstance(i, bool) or not (
                            -len(ot.items) <= i < len(ot.items)):
                        self.sink.error("E030", f"the outputs of this `run` are indexed by a "
                                                f"constant from 0 to {len(ot.items) - 1}", span,
                                        help="outputs of one type can be sliced into a list "
                                             "first, then indexed: `present = outputs[1:]`")
                        return ir.Const(None, span, ErrT())
                    i %= len(ot.items)
                    return ir.OutputTake(obj, i, span, ot.items[i])
                if isinstance(ot, NdArrayT):
                    items = index.elts if isinstance(index, ir.TupleLit) else (index,)
                    return self.nd_index(obj, ot, items, span)
                if isinstance(ot, ErrT):
                    return ir.Const(None, span, ErrT())
                if isinstance(index, ir.TupleLit) and any(
                        isinstance(i, (ir.SliceItem, ir.EllipsisLit)) for i in index.elts):
                    self.sink.error("E030", f"a multi-dimensional index needs an ndarray, not "
                                            f"`{ot}`", span,
                                    help="index one level at a time: `x[i][j]`")
                    return ir.Const(None, span, ErrT())
                if self.walked_key_read(value, ot, index):
                    plain = [op for op in self.lib.lookup("getitem") if op.params and isinstance(
                        op.params[0].type, DictT) and not op.params[0].type.kind]
                    return self.resolve_among(plain, "getitem", [obj, self.expr(index)], {},
                                              span, None, False)
                return self.resolve_op("getitem", [obj, self.expr(index)], {}, span)
            case ir.Slice(value=value, lower=lo, upper=up, step=st, span=span):
                obj = self.expr(value)
                ot = self.subst.resolve(obj.ty)  # type: ignore[arg-type]
                if isinstance(ot, NdArrayT):
                    return self.nd_index(obj, ot, (ir.SliceItem(lo, up, st, span),), span)
                if isinstance(ot, TupleT):
                    return tuples.slice_(self, obj, ot, [lo, up, st], span)
                if isinstance(ot, OutputsT):
                    return sessionrun.outputs_slice(self, obj, ot, [lo, up, st], span)
                parts: list[ir.Expr] = []
                for bound_part in (lo, up, st):
                    if bound_part is None:
                        parts.append(ir.Const(None, span, NONE))
                        continue
                    bound = self.expr(bound_part)
                    bt = self.subst.resolve(bound.ty)  # type: ignore[arg-type]
                    if isinstance(bt, DynT) and not isinstance(ot, DynT):
                        # `text[span["start"]:span["end"]]`: a bound is an int or None
                        bound = self.resolve_op("slice_bound", [bound], {}, bound.span)
                    parts.append(bound)
                return self.resolve_op("slice", [obj, *parts], {}, span)
            case ir.ListLit(elts=elts, span=span):
                item_expected = expected.item if isinstance(expected, ListT) else \
                    DYN if isinstance(expected, DynT) else None
                vals = [self.expr(x, item_expected) for x in elts]
                item = self.join_all([v.ty for v in vals], span, item_expected,  # type: ignore[misc]
                                     dynamic=True)
                return ir.ListLit(tuple(self.coerce(v, item, v.span) for v in vals), span,
                                  ListT(item))
            case ir.SetLit(elts=elts, span=span):
                vals = [self.expr(x) for x in elts]
                item = self.join_all([v.ty for v in vals], span, None)  # type: ignore[misc]
                self.check_hashable(item, span)
                return ir.SetLit(tuple(self.coerce(v, item, v.span) for v in vals), span,
                                 SetT(item))
            case ir.TupleLit(elts=elts, span=span) if isinstance(expected, VarTupleT):
                # `(a, b)` where a `tuple[T, ...]` is expected: the tuple of those items
                listed = ir.ListLit(elts, span)
                return self.coerce(self.resolve_op("tuple", [self.expr(listed, ListT(
                    expected.item))], {}, span), expected, span)
            case ir.TupleLit(elts=elts, span=span):
                exp_items = expected.items if isinstance(expected, TupleT) and len(
                    expected.items) == len(elts) else (None,) * len(elts)
                vals = [self.expr(x, t) for x, t in zip(elts, exp_items)]
                return ir.TupleLit(tuple(vals), span, TupleT(tuple(v.ty for v in vals)))  # type: ignore[misc]
            case ir.DictLit(keys=keys, values=values, span=span):
                if expected is None and isinstance(e.ty, DictT):
                    expected = e.ty  # a TypedDict's call (pycomp.typeddicts): its type
                kexp = expected.key if isinstance(expected, DictT) else \
                    DYN if isinstance(expected, DynT) else None
                vexp = expected.value if isinstance(expected, DictT) else \
                    DYN if isinstance(expected, DynT) else None
                ks = [self.expr(k, kexp) for k in keys]
                vs = [self.expr(v, vexp) for v in values]
                if vexp is None and ks and all(isinstance(k, ir.Const) and isinstance(
                        k.value, str) for k in ks) and {IntT, FloatT} <= {
                        type(self.subst.resolve(v.ty)) for v in vs}:  # type: ignore[arg-type]
                    # a record of ints and floats (`{"corpus_id": i, "score": s}`, as
                    # sentence-transformers' semantic_search gives): each value keeps its
                    # own kind, as a dynamic value
                    vexp = DYN
                kt = self.join_all([k.ty for k in ks], span, kexp, dynamic=True)  # type: ignore[misc]
                vt = self.join_all([v.ty for v in vs], span, vexp, dynamic=True)  # type: ignore[misc]
                self.check_hashable(kt, span)
                return ir.DictLit(tuple(self.coerce(k, kt, k.span) for k in ks),
                                  tuple(self.coerce(v, vt, v.span) for v in vs), span,
                                  DictT(kt, vt))
            case ir.Comprehension():
                return self.comprehension(e, expected)
            case ir.Lambda(body=ir.Call(func=ir.Name(id=fname), args=args),
                           span=span) if fname in self.p.info.functions and \
                    fname not in self.vars and len(args) == len(e.params) and all(
                        isinstance(a, ir.Name) and a.id == n for a, n in zip(args, e.params)):
                # a nested function used as a value (`return inner`, lifted by pycomp.nested):
                # its own signature types it
                sig = self.p.info.functions[fname]
                return self.function_value(e, FuncT(tuple(sig.param_types[:len(args)]),
                                                    sig.ret), span)
            case ir.Lambda(span=span):
                self.sink.error("E030", "the types of this lambda's parameters are not known "
                                        "here", span,
                                help="a lambda is typed by the parameter it is given to, by "
                                     "its calls when a variable holds it, or by the annotation "
                                     "of what stores it (`ops: dict[str, Callable[[int], "
                                     "int]] = {...}`); or define a function with `def`")
                return ir.Const(None, span, ErrT())
            case ir.FString(parts=fparts, span=span):
                out: list[str | ir.FormattedValue] = []
                for part in fparts:
                    if isinstance(part, str):
                        out.append(part)
                        continue
                    val = self.expr(part.value)
                    if (part.conversion == "r" or part.conversion == "a") and isinstance(
                            self.subst.resolve(val.ty), ClassT):  # type: ignore[arg-type]
                        val = self.cls.repr_of(val)
                    elif part.conversion == "r" or part.conversion == "a":
                        val = self.resolve_op("repr", [val], {}, part.span)
                    if part.conversion == "a":  # `f"{s!a}"`: the repr, non-ASCII escaped
                        val = self.resolve_op("__ascii", [val], {}, part.span)
                    elif part.conversion == "s":
                        val = self.str_of(val)
                    if part.spec or (part.conversion is None and isinstance(
                            self.subst.resolve(val.ty), NdArrayT)):  # type: ignore[arg-type]
                        # (`f"{x}"` of a numpy scalar is `format(x, '')`, not `str(x)`)
                        spec: ir.Expr = (ir.Const(part.spec or "", part.span, STR)
                                         if isinstance(part.spec, (str, type(None)))
                                         else self.expr(part.spec))
                        val = self.resolve_op("format", [val, spec], {}, part.span)
                    else:
                        val = self.str_of(val)
                    out.append(ir.FormattedValue(val, None, None, part.span))
                if all(isinstance(p, str) for p in out):
                    return ir.Const("".join(out), span, STR)  # type: ignore[arg-type]
                return ir.FString(tuple(out), span, STR)
        raise InternalError(f"cannot type {type(e).__name__}", e.span)

    def shadows(self, name: str) -> bool:
        """The function (or a lambda around this point) binds `name`: a read of it is not
        the module's."""
        if name in self.vars or any(name in scope for scope in self.lambda_scopes):
            return True
        return self.fn is not None and any(
            isinstance(t, ir.NameTarget) and t.id == name for t in ir.walk(self.fn.body)) \
            or self.fn is not None and any(p.name == name for p in self.fn.params)

    def name(self, name: str, span: Span) -> ir.Expr:
        for scope in reversed(self.lambda_scopes):
            if name in scope:
                v = scope[name]
                if (key := f"{name}@{id(scope)}") in self.narrowed:
                    return ir.Name(name, span, self.narrowed[key], v.rust, "narrowed")
                return ir.Name(name, span, v.ty, v.rust, "local")
        if name in self.vars:
            v = self.vars[name]
            if name in self.narrowed:
                vt = self.subst.resolve(v.ty)
                kind = "narrowed_dyn" if isinstance(vt, DynT) else "narrowed"
                if isinstance(vt, ClassT):
                    # narrowed to a class deriving from its own: the same Rust value
                    kind = "param" if v.borrowed else "local"
                return ir.Name(name, span, self.narrowed[name], v.rust, kind)
            return ir.Name(name, span, v.ty, v.rust, "param" if v.borrowed else "local")
        if name in self.p.info.constants:
            rust, ty = self.p.info.constants[name]
            return ir.Name(name, span, ty, rust, "const")
        if name in self.cls.cls_alias or name in self.p.classes.classes:
            cname = self.cls.cls_alias.get(name, name)
            return ir.Name(name, span, ClassRefT(cname), cname, "class")
        if name in self.p.info.modules:
            return ir.Name(name, span, ModuleT(self.p.info.modules[name]), name, "module")
        if name in BUILTIN_EXCEPTIONS or self.p.mod.exception(name) is not None:
            return ir.Name(name, span, ExcClassT(name), name, "exc")
        if name in self.p.info.functions:
            sig = self.p.info.functions[name]
            return ir.Name(name, span, CallableT(tuple(sig.param_types), sig.ret), name, "func")
        if self.lib.lookup(name):
            return ir.Name(name, span, CallableT((), NONE), name, "builtin")
        if self.fn is not None and name in self.plan:
            # assigned somewhere in the function, not yet here: E021 reports it
            t = self.subst.fresh()
            return ir.Name(name, span, t, rust_ident(name), "local")
        if name == "__name__":
            # an imported module's name, as a host imports the bundle (docs/language.md)
            return ir.Const(self.p.mod.name, span, STR)
        if name in self.p.info.from_names:
            # `pi` of `from math import pi`
            return self.module_value(f"{self.p.info.from_names[name]}.{name}", span)
        if name == "__file__":
            self.sink.error("E020", "`__file__` is known only in the path of a resource file",
                            span, help="a compiled function runs from its bundle, not from the "
                                       "source file: use `__file__` only to name a model or "
                                       "tokenizer file at module level (`os.path.join(os.path."
                                       "dirname(__file__), \"model.onnx\")`), folded when "
                                       "compiling")
        else:
            self.sink.error("E020", f"name `{name}` is not defined", span,
                            help=f"define `{name}` before this line, or import it")
        return ir.Name(name, span, ErrT(), rust_ident(name), "local")

    def tuple_spread(self, k: ir.Keyword, e: ir.Call) -> tuple[ir.Expr, ...] | None:
        """The items of `*t` in a call, for a variable holding a tuple of a known length,
        written after the positional arguments: `t[0], t[1], ...`; None otherwise."""
        if not isinstance(k.value, ir.Name) or any(
                (a.span.line, a.span.col) > (k.span.line, k.span.col) for a in e.args) or \
                sum(x.name == "*" for x in e.keywords) != 1:
            return None
        if k.value.id not in self.vars and k.value.id not in self.p.info.constants:
            return None
        t = self.subst.resolve(self.name(k.value.id, k.value.span).ty)  # type: ignore[arg-type]
        if not isinstance(t, TupleT):
            return None
        return tuple(ir.Subscript(k.value, ir.Const(i, k.span), k.span)
                     for i in range(len(t.items)))

    def module_function(self, e: ir.Expr) -> str | None:
        """The qualified name of a module's function named without a call (`math.gcd`,
        `gcd` of `from math import gcd`, `time.time`): a function of the op library with
        no op that is the module's constant. Classes (`collections.Counter`) are not."""
        if not isinstance(e, (ir.Name, ir.Attribute)):
            return None
        if isinstance(e, ir.Name) and (e.id in self.p.info.functions or any(
                e.id in scope for scope in self.lambda_scopes)):
            return None
        q = self.qualified_name(e)
        if q is None or "." not in q or (
                q.startswith("numpy.") and q.rsplit(".", 1)[1] in DTYPES):
            return None  # a dtype (`dtype=np.float32`)
        return q if self.is_module_function(q) else None

    def is_module_function(self, qualified: str) -> bool:
        """Whether a module's dotted name is a function of the op library: lowercase (not
        a class), with ops and none of them the module's constant."""
        ops = self.lib.lookup(qualified)
        return qualified.rsplit(".", 1)[1][:1].islower() and bool(ops) and not any(
            op.constant for op in ops)

    def module_value(self, qualified: str, span: Span) -> ir.Expr:
        """A module's name read without a call: a constant (`math.pi`) is its value; a
        function (`time.time`, `math.gcd`) is refused here, since reading it must not run
        it (where a function is expected, `_expr` makes it a function value first)."""
        if not self.is_module_function(qualified):
            return self.resolve_op(qualified, [], {}, span)
        short = qualified.rsplit(".", 1)[1]
        self.sink.error("E030", f"`{qualified}` is a function, named here without a call",
                        span, help=f"call it (`{short}(...)`); to give it to a function that "
                                   "takes a function (`map`, `functools.reduce`, `key=`), pass "
                                   "it there, or write a lambda")
        return ir.Const(None, span, ErrT())

    def shadows_builtin(self, name: str) -> bool:
        """Whether `name` is the module's or the function's own, not the builtin."""
        return name in self.vars or name in self.p.info.constants or \
            name in self.p.info.functions

    def class_test(self, left: ir.Expr, op: str, right: ir.Expr, span: Span
                   ) -> ir.Expr | None:
        """`type(x) is dict` (`is not`, `==`, `!=`) with a builtin class: the name of
        x's class compared with the class's (`type(x).__name__ == "dict"`), which is
        the same test, since no other class of compiled code has a builtin's name."""
        if op not in ("is", "is not", "==", "!=") or not isinstance(right, ir.Name) or \
                right.id not in _BUILTIN_CLASSES or self.shadows_builtin(right.id) or \
                not isinstance(left, ir.Call) or not isinstance(left.func, ir.Name) or \
                left.func.id != "type" or len(left.args) != 1 or left.keywords or \
                self.shadows_builtin("type"):
            return None
        name = ir.Attribute(left, "__name__", left.span)
        equal = "==" if op in ("is", "==") else "!="
        return self.compare(name, (equal,), (ir.Const(right.id, right.span),), span)

    def type_name_of(self, arg: ir.Expr, call_span: Span, span: Span) -> ir.Expr:
        """`type(x).__name__`, as error messages print a value's class: the class a
        dynamic value holds at run time, or the name its static type always has."""
        x = self.expr(arg)
        t = self.subst.resolve(x.ty)  # type: ignore[arg-type]
        if isinstance(t, DynT):
            return self.resolve_op("type_name", [x], {}, span)
        static = _STATIC_CLASS_NAMES.get(type(t))
        if isinstance(t, (DictT, SetT)) and t.kind:
            static = t.kind
        if static is not None and isinstance(x, (ir.Name, ir.Const)):
            return ir.Const(static, span, STR)
        if isinstance(t, ClassT) and isinstance(x, ir.Name) and \
                (info := self.p.classes.of(t)) is not None:
            # the object's class: a value typed with a class may hold one deriving from
            # it (`type(self).__name__` in a base's `__repr__`), tested deepest first
            out: ir.Expr = ir.Const(info.name, span, STR)
            below = sorted((c for c in self.p.classes.classes.values()
                            if info.name in c.mro[1:]), key=lambda c: len(c.mro))
            for c in below:
                out = ir.IfExp(ir.IsInstance(x, (c.name,), span, BOOL),
                               ir.Const(c.name, span, STR), out, span, STR)
            return out
        cls = self.resolve_op("type", [x], {}, call_span)
        ct = self.subst.resolve(cls.ty)  # type: ignore[arg-type]
        if isinstance(ct, ErrT):
            return cls
        return self.resolve_op(f"{type_name(ct)}.__name__", [cls], {}, span, method=True)

    def nd_index(self, obj: ir.Expr, ot: NdArrayT, items: tuple[ir.Expr, ...], span: Span
                 ) -> ir.Expr:
        """Basic numpy indexing; the result's rank is counted from the index items."""
        typed: list[ir.Expr] = []
        removed = added = 0
        ellipsis = False
        pre: dict[int, ir.Expr] = {}
        take: tuple[int, ir.Expr] | None = None  # `x[:, ids]`: the index array's item
        if len(items) == 2 and not any(_nd_index_marker(it) for it in items):
            values = [self.expr(it) for it in items]
            pair = self.nd_index_pair(values, span)
            if pair is not None:  # `probs[np.arange(n), labels]`
                return self.resolve_op("getitem", [obj, pair], {}, span)
            pre = dict(enumerate(values))
        for k, it in enumerate(items):
            if isinstance(it, ir.SliceItem):
                parts = [self.expr(p) if p is not None else None
                         for p in (it.lower, it.upper, it.step)]
                for p in parts:
                    if p is not None and not isinstance(self.subst.resolve(p.ty), IntT):  # type: ignore[arg-type]
                        self.sink.error("E030", "slice bounds must be ints", p.span)
                typed.append(ir.SliceItem(parts[0], parts[1], parts[2], it.span, NONE))
            elif isinstance(it, ir.EllipsisLit):
                if ellipsis:
                    self.sink.error("E030", "an index can only have one `...`", it.span)
                ellipsis = True
                typed.append(ir.EllipsisLit(it.span, NONE))
            elif isinstance(it, ir.Const) and it.value is None or (
                    isinstance(it, ir.Attribute) and it.attr == "newaxis"):
                added += 1
                typed.append(ir.Const(None, it.span, NONE))
            else:
                v = pre[k] if k in pre else self.expr(it)
                vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
                if isinstance(vt, NdArrayT) and vt.ndim == 0 and isinstance(vt.dtype, str) \
                        and vt.dtype.startswith(("int", "uint")):
                    # a numpy integer (an item of an index array: `for i in idx`) indexes
                    # as the int it holds
                    v = self.resolve_op("int", [v], {}, it.span)
                    vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
                elif len(items) == 1 and isinstance(vt, (NdArrayT, ListT, TupleT)):
                    # a boolean mask or an index array: `x[x > 0]`, `emb[ids]`; a tuple
                    # of two index arrays is `x[rows, cols]`
                    return self.resolve_op("getitem", [obj, v], {}, span)
                elif take is None and _index_array(vt):
                    # `x[:, ids]`: a full slice here, then the array picks along it
                    take = (k, v)
                    typed.append(ir.SliceItem(None, None, None, it.span, NONE))
                    continue
                if not isinstance(vt, (IntT, ErrT)):
                    self.sink.error("E040", f"indexing an ndarray with `{vt}` is not supported",
                                    it.span, help="index with ints, slices, None and `...`, "
                                                  "with one boolean mask or index array "
                                                  "(`x[mask]`, `x[ids]`), one index array among "
                                                  "slices and ints (`x[:, ids]`) or two index "
                                                  "arrays (`x[rows, cols]`)")
                removed += 1
                typed.append(v)
        ndim: int | None = None
        if ot.ndim is not None:
            used = sum(1 for t in typed if isinstance(t, ir.SliceItem)) + removed
            if used > ot.ndim:
                self.sink.error("E030", f"too many indices for a {ot.ndim}-dimensional array",
                                span)
                return ir.Const(None, span, ErrT())
            ndim = ot.ndim - removed + added
        # `x[i, j]` down to one item is a numpy scalar (a 0-d array), as an item of an
        # iteration is: numpy's dtype in arithmetic and numpy's printing
        basic = ir.NdIndex(obj, tuple(typed), span, NdArrayT(ot.dtype, ndim))
        if take is None:
            return basic
        where = self.nd_take_place(items, take)
        if where is None:
            return ir.Const(None, span, ErrT())
        return self.resolve_op("__nd_take", [basic, *where], {}, span)

    def nd_take_place(self, items: tuple[ir.Expr, ...], take: tuple[int, ir.Expr]
                      ) -> list[ir.Expr] | None:
        """Where the one index array among slices and ints (`x[:, ids]`, item `k`)
        picks, as the arguments after the basically indexed array of the `__nd_take`
        and take-setitem ops: the array (a list of ints made one), the axis of the
        basic result it picks along, the indexed array's axis (for numpy's
        IndexError), and whether its axes go first (numpy's rule when the array and
        the int items are not next to each other); None after E040."""
        k, ids = take
        kinds = ["slice" if isinstance(it, ir.SliceItem) else "marker" if _nd_index_marker(it)
                 else "int" for it in items]
        kinds[k] = "array"
        if "marker" in kinds:
            self.sink.error("E040", "an index array next to `...` or `None` is not compiled",
                            items[k].span, help="spell the axes out with `:` (`x[:, :, ids]` "
                                                "for `x[..., ids]`), and add a new axis in a "
                                                "second step (`x[:, ids][:, None]`)")
            return None
        advanced = [j for j, x in enumerate(kinds) if x != "slice"]
        front = advanced != list(range(advanced[0], advanced[-1] + 1))
        if isinstance(self.subst.resolve(ids.ty), ListT):  # type: ignore[arg-type]
            ids = self.list_array(ids)
        sp = items[k].span
        return [ids, ir.Const(kinds[:k].count("slice"), sp, INT), ir.Const(k, sp, INT),
                ir.Const(front, sp, BOOL)]

    def tuple_index(self, obj: ir.Expr, ot: TupleT, index: ir.Expr, span: Span) -> ir.Expr:
        if isinstance(index, ir.UnaryOp) and index.op == "neg" and \
                isinstance(index.operand, ir.Const) and isinstance(index.operand.value, int):
            index = ir.Const(-index.operand.value, index.span)
        if not (isinstance(index, ir.Const) and isinstance(index.value, int)
                and not isinstance(index.value, bool)):
            return tuples.getitem(self, obj, ot, self.expr(index), span)
        i = index.value
        n = len(ot.items)
        if i < 0:
            i += n
        if not 0 <= i < n:
            self.sink.error("E030", f"tuple index {index.value} is out of range for `{ot}`", span)
            return ir.Const(None, span, NONE)
        return ir.Subscript(obj, ir.Const(i, index.span, INT), span, ot.items[i])

    # ------------------------------------------------------------ operators

    def binop(self, op: str, a: ir.Expr, b: ir.Expr, span: Span,
              expected: Type | None = None) -> ir.Expr:
        r = self.cls.binop(op, a, b, span)
        if r is not None:
            return r
        if op in ("|", "&", "-", "^") and (self.keys_view(a) or self.keys_view(b)):
            # `old.keys() | new.keys()`: a keys view's set operators give a set
            a, b = (self.resolve_op("set", [x], {}, x.span) if self.keys_view(x) else x
                    for x in (a, b))
        at, bt = self.subst.resolve(a.ty), self.subst.resolve(b.ty)  # type: ignore[arg-type]
        if op == "+" and isinstance(at, TupleT) and isinstance(bt, TupleT):
            return tuples.concat(self, a, at, b, bt, span)
        if op == "*" and isinstance(at, TupleT) and isinstance(bt, IntT):
            return tuples.repeat(self, a, at, b, span)
        if op == "/" and (fused := self.sum_truediv(a, b, span)) is not None:
            return fused
        if op == "**" and self.int_like(a) and self.int_like(b) and not self.nonnegative(b) \
                and not isinstance(expected and self.subst.resolve(expected), IntT):
            # CPython's int ** int is a float when the exponent is negative: unless the
            # exponent is visibly not negative (or an int is wanted), the float overload.
            floats = [o for o in self.lib.lookup("**") if isinstance(o.ret, FloatT)
                      and all(isinstance(p.type, IntT) for p in o.params)]
            return self.resolve_among(floats, op, [a, b], {}, span)
        out = self.resolve_op(op, [a, b], {}, span)
        if op == "**" and isinstance(out, ir.OpCall):
            self.inexact_power(a, b, out, span)
        return out

    def inexact_power(self, a: ir.Expr, b: ir.Expr, call: ir.OpCall, span: Span) -> None:
        """W009 at `x ** y` giving a float32 or float64 array: numpy's `power` loop runs
        Intel SVML's pow on AVX-512 CPUs, unless the exponent is one numpy computes as
        `np.square`/`np.reciprocal`/`np.sqrt` (a Python 2, -1, 2.0, -1.0 or 0.5 after a
        float array), whose results compiled code reproduces."""
        t = self.subst.resolve(call.ty) if call.ty is not None else None  # type: ignore[arg-type]
        if not isinstance(t, NdArrayT):
            return
        dtype = t.dtype if isinstance(t.dtype, str) else None
        if dtype is not None and dtype not in _SVML_POW_DTYPES:
            return
        at = self.subst.resolve(a.ty)  # type: ignore[arg-type]
        if isinstance(b, ir.Const) and isinstance(at, NdArrayT) and at.dtype in _FLOAT_DTYPES \
                and type(b.value) in (int, float) and b.value in (2, -1, 0.5):
            return
        what = f"{dtype} arrays" if dtype is not None else "float arrays"
        self.sink.warning(
            "W009", f"`**` of {what}: numpy on CPUs with AVX-512 computes it with Intel "
                    "SVML's pow kernel, whose results can differ from compiled code's in the "
                    "last place", span,
            help="compare such results with a tolerance (`np.allclose(a, b)`), or write "
                 "small integer powers as products (`x * x * x`), which both compute alike")

    def range_sample(self, args: tuple[ir.Expr, ...], kwargs: dict[str, ir.Expr]
                     ) -> list[ir.Expr] | None:
        """`sample(range(a, b, c), k)`: the range's bounds and k, typed, so the sample
        draws indices of the range without making it a list (CPython samples
        `range(10**12)`). Only where `k` is a name or a constant: CPython makes the
        range (which may raise) before it evaluates `k`."""
        pop, k = (args + (kwargs.get("k"),))[:2] if len(args) == 1 else (
            args if len(args) == 2 else (None, None))
        if len(args) + len(kwargs) != 2 or (len(args) == 1 and "k" not in kwargs):
            return None
        if not (isinstance(pop, ir.Call) and isinstance(pop.func, ir.Name)
                and pop.func.id == "range" and not self.shadows_builtin("range")
                and not pop.keywords and 1 <= len(pop.args) <= 3
                and isinstance(k, (ir.Name, ir.Const))):
            return None
        span = pop.span
        one = ir.Const(1, span)
        bounds = [ir.Const(0, span), pop.args[0], one] if len(pop.args) == 1 else \
            [pop.args[0], pop.args[1], pop.args[2] if len(pop.args) == 3 else one]
        return [self.expr(x, INT) for x in [*bounds, k]]

    def keys_view(self, e: ir.Expr) -> bool:
        """`d.keys()` of a dict (of any kind): compiled as an iterator of its keys."""
        if not (isinstance(e, ir.OpCall) and e.op.name.rsplit(".", 1)[-1] == "keys"):
            return False
        recv = dict(e.args).get("self")
        return recv is not None and isinstance(self.subst.resolve(recv.ty), DictT)  # type: ignore[arg-type]

    def sum_truediv(self, a: ir.Expr, b: ir.Expr, span: Span) -> ir.Expr | None:
        """`sum(floats) / n` (`n` an int read without side effects, so evaluating it before
        the sum changes nothing) as one op: CPython's empty sum is the int 0, whose
        division by zero says so in its message."""
        if not (isinstance(a, ir.OpCall) and a.op.name == "sum"
                and isinstance(self.subst.resolve(a.ty), FloatT)  # type: ignore[arg-type]
                and len(a.args) == 1 and self.int_like(b) and _pure_int(b)):
            return None
        return self.resolve_op("__sum_truediv", [a.args[0][1], b], {}, span)

    def int_like(self, e: ir.Expr) -> bool:
        return isinstance(self.subst.resolve(e.ty), (IntT, BoolT))  # type: ignore[arg-type]

    def nonnegative(self, e: ir.Expr) -> bool:
        """Whether an int expression is visibly never negative."""
        match e:
            case ir.Const(value=v):
                return isinstance(v, int) and v >= 0
            case ir.Name(id=name):
                for scope in reversed(self.lambda_scopes):
                    if name in scope:
                        return scope[name].nonneg
                return name in self.nonneg_names and name not in self.narrowed
            case ir.Coerce(value=v):
                return self.nonnegative(v)
            case ir.OpCall(op=op, args=args):
                vals = [v for _, v in args]
                if op.name in ("len", "abs", "bool"):
                    return True
                if op.name == "%" and len(vals) == 2:
                    return isinstance(vals[1], ir.Const) and isinstance(vals[1].value, int) \
                        and vals[1].value > 0
                if op.name in ("+", "*", "//", "max") and vals:
                    return all(self.nonnegative(v) for v in vals)
        return False

    def note_nonnegative_target(self, target: ir.Target, it: ir.Expr,
                                scope: dict[str, Var] | None = None) -> None:
        """Loop variables of `range(n)`, `range(start >= 0, n[, step > 0])` and enumerate's
        index are never negative, if nothing else assigns them (in a comprehension,
        nothing can)."""
        if not isinstance(it, ir.OpCall) or (self.fn is None and scope is None):
            return
        vals = dict(it.args)
        name: str | None = None
        if it.op.name == "range" and isinstance(target, ir.NameTarget):
            start = vals.get("start")
            step = vals.get("step")
            if (start is None or self.nonnegative(start)) and (
                    step is None or isinstance(step, ir.Const) and isinstance(step.value, int)
                    and step.value > 0):
                name = target.id
        elif it.op.name == "enumerate" and isinstance(target, ir.TupleTarget) and \
                isinstance(target.elts[0], ir.NameTarget):
            start = vals.get("start")
            if start is None or self.nonnegative(start):
                name = target.elts[0].id
        if name is None:
            return
        if scope is not None:
            if name in scope:
                scope[name].nonneg = True
        elif self.fn is not None and sum(1 for st in _walk_stmts(self.fn.body)
                                         for n in _stmt_targets(st) if n == name) == 1:
            self.nonneg_names.add(name)

    def boolop(self, op: str, values: tuple[ir.Expr, ...], span: Span) -> ir.Expr:
        # an operand is evaluated only when those before it were true (`and`) or false
        # (`or`): `exc_type is not None and issubclass(exc_type, E)`, as cond does
        saved = dict(self.narrowed)
        vals = []
        for v in values:
            vals.append(self.expr(v))
            yes, no = self.narrowing(v)
            self.narrowed.update(yes if op == "and" else no)
        self.narrowed = saved
        types = [self.subst.resolve(v.ty) for v in vals]  # type: ignore[arg-type]
        if all(isinstance(t, BoolT) for t in types):
            return ir.BoolOp(op, tuple(vals), span, BOOL)
        # Python returns one of the operands: they must share a type.
        last = types[-1]
        result: Type | None = None
        if op == "or" and all(isinstance(t, OptionalT) and self.subst.unify(t.item, last)
                              or self.subst.unify(t, last) for t in types[:-1]):
            result = last
        elif op == "and" and all(self.subst.unify(t, types[0]) for t in types):
            result = types[0]
        if result is None and any(isinstance(t, DynT) for t in types):
            result = DYN
            vals = [self.coerce(v, DYN, v.span) for v in vals]
        if result is None:
            self.sink.error("E030", f"`{op}` between values of different types "
                                    f"({', '.join(str(t) for t in types)})", span,
                            help="Python returns one of the operands; compare explicitly, e.g. "
                                 "`bool(a) and bool(b)`")
            return ir.Const(None, span, NONE)
        truths = tuple(self.truth(v) for v in vals[:-1])
        # values: operands; the emitter needs each operand and its truth test
        return ir.BoolOp(op, tuple(vals) + truths, span, result)

    def compare(self, left: ir.Expr, ops: tuple[str, ...], comps: tuple[ir.Expr, ...],
                span: Span) -> ir.Expr:
        if len(ops) == 1 and (named := self.class_test(left, ops[0], comps[0], span)):
            return named
        lv = self.expr(left)
        cvs = [self.expr(c) for c in comps]
        resolved: list[tuple[OpSpec, bool]] = []
        operands = [lv] + cvs
        typed_ops: list[ir.Expr] = []
        for i, op in enumerate(ops):
            a, b = operands[i], operands[i + 1]
            at = self.subst.resolve(a.ty)  # type: ignore[arg-type]
            bt = self.subst.resolve(b.ty)  # type: ignore[arg-type]
            if op in ("==", "!=") and self.cls.equal_is_identity_with_none(at, bt):
                op = "is" if op == "==" else "is not"
            by_class = self.cls.compare(op, a, b, span)
            if by_class is not None:
                typed_ops.append(by_class)
                continue
            if op in ("is", "is not"):
                if isinstance(bt, NoneT) or isinstance(at, NoneT):
                    other = a if isinstance(bt, NoneT) else b
                    ot = self.subst.resolve(other.ty)  # type: ignore[arg-type]
                    name = "is_none"
                    if isinstance(ot, NoneT):
                        # `None is None` (found by the fuzz harness: it was False)
                        typed_ops.append(ir.Const(op == "is", span, BOOL))
                        continue
                    if not isinstance(ot, (OptionalT, DynT)):
                        # `x is None` on a non-optional value is always False
                        name = "is_none_never"
                    call = self.resolve_op(name, [other], {}, span)
                    typed_ops.append(ir.UnaryOp("not", call, span, BOOL) if op == "is not"
                                     else call)
                    continue
                self.sink.error("E041", "`is` is only supported with None", span,
                                help="use `==` to compare values")
                typed_ops.append(ir.Const(False, span, BOOL))
                continue
            negate = op in ("not in", "!=") and op == "not in"
            base = "in" if op in ("in", "not in") else op
            if base == "in" and isinstance(b.ty, IterT):
                # `x in (genexp)` stops at the first equal item: the generator stays lazy,
                # so later items are never computed (nor raise)
                b = self.lazy(b, GenT(b.ty.item))
            args = [b, a] if base == "in" else [a, b]
            if base == "in" and isinstance(bt, TupleT):
                call = tuples.contains(self, b, bt, a, span)
            else:
                call = self.resolve_op(base, args, {}, span)
            if negate:
                call = ir.UnaryOp("not", call, span, BOOL)
            typed_ops.append(call)
        if len(typed_ops) == 1:
            return typed_ops[0]
        # a < b < c: each middle operand is evaluated once; the emitter binds temporaries.
        return ir.Compare(lv, ops, tuple(typed_ops), span, BOOL, tuple(resolved))

    # ---------------------------------------------------------------- calls

    def call(self, e: ir.Call, expected: Type | None) -> ir.Expr:
        span = e.span
        star = next((k for k in e.keywords if k.name == "*"), None)
        if star is not None and (spread := self.tuple_spread(star, e)) is not None:
            # `pow(*pair)`, `area(*size)` of a `tuple[int, int]`: its items as the arguments
            e = dataclasses.replace(e, args=e.args + spread, keywords=tuple(
                x for x in e.keywords if x is not star))
        if isinstance(e.func, ir.Attribute) and e.func.attr == "__getitem__" and len(
                e.args) == 1 and not e.keywords:
            # `xs.__getitem__(i)`, also as a key function (`key=probs.__getitem__`): `xs[i]`
            return self.expr(ir.Subscript(e.func.value, e.args[0], span))
        if (op := functional.operator_name(self, e.func)) is not None:
            return self.operator_call(op, e, expected)
        e = functional.operator_args(self, e)
        func = e.func
        if isinstance(func, ir.Name) and func.id not in self.vars \
                and func.id in self.p.info.functions:
            return self.user_call(func.id, e)
        if isinstance(func, ir.Name) and func.id in self.vars and isinstance(
                self.subst.resolve(self.vars[func.id].ty), (CallableT, FuncT)):
            return self.value_call(func, e)
        if isinstance(func, ir.Name) and func.id in self.vars and isinstance(
                self.subst.resolve(self.vars[func.id].ty), ErrT):
            # `f = first` of an undecided generic: reported where `f` was bound
            for a in e.args:
                self.expr(a)
            return ir.Const(None, span, ErrT())
        if isinstance(func, ir.Name) and func.id in self.vars and isinstance(
                held_t := self.subst.resolve(self.vars[func.id].ty), OptionalT) and isinstance(
                self.subst.resolve(held_t.item), (CallableT, FuncT)):
            # `handler = HANDLERS.get(name)`, tested `is None` before the call
            held = self.name(func.id, func.span)
            ft = self.subst.resolve(held.ty)  # type: ignore[arg-type]
            if isinstance(ft, (CallableT, FuncT)):
                return self.call_value(held, ft, e, func.id)
            return self.maybe_none(held, "cannot be called", span)
        if isinstance(func, ir.Name) and (held_type := self.vars[func.id].ty if func.id in
                                          self.vars else self.p.info.constants[func.id][1]
                                          if func.id in self.p.info.constants else None) \
                is not None and (cinfo := self.p.classes.of(self.subst.resolve(held_type))) \
                is not None and self.p.classes.lookup_method(cinfo, "__call__") is not None:
            # `step(text)` of an object whose class defines `__call__`, held in a variable
            # or a module constant (`EMBED = Embedder(DIR)`)
            return self.call(ir.Call(ir.Attribute(func, "__call__", func.span), e.args,
                                     e.keywords, span), expected)
        if isinstance(func, ir.Name) and any(func.id in sc for sc in self.lambda_scopes):
            held = self.name(func.id, func.span)
            if isinstance(ft := self.subst.resolve(held.ty), FuncT):  # type: ignore[arg-type]
                # `f(x) for f in funcs`: a comprehension's variable holding a function
                return self.call_value(held, ft, e, func.id)
        if isinstance(func, ir.Lambda):
            return self.lambda_call(func, e)
        if zipstar.is_zip_star(e) and "zip" not in self.vars:
            rows = self.expr(e.keywords[0].value)
            rt = self.subst.resolve(rows.ty)  # type: ignore[arg-type]
            if isinstance(rt, (ListT, IterT, GenT)) and isinstance(
                    self.subst.resolve(rt.item), (IterT, GenT)):
                # `zip(*(islice(words, i, None) for i in range(n)))`: CPython's zip takes
                # one item from each iterator in turn, and iterators may share a source
                self.sink.error("E002", "`zip(*...)` of iterators is not supported", span,
                                help="CPython's zip reads the iterators in turn, one item "
                                     "each, and they may share one source; give it lists "
                                     "(`zip(*(words[i:] for i in range(n)))`, or "
                                     "`list(...)` of each iterator)")
                return ir.Const(None, span, ErrT())
            return self.resolve_op("zip_star", [rows], {}, span)
        # `Cls.m(...)` and `super().m(...)` call compiled methods, which bind `*`/`**`
        if isinstance(func, ir.Attribute) and (
                cinfo := self.cls.class_named(func.value)) is not None:
            return self.cls.class_method_call(cinfo, e, func.attr)
        if isinstance(func, ir.Attribute) and isinstance(func.value, ir.Call) and isinstance(
                func.value.func, ir.Name) and func.value.func.id == "super" and \
                func.value.func.id not in self.vars:
            return self.cls.super_call(e, func.attr)
        if isinstance(func, ir.Attribute) and func.attr == "format" and not e.args and \
                len(e.keywords) == 1 and e.keywords[0].name == "**" and \
                (fmt := strformat.literal_format(self, func.value)) is not None:
            # `"Hi {name}".format(**fields)`: CPython's copy of a plain dict, looked up
            return strformat.str_format_unpacked(self, fmt, e.keywords[0].value, span)
        if isinstance(func, ir.Attribute) and any(k.name in ("*", "**") for k in e.keywords) \
                and not (isinstance(func.value, ir.Name) and func.value.id not in self.vars):
            # `obj.m(*xs, **d)`: a method of the object's class binds them too
            recv = self.expr(func.value)
            rt = self.subst.resolve(recv.ty)  # type: ignore[arg-type]
            if (rinfo := self.p.classes.of(rt)) is not None and isinstance(rt, ClassT) and \
                    (by_method := self.cls.method_call(recv, rinfo, e, func.attr)) is not None:
                return by_method
            if isinstance(rt, OpaqueT) and rt.name == "Template" and \
                    func.attr in strtemplate.METHODS:
                return strtemplate.substitute(self, recv, func.attr, e)  # `t.substitute(**d)`
            if isinstance(rt, StrT) and func.attr in ("format", "format_map"):
                return strformat.runtime_template(self, func.attr, span)
            k = next(k for k in e.keywords if k.name in ("*", "**"))
            self.sink.error("E002", f"`{k.name}` unpacking in this call is not supported",
                            k.span, help="pass the arguments one by one; unpacking compiles "
                                         "into a compiled function's or method's `*args` / "
                                         "`**kwargs`")
            return ir.Const(None, span, ErrT())
        constructor = self.cls.class_named(func) is not None
        starred_print = isinstance(func, ir.Name) and func.id == "print" and \
            func.id not in self.vars
        for k in e.keywords:
            if k.name in ("*", "**") and not constructor and not (
                    starred_print and k.name == "*"):
                # a constructor binds them as its `__init__` does
                self.sink.error("E002", f"`{k.name}` unpacking in this call is not supported",
                                k.span, help="pass the arguments one by one (a tuple of a known "
                                             "length held in a variable may be unpacked); "
                                             "unpacking compiles into a compiled function's "
                                             "or method's `*args` / `**kwargs`")
                return ir.Const(None, span, ErrT())  # not also "no op for `max()`"
        kwargs = {k.name: k.value for k in e.keywords}
        if isinstance(func, ir.Name) and func.id not in self.vars and \
                self.p.mod.exception(func.id) is not None:
            self.sink.error("E060", "exceptions can only be created in `raise`", e.span,
                            help=f"write `raise {func.id}(...)`")
            return ir.Const(None, e.span, ErrT())
        if (cinfo := self.cls.class_named(func)) is not None:
            return self.cls.construct(cinfo, e, expected)
        if isinstance(func, ir.Name) and func.id not in self.vars:
            name = func.id
            if name == "isinstance":
                return self.isinstance_(e)
            if name == "issubclass":
                return self.issubclass_(e)
            if name in BUILTIN_EXCEPTIONS:
                self.sink.error("E060", "exceptions can only be created in `raise`", span,
                                help=f'write `raise {name}("message")`')
                return ir.Const(None, span, NONE)
            if name == "print":
                return self.print_call(e)
            if name in ("list", "set", "dict", "tuple") and not e.args and not kwargs:
                ctor: dict[str, Type] = {
                    "list": ListT(self.subst.fresh()), "set": SetT(self.subst.fresh()),
                    "dict": DictT(self.subst.fresh(), self.subst.fresh())}
                if name in ctor:
                    t = ctor[name]
                    if expected is not None:
                        self.subst.unify(t, expected)
                    lit: ir.Expr = (ir.ListLit((), span, t) if name == "list" else
                                    ir.SetLit((), span, t) if name == "set" else
                                    ir.DictLit((), (), span, t))
                    return lit
            if name in ("map", "filter") and name not in self.p.info.from_names:
                written = (functional.map_call(self, e) if name == "map"
                           else functional.filter_call(self, e))
                if written is not None:
                    return written
            if name == "sorted" and (by_cmp := functional.cmp_sorted(self, e)) is not None:
                return by_cmp
            if name in ("max", "min", "sorted"):
                e = functional.dict_get_key(e)
                kwargs = {k.name: k.value for k in e.keywords}
            if name == "reversed" and (view := functional.reversed_view(e)) is not None:
                kind, d = view
                dv = self.expr(d)
                if isinstance(self.subst.resolve(dv.ty), DictT):  # type: ignore[arg-type]
                    return self.resolve_op("reversed" if kind == "keys" else f"reversed_{kind}",
                                           [dv], {}, span)
            if name in self.p.info.from_names:
                name = f"{self.p.info.from_names[name]}.{name}"
                if name == "collections.defaultdict":
                    return pycollections.defaultdict_call(self, e, expected)
            elif name == "memoryview" and not self.lib.lookup(name):
                self.sink.error("E002", f"`{name}` is not compiled (shared bytes)",
                                func.span, help="build a `bytes` value instead: `bytes(n)`, "
                                "`bytes(list_of_ints)`, `b\"\".join(parts)`")
                return ir.Const(None, span, ErrT())
            elif not self.lib.lookup(name) and name not in self.p.info.constants:
                self.sink.error("E043", f"function `{name}` is not defined", func.span,
                                help=f"define `{name}` in this module, or import it")
                return ir.Const(None, span, ErrT())
            args = [self.arg(a) for a in e.args]
            if name in _STOPPING_EARLY:
                # these stop early: a generator expression given to them stays lazy, so
                # items after the deciding one are never computed (nor raise)
                args = [self.lazy(a, GenT(a.ty.item)) if isinstance(a.ty, IterT) else a
                        for a in args]
            kw = {k: self.arg(v) for k, v in kwargs.items()}
            if not kw and (by_class := self.cls.builtin(name, args, span)) is not None:
                return by_class
            if name in _WALKING_BUILTINS:
                # `list(buf)`, `sorted(buf)`, `sum(buf)` of an instance: CPython walks its
                # `__iter__` as a `for` does
                args = [(self.cls.iterate(a) or a) if self.cls.iterable_instance(a) else a
                        for a in args]
            if name == "len" and len(args) == 1 and not kw and isinstance(
                    tt := self.subst.resolve(args[0].ty), TupleT):  # type: ignore[arg-type]
                return tuples.length(self, args[0], tt, span)
            if name in ("max", "min") and len(args) >= 2 and not kw:
                tys = [self.subst.resolve(a.ty) for a in args]  # type: ignore[arg-type]
                if any(isinstance(t, FloatT) for t in tys) and any(
                        isinstance(t, IntT) for t in tys):
                    # `min(n, x)` of an int and a float: held as floats, as `min(x, n)`
                    # is (W001: CPython returns the int when it is the one chosen)
                    args = [self.coerce(a, FLOAT, a.span) if isinstance(t, IntT) else a
                            for a, t in zip(args, tys, strict=True)]
            result = self.resolve_op(name, args, kw, span, expected=expected)
            if name in ("max", "min", "sorted") and isinstance(result, ir.OpCall):
                key = dict(result.args).get("key")
                if isinstance(key, ir.Lambda) and isinstance(key.ty, CallableT) and isinstance(
                        self.subst.resolve(key.ty.ret), OptionalT):
                    self.sink.error("E030", "this key may give None, which CPython cannot order "
                                            "against other keys (TypeError)", key.span,
                                    help="give a key that is never None, e.g. "
                                         "`key=lambda k: d.get(k, 0)`")
            return result
        if isinstance(func, ir.Attribute):
            base = func.value
            qualified = self.qualified_name(func)
            if qualified is not None:
                name = qualified
                if name == "collections.defaultdict":
                    return pycollections.defaultdict_call(self, e, expected)
                if name == "logging.basicConfig":
                    return pylogging.basic_config(self, e, span)
                if name.startswith("logging.") and not self.lib.lookup(name):
                    return pylogging.unsupported(self, name, span)
                if name == "random.sample" and (
                        bounds := self.range_sample(e.args, kwargs)) is not None:
                    return self.resolve_op("random.__sample_range", bounds, {}, span)
                args = [self.arg(a) for a in e.args]
                kw = {k: self.arg(v) for k, v in kwargs.items()}
                return self.resolve_op(name, args, kw, span, expected=expected)
            if func.attr == "format" and (fmt := strformat.literal_format(self, base)) is not None:
                return strformat.str_format(self, fmt, list(e.args), kwargs, span)
            if func.attr == "format_map" and len(e.args) == 1 and not kwargs and \
                    (fmt := strformat.literal_format(self, base)) is not None:
                return strformat.str_format_map(self, fmt, e.args[0], span)
            if isinstance(base, ir.Name) and base.id == "dict" and func.attr == "fromkeys" and \
                    base.id not in self.vars:
                return self.fromkeys(e)
            if isinstance(base, ir.Name) and (base.id, func.attr) in TYPE_FUNCTIONS and \
                    base.id not in self.vars:
                return self.resolve_op(f"{base.id}.{func.attr}", [self.arg(a) for a in e.args],
                                       {k: self.arg(v) for k, v in kwargs.items()}, span)
            recv = self.expr(base)
            rt = self.subst.resolve(recv.ty)  # type: ignore[arg-type]
            if (rinfo := self.p.classes.of(rt)) is not None and isinstance(rt, ClassT):
                by_method = self.cls.method_call(recv, rinfo, e, func.attr)
                if by_method is not None:
                    return by_method
            if isinstance(rt, StrT) and func.attr in ("format", "format_map"):
                return strformat.runtime_template(self, func.attr, span)
            if isinstance(rt, TupleT) and func.attr in ("count", "index"):
                return tuples.method(self, recv, rt, func.attr,
                                     [self.arg(a) for a in e.args],
                                     {k: self.arg(v) for k, v in kwargs.items()}, span)
            if isinstance(rt, OpaqueT) and rt.name == "Random" and func.attr == "sample" and (
                    bounds := self.range_sample(e.args, kwargs)) is not None:
                return self.resolve_op("Random.__sample_range", [recv, *bounds], {}, span,
                                       method=True)
            if isinstance(rt, OpaqueT) and rt.name == "InferenceSession" and func.attr == "run":
                return self.session_run(recv, rt, e)
            if isinstance(rt, OpaqueT) and rt.name == "Template" and \
                    func.attr in strtemplate.METHODS:
                return strtemplate.substitute(self, recv, func.attr, e)
            if isinstance(rt, ListT) and isinstance(item := self.subst.resolve(rt.item), FuncT) \
                    and func.attr == "append" and len(e.args) == 1 and not kwargs:
                # `handlers.append(lambda ...)`: the list's item type types the function
                return self.resolve_op("list.append", [recv, self.expr(e.args[0], item)], {},
                                       span, method=True)
            if isinstance(recv, ir.Const) and isinstance(recv.value, str) and func.attr == "join":
                pass
            args = [recv] + [self.arg(a) for a in e.args]
            kw = {k: self.arg(v) for k, v in kwargs.items()}
            if isinstance(rt, TVar):
                candidates = self.lib.methods_named(func.attr)
                if not candidates:
                    self.sink.error("E040", f"no method `{func.attr}` is known", func.span)
                    return ir.Const(None, span, NONE)
                return self.resolve_among(candidates, f".{func.attr}", args, kw, span, expected)
            method = f"{type_name(rt)}.{func.attr}"
            if isinstance(rt, DynT) and not self.lib.lookup(method) and \
                    self.str_only_method(func.attr):
                # `rec["name"].title()` on JSON data: the value must be a str, as only a
                # str has the method (str is immutable, so the converted value is the same)
                args[0] = ir.Coerce(recv, recv.span, STR, method=func.attr)
                method = f"str.{func.attr}"
            elif isinstance(rt, DynT) and not self.lib.lookup(method) and \
                    self.lib.lookup(f"str.{func.attr}"):
                shown = self.describe_call(method, args, kw, True)
                self.sink.error("E040", f"no op for `{shown}`", span,
                                help="the value's class is known only at run time, and "
                                     f"str and other classes have `{func.attr}`: give it a type "
                                     "first (`text: str = record[\"text\"]`)")
                return ir.Const(None, span, ErrT())
            if isinstance(rt, DictT) and rt.kind and self.lib.lookup(f"{rt.kind}.{func.attr}"):
                method = f"{rt.kind}.{func.attr}"  # Counter.most_common, OrderedDict.popitem
            if rinfo is not None and rinfo.d.kind in ir.VALUE_ENUM_KINDS and \
                    not self.lib.lookup(method):
                # `Role.USER.upper()`: a str enum's member is a str (an IntEnum's an int)
                args[0] = self.cls.enum_value(recv, rinfo)
                method = f"{type_name(self.subst.resolve(args[0].ty))}.{func.attr}"  # type: ignore[arg-type]
            return self.resolve_op(method, args, kw, span, expected=expected, method=True)
        if isinstance(func, (ir.Subscript, ir.Call)):
            # `table[op](a, b)`, `make_scaler(2.0)(x)`: a function value (or an object with
            # `__call__`), then the call
            fv = self.expr(func)
            ft = self.subst.resolve(fv.ty)  # type: ignore[arg-type]
            if isinstance(ft, FuncT):
                return self.call_value(fv, ft, e)
            if isinstance(ft, ClassT) and (cinfo := self.p.classes.of(ft)) is not None and \
                    self.p.classes.lookup_method(cinfo, "__call__") is not None and \
                    (by_call := self.cls.method_call(fv, cinfo, e, "__call__")) is not None:
                # `get_model()(text)`: the object's `__call__`, on the value made once
                return by_call
            if isinstance(ft, ErrT):
                return ir.Const(None, span, ErrT())  # reported where the value was made
        self.sink.error("E040", "this call is not supported", span,
                        help="call a function by name, a method, or a module function")
        return ir.Const(None, span, ErrT())  # (reported: no second error where it is used)

    def str_only_method(self, attr: str) -> bool:
        """Whether `attr` is a method of str that no other class a dynamic value may hold
        has (`split`, `title`: yes; `count`, `index`: no, lists have them too)."""
        return bool(self.lib.lookup(f"str.{attr}")) and not any(
            self.lib.lookup(f"{cls}.{attr}")
            for cls in ("list", "dict", "set", "tuple", "int", "float"))

    def operator_call(self, name: str, e: ir.Call, expected: Type | None) -> ir.Expr:
        """`operator.add(a, b)`, `operator.itemgetter(1)(row)`-free calls of `operator`'s
        functions: the expression each computes."""
        written = None if e.keywords else functional.operator_expr(self, name, list(e.args),
                                                                   e.span)
        if written is not None:
            return self.expr(written, expected)
        if name in functional.OPERATOR_FUNCTIONS:
            self.sink.error("E042", f"wrong arguments for `operator.{name}()`", e.span)
        else:
            self.sink.error("E002", f"`operator.{name}` is not supported", e.func.span,
                            help="pycomp compiles operator's arithmetic and comparison "
                                 "functions, truth, abs, contains, getitem, itemgetter and "
                                 "attrgetter; write the expression or a lambda instead")
        return ir.Const(None, e.span, ErrT())

    def fromkeys(self, e: ir.Call) -> ir.Expr:
        """`dict.fromkeys(keys[, value])`: CPython stores the one value under every key, so a
        list, dict or set value would be shared by all of them."""
        args = [self.arg(a) for a in e.args]
        kw = {k.name: self.arg(k.value) for k in e.keywords}
        value = args[1] if len(args) > 1 else kw.get("value")
        if value is not None and isinstance(self.subst.resolve(value.ty),  # type: ignore[arg-type]
                                            (ListT, DictT, SetT)):
            self.sink.error("E050", "`dict.fromkeys` with a list, dict or set value shares that "
                                    "one value between all keys", value.span,
                            help="build one value per key: `{k: [] for k in keys}`")
            return ir.Const(None, e.span, ErrT())
        return self.resolve_op("dict.fromkeys", args, kw, e.span)

    def print_call(self, e: ir.Call) -> ir.Expr:
        """`print(*args, sep=" ", end="\\n", file=sys.stdout, flush=False)`: the `str()`
        of the arguments joined by `sep` (at compile time when `sep` is a literal), written
        by the `print` op."""
        span = e.span
        kw = {k.name: k for k in e.keywords}
        for k in kw.values():
            if k.name not in ("sep", "end", "file", "flush", "*"):
                self.sink.error("E042", f"print() got an unexpected keyword argument "
                                        f"'{k.name}'", k.span)
                return ir.Const(None, span, ErrT())
        starred = [k for k in e.keywords if k.name == "*"]
        texts = [] if starred else [self.str_of(self.expr(a)) for a in e.args]

        def text_kw(name: str, default: str) -> ir.Expr:
            k = kw.get(name)
            if k is None or (isinstance(k.value, ir.Const) and k.value.value is None):
                return ir.Const(default, span, STR)
            v = self.expr(k.value)
            if not isinstance(self.subst.resolve(v.ty), (StrT, ErrT)):  # type: ignore[arg-type]
                self.sink.error("E030", f"`{name}` must be a str, not `{v.ty}`", k.span)
            return v

        sep = text_kw("sep", " ")
        end = text_kw("end", "\n")
        text: ir.Expr
        if starred:
            # `print(*xs, sep=", ")`: the `str()` of every item, in the written order
            written = sorted([(a.span.line, a.span.col, a, False) for a in e.args]
                             + [(k.span.line, k.span.col, k.value, True) for k in starred],
                             key=lambda w: (w[0], w[1]))
            items: ir.Expr | None = None
            for _, _, a, star in written:
                piece: ir.Expr = ir.ListLit((ir.Call(ir.Name("str", a.span), (a,), (), a.span),),
                                            a.span)
                if star:
                    v = f"__pc_print_item{self.tmp}"
                    self.tmp += 1
                    piece = ir.Comprehension(
                        "list", ir.Call(ir.Name("str", a.span), (ir.Name(v, a.span),), (),
                                        a.span), None,
                        (ir.CompFor(ir.NameTarget(v, a.span), a, (), a.span),), a.span)
                items = piece if items is None else ir.BinOp("+", items, piece, a.span)
            assert items is not None
            text = self.resolve_op("str.join", [sep, self.expr(items)], {}, span)
        elif isinstance(sep, ir.Const):
            parts: list[str | ir.FormattedValue] = []
            for i, t in enumerate(texts):
                if i and sep.value:
                    parts.append(str(sep.value))
                parts.append(ir.FormattedValue(t, None, None, t.span))
            text = ir.FString(tuple(parts), span, STR) if parts else ir.Const("", span, STR)
        else:
            text = self.resolve_op("str.join", [sep, ir.ListLit(tuple(texts), span,
                                                                ListT(STR))], {}, span)
        to_stderr = False
        fl = kw.get("flush")
        f = kw.get("file")
        if f is not None:
            q = self.qualified_name(f.value)
            if q not in ("sys.stdout", "sys.stderr"):
                fv = self.expr(f.value)
                if self.subst.resolve(fv.ty) == OpaqueT("TextIOWrapper"):  # type: ignore[arg-type]
                    # `print(..., file=f)` to a file of `open(...)`
                    flush = self.cond(fl.value) if fl is not None else ir.Const(False, span,
                                                                                 BOOL)
                    return self.resolve_op("print_file", [fv, text, end, flush], {}, span)
                self.sink.error("E042", "print(file=...) takes `sys.stdout`, `sys.stderr` or a "
                                        "file of `open(...)`", f.span,
                                help="write files with `open(...)`, or return the text")
                return ir.Const(None, span, ErrT())
            to_stderr = q == "sys.stderr"
        flush = self.cond(fl.value) if fl is not None else ir.Const(False, span, BOOL)
        return self.resolve_op("print", [text, end, ir.Const(to_stderr, span, BOOL), flush],
                               {}, span)

    def session_run(self, recv: ir.Expr, st: OpaqueT, e: ir.Call) -> ir.Expr:
        """`session.run(names, feeds)`: typed by the model's own signature, read at compile
        time from the model file."""
        from pycomp.onnxmeta import read_model_signature

        span = e.span
        args = list(e.args)
        kw = {k.name: k.value for k in e.keywords}
        names_arg = args[0] if args else kw.get("output_names")
        feeds_arg = args[1] if len(args) > 1 else kw.get("input_feed")
        if feeds_arg is None:
            self.sink.error("E042", "`run()` needs the inputs: `session.run(None, {name: array})`",
                            span)
            return ir.Const(None, span, ErrT())
        if not st.detail and self.sink.has_errors:
            return ir.Const(None, span, ErrT())  # its model file is missing (E090)
        try:
            sig = read_model_signature(st.detail)
        except Exception as ex:  # noqa: BLE001 - any unreadable model is the user's file
            self.sink.error("E090", f"cannot read the model `{st.detail}`: {ex}", span)
            return ir.Const(None, span, ErrT())
        out_names: tuple[str, ...] | None = None
        if names_arg is not None and not (isinstance(names_arg, ir.Const)
                                          and names_arg.value is None):
            listed = None if isinstance(names_arg, ir.Const) else \
                sessionrun.io_names(self, names_arg)
            if listed is None:
                self.sink.error("E042", "output names must be a list of string literals, or None",
                                names_arg.span,
                                help="the names must be known when compiling: literals, module "
                                     "constants, `session.get_outputs()[i].name` or "
                                     "`[o.name for o in session.get_outputs()]`")
                return ir.Const(None, span, ErrT())
            out_names = tuple(listed)
            known = [o[0] for o in sig.outputs]
            for n in out_names:
                if n not in known:
                    self.sink.error("E091", f"the model has no output `{n}`", names_arg.span,
                                    help=f"its outputs are: {', '.join(known)}")
                    return ir.Const(None, span, ErrT())
        pieces = sessionrun.feed_pieces(feeds_arg)
        whole = pieces is None and not isinstance(feeds_arg, ir.DictLit)
        if whole:
            # `session.run(None, feed)` of a dict made elsewhere (a helper returning
            # `dict[str, np.ndarray]`, a loop over `get_inputs()`): as `{**feed}`, its
            # names are checked against the model at run time
            pieces = [feeds_arg]
        if pieces is not None:
            pieces = [sessionrun.named_keys(self, p) for p in pieces]
        if pieces is None or not all(
                isinstance(k, ir.Const) and isinstance(k.value, str)
                for p in pieces if isinstance(p, ir.DictLit) for k in p.keys):
            self.sink.error("E042", "the inputs must be a dict literal with string keys",
                            feeds_arg.span,
                            help='write `{"input_ids": ids, ...}` in the call, or bind that '
                                 'literal once to a name used only as run()\'s inputs; '
                                 'a dict of arrays may be unpacked into it: `{..., **past}`; '
                                 'a key may be a module constant or '
                                 '`session.get_inputs()[i].name` of an input the model has')
            return ir.Const(None, span, ErrT())
        expected = {name: (dtype, dims) for name, dtype, dims in sig.inputs}
        feeds: list[tuple[str, ir.Expr]] = []
        spreads: list[tuple[int, ir.Expr]] = []
        for p in pieces:
            if not isinstance(p, ir.DictLit):
                spreads.append((len(feeds), self.session_spread(p, expected, whole)))
                continue
            for k, v in zip(p.keys, p.values):
                feed = self.session_feed(str(k.value), k, v, expected)  # type: ignore[union-attr]
                if feed is not None:
                    feeds.append(feed)
        missing = [n for n in expected if n not in {f[0] for f in feeds}]
        if missing and not spreads and not self.sink.has_errors:
            self.sink.error("E091", f"the model also needs the input(s) {', '.join(missing)}",
                            feeds_arg.span)
        outputs = [o for o in sig.outputs if out_names is None or o[0] in out_names]
        if out_names is not None:
            outputs = [next(o for o in sig.outputs if o[0] == n) for n in out_names]
        items = tuple(NdArrayT(d, len(dims)) for _, d, dims in outputs)
        return ir.SessionRun(recv, out_names, tuple(feeds), span,
                             OutputsT(items, tuple(o[0] for o in outputs)), tuple(spreads))

    def session_feed(self, name: str, k: ir.Expr, v: ir.Expr,
                     expected: dict[str, tuple[str, tuple[int | str, ...]]]
                     ) -> tuple[str, ir.Expr] | None:
        """One `name: array` of a run's inputs, checked against the model's input."""
        tv = self.expr(v)
        vt = self.subst.resolve(tv.ty)  # type: ignore[arg-type]
        listing = ", ".join(f"{n} ({d}, {len(dims)} dims)" for n, (d, dims) in
                            expected.items())
        if name not in expected:
            self.sink.error("E091", f"the model has no input `{name}`", k.span,
                            help=f"it expects: {listing}")
            return None
        dtype, dims = expected[name]
        if not isinstance(vt, NdArrayT):
            self.sink.error("E091", f"input `{name}` must be an ndarray, not `{vt}`", v.span,
                            help=f"build it with np.array(..., dtype=np.{dtype})")
            return None
        if vt.dtype != dtype or (vt.ndim is not None and vt.ndim != len(dims)):
            self.sink.error("E091", f"input `{name}` is `{vt}`; the model expects {dtype} "
                                    f"with {len(dims)} dims", v.span,
                            help=f"the model expects: {listing}")
            return None
        return (name, tv)

    def session_spread(self, d: ir.Expr, expected: dict[str, tuple[str, tuple[int | str, ...]]],
                       whole: bool = False) -> ir.Expr:
        """`**past` in a run's inputs (or, `whole`, the inputs themselves): a `dict[str,
        ndarray]` whose names are known at run time only (checked there against the model,
        as onnxruntime checks them); its arrays must fit some input of the model."""
        td = self.expr(d)
        dt = self.subst.resolve(td.ty)  # type: ignore[arg-type]
        if isinstance(dt, ErrT):
            return td
        vt = self.subst.resolve(dt.value) if isinstance(dt, DictT) else None  # type: ignore[arg-type]
        if not (isinstance(dt, DictT) and isinstance(self.subst.resolve(dt.key), StrT)  # type: ignore[arg-type]
                and isinstance(vt, NdArrayT)):
            if whole:
                self.sink.error("E042", f"the inputs must be a dict literal with string keys "
                                        f"or a `dict[str, ndarray]`, not `{dt}`", d.span,
                                help='write `{"input_ids": ids, ...}` in the call; a dict '
                                     'of arrays of several dtypes needs the literal')
            else:
                self.sink.error("E091", f"only a `dict[str, ndarray]` can be unpacked into "
                                        f"the inputs, not `{dt}`", d.span)
            return ir.Const(None, d.span, ErrT())
        if not any(vt.dtype == dtype and vt.ndim in (None, len(dims))
                   for dtype, dims in expected.values()):
            listing = ", ".join(f"{n} ({dt_}, {len(dims)} dims)" for n, (dt_, dims) in
                                expected.items())
            self.sink.error("E091", f"no input of the model takes `{vt}`", d.span,
                            help=f"the model expects: {listing}")
            return ir.Const(None, d.span, ErrT())
        return td

    def qualified_name(self, e: ir.Expr) -> str | None:
        """`np.linalg.norm` -> "numpy.linalg.norm"; `Tokenizer.from_file` ->
        "tokenizers.Tokenizer.from_file"; None for attributes of values."""
        match e:
            case ir.Name(id=name) if name not in self.vars and name not in self.p.info.constants:
                if name in self.p.info.modules:
                    return self.p.info.modules[name]
                if name in self.p.info.from_names:
                    return f"{self.p.info.from_names[name]}.{name}"
                return None
            case ir.Attribute(value=v, attr=attr):
                base = self.qualified_name(v)
                return f"{base}.{attr}" if base is not None else None
        return None

    def arg(self, a: ir.Expr) -> ir.Expr:
        """Arguments: lambdas and function names are typed later, by the op they go to."""
        if isinstance(a, ir.Lambda) or isinstance(a, ir.Const) and isinstance(a.ty, ErrT):
            return a
        if isinstance(a, ir.Name) and a.id not in self.vars and (
                a.id in self.p.info.functions or (self.lib.lookup(a.id)
                                                  and a.id not in self.p.info.constants)):
            return a
        if isinstance(a, ir.Attribute) and isinstance(a.value, ir.Name) and a.value.id in (
                "str", "int", "float") and a.value.id not in self.vars:
            return a
        if isinstance(a, ir.Attribute) and a.attr == "__getitem__" and functional.is_bound(
                self, a):
            return a  # `key=probs.__getitem__`: `lambda i: probs[i]` (match_callable)
        if self.module_function(a) is not None:
            return a  # `reduce(math.gcd, xs)`: `lambda x, y: math.gcd(x, y)` (match_callable)
        if isinstance(a, ir.Attribute) and functional.is_bound(self, a) and \
                isinstance(a.value, ir.Name) and a.value.id in self.vars and isinstance(
                    self.subst.resolve(self.vars[a.value.id].ty),
                    (ListT, DictT, SetT, StrT, TupleT)):
            # `key=order.index`: a builtin value has no attribute but its methods, so this
            # is a bound method, `lambda x: order.index(x)` (match_callable)
            return a
        return self.expr(a)

    def isinstance_(self, e: ir.Call) -> ir.Expr:
        span = e.span
        if len(e.args) != 2:
            self.sink.error("E042", "isinstance() takes 2 arguments", span)
            return ir.Const(False, span, BOOL)
        v = self.expr(e.args[0])
        cls = e.args[1]
        names: list[str] = []
        for x in cls.elts if isinstance(cls, ir.TupleLit) else (cls,):
            name = x.id if isinstance(x, ir.Name) and x.id not in self.vars else \
                self.qualified_name(x) if isinstance(x, ir.Attribute) else None
            if name is None:
                self.sink.error("E040", "isinstance() is compiled with classes named in the "
                                        "call", x.span,
                                help="name the classes: `isinstance(x, (int, float))`")
                return ir.Const(False, span, BOOL)
            names.append(isinstance_class(name) or name)
        vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        if isinstance(vt.item if isinstance(vt, OptionalT) else vt, ExcT) and names and all(
                self.is_exception_class(MODULE_EXCEPTIONS.get(n, n)) for n in names):
            # a caught exception (or `__exit__`'s, which may be None): tested by class, as
            # `except` does
            return ir.IsInstance(v, tuple(MODULE_EXCEPTIONS.get(n, n) for n in names), span,
                                 BOOL)
        by_class = self.cls.isinstance_(v, names, span)
        if by_class is not None:
            return by_class
        base = vt.item if isinstance(vt, OptionalT) else vt
        if not isinstance(base, DynT | ClassT | ExcT | ErrT | TVar):
            for name in names:
                if name in self.cls.table.classes or self.is_exception_class(name):
                    continue
                known = isinstance_class(name)
                if known is None:
                    self.sink.error("E040", f"isinstance() with `{name}` is not compiled", span,
                                    help="test with builtin classes (int, float, str, bytes, "
                                         "bool, list, tuple, dict, set), collections' (deque, "
                                         "Counter, defaultdict, OrderedDict), np.ndarray or "
                                         "classes of this module")
                    return ir.Const(False, span, BOOL)
                if static_isinstance(base, known) is None:
                    self.sink.error("E040", f"isinstance(x, {name}) of a numpy 0-d value is "
                                            "not compiled", span,
                                    help="compiled code does not tell a numpy scalar from a 0-d "
                                         "array; test the value itself")
                    return ir.Const(False, span, BOOL)
        return ir.IsInstance(v, tuple(names), span, BOOL)

    def issubclass_(self, e: ir.Call) -> ir.Expr:
        """`issubclass(exc_type, E)` / `issubclass(exc_type, (E1, E2))` of an exception's
        class (`type(e)`, `__exit__`'s `exc_type` once tested `is not None`): the test
        `except` makes. Other classes are not values in compiled code (E040)."""
        span = e.span
        if len(e.args) != 2 or e.keywords:
            self.sink.error("E042", "issubclass() takes 2 arguments", span)
            return ir.Const(False, span, BOOL)
        v = self.expr(e.args[0])
        vt = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        cls = e.args[1]
        elts = cls.elts if isinstance(cls, ir.TupleLit) else (cls,)
        names = [MODULE_EXCEPTIONS.get(x.id, x.id) for x in elts if isinstance(x, ir.Name)]
        if isinstance(vt, ExcKindT) and names and len(names) == len(elts) and all(
                self.is_exception_class(n) for n in names):
            return ir.IsInstance(v, tuple(names), span, BOOL)
        if isinstance(vt, ErrT):
            return ir.Const(False, span, BOOL)
        help = "`issubclass` compiles for an exception's class (`type(e)`, `__exit__`'s " \
               "`exc_type`) and exception classes named in the call"
        if isinstance(vt, OptionalT) and isinstance(vt.item, ExcKindT):
            help = "test it first: `exc_type is not None and issubclass(exc_type, ...)` " \
                   "(CPython raises TypeError for None)"
        self.sink.error("E040", f"no op for `issubclass` of `{vt}`", span, help=help)
        return ir.Const(False, span, BOOL)

    def value_call(self, func: ir.Name, e: ir.Call) -> ir.Expr:
        """A call of a `Callable[[...], R]` parameter or of a variable holding a function:
        positional arguments only."""
        ct = self.subst.resolve(self.vars[func.id].ty)
        assert isinstance(ct, (CallableT, FuncT))
        return self.call_value(self.expr(func), ct, e, func.id)

    def call_value(self, callee: ir.Expr, ct: CallableT | FuncT, e: ir.Call,
                   shown: str = "the function") -> ir.Expr:
        if e.keywords or len(e.args) != len(ct.params):
            self.sink.error("E042", f"`{shown}` takes {len(ct.params)} positional arguments "
                                    f"(it is a `{ct}`)", e.span)
            return ir.Const(None, e.span, ct.ret)
        args = tuple(self.coerce(self.expr(a, t), t, a.span, what=f"argument of `{shown}`")
                     for a, t in zip(e.args, ct.params))
        return ir.UserCall(shown, args, e.span, ct.ret, callee=callee)

    def function_value(self, a: ir.Expr, ft: FuncT, span: Span) -> ir.Expr:
        """A function used as a value (stored, returned, put in a container): the lambda
        `match_callable` makes of it, made into a `FuncT` that holds copies of the
        enclosing variables it reads."""
        lam = self.match_callable(CallableT(ft.params, ft.ret), a, {})
        if not isinstance(lam, ir.Lambda):
            self.sink.error("E030", f"expected a function `{ft}` here", span,
                            help="give a function taking and returning those types: a "
                                 "module-level or nested function, or a lambda")
            return ir.Const(None, span, ErrT())
        self.check_captures(lam)
        return ir.Coerce(lam, span, self.subst.resolve(ft))

    def check_captures(self, lam: ir.Lambda) -> None:
        """A function value copies the enclosing variables it reads when it is made. That
        is what CPython's closure reads (late binding) only when the variable is never
        assigned again and holds a value nothing can change in place: E002 otherwise."""
        bound = lambda_bound_names(lam)
        assigned = _assignments(self.fn.body) if self.fn is not None else {}
        params = {p.name for p in self.fn.params} if self.fn is not None else set()
        seen: set[str] = set()
        for node in ir.walk(lam.body):
            if not isinstance(node, ir.Name) or node.id in bound or node.id in seen or \
                    node.kind not in ("local", "param", "narrowed", "narrowed_dyn"):
                continue
            seen.add(node.id)
            t = self.subst.resolve(node.ty)  # type: ignore[arg-type]
            count, in_loop = assigned.get(node.id, (0, False))
            if node.id in lam.early:
                pass  # a default (`i=i`): its value when the lambda is made, as copied
            elif node.id not in self.vars or in_loop or count > (0 if node.id in params else 1):
                self.sink.error(
                    "E002", f"a function value reading `{node.id}`, which is assigned again, "
                            "is not compiled", node.span,
                    help="CPython's function reads the variable's value when it runs (late "
                         "binding); a compiled function value copies it when it is made, so "
                         "it may only read variables assigned once, outside loops")
            elif isinstance(t, ClassT) and is_cell_class(t.name):
                # a variable the function changes (pycomp.cells): the value holds the cell
                # itself, as CPython's closure does; it must be Send (`pcrt::Func`)
                info = self.p.classes.classes.get(t.name)
                held = self.subst.resolve(info.fields["v"]) if info is not None else t
                if not _sendable(held):
                    self.sink.error(
                        "E002", f"a function value changing `{cell_variable(node.id)}` (a "
                                f"`{held}`) is not compiled", node.span,
                        help="a function value may change numbers, strings, and lists, "
                             "dicts and sets of them; class instances and generators stay "
                             "on the thread that made them")
            elif not _copyable(t):
                self.sink.error(
                    "E002", f"a function value reading `{node.id}` (a `{t}`) is not compiled",
                    node.span,
                    help="CPython's function shares that object and sees later changes to "
                         "it; a compiled function value holds copies of what it reads: "
                         "numbers, strings, tuples and optionals of them, other functions")

    def lambda_call(self, lam: ir.Lambda, e: ir.Call) -> ir.Expr:
        """`norm(x)` where `norm = lambda s: ...` (the lambda inlined by pycomp.nested): the
        lambda typed by the arguments, then called."""
        if e.keywords or len(e.args) != len(lam.params):
            self.sink.error("E042", f"the lambda takes {len(lam.params)} positional arguments",
                            e.span)
            return ir.Const(None, e.span, ErrT())
        args = tuple(self.expr(a) for a in e.args)
        types = tuple(self.subst.resolve(a.ty) for a in args)  # type: ignore[arg-type]
        scope = {n: Var(n if n.startswith("__pc") else rust_ident(n), t)
                 for n, t in zip(lam.params, types)}
        self.lambda_scopes.append(scope)
        try:
            body = self.expr(lam.body)
        finally:
            self.lambda_scopes.pop()
        typed = ir.Lambda(lam.params, body, lam.span, CallableT(types, body.ty),  # type: ignore[arg-type]
                          tuple(v.rust for v in scope.values()), lam.early)
        return ir.UserCall("<lambda>", args, e.span, body.ty, callee=typed)

    def lambda_list_type(self, name: str) -> Type | None:
        """`fns = [lambda x, f=f: x * f for f in factors]`: the list's type from the first
        call of its items the function makes (`for fn in fns: fn(2.0)`, `[fn(2.0) for fn
        in fns]`), when the arguments' types are known here (constants, typed variables);
        None otherwise."""
        if self.fn is None:
            return None
        for node in ir.walk(self.fn.body):
            loops: list[tuple[ir.Target, ir.Expr, object]] = []
            if isinstance(node, ir.For):
                loops.append((node.target, node.iter, node.body))
            elif isinstance(node, ir.Comprehension):
                loops += [(g.target, g.iter, (node.key, node.elt, node.generators))
                          for g in node.generators]
            for target, it, scope in loops:
                if not (isinstance(target, ir.NameTarget) and isinstance(it, ir.Name)
                        and it.id == name):
                    continue
                var = target.id
                for call in ir.walk(scope):
                    if not (isinstance(call, ir.Call) and isinstance(call.func, ir.Name)
                            and call.func.id == var) or call.keywords:
                        continue
                    types: list[Type] = []
                    for a in call.args:
                        const: dict[type, Type] = {bool: BOOL, int: INT, float: FLOAT, str: STR}
                        if isinstance(a, ir.Const) and type(a.value) in const:
                            types.append(const[type(a.value)])
                        elif isinstance(a, ir.Name) and a.id in self.vars:
                            types.append(self.subst.resolve(self.vars[a.id].ty))
                        else:
                            return None
                    return ListT(FuncT(tuple(types), self.subst.fresh()))
        return None

    def argument(self, a: ir.Expr, t: Type) -> ir.Expr:
        """An argument for a parameter of type `t`; a function for a `Callable` one (a lambda,
        or a named function wrapped in one)."""
        ct = self.subst.resolve(t)
        if not isinstance(ct, CallableT):
            return self.expr(a, t)
        not_function = isinstance(a, ir.Name) and a.id in self.vars and not isinstance(
            self.subst.resolve(self.vars[a.id].ty), (CallableT, FuncT))
        lam = None if not_function else self.match_callable(ct, a, {})
        if lam is None:
            self.sink.error("E030", f"expected a function `{ct}` here", a.span,
                            help="pass a function taking and returning those types: a "
                                 "module-level or nested function, or a lambda")
            return ir.Const(None, a.span, ErrT())
        return lam

    def user_call(self, name: str, e: ir.Call, skip_first: bool = False,
                  receiver: ir.Expr | None = None, typed_args: list[ir.Expr] | None = None,
                  merged: str | None = None) -> ir.Expr:
        """A call of a module function; for methods, `receiver` is `self` (already typed)
        and `skip_first` leaves `self` out (a constructor fills it). `merged`: how
        CPython names the callee merging keywords, where it is not the function's
        qualified name (a constructor: the class)."""
        if name in self.p.generics:
            made = generics.instance(self, name, e, typed_args)
            if made is None:
                return ir.Const(None, e.span, ErrT())
            name = made
        sig = self.p.info.functions[name]
        span = e.span
        bound: list[ir.Expr | None] = [None] * len(sig.params)
        first = 1 if skip_first or receiver is not None else 0
        if receiver is not None:
            bound[0] = receiver
        shown = name.split(".")[-1] if "." in name else name
        given = typed_args if typed_args is not None else e.args
        positional = [i for i, p in enumerate(sig.params)
                      if p.kind in ("", "posonly") and i >= first]
        varargs = next((i for i, p in enumerate(sig.params) if p.kind == "args"), None)
        varkw = next((i for i, p in enumerate(sig.params) if p.kind == "kwargs"), None)
        if len(given) > len(positional) and varargs is None:
            self.sink.error("E042", f"`{shown}()` takes {len(positional)} positional arguments "
                                    f"but {len(given)} were given", span)
            return ir.Const(None, span, sig.ret)
        for i, a in zip(positional, given):
            bound[i] = a if typed_args is not None else self.argument(a, sig.param_types[i])
        extra_args = tuple(given[len(positional):])
        extra_kws: list[ir.Keyword] = []
        written: list[tuple[int, ir.Keyword]] = []  # keyword arguments in source order
        spread = next((k for k in e.keywords if k.name == "**"), None)
        if spread is not None and not (varkw is not None and not any(
                i >= first and p.kind in ("", "kwonly") and p.name not in sig.fn.captured
                for i, p in enumerate(sig.params))):
            # `d` may name parameters: bound at run time, as CPython binds it
            return self.spread_call(name, sig, e, bound, first, given, spread, skip_first,
                                    merged)
        for k in e.keywords:
            if k.name in ("*", "**"):
                target = varargs if k.name == "*" else varkw
                if target is None or (extra_args if k.name == "*" else extra_kws) or \
                        k.name == "*" and len(given) < len(positional):
                    self.sink.error("E002", f"`{k.name}` unpacking here is not supported", k.span,
                                    help=f"`{k.name}` compiles only into the function's own "
                                         f"`{k.name}{'args' if k.name == '*' else 'kwargs'}` "
                                         "parameter, after the other arguments")
                    return ir.Const(None, span, sig.ret)
                # a fresh list / dict, as CPython packs one for every call
                copy = ir.Call(ir.Name("list" if k.name == "*" else "dict", k.span),
                               (k.value,), (), k.span)
                bound[target] = self.expr(copy, sig.param_types[target])
                continue
            idx = next((i for i, p in enumerate(sig.params)
                        if p.name == k.name and p.kind in ("", "kwonly")), None)
            if idx is None and varkw is not None:
                extra_kws.append(k)
                continue
            if idx is None:
                self.sink.error("E042", f"`{name}()` has no parameter `{k.name}`" if all(
                    p.name != k.name for p in sig.params) else
                    f"`{name}()` got the positional-only argument `{k.name}` as a keyword",
                    k.span)
                return ir.Const(None, span, sig.ret)
            if bound[idx] is not None:
                self.sink.error("E042", f"`{name}()` got several values for `{k.name}`", k.span)
            bound[idx] = self.argument(k.value, sig.param_types[idx])
            written.append((idx, k))
        # CPython evaluates the positional arguments, then the keyword ones as written
        order = [i for i, _ in zip(positional, given)] + [i for i, _ in written]
        if varargs is not None and bound[varargs] is None:
            bound[varargs] = self.expr(ir.ListLit(extra_args, span), sig.param_types[varargs])
        if varkw is not None and bound[varkw] is None:
            if len({k.name for k in extra_kws}) < len(extra_kws):
                self.sink.error("E042", f"`{name}()` got a keyword argument twice", span)
            bound[varkw] = self.expr(self.keywords_dict(extra_kws, span),
                                     sig.param_types[varkw])
        return self.bound_call(name, sig, bound, skip_first, span, order)

    def bound_call(self, name: str, sig: Any, bound: list[ir.Expr | None], skip_first: bool,
                   span: Span, order: list[int], spread: ir.KwSpread | None = None
                   ) -> ir.Expr:
        """The call of `name` once its arguments are bound to its parameters (`bound`,
        None where the default applies): the instance for their types, the arguments
        converted to the parameters' types."""
        name, sig = self.p.instance_for(name, sig, bound)
        args: list[ir.Expr] = []
        for i, (p, t) in enumerate(zip(sig.params, sig.param_types)):
            if skip_first and i == 0:
                continue
            arg = bound[i]
            if arg is not None and arg.ty is not None and p.annotation is not None \
                    and has_open_dtype(p.annotation) and not self.compatible(arg.ty, t):
                self.sink.error("E030", f"`{name}()` is compiled for the dtypes of its first "
                                        f"call: `{p.name}` is a `{self.subst.resolve(t)}`, "
                                        f"this call passes a `{self.subst.resolve(arg.ty)}`",
                                arg.span,
                                help=f"annotate `{p.name}` with the dtype it takes "
                                     "(`npt.NDArray[np.float32]`), or give every call the "
                                     "same dtype (`.astype(...)`)")
                arg = ir.Const(None, arg.span, ErrT())
            if arg is None:
                if p.default is None:
                    self.sink.error("E042", f"`{name}()` is missing the argument `{p.name}`",
                                    span)
                    arg = ir.Const(None, span, t)
                else:
                    arg = self.expr(p.default, t)
            args.append(self.coerce(arg, t, arg.span,
                                    what=f"argument `{p.name}` of `{name}()`"))
        self.p.infer_early(name)
        first_arg = 1 if skip_first else 0
        if spread is not None:
            spread = dataclasses.replace(spread, written=tuple(
                i - first_arg for i in spread.written))
        return ir.UserCall(name, tuple(args), span, sig.ret, order=tuple(
            i - first_arg for i in order) if order != sorted(order) else (), spread=spread)

    def spread_call(self, name: str, sig: Any, e: ir.Call, bound: list[ir.Expr | None],
                    first: int, given: tuple[ir.Expr, ...] | list[ir.Expr],
                    spread: ir.Keyword, skip_first: bool, merged: str | None) -> ir.Expr:
        """`f(..., **d)` where keys of `d` may name parameters of `f`: `d` is evaluated
        once, after the written arguments; its keys are checked as CPython binds them
        (`ir.KwSpread`) and the parameters they may fill read it."""
        span = e.span
        params = sig.params
        fail = ir.Const(None, span, sig.ret)
        qualname = binding_name(name)
        positional = [i for i, p in enumerate(params)
                      if p.kind in ("", "posonly") and i >= first]
        varkw = next((i for i, p in enumerate(params) if p.kind == "kwargs"), None)
        varargs = next((i for i, p in enumerate(params) if p.kind == "args"), None)
        star = next((k for k in e.keywords if k.name == "*"), None)
        if name.split(".")[-1].startswith("__pc") and ".__pcv_" not in name or (
                star is not None or len(given) > len(positional)) and (
                varargs is None or star is not None and len(given) != len(positional)):
            self.sink.error("E002", f"`{'*' if star is not None else '**'}` unpacking here "
                                    "is not supported", (star or spread).span,
                            help="`*` compiles only into the function's own `*args` "
                                 "parameter, after the other positional arguments")
            return fail
        # `self` too: filled by the receiver, a key naming it raises
        named = {p.name: i for i, p in enumerate(params)
                 if p.kind in ("", "kwonly") and p.name not in sig.fn.captured}
        d = self.expr(spread.value)
        dt = self.subst.resolve(d.ty)  # type: ignore[arg-type]
        if isinstance(dt, ErrT):
            return fail
        if not isinstance(dt, DictT) or not self.subst.unify(dt.key, STR):
            self.sink.error("E030", f"`**` unpacks a `dict[str, ...]` here, not a `{dt}`",
                            spread.span)
            return fail
        written = [i for i, _ in zip(positional, given)]
        by_position = tuple(p.name for i, p in enumerate(params)
                            if (i in written or i < first) and p.name in named)
        if varargs is not None:
            # `*xs` or the positional arguments after the parameters: a new list
            extra: ir.Expr = ir.ListLit(tuple(given[len(positional):]), span) if star is None \
                else ir.Call(ir.Name("list", star.span), (star.value,), (), star.span)
            bound[varargs] = self.expr(extra, sig.param_types[varargs])
            written.append(varargs)
        at = next(j for j, k in enumerate(e.keywords) if k is spread)
        before = [k for k in e.keywords[:at] if k is not star]
        after = list(e.keywords[at + 1:])
        extras: list[list[ir.Keyword]] = [[], []]
        for side, ks in enumerate((before, after)):
            for k in ks:
                idx = named.get(k.name)
                if idx is None and varkw is not None:
                    extras[side].append(k)
                    continue
                if idx is None:
                    self.sink.error("E042", f"`{name}()` has no parameter `{k.name}`" if all(
                        p.name != k.name for p in params) else
                        f"`{name}()` got the positional-only argument `{k.name}` as a keyword",
                        k.span)
                    return fail
                if bound[idx] is not None or idx < first:
                    self.sink.error("E042", f"`{name}()` got several values for `{k.name}`",
                                    k.span)
                    return fail
                bound[idx] = self.argument(k.value, sig.param_types[idx])
                written.append(idx)
        names = [k.name for k in before + after]
        if len(set(names)) < len(names):
            self.sink.error("E042", f"`{name}()` got a keyword argument twice", span)
            return fail
        missing: list[str] = []
        missing_kwonly: list[str] = []
        for pname, i in named.items():
            if bound[i] is not None or i < first:
                continue
            p, t = params[i], sig.param_types[i]
            if not self.compatible(dt.value, t):
                self.sink.error("E030", f"`**` may fill the parameter `{pname}: "
                                        f"{self.subst.resolve(t)}` of `{qualname}()` with a "
                                        f"`{self.subst.resolve(dt.value)}` value", spread.span,
                                help=f"pass `{pname}` explicitly (a key `{pname}` then "
                                     "raises CPython's TypeError), or give the dict "
                                     "values of the parameter's type")
                return fail
            key = ir.Const(pname, spread.span)
            what = f"argument `{pname}` of `{name}()`"
            take = self.coerce(self.expr(ir.Subscript(spread.value, key, spread.span), t), t,
                               spread.span, what)
            if p.default is None:
                (missing if p.kind == "" else missing_kwonly).append(pname)
                bound[i] = take
            else:
                has = self.expr(ir.Compare(key, ("in",), (spread.value,), spread.span))
                default = self.coerce(self.expr(p.default, t), t, spread.span, what)
                bound[i] = ir.IfExp(has, take, default, spread.span, t)
        if varkw is not None:
            # the other keys, with the written keywords no parameter takes, in CPython's
            # order: a new dict
            kk, vv = "__pc_kw_key", "__pc_kw_value"
            rest: ir.Expr = ir.Comprehension(
                "dict", ir.Name(vv, spread.span), ir.Name(kk, spread.span), (ir.CompFor(
                    ir.TupleTarget((ir.NameTarget(kk, spread.span),
                                    ir.NameTarget(vv, spread.span)), spread.span),
                    ir.Call(ir.Attribute(spread.value, "items", spread.span), (), (),
                            spread.span),
                    (ir.Compare(ir.Name(kk, spread.span), ("not in",), (ir.TupleLit(tuple(
                        ir.Const(n, spread.span) for n in named), spread.span),),
                        spread.span),) if named else (), spread.span),), spread.span)
            joined = rest
            if extras[0]:
                joined = ir.BinOp("|", self.keywords_dict(extras[0], span), joined, span)
            if extras[1]:
                joined = ir.BinOp("|", joined, self.keywords_dict(extras[1], span), span)
            bound[varkw] = self.expr(joined, sig.param_types[varkw])
        module = self.p.mod.name
        by_class: list[tuple[str, str]] = []
        if ".__pcv_" in name:
            # dispatched on the object's class: CPython names that class's method
            base, m = name.split(".__pcv_")
            table = self.cls.table
            for c in sorted((table.get(n) for n in table.subtree(base)),
                            key=lambda i: -len(i.mro)):  # type: ignore[union-attr]
                impl = table.lookup_method(c, m) if c is not None and not c.abstract else None
                if impl is not None:
                    by_class.append((c.name, binding_name(impl)))  # type: ignore[union-attr]
            qualname = by_class[-1][1] if by_class else qualname
        info = ir.KwSpread(
            d, tuple(written), qualname, merged or f"{module}.{qualname}",
            tuple(k.name for k in before), tuple(k.name for k in after), tuple(named),
            by_position, tuple(p.name for i, p in enumerate(params)
                               if i >= first and p.kind == "posonly"),
            varkw is not None, tuple(missing), tuple(missing_kwonly), tuple(by_class))
        return self.bound_call(name, sig, bound, skip_first, span, [], info)

    @staticmethod
    def keywords_dict(keywords: list[ir.Keyword], span: Span) -> ir.DictLit:
        """The keyword arguments a `**kwargs` parameter takes, as a dict display."""
        return ir.DictLit(tuple(ir.Const(k.name, k.span) for k in keywords),
                          tuple(k.value for k in keywords), span)

    # ----------------------------------------------------- op resolution

    def resolve_op(self, name: str, args: list[ir.Expr], kwargs: dict[str, ir.Expr], span: Span,
                   expected: Type | None = None, method: bool = False) -> ir.Expr:
        if any(isinstance(a.ty and self.subst.resolve(a.ty), ErrT)
               for a in [*args, *kwargs.values()]):
            return ir.Const(None, span, ErrT())
        if name in _INDEX_ARGS:
            args = self.numpy_index_args(name, args)
        refused = mentions_unprintable if name in _PRINTING else mentions_identity_compared
        if name in _BY_IDENTITY and (held := next((
                a for a in [*args, *kwargs.values()] if refused(
                    self.subst.resolve(a.ty))), None)) is not None:  # type: ignore[arg-type]
            held_ty = self.subst.resolve(held.ty)  # type: ignore[arg-type]
            self.sink.error("E040", f"`{name}` of a `{held.ty}` is not compiled", held.span,
                            help=_BY_IDENTITY[name] if mentions_identity_compared(held_ty)
                            else _PRINTED_LIBRARY)
            return ir.Const(None, span, ErrT())
        candidates = self.lib.lookup(name)
        if not candidates and method and name.startswith("optional.") and args:
            # `h.level.value` where `h.level` is `Level | None`
            return self.maybe_none(args[0], f"has no `.{name.split('.', 1)[1]}`", span)
        if not candidates:
            shown = self.describe_call(name, args, kwargs, method)
            code = "E041" if not re.match(r"[A-Za-z_]", name) else "E040"
            attr = name.rsplit(".", 1)[-1]
            self_ty = self.subst.resolve(args[0].ty) if method and args and \
                args[0].ty is not None else None
            self.sink.error(code, f"no op for `{shown}`", span,
                            help=_EXCEPTION_CHAIN if attr in _CHAIN_ATTRS and isinstance(
                                self_ty, (ExcT, ExcKindT)) else
                            f"pycomp has no `{name}`; see `pycomp ops list`, or draft one "
                            f"with `pycomp ops synth {name}`")
            return ir.Const(None, span, ErrT())
        out = self.resolve_among(candidates, name, args, kwargs, span, expected, method)
        if name in _ITEMS_DTYPE and isinstance(out, ir.OpCall):
            self.empty_list_array(name, args[0], out, span)
        elif name in _ARGSORTS and isinstance(out, ir.OpCall):
            self.argsort_ties(name, out, span)
        if name in INEXACT_UFUNCS and isinstance(out, ir.OpCall):
            self.inexact_ufunc(name, out, span)
        if name == "numpy.einsum" and isinstance(out, ir.OpCall):
            self.einsum_of_floats(args[1:], span)
        if isinstance(out, ir.OpCall) and out.op.calls_blas:
            self.strided_product(out)
            if numpy_blas_library() is None:
                self.sink.warning(
                    "W013", "numpy here has no OpenBLAS of its own (it was built against "
                            "another BLAS): compiled float products use numpy's loops "
                            "without BLAS, which can differ from this numpy's in the last "
                            "place", span,
                    help="compare such results with a tolerance (`np.allclose`), or compile "
                         "with numpy's pip wheel (`pip install numpy`): a bundle then "
                         "carries its OpenBLAS")
        return out

    def strided_product(self, call: ir.OpCall) -> None:
        """W012 at a float product (`@`, `np.dot`, a whole-array `norm`) of a slice
        numpy holds as a view with a step (`x[:, j]`, `v[::2]`): numpy hands BLAS the
        view's strides, compiled code a contiguous copy, and BLAS adds in another order
        for a strided vector."""
        for _, arg in call.args:
            t = self.subst.resolve(arg.ty) if arg.ty is not None else None  # type: ignore[arg-type]
            if not isinstance(t, NdArrayT) or (isinstance(t.dtype, str)
                                               and not t.dtype.startswith("float")):
                continue
            if (view := _strided_view(arg)) is not None:
                text = _span_text(self.sink.source, view)
                what, fix = f"`{text}`", f"`{text}.copy()`"
            elif isinstance(arg, ir.Name) and arg.id in self.strided_names:
                text = _span_text(self.sink.source, self.strided_names[arg.id])
                what, fix = f"`{arg.id}` (`{text}`)", f"`{arg.id} = {text}.copy()`"
            else:
                continue
            self.sink.warning(
                "W012", f"{what} is a strided view in numpy, whose float product numpy "
                        "computes on the view's steps and compiled code on a contiguous "
                        "copy: the last place may differ", arg.span,
                help=f"multiply a copy in both: {fix} (numpy then computes on contiguous "
                     "memory, as compiled code does)")

    def einsum_of_floats(self, operands: list[ir.Expr], span: Span) -> None:
        """W011 at `np.einsum` of float operands (or operands whose dtype is known
        only at run time): numpy adds the products in the order of its SIMD
        sum-of-products kernels, compiled code in row-major order, so the last place
        may differ."""
        def may_be_float(e: ir.Expr) -> bool:
            t = self.subst.resolve(e.ty)  # type: ignore[arg-type]
            if isinstance(t, NdArrayT):
                return not isinstance(t.dtype, str) or t.dtype.startswith("float")
            return True
        if not any(may_be_float(e) for e in operands):
            return
        self.sink.warning(
            "W011", "`np.einsum` of floats adds its products in another order than numpy's "
                    "SIMD kernels: the last place of a result may differ from numpy's", span,
            help="compare such results with a tolerance (`np.allclose`); for a matrix "
                 "product numpy computes bit for bit, write it with `@` (`np.einsum('ij,kj->ik', "
                 "a, b)` is `a @ b.T`)")

    def inexact_ufunc(self, name: str, call: ir.OpCall, span: Span) -> None:
        """W009 at `np.log1p(a)` (and the other float ufuncs of `INEXACT_UFUNCS`) whose
        result dtype numpy may compute with kernels compiled code cannot reproduce."""
        t = self.subst.resolve(call.ty) if call.ty is not None else None  # type: ignore[arg-type]
        if not isinstance(t, NdArrayT):
            return
        dtype = t.dtype if isinstance(t.dtype, str) else None
        if dtype is not None and dtype not in INEXACT_UFUNCS[name]:
            return
        short = "np." + name.split(".")[1]
        what = f"{dtype} values" if dtype is not None else "float values"
        self.sink.warning(
            "W009", f"`{short}` of {what}: numpy on CPUs with AVX-512 computes it with Intel "
                    "SVML kernels, whose results can differ from compiled code's in the last "
                    "place", span,
            help="compare such results with a tolerance (`np.allclose(a, b)`, "
                 "`math.isclose(x, y)`), not with `==`")

    def argsort_ties(self, name: str, call: ir.OpCall, span: Span) -> None:
        """W010 at `np.argsort(a)` / `a.argsort()` without a stable `kind=`: compiled
        code keeps equal keys in their order (`pcrt::nd_argsort` sorts stably for every
        kind), numpy's default kind orders them by its CPU's sort kernel."""
        kind = dict(call.args).get("kind")
        if isinstance(kind, ir.Const) and kind.value in _STABLE_KINDS:
            return
        short = "np.argsort" if name.startswith("numpy.") else "ndarray.argsort"
        self.sink.warning(
            "W010", f"`{short}` without `kind=\"stable\"`: equal values keep their order "
                    "here, where numpy's default sort orders them by its CPU's sort kernel",
            span, help="pass `kind=\"stable\"` to sort ties the same way in both (numpy's "
                       "stable sort, the same order on every machine)")

    def empty_list_array(self, name: str, arg: ir.Expr, call: ir.OpCall, span: Span) -> None:
        """W008 at the user's `np.array(xs)` / `np.asarray(xs)` without `dtype=` of a
        list of ints or bools that may be empty: numpy makes it float64, compiled code
        raises ValueError there (`pcrt::nd_items_dtype`)."""
        if "dtype" in dict(call.args):
            return
        t, rank = self.subst.resolve(arg.ty), 0  # type: ignore[arg-type]
        while isinstance(t, ListT):
            t, rank = self.subst.resolve(t.item), rank + 1
        if rank == 0 or not isinstance(t, (IntT, BoolT)) or not _may_be_empty(arg, rank):
            return
        kind = "int" if isinstance(t, IntT) else "bool"
        dtype = "int64" if kind == "int" else "bool"
        short = "np." + name.split(".")[1]
        self.sink.warning(
            "W008", f"`{short}` of a `{self.subst.resolve(arg.ty)}` that may hold no "  # type: ignore[arg-type]
                    f"{kind}s: numpy makes that a float64 array, compiled code raises "
                    f"ValueError", span,
            help=f"pass the dtype you mean: `dtype=np.{dtype}`, or `dtype=np.float64` as numpy "
                 "makes an empty list")

    def maybe_none(self, arg: ir.Expr, what_fails: str, span: Span) -> ir.Expr:
        """E030 for an operation on a value that may be None (`h.level.value`,
        `ident[:2]` of `ident = m.group(2)`): say so, and how to narrow it."""
        what = "this value" if not isinstance(arg, ir.FieldGet) else \
            f"the field `{arg.attr}`"
        help = ("test it first: `if x is not None:`, or `assert x is not None`; a test "
                "narrows a local name, and a field of an object a local name holds until "
                "a call or an assignment may change it; else bind it to a name first "
                "(`level = h.level`)")
        if isinstance(arg, ir.FieldGet) and is_cell_class(arg.cls):
            var = cell_variable(arg.value.id) if isinstance(
                arg.value, ir.Name) else arg.attr
            what = f"`{var}`"
            help = (f"a test does not narrow `{var}`, which other calls change; read it "
                    f"into a local and test that: `v = {var}`, `if v is None: v = "
                    f"load(); {var} = v`")
        elif isinstance(arg, ir.Name):
            what = f"`{arg.id}`"
        held = self.subst.resolve(arg.ty)  # type: ignore[arg-type]
        if isinstance(held, OptionalT) and held.item == STR:
            help += ("; a group of a match is `str | None` unless the pattern is known "
                     "here and the group takes part in every match (a function given to "
                     "`re.sub` by name gets any `re.Match`: `m.group(2) or \"\"` or a "
                     "lambda keeps it `str`)")
        self.sink.error("E030", f"{what} may be None here (`{held}`), so it {what_fails}",
                        span, help=help)
        return ir.Const(None, span, ErrT())

    def numpy_index_args(self, name: str, args: list[ir.Expr]) -> list[ir.Expr]:
        """CPython's `__index__`: a numpy integer scalar given to `range` or as a slice
        bound (`range(x.max())`, `xs[:k]` with `k = x.argmax()`) is the int it holds
        (an int array of a rank not known here: numpy's TypeError unless it is 0-d);
        a numpy float or bool there raises CPython's TypeError (refused: E030)."""
        out = list(args)
        for i in range(_INDEX_ARGS[name], len(args)):
            t = self.subst.resolve(args[i].ty)  # type: ignore[arg-type]
            if not isinstance(t, NdArrayT) or t.ndim not in (0, None) or not isinstance(
                    t.dtype, str):
                continue
            if t.dtype.startswith(("int", "uint")) and t.ndim is None and not all(
                    isinstance(a, (ir.Const, ir.Name)) for a in args[i + 1:]):
                # CPython converts after evaluating every argument; compiled code would
                # raise numpy's TypeError before a later argument's own error
                self.sink.error("E030", "an index taken from an array of a rank not known "
                                        "here is converted after the later arguments are "
                                        "evaluated", args[i].span,
                                help="convert it first: `int(...)` (or bind the later "
                                     "arguments to names)")
                out[i] = ir.Const(None, args[i].span, ErrT())
            elif t.dtype.startswith(("int", "uint")):  # numpy's TypeError unless 0-d
                out[i] = self.resolve_op("__index", [args[i]], {}, args[i].span)
            else:
                why = (f"`numpy.{t.dtype}` cannot be interpreted as an integer"
                       if name == "range" else
                       "slice indices must be integers or None or have an __index__ method")
                self.sink.error("E030", why, args[i].span,
                                help="CPython raises TypeError here: convert it with `int(...)`")
                out[i] = ir.Const(None, args[i].span, ErrT())
        return out

    def describe_call(self, name: str, args: list[ir.Expr], kwargs: dict[str, ir.Expr],
                      method: bool = False) -> str:
        def show(a: ir.Expr) -> str:
            if isinstance(a, ir.Lambda):
                return "lambda"
            if a.ty is None:
                return "?"
            return str(self.subst.resolve(a.ty))

        parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
        if name in BINOP_NAMES and len(args) == 2:
            return f"{parts[0]} {name} {parts[1]}"
        if method and args:
            return f"{parts[0]}.{name.split('.', 1)[1]}({', '.join(parts[1:])})"
        return f"{name}({', '.join(parts)})"

    def resolve_among(self, candidates: list[OpSpec], name: str, args: list[ir.Expr],
                      kwargs: dict[str, ir.Expr], span: Span, expected: Type | None = None,
                      method: bool = False) -> ir.Expr:
        if any(isinstance(a.ty and self.subst.resolve(a.ty), ErrT)
               for a in [*args, *kwargs.values()]):
            return ir.Const(None, span, ErrT())
        # Overloads that take the arguments as they are win over those needing an
        # implicit conversion (int to float, T to T | None), in file order within each.
        # Which one wins is remembered per call shape (`overload_key`) where the types
        # alone decide it; the winner is still tried, so a wrong memory cannot be used.
        key = self.overload_key(candidates, name, args, kwargs)
        known = self.p.overloads.get(key) if key is not None else None
        if known is not None:
            result = self.attempt(candidates[known[1]], known[0], name, args, kwargs, span)
            if result is not None:
                return self.ordered_items(result, span)
        kinds = [type(self.subst.resolve(a.ty)) if a.ty is not None else None for a in args]
        for coerce in (False, True):
            for i, op in enumerate(candidates):
                if not coerce and _differs(op, kinds):
                    continue
                result = self.attempt(op, coerce, name, args, kwargs, span)
                if result is not None:
                    if key is not None and all(_type_decided(c) for c in
                                               (candidates if coerce else candidates[:i])):
                        self.p.overloads[key] = (coerce, i)
                    return self.ordered_items(result, span)
        wrapped = self.numpy_scalar_call(candidates, name, args, kwargs, span, method)
        if wrapped is not None:
            return wrapped
        values = self.cls.enum_values(args) if _consumes_its_arguments(name) else None
        if values is not None:
            # `xs[Level.LOW]`, `text.count(Role.USER)`: an IntEnum's or a str enum's member
            # is an int (a str) where no form takes the enum itself, for an op that only
            # reads it (one that keeps or returns it, `max`, `append`, keeps the member)
            return self.resolve_among(candidates, name, values, kwargs, span, expected, method)
        if any(a.ty is not None and mentions_error(self.subst.resolve(a.ty))
               for a in [*args, *kwargs.values()]):
            # `all(set(g) <= ok for g in groups)` after an error inside: reported there
            return ir.Const(None, span, ErrT())
        if method and args and self.lazy_resource_changed(args[0], candidates, span):
            return ir.Const(None, span, ErrT())
        shown = self.describe_call(candidates[0].name, args, kwargs, method)
        first = self.subst.resolve(args[0].ty) if args and args[0].ty is not None else None
        if name == "sum" and isinstance(first, NdArrayT):
            self.sink.error("E040", f"`{shown}` is not compiled: CPython's `sum` of an array "
                                    "is the int 0 when the array is empty and a numpy "
                                    "scalar (or an array: the sum of the rows) otherwise, a "
                                    "type only the length decides", span,
                            help="sum with numpy (`x.sum()`, `x.sum(axis=0)`: numpy's "
                                 "dtype and order of additions), or sum the Python numbers "
                                 "(`sum(x.tolist())`)")
            return ir.Const(None, span, ErrT())
        if name in ("max", "min") and len(args) > 1 and any(
                isinstance(self.subst.resolve(a.ty), NdArrayT) for a in args if a.ty):
            self.sink.error("E040", f"`{shown}` is not compiled: CPython returns whichever "
                                    "value is chosen, a numpy scalar or another kind (a "
                                    "Python number, another dtype), so the result's type "
                                    "would follow the values", span,
                            help=f"convert first (`{name}(float(a), b)`), or use numpy "
                                 f"(`np.{name}imum(a, b)`: numpy's promotion)")
            return ir.Const(None, span, ErrT())

        def relevance(op: OpSpec) -> tuple[int, int]:
            # forms whose first parameter is of the first argument's kind, then plain
            # Python forms before numpy's and the collections classes' (Counter, ...)
            p0 = op.params[0].type if op.params else None
            same = first is not None and type(p0) is type(first) and not (
                isinstance(p0, DictT) and isinstance(first, DictT) and p0.kind != first.kind)
            return (0 if same else 1,
                    2 if op.file == "collections.toml" else 1 if "ndarray" in op.sig else 0)

        if isinstance(first, OptionalT) and any(
                op.params and type(op.params[0].type) is type(self.subst.resolve(first.item))
                for op in candidates):
            # `ident[:2]`, `len(ident)` of `ident: str | None`: the form for `str` exists
            return self.maybe_none(args[0], f"cannot be given to `{shown}`", span)
        # the dynamic-value forms apply only to `Any` arguments: not worth listing here
        ranked = sorted([c for c in candidates if not c.dynamic] or candidates, key=relevance)
        forms = "; ".join(f"{op.name}{op.sig}" for op in ranked[:4])
        code = "E041" if not re.match(r"[A-Za-z_.]", candidates[0].name) else "E040"
        help = f"supported: {forms}; or draft one with `pycomp ops synth {candidates[0].name}`"
        if any(a.ty is not None and isinstance(self.subst.resolve(a.ty), DynT)
               for a in [*args, *kwargs.values()]):
            # `out[k].append(rec["text"])` with `rec: dict[str, Any]`: CPython would store
            # whatever the value holds; compiled code checks its class where the source
            # declares one
            help = ("a dynamic value (`Any`) is checked against a type only where the source "
                    "declares one: bind it to an annotated name first (`text: str = "
                    "rec[\"text\"]`: TypeError when it holds another class) or convert it "
                    f"(`str(...)`); supported: {forms}")
        if candidates[0].name in _JOINS and args and isinstance(args[0], (
                ir.ListLit, ir.TupleLit)) and any(
                e.ty is not None and not isinstance(self.subst.resolve(e.ty), NdArrayT)
                for e in args[0].elts):
            # `np.concatenate([[0.0], scores])`: numpy makes each item an array first
            help = ("every item joined must be an array here: write a Python list or number "
                    "as `np.array([0.0])` / `np.array([0])` (the dtype numpy gives it, "
                    f"float64 or int64, so the result's promotion stays numpy's); supported: "
                    f"{forms}")
        held = [(k, a) for k, a in kwargs.items() if a.ty is not None and isinstance(
            self.subst.resolve(a.ty), (FuncT, CallableT)) and not isinstance(
            a, (ir.Name, ir.Lambda))]
        if held:
            # `sorted(words, key=KEYS[by])`: a function taken out of a container or
            # returned by a call is given to an op as a lambda or a name only
            k = held[0][0]
            help = (f"bind the function to a name first (`{k}_fn = ...`, then "
                    f"`{k}={k}_fn`): CPython evaluates it once, before the call; "
                    f"supported: {forms}")
        self.sink.error(code, f"no op for `{shown}`", span, help=help)
        return ir.Const(None, span, ErrT())

    def numpy_scalar_call(self, candidates: list[OpSpec], name: str, args: list[ir.Expr],
                          kwargs: dict[str, ir.Expr], span: Span, method: bool
                          ) -> ir.Expr | None:
        """A numpy function of `nptyping.SCALAR_FUNCTIONS` given a Python number or a
        list of them first (`np.sqrt(d)`, `np.maximum(x, 0.0)`, `np.argmax(scores)`):
        numpy converts it with `np.asarray` (a number to a bool, int64 or float64 0-d
        array, a numpy scalar under NEP 50 here: `__nd_scalar`; a list to a 1-D array:
        `numpy.array`), and so does compiled code. None when that does not apply either
        (the caller reports the call as written)."""
        first = self.subst.resolve(args[0].ty) if args and args[0].ty is not None else None
        if method or name not in SCALAR_FUNCTIONS:
            return None
        if type(first) in (BoolT, IntT, FloatT):
            convert: str | None = "__nd_scalar"
        elif isinstance(first, ListT) and type(self.subst.resolve(first.item)) in (
                BoolT, IntT, FloatT):
            item = self.subst.resolve(first.item)
            if not isinstance(item, FloatT) and name not in (
                    EMPTY_BOOL_LIST_FUNCTIONS if isinstance(item, BoolT)
                    else EMPTY_LIST_FUNCTIONS):
                shown = self.describe_call(name, args, kwargs, method)
                kind = "bools a bool" if isinstance(item, BoolT) else "ints an int64"
                self.sink.error("E040", f"`{shown}` is not compiled: numpy makes an empty "
                                        f"list a float64 array and a list of {kind} "
                                        "one, so the result's dtype would follow the "
                                        "list's length", span,
                                help="give the dtype: `np.array(xs, dtype=np.int64)` (or "
                                     "`np.float64`), then the numpy function")
                return ir.Const(None, span, ErrT())
            convert = None
        else:
            return None
        snap = self.subst.snapshot()
        before = len(self.sink.items)
        array = self.resolve_op(convert, [args[0]], {}, args[0].span) if convert else \
            self.list_array(args[0])
        result = self.resolve_among(candidates, name, [array, *args[1:]], kwargs, span)
        if isinstance(result, ir.Const) and isinstance(result.ty, ErrT) and any(
                d.code in ("E040", "E041") for d in self.sink.items[before:]):
            self.subst.restore(snap)
            del self.sink.items[before:]
            return None
        return result

    def ordered_items(self, call: ir.Expr, span: Span) -> ir.Expr:
        """`call`, or E040 when it orders values (`max`, `sorted`, `heapq` ...) that hold
        numpy scalars: their Rust order would be the arrays', which has none."""
        if not (isinstance(call, ir.OpCall) and _orders(call.op.name)):
            return call
        key = dict(call.args).get("key")
        compared = [key.ty.ret] if isinstance(key, ir.Lambda) and isinstance(
            key.ty, CallableT) else [t for _, t in call.tvars]
        for t in compared:
            what = _unorderable(self.subst.resolve(t))
            if what is not None:
                self.sink.error("E041", f"`{call.op.name}` orders `{self.subst.resolve(t)}` "
                                        f"values, whose {what}", span,
                                help="CPython raises TypeError when it compares them; order "
                                     "by a key that is never None and holds no dict "
                                     "(`key=lambda kv: kv[0]` for a dict's items, `key=lambda "
                                     "x: (x is None, x or 0)` to put None last)")
                return ir.Const(None, span, ErrT())
        held = next((t for _, t in call.tvars if holds_array(self.subst.resolve(t))), None)
        if held is None:
            return call
        self.sink.error("E040", f"`{call.op.name}` of `{held}` values is not compiled: it "
                                "orders numpy scalars (or arrays) with `<`", span,
                        help="convert the numpy scalars first (`float(s)`, `int(s)`: "
                             "`max(float(a), float(b))`), or order an array with numpy "
                             "(`np.max`, `np.maximum`, `np.argsort`)")
        return ir.Const(None, span, ErrT())

    def lazy_resource_changed(self, recv: ir.Expr, candidates: list[OpSpec], span: Span
                              ) -> bool:
        """`_TOKENIZER.enable_padding(...)` on a tokenizer loaded lazily into a module
        variable (pycomp.globalcells): the variable holds one object shared by every call
        and thread, which compiled code does not change after loading it (E050, said
        here rather than as a missing op)."""
        rt = self.subst.resolve(recv.ty)  # type: ignore[arg-type]
        if not (isinstance(recv, ir.Coerce) and isinstance(recv.value, ir.FieldGet)
                and isinstance(recv.value.value, ir.Name)
                and is_global_cell_class(recv.value.cls) and isinstance(rt, OpaqueT)
                and any("self" in op.mutated for op in candidates)):
            return False
        var = cell_variable(recv.value.value.id)
        self.sink.error("E050", f"`{var}` is loaded lazily and shared by every call: "
                                f"compiled code does not change the `{rt.name}` after "
                                "loading it", span,
                        help="configure it where it is made: in a `@functools.lru_cache"
                             "(maxsize=1)` function that loads it, configures it and returns "
                             "it (`def _tokenizer() -> Tokenizer: tok = Tokenizer.from_file"
                             "(...); tok.enable_padding(); return tok`), or at module level")
        return True

    def attempt(self, op: OpSpec, coerce: bool, name: str, args: list[ir.Expr],
                kwargs: dict[str, ir.Expr], span: Span) -> ir.Expr | None:
        """`try_op`, undone (bindings, diagnostics) when the op does not apply."""
        snap = self.subst.snapshot()
        lambda_snap = len(self.sink.items)
        self.allow_coerce = coerce
        outer_items, self.array_items = self.array_items, name in ARRAY_ITERATING_OPS
        outer_key, self.ordering_key = self.ordering_key, _orders(name)
        result = self.try_op(op, args, kwargs, span)
        self.array_items = outer_items
        self.ordering_key = outer_key
        self.allow_coerce = True
        if result is None:
            self.subst.restore(snap)
            del self.sink.items[lambda_snap:]
        return result

    def overload_key(self, candidates: list[OpSpec], name: str, args: list[ir.Expr],
                     kwargs: dict[str, ir.Expr]) -> tuple[object, ...] | None:
        """What decides which of `candidates` applies to these arguments, when their
        types are known (no inference variable in them); None otherwise."""
        parts: list[object] = [name, tuple(candidates), tuple(kwargs)]
        for a in (*args, *kwargs.values()):
            if a.ty is None or isinstance(a, (ir.Lambda, ir.Attribute)):
                return None
            t = self.subst.resolve(a.ty)
            if has_tvars(t) or isinstance(t, CallableT):
                return None
            parts.append(t)
        return tuple(parts)

    def try_op(self, op: OpSpec, args: list[ir.Expr], kwargs: dict[str, ir.Expr], span: Span
               ) -> ir.Expr | None:
        params = op.params
        positional = op.positional
        if len(args) > len(positional):
            return None
        bound: dict[str, ir.Expr] = {}
        for p, a in zip(positional, args):
            bound[p.name] = a
        if kwargs:
            names = _param_order(op)
            for k, v in kwargs.items():
                if k in bound or k not in names:
                    return None
                bound[k] = v
        for required in op.required:
            if required not in bound:
                return None
        if op.dynamic and not any(a.ty is not None and has_dyn(self.subst.resolve(a.ty))
                                  for a in bound.values()):
            return None
        pv: dict[str, Type] = {}
        out: list[tuple[str, ir.Expr]] = []
        deferred = []
        resource_path = ""
        for p in params:
            if p.name not in bound:
                continue
            a = bound[p.name]
            if isinstance(p.type, CallableT):
                deferred.append((p, a))
                continue
            if isinstance(p.type, DTypeT) and isinstance(a, ir.Name) and a.ty is None and \
                    a.id in BUILTIN_DTYPES and not self.shadows_builtin(a.id):
                # `x.astype(float)`, `np.zeros(n, dtype=int)`: numpy's dtype of the type
                a = ir.DTypeLit(BUILTIN_DTYPES[a.id], a.span, DTypeT(BUILTIN_DTYPES[a.id]))
            if isinstance(a, (ir.Lambda,)) or (isinstance(a, ir.Name) and a.ty is None) or \
                    isinstance(a, ir.Attribute):
                return None
            if p.is_path:
                if not (isinstance(a, ir.Const) and isinstance(a.value, str)):
                    self.sink.error("E012", "a resource file must be named by a string literal",
                                    a.span, help="the file is bundled at compile time: write its "
                                                 "path relative to this file, as a literal or "
                                                 "from module constants (`f\"{MODEL_DIR}/"
                                                 "model.onnx\"`), and create the resource at "
                                                 "module level")
                    return ir.Const(None, span, ErrT())
                resolved = self.p.asset(a.value, a.span)
                if resolved is None:  # E090; typed all the same, so its uses report nothing
                    out.append((p.name, ir.Const(a.value, a.span, STR)))
                    continue
                out.append((p.name, ir.Const(resolved, a.span, STR)))
                resource_path = resolved
                continue
            coerced = self.match_arg(p.type, a, pv)
            if coerced is None:
                return None
            if isinstance(coerced, ir.Coerce) and p.name in op.mutated:
                return None  # a converted copy would take the change, not the variable
            out.append((p.name, coerced))
        for p, a in deferred:
            ptype = p.type
            if isinstance(a, ir.Lambda) and op.typing.startswith("pycomp.pyre:sub") and \
                    not any(n.startswith("__pc") for n in a.params):
                # `pat.sub(lambda m: m.group(1) * 2, s)`: the lambda's match is one of
                # this pattern's, so a group taking part in every match is a `str` (a
                # function given by name, wrapped in a `__pc_arg` lambda, keeps its own
                # parameter's annotation)
                ptype = pyre.callback_type(ptype, {k: self.subst.resolve(v.ty)  # type: ignore[arg-type]
                                                   for k, v in out},
                                           {k: c for k, v in out
                                            if (c := const_value(v)) is not NOT_CONST})
            fn_expr = self.match_callable(ptype, a, pv)  # type: ignore[arg-type]
            if fn_expr is None:
                return None
            out.append((p.name, fn_expr))
        order = _param_order(op)
        out.sort(key=lambda kv: order[kv[0]])
        ret = self.instantiate(op.ret, pv)
        if resource_path and isinstance(ret, OpaqueT):
            ret = OpaqueT(ret.name, resource_path)
        frozen = self.frozenset_operand(op, out, span)
        if isinstance(frozen, ir.Const):
            return frozen
        if "self" in op.mutated and not self.setup_mode:
            recv = dict(out).get("self")
            if isinstance(recv, ir.Name) and recv.kind == "const":
                self.sink.error("E050", f"`{recv.id}` is a module-level value and cannot be "
                                        "changed inside a function", span,
                                help="configure it at module level, right after it is created")
                return ir.Const(None, span, ErrT())
            if isinstance(recv, ir.Name) and self.callers_object(recv.id) and isinstance(
                    self.subst.resolve(recv.ty), OpaqueT):  # type: ignore[arg-type]
                # the caller's object, maybe the module's (one handle shared by every
                # thread, which functions do not change): configured where it is made
                self.sink.error("E050", f"`{recv.id}` is the caller's "
                                        f"{self.subst.resolve(recv.ty)} and cannot be changed "  # type: ignore[arg-type]
                                        "inside this function", span,
                                help="configure it where it is created (at module level, "
                                     "right after `Tokenizer.from_file(...)`)")
                return ir.Const(None, span, ErrT())
        if op.typing:
            hooked = self.run_typing_hook(op, out, span)
            if hooked is None:
                return None
            if isinstance(hooked, ir.Const):
                return hooked
            ret = hooked
        tvars = tuple((k, self.subst.resolve(v)) for k, v in pv.items())
        call = ir.OpCall(op, tuple(out), span, ret, tvars)
        if frozen and isinstance(ret, SetT):
            # `frozenset | set`: the left operand's class, as in CPython
            return ir.Coerce(call, span, SetT(ret.item, "frozenset"))
        rt = self.subst.resolve(ret)
        if isinstance(rt, OptionalT) and isinstance(self.subst.resolve(rt.item), DynT):
            # `d.get(k)` on a `dict[str, Any]`: a dynamic value holds None itself
            return ir.Coerce(call, span, DYN)
        return call

    def frozenset_operand(self, op: OpSpec, args: list[tuple[str, ir.Expr]], span: Span
                          ) -> bool | ir.Const:
        """Whether a set op's first operand is a frozenset (an op the library declares for
        `set[T]`, which takes a frozenset too): its set result is then a frozenset. An op
        that changes that operand is refused, as CPython's frozenset has no such method
        (`AttributeError`)."""
        if not args or not op.params or not isinstance(op.params[0].type, SetT) \
                or op.params[0].type.kind or args[0][0] != op.params[0].name:
            return False
        at = self.subst.resolve(args[0][1].ty)  # type: ignore[arg-type]
        if not (isinstance(at, SetT) and at.kind == "frozenset"):
            return False
        if op.params[0].name in op.mutated:
            what = op.name.removeprefix("set.")
            self.sink.error("E040", f"a frozenset has no method `{what}` (CPython: "
                                    f"`AttributeError: 'frozenset' object has no attribute "
                                    f"'{what}'`)", span,
                            help="a frozenset never changes: build a new one (`fs | {x}`, "
                                 "`fs - {x}`), or use a `set`")
            return ir.Const(None, span, ErrT())
        return True

    def callers_object(self, name: str) -> bool:
        """Whether `name` is a parameter the function never rebinds: the object the caller
        passed."""
        fn = self.fn
        if fn is None or all(p.name != name for p in fn.params):
            return False
        return not any(isinstance(n, ir.NameTarget) and n.id == name for n in ir.walk(fn.body))

    def run_typing_hook(self, op: OpSpec, args: list[tuple[str, ir.Expr]], span: Span
                        ) -> Type | ir.Const | None:
        import importlib

        modname, _, fname = op.typing.partition(":")
        hook = getattr(importlib.import_module(modname), fname)
        types = {k: self.subst.resolve(v.ty) for k, v in args}  # type: ignore[arg-type]
        open_dtypes = [t.dtype for t in types.values()
                       if isinstance(t, NdArrayT) and isinstance(t.dtype, TVar)]
        if any(d.id in self.p.open_params for d in open_dtypes):
            return ir.Const(None, span, ErrT())  # check_open_params names the parameter
        if open_dtypes and self.decide_open_dtypes(open_dtypes, types):
            types = {k: self.subst.resolve(v.ty) for k, v in args}  # type: ignore[arg-type]
            open_dtypes = []
        if open_dtypes:
            self.sink.error("E011", f"the dtype of the array given to `{op.name}` is not known "
                                    "here", span,
                            help="annotate the array where it comes from with its dtype: "
                                 "`npt.NDArray[np.float32]`")
            return ir.Const(None, span, ErrT())
        consts = {k: c for k, v in args if (c := const_value(v)) is not NOT_CONST}
        result = hook(types, consts)
        if result is None:
            return None
        if isinstance(result, str):
            self.sink.error("E030", result, span)
            return ir.Const(None, span, ErrT())
        if isinstance(result, tuple):  # a type, and a kept deviation to report
            result, warning = result
            self.sink.warning("W002", warning, span)
        return result

    def decide_open_dtypes(self, open_dtypes: list[TVar], types: dict[str, Type]) -> bool:
        """An array of a dtype nothing has decided yet (a field `sums: dict[str,
        np.ndarray]` read before the method that fills it is seen) meeting arrays of one
        known dtype (`self.sums[k] + v`): take that dtype. Every value later bound to the
        array is checked against it, so a wrong guess is a type error, never a different
        computation."""
        known = {t.dtype for t in types.values()
                 if isinstance(t, NdArrayT) and isinstance(t.dtype, str)}
        if len(known) != 1:
            return False
        dtype = known.pop()
        return all(self.subst.unify(d, dtype) for d in open_dtypes)  # type: ignore[arg-type]

    def instantiate(self, t: Type, pv: dict[str, Type]) -> Type:
        match t:
            case PVar(name):
                if name not in pv:
                    pv[name] = self.subst.fresh()
                return pv[name]
            case ListT(x):
                return ListT(self.instantiate(x, pv))
            case VarTupleT(x):
                return VarTupleT(self.instantiate(x, pv))
            case SetT(x, kind):
                return SetT(self.instantiate(x, pv), kind)
            case DequeT(x):
                return DequeT(self.instantiate(x, pv))
            case IterT(x):
                return IterT(self.instantiate(x, pv))
            case GenT(x):
                return GenT(self.instantiate(x, pv))
            case OptionalT(x):
                return OptionalT(self.instantiate(x, pv))
            case DictT(k, v):
                return DictT(self.instantiate(k, pv), self.instantiate(v, pv), t.kind)
            case TupleT(items):
                return TupleT(tuple(self.instantiate(i, pv) for i in items))
            case NdArrayT(PVar(name=n), ndim):
                if n not in pv:
                    pv[n] = DTypeT(self.subst.fresh())
                d = self.subst.resolve(pv[n])
                return NdArrayT(d.name if isinstance(d, DTypeT) else d, ndim)  # type: ignore[arg-type]
            case DTypeT(PVar(name=n)):
                if n not in pv:
                    pv[n] = DTypeT(self.subst.fresh())
                return pv[n]
            case _:
                return t

    def match_arg(self, pattern: Type, a: ir.Expr, pv: dict[str, Type]) -> ir.Expr | None:
        if isinstance(pattern, DTypeT) and isinstance(a, ir.Const) and a.value in DTYPES:
            a = ir.DTypeLit(str(a.value), a.span, DTypeT(str(a.value)))
        at = self.subst.resolve(a.ty)  # type: ignore[arg-type]
        if isinstance(pattern, IterableT):
            item = self.iterable_item(at, arrays=self.array_items)
            if item is None:
                if isinstance(at, TVar):
                    return None
                return None
            if not self.match_type(pattern.item, item, pv, exact=True):
                return None
            return a
        if self.match_type(pattern, at, pv, exact=True):
            return a
        if not self.allow_coerce:
            return None
        target = self.instantiate(pattern, pv)
        target = self.subst.resolve(target)
        if isinstance(target, DynT) and has_tvars(at):
            at = self.dynamic_items(at)
        if self.can_coerce(at, target):
            return self.coerce_node(a, at, target, a.span)
        return None

    def match_type(self, pattern: Type, actual: Type, pv: dict[str, Type], exact: bool) -> bool:
        actual = self.subst.resolve(actual)
        cls = type(pattern)  # (no type has subclasses: dispatched on the exact class)
        if cls is TVar:
            # an unknown of the expected type (a lambda list's results): the actual one
            return self.subst.unify(pattern, actual)
        if cls is PVar:
            name: str = pattern.name  # type: ignore[union-attr,assignment]
            if name in pv:
                return self.subst.unify(pv[name], actual)
            pv[name] = actual
            return True
        if cls is IterableT:
            inner = self.iterable_item(actual, arrays=self.array_items)
            return inner is not None and self.match_type(
                pattern.item, inner, pv, exact)  # type: ignore[union-attr]
        if type(actual) is TVar:
            if cls is IterT:
                # An unknown type (an empty literal's item) is never taken for a one-shot
                # iterator: those only come from range(), enumerate() and the like.
                return False
            return self.subst.unify(actual, self.instantiate(pattern, pv))
        if cls in _SCALAR_TYPES:
            return pattern == actual  # (no case below takes a scalar pattern)
        if type(actual) is not cls:
            return False  # every case below pairs two types of one class
        a: Any = actual
        p: Any = pattern
        if cls in _MATCHED_ITEM_TYPES:
            return self.match_type(p.item, a.item, pv, exact)
        if cls is SetT:
            # a `set[T]` parameter of an op takes a frozenset too (the ops that
            # change their set are refused for one in `try_op`)
            return (not p.kind or p.kind == a.kind) and self.match_type(p.item, a.item, pv,
                                                                        exact)
        if cls is DictT:
            # a plain `dict[K, V]` parameter of an op takes a Counter or defaultdict
            # too (their subclass behaviour only differs for missing keys)
            return (not p.kind or p.kind == a.kind) and self.match_type(
                p.key, a.key, pv, exact) and self.match_type(p.value, a.value, pv, exact)
        if cls is TupleT:
            xs, ys = p.items, a.items
            return len(xs) == len(ys) and all(self.match_type(x, y, pv, exact)
                                              for x, y in zip(xs, ys))
        if cls is ExcT:
            return True
        if cls is NdArrayT:
            pn, an = p.ndim, a.ndim
            if pn is not None and an is not None and pn != an:
                return False
            return self.match_type(DTypeT(p.dtype), DTypeT(a.dtype), pv, exact)
        if cls is DTypeT:
            pd, ad = p.name, a.name
            if type(pd) is PVar:
                n = pd.name
                if n in pv:
                    return self.subst.unify(pv[n], DTypeT(ad))
                pv[n] = DTypeT(ad)
                return True
            return self.subst.unify(DTypeT(pd), DTypeT(ad))
        if cls is OpaqueT:
            return bool(p.name == a.name)
        return pattern == actual

    def iterable_item(self, t: Type, arrays: bool = False) -> Type | None:
        """The item type of an iterable. Arrays iterate (rows; numpy scalars, 0-d
        arrays, of a 1-D array) only where `arrays` says: loops, comprehensions and the
        ops in ARRAY_ITERATING_OPS (others, `sorted`/`max`..., would need an order)."""
        t = self.subst.resolve(t)
        match t:
            case NdArrayT(d, n) if arrays and n != 0:
                return NdArrayT(d, None if n is None else n - 1)
            case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | IterT(x) | GenT(x):
                return x
            case StrT():
                return STR
            case BytesT() | ByteArrayT():
                return INT
            case DictT(k, _):
                return k
            case DynT():
                return DYN
            case TupleT(items) if items and all(self.subst.unify(i, items[0]) for i in items):
                return items[0]
        return None

    def iterated(self, it: ir.Expr) -> ir.Expr:
        """What a `for` or a comprehension walks for `it`: a class's `__iter__` or enum
        members, the lines of a text file as they are read, else `it` itself."""
        t = self.subst.resolve(it.ty) if it.ty is not None else None
        if isinstance(t, OpaqueT) and t.name == "TextIOWrapper":
            return self.resolve_op("iter", [it], {}, it.span)
        return self.cls.iterate(it) or it

    def item_type(self, it: ir.Expr, span: Span) -> Type:
        t = self.iterable_item(it.ty, arrays=True)  # type: ignore[arg-type]
        if t is None:
            at = self.subst.resolve(it.ty)  # type: ignore[arg-type]
            if isinstance(at, ErrT):
                return at
            if isinstance(at, NdArrayT):
                self.sink.error("E030", "iteration over a 0-d array (a numpy scalar)", span)
                return self.subst.fresh()
            if isinstance(at, TVar):
                t = self.subst.fresh()
                self.subst.unify(at, ListT(t))
                return t
            self.sink.error("E030", f"cannot iterate over `{at}`", span)
            return self.subst.fresh()
        return t

    def match_callable(self, pattern: CallableT, a: ir.Expr, pv: dict[str, Type]
                       ) -> ir.Expr | None:
        param_types = [self.subst.resolve(self.instantiate(p, pv)) for p in pattern.params]
        if isinstance(a, ir.Name):
            # `key=len`, `key=helper`: the same as `lambda x: f(x)`
            names = tuple(f"__pc_arg{i}" for i in range(len(param_types)))
            a = ir.Lambda(names, ir.Call(a, tuple(ir.Name(n, a.span) for n in names), (),
                                         a.span), a.span)
        elif functional.is_bound(self, a) or self.module_function(a) is not None:
            # `key=d.get`: the method of that value, `lambda x: d.get(x)`; `math.gcd`
            names = tuple(f"__pc_arg{i}" for i in range(len(param_types)))
            a = ir.Lambda(names, ir.Call(a, tuple(ir.Name(n, a.span) for n in names), (),
                                         a.span), a.span)
        elif isinstance(a, ir.Attribute) and isinstance(a.value, ir.Name):
            names = tuple(f"__pc_arg{i}" for i in range(len(param_types)))
            a = ir.Lambda(names, ir.Call(ir.Attribute(ir.Name(names[0], a.span), a.attr,
                                                      a.span),
                                         tuple(ir.Name(n, a.span) for n in names[1:]), (),
                                         a.span), a.span)
        if not isinstance(a, ir.Lambda):
            return None
        if len(a.params) != len(param_types):
            return None
        scope = {}
        rust_params = []
        for n, t in zip(a.params, param_types):
            self.tmp += 1
            rn = f"{rust_ident(n)}" if not n.startswith("__pc") else n
            scope[n] = Var(rn, t)
            rust_params.append(rn)
        self.lambda_scopes.append(scope)
        ordering, self.ordering_key = self.ordering_key, False
        try:
            body = self.expr(a.body)
        finally:
            self.lambda_scopes.pop()
            self.ordering_key = ordering
        bt = self.subst.resolve(body.ty)  # type: ignore[arg-type]
        if ordering and isinstance(bt, NdArrayT) and bt.ndim == 0 and isinstance(
                bt.dtype, str):
            # a key that is only compared (`max(range(n), key=lambda i: x[i])`): numpy
            # scalars order as the Python numbers they hold (float32 widens exactly)
            conv = "float" if bt.dtype.startswith("float") else "bool" if \
                bt.dtype == "bool" else "int"
            body = self.resolve_op(conv, [body], {}, body.span)
        if not self.match_type(pattern.ret, body.ty, pv, exact=True):  # type: ignore[arg-type]
            return None
        t = CallableT(tuple(param_types), body.ty)  # type: ignore[arg-type]
        return ir.Lambda(a.params, body, a.span, t, tuple(rust_params), a.early)

    # ---------------------------------------------------- comprehensions

    def walked_key(self, raw: ir.Expr, it: ir.Expr, target: ir.Target,
                   written: Collection[str]) -> list[tuple[str, str, int]]:
        """[(dict, key)] for `for key in dict` over a defaultdict whose body rebinds
        neither name; else []."""
        if isinstance(raw, ir.Name) and isinstance(target, ir.NameTarget) and \
                raw.id not in written and target.id not in written:
            t = self.subst.resolve(it.ty)  # type: ignore[arg-type]
            if isinstance(t, DictT) and t.kind == "defaultdict":
                return [(raw.id, target.id, len(self.lambda_scopes))]
        return []

    def walked_key_read(self, value: ir.Expr, t: Type, index: ir.Expr) -> bool:
        """`d[k]` under `for k in d` (d a defaultdict): k is one of d's keys, so the read
        never inserts, and it is compiled as a plain dict read (the walk borrows d). Not
        where a lambda or generator opened since binds either name again."""
        if not (isinstance(t, DictT) and t.kind == "defaultdict" and isinstance(
                value, ir.Name) and isinstance(index, ir.Name)):
            return False
        return any(d == value.id and k == index.id and not any(
            d in scope or k in scope for scope in self.lambda_scopes[depth:])
            for d, k, depth in self.walked_keys)

    def comprehension(self, e: ir.Comprehension, expected: Type | None = None) -> ir.Expr:
        # a lambda made for each item (`[lambda v, i=i: v + i for i in ...]`) is typed by
        # the function type of the items the comprehension is stored as
        want = self.subst.resolve(expected) if expected is not None else None
        item_t = want.value if isinstance(want, DictT) and e.kind == "dict" else \
            want.item if isinstance(want, (ListT, SetT)) and e.kind != "dict" else None
        if not (isinstance(e.elt, ir.Lambda) and isinstance(item_t, FuncT)):
            item_t = None
        scope: dict[str, Var] = {}
        self.lambda_scopes.append(scope)
        depth = len(self.walked_keys)
        saved = dict(self.narrowed)
        try:
            gens = []
            for g in e.generators:
                it = self.expr(g.iter)
                it = self.iterated(it)
                item = self.item_type(it, g.iter.span)
                ri = self.subst.resolve(item)
                if isinstance(g.target, ir.TupleTarget) and g.target.star is None and (
                        isinstance(ri, DynT) or isinstance(ri, NdArrayT) and (
                            ri.ndim is None or ri.ndim >= 1)):
                    # dynamic items, or rows of an array (`[x * y for x, y in coords]`)
                    it = self.dynamic_comp_items(it, g.target, scope, ri)
                    item = self.item_type(it, g.iter.span)
                target = self.bind_comp_target(g.target, item, scope)
                self.walked_keys.extend(self.walked_key(g.iter, it, g.target, set()))
                self.note_nonnegative_target(g.target, it, scope)
                conds = []
                for c in g.conds:
                    conds.append(self.cond(c))
                    # `[y.upper() for y in ys if y is not None]`: an item the `if` keeps
                    # is not None in what follows it (names only: the element may call
                    # code changing a field)
                    yes, _ = self.narrowing(c)
                    self.narrowed.update({k: t for k, t in yes.items() if "." not in k})
                gens.append(ir.CompFor(target, it, tuple(conds), g.span))
            elt = self.expr(e.elt, item_t)
            key = self.expr(e.key) if e.key is not None else None
        finally:
            self.lambda_scopes.pop()
            del self.walked_keys[depth:]
            self.narrowed = saved
        ty: Type
        if e.kind == "list":
            ty = ListT(elt.ty)  # type: ignore[arg-type]
        elif e.kind == "set":
            self.check_hashable(elt.ty, e.span)  # type: ignore[arg-type]
            ty = SetT(elt.ty)  # type: ignore[arg-type]
        elif e.kind == "dict":
            assert key is not None
            self.check_hashable(key.ty, e.span)  # type: ignore[arg-type]
            ty = DictT(key.ty, elt.ty)  # type: ignore[arg-type]
        elif any(isinstance(self.subst.resolve(g.iter.ty), GenT)  # type: ignore[arg-type]
                 for g in gens):
            ty = GenT(elt.ty)  # type: ignore[arg-type]  # over a generator: stays lazy
        else:
            ty = IterT(elt.ty)  # type: ignore[arg-type]
        return ir.Comprehension(e.kind, elt, key, tuple(gens), e.span, ty)

    def dynamic_comp_items(self, it: ir.Expr, target: ir.TupleTarget,
                           scope: dict[str, Var], ty: Type = DYN) -> ir.Expr:
        """`[a for a, b in rows]` of dynamic items (or of an array's rows, `ty`): the items
        walked unpacked, lazily (`(a, b) for each item`, as a loop target over dynamic
        items is, `dynamic_loop_target`)."""
        span = target.span
        item = self.bind_comp_target(ir.NameTarget(f"__dyn_item{span.line}_{span.col}", span),
                                     ty, scope)
        assert isinstance(item, ir.NameTarget)
        unpacked = self.unpacked(self.expr(ir.Name(item.id, span)), (target,))
        return ir.Comprehension("gen", unpacked, None, (ir.CompFor(item, it, (), span),), span,
                                GenT(unpacked.ty))  # type: ignore[arg-type]

    def lazy(self, v: ir.Expr, target: Type) -> ir.Expr:
        """A generator expression where a generator is expected stays lazy."""
        if isinstance(v, ir.Comprehension) and isinstance(v.ty, IterT) and isinstance(
                self.subst.resolve(target), GenT):
            return dataclasses.replace(v, ty=GenT(v.ty.item))
        return v

    def bind_comp_target(self, t: ir.Target, ty: Type, scope: dict[str, Var]) -> ir.Target:
        match t:
            case ir.NameTarget(id=name, span=span):
                rust = rust_ident(name)
                scope[name] = Var(rust, ty)
                return ir.NameTarget(name, span, ty, rust, True)
            case ir.TupleTarget(elts=elts, span=span):
                ty = self.subst.resolve(ty)
                if not isinstance(ty, TupleT) or len(ty.items) != len(elts):
                    if not isinstance(ty, ErrT):  # an error already reported: no cascade
                        self.sink.error("E030", f"cannot unpack `{ty}` into {len(elts)} names",
                                        span, help="a `for` loop unpacks nested dynamic "
                                                   "items (`for i, (a, b) in enumerate(rows):`)"
                                        if isinstance(ty, DynT) else None)
                    # the names stay defined, so their uses add no E020
                    ty = TupleT(tuple(ErrT() for _ in elts))
                new = tuple(self.bind_comp_target(x, i, scope) for x, i in zip(elts, ty.items))
                return ir.TupleTarget(new, span, ty)
        self.sink.error("E002", "this comprehension target is not supported", t.span)
        return t

    # ---------------------------------------------------- type relations

    def can_coerce(self, actual: Type, target: Type, downcast: bool = False) -> bool:
        """Whether Python converts `actual` to `target` without saying. A value becomes a
        dynamic value anywhere; a dynamic value becomes a declared type (checked at run
        time) only where the source declares one (`downcast`: assignments to annotated
        names, arguments of user functions, returns)."""
        actual = self.subst.resolve(actual)
        target = self.subst.resolve(target)
        if (has_dyn(actual) or has_dyn(target)) and not has_tvars(actual) and \
                not has_tvars(target):
            if isinstance(target, DynT):
                # a dynamic value (pcrt::Obj) has no bytes variant
                return not isinstance(actual, (ErrT, ExcT, ExcClassT, ModuleT, CallableT)) \
                    and not mentions_bytes(actual) and not mentions_opaque(actual) \
                    and not mentions_frozenset(actual)
            if downcast or not has_dyn(actual):
                return dyn_convertible(actual, target)
            return False
        if isinstance(target, FloatT) and isinstance(actual, (IntT, BoolT)):
            return True
        if isinstance(target, IntT) and isinstance(actual, BoolT):
            return True
        if isinstance(target, VarTupleT) and isinstance(actual, TupleT):
            # `word + (x,)`, `d[("a", "b")]`: the same value in CPython
            return all(self.subst.unify(i, target.item) for i in actual.items)
        if self.p.classes.upcast(actual, target):
            return True
        if target == ExcT() and isinstance(actual, ExcT):
            return True  # a caught exception where any exception is declared
        if isinstance(target, OptionalT):
            if isinstance(actual, NoneT):
                return True
            if isinstance(actual, OptionalT):
                return False
            return self.subst.unify(target.item, actual) or self.can_coerce(actual, target.item)
        return False

    def compatible(self, actual: Type, target: Type) -> bool:
        return self.subst.unify(actual, target) or self.can_coerce(actual, target, True)

    def coerce(self, v: ir.Expr, target: Type, span: Span, what: str = "the value") -> ir.Expr:
        v = self.lazy(v, target)
        at = self.subst.resolve(v.ty)  # type: ignore[arg-type]
        target = self.subst.resolve(target)
        if self.subst.unify(at, target):
            return v
        if isinstance(target, DynT) and has_tvars(at):
            at = self.dynamic_items(at)
        if (has_dyn(at) or has_dyn(target)) and self.can_coerce(at, target, True):
            return ir.Coerce(v, span, target)
        if self.can_coerce(at, target):
            if isinstance(target, OptionalT) and isinstance(self.subst.resolve(at), OptionalT):
                return v
            return self.coerce_node(v, at, target, span)
        if isinstance(v, ir.TupleLit) and isinstance(target, TupleT) and isinstance(at, TupleT) \
                and len(target.items) == len(v.elts) == len(at.items) and all(
                    self.compatible(t, u) for t, u in zip(at.items, target.items)):
            # `cut, hit = i, s` with `hit: str | None`: each item as its own assignment
            return ir.TupleLit(tuple(self.coerce(e, u, e.span, what)
                                     for e, u in zip(v.elts, target.items)), v.span, target)
        if isinstance(target, TupleT) and isinstance(at, TupleT) and len(
                target.items) == len(at.items) and all(
                    self.subst.unify(t, u) or isinstance(u, OptionalT) and not isinstance(
                        t, (OptionalT, NoneT)) and self.subst.unify(t, u.item)
                    for t, u in zip(at.items, target.items)):
            # `evicted, _ = d.popitem()` with `evicted: str | None`: an item into an
            # optional of its own type, each item on its own (the Rust stage's tuple coerce)
            return ir.Coerce(v, span, target)
        if (converted := self.numpy_scalar_number(v, at, target)) is not None:
            return converted
        self.type_mismatch(target, at, v.span, what)
        return v

    def dynamic_items(self, at: Type) -> Type:
        """`at` made dynamic: an empty literal's open items become dynamic values
        (`data.get("texts") or []`, `data.get("input", [])`)."""
        for tv in _open_items(at):
            self.subst.unify(tv, DYN)
        return self.subst.resolve(at)

    def numpy_scalar_number(self, v: ir.Expr, at: Type, target: Type) -> ir.Expr | None:
        """A numpy scalar (or a tuple literal holding some) where a Python number is
        declared: converted by `nptyping.scalar_conversion`'s rule, W004 where the caller
        can tell; None where it does not convert."""
        if isinstance(v, ir.TupleLit) and isinstance(target, TupleT) and isinstance(at, TupleT) \
                and len(target.items) == len(v.elts) == len(at.items):
            items = [e if self.subst.unify(t, u) else self.numpy_scalar_number(e, t, u)
                     for e, t, u in zip(v.elts, at.items, target.items)]
            if any(e is None for e in items):
                return None
            return ir.TupleLit(tuple(e for e in items if e is not None), v.span, target)
        warn = scalar_conversion(at, target)
        if warn is None:
            return None
        if warn:
            name = type(target).__name__[:-1].lower()
            dtype = f"np.{at.dtype}" if isinstance(at, NdArrayT) else str(at)
            self.sink.warning(
                "W004", f"this {dtype} scalar becomes a Python `{name}` here; CPython keeps "
                        f"the {dtype}", v.span,
                help=f"write `{name}(...)` to convert explicitly (CPython then agrees)")
        return ir.Coerce(v, v.span, target)

    def coerce_node(self, v: ir.Expr, at: Type, target: Type, span: Span) -> ir.Expr:
        """The implicit conversion of `v` (of type `at`) to `target`; into an optional, the
        value is converted to the item type first (`True` into `int | None`)."""
        if isinstance(target, OptionalT) and not isinstance(at, NoneT) and \
                self.can_coerce(at, target.item) and not self.subst.unify(at, target.item):
            v = ir.Coerce(v, span, target.item)
        return ir.Coerce(v, span, target)

    def type_mismatch(self, expected: Type, found: Type, span: Span, what: str) -> None:
        if mentions_error(self.subst.resolve(found)) or mentions_error(
                self.subst.resolve(expected)):
            return  # reported where the error is
        help = None
        if isinstance(expected, IntT) and isinstance(found, FloatT):
            help = "convert explicitly with int(...) or round(...)"
        elif isinstance(expected, StrT):
            help = "convert explicitly with str(...) or an f-string"
        elif isinstance(expected, ListT) and isinstance(found, (GenT, IterT, SetT, DictT)):
            help = ("a parameter annotated `Iterable[T]` or `Sequence[T]` takes a list here: "
                    "pass `list(...)` or a list comprehension")
        elif has_dyn(expected) and mentions_frozenset(found):
            help = "a dynamic value (`Any`) holds no frozenset in compiled code (not " \
                   "compiled yet): keep the value typed (`frozenset[T]`)"
        elif isinstance(expected, SetT) and isinstance(found, SetT):
            kind = expected.kind or "set"
            help = f"convert explicitly with `{kind}(...)` (a set and a frozenset print " \
                   "differently, and only a frozenset is hashable)"
        elif isinstance(expected, TupleT) and isinstance(found, TupleT) and len(
                expected.items) == len(found.items) and all(
                self.compatible(f, e) for f, e in zip(found.items, expected.items)):
            # `lo, hi = bounds` of ints with `lo: float`: a tuple held as it is
            help = ("each item fits on its own: unpack into new names, then assign them "
                    "(`a, b = pair`, `lo = a`), or write a tuple literal")
        elif isinstance(expected, (IntT, FloatT, BoolT)) and isinstance(found, NdArrayT):
            help = (f"an item or a reduction of an array is a numpy scalar (compiled as a 0-d "
                    f"array), which CPython keeps here and prints as its own kind: convert it "
                    f"with {type(expected).__name__[:-1].lower()}(...)")
        self.sink.error("E030", f"{what} is a `{found}` where a `{expected}` is expected", span,
                        help=help)

    def join(self, a: Type, b: Type, span: Span, dynamic: bool = False) -> Type:
        """The type of a value that is an `a` or a `b`. Items of one literal (`dynamic`)
        of distinct types make a dynamic value (`[1, "a"]` is a `list[Any]`)."""
        a = self.subst.resolve(a)
        b = self.subst.resolve(b)
        if self.subst.unify(a, b):
            return a
        if isinstance(a, DynT) or isinstance(b, DynT):
            return DYN
        if isinstance(a, NoneT):
            return OptionalT(b) if not isinstance(b, OptionalT) else b
        if isinstance(b, NoneT):
            return OptionalT(a) if not isinstance(a, OptionalT) else a
        if isinstance(a, OptionalT) and self.subst.unify(a.item, b):
            return a
        if isinstance(b, OptionalT) and self.subst.unify(b.item, a):
            return b
        if (base := self.p.classes.common_base(a, b)) is not None:
            return base  # `[Circle(1.0), Square(2.0)]` is a list[Shape]
        if {type(a), type(b)} == {IntT, FloatT}:
            self.sink.error("E030", "this mixes `int` and `float` values", span,
                            help="Python keeps them apart (`1` prints as 1, `1.0` as 1.0); write "
                                 "float literals like `1.0` or convert with float(...)")
            return FLOAT
        if dynamic and not has_tvars(a) and not has_tvars(b) and not (
                mentions_class(a) or mentions_class(b)):  # a dynamic value holds no instance
            return DYN
        self.sink.error("E030", f"values of types `{a}` and `{b}` are mixed here", span,
                        help="give every branch or element the same type")
        return a

    def join_all(self, types: list[Type], span: Span, expected: Type | None,
                 dynamic: bool = False) -> Type:
        if not types:
            return expected if expected is not None else self.subst.fresh()
        if expected is not None and has_dyn(expected) and all(
                self.compatible(u, expected) for u in types):
            return expected
        t = types[0]
        for u in types[1:]:
            t = self.join(t, u, span, dynamic)
        if expected is not None and self.compatible(t, expected):
            return expected
        return t

    def check_hashable(self, t: Type, span: Span) -> None:
        t = self.subst.resolve(t)
        if isinstance(t, TVar) or has_tvars(t) or mentions_error(t):
            return
        if not hashable(t):
            self.sink.error("E034", f"`{t}` cannot be a dict key or set item here", span,
                            help="use str, int, bool or tuples of them as keys")
        elif (why := self.p.classes.unhashable(t, self.subst.resolve)) is not None:
            self.sink.error("E034", f"`{t}` cannot be a dict key or set item: {why}", span,
                            help="CPython raises TypeError (unhashable type); define "
                                 "`__hash__`, or use @dataclass(frozen=True)")


# the builtin classes `type(x) is C` compares with (Inferrer.class_test)
_BUILTIN_CLASSES = {"int", "float", "str", "bool", "bytes", "list", "tuple", "dict", "set"}


def _assignments(body: tuple[ir.Stmt, ...]) -> dict[str, tuple[int, bool]]:
    """How many times a function's body assigns each name, and whether inside a loop
    (lambdas and comprehensions bind their own names)."""
    out: dict[str, tuple[int, bool]] = {}
    stack: list[tuple[object, bool]] = [(s, False) for s in body]
    while stack:
        x, in_loop = stack.pop()
        if isinstance(x, ir.NameTarget):
            count, looped = out.get(x.id, (0, False))
            out[x.id] = (count + 1, looped or in_loop)
        if isinstance(x, (ir.Lambda, ir.Comprehension)):
            continue
        loop = in_loop or isinstance(x, (ir.For, ir.While))
        stack.extend((c, loop) for c in ir.children(x))
    return out


def binding_name(key: str) -> str:
    """The qualified name CPython's argument-binding errors give the function `key`:
    `f`, `C.m` for a method (`C.Base.m`: `Base.m`, where the body defining it is),
    `outer.<locals>.inner` for a nested function (`outer/inner`)."""
    *outer, own = key.split("/")
    parts = own.split(".")
    own = ".".join(parts[-2:])
    return ".".join([f"{o}.<locals>" for o in outer] + [own])


def _immutable_constant(e: ir.Expr) -> bool:
    """A default that is one immutable value however often it is evaluated: a literal, an
    enum member, a tuple of such."""
    if isinstance(e, ir.Coerce):
        return _immutable_constant(e.value)
    if isinstance(e, ir.TupleLit):
        return all(_immutable_constant(x) for x in e.elts)
    return isinstance(e, (ir.Const, ir.EnumMember))


def _mutable_default(e: ir.Expr) -> bool:
    """A list, dict or set display or comprehension, or a call making one (`list()`)."""
    match e:
        case ir.ListLit() | ir.DictLit() | ir.SetLit() | ir.Comprehension(kind="list" | "set" |
                                                                         "dict"):
            return True
        case ir.Call(func=ir.Name(id="list" | "dict" | "set" | "defaultdict" | "Counter" |
                                  "deque" | "OrderedDict")):
            return True
    return False


def _sendable(t: Type) -> bool:
    """Whether a cell holding a `t` may be kept by a function value (`Send`): numbers,
    strings, functions, and lists, dicts, sets, tuples and optionals of them."""
    match t:
        case IntT() | FloatT() | BoolT() | StrT() | NoneT() | FuncT() | ErrT():
            return True
        case TupleT(items):
            return all(_sendable(i) for i in items)
        case OptionalT(x) | ListT(x) | SetT(x):
            return _sendable(x)
        case DictT(k, v):
            return _sendable(k) and _sendable(v)
        case ClassT(enum=True):
            return True
        case OpaqueT(name=name):
            return name in SHARED_HANDLES
    return False


def _copyable(t: Type) -> bool:
    """Whether a function value may hold a copy of a `t` as CPython's closure holds the
    object itself: nothing can change it in place."""
    match t:
        case IntT() | FloatT() | BoolT() | StrT() | NoneT() | FuncT() | ErrT():
            return True
        case TupleT(items):
            return all(_copyable(i) for i in items)
        case OptionalT(item):
            return _copyable(item)
        case ClassT(enum=True):
            return True
        case _:
            return False


def _unhashable_key(t: Type) -> Type | None:
    """A dict key or set item type inside `t` that compiled code cannot hash, if any."""
    match t:
        case DictT(key=k, value=v):
            if not hashable(k) and not has_tvars(k) and not isinstance(k, ErrT):
                return k
            return _unhashable_key(k) or _unhashable_key(v)
        case SetT(item=x):
            if not hashable(x) and not has_tvars(x) and not isinstance(x, ErrT):
                return x
            return _unhashable_key(x)
        case ListT(item=x) | DequeT(item=x) | OptionalT(item=x) | IterT(item=x):
            return _unhashable_key(x)
        case TupleT(items=xs):
            for x in xs:
                if (found := _unhashable_key(x)) is not None:
                    return found
    return None


# ops whose int parameters take any object with `__index__` (a numpy integer
# scalar), from which argument on (`slice`'s first is the sliced value)
_INDEX_ARGS = {"range": 0, "slice": 1}


# The float ufuncs whose numpy result compiled code does not reproduce bit for bit, by
# result dtype (W009; docs/language.md "Kept deviations"): on an X86_V4 (AVX-512) CPU
# numpy runs Intel SVML's kernels for float32 log1p, expm1, log2, log10 and for every
# float16 function but sqrt (on AVX512_SPR CPUs in half-precision arithmetic). Every
# float64 one runs what numpy runs (SVML's kernels, numpy's own SIMD tanh, the C
# library: templates/runtime_optional/npkern64.rs); sqrt is correctly rounded everywhere.
_SVML_DTYPES = frozenset(("float16", "float32"))
_HALF = frozenset(("float16",))
INEXACT_UFUNCS: dict[str, frozenset[str]] = {
    "numpy.log1p": _SVML_DTYPES,
    "numpy.expm1": _SVML_DTYPES,
    "numpy.log2": _SVML_DTYPES,
    "numpy.log10": _SVML_DTYPES,
    "numpy.exp": _HALF,
    "numpy.log": _HALF,
    "numpy.tanh": _HALF,
    "numpy.sin": _HALF,
    "numpy.cos": _HALF,
}


# `**` with a float array result: numpy's `power` loop calls SVML's pow on AVX-512 for
# float32 and float64 (float16 computes in float32 with the C library, as compiled code
# does); the exponents numpy turns into `np.square`/`np.reciprocal`/`np.sqrt` are exact.
_SVML_POW_DTYPES = frozenset(("float32", "float64"))
_FLOAT_DTYPES = frozenset(("float16", "float32", "float64"))


def _strided_view(e: ir.Expr) -> Span | None:
    """The span of `e` when it is a slice numpy makes a view with a step (a step
    other than 1, or a column `x[:, j]`: the last axis taken by an index, an earlier
    one kept), else None (W012). Only the slice written as the operand is seen."""
    while isinstance(e, ir.Coerce):
        e = e.value
    if isinstance(e, ir.Slice):
        strided = _steps(e.step)
    elif isinstance(e, ir.NdIndex):
        axes = [i for i in e.items if not (isinstance(i, ir.Const) and i.value is None)]
        rank = e.value.ty.ndim if isinstance(e.value.ty, NdArrayT) else None
        # a column: the last axis taken by an int, an earlier one kept by a slice
        column = bool(axes) and not isinstance(axes[-1], (ir.SliceItem, ir.EllipsisLit)) \
            and any(isinstance(i, (ir.SliceItem, ir.EllipsisLit)) for i in axes[:-1]) \
            and (rank is None or rank == len(axes))
        strided = column or any(isinstance(i, ir.SliceItem) and _steps(i.step) for i in axes)
    else:
        return None
    return e.span if strided else None


def _span_text(source: str, span: Span) -> str:
    """The source text of a one-line span (`x[:, j]`); "this slice" for a longer one."""
    if span.line != span.end_line:
        return "this slice"
    line = source.splitlines()[span.line - 1]
    return line[span.col - 1:span.end_col - 1]


def _steps(step: ir.Expr | None) -> bool:
    """Whether a slice's step may be other than 1."""
    return step is not None and not (isinstance(step, ir.Const) and step.value == 1)


# The user's list-to-array calls whose dtype follows the items (W008; the compiler's
# own conversions are `__nd_list`).
_ITEMS_DTYPE = frozenset(("numpy.array", "numpy.asarray"))

# argsort, whose ties compiled code keeps in order for every kind (W010 unless the
# kind asked for is one of numpy's stable ones)
_ARGSORTS = frozenset(("numpy.argsort", "ndarray.argsort"))
_STABLE_KINDS = frozenset(("stable", "mergesort"))


def _may_be_empty(e: ir.Expr, rank: int) -> bool:
    """Whether the nested list `e` of that rank may hold no items: only a list display
    with items (down to the last level) holds some for sure."""
    if isinstance(e, ir.Coerce):
        e = e.value
    if not isinstance(e, ir.ListLit) or not e.elts:
        return True
    return rank > 1 and all(_may_be_empty(x, rank - 1) for x in e.elts)


def _index_array(t: Type) -> bool:
    """An index array of an ndarray's multi-index: an array (not a 0-d numpy
    scalar; its dtype checked by the op) or a list of ints."""
    return (isinstance(t, NdArrayT) and t.ndim != 0) or (
        isinstance(t, ListT) and isinstance(t.item, IntT))


def _nd_index_marker(it: ir.Expr) -> bool:
    """A slice, `...` or `None`/`np.newaxis` item of an index (not a value)."""
    return isinstance(it, (ir.SliceItem, ir.EllipsisLit)) or (
        isinstance(it, ir.Const) and it.value is None) or (
        isinstance(it, ir.Attribute) and it.attr == "newaxis")


def _sliced(index: ir.Expr) -> bool:
    """Whether a subscript holds a slice, `...` or None: numpy's basic indexing."""
    items = index.elts if isinstance(index, ir.TupleLit) else (index,)
    return any(isinstance(i, (ir.SliceItem, ir.EllipsisLit)) or (
        isinstance(i, ir.Const) and i.value is None) for i in items)


NOT_CONST = object()


def const_value(e: ir.Expr) -> object:
    """The Python value of a constant argument (for typing hooks), or NOT_CONST."""
    match e:
        case ir.Const(value=v):
            return v
        case ir.Coerce(value=v):
            return const_value(v)
        case ir.DTypeLit(name=n):
            return n
        case ir.OpCall(op=op, args=((_, a), (_, b))) if op.name == "|":
            # `re.I | re.M`: flags combined
            x, y = const_value(a), const_value(b)
            if type(x) is int and type(y) is int:
                return x | y
            return NOT_CONST
        case ir.TupleLit(elts=es) | ir.ListLit(elts=es):
            vals = [const_value(x) for x in es]
            if any(v is NOT_CONST for v in vals):
                return NOT_CONST
            return tuple(vals) if isinstance(e, ir.TupleLit) else list(vals)
    return NOT_CONST


# numpy's dtype of a Python type given as one (`astype(float)`; `int` is int64 in numpy 2)
BUILTIN_DTYPES = {"float": "float64", "int": "int64", "bool": "bool"}


def _annotated_type(targets: tuple[ir.Target, ...]) -> Type | None:
    if len(targets) == 1 and isinstance(targets[0], ir.NameTarget):
        return targets[0].ty
    return None


def _walk_stmts(stmts: tuple[ir.Stmt, ...]) -> Any:
    """Every statement, nested ones included, in source order.

    An explicit stack: nested generators would cost time per item in
    proportion to the nesting depth.
    """
    from pycomp.scopes import child_blocks

    stack: list[Any] = [iter(stmts)]
    while stack:
        s = next(stack[-1], None)
        if s is None:
            stack.pop()
            continue
        yield s
        blocks = child_blocks(s)
        for _, blk in reversed(blocks):
            stack.append(iter(blk))


def _stored_names(body: tuple[ir.Stmt, ...]) -> set[str]:
    """The names `body` stores as values: assigned (`table[k] = fn`, `g = fn`), put into a
    display (`[fn]`, `{k: fn}`) or given to a method (`fns.append(fn)`)."""
    out: set[str] = set()
    for node in ir.walk(body):
        values: tuple[object, ...] = ()
        if isinstance(node, ir.Assign):
            values = (node.value,)
        elif isinstance(node, (ir.ListLit, ir.TupleLit, ir.SetLit)):
            values = node.elts
        elif isinstance(node, ir.DictLit):
            values = node.values
        elif isinstance(node, ir.Call) and isinstance(node.func, ir.Attribute):
            values = node.args
        out.update(v.id for v in values if isinstance(v, ir.Name))
    return out


def _stmt_targets(s: ir.Stmt) -> Any:
    from pycomp.scopes import target_names

    match s:
        case ir.Assign(targets=ts):
            for t in ts:
                yield from target_names(t)
        case ir.AugAssign(target=t) | ir.For(target=t):
            yield from target_names(t)
        case _:
            return


def _written_names(stmts: tuple[ir.Stmt, ...]) -> set[str]:
    out: set[str] = set()
    for st in _walk_stmts(stmts):
        out |= set(_stmt_targets(st))
    return out


def _may_change_fields(s: ir.Stmt) -> bool:
    """Whether `s` may change an object's field itself (its expressions aside): it assigns
    a field or an item (through any name: objects are shared), deletes, yields (the caller
    runs meanwhile) or is a `try` (its handlers start anywhere in its body)."""
    match s:
        case ir.Assign(targets=ts):
            return any(isinstance(t, (ir.AttrTarget, ir.SubscriptTarget))
                       for target in ts for t in ir.walk(target))
        case ir.AugAssign(target=t):
            return not isinstance(t, ir.NameTarget)
        case ir.Del() | ir.Yield() | ir.Try():
            return True
    return False


def _direct_in_block(stmt: object, plan: Decl, fn: ir.Function | None) -> bool:
    """Whether `stmt` is a statement directly in the block where the variable is declared."""
    if fn is None:
        return False
    block = _block_at(fn.body, plan.block)
    return block is not None and any(s is stmt for s in block)


def _block_at(body: tuple[ir.Stmt, ...], path: tuple[int, ...]) -> tuple[ir.Stmt, ...] | None:
    if not path:
        return body
    # Blocks are numbered in walk order by the planner; find them the same way.
    from pycomp.scopes import DeclarationPlanner

    planner = DeclarationPlanner()
    found: dict[int, tuple[ir.Stmt, ...]] = {}

    def walk(stmts: tuple[ir.Stmt, ...]) -> None:
        for s in stmts:
            if isinstance(s, ir.Try):
                blocks = [s.body] + [h.body for h in s.handlers] + [s.orelse, s.finalbody]
            elif isinstance(s, ir.For):
                blocks = [s.body, s.orelse]
            else:
                from pycomp.scopes import child_blocks

                blocks = [b for _, b in child_blocks(s)]
            for b in blocks:
                planner.next_block += 1
                found[planner.next_block] = b
                walk(b)

    walk(body)
    return found.get(path[-1])


def infer_types(mod: ir.Module, lib: OpLibrary, sink: DiagnosticSink) -> ir.Module:
    return Inferrer(mod, lib, sink).run()


__all__ = ["expr_names", "infer_types"]
