"""The types of the typed IR, their Rust spelling and their manifest form.

Types are small frozen values. `TVar` is an inference variable (the element
type of an empty `[]` before its first use fixes it); `PVar` is a type
variable of an op signature (`T` in `list[T]`), only seen while matching.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pycomp.names import instance_handle, is_cell_class, rust_class


@dataclass(frozen=True, slots=True)
class IntT:
    def __str__(self) -> str:
        return "int"


@dataclass(frozen=True, slots=True)
class FloatT:
    def __str__(self) -> str:
        return "float"


@dataclass(frozen=True, slots=True)
class BoolT:
    def __str__(self) -> str:
        return "bool"


@dataclass(frozen=True, slots=True)
class StrT:
    def __str__(self) -> str:
        return "str"


@dataclass(frozen=True, slots=True)
class BytesT:
    """`bytes`: `pcrt::Bytes` (a `Vec<u8>`); items, indexes and lengths are ints."""

    def __str__(self) -> str:
        return "bytes"


@dataclass(frozen=True, slots=True)
class ByteArrayT:
    """`bytearray`: `pcrt::ByteArray` (a `Vec<u8>` changed in place), a mutable
    container like a list; items, indexes and lengths are ints. Not at the ABI."""

    def __str__(self) -> str:
        return "bytearray"


@dataclass(frozen=True, slots=True)
class NoneT:
    def __str__(self) -> str:
        return "None"


@dataclass(frozen=True, slots=True)
class ListT:
    item: Type

    def __str__(self) -> str:
        return f"list[{self.item}]"


@dataclass(frozen=True, slots=True)
class DequeT:
    """`collections.deque[T]`: `pcrt::Deque<T>` (a VecDeque and the deque's maxlen).
    Not a list: no list op applies to it, and it does not cross the ABI."""

    item: Type

    def __str__(self) -> str:
        return f"deque[{self.item}]"


@dataclass(frozen=True, slots=True)
class SetT:
    """A set, or a `frozenset` (`kind`): the same items in a Rust `pcrt::FrozenSet`,
    hashable and without the methods that change a set. Kinds never mix: a frozenset is
    not passed where a set is declared (its repr and hashability differ)."""

    item: Type
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.kind or 'set'}[{self.item}]"


@dataclass(frozen=True, slots=True)
class DictT:
    """A dict, or one of the dict subclasses of `collections` held in the same Rust
    map (`kind`): `Counter` (a missing key counts 0) or `defaultdict` whose factory is
    the value type's own zero (`int`, `float`, `str`, `list`, `set`, `dict`), so a
    missing key reads as `Default::default()`. Kinds never mix: a Counter is not
    passed where a plain dict is declared (its missing keys would behave differently)."""

    key: Type
    value: Type
    kind: str = ""

    def __str__(self) -> str:
        if self.kind == "Counter":
            return f"Counter[{self.key}]"
        if self.kind:
            return f"{self.kind}[{self.key}, {self.value}]"
        return f"dict[{self.key}, {self.value}]"


@dataclass(frozen=True, slots=True)
class TupleT:
    items: tuple[Type, ...]

    def __str__(self) -> str:
        if not self.items:
            return "tuple[()]"
        return "tuple[" + ", ".join(str(t) for t in self.items) + "]"


@dataclass(frozen=True, slots=True)
class VarTupleT:
    """`tuple[T, ...]`: a tuple of any length, one item type. `pcrt::Tuple<T>`, an
    immutable shared slice (`Arc<[T]>`): copying one is a reference count, it hashes,
    compares and prints as CPython's tuple (docs/architecture.md, "Tuples of any
    length"). A fixed tuple of one item type converts to it (`Coerce`)."""

    item: Type

    def __str__(self) -> str:
        return f"tuple[{self.item}, ...]"


@dataclass(frozen=True, slots=True)
class OptionalT:
    item: Type

    def __str__(self) -> str:
        return f"{self.item} | None"


@dataclass(frozen=True, slots=True)
class IterT:
    """A one-shot iterator: a generator expression, range, enumerate, zip, reversed."""

    item: Type

    def __str__(self) -> str:
        return f"Iterator[{self.item}]"


@dataclass(frozen=True, slots=True)
class GenT:
    """A generator (`Iterator[T]`, `Generator[T, None, None]`): lazy, one item per
    `next`, shared by every name that holds it (`pcrt::Gen<T>`)."""

    item: Type

    def __str__(self) -> str:
        return f"Generator[{self.item}]"


@dataclass(frozen=True, slots=True)
class IterableT:
    """Only in op signatures: anything a `for` loop can walk."""

    item: Type

    def __str__(self) -> str:
        return f"Iterable[{self.item}]"


@dataclass(frozen=True, slots=True)
class CallableT:
    params: tuple[Type, ...]
    ret: Type

    def __str__(self) -> str:
        return f"Callable[[{', '.join(str(p) for p in self.params)}], {self.ret}]"


@dataclass(frozen=True, slots=True)
class FuncT:
    """A function as a value (stored in a variable or a container, returned): an owned,
    shareable `Arc<dyn Fn>` holding copies of what it reads. A parameter annotated
    `Callable[...]` is a `CallableT` instead (borrowed for the call)."""

    params: tuple[Type, ...]
    ret: Type

    def __str__(self) -> str:
        return f"Callable[[{', '.join(str(p) for p in self.params)}], {self.ret}]"


@dataclass(frozen=True, slots=True)
class ExcClassT:
    """A builtin exception class used as a value (`raise ValueError(...)`)."""

    name: str

    def __str__(self) -> str:
        return f"type[{self.name}]"


@dataclass(frozen=True, slots=True)
class ExcT:
    """A caught exception bound by `except E as e`; `cls` names the class when the handler
    catches exactly one (its attributes, such as JSONDecodeError's `msg`, are then known)."""

    cls: str | None = None
    classes: tuple[str, ...] = ()  # those of `except (A, B) as e`

    def __str__(self) -> str:
        return "BaseException"


@dataclass(frozen=True, slots=True)
class ExcKindT:
    """The class of an exception known at run time: `type(e)` of a caught exception, the
    `exc_type` a `with` statement gives `__exit__` (`pcrt::ExcKind`)."""

    def __str__(self) -> str:
        return "type[BaseException]"


@dataclass(frozen=True, slots=True)
class ModuleT:
    name: str

    def __str__(self) -> str:
        return f"module {self.name}"


DTYPES = {"float32": "f32", "float64": "f64", "int64": "i64", "int32": "i32", "bool": "bool",
          "int8": "i8", "uint8": "u8", "int16": "i16", "uint16": "u16", "uint32": "u32",
          "float16": "pcrt::f16"}
# numpy's other names of those dtypes (`np.bool_` is numpy 1's spelling, still numpy 2's class)
DTYPE_ALIASES = {"bool_": "bool", "double": "float64", "single": "float32"}


def dtype_named(name: str) -> str | None:
    """The dtype `np.<name>` stands for, or None."""
    name = DTYPE_ALIASES.get(name, name)
    return name if name in DTYPES else None


@dataclass(frozen=True, slots=True)
class NdArrayT:
    """A numpy array: dtype and rank are part of the type (rank None: not known)."""

    dtype: str | TVar | PVar
    ndim: int | None = None

    def __str__(self) -> str:
        rank = f", {self.ndim}" if self.ndim is not None else ""
        return f"ndarray[{self.dtype}{rank}]"


@dataclass(frozen=True, slots=True)
class NdAnyT:
    """An array of any of `dtypes`: the parameter of an entry point annotated
    `np.ndarray` without a dtype (its value picks the copy of the function compiled for
    that dtype, `pycomp.ndany`), or such an entry's result when its dtype follows the
    arguments'. Rust `pcrt::NdAny`."""

    dtypes: tuple[str, ...]
    ndim: int | None = None

    def __str__(self) -> str:
        rank = f", {self.ndim}" if self.ndim is not None else ""
        return f"ndarray[{' | '.join(self.dtypes)}{rank}]"


@dataclass(frozen=True, slots=True)
class DTypeT:
    """A numpy dtype used as a value (`np.float32`, `dtype="int64"`)."""

    name: str | TVar | PVar

    def __str__(self) -> str:
        return f"dtype[{self.name}]"


@dataclass(frozen=True, slots=True)
class OpaqueT:
    """A library object: `Tokenizer`, `Encoding`, `InferenceSession`, `NodeArg`.

    `detail` carries what the compiler learned at compile time (for a session,
    the model file, whose signature types `session.run`)."""

    name: str
    detail: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class OutputsT:
    """What `session.run` returns: a list whose items have the types the model's
    outputs declare (read from the model file at compile time)."""

    items: tuple[NdArrayT, ...]
    names: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "list[" + ", ".join(str(i) for i in self.items) + "]"


@dataclass(frozen=True, slots=True)
class DynT:
    """A value whose class is known only at run time: `typing.Any`, `object`, a union of
    distinct types (`int | str`), the items of a list of mixed values. One runtime enum
    (`pcrt::Obj`) with CPython's operations on it."""

    def __str__(self) -> str:
        return "Any"


@dataclass(frozen=True, slots=True)
class ClassT:
    """An instance of a class defined in the compiled module (docs/language.md, Classes).

    `enum` classes are plain Rust enums (`Copy`); every other class is a shared,
    interior-mutable handle `pcrt::Instance<Struct>`, so that two names see one object."""

    name: str
    enum: bool = False

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class ClassRefT:
    """A class used as a value: `Label.POS`, `Point.origin()`, `Label(2)`, `for l in Label`."""

    name: str

    def __str__(self) -> str:
        return f"type[{self.name}]"


@dataclass(frozen=True, slots=True)
class ErrT:
    """The type of an expression already reported as an error: it fits anywhere,
    so one mistake gives one diagnostic."""

    def __str__(self) -> str:
        return "<error>"


@dataclass(frozen=True, slots=True)
class TVar:
    id: int

    def __str__(self) -> str:
        return f"?{self.id}"


@dataclass(frozen=True, slots=True)
class PVar:
    name: str

    def __str__(self) -> str:
        return self.name


Type = (
    IntT | FloatT | BoolT | StrT | BytesT | ByteArrayT | NoneT | ListT | VarTupleT | DequeT | SetT | DictT | TupleT | OptionalT |
    IterT | IterableT | CallableT | FuncT | ExcClassT | ExcT | ExcKindT | ModuleT | TVar | PVar | ErrT
    | NdArrayT | NdAnyT | DTypeT | OpaqueT | OutputsT | DynT | GenT | ClassT | ClassRefT
)

INT = IntT()
FLOAT = FloatT()
BOOL = BoolT()
STR = StrT()
BYTES = BytesT()
BYTEARRAY = ByteArrayT()
NONE = NoneT()
DYN = DynT()

SCALARS: dict[str, Type] = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR, "bytes": BYTES,
                            "None": NONE}

