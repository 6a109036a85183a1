"""The op library: `opslib/*.toml` read into `OpSpec`s (format: docs/opslib.md).

Signatures are written in Python syntax; they are pycomp's own data, so they
are read with the `ast` module (user code never is).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import tomllib

from pycomp.diagnostics import InternalError
from pycomp.optemplate import HoleMode, Template, parse_template
from pycomp.resources import opslib_dir
from pycomp.types import (
    BOOL,
    BYTEARRAY,
    BYTES,
    DTYPES,
    DYN,
    FLOAT,
    INT,
    NONE,
    OPAQUE_RUST,
    STR,
    CallableT,
    DequeT,
    DictT,
    DTypeT,
    ExcKindT,
    ExcT,
    GenT,
    IterableT,
    IterT,
    ListT,
    NdArrayT,
    OpaqueT,
    OptionalT,
    PVar,
    SetT,
    TupleT,
    Type,
    VarTupleT,
)

NO_DEFAULT = object()


def repo_root() -> Path:
    """The repository checkout: only for developer tools that edit its docs
    (`pycomp ops synth`, docs/ops.md). The compiler's own files come from
    `pycomp.resources`, which a wheel carries."""
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class OpParam:
    name: str
    type: Type
    default: object = NO_DEFAULT  # a Python literal value, or NO_DEFAULT
    kwonly: bool = False
    is_path: bool = False  # a file path: a literal, resolved and bundled at compile time

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


# The runtime calls of the ops numpy computes with OpenBLAS (`OpSpec.calls_blas`).
_BLAS_CALLS = ("nd_matmul(", "nd_dot(", "nd_norm({&x}, None")

@dataclass(frozen=True, eq=False)
class OpSpec:
    name: str  # `len`, `str.split`, `math.sqrt`, `+`
    params: tuple[OpParam, ...]
    ret: Type
    rust: str
    raises: bool
    doc: str = ""
    file: str = ""
    index: int = 0  # position within its file
    sig: str = ""
    vectors: tuple[tuple[str, ...], ...] = field(default=())
    # "module:function": computes the result type from argument types and
    # constant argument values, for ops whose result depends on them (numpy's
    # axis=, keepdims=, broadcasting). Returns a Type, or a str: an error.
    typing: str = ""
    view: bool = False  # the result may share memory with `self` (numpy views)
    # tried before the other overloads of its name (the lazy forms over generators,
    # which the general `Iterable[T]` forms would also accept)
    first: bool = False
    # The same op giving a reference into `self` (`&str`, `&[T]`, `&T`) for reads; it may
    # leave out parameters, and applies only when those are left at None.
    rust_ref: str = ""
    # The same op taking `self` by value (reusing its buffer); used when the argument
    # is an owned temporary or a variable's last use.
    rust_owned: str = ""
    # The same op giving a `Cow<str>`: `self` borrowed when the result equals it (`lower()`
    # of lowercase text); used for a borrowed receiver whose result is only read.
    rust_cow: str = ""
    # The same op for values the compiler knows are ints, floats, strs, bools or tuples of
    # them (`sorted`, `list.sort`: Rust's stable sort where no NaN makes `<` partial).
    rust_plain: str = ""
    # A module's value read without a call (`math.pi`, `string.digits`): an op of no
    # parameters that is not marked so is a function (`time.time`, `math.gcd()`), which a
    # read of the name without a call must not run.
    constant: bool = False

    @cached_property
    def positional(self) -> tuple[OpParam, ...]:
        """The parameters an argument can bind by position."""
        return tuple(p for p in self.params if not p.kwonly)

    @cached_property
    def required(self) -> tuple[str, ...]:
        """The parameters without a default."""
        return tuple(p.name for p in self.params if not p.has_default)

    @cached_property
    def mutated(self) -> frozenset[str]:
        """The parameters the op changes in place (`{&mut x}` holes)."""
        return frozenset(h.name for h in self.template.holes if h.mode is HoleMode.BORROW_MUT)

    @property
    def calls_blas(self) -> bool:
        """Whether the op computes float products with numpy's OpenBLAS, as numpy
        does (`@`, `np.matmul`, `np.dot`, `ndarray.dot`, a whole-array `norm`): a
        bundle of code calling one carries the library (emit), and an operand numpy
        holds as a strided view is warned about (W012, infer)."""
        return any(call in self.rust for call in _BLAS_CALLS)

    @property
    def template(self) -> Template:
        """`rust` parsed: text and typed holes (pycomp.optemplate)."""
        return parse_template(self.rust, tuple(p.name for p in self.params))

    @property
    def ref_template(self) -> Template | None:
        return parse_template(self.rust_ref, tuple(p.name for p in self.params)) \
            if self.rust_ref else None

    @property
    def owned_template(self) -> Template | None:
        return parse_template(self.rust_owned, tuple(p.name for p in self.params)) \
            if self.rust_owned else None

    @property
    def cow_template(self) -> Template | None:
        return parse_template(self.rust_cow, tuple(p.name for p in self.params)) \
            if self.rust_cow else None

    @property
    def plain_template(self) -> Template | None:
        return parse_template(self.rust_plain, tuple(p.name for p in self.params)) \
            if self.rust_plain else None

    @property
    def templates(self) -> tuple[Template, ...]:
        """Every template of the op: `rust`, then `rust_ref`, `rust_owned`, `rust_cow`
        and `rust_plain` if given."""
        return tuple(t for t in (self.template, self.ref_template, self.owned_template,
                                 self.cow_template, self.plain_template) if t is not None)

    @property
    def receiver(self) -> str | None:
        """For methods (`str.split`) the receiver type's name."""
        if "." in self.name and self.params and self.params[0].name == "self":
            return self.name.split(".", 1)[0]
        return None

    @property
    def dynamic(self) -> bool:
        """An op on dynamic values (`opslib/any.toml`): it applies only when an argument
        holds one."""
        return self.file == "any.toml"

    @property
    def method(self) -> str:
        return self.name.split(".", 1)[1] if "." in self.name else self.name

    def __repr__(self) -> str:
        return f"OpSpec({self.name}{self.sig})"