BUILTIN_EXCEPTIONS = (
    "Exception", "ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError",
    "OverflowError", "RuntimeError", "AssertionError", "NotImplementedError", "StopIteration",
    "ArithmeticError", "LookupError", "AttributeError", "RecursionError", "MemoryError",
    "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError",
    "OSError", "FileNotFoundError", "FileExistsError", "PermissionError", "IsADirectoryError",
    "NotADirectoryError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
    "ConnectionRefusedError", "ConnectionResetError", "TimeoutError",
)
# The classes whose `e.args` hold the bytes or text a codec failed on (E100).
UNICODE_ERRORS = frozenset({"UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError"})
# `OSError` and its subclasses the runtime raises, with the fields a handler reads.
OS_ERRORS = frozenset({"OSError", "FileNotFoundError", "FileExistsError", "PermissionError",
                       "IsADirectoryError", "NotADirectoryError"})
OS_ERROR_FIELDS = ("errno", "strerror", "filename")


# The builtin and `collections` classes `isinstance` decides from a static type, by the
# types whose values are instances (a class, also given by its qualified name).
_CLASS_TYPES: dict[str, tuple[type, ...]] = {
    "int": (IntT, BoolT), "float": (FloatT,), "str": (StrT,), "bool": (BoolT,),
    "bytes": (BytesT,), "list": (ListT,), "dict": (DictT,), "set": (SetT,),
    "tuple": (TupleT, VarTupleT), "deque": (DequeT,), "NoneType": (NoneT,),
    "Counter": (), "defaultdict": (), "OrderedDict": (),  # by the dict's kind
    "complex": (), "frozenset": (), "bytearray": (), "range": (),
}
_QUALIFIED_CLASSES = {"collections.Counter": "Counter", "collections.defaultdict": "defaultdict",
                      "collections.OrderedDict": "OrderedDict", "collections.deque": "deque",
                      "numpy.ndarray": "ndarray", "builtins.object": "object"}


def isinstance_class(name: str) -> str | None:
    """The class a name in `isinstance(x, name)` stands for, when `static_isinstance`
    knows it (`collections.Counter` is `Counter`); None for any other name."""
    name = _QUALIFIED_CLASSES.get(name, name)
    return name if name in _CLASS_TYPES or name in ("object", "ndarray") else None


def static_isinstance(t: Type, cls: str) -> bool | None:
    """CPython's `isinstance(x, cls)` for every value of static type `t` (not a class
    instance, an exception, an optional or a dynamic value): True or False, or None when
    the type does not decide it (a numpy 0-d value: an array or a numpy scalar)."""
    if cls == "object":
        return True
    if isinstance(t, NdArrayT | NdAnyT):
        if t.ndim == 0:
            return None
        return cls == "ndarray"
    if cls in ("Counter", "defaultdict", "OrderedDict"):
        return isinstance(t, DictT) and t.kind == cls
    if cls in ("set", "frozenset"):
        return isinstance(t, SetT) and t.kind == ("" if cls == "set" else cls)
    if cls == "tuple" and isinstance(t, ClassT):
        return None
    return isinstance(t, _CLASS_TYPES.get(cls, ()))


def open_resource(name: str) -> OpaqueT:
    """`ort.InferenceSession` / `Tokenizer` as an annotation: an object loaded from a file
    the value bound to it tells (its `detail`: the model whose signature types
    `session.run`, the file the bundle carries), as `np.ndarray` leaves the dtype to the
    values."""
    return OpaqueT(name, "?")

OPAQUE_RUST = {
    "Tokenizer": "pcrt::Tokenizer",
    "Encoding": "pcrt::Encoding",
    "InferenceSession": "pcrt::InferenceSession",
    "NodeArg": "pcrt::NodeArg",
    "SessionOutputs": "Vec<pcrt::NdOutput>",
    "NdIx": "pcrt::NdIx",  # an item of an assigned numpy index (`a[i, :n] = v`)
    "Llama": "pcrt::Llama",
    "Generator": "pcrt::NpGenerator",  # numpy.random.Generator (PCG64)
    "Random": "pcrt::PyRng",  # random.Random(seed): CPython's Mersenne Twister
    "Pattern": "pcrt::RePattern",  # re.compile(...)
    "Match": "pcrt::ReMatch",
    "TextIOWrapper": "pcrt::TextFile",  # open(...) in text mode
    "PosixPath": "pcrt::PyPath",  # pathlib.Path(...) in a function
    "Lock": "pcrt::Lock",  # threading.Lock() / RLock()
    "Template": "pcrt::PyTemplate",  # string.Template(...)
    "CacheInfo": "pcrt::CacheInfo",
    "Logger": "pcrt::Logger",  # logging.getLogger(...)
    "_Environ": "pcrt::Environ",  # os.environ
    "HASH": "pcrt::Hasher",  # hashlib.sha256(...) and the like  # f.cache_info() of a functools-cached function
}