class SigError(ValueError):
    pass


def parse_type(node: ast.expr) -> Type:
    match node:
        case ast.Constant(value=None):
            return NONE
        case ast.Name(id=name):
            simple: dict[str, Type] = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR,
                                       "bytes": BYTES, "bytearray": BYTEARRAY,
                                       "None": NONE, "BaseException": ExcT()}
            if name in simple:
                return simple[name]
            if name == "Path":
                return STR
            if name == "Any":
                return DYN
            if name in OPAQUE_RUST:
                return OpaqueT(name)
            if re.fullmatch(r"[A-Z][0-9]?", name):
                return PVar(name)
            raise SigError(f"unknown type {name}")
        case ast.BinOp(left=left, op=ast.BitOr(), right=right):
            a, b = parse_type(left), parse_type(right)
            if b == NONE:
                return OptionalT(a)
            raise SigError("only `T | None` unions")
        case ast.Subscript(value=ast.Name(id=head), slice=sl):
            args = list(sl.elts) if isinstance(sl, ast.Tuple) else [sl]
            if head == "list":
                return ListT(parse_type(args[0]))
            if head in ("set", "frozenset"):
                return SetT(parse_type(args[0]), "" if head == "set" else head)
            if head == "deque":
                return DequeT(parse_type(args[0]))
            if head == "dict":
                return DictT(parse_type(args[0]), parse_type(args[1]))
            if head == "Counter":
                return DictT(parse_type(args[0]), INT, "Counter")
            if head in ("defaultdict", "OrderedDict"):
                return DictT(parse_type(args[0]), parse_type(args[1]), head)
            if head == "tuple" and len(args) == 2 and isinstance(args[1], ast.Constant) \
                    and args[1].value is Ellipsis:
                return VarTupleT(parse_type(args[0]))
            if head == "tuple":
                return TupleT(tuple(parse_type(a) for a in args))
            if head == "Iterable":
                return IterableT(parse_type(args[0]))
            if head == "Iterator":
                return IterT(parse_type(args[0]))
            if head == "Generator":
                return GenT(parse_type(args[0]))
            if head in ("ndarray", "dtype"):
                d = args[0]
                dt: str | PVar
                if isinstance(d, ast.Name) and d.id in DTYPES:
                    dt = d.id
                elif isinstance(d, ast.Name) and re.fullmatch(r"[A-Z][0-9]?", d.id):
                    dt = PVar(d.id)
                else:
                    raise SigError(f"bad dtype in {ast.dump(node)}")
                if head == "dtype":
                    return DTypeT(dt)
                ndim = None
                if len(args) > 1:
                    r = args[1]
                    if not (isinstance(r, ast.Constant) and isinstance(r.value, int)):
                        raise SigError("the rank of an ndarray type is an int literal")
                    ndim = r.value
                return NdArrayT(dt, ndim)
            if head == "type" and isinstance(args[0], ast.Name) and \
                    args[0].id == "BaseException":
                return ExcKindT()
            if head == "Callable":
                ps = args[0]
                assert isinstance(ps, ast.List)
                return CallableT(tuple(parse_type(p) for p in ps.elts), parse_type(args[1]))
    raise SigError(f"cannot read type {ast.dump(node)}")