# Library values that hash and compare as CPython's (Rust `Hash + Eq`): dict keys, set items
HASHABLE_OPAQUE = frozenset({"PosixPath"})

# Library objects that are shared, thread-safe handles (pcrt's `Arc`s): a module variable
# functions set may hold one (a lazily loaded model or tokenizer, pycomp.globalcells)
SHARED_HANDLES = ("InferenceSession", "Tokenizer")


def holds_function(t: Type | None) -> bool:
    """Whether `t` is or holds a function type (`Callable[...]`)."""
    match t:
        case CallableT() | FuncT():
            return True
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | IterableT(x) | GenT(x):
            return holds_function(x)
        case DictT(k, v):
            return holds_function(k) or holds_function(v)
        case TupleT(items):
            return any(holds_function(i) for i in items)
        case _:
            return False


def rust_tuple(ts: tuple[Type, ...]) -> str:
    """The Rust tuple type of `ts` (`(i64,)` for one item)."""
    items = [rust_type(t) for t in ts]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def is_copy(t: Type) -> bool:
    """Whether the Rust type is `Copy` (no clone needed to reuse a value)."""
    if isinstance(t, (IntT, FloatT, BoolT, NoneT, CallableT)) or (  # a function: `&dyn Fn`
            isinstance(t, ClassT) and t.enum):
        return True
    if isinstance(t, TupleT):
        return all(is_copy(i) for i in t.items)
    if isinstance(t, OptionalT):
        return is_copy(t.item)
    return False


def is_mutable_container(t: Type) -> bool:
    return isinstance(t, (ListT, DequeT, DictT, SetT, NdArrayT, ByteArrayT))


def hashable(t: Type) -> bool:
    """Whether values of `t` can be dict keys or set items in Rust (Hash + Eq).
    A dynamic value is checked when it is inserted (`TypeError: unhashable type`)."""
    if isinstance(t, (IntT, BoolT, StrT, BytesT, NoneT, DynT)):
        return True
    if isinstance(t, ClassT):
        return True  # enums, and objects by their __hash__ (checked by infer)
    if isinstance(t, TupleT):
        return all(hashable(i) for i in t.items)
    if isinstance(t, VarTupleT):
        return hashable(t.item)
    if isinstance(t, OptionalT):
        return hashable(t.item)
    if isinstance(t, SetT):
        return t.kind == "frozenset" and hashable(t.item)
    return isinstance(t, OpaqueT) and t.name in HASHABLE_OPAQUE


def rust_type(t: Type) -> str:
    """The owned Rust type of a Python value type."""
    match t:
        case IntT():
            return "i64"
        case FloatT():
            return "f64"
        case BoolT():
            return "bool"
        case StrT():
            return "String"
        case BytesT():
            return "pcrt::Bytes"
        case ByteArrayT():
            return "pcrt::ByteArray"
        case NoneT():
            return "()"
        case ListT(item):
            return f"Vec<{rust_type(item)}>"
        case VarTupleT(item):
            return f"pcrt::Tuple<{rust_type(item)}>"
        case DequeT(item):
            return f"pcrt::Deque<{rust_type(item)}>"
        case SetT(item, kind):
            return f"pcrt::FrozenSet<{rust_type(item)}>" if kind else f"IndexSet<{rust_type(item)}>"
        case DictT(k, v):
            return f"IndexMap<{rust_type(k)}, {rust_type(v)}>"
        case TupleT(items):
            if len(items) == 1:
                return f"({rust_type(items[0])},)"
            return "(" + ", ".join(rust_type(i) for i in items) + ")"
        case OptionalT(item):
            return f"Option<{rust_type(item)}>"
        case IterT(item):
            return f"Vec<{rust_type(item)}>"
        case ExcT():
            return "pcrt::PyErr"
        case ExcKindT():
            return "pcrt::ExcKind"
        case NdArrayT(dtype=d) if isinstance(d, str):
            return f"ndarray::ArrayD<{DTYPES[d]}>"
        case NdAnyT():
            return "pcrt::NdAny"
        case OpaqueT(name=name):
            return OPAQUE_RUST[name]
        case OutputsT():
            return "Vec<pcrt::NdOutput>"
        case DynT():
            return "pcrt::Obj"
        case GenT(item):
            return f"pcrt::Gen<{rust_type(item)}>"
        case ClassT(name=name, enum=True):
            return f"crate::{rust_class(name)}"
        case ClassT(name=name):
            return f"{instance_handle(name)}<crate::{rust_class(name)}>"
        case CallableT(ps, r):
            # a function given as an argument, borrowed for the call
            return f"&dyn Fn({', '.join(rust_type(p) for p in ps)}) -> pcrt::PyResult<" \
                   f"{rust_type(r)}>"
        case FuncT(ps, r):
            # a function value: shared, callable from any thread, taking a tuple
            return f"pcrt::Func<{rust_tuple(ps)}, {rust_type(r)}>"
        case _:
            raise ValueError(f"type {t} has no Rust value type")


# What the ABI's manifest names each kind of enum as (`base`): the loader rebuilds the
# class from it
ENUM_BASE_NAMES = {"enum": "Enum", "intenum": "IntEnum", "strenum": "StrEnum",
                   "strmixin": "str, Enum"}


@dataclass(frozen=True, slots=True)
class EnumShape:
    """What an enum crossing the ABI is: its members' names and values, in order."""

    members: tuple[tuple[str, int | str], ...]
    kind: str  # the ClassDef's: enum | intenum | strenum | strmixin


@dataclass(frozen=True, slots=True)
class ClassShape:
    """What an instance of a class crossing the ABI is: its fields [(field, type)] in
    order (inherited ones first), and the module class it derives from, if any."""

    fields: list[tuple[str, Type]]
    base: str | None = None


# What a class crossing the ABI is, by class name: its fields (a record, or one class
# of a family), or its members (an enum).
RecordFields = dict[str, "ClassShape | EnumShape"]


def family_classes(name: str, records: RecordFields) -> list[str]:
    """The classes sharing `name`'s root class (a family: a base and the classes deriving
    from it), in definition order; one name for a class without base and subclasses."""
    def root(n: str) -> str:
        seen = [n]
        while isinstance(s := records.get(seen[-1]), ClassShape) and s.base is not None \
                and s.base not in seen:
            seen.append(s.base)
        return seen[-1]

    top = root(name)
    return [n for n, s in records.items() if isinstance(s, ClassShape) and root(n) == top]


def _factory_name(value: Type) -> str:
    """The factory of a defaultdict with these values, as the manifest names it; a
    lambda (`lambda: defaultdict(int)`) has no name to cross the ABI with."""
    match value:
        case IntT() | FloatT() | BoolT() | StrT() | ListT() | SetT():
            return str(value).split("[")[0]
        case DictT(kind="" | "Counter" | "OrderedDict"):
            return value.kind or "dict"
    raise ValueError(f"a defaultdict of {value} (made by a lambda) cannot cross the ABI")


def manifest_type(t: Type, records: RecordFields | None = None) -> dict[str, object]:
    """The manifest's JSON description of a type (docs/abi.md); `records` gives the
    fields of the classes that may appear."""
    match t:
        case IntT():
            return {"kind": "int"}
        case FloatT():
            return {"kind": "float"}
        case BoolT():
            return {"kind": "bool"}
        case StrT():
            return {"kind": "str"}
        case BytesT():
            return {"kind": "bytes"}
        case NoneT():
            return {"kind": "none"}
        case ListT(item):
            return {"kind": "list", "item": manifest_type(item, records)}
        case SetT(item, kind):
            set_type: dict[str, object] = {"kind": "set", "item": manifest_type(item, records)}
            if kind:
                set_type["class"] = kind  # the Python loader gives a frozenset (records.py)
            return set_type
        case DictT(k, v, kind):
            out: dict[str, object] = {"kind": "dict", "key": manifest_type(k, records),
                                      "value": manifest_type(v, records)}
            if kind:
                # the collections class the Python loader gives (records.py); a map
                # elsewhere (docs/abi.md)
                out["class"] = kind
            if kind == "defaultdict":
                out["factory"] = _factory_name(v)
            return out
        case TupleT(items):
            return {"kind": "tuple", "items": [manifest_type(i, records) for i in items]}
        case VarTupleT(item):
            return {"kind": "tuple", "item": manifest_type(item, records)}
        case OptionalT(item):
            return {"kind": "optional", "item": manifest_type(item, records)}
        case NdArrayT(dtype=d, ndim=n) if isinstance(d, str):
            out = {"kind": "ndarray", "dtype": d}
            if n is not None:
                out["ndim"] = n
            return out
        case NdAnyT(dtypes=ds, ndim=n):
            out = {"kind": "ndarray", "dtypes": list(ds)}
            if n is not None:
                out["ndim"] = n
            return out
        case DynT():
            return {"kind": "any"}
        case GenT(item):
            return {"kind": "iterator", "item": manifest_type(item, records)}
        case OpaqueT(name="PosixPath"):
            return {"kind": "path"}
        case ClassT(name=name, enum=False) if records is not None and isinstance(
                shape := records.get(name), ClassShape):
            def fields_of(s: ClassShape) -> list[dict[str, object]]:
                return [{"name": f, "type": manifest_type(ft, records)} for f, ft in s.fields]

            family = family_classes(name, records)
            if len(family) == 1:
                return {"kind": "record", "name": name, "fields": fields_of(shape)}
            # an object of a family crosses as (its class, its class's record): every
            # class of the family, bases first (docs/abi.md, "Families")
            classes: list[dict[str, object]] = []
            for member in family:
                s = records[member]
                assert isinstance(s, ClassShape)
                classes.append({"name": member, "bases": [s.base] if s.base else [],
                                "fields": fields_of(s)})
            return {"kind": "family", "name": name, "classes": classes}
        case ClassT(name=name, enum=True) if records is not None and isinstance(
                shape := records.get(name), EnumShape) and shape.members:
            values = [v for _, v in shape.members]
            return {"kind": "enum", "name": name,
                    "base": ENUM_BASE_NAMES[shape.kind],
                    "value_type": "str" if all(isinstance(v, str) for v in values) else "int",
                    "members": [{"name": n, "value": v} for n, v in shape.members]}
        case _:
            raise ValueError(f"type {t} cannot cross the ABI")