def _is_path(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "Path"


def parse_sig(sig: str) -> tuple[tuple[OpParam, ...], Type]:
    try:
        tree = ast.parse(f"def _op{sig}: pass")
    except SyntaxError as e:
        raise SigError(f"bad signature {sig!r}: {e}") from e
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    a = fn.args
    params: list[OpParam] = []
    positional = a.posonlyargs + a.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults)) + list(
        a.defaults)
    for arg, d in zip(positional, defaults):
        if arg.annotation is None:
            raise SigError(f"parameter {arg.arg} of {sig!r} needs a type")
        params.append(OpParam(arg.arg, parse_type(arg.annotation),
                              ast.literal_eval(d) if d is not None else NO_DEFAULT,
                              is_path=_is_path(arg.annotation)))
    for arg, kd in zip(a.kwonlyargs, a.kw_defaults):
        if arg.annotation is None:
            raise SigError(f"parameter {arg.arg} of {sig!r} needs a type")
        params.append(OpParam(arg.arg, parse_type(arg.annotation),
                              ast.literal_eval(kd) if kd is not None else NO_DEFAULT, True,
                              is_path=_is_path(arg.annotation)))
    if fn.returns is None:
        raise SigError(f"{sig!r} needs a return type")
    return tuple(params), parse_type(fn.returns)


@dataclass
class OpLibrary:
    ops: list[OpSpec]
    by_name: dict[str, list[OpSpec]]

    def lookup(self, name: str) -> list[OpSpec]:
        return self.by_name.get(name, [])

    def methods_named(self, method: str) -> list[OpSpec]:
        return [op for op in self.ops if op.receiver is not None and op.method == method]


def read_op_file(path: Path) -> list[OpSpec]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, entry in enumerate(data.get("op", [])):
        sig = entry["sig"]
        try:
            params, ret = parse_sig(sig)
        except SigError as e:
            raise SigError(f"{path.name}: op {entry.get('name')}: {e}") from e
        vectors = tuple(tuple(v) for v in entry.get("vectors", []))
        out.append(OpSpec(entry["name"], params, ret, entry["rust"], bool(entry.get("raises")),
                          entry.get("doc", ""), path.name, i, sig, vectors,
                          entry.get("typing", ""), bool(entry.get("view", False)),
                          bool(entry.get("first", False)),
                          entry.get("rust_ref", ""), entry.get("rust_owned", ""),
                          entry.get("rust_cow", ""), entry.get("rust_plain", ""),
                          bool(entry.get("constant", False))))
        if out[-1].constant and params:
            raise SigError(f"{path.name}: op {entry['name']}: a constant takes no parameters")
    return out


@lru_cache(maxsize=4)
def load_library(directory: str | None = None) -> OpLibrary:
    d = Path(directory) if directory else opslib_dir()
    paths = sorted(d.glob("*.toml"))
    if not paths:
        # Without it every operator looks unsupported (`no op for <=`): say what is wrong.
        raise InternalError(f"pycomp's op library is missing: no *.toml files in {d} "
                            "(the installation is incomplete; reinstall pycomp, or fix "
                            "PYCOMP_OPSLIB if it is set)")
    ops: list[OpSpec] = []
    for path in paths:
        try:
            ops.extend(read_op_file(path))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise InternalError(f"pycomp's op library cannot be read: {path}: {e}") from e
    by_name: dict[str, list[OpSpec]] = {}
    for op in ops:
        by_name.setdefault(op.name, []).append(op)
    for overloads in by_name.values():
        overloads.sort(key=lambda op: not op.first)
    return OpLibrary(ops, by_name)