def abi_compatible(t: Type, records: RecordFields | None = None) -> bool:
    try:
        manifest_type(t, records)
    except ValueError:
        return False
    return True


# Types with no parts: nothing in them to resolve.
_SCALAR_TYPES: frozenset[type] = frozenset({IntT, FloatT, BoolT, StrT, BytesT, ByteArrayT,
                                            NoneT})
# Types whose one part is `item` (and that are built from it alone).
_ONE_ITEM_TYPES: frozenset[type] = frozenset({ListT, VarTupleT, DequeT, OptionalT, IterT,
                                              GenT})
_ITEM_TYPES: frozenset[type] = _ONE_ITEM_TYPES | {SetT, IterableT}
# The types `_holds_if` enters through `item`.
_HELD_ITEM_TYPES: frozenset[type] = _ONE_ITEM_TYPES | {SetT}


@dataclass
class Subst:
    """Union-find over inference variables: what each `TVar` stands for.

    Every write to `bound` is logged in `trail` (the variable and what it held),
    so a snapshot is a position in the log and undoing a failed attempt costs
    what the attempt wrote, not the size of the whole substitution."""

    bound: dict[int, Type] = field(default_factory=dict)
    counter: int = 0
    trail: list[tuple[int, Type | None]] = field(default_factory=list)

    def fresh(self) -> TVar:
        self.counter += 1
        return TVar(self.counter)

    def _bind(self, i: int, t: Type) -> None:
        self.trail.append((i, self.bound.get(i)))
        self.bound[i] = t

    def resolve(self, t: Type) -> Type:
        """Replace every bound variable in `t`, recursively. A type without
        bound variables comes back as the same object (callers that rebuild
        IR nodes only on a change rely on it). Dispatched on the exact class (no
        type has subclasses): inference resolves types more than anything else."""
        cls: type[Any] = type(t)
        if cls in _SCALAR_TYPES:
            return t
        if cls is TVar:
            i = t.id  # type: ignore[union-attr]
            b = self.bound.get(i)
            if b is None:
                return t
            r = self.resolve(b)
            if r is not b:
                self._bind(i, r)  # path compression, undone with the binding it used
            return r
        if cls in _ONE_ITEM_TYPES:  # ListT, VarTupleT, DequeT, OptionalT, IterT, GenT
            item = t.item  # type: ignore[union-attr]
            r = self.resolve(item)
            return t if r is item else cls(r)
        if cls is TupleT:
            items = t.items  # type: ignore[union-attr]
            ris = tuple([self.resolve(i) for i in items])
            for a, b in zip(ris, items):
                if a is not b:
                    return TupleT(ris)
            return t
        if cls is DictT:
            k, v = t.key, t.value  # type: ignore[union-attr]
            rk, rv = self.resolve(k), self.resolve(v)
            return t if rk is k and rv is v else DictT(rk, rv, t.kind)  # type: ignore[union-attr]
        if cls is SetT:
            item = t.item  # type: ignore[union-attr]
            r = self.resolve(item)
            return t if r is item else SetT(r, t.kind)  # type: ignore[union-attr]
        if cls is CallableT or cls is FuncT:
            return cls(tuple([self.resolve(p) for p in t.params]),  # type: ignore[union-attr]
                       self.resolve(t.ret))  # type: ignore[union-attr]
        if cls is NdArrayT:
            d = t.dtype  # type: ignore[union-attr]
            if type(d) is not TVar:
                return t
            rd = self.resolve(d)
            return NdArrayT(rd.name if isinstance(rd, DTypeT) else rd, t.ndim)  # type: ignore[arg-type,union-attr]
        if cls is DTypeT:
            d = t.name  # type: ignore[union-attr]
            if type(d) is not TVar:
                return t
            rd = self.resolve(d)
            return DTypeT(rd.name if isinstance(rd, DTypeT) else rd)  # type: ignore[arg-type]
        return t

    def unify(self, a: Type, b: Type) -> bool:
        """Make `a` and `b` the same type, binding variables; False on a conflict."""
        a = self.resolve(a)
        b = self.resolve(b)
        if a == b:
            return True
        if isinstance(a, ErrT) or isinstance(b, ErrT):
            return True
        if isinstance(a, TVar):
            if occurs(a, b):
                return False
            self._bind(a.id, b)
            return True
        if isinstance(b, TVar):
            return self.unify(b, a)
        match a, b:
            case ListT(x), ListT(y):
                return self.unify(x, y)
            case VarTupleT(x), VarTupleT(y):
                return self.unify(x, y)
            case SetT(x, c1), SetT(y, c2):
                return c1 == c2 and self.unify(x, y)
            case DequeT(x), DequeT(y):
                return self.unify(x, y)
            case IterT(x), IterT(y):
                return self.unify(x, y)
            case GenT(x), GenT(y):
                return self.unify(x, y)
            case OptionalT(x), OptionalT(y):
                return self.unify(x, y)
            case DictT(k1, v1, c1), DictT(k2, v2, c2):
                return c1 == c2 and self.unify(k1, k2) and self.unify(v1, v2)
            case TupleT(xs), TupleT(ys):
                return len(xs) == len(ys) and all(self.unify(x, y) for x, y in zip(xs, ys))
            case FuncT(xs, r1), FuncT(ys, r2):
                return len(xs) == len(ys) and all(self.unify(x, y) for x, y in zip(xs, ys)) \
                    and self.unify(r1, r2)
            case NdArrayT(d1, n1), NdArrayT(d2, n2):
                if n1 is not None and n2 is not None and n1 != n2:
                    return False
                return self.unify(DTypeT(d1), DTypeT(d2))  # type: ignore[arg-type]
            case DTypeT(d1), DTypeT(d2):
                if isinstance(d1, TVar):
                    self._bind(d1.id, DTypeT(d2))
                    return True
                if isinstance(d2, TVar):
                    self._bind(d2.id, DTypeT(d1))
                    return True
                return d1 == d2
        return False

    def snapshot(self) -> tuple[int, int]:
        return len(self.trail), self.counter

    def restore(self, snap: tuple[int, int]) -> None:
        mark, self.counter = snap
        trail, bound = self.trail, self.bound
        while len(trail) > mark:
            i, old = trail.pop()
            if old is None:
                del bound[i]
            else:
                bound[i] = old


def occurs(v: TVar, t: Type) -> bool:
    match t:
        case TVar(i):
            return i == v.id
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | IterableT(x) | GenT(x):
            return occurs(v, x)
        case DictT(k, val):
            return occurs(v, k) or occurs(v, val)
        case TupleT(items):
            return any(occurs(v, i) for i in items)
        case FuncT(ps, r):
            return any(occurs(v, p) for p in ps) or occurs(v, r)
        case _:
            return False


def has_tvars(t: Type) -> bool:
    cls = type(t)
    if cls in _SCALAR_TYPES:
        return False
    if cls is TVar:
        return True
    if cls in _ITEM_TYPES:  # the one-item types, SetT and IterableT
        return has_tvars(t.item)  # type: ignore[union-attr]
    if cls is TupleT:
        for i in t.items:  # type: ignore[union-attr]
            if has_tvars(i):
                return True
        return False
    if cls is DictT:
        return has_tvars(t.key) or has_tvars(t.value)  # type: ignore[union-attr]
    if cls is NdArrayT:
        return type(t.dtype) is TVar  # type: ignore[union-attr]
    if cls is DTypeT:
        return type(t.name) is TVar  # type: ignore[union-attr]
    if cls is CallableT or cls is FuncT:
        return any(has_tvars(p) for p in t.params) or has_tvars(t.ret)  # type: ignore[union-attr]
    return False


def has_dyn(t: Type) -> bool:
    """Whether `t` holds a dynamic value anywhere (`list[Any]`, `dict[str, Any]`)."""
    match t:
        case DynT():
            return True
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | IterableT(x):
            return has_dyn(x)
        case DictT(k, v):
            return has_dyn(k) or has_dyn(v)
        case TupleT(items):
            return any(has_dyn(i) for i in items)
        case _:
            return False


def mentions_class(t: Type) -> bool:
    """Whether `t` holds an instance of a compiled class anywhere (`list[Span]`)."""
    match t:
        case ClassT() | ClassRefT():
            return True
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x):
            return mentions_class(x)
        case DictT(k, v):
            return mentions_class(k) or mentions_class(v)
        case TupleT(items):
            return any(mentions_class(i) for i in items)
    return False


def per_thread(t: Type) -> bool:
    """Whether a module-level value of type `t` is built once per thread: it holds an
    instance of a (non-enum) class, a `pcrt::Instance` (`Rc`), which cannot be shared
    between threads (docs/architecture.md, "Module-level instances")."""
    match t:
        case ClassT(name=name, enum=enum):
            return not enum and not is_cell_class(name)
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x):
            return per_thread(x)
        case DictT(k, v):
            return per_thread(k) or per_thread(v)
        case TupleT(items):
            return any(per_thread(i) for i in items)
    return False


def _holds(t: Type, kind: type | tuple[type, ...]) -> bool:
    """Whether `t` is or holds (in a container, an optional or a tuple) a `kind` type
    (`_holds_if` of an isinstance test, without a call per part)."""
    if isinstance(t, kind):
        return True
    cls = type(t)
    if cls in _SCALAR_TYPES:
        return False
    if cls in _HELD_ITEM_TYPES:
        return _holds(t.item, kind)  # type: ignore[union-attr]
    if cls is DictT:
        return _holds(t.key, kind) or _holds(t.value, kind)  # type: ignore[union-attr]
    if cls is TupleT:
        for i in t.items:  # type: ignore[union-attr]
            if _holds(i, kind):
                return True
    return False


def _holds_if(t: Type, test: Callable[[Type], bool]) -> bool:
    """Whether `t` is or holds (in a container, an optional or a tuple) a type `test`
    accepts."""
    match t:
        case _ if test(t):
            return True
        case ListT(x) | VarTupleT(x) | DequeT(x) | SetT(x) | OptionalT(x) | IterT(x) | GenT(x):
            return _holds_if(x, test)
        case DictT(k, v):
            return _holds_if(k, test) or _holds_if(v, test)
        case TupleT(items):
            return any(_holds_if(i, test) for i in items)
    return False


def mentions_frozenset(t: Type) -> bool:
    """Whether `t` holds a frozenset anywhere (a dynamic value has no frozenset)."""
    return _holds_if(t, lambda x: isinstance(x, SetT) and x.kind == "frozenset")


def mentions_keyed(t: Type) -> bool:
    """Whether `t` is or holds (in a container, an optional or a tuple) a dict or a set."""
    return _holds(t, (DictT, SetT))


def mentions_bytes(t: Type) -> bool:
    """Whether `t` holds bytes anywhere (a dynamic value cannot hold them)."""
    return _holds(t, BytesT)


def mentions_generator(t: Type) -> bool:
    """Whether `t` is or holds an iterator (`Iterator[T]`, a generator)."""
    return _holds(t, (GenT, IterT))


def mentions_error(t: Type) -> bool:
    """Whether `t` holds the type of an expression already reported (no cascade)."""
    return _holds(t, ErrT)


def mentions_opaque(t: Type) -> bool:
    """Whether `t` holds an opaque handle anywhere (a dynamic value cannot hold one)."""
    return _holds(t, OpaqueT)


# library objects compiled code prints: a path (`PosixPath('a')`, also inside containers)
# and functools' CacheInfo (alone: `str(f.cache_info())`)
PRINTABLE_OPAQUE = frozenset({"PosixPath"})
PRINTABLE_ALONE = frozenset({"CacheInfo"})


def mentions_unprintable(t: Type) -> bool:
    """Whether `t` holds a library object compiled code does not print: CPython prints it
    by its address (`<string.Template object at 0x...>`, a lock, a session) or by state
    compiled code does not keep (a tokenizer's JSON, a logger's level)."""
    if isinstance(t, OpaqueT) and t.name in PRINTABLE_ALONE:
        return False
    return _holds_if(t, lambda x: isinstance(x, OpaqueT) and x.name not in PRINTABLE_OPAQUE)


def mentions_identity_compared(t: Type) -> bool:
    """Whether `t` holds a library object CPython compares by identity and compiled code
    by value (`string.Template`)."""
    return _holds_if(t, lambda x: isinstance(x, OpaqueT) and x.name == "Template")


def plain_value(t: Type) -> bool:
    """Whether a `t` is a plain value a dynamic value can hold (numbers, strings, None,
    and lists, sets, dicts, tuples and optionals of them)."""
    match t:
        case IntT() | FloatT() | BoolT() | StrT() | NoneT() | DynT():
            return True
        case SetT(x, kind):
            return not kind and plain_value(x)
        case ListT(x) | OptionalT(x):
            return plain_value(x)
        case DictT(k, v):
            return plain_value(k) and plain_value(v)
        case TupleT(xs):
            return all(plain_value(x) for x in xs)
    return False


def dyn_convertible(a: Type, t: Type) -> bool:
    """Whether a value of type `a` converts to `t` through a dynamic value: one of them
    holds `Any` where the other holds a type, the shapes otherwise agree. Converting from
    `Any` is checked at run time (`TypeError` when the class is not the declared one).
    A dynamic value never holds an instance of a compiled class, nor bytes."""
    if isinstance(a, DynT) or isinstance(t, DynT):
        return not (mentions_class(a) or mentions_class(t) or mentions_bytes(a)
                    or mentions_bytes(t) or mentions_frozenset(a) or mentions_frozenset(t))
    match a, t:
        case ListT(x), ListT(y):
            return dyn_convertible(x, y)
        case SetT(x, c1), SetT(y, c2):
            return c1 == c2 == "" and dyn_convertible(x, y)
        case DictT(k1, v1, c1), DictT(k2, v2, c2):
            return c1 == c2 and dyn_convertible(k1, k2) and dyn_convertible(v1, v2)
        case TupleT(xs), TupleT(ys):
            return len(xs) == len(ys) and all(dyn_convertible(x, y) for x, y in zip(xs, ys))
        case OptionalT(x), OptionalT(y):
            return dyn_convertible(x, y)
        case _, OptionalT(y):
            return isinstance(a, NoneT) or dyn_convertible(a, y)
    return a == t
