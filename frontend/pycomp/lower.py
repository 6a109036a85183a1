"""lower: tree-sitter syntax tree to the untyped IR.

Takes a `SourceFile`; gives an `ir.Module` (imports, constants, functions),
every node with its span. Anything outside the supported subset is reported
here with a diagnostic rather than passed on.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from pycomp import (
    cells,
    ctxmanager,
    generic_deco,
    generics,
    globalcells,
    ir,
    namedtuples,
    nested,
    one_or_many,
    pycollections,
    registry,
    script_main,
    typeddicts,
    zipstar,
)
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.feeds import inline_feed_dicts
from pycomp.names import normalize
from pycomp.parse import SourceFile, fstring_align_spec
from pycomp.typeddicts import TypedDictDef
from pycomp.types import (
    BOOL,
    BUILTIN_EXCEPTIONS,
    BYTEARRAY,
    BYTES,
    DYN,
    FLOAT,
    INT,
    NONE,
    STR,
    CallableT,
    ClassT,
    DictT,
    ExcKindT,
    ExcT,
    FuncT,
    GenT,
    IntT,
    IterableT,
    ListT,
    NdArrayT,
    OpaqueT,
    OptionalT,
    SetT,
    TupleT,
    Type,
    VarTupleT,
    dtype_named,
    holds_function,
    open_resource,
)

if TYPE_CHECKING:
    from pycomp.lower_match import MatchLowering

# the modules compiled code may use, in the order the E003 help names them
NAMED_MODULES = ("math", "string", "bisect", "heapq", "random", "itertools", "functools",
                 "operator", "json", "re", "statistics", "unicodedata", "collections", "typing",
                 "time", "base64", "hashlib", "copy", "textwrap", "logging", "zlib",
                 "numpy", "tokenizers", "onnxruntime", "llama_cpp")
SUPPORTED_MODULES = {*NAMED_MODULES, "__future__", "sys", "dataclasses", "enum", "abc",
                     "contextlib", "io", "threading", "binascii"}
TYPING_NAMES = {"Optional", "List", "Dict", "Set", "FrozenSet", "Tuple", "Union", "annotations", "Any",
                "Counter", "DefaultDict", "OrderedDict",
                "Iterator", "Iterable", "Generator", "NamedTuple", "ClassVar", "Callable",
                "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Literal", "Final",
                "TypeAlias", "TypedDict", "Required", "NotRequired",
                "TypeVar", "ParamSpec", "Hashable"}
# `from collections.abc import Iterator` and the like: annotations only.
ABC_NAMES = {"Iterator", "Iterable", "Generator", "Callable", "Sequence", "MutableSequence",
             "Mapping", "MutableMapping", "Hashable"}
# What the class-building modules may give (lower_classes.py reads their use).
CLASS_MODULE_NAMES = {"dataclasses": {"dataclass", "field", "asdict", "astuple", "replace"},
                      "enum": {"Enum", "IntEnum", "StrEnum", "auto"},
                      "abc": {"ABC", "abstractmethod"}}

BINOPS = {"+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"}
AUG_OPS = {op + "=": op for op in BINOPS}
COMPARE_OPS = {"<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"}

I64_MAX = 2**63 - 1

# Names a module constant may not take: compiled code reads them as the builtins.
BUILTIN_NAMES = frozenset(n for n in dir(builtins) if not n.startswith("_"))


def _exit_call(mgr: str, span: Span, exc: str | None = None) -> ir.Expr:
    """`mgr.__exit__(None, None, None)`, or with the exception bound to `exc` caught:
    `mgr.__exit__(type(exc), exc, None)` (Lowerer.stmt_with_statement)."""
    none = ir.Const(None, span)
    args: tuple[ir.Expr, ...] = (none, none, none) if exc is None else (
        ir.Call(ir.Name("type", span), (ir.Name(exc, span),), (), span), ir.Name(exc, span),
        none)
    return ir.Call(ir.Attribute(ir.Name(mgr, span), "__exit__", span), args, (), span)


def _branch_receiver(value: ir.Expr, span: Span) -> ir.Stmt:
    """`(done if finished else pending).append(x)` as a statement: the `if` picking the
    object, each branch calling the method on its own (CPython's order: the test, the
    object, then the arguments), so a list or dict is changed in place through a name."""
    if isinstance(value, ir.Call) and isinstance(value.func, ir.Attribute) and \
            isinstance(value.func.value, ir.IfExp):
        pick, attr = value.func.value, value.func
        branches = [_branch_receiver(ir.Call(ir.Attribute(b, attr.attr, attr.span), value.args,
                                             value.keywords, value.span), span)
                    for b in (pick.body, pick.orelse)]
        return ir.If(pick.test, (branches[0],), (branches[1],), span)
    return ir.ExprStmt(value, span)


def replace_method(names: tuple[str, ...]) -> str:
    """The generated dataclass method `dataclasses.replace(obj, **names)` calls."""
    return "_pc_replace" + "".join(f"__{n}" for n in names)


class Lowerer:
    def __init__(self, src: SourceFile, sink: DiagnosticSink, module_name: str):
        self.src = src
        self.sink = sink
        self.module_name = module_name
        self.yields = False  # the function being lowered holds a `yield`
        # the function's parameters annotated `A | list[A]`, by name (pycomp.one_or_many)
        self.one_or_many: dict[str, Type] = {}
        self.name_dels: list[ir.Name] = []  # `del name` in the function being lowered
        # `n := e` met while lowering the current statement's expressions: the name
        # read in its place and the assignment hoisted before the statement
        self.walrus: list[tuple[ir.Name, ir.Assign]] = []
        # classes of the module (name -> is an enum), known before their definitions
        self.class_enums: dict[str, bool] = {}
        self.exception_classes: frozenset[str] = frozenset()
        # dataclass and NamedTuple fields by class, for subclasses' generated methods
        self.class_fields: dict[str, list[Any]] = {}
        # how the source names `dataclasses.asdict`/`astuple` (`asdict`,
        # `dataclasses.astuple`): "dict" or "tuple" by name; and the dataclasses given
        # the method each makes (lower_classes.deep_source)
        self.as_calls: dict[str, str] = {}
        self.deep_classes: dict[str, set[str]] = {"dict": set(), "tuple": set()}
        # how it names `dataclasses.replace`, and the keyword names of the module's
        # calls of it, as written (`replace_calls`)
        self.replace_names: set[str] = set()
        self._replace_calls: list[tuple[str, ...]] | None = None
        # the nested functions lifted out of the function lowered last (pycomp.nested)
        self.lifted: list[ir.Function] = []
        # the names bound by each function enclosing the one being lowered
        self.enclosing: list[set[str]] = []
        self.fn_path: list[str] = []  # the functions around a nested one, outermost first
        self.imports: list[ir.Import] = []  # the module's, as lowered so far
        # the lambda variables of the enclosing functions (pycomp.nested.lambda_variables)
        self.lambdas: dict[str, tuple[ir.Lambda, Span]] = {}
        # lowering a class's `__exit__`: its exception parameters are typed None
        self.exit_method = False
        # pycomp.ctxmanager: the module's @contextmanager functions (found on first use),
        # those being written out, and the module-level names each written-out one reads
        self.context_managers: dict[str, Node] | None = None
        self.inlining: list[str] = []
        self.context_free: list[tuple[set[str], Span]] = []
        # the module's calls of plain names, by name (pycomp.namedtuples, built once)
        self.calls_by_name: dict[str, list[Node]] | None = None
        # the names the function being lowered declares `nonlocal`
        self.nonlocals: list[str] = []
        # the names the function being lowered declares `global`, and the first
        # declaration of each name in the module (pycomp.globalcells)
        self.globals: list[str] = []
        # `x: T` without a value in the function being lowered (None at module level): the
        # type of that name's later plain assignments (`s: Schedule` then `s = Cosine(...)`
        # in each branch)
        self.bare_decls: dict[str, Type] | None = None
        self.global_decls: dict[str, Span] = {}
        # the cells of variables nested functions change, and their `__init__`s
        # (pycomp.cells)
        self.cell_classes: list[ir.ClassDef] = []
        self.cell_inits: list[ir.Function] = []
        self.cached: dict[str, ir.Cache] | None = None  # Lowerer.cached_functions
        self.type_aliases: dict[str, Node] = {}  # module_type_aliases
        self.alias_owner: Lowerer | None = None  # a string annotation's: the module's
        self.aliases_open: set[str] = set()  # the aliases being read (a cycle is no type)
        self.matches: MatchLowering | None = None  # `match` statements (pycomp.lower_match)
        self.typed_dicts: dict[str, TypedDictDef] = {}  # the module's (pycomp.typeddicts)
        # pycomp.generic_deco: the module's TypeVars/ParamSpecs, its generic decorators, the
        # copies made of them, and the decorated function the one being lowered is for
        self.typevars: dict[str, str] = {}
        self.generic_decos: dict[str, Node] = {}
        self.generic_made: dict[tuple[str, tuple[Type, ...], Type], generic_deco.Made] = {}
        self.instance: generic_deco.Instance | None = None
        # registry decorators, applied while compiling (pycomp.registry)
        self.registries: dict[str, registry.Registry] = {}
        self.registry_entries = registry.Entries()
        # lowering a plain module function, whose TypeVars make it generic (pycomp.generics)
        self.plain_generic = False
        # decorated module functions: whether their decorators keep `__name__`/`__doc__`
        # (functools.wraps), and the undecorated function `__wrapped__` gives
        self.decorated: dict[str, tuple[bool, str | None]] = {}
        # what only `if __name__ == "__main__":` runs (pycomp.script_main)
        self.script_part = script_main.ScriptPart()

    # ------------------------------------------------------------ helpers

    def span(self, node: Node) -> Span:
        return self.src.span(node)

    def text(self, node: Node) -> str:
        if node.type == "identifier":
            return normalize(self.src.text_of(node))
        return self.src.text_of(node)

    def unsupported(self, node: Node, what: str, help: str | None = None) -> None:
        self.sink.error("E002", f"{what} is not supported", self.span(node), help=help)

    def named_children(self, node: Node) -> list[Node]:
        if self.src.extras_removed:
            return node.named_children  # a new list on each call, as below
        return [c for c in node.named_children if not c.is_extra]

    # ------------------------------------------------------------- module

    def lower_module(self) -> ir.Module:
        root = self.src.tree.root_node
        mod = ir.Module(self.module_name, self.src.path, None)
        from pycomp.lower_classes import class_kinds, exception_classes

        self.typed_dicts = typeddicts.find(self, root)
        self.exception_classes = exception_classes(self, root)
        self.class_enums = {k: v for k, v in class_kinds(self, root).items()
                            if k not in self.typed_dicts}
        self.type_aliases = self.module_type_aliases(root)
        typeddicts.check(self)
        self.typevars = generic_deco.type_variables(self, root)
        self.registries = registry.find(self, root)
        self.generic_decos = {n: d for n, d in generic_deco.find(
            self, root, self.typevars).items() if n not in self.registries}
        self.imports = mod.imports
        self.script_part = script_main.find(self, root)
        children = self.named_children(root)
        for i, node in enumerate(children):
            if i == 0 and node.type == "expression_statement" and self._is_docstring(node):
                mod.doc = self._string_value(node.named_children[0])
                continue
            self.lower_toplevel(node, mod)
        registry.fill(mod, self.registry_entries)
        # A function defined twice: CPython keeps the last definition, for
        # every caller (calls resolve at run time), and so does pycomp.
        last = {fn.name: fn for fn in mod.functions}
        mod.functions[:] = [fn for fn in mod.functions if last[fn.name] is fn]
        if any(a in self.src.text for a in generic_deco.FUNCTION_ATTRS):
            generic_deco.function_attributes(self, mod, self.decorated)
        classes, inits = globalcells.make(mod, self.global_decls, self.sink)
        mod.classes.extend(self.cell_classes + classes)
        mod.functions.extend(self.cell_inits + inits)
        zipstar.check_module(mod, self.sink)
        return mod

    def replace_calls(self) -> list[tuple[str, ...]]:
        """The keyword names of each `dataclasses.replace(obj, ...)` call of the module,
        as written, once each: every dataclass gets a method per set (lower_classes)."""
        if self._replace_calls is None:
            found: dict[tuple[str, ...], None] = {}
            stack = [self.src.tree.root_node]
            while stack:
                n = stack.pop()
                fn = n.child_by_field_name("function") if n.type == "call" else None
                argl = n.child_by_field_name("arguments") if n.type == "call" else None
                if fn is not None and argl is not None and self.text(fn) in self.replace_names:
                    kws = [a for a in argl.named_children if a.type == "keyword_argument"]
                    found[tuple(self.text(k.child_by_field_name("name"))  # type: ignore[arg-type]
                                for k in kws)] = None
                stack.extend(reversed(n.named_children))
            self._replace_calls = list(found)
        return self._replace_calls

    def module_type_aliases(self, root: Node) -> dict[str, Node]:
        """Module-level names bound to a type (`Vector = list[float]`, `Label = int | str`,
        `Batch: TypeAlias = dict[str, list[int]]`, `Score = float`): an annotation naming
        one stands for the type it is bound to. A name bound more than once is none."""
        out: dict[str, Node] = {}
        seen: set[str] = set()
        for assignment, left, right in self.module_assignments(root):
            name = self.text(left)
            if name in seen or name in BUILTIN_NAMES:
                out.pop(name, None)  # `int = float` is E004 (lower_constant)
                continue
            seen.add(name)
            ann = assignment.child_by_field_name("type")
            if ann is not None and self.text(ann) in ("TypeAlias", "typing.TypeAlias") or \
                    ann is None and _type_like(self, right):
                out[name] = right
        return out

    def module_assignments(self, root: Node) -> Iterator[tuple[Node, Node, Node]]:
        """The module's statements `NAME = value` (also annotated): the assignment, the
        name and the value."""
        for node in self.named_children(root):
            kids = self.named_children(node) if node.type == "expression_statement" else []
            if len(kids) != 1 or kids[0].type != "assignment":
                continue
            left = kids[0].child_by_field_name("left")
            right = kids[0].child_by_field_name("right")
            if left is not None and left.type == "identifier" and right is not None:
                yield kids[0], left, right

    def _defined_name(self, node: Node) -> str:
        d = node.child_by_field_name("definition") if node.type == "decorated_definition" \
            else node
        name = d.child_by_field_name("name") if d is not None else None
        return self.text(name) if name is not None and d.type == "function_definition" else ""  # type: ignore[union-attr]

    def _is_docstring(self, node: Node) -> bool:
        kids = node.named_children
        return len(kids) == 1 and kids[0].type == "string" and not self._is_fstring(kids[0])

    def lower_toplevel(self, node: Node, mod: ir.Module) -> None:
        t = node.type
        if node.start_byte in self.script_part.imports or \
                self.script_part.functions.get(self._defined_name(node)) is node:
            return  # only the script runs it (pycomp.script_main)
        if t == "import_statement":
            for name in node.children_by_field_name("name"):
                if name.type == "aliased_import":
                    module = self.text(name.child_by_field_name("name"))  # type: ignore[arg-type]
                    alias = self.text(name.child_by_field_name("alias"))  # type: ignore[arg-type]
                else:
                    module = alias = self.text(name)
                self._add_import(mod, module, alias, (), name)
        elif t == "import_from_statement":
            module_node = node.child_by_field_name("module_name")
            assert module_node is not None
            module = self.text(module_node)
            names = []
            for name in node.children_by_field_name("name"):
                names.append(self.text(name))
            self._add_import(mod, module, module, tuple(names), node)
        elif t == "future_import_statement":
            return
        elif t == "function_definition" and self.text(
                node.child_by_field_name("name")) in self.generic_decos:  # type: ignore[arg-type]
            return  # a copy per function it decorates (pycomp.generic_deco)
        elif t == "function_definition" and self.text(
                node.child_by_field_name("name")) in self.registries:  # type: ignore[arg-type]
            return  # applied while compiling (pycomp.registry)
        elif t == "function_definition" or t == "decorated_definition" and \
                registry.apply(self, node, self.registry_entries):
            self.plain_generic = True
            try:
                fn = self.lower_function(node if t == "function_definition" else
                                         node.child_by_field_name("definition"))  # type: ignore[arg-type]
            finally:
                self.plain_generic = False
            if fn is not None:
                mod.functions.append(fn)
                mod.functions.extend(self.lifted)
        elif t == "expression_statement":
            if typeddicts.defines(self, node):
                return  # `Name = TypedDict(...)`: a type (pycomp.typeddicts)
            if not namedtuples.lower(self, node, mod):
                self.lower_constant(node, mod)
        elif script_main.is_main_guard(self, node):
            return  # `if __name__ == "__main__":` is for running the file as a script
        elif t == "decorated_definition" and (
                d := node.child_by_field_name("definition")) is not None and \
                d.type == "class_definition":
            from pycomp.lower_classes import ClassLowerer

            decos = [c for c in node.named_children if c.type == "decorator"]
            ClassLowerer(self).lower(d, decos, mod)
        elif t == "decorated_definition":
            fn = self.lower_decorated(node, mod)
            if fn is not None:
                mod.functions.append(fn)
                mod.functions.extend(self.lifted)
        elif t == "class_definition" and typeddicts.defines(self, node):
            return  # a type, checked by typeddicts.find
        elif t == "class_definition":
            from pycomp.lower_classes import ClassLowerer

            ClassLowerer(self).lower(node, [], mod)
        else:
            self.sink.error("E004", f"module-level `{t.replace('_', ' ')}` is not supported",
                            self.span(node),
                            help="at module level pycomp compiles imports, constants and "
                                 "function definitions; move this code into a function")

    def _add_import(self, mod: ir.Module, module: str, alias: str, names: tuple[str, ...],
                    node: Node) -> None:
        root = module.split(".")[0]
        if module == "collections.abc" and names and all(n in ABC_NAMES for n in names) or \
                module == "typing_extensions" and names and all(n in TYPING_NAMES for n in names):
            # annotations only (`typing_extensions` backports `TypedDict`, `NotRequired`
            # to older Pythons: the same names)
            mod.imports.append(ir.Import("typing", "typing", names, self.span(node)))
            return
        # `import os` and pathlib's Path: for the parts of a resource path, folded at
        # compile time (pycomp.shared_resources); other uses have no op (E040)
        path_import = module in ("os", "os.path") and not names or \
            module == "pathlib" and set(names) <= {"Path", "PurePath"}
        if module == "types" and names == ("TracebackType",):
            return  # annotates `__exit__`'s traceback, which compiled code gives as None
        if root not in SUPPORTED_MODULES and not path_import:
            self.sink.error("E003", f"module `{module}` is not supported", self.span(node),
                            help="pycomp compiles code that uses "
                                 f"{', '.join(NAMED_MODULES[:-1])} and {NAMED_MODULES[-1]}")
            return
        if root in CLASS_MODULE_NAMES:
            for fn, kind in (("asdict", "dict"), ("astuple", "tuple")):
                if root == "dataclasses" and (not names or fn in names):
                    # `asdict(obj)`: the class's generated `_pc_asdict` (lower_classes)
                    self.as_calls[fn if names else f"{alias}.{fn}"] = kind
            if root == "dataclasses" and (not names or "replace" in names):
                # `replace(obj, f=v)`: the class's generated `_pc_replace__f` (lower_classes)
                self.replace_names.add("replace" if names else f"{alias}.replace")
            for n in names:
                if n not in CLASS_MODULE_NAMES[root]:
                    self.sink.error("E003", f"`{root}.{n}` is not supported", self.span(node),
                                    help=f"pycomp compiles {', '.join(sorted(CLASS_MODULE_NAMES[root]))} "
                                         f"from {root}")
            return  # used by class definitions only; nothing to import at run time
        if root == "typing":
            for n in names:
                if n not in TYPING_NAMES:
                    self.sink.error("E003", f"`typing.{n}` is not supported", self.span(node),
                                    help="annotate with builtin types: list[int], dict[str, "
                                         "float], int | None")
        mod.imports.append(ir.Import(module, alias, names, self.span(node)))

    def lower_constant(self, node: Node, mod: ir.Module) -> None:
        kids = self.named_children(node)
        if len(kids) == 1 and kids[0].type == "assignment":
            a = kids[0]
            left = a.child_by_field_name("left")
            right = a.child_by_field_name("right")
            if left is not None and left.type == "identifier" and right is not None \
                    and right.type != "assignment":
                if self.text(left) in self.type_aliases or self.text(left) in self.typevars:
                    return  # a type alias: annotations read it (module_type_aliases)
                ann_node = self.declared(a.child_by_field_name("type"))
                ann = self.lower_annotation(ann_node) if ann_node is not None else None
                if self.text(left) in BUILTIN_NAMES:
                    self.sink.error("E004", f"rebinding the builtin `{self.text(left)}` at module "
                                            "level is not supported", self.span(a),
                                    help="pick another name; compiled code always means "
                                         "Python's builtins by their names")
                    return
                mod.constants.append(ir.Constant(self.text(left), self.lower_expr(right), ann,
                                                 self.span(a)))
                return
        if len(kids) == 1 and kids[0].type == "string":
            return  # a bare string at module level is documentation
        if len(kids) == 1 and kids[0].type == "assignment" and self._sets_session_option(
                kids[0], mod):
            # `opts.intra_op_num_threads = 1`: folded into the session (pycomp.sessoptions)
            a = kids[0]
            target = a.child_by_field_name("left")
            right = a.child_by_field_name("right")
            assert target is not None and right is not None
            obj, attr = target.child_by_field_name("object"), target.child_by_field_name("attribute")
            assert obj is not None and attr is not None
            sp = self.span(a)
            mod.setup.append(ir.ExprStmt(ir.Call(ir.Name("setattr", sp), (
                ir.Name(self.text(obj), self.span(obj)), ir.Const(self.text(attr), self.span(attr)),
                self.lower_expr(right)), (), sp), self.span(node)))
            return
        if len(kids) == 1 and kids[0].type == "call":
            fn = kids[0].child_by_field_name("function")
            if fn is not None and fn.type == "attribute":
                obj = fn.child_by_field_name("object")
                if obj is not None and obj.type == "identifier" and (any(
                        c.name == self.text(obj) for c in mod.constants) or any(
                        i.module == "logging" and i.alias == self.text(obj) and not i.names
                        for i in mod.imports)):
                    mod.setup.append(ir.ExprStmt(self.lower_expr(kids[0]), self.span(node)))
                    return
        self.sink.error("E004", "this module-level statement is not supported", self.span(node),
                        help="module level may hold constants (`NAME = value`); move other "
                             "code into a function")

    def _sets_session_option(self, a: Node, mod: ir.Module) -> bool:
        """Whether the module-level assignment `a` sets an attribute of a module constant
        made by `onnxruntime.SessionOptions()`."""
        target, right = a.child_by_field_name("left"), a.child_by_field_name("right")
        if target is None or target.type != "attribute" or right is None or \
                right.type == "assignment" or a.child_by_field_name("type") is not None:
            return False
        obj = target.child_by_field_name("object")
        if obj is None or obj.type != "identifier":
            return False
        c = next((c for c in mod.constants if c.name == self.text(obj)), None)
        return c is not None and isinstance(c.value, ir.Call) and (
            isinstance(c.value.func, ir.Attribute) and c.value.func.attr == "SessionOptions" or
            isinstance(c.value.func, ir.Name) and c.value.func.id == "SessionOptions")

    # ----------------------------------------------------------- functions

    def lower_function(self, node: Node, name: str | None = None) -> ir.Function | None:
        """A function definition (named `name` instead of its own: a generic decorator's
        copy, pycomp.generic_deco)."""
        if self.instance is None:
            own = generics.declared(self, node)  # `def first[T](...)` (PEP 695)
            if not own:
                return self._lower_function(node, name)
            saved, self.typevars = self.typevars, self.typevars | own
            try:
                return self._lower_function(node, name)
            finally:
                self.typevars = saved
        forward = self.instance.forward
        try:
            return self._lower_function(node, name)
        finally:
            self.instance.forward = forward

    def _lower_function(self, node: Node, name: str | None) -> ir.Function | None:
        name_node = node.child_by_field_name("name")
        params_node = node.child_by_field_name("parameters")
        body_node = node.child_by_field_name("body")
        assert name_node is not None and params_node is not None and body_node is not None
        name = name or self.text(name_node)
        if node.child(0) is not None and node.child(0).type == "async":  # type: ignore[union-attr]
            self.unsupported(node, "an async function")
            return None
        ret_node = node.child_by_field_name("return_type")
        outer_one_or_many, self.one_or_many = self.one_or_many, {}
        if self.instance is not None:
            outer_forward = self.instance.forward
            params = generic_deco.params(self, params_node) or self.lower_params(params_node)
            returns = generic_deco.returns(self, ret_node,
                                           self.instance.forward is not outer_forward, params)
        else:
            params = self.lower_params(params_node)
            returns = self.lower_annotation(ret_node) if ret_node is not None else None
        stmts = [self.without_wraps(n) for n in self.named_children(body_node)]
        doc = None
        if stmts and stmts[0].type == "expression_statement" and self._is_docstring(stmts[0]):
            doc = self._string_value(stmts[0].named_children[0])
            stmts = stmts[1:]
        outer_yields, self.yields = self.yields, False
        outer_dels, self.name_dels = self.name_dels, []
        outer_free, self.context_free = self.context_free, []
        outer_nonlocals, self.nonlocals = self.nonlocals, []
        outer_globals, self.globals = self.globals, []
        outer_bare, self.bare_decls = self.bare_decls, {}
        body = self.lower_block_nodes([n for n in stmts if n.type != "function_definition"])
        self.bare_decls = outer_bare
        is_generator, self.yields = self.yields, outer_yields
        declared, self.nonlocals = self.nonlocals, outer_nonlocals
        declared_globals, self.globals = self.globals, outer_globals
        if self.name_dels:
            self._check_name_dels(tuple(body), params)
        self.name_dels = outer_dels
        free, self.context_free = self.context_free, outer_free
        annotated = ret_node is not None and all(p.annotation is not None for p in params)
        # a function taking or returning a function is the module's own (a host cannot
        # pass or keep one): a decorator, a factory, a higher-order helper
        is_entry = not name.startswith("_") and annotated and not any(
            holds_function(t) or generics.mentions_pvar(t)  # a generic function's copies
            for t in (returns, *(p.annotation for p in params)))
        fn = ir.Function(name, tuple(params), returns, tuple(body), doc, self.span(node),
                         is_entry, self.span(name_node), is_generator=is_generator)
        one_or_many_params, self.one_or_many = self.one_or_many, outer_one_or_many
        if not any(n.type == "function_definition" for n in stmts):
            fn = one_or_many.rewrite(fn, one_or_many_params)
        self.check_varargs_uses(fn)
        if declared_globals:
            fn = globalcells.rewrite_declared(fn, declared_globals, self.sink)
        bound = nested.bound_names(fn)
        ctxmanager.check_free_names(self, free, bound.union(*self.enclosing))
        outer_lambdas = {k: v for k, v in self.lambdas.items() if k not in bound}
        if outer_lambdas:
            fn = dataclasses.replace(fn, body=nested.inline_lambdas(fn.body, outer_lambdas,
                                                                    self.sink, False))
        fn, own_lambdas = nested.lambda_variables(fn, self.sink)
        defs = []
        def_nodes = [n for n in stmts if n.type == "function_definition"]
        if def_nodes:
            # nested functions after the body: what it binds, they may capture
            self.enclosing.append(bound)
            self.fn_path.append(name)
            saved, self.lambdas = self.lambdas, outer_lambdas | own_lambdas
            for n in def_nodes:
                inner = self.lower_function(n)
                if inner is not None:
                    defs.append(nested.Nested(inner, tuple(self.lifted), self.span(n)))
            self.lambdas = saved
            self.enclosing.pop()
            self.fn_path.pop()
        if self.enclosing:
            fn = dataclasses.replace(fn, changes=cells.nested_changes(
                fn, declared, set().union(*self.enclosing), defs))
        celled = cells.wanted(fn, declared, defs)
        cell_classes: dict[str, str] = {}
        if celled:
            fn, defs, classes, inits, cell_classes = cells.make(
                fn, defs, celled, "/".join([*self.fn_path, name]), len(self.cell_classes),
                self.sink)
            self.cell_classes.extend(classes)
            self.cell_inits.extend(inits)
        self.lifted = []
        if defs:
            fn, self.lifted = nested.lift(fn, defs, set().union(*self.enclosing), self.sink,
                                          "/".join([*self.fn_path, name]))
            self.lifted = cells.typed_captures(self.lifted, cell_classes)
        return inline_feed_dicts(fn)

    def stmt_nonlocal_statement(self, node: Node) -> list[ir.Stmt]:
        """`nonlocal x`: recorded for the function being lowered (pycomp.cells makes `x` a
        cell of the enclosing function binding it); no statement of its own."""
        for ident in self.named_children(node):
            x = self.text(ident)
            if not any(x in b for b in self.enclosing):
                self.sink.error("E002", f"no binding for nonlocal `{x}` found", self.span(ident),
                                help="`nonlocal` names a variable an enclosing function assigns "
                                     "(CPython raises SyntaxError here)")
            elif x not in self.nonlocals:
                self.nonlocals.append(x)
        return []

    def stmt_global_statement(self, node: Node) -> list[ir.Stmt]:
        """`global x`: recorded for the function being lowered (pycomp.globalcells holds
        `x` in a process-wide cell); no statement of its own."""
        for ident in self.named_children(node):
            x = self.text(ident)
            if x in self.nonlocals:
                self.sink.error("E002", f"`{x}` is declared both nonlocal and global",
                                self.span(ident), help="CPython raises SyntaxError here")
            elif x not in self.globals:
                self.globals.append(x)
                self.global_decls.setdefault(x, self.span(ident))
        return []

    def lower_decorated(self, node: Node, mod: ir.Module) -> ir.Function | None:
        """A module-level function under `@functools.cache` or `@functools.lru_cache`
        (bare, called, or with `maxsize=`); any other decorator is E002."""
        definition = node.child_by_field_name("definition")
        decorators = [c for c in node.named_children if c.type == "decorator"]
        if definition is None or definition.type != "function_definition":
            self.unsupported(node, "a decorated class")
            return None
        if any(ctxmanager.is_contextmanager(self, d) for d in decorators):
            if len(decorators) > 1:
                self.unsupported(node, "@contextmanager beside another decorator")
            else:
                ctxmanager.check_uses(self, definition)
            return None  # written out at each `with` calling it (pycomp.ctxmanager)
        caches = [self.cache_decorator(d, mod) for d in decorators]
        for d, c in zip(decorators, caches):
            head = d.named_children[0] if d.named_children else None
            if head is not None and head.type == "call":
                head = head.child_by_field_name("function")
            own = head is not None and head.type == "identifier" and (any(
                f.name == self.text(head) for f in mod.functions) or
                self.text(head) in self.generic_decos)
            if c is None and not own:
                self.unsupported(d, f"the decorator `{self.text(d)}`",
                                 help="pycomp compiles decorators the module defines "
                                      "(above the function), `@functools.cache` and "
                                      "`@functools.lru_cache(maxsize=...)`")
                return None
        if any(c is None for c in caches):
            return self.user_decorated(definition, decorators, caches)
        if len(caches) > 1:
            self.unsupported(decorators[1], f"the decorator `{self.text(decorators[1])}`",
                             help="a function takes one of functools' caches")
            return None
        fn = self.lower_function(definition)
        if fn is None:
            return None
        return dataclasses.replace(fn, cache=caches[0])

    def user_decorated(self, definition: Node, decorators: list[Node],
                       caches: list[ir.Cache | None]) -> ir.Function | None:
        """`@deco def f(...)`: `f` as written becomes `f/undecorated`; a cached function
        without parameters `f/decorated` applies the decorators to it once (the first time
        `f` is called: CPython applies them when the module runs) and keeps the function
        they return; `f` calls that function."""
        if any(c is not None for c in caches):
            self.unsupported(decorators[caches.index(next(c for c in caches if c))],
                             "functools' cache beside another decorator",
                             help="cache a function of your own instead")
            return None
        fn = self.lower_function(definition)
        if fn is None:
            return None
        span = self.span(definition)
        # a generic decorator's wrapper takes whatever `f` is given (`*args, **kwargs`):
        # `f` may have defaults and keyword-only parameters, all passed on by position
        generic = all(d.named_children and _decorator_head(self, d) in self.generic_decos
                      for d in decorators)
        if fn.returns is None or any(p.annotation is None or p.kind not in (
                ("", "posonly", "kwonly") if generic else ("", "posonly")) or
                p.default is not None and not generic for p in fn.params) or \
                fn.is_generator:
            self.unsupported(decorators[0], f"the decorator `{self.text(decorators[0])}` on "
                                            "this function",
                             help="a decorated function is compiled when its parameters are "
                                  "annotated, positional, without defaults (a generic "
                                  "decorator's: any but `*args` and `**kwargs`), and it is "
                                  "not a generator")
            return None
        own = nested.qualified(fn.name, "undecorated")
        value: ir.Expr = ir.Name(own, span)
        types = tuple(p.annotation for p in fn.params if p.annotation is not None)
        returns: Type = fn.returns
        lifted = self.lifted
        renamed = False  # a decorator below returned a wrapper without functools.wraps
        for d in reversed(decorators):
            head, deco_name = d.named_children[0], _decorator_head(self, d)
            if deco_name is None or deco_name not in self.generic_decos:
                value = ir.Call(self.lower_expr(head), (value,), (), self.span(d))
                renamed = renamed or not generic_deco.keeps_name(self, d)
                continue
            # a copy of the generic decorator for `f`'s signature so far up the stack
            copy = generic_deco.instantiate(self, deco_name, fn, types, returns, d, renamed)
            renamed = renamed or not generic_deco.keeps_name(self, d)
            if not copy.name:
                return None
            lifted.extend(f for f in copy.functions if all(f is not g for g in lifted))
            deco: ir.Expr = ir.Name(copy.name, self.span(head))
            made_type = copy.returns
            if head.type == "call":  # a factory: `@retry(times=2)`
                factory = self.lower_expr(head)
                assert isinstance(factory, ir.Call)
                deco = dataclasses.replace(factory, func=deco, args=tuple(
                    a for i, a in enumerate(factory.args) if i not in copy.bound_positions),
                    keywords=tuple(k for k in factory.keywords
                                   if k.name not in copy.bound_keywords))
                made_type = made_type.ret if isinstance(made_type, FuncT) else None
            value = ir.Call(deco, (value,), (), self.span(d))
            if isinstance(made_type, FuncT):
                types, returns = made_type.params, made_type.ret
        made = ir.Function(nested.qualified(fn.name, "decorated"), (), FuncT(types, returns),
                           (ir.Return(value, span),), None, span, False, fn.name_span,
                           cache=ir.Cache(None, span))
        call = ir.Call(ir.Call(ir.Name(made.name, span), (), (), span),
                       tuple(ir.Name(p.name, span) for p in fn.params), (), span)
        outer = dataclasses.replace(fn, body=(ir.Return(call, span),))
        keeps = all(generic_deco.keeps_name(self, d) for d in decorators)
        self.decorated[fn.name] = (keeps, own if keeps and len(decorators) == 1 else None)
        if generic:  # given by position by the wrappers
            fn = dataclasses.replace(fn, params=tuple(
                dataclasses.replace(p, kind="") if p.kind == "kwonly" else p
                for p in fn.params))
        self.lifted = [dataclasses.replace(fn, name=own, is_entry=False), made, *self.lifted]
        return outer

    def cached_functions(self) -> dict[str, ir.Cache]:
        """The module's functions under one of functools' caches, by name."""
        if self.cached is None:
            self.cached = {}
            imports = ir.Module(self.module_name, self.src.path, None, list(self.imports))
            for node in self.named_children(self.src.tree.root_node):
                d = node.child_by_field_name("definition")
                decos = [c for c in node.named_children if c.type == "decorator"]
                name = d.child_by_field_name("name") if d is not None else None
                if node.type == "decorated_definition" and name is not None and len(decos) == 1 \
                        and (cache := self.cache_decorator(decos[0], imports)) is not None:
                    self.cached[self.text(name)] = cache
        return self.cached

    def cache_call(self, fn: Node, args: Node) -> ir.Expr | None:
        """`f.cache_info()` / `f.cache_clear()` of a cached module function `f`: the ops
        reaching its cache by name (templates/runtime/memo.rs), or None for another call."""
        obj = fn.child_by_field_name("object") if fn.type == "attribute" else None
        attr = fn.child_by_field_name("attribute") if obj is not None else None
        if obj is None or attr is None or obj.type != "identifier" or \
                self.text(attr) not in ("cache_info", "cache_clear") or \
                (cache := self.cached_functions().get(self.text(obj))) is None:
            return None
        sp = self.span(fn)
        if self.named_children(args):
            self.sink.error("E042", f"`{self.text(fn)}()` takes no arguments", self.span(args))
        name = ir.Const(self.text(obj), sp)
        if self.text(attr) == "cache_clear":
            return ir.Call(ir.Name("__pc_cache_clear", sp), (name,), (), sp)
        return ir.Call(ir.Name("__pc_cache_info", sp), (name, ir.Const(cache.maxsize, sp)), (),
                       sp)

    def without_wraps(self, node: Node) -> Node:
        """A nested function under `@functools.wraps(fn)` (or `@wraps(fn)`): the function
        (wraps copies `__name__`, `__doc__` and friends, which compiled code never reads)."""
        if node.type != "decorated_definition":
            return node
        definition = node.child_by_field_name("definition")
        decorators = [c for c in node.named_children if c.type == "decorator"]
        if definition is None or definition.type != "function_definition":
            return node
        for d in decorators:
            expr = d.named_children[0] if d.named_children else None
            head = expr.child_by_field_name("function") if expr is not None and \
                expr.type == "call" else None
            if head is None or self.text(head) not in ("functools.wraps", "wraps"):
                return node
        return definition

    def cache_decorator(self, d: Node, mod: ir.Module) -> ir.Cache | None:
        """The cache `d` (a `decorator` node) asks for, or None if it is not one of functools'
        caches."""
        expr = d.named_children[0] if d.named_children else None
        call_args: Node | None = None
        if expr is not None and expr.type == "call":
            call_args = expr.child_by_field_name("arguments")
            expr = expr.child_by_field_name("function")
        if expr is None:
            return None
        name: str | None = None
        if expr.type == "identifier":
            name = next((self.text(expr) for i in mod.imports if i.module == "functools"
                         and self.text(expr) in i.names), None)
        elif expr.type == "attribute":
            obj = expr.child_by_field_name("object")
            attr = expr.child_by_field_name("attribute")
            if obj is not None and attr is not None and obj.type == "identifier" and any(
                    i.module == "functools" and i.alias == self.text(obj) and not i.names
                    for i in mod.imports):
                name = self.text(attr)
        span = self.span(d)
        if name == "cache" and call_args is None:
            return ir.Cache(None, span)
        if name != "lru_cache":
            return None
        if call_args is None:
            return ir.Cache(128, span)
        args = call_args.named_children
        if not args:
            return ir.Cache(128, span)
        value = args[0]
        if len(args) == 1 and value.type == "keyword_argument":
            if self.text(value.child_by_field_name("name")) != "maxsize":  # type: ignore[arg-type]
                return None
            value = value.child_by_field_name("value")  # type: ignore[assignment]
        if len(args) != 1 or value is None:
            return None
        if value.type == "none":
            return ir.Cache(None, span)
        if value.type == "integer":
            return ir.Cache(max(0, int(self.text(value), 0)), span)
        return None

    def lower_params(self, params_node: Node) -> list[ir.Param]:
        """Parameters with their kinds: positional-only before `/`, keyword-only after `*`
        or `*args`; `*args: T` is a `list[T]` here, `**kwargs: T` a `dict[str, T]`."""
        params: list[ir.Param] = []
        kwonly = False
        if self.exit_method:
            return self.exit_params(params_node)
        for p in params_node.named_children:
            if p.type == "positional_separator":
                params = [dataclasses.replace(q, kind="posonly") for q in params]
                continue
            if p.type == "keyword_separator":
                kwonly = True
                continue
            if self.instance is not None and generic_deco.skipped(self, p):
                continue  # bound when the generic decorator's copy is made
            param = self.lower_param(p)
            if param is None:
                continue
            if param.kind == "args":
                kwonly = True
            elif kwonly and param.kind == "":
                param = dataclasses.replace(param, kind="kwonly")
            params.append(param)
        return params

    def exit_params(self, params_node: Node) -> list[ir.Param]:
        """A context manager's `__exit__(self, exc_type, exc, tb)` (or `(self, *args)`):
        `self`, then `exc_type: type[BaseException] | None`, `exc: BaseException | None`
        and `tb: None`, whatever their annotations say (`object`, `Any`,
        `TracebackType | None`): what a `with` statement gives it (stmt_with_statement).
        `tb` (and `*args`) may not be read (lower_classes.exit_reads): compiled code has
        no traceback objects."""
        kids = [k for k in params_node.named_children if k.type not in (
            "positional_separator", "keyword_separator")]
        first = self.lower_param(kids[0]) if kids else None
        sp = self.span(params_node)
        # their annotations are not read: `exc: BaseException | None` is not a type
        # compiled code knows elsewhere
        idents = [k if k.type == "identifier" else k.named_children[0] for k in kids[1:]]
        names = [self.text(k) for k in idents] if len(idents) == 3 and all(
            k.type == "identifier" for k in idents) else []
        names += [f"__exit_arg{i}" for i in range(len(names), 3)]
        types: tuple[Type, ...] = (OptionalT(ExcKindT()), OptionalT(ExcT()), NONE)
        return ([first] if first is not None else []) + [
            ir.Param(name, t, None, sp) for name, t in zip(names, types, strict=True)]

    def check_varargs_uses(self, fn: ir.Function) -> None:
        """`*args` is a tuple in CPython and a list here: compiled only where the two behave
        alike (iterated, indexed, `len`/`sum`/`sorted`/... of it, `in`, its truth, passed on
        as `*args`); elsewhere (printed, compared, returned, sliced) E002."""
        star = next((p.name for p in fn.params if p.kind == "args"), None)
        if star is None:
            return
        stack: list[tuple[object, object, str]] = [(fn.body, None, "")]
        while stack:
            x, parent, field = stack.pop()
            if isinstance(x, ir.Name) and x.id == star and not _tuple_like_use(parent, field):
                self.sink.error("E002", f"`{star}` used this way is not supported", x.span,
                                help=f"`*{star}` is a tuple in CPython; iterate it, index it, "
                                     f"or make a list first: `{star}_list = list({star})`")
            elif isinstance(x, (tuple, list)):
                stack.extend((y, parent, field) for y in x)
            elif not isinstance(x, ir.Lambda | ir.Comprehension) or star not in getattr(
                    x, "params", ()):
                stack.extend((getattr(x, f), x, f) for f in ir.field_names(x)
                             if f not in ("ty", "span"))

    def lower_param(self, p: Node) -> ir.Param | None:
        t = p.type
        if t == "identifier":
            return ir.Param(self.text(p), None, None, self.span(p))
        if t in ("list_splat_pattern", "dictionary_splat_pattern"):
            ident = p.named_children[0]
            return ir.Param(self.text(ident), None, None, self.span(ident),
                            kind="args" if t == "list_splat_pattern" else "kwargs")
        if t == "typed_parameter":
            ident = p.named_children[0]
            ann = p.child_by_field_name("type")
            assert ann is not None
            annotation = self.lower_annotation(ann)
            if ident.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                star = ident.type == "list_splat_pattern"
                splat = ident.named_children[0]
                return ir.Param(self.text(splat),
                                None if annotation is None else
                                ListT(annotation) if star else DictT(STR, annotation),
                                None, self.span(splat), self.span(ann),
                                kind="args" if star else "kwargs")
            self.note_one_or_many(ident, ann, annotation)
            return ir.Param(self.text(ident), borrowed_function(annotation), None,
                            self.span(ident), self.span(ann))
        if t in ("default_parameter", "typed_default_parameter"):
            name = p.child_by_field_name("name")
            value = p.child_by_field_name("value")
            ann = p.child_by_field_name("type")
            assert name is not None and value is not None
            annotation = self.lower_annotation(ann) if ann else None
            if ann is not None:
                self.note_one_or_many(name, ann, annotation)
            return ir.Param(self.text(name), borrowed_function(annotation),
                            self.lower_expr(value), self.span(name),
                            self.span(ann) if ann else None)
        self.unsupported(p, f"parameter `{self.text(p)}`")
        return None

    def note_one_or_many(self, name: Node, ann: Node, annotation: Type | None) -> None:
        """Records a parameter annotated `A | list[A]` (pycomp.one_or_many)."""
        if annotation != DYN:
            return
        members = self.union_members(ann)
        item = one_or_many.item_type(members) if members is not None else None
        if item is not None:
            self.one_or_many[self.text(name)] = item

    def union_members(self, node: Node) -> tuple[Type, ...] | None:
        """The member types of a union annotation (`A | B`, `Union[A, B]`), flattened;
        None where a member is not a type. Called on annotations already lowered once."""
        if node.type == "type" and len(kids := self.named_children(node)) == 1:
            node = kids[0]
        parts: list[Node] | None = None
        if node.type == "union_type":
            parts = self.named_children(node)
        elif node.type == "binary_operator" and (op := node.child_by_field_name(
                "operator")) is not None and self.text(op) == "|":
            parts = [c for c in (node.child_by_field_name("left"),
                                 node.child_by_field_name("right")) if c is not None]
        elif (generic := self.subscripted(node)) is not None and \
                generic[0].split(".")[-1] == "Union":
            parts = list(generic[1])
        if parts is None:
            t = self.lower_annotation(node)
            if isinstance(t, ListT) and (self.subscripted(node) or ("",))[0] not in (
                    "list", "List"):
                return None  # `Sequence[str]` is a list here, a tuple too in CPython
            return None if t is None else (t,)
        out: list[Type] = []
        for p in parts:
            sub = self.union_members(p)
            if sub is None:
                return None
            out.extend(sub)
        return tuple(out)

    # ---------------------------------------------------------- annotations

    def lower_annotation(self, node: Node | None) -> Type | None:
        if node is None:
            return None
        if node.type == "type":
            kids = self.named_children(node)
            if len(kids) != 1:
                self._bad_annotation(node)
                return None
            node = kids[0]
        t = node.type
        if t == "none":
            return NONE
        if self.typevars and self.instance is not None and \
                (instanced := generic_deco.annotation(self, node)) is not None:
            return instanced  # `T`, `Callable[P, T]` in a generic decorator's copy
        if t == "identifier" and self.typevars and \
                (tv := generics.type_variable(self, node)) is not None:
            return tv  # a plain generic function's (a copy per call-site types)
        if t == "identifier" and self.typevars and generic_deco.generic_typevar(self, node):
            return None
        if t == "identifier":
            name = self.text(node)
            scalars: dict[str, Type] = {"int": INT, "float": FLOAT, "str": STR, "bool": BOOL,
                                        "None": NONE, "bytes": BYTES, "bytearray": BYTEARRAY}
            if name in scalars:
                return scalars[name]
            if name == "memoryview":
                self._bad_annotation(node, f"{name} (shared bytes) is not compiled: "
                                           "annotate with `bytes` (a compiled function's bytes "
                                           "parameter accepts a bytearray or a memoryview of "
                                           "bytes from Python)")
                return None
            if name in (self.alias_owner or self).typed_dicts:
                return typeddicts.TYPED_DICT
            if name in self.exception_classes:
                return ExcT()  # `last: BackendError | None`: as `Exception | None`
            if name in self.class_enums:
                return ClassT(name, self.class_enums[name])
            if name in ("Any", "object"):
                return DYN
            if name in BUILTIN_EXCEPTIONS or name == "BaseException":
                # `last_error: Exception | None`: any exception, as a handler's `e` is
                return ExcT()
            if name in ("list", "List"):
                self._bad_annotation(node, "give the element type: `list[str]`")
                return None
            if name in ("dict", "Dict"):
                self._bad_annotation(node, "give the key and value types: "
                                           "`dict[str, int]`, or `dict[str, Any]` when the "
                                           "values are of several types")
                return None
            if (library := self.library_annotation(name)) is not None:
                return library
            # (a string annotation's own lowerer reads the module's aliases through the
            # module's: their nodes are of its source)
            owner = self.alias_owner or self
            alias = owner.type_aliases.get(name)
            if alias is not None and name not in owner.aliases_open:
                # `Vector = list[float]` (or `Vector: TypeAlias = ...`) at module level
                owner.aliases_open.add(name)
                try:
                    return owner.lower_annotation(alias)
                finally:
                    owner.aliases_open.discard(name)
            self._bad_annotation(node)
            return None
        if t == "attribute":
            if (library := self.library_annotation(self.text(node))) is not None:
                return library
            # `np.ndarray`, `npt.NDArray`: an array whose dtype the values decide
            if self.text(node).split(".")[-1] in ("ndarray", "NDArray"):
                return NdArrayT("?", None)
            if self.text(node) == "typing.Any":
                return DYN
            if self.text(node).split(".")[-2:] == ["random", "Generator"]:
                return OpaqueT("Generator")  # `np.random.Generator`
            if self.text(node) in ("re.Match", "re.Pattern"):
                return OpaqueT(self.text(node)[3:])
            self._bad_annotation(node)
            return None
        if t == "string":
            inner = self._string_value(node)
            return self._annotation_from_text(inner, node)
        if t == "union_type":
            parts = self.named_children(node)
            if len(parts) == 2:
                a = self.lower_annotation(parts[0])
                b = self.lower_annotation(parts[1])
                if a is None or b is None:
                    return None
                return self._union(a, b, node)
            self._bad_annotation(node)
            return None
        if t == "binary_operator":
            op = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if op is not None and self.text(op) == "|" and left and right:
                a = self.lower_annotation(left)
                b = self.lower_annotation(right)
                if a is None or b is None:
                    return None
                return self._union(a, b, node)
            self._bad_annotation(node)
            return None
        if (generic := self.subscripted(node)) is not None:
            head, arg_nodes = generic
            if head.split(".")[-1] == "Literal":
                return self._literal_annotation(node, arg_nodes)
            if head in ("re.Match", "re.Pattern") and len(arg_nodes) == 1 and \
                    self.text(arg_nodes[0]) == "str":
                return OpaqueT(head[3:])  # `re.Match[str]`, as mypy wants it written
            if head.split(".")[-1] == "NDArray" and len(arg_nodes) == 1:
                dt = self.text(arg_nodes[0]).split(".")[-1]
                if (named := dtype_named(dt)) is not None:
                    return NdArrayT(named, None)
                if dt in ("Any", "generic"):  # `npt.NDArray[Any]`: the values decide
                    return NdArrayT("?", None)
                self._bad_annotation(node, "use a dtype such as np.float32 or np.int64")
                return None
            plist = arg_nodes[0] if arg_nodes else None
            if plist is not None and plist.type == "type" and plist.named_children:
                plist = plist.named_children[0]
            if head.split(".")[-1] == "Callable" and (
                    len(arg_nodes) != 2 or plist is None or plist.type != "list"):
                self._bad_annotation(node, "write the parameter types: `Callable[[int, str], "
                                           "int]` (`...` and ParamSpec compile in a decorator "
                                           "applied with `@` to a function of the module)")
                return None
            if head.split(".")[-1] == "Callable" and len(arg_nodes) == 2 \
                    and plist is not None and plist.type == "list":
                ps = [self.lower_annotation(a) for a in self.named_children(plist)]
                r = self.lower_annotation(arg_nodes[1])
                if r is None or any(p is None for p in ps):
                    return None
                return FuncT(tuple(p for p in ps if p is not None), r)
            if head in ("tuple", "Tuple") and len(arg_nodes) == 2 and \
                    self.text(arg_nodes[1]) == "...":
                item = self.lower_annotation(arg_nodes[0])
                return None if item is None else VarTupleT(item)
            args = [self.lower_annotation(a) for a in arg_nodes]
            if any(a is None for a in args):
                return None
            targs: list[Type] = [a for a in args if a is not None]
            if head in ("list", "List") and len(targs) == 1:
                return ListT(targs[0])
            if head in ("set", "Set") and len(targs) == 1:
                return SetT(targs[0])
            if head in ("frozenset", "FrozenSet") and len(targs) == 1:
                return SetT(targs[0], "frozenset")
            if head in ("dict", "Dict") and len(targs) == 2:
                return DictT(targs[0], targs[1])
            collection = pycollections.annotation(head, targs)
            if collection is not None:
                if isinstance(collection, str):
                    self._bad_annotation(node, collection)
                    return None
                return collection
            if head in ("tuple", "Tuple"):
                return TupleT(tuple(targs))
            base = head.split(".")[-1]
            if base == "Iterator" and len(targs) == 1:
                return GenT(targs[0])
            if base == "Iterable" and len(targs) == 1:
                return IterableT(targs[0])
            # the abstract containers people annotate parameters with: the list or dict
            # every caller passes (a tuple given from Python is read as a list)
            if base in ("Sequence", "MutableSequence") and len(targs) == 1:
                return ListT(targs[0])
            if base in ("Mapping", "MutableMapping") and len(targs) == 2:
                return DictT(targs[0], targs[1])
            if base == "Generator" and (len(targs) == 1 or (
                    len(targs) == 3 and targs[1] == NONE and targs[2] == NONE)):
                return GenT(targs[0])
            if base == "Generator":
                self._bad_annotation(node, "generators that receive values (`send`) or "
                                           "return one are not compiled: use "
                                           "`Generator[T, None, None]`")
                return None
            if head == "Optional" and len(targs) == 1:
                return self._union(targs[0], NONE, node)
            if head == "Union" and len(targs) >= 2:
                u: Type | None = targs[0]
                for t2 in targs[1:]:
                    if u is None:
                        return None
                    u = self._union(u, t2, node)
                return u
            self._bad_annotation(node)
            return None
        if t == "ellipsis":
            return None
        self._bad_annotation(node)
        return None

    def _union(self, a: Type, b: Type, node: Node) -> Type | None:
        """`A | B`: `A | None` is an optional; a union of distinct types is a dynamic value
        (which holds None too)."""
        if a == b:
            return a
        if DYN in (a, b):
            return DYN
        if b == NONE:
            return DYN if isinstance(a, OptionalT) else OptionalT(a)
        if a == NONE:
            return DYN if isinstance(b, OptionalT) else OptionalT(b)
        return DYN

    def _annotation_from_text(self, text: str, node: Node) -> Type | None:
        from pycomp.parse import _parser

        tree = _parser().parse(f"x: {text}\n".encode())
        try:
            ann = tree.root_node.named_children[0].named_children[0].child_by_field_name("type")
        except IndexError:
            ann = None
        if ann is None:
            self._bad_annotation(node)
            return None
        sub = SourceFile(self.src.path, text, f"x: {text}\n".encode(), tree)
        inner = Lowerer(sub, self.sink, self.module_name)
        inner.class_enums = self.class_enums
        inner.exception_classes = self.exception_classes
        inner.alias_owner = self.alias_owner or self
        outer = node
        # spans inside the re-parsed text all point at the string annotation in the real file;
        # mypy flags any assignment to a method, though overriding it per instance is intended
        inner.span = lambda node: self.span(outer)  # type: ignore[method-assign]
        return inner.lower_annotation(ann)

    def _literal_annotation(self, node: Node, arg_nodes: list[Node]) -> Type | None:
        """`Literal["a", "b"]`: the type of its values (`str`), `T | None` when None is
        one of them; values of several types, or not literals, are refused."""
        found: list[Type] = []
        for a in arg_nodes:
            try:
                value = ast.literal_eval(self.text(a))
            except (ValueError, SyntaxError):
                self._bad_annotation(a, "a Literal lists int, str, bytes, bool or None "
                                        "values: `Literal[\"a\", \"b\"]`")
                return None
            ty: Type | None = (BOOL if isinstance(value, bool) else INT if isinstance(value, int)
                               else STR if isinstance(value, str)
                               else BYTES if isinstance(value, bytes)
                               else NONE if value is None else None)
            if ty is None:
                self._bad_annotation(a, "a Literal lists int, str, bytes, bool or None values")
                return None
            if ty not in found:
                found.append(ty)
        base = [t for t in found if t != NONE]
        if not base or len(base) > 1:
            self._bad_annotation(node, "the values of a Literal must have one type (and may "
                                       "add None): `Literal[\"a\", \"b\"]`")
            return None
        return OptionalT(base[0]) if NONE in found else base[0]

    def declared(self, ann: Node | None) -> Node | None:
        """The annotation an assignment declares, `Final` taken off: `x: Final[int] = 3`
        declares `int`, `x: Final = 3` nothing (the value's type, as for `x = 3`).
        CPython does not enforce `Final`, so neither does compiled code."""
        if ann is None:
            return None
        node = ann
        if node.type == "type" and len(self.named_children(node)) == 1:
            node = self.named_children(node)[0]
        if self.text(node) in ("Final", "typing.Final"):
            return None
        if (parts := self.subscripted(node)) is not None:
            head, args = parts
            if head in ("Final", "typing.Final") and len(args) == 1:
                return args[0]
        return ann

    def subscripted(self, node: Node) -> tuple[str, list[Node]] | None:
        """`head[arg, ...]` in an annotation: the head's text and the argument nodes; None
        for another node."""
        if node.type == "generic_type":
            return self.text(node.named_children[0]), \
                self.named_children(node.named_children[1])
        if node.type == "subscript":
            v = node.child_by_field_name("value")
            return self.text(v) if v is not None else "", \
                node.children_by_field_name("subscript")
        return None

    def library_annotation(self, name: str) -> Type | None:
        """The library object a (dotted) annotation names through the module's imports:
        `Tokenizer` / `tokenizers.Tokenizer`, `Encoding`, `ort.InferenceSession`. The file
        a session or tokenizer is loaded from is not in its annotation: the value bound
        to it tells (`open_resource`, like an `np.ndarray` without a dtype)."""
        for module, attr, t in (("tokenizers", "Tokenizer", open_resource("Tokenizer")),
                                ("tokenizers", "Encoding", OpaqueT("Encoding")),
                                ("onnxruntime", "InferenceSession",
                                 open_resource("InferenceSession")),
                                ("pathlib", "Path", OpaqueT("PosixPath")),
                                ("random", "Random", OpaqueT("Random")),
                                ("string", "Template", OpaqueT("Template")),
                                ("pathlib", "PosixPath", OpaqueT("PosixPath"))):
            if self.names_import(name, module, attr):
                return t
        return None

    def _bad_annotation(self, node: Node, help: str | None = None) -> None:
        self.sink.error("E011", f"type annotation `{self.text(node)}` is not supported",
                        self.span(node),
                        help=help or "annotate with int, float, bool, str, bytes, None, list[T], "
                                     "dict[K, V], set[T], tuple[...], T | None or Any")

    # ---------------------------------------------------------- statements

    def lower_block(self, node: Node | None) -> tuple[ir.Stmt, ...]:
        if node is None:
            return ()
        return tuple(self.lower_block_nodes(self.named_children(node)))

    def lower_block_nodes(self, nodes: list[Node]) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for n in nodes:
            out.extend(self.lower_stmt(n))
        return out

    def lower_stmt(self, node: Node) -> list[ir.Stmt]:
        t = node.type
        handler: Callable[[Node], list[ir.Stmt]] | None = getattr(self, f"stmt_{t}", None)
        if handler is not None:
            outer, self.walrus = self.walrus, []
            stmts = handler(node)
            pending, self.walrus = self.walrus, outer
            if pending:
                head: ir.Expr | None = None
                if len(stmts) == 1:
                    match stmts[0]:
                        case ir.ExprStmt(value=v) | ir.Return(value=v) | ir.Assign(value=v):
                            head = v
                return self._hoisted(pending, head) + stmts
            return stmts
        names = {
            "nonlocal_statement": ("`nonlocal`", ("a nested function may read the enclosing "
                                                  "function's variables; return the new value "
                                                  "and assign it there")),
            "class_definition": ("a class definition inside a function",
                                 "define the class at module level"),
            "function_definition": ("a nested function defined inside a block",
                                    ("define it at the top level of the enclosing function's "
                                     "body, or at module level")),
            "import_statement": ("an import inside a function", "import at module level"),
            "import_from_statement": ("an import inside a function", "import at module level"),
            "decorated_definition": ("a decorated function", None),
            "print_statement": ("`print`", None),
            "exec_statement": ("`exec`", None),
        }
        what, help = names.get(t, (f"`{t.replace('_', ' ')}`", None))
        self.sink.error("E002", f"{what} is not supported", self.span(node), help=help)
        return []

    def stmt_expression_statement(self, node: Node) -> list[ir.Stmt]:
        kids = self.named_children(node)
        if len(kids) != 1:
            return [ir.ExprStmt(self.lower_expr(node), self.span(node))]
        e = kids[0]
        if e.type == "assignment":
            return [self.lower_assignment(e)]
        if e.type == "augmented_assignment":
            left = e.child_by_field_name("left")
            op = e.child_by_field_name("operator")
            right = e.child_by_field_name("right")
            assert left is not None and op is not None and right is not None
            optext = self.text(op)
            if optext not in AUG_OPS:
                self.unsupported(op, f"operator `{optext}`")
                return []
            target = self.lower_target(left)
            return [ir.AugAssign(target, AUG_OPS[optext], self.lower_expr(right), self.span(e))]
        if e.type == "string":
            return []  # a bare string inside a function is a comment
        if e.type == "yield":
            return [self.lower_yield(e, self.span(node))]
        return [_branch_receiver(self.lower_expr(e), self.span(node))]

    def lower_yield(self, node: Node, span: Span) -> ir.Stmt:
        self.yields = True
        kids = self.named_children(node)
        delegate = any(c.type == "from" for c in node.children)
        value = self.lower_expr(kids[0]) if kids else None
        return ir.Yield(value, span, delegate)

    def lower_assignment(self, node: Node) -> ir.Stmt:
        targets: list[ir.Target] = []
        cur = node
        ann: Type | None = None
        while cur.type == "assignment":
            left = cur.child_by_field_name("left")
            assert left is not None
            tnode = self.declared(cur.child_by_field_name("type"))
            if tnode is not None:
                ann = self.lower_annotation(tnode)
            targets.append(self.lower_target(left))
            right = cur.child_by_field_name("right")
            if right is None:
                # `x: int` alone declares without assigning: in a function, the type of
                # the name's later assignments (reading it before one is E021, as CPython's
                # UnboundLocalError)
                if self.bare_decls is not None and ann is not None and \
                        left.type == "identifier" and len(targets) == 1:
                    self.bare_decls[self.text(left)] = ann
                    return ir.Pass(self.span(cur))
                self.unsupported(cur, "a declaration without a value",
                                 help="assign a value: `x: int = 0`")
                return ir.Pass(self.span(cur))
            cur = right
        value = self.lower_expr(cur)
        if ann is None and len(targets) == 1 and isinstance(targets[0], ir.NameTarget) and \
                self.bare_decls:
            ann = self.bare_decls.get(targets[0].id)
        if isinstance(ann, DictT) and not ann.kind:
            ann = self._collections_kind(ann, cur)
        if ann is not None and len(targets) == 1 and isinstance(targets[0], ir.NameTarget):
            targets[0] = ir.NameTarget(targets[0].id, targets[0].span, ann)
        if ann is not None and len(targets) == 1 and isinstance(targets[0], ir.AttrTarget):
            targets[0] = ir.AttrTarget(targets[0].value, targets[0].attr, targets[0].span, ann)
        return ir.Assign(tuple(targets), value, self.span(node))

    def _collections_kind(self, ann: DictT, value: Node) -> DictT:
        """`d: dict[str, int] = defaultdict(int)` (or `Counter()`, `OrderedDict()`): the
        variable holds the subclass, whose missing keys and repr are not a dict's, so it
        takes the subclass's type; a `dict` annotation is what type checkers accept for it."""
        fn = value.child_by_field_name("function") if value.type == "call" else None
        name = self.text(fn) if fn is not None else ""
        for kind in pycollections.KINDS:
            if self.names_import(name, "collections", kind):
                if kind == "Counter" and not isinstance(ann.value, IntT):
                    return ann
                if kind == "defaultdict" and not pycollections.zero_factory(ann.value):
                    return ann
                return DictT(ann.key, ann.value, kind)
        return ann

    def lower_target(self, node: Node) -> ir.Target:
        t = node.type
        sp = self.span(node)
        if t == "identifier":
            return ir.NameTarget(self.text(node), sp)
        if t in ("pattern_list", "tuple_pattern", "tuple", "expression_list", "list_pattern",
                 "list"):
            kids = self.named_children(node)
            stars = [i for i, c in enumerate(kids) if c.type in ("list_splat_pattern",
                                                                  "list_splat")]
            if len(stars) > 1:
                self.unsupported(node, "several starred names in one assignment")
            elts = tuple(self.lower_target(self.named_children(c)[0] if i in stars else c)
                         for i, c in enumerate(kids))
            return ir.TupleTarget(elts, sp, star=stars[0] if len(stars) == 1 else None)
        if t == "parenthesized_expression":
            return self.lower_target(self.named_children(node)[0])
        if t == "subscript":
            value = node.child_by_field_name("value")
            subs = node.children_by_field_name("subscript")
            assert value is not None
            if len(subs) != 1 or subs[0].type == "slice":
                # numpy's `out[i, :n] = row` (infer refuses it for other values)
                items = tuple(self._index_item(s) for s in subs)
                index = items[0] if len(items) == 1 else ir.TupleLit(items, sp)
                return ir.SubscriptTarget(self.lower_expr(value), index, sp)
            return ir.SubscriptTarget(self.lower_expr(value), self._index_item(subs[0]), sp)
        if t == "attribute":
            obj = node.child_by_field_name("object")
            attr = node.child_by_field_name("attribute")
            assert obj is not None and attr is not None
            return ir.AttrTarget(self.lower_expr(obj), self.text(attr), sp)
        if t in ("list_splat_pattern", "list_splat"):
            self.unsupported(node, "starred assignment", help="unpack with indices or slices")
            return ir.NameTarget("_", sp)
        self.unsupported(node, f"assignment to `{self.text(node)}`")
        return ir.NameTarget("_", sp)

    def stmt_return_statement(self, node: Node) -> list[ir.Stmt]:
        kids = self.named_children(node)
        value = self.lower_expr(kids[0]) if kids else None
        return [ir.Return(value, self.span(node))]

    def stmt_pass_statement(self, node: Node) -> list[ir.Stmt]:
        return [ir.Pass(self.span(node))]

    def stmt_break_statement(self, node: Node) -> list[ir.Stmt]:
        return [ir.Break(self.span(node))]

    def stmt_continue_statement(self, node: Node) -> list[ir.Stmt]:
        return [ir.Continue(self.span(node))]

    def stmt_match_statement(self, node: Node) -> list[ir.Stmt]:
        if self.matches is None:
            from pycomp.lower_match import MatchLowering

            self.matches = MatchLowering(self)
        return self.matches.statement(node)

    def stmt_if_statement(self, node: Node) -> list[ir.Stmt]:
        cond = node.child_by_field_name("condition")
        body = node.child_by_field_name("consequence")
        assert cond is not None
        alternatives = node.children_by_field_name("alternative")
        orelse: tuple[ir.Stmt, ...] = ()
        for alt in reversed(alternatives):
            if alt.type == "else_clause":
                orelse = self.lower_block(alt.child_by_field_name("body"))
            else:  # elif_clause
                c = alt.child_by_field_name("condition")
                assert c is not None
                test, before = self._test(c)
                orelse = (*before, ir.If(test,
                                         self.lower_block(alt.child_by_field_name("consequence")),
                                         orelse, self.span(alt)))
        test, before = self._test(cond)
        return [*before, ir.If(test, self.lower_block(body), orelse, self.span(node))]

    def stmt_while_statement(self, node: Node) -> list[ir.Stmt]:
        cond = node.child_by_field_name("condition")
        assert cond is not None
        alt = node.child_by_field_name("alternative")
        orelse = self.lower_block(alt.child_by_field_name("body")) if alt else ()
        test, before = self._test(cond)
        body = self.lower_block(node.child_by_field_name("body"))
        sp = self.span(node)
        if not before:
            return [ir.While(test, body, orelse, sp)]
        # `while (n := f()) > 0:` is `while True:` that assigns, then leaves (running the
        # `else` block first) when the test is false; `continue` re-runs the assignment
        leave = ir.If(ir.UnaryOp("not", test, test.span), (*orelse, ir.Break(sp)), (), sp)
        return [ir.While(ir.Const(True, sp), (*before, leave, *body), (), sp)]

    def _test(self, node: Node) -> tuple[ir.Expr, list[ir.Stmt]]:
        """A condition, and the walrus assignments hoisted before it."""
        outer, self.walrus = self.walrus, []
        test = self.lower_expr(node)
        pending, self.walrus = self.walrus, outer
        return test, self._hoisted(pending, test) if pending else []

    def _hoisted(self, pending: list[tuple[ir.Name, ir.Assign]], head: ir.Expr | None
                 ) -> list[ir.Stmt]:
        """The assignments of `n := e` found on the path CPython evaluates first in `head`
        (`(n := len(xs)) > 10`, `not (m := f(x))`, `(a := g()) and a.ok`), in order; a
        walrus anywhere else (after other operands, in a comprehension, a lambda, an
        augmented assignment) is E002."""
        first = {id(x) for x in _evaluated_first(head)} if head is not None else set()
        out: list[ir.Stmt] = []
        for name, assign in pending:
            if id(name) not in first:
                self.sink.error("E002", "the walrus operator `:=` is compiled only where it "
                                        "is evaluated first in a statement", assign.span,
                                help="assign on the line before: `n = len(xs)` then "
                                     "`if n > 10:`")
                continue
            out.append(assign)
        return out

    def stmt_for_statement(self, node: Node) -> list[ir.Stmt]:
        if node.child(0) is not None and node.child(0).type == "async":  # type: ignore[union-attr]
            self.unsupported(node, "`async for`")
            return []
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        assert left is not None and right is not None
        alt = node.child_by_field_name("alternative")
        orelse = self.lower_block(alt.child_by_field_name("body")) if alt else ()
        target = self.lower_target(left)
        body = self.lower_block(node.child_by_field_name("body"))
        if isinstance(target, ir.TupleTarget) and target.star is not None:
            # `for first, *rest in rows:` unpacks each item as an assignment does
            item = ir.NameTarget(f"__star_item{left.start_byte}", target.span)
            body = (ir.Assign((target,), ir.Name(item.id, target.span), target.span), *body)
            target = item
        return [ir.For(target, self.lower_expr(right), body, orelse, self.span(node))]

    def stmt_raise_statement(self, node: Node) -> list[ir.Stmt]:
        kids = [c for c in self.named_children(node)]
        cause = node.child_by_field_name("cause")
        kids = [k for k in kids if cause is None or k.id != cause.id]
        sp = self.span(node)
        if not kids:
            return [ir.Raise(None, None, sp)]
        e = kids[0]
        if e.type == "identifier":
            return [ir.Raise(generic_deco.class_name(self, self.text(e)), None, sp)]
        if e.type == "call":
            fn = e.child_by_field_name("function")
            args = e.child_by_field_name("arguments")
            assert fn is not None and args is not None
            argv = self.named_children(args)
            if fn.type == "identifier":
                # the message, for a class without fields; infer checks the arguments
                simple = len(argv) == 1 and argv[0].type not in (
                    "keyword_argument", "list_splat", "dictionary_splat")
                msg = self.lower_expr(argv[0]) if simple else None
                return [ir.Raise(generic_deco.class_name(self, self.text(fn)), msg, sp,
                                 self.lower_expr(e))]
        self.sink.error("E060", "only an exception class with its arguments can be raised",
                        self.span(e), help='write `raise ValueError("what went wrong")`')
        return []

    def stmt_try_statement(self, node: Node) -> list[ir.Stmt]:
        body = self.lower_block(node.child_by_field_name("body"))
        handlers: list[ir.Handler] = []
        orelse: tuple[ir.Stmt, ...] = ()
        final: tuple[ir.Stmt, ...] = ()
        for c in self.named_children(node):
            if c.type == "except_clause":
                handlers.append(self.lower_handler(c))
            elif c.type == "except_group_clause":
                self.unsupported(c, "`except*`")
            elif c.type == "else_clause":
                orelse = self.lower_block(c.child_by_field_name("body"))
            elif c.type == "finally_clause":
                blocks = [k for k in self.named_children(c) if k.type == "block"]
                final = self.lower_block(blocks[0] if blocks else None)
        return [ir.Try(body, tuple(handlers), orelse, final, self.span(node))]

    def lower_handler(self, node: Node) -> ir.Handler:
        value = node.child_by_field_name("value")
        block = [k for k in self.named_children(node) if k.type == "block"]
        body = self.lower_block(block[0] if block else None)
        if value is None:
            return ir.Handler((), None, body, self.span(node))
        alias: str | None = None
        if value.type == "as_pattern":
            kids = self.named_children(value)
            cls_node = kids[0]
            alias_node = value.child_by_field_name("alias")
            if alias_node is not None:
                alias = self.text(alias_node).strip()
        else:
            cls_node = value
        if cls_node.type == "tuple" or cls_node.type == "parenthesized_expression":
            names = [self.text(k) for k in self.named_children(cls_node)]
        else:
            names = [self.text(cls_node)]
        if self.instance is not None:
            names = generic_deco.handler_classes(self, names)
        return ir.Handler(tuple(names), alias, body, self.span(node))

    def stmt_with_statement(self, node: Node) -> list[ir.Stmt]:
        """`with` over context managers, the outermost item first. `contextlib.suppress(E1,
        E2)` is `try: body` / `except (E1, E2): pass`, as CPython's suppress behaves; any
        other manager (a file, a lock, an instance of a class with `__enter__`/`__exit__`)
        becomes the calls CPython makes (PEP 343), written with `try`:

            __with_mgr = EXPR
            TARGET = __with_mgr.__enter__()
            __with_raised = False
            try:
                BODY
            except BaseException as __with_exc:
                __with_raised = True
                if not __with_mgr.__exit__(type(__with_exc), __with_exc, None):
                    raise
            finally:
                if not __with_raised:
                    __with_mgr.__exit__(None, None, None)

        `__exit__` gets the exception's class and the exception (their types:
        exit_params); its traceback is None, which it may not read. A class whose
        `__exit__` returns None has `raise` unconditionally in the handler (the code
        after the `with` runs only when the body ends normally). `open(...)` and a
        module's lock ignore the exception: `try: BODY finally: __exit__(None, None,
        None)`."""
        clause = next((k for k in self.named_children(node) if k.type == "with_clause"), None)
        body_node = node.child_by_field_name("body")
        items = self.named_children(clause) if clause is not None else []
        if node.child(0) is not None and node.child(0).type == "async":  # type: ignore[union-attr]
            self.unsupported(node, "`async with`")
            return []
        stmts = list(self.lower_block(body_node))
        sp = self.span(node)
        for item in reversed(items):
            value = item.child_by_field_name("value")
            if value is None:
                self.unsupported(item, "this `with` statement")
                return []
            target_node: Node | None = None
            if value.type == "as_pattern":
                kids = self.named_children(value)
                alias = value.child_by_field_name("alias")
                value = kids[0]
                target_node = self.named_children(alias)[0] if alias is not None and \
                    alias.type == "as_pattern_target" and self.named_children(alias) else alias
            inlined = ctxmanager.inline(self, value, target_node, stmts, item)
            if inlined is not None:
                stmts = inlined
                continue
            suppressed = self._suppressed_classes(value)
            if suppressed is not None:
                if target_node is not None:
                    self.unsupported(item, "`with suppress(...) as name`")
                    return []
                if suppressed:  # `suppress()` suppresses nothing
                    stmts = [ir.Try(tuple(stmts), (ir.Handler(tuple(suppressed), None,
                                                              (ir.Pass(sp),), sp),), (), (), sp)]
                continue
            isp = self.span(item)
            mgr = f"__with_mgr{item.start_byte}"
            raised = f"__with_raised{item.start_byte}"
            exc = f"__with_exc{item.start_byte}"

            enter = ir.Call(ir.Attribute(ir.Name(mgr, isp), "__enter__", isp), (), (), isp)
            head: list[ir.Stmt] = [ir.Assign((ir.NameTarget(mgr, isp),),
                                             self.lower_expr(value), isp)]
            if target_node is not None:
                head.append(ir.Assign((self.lower_target(target_node),), enter, isp))
            else:
                head.append(ir.ExprStmt(enter, isp))
            if self._ignores_exception(value):
                stmts = [*head, ir.Try(tuple(stmts), (), (), (ir.ExprStmt(_exit_call(mgr, isp), isp),),
                                       sp)]
                continue
            head.append(ir.Assign((ir.NameTarget(raised, isp),), ir.Const(False, isp), isp))
            reraise = ir.Raise(None, None, isp)
            on_error = (
                ir.Assign((ir.NameTarget(raised, isp),), ir.Const(True, isp), isp),
                # `__exit__` returns None: the exception goes on whatever it does
                ir.ExprStmt(_exit_call(mgr, isp, exc), isp) if self._never_suppresses(value)
                else ir.If(ir.UnaryOp("not", _exit_call(mgr, isp, exc), isp), (reraise,), (),
                           isp),
                *((reraise,) if self._never_suppresses(value) else ()))
            on_leave = (ir.If(ir.UnaryOp("not", ir.Name(raised, isp), isp),
                              (ir.ExprStmt(_exit_call(mgr, isp), isp),), (), isp),)
            stmts = [*head, ir.Try(tuple(stmts), (ir.Handler(("BaseException",), exc,
                                                             on_error, isp),),
                                   (), on_leave, sp)]
        return stmts

    def _ignores_exception(self, value: Node) -> bool:
        """Whether the context manager `value` makes is `open(...)` (or `path.open(...)`)
        or a module-level lock: its `__exit__` ignores the exception and returns None."""
        if value.type == "identifier":
            return self.text(value) in self.module_locks()
        fn = value.child_by_field_name("function") if value.type == "call" else None
        if fn is not None and fn.type == "attribute" and self.text(fn).endswith(".open"):
            # `path.open(...)`: a text file, unless a class of the module has an `open`
            return all(method != "open" for _, method, _ in self.class_methods())
        return fn is not None and fn.type == "identifier" and self.text(fn) == "open"

    def _never_suppresses(self, value: Node) -> bool:
        """Whether the context manager `value` makes is an instance of a class of the
        module whose `__exit__` is annotated `-> None`. Others may suppress the exception
        (`-> bool`), so the code after the `with` may run after one."""
        if value.type != "call":
            return False
        fn = value.child_by_field_name("function")
        return fn is not None and fn.type == "identifier" and \
            self.text(fn) in self.exit_returning_none()

    def module_locks(self) -> set[str]:
        """The module-level names assigned `threading.Lock()` / `threading.RLock()`."""
        out: set[str] = set()
        for node in self.named_children(self.src.tree.root_node):
            kids = self.named_children(node) if node.type == "expression_statement" else []
            if len(kids) != 1 or kids[0].type != "assignment":
                continue
            left = kids[0].child_by_field_name("left")
            right = kids[0].child_by_field_name("right")
            if left is None or right is None or left.type != "identifier" or \
                    right.type != "call":
                continue
            fn = right.child_by_field_name("function")
            if fn is not None and self.text(fn) in ("threading.Lock", "threading.RLock",
                                                    "Lock", "RLock"):
                out.add(self.text(left))
        return out

    def class_methods(self) -> list[tuple[str, str, Node]]:
        """The methods of the module's classes: (class name, method name, definition)."""
        out: list[tuple[str, str, Node]] = []
        for node in self.named_children(self.src.tree.root_node):
            if node.type == "decorated_definition":
                node = node.child_by_field_name("definition") or node
            if node.type != "class_definition":
                continue
            name = node.child_by_field_name("name")
            body = node.child_by_field_name("body")
            for d in self.named_children(body) if body is not None and name is not None else []:
                d = d.child_by_field_name("definition") or d \
                    if d.type == "decorated_definition" else d
                fname = d.child_by_field_name("name")
                if d.type == "function_definition" and fname is not None and name is not None:
                    out.append((self.text(name), self.text(fname), d))
        return out

    def exit_returning_none(self) -> set[str]:
        """The module's classes whose `__exit__` is annotated `-> None`."""
        out: set[str] = set()
        for cls, method, d in self.class_methods():
            ret = d.child_by_field_name("return_type")
            if method == "__exit__" and ret is not None and self.text(ret) == "None":
                out.add(cls)
        return out

    def names_import(self, name: str, module: str, attr: str) -> bool:
        """Whether the dotted `name` is `module.attr` through the module's imports
        (`from module import attr`, or `import module [as alias]` then `alias.attr`)."""
        if name == attr:
            return any(i.module == module and attr in i.names for i in self.imports)
        return name.endswith("." + attr) and any(
            i.module == module and not i.names and i.alias == name.removesuffix("." + attr)
            for i in self.imports)

    def _suppressed_classes(self, value: Node) -> list[str] | None:
        """The exception classes of `contextlib.suppress(E1, E2)` (also imported by
        name), or None when `value` is another context manager."""
        if value.type != "call":
            return None
        fn = value.child_by_field_name("function")
        args = value.child_by_field_name("arguments")
        name = self.text(fn) if fn is not None else ""
        if not self.names_import(name, "contextlib", "suppress") or args is None:
            return None
        if not all(a.type == "identifier" for a in self.named_children(args)):
            self.unsupported(value, "`suppress` of something else than exception classes")
            return []
        return [self.text(a) for a in self.named_children(args)]

    def stmt_assert_statement(self, node: Node) -> list[ir.Stmt]:
        kids = self.named_children(node)
        msg = self.lower_expr(kids[1]) if len(kids) > 1 else None
        return [ir.Assert(self.lower_expr(kids[0]), msg, self.span(node))]

    def stmt_delete_statement(self, node: Node) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for k in self.named_children(node):
            targets = self.named_children(k) if k.type == "expression_list" else [k]
            for t in targets:
                if t.type == "identifier":
                    # `del x` reads x (NameError when unbound) and ends it; x is never
                    # used again (checked when the function is complete)
                    name = ir.Name(self.text(t), self.span(t))
                    self.name_dels.append(name)
                    out.append(ir.ExprStmt(name, self.span(node)))
                    continue
                if t.type != "subscript":
                    self.unsupported(t, f"`del` of `{self.text(t)}`",
                                     help="delete names and items (`del d[k]`) only")
                    continue
                out.append(ir.Del(self.lower_target(t), self.span(node)))
        return out

    def _check_name_dels(self, body: tuple[ir.Stmt, ...], params: list[ir.Param]) -> None:
        """`del x` is compiled when x is a local of the function, the `del` runs at most
        once (not inside a loop), and x is not mentioned after it: then compiled code
        needs nothing but the read."""
        dels = {id(n): n for n in self.name_dels}
        locals_ = {p.name for p in params}
        mentions: list[tuple[str, Span]] = []
        in_loop: set[int] = set()
        for node in ir.walk(body):
            if isinstance(node, ir.NameTarget):
                locals_.add(node.id)
                mentions.append((node.id, node.span))
            elif isinstance(node, ir.Name):
                if id(node) not in dels:
                    mentions.append((node.id, node.span))
            elif isinstance(node, (ir.For, ir.While)):
                in_loop.update(id(n) for n in ir.walk(node) if id(n) in dels)
        for d in self.name_dels:
            if d.id not in locals_:
                self.sink.error("E002", f"`del {d.id}` of a name this function does not "
                                        "assign is not supported", d.span,
                                help="CPython would make it a local of the function; "
                                     "delete only the function's own variables")
            elif id(d) in in_loop:
                self.sink.error("E002", f"`del {d.id}` inside a loop is not supported",
                                d.span, help="delete it after the loop, or rebind it")
            else:
                later = [sp for n, sp in mentions if n == d.id
                         and (sp.line, sp.col) > (d.span.line, d.span.col)]
                if later:
                    self.sink.error("E002", f"`{d.id}` is used again after `del {d.id}`; "
                                            "that is not supported", later[0],
                                    help=f"use another name after `del {d.id}`")

    # ---------------------------------------------------------- expressions

    def lower_expr(self, node: Node) -> ir.Expr:
        t = node.type
        handler: Callable[[Node], ir.Expr] | None = getattr(self, f"expr_{t}", None)
        if handler is not None:
            return handler(node)
        sp = self.span(node)
        names = {
            "await": "`await`", "yield": "`yield`",
            "list_splat": "`*` unpacking", "dictionary_splat": "`**` unpacking",
            "ellipsis": "`...`", "conditional_expression": "this conditional expression",
        }
        self.sink.error("E002", f"{names.get(t, '`' + t.replace('_', ' ') + '`')} is not supported",
                        sp)
        return ir.Const(None, sp)

    def expr_identifier(self, node: Node) -> ir.Expr:
        if self.generic_decos and (bound := generic_deco.read(self, node)) is not None:
            return bound  # a generic decorator factory's class parameter
        return ir.Name(self.text(node), self.span(node))

    def expr_named_expression(self, node: Node) -> ir.Expr:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        assert name_node is not None and value_node is not None
        up = node.parent
        while up is not None and up.type not in ("interpolation", "parenthesized_expression",
                                                  "block", "module"):
            up = up.parent
        if up is not None and up.type == "interpolation":
            # `{-n if n else x:=6}`: CPython's spec `=6` after an expression
            self.sink.error("E002", "a format spec starting with `=` is compiled only after "
                                    "a plain name", self.span(up),
                            help="name the value first (`v = -n if n else x`, then "
                                 "`f\"{v:=6}\"`); a walrus in a field needs parentheses")
            return self.lower_expr(name_node)
        value = self.lower_expr(value_node)
        name = ir.Name(self.text(name_node), self.span(name_node))
        assign = ir.Assign((ir.NameTarget(name.id, name.span),), value, self.span(node))
        self.walrus.append((name, assign))
        return name

    def expr_integer(self, node: Node) -> ir.Expr:
        text = self.text(node).replace("_", "")
        sp = self.span(node)
        if text[-1:] in "jJ":
            self.unsupported(node, "a complex number")
            return ir.Const(0, sp)
        value = int(text, 0) if not (len(text) > 1 and text[0] == "0" and text[1].isdigit()) \
            else int(text)
        if value > I64_MAX:
            self.sink.error("E002", "integer literal does not fit in 64 bits", sp,
                            help="compiled ints are 64-bit; values beyond raise OverflowError")
        return ir.Const(value, sp)

    def expr_float(self, node: Node) -> ir.Expr:
        text = self.text(node).replace("_", "")
        if text[-1:] in "jJ":
            self.unsupported(node, "a complex number")
            return ir.Const(0.0, self.span(node))
        return ir.Const(float(text), self.span(node))

    def expr_true(self, node: Node) -> ir.Expr:
        return ir.Const(True, self.span(node))

    def expr_false(self, node: Node) -> ir.Expr:
        return ir.Const(False, self.span(node))

    def expr_none(self, node: Node) -> ir.Expr:
        return ir.Const(None, self.span(node))

    def _is_fstring(self, node: Node) -> bool:
        start = node.child(0)
        return start is not None and "f" in self.text(start).lower()

    def _string_value(self, node: Node) -> str:
        """A str literal's value (a docstring, a string annotation)."""
        value = self._literal_value(node)
        if isinstance(value, bytes):
            self.unsupported(node, "a bytes literal here", help="write a str literal")
            return ""
        return value

    def _literal_value(self, node: Node) -> str | bytes:
        text = self.text(node)
        plain = _plain_literal(text)
        if plain is not None:
            return plain
        try:
            value = ast.literal_eval(text)
        except (SyntaxError, ValueError):
            self.sink.error("E001", "invalid string literal", self.span(node))
            return ""
        if isinstance(value, bytes):
            return value
        self.check_surrogates(value, node)
        return str(value)

    def check_surrogates(self, text: str, node: Node) -> None:
        """Rust strings are UTF-8: a lone surrogate (`"\\ud800"`) has no encoding."""
        lone = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
        if lone is not None:
            self.unsupported(node, f"a string holding the lone surrogate `\\u{ord(lone):04x}`",
                             help="compiled strings are UTF-8, which cannot encode U+D800 to "
                                  "U+DFFF alone")

    def expr_string(self, node: Node) -> ir.Expr:
        if self._is_fstring(node):
            return self.lower_fstring(node)
        return ir.Const(self._literal_value(node), self.span(node))

    def expr_concatenated_string(self, node: Node) -> ir.Expr:
        parts = [self.lower_expr(c) for c in self.named_children(node)]
        if parts and all(isinstance(p, ir.Const) and isinstance(p.value, bytes) for p in parts):
            return ir.Const(b"".join(p.value for p in parts  # type: ignore[union-attr, misc]
                                     ), self.span(node))
        if any(isinstance(p, ir.Const) and isinstance(p.value, bytes) for p in parts):
            self.sink.error("E001", "cannot mix bytes and str literals", self.span(node))
            return ir.Const("", self.span(node))
        if all(isinstance(p, ir.Const) for p in parts):
            return ir.Const("".join(str(p.value) for p in parts  # type: ignore[union-attr]
                                    ), self.span(node))
        flat: list[str | ir.FormattedValue] = []
        for p in parts:
            if isinstance(p, ir.FString):
                flat.extend(p.parts)
            elif isinstance(p, ir.Const):
                flat.append(str(p.value))
        return ir.FString(tuple(flat), self.span(node))

    def lower_fstring(self, node: Node) -> ir.Expr:
        start = node.child(0)
        assert start is not None
        raw = "r" in self.text(start).lower()
        quote = self.text(start).lstrip("fFrRbBuU")
        parts: list[str | ir.FormattedValue] = []
        for c in node.children[1:-1]:
            if c.type == "interpolation" and (walrus := fstring_align_spec(c)) is not None:
                # `{x:=+10.2f}`: CPython's field `x` with the spec `=+10.2f`
                name_node = walrus.child_by_field_name("name")
                assert name_node is not None
                body = self.src.text_of(c)[1:-1].split(":", 1)[1]  # an identifier has no `:`
                if "{" in body or "}" in body or "!" in body:
                    self.unsupported(c, "a nested field in a format spec starting with `=`")
                parts.append(ir.FormattedValue(self.lower_expr(name_node), None, body,
                                               self.span(c)))
                continue
            if c.type == "interpolation":
                expr_node = c.child_by_field_name("expression")
                assert expr_node is not None
                conv = c.child_by_field_name("type_conversion")
                spec = c.child_by_field_name("format_specifier")
                spec_text: str | ir.FString | None = None
                if spec is not None:
                    spec_text = self.format_spec(spec)
                conversion = self.text(conv)[1:] if conv is not None else None
                eq = next((k for k in c.children if k.type == "="), None)
                if eq is not None:
                    # `{score=:.3f}`: the text through the `=` as written (with the spaces
                    # after it), then the value,
                    # by `repr` unless a conversion or a spec is given (CPython 3.8+)
                    after = c.children[c.children.index(eq) + 1]  # `!r`, `:spec` or `}`
                    written = self.text(c).encode()[1:after.start_byte - c.start_byte].decode()
                    parts.append(written)
                    if conversion is None and spec is None:
                        conversion = "r"
                parts.append(ir.FormattedValue(
                    self.lower_expr(expr_node), conversion, spec_text, self.span(c)))
            else:
                text = self.text(c)
                if text:
                    # The source between the quotes is a valid plain literal of the same
                    # kind once the `f` is dropped; `{{` and `}}` then stand for braces.
                    if "\\" in text or "\r" in text:
                        try:
                            text = ast.literal_eval(("r" if raw else "") + quote + text + quote)
                        except (SyntaxError, ValueError):
                            self.sink.error("E001", "invalid string literal", self.span(c))
                    text = text.replace("{{", "{").replace("}}", "}")
                    self.check_surrogates(text, c)
                parts.append(text)
        return ir.FString(ir.join_fstring_parts(parts), self.span(node))

    def format_spec(self, spec: Node) -> str | ir.FString:
        """The text after `:` in a replacement field; with nested fields (`{x:>{n}}`) an
        f-string that builds the spec at run time, as CPython does."""
        fields = [k for k in spec.named_children if k.type == "format_expression"]
        if not fields:
            return self.text(spec)[1:]
        parts: list[str | ir.FormattedValue] = []
        pos = spec.start_byte + 1  # after the `:`
        source = self.text(spec).encode()
        base = spec.start_byte
        for f in fields:
            if f.start_byte > pos:
                parts.append(source[pos - base:f.start_byte - base].decode())
            inner = [k for k in f.named_children]
            if len(inner) != 1 or any(k.type in ("type_conversion", "format_specifier")
                                      for k in f.children):
                self.unsupported(f, "a conversion or spec inside a nested format field")
            else:
                parts.append(ir.FormattedValue(self.lower_expr(inner[0]), None, None,
                                               self.span(f)))
            pos = f.end_byte
        if spec.end_byte > pos:
            parts.append(source[pos - base:spec.end_byte - base].decode())
        return ir.FString(tuple(parts), self.span(spec))

    def expr_parenthesized_expression(self, node: Node) -> ir.Expr:
        kids = self.named_children(node)
        return self.lower_expr(kids[0])

    def expr_binary_operator(self, node: Node) -> ir.Expr:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        assert left is not None and right is not None and op is not None
        optext = self.text(op)
        return ir.BinOp(optext, self.lower_expr(left), self.lower_expr(right), self.span(node))

    def expr_unary_operator(self, node: Node) -> ir.Expr:
        op = node.child_by_field_name("operator")
        arg = node.child_by_field_name("argument")
        assert op is not None and arg is not None
        name = {"-": "neg", "+": "pos", "~": "invert"}[self.text(op)]
        if name == "neg" and arg.type == "integer" and \
                int(self.text(arg).replace("_", ""), 0) == I64_MAX + 1:
            return ir.Const(-(I64_MAX + 1), self.span(node))  # the smallest 64-bit int
        inner = self.lower_expr(arg)
        if name == "neg" and isinstance(inner, ir.Const) and isinstance(inner.value, (int, float)) \
                and not isinstance(inner.value, bool):
            return ir.Const(-inner.value, self.span(node))
        return ir.UnaryOp(name, inner, self.span(node))

    def expr_not_operator(self, node: Node) -> ir.Expr:
        arg = node.child_by_field_name("argument")
        assert arg is not None
        return ir.UnaryOp("not", self.lower_expr(arg), self.span(node))

    def expr_boolean_operator(self, node: Node) -> ir.Expr:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        assert left is not None and right is not None and op is not None
        optext = self.text(op)
        lv = self.lower_expr(left)
        rv = self.lower_expr(right)
        values: list[ir.Expr] = []
        for v in (lv, rv):
            if isinstance(v, ir.BoolOp) and v.op == optext and v is lv:
                values.extend(v.values)
            else:
                values.append(v)
        return ir.BoolOp(optext, tuple(values), self.span(node))

    def expr_comparison_operator(self, node: Node) -> ir.Expr:
        operands: list[ir.Expr] = []
        ops: list[str] = []
        for i, c in enumerate(node.children):
            fname = node.field_name_for_child(i)
            if fname == "operators":
                ops.append(" ".join(self.text(c).split()))
            elif c.is_named and not c.is_extra:
                operands.append(self.lower_expr(c))
        return ir.Compare(operands[0], tuple(ops), tuple(operands[1:]), self.span(node))

    def expr_conditional_expression(self, node: Node) -> ir.Expr:
        kids = self.named_children(node)
        if len(kids) != 3:
            self.unsupported(node, "this conditional expression")
            return ir.Const(None, self.span(node))
        body, test, orelse = kids
        return ir.IfExp(self.lower_expr(test), self.lower_expr(body), self.lower_expr(orelse),
                        self.span(node))

    def expr_attribute(self, node: Node) -> ir.Expr:
        obj = node.child_by_field_name("object")
        attr = node.child_by_field_name("attribute")
        assert obj is not None and attr is not None
        if self.instance is not None and \
                (known := generic_deco.dunder(self, obj, self.text(attr))) is not None:
            return known  # `fn.__name__` in a generic decorator's copy
        return ir.Attribute(self.lower_expr(obj), self.text(attr), self.span(node))

    def expr_call(self, node: Node) -> ir.Expr:
        fn = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        assert fn is not None and args_node is not None
        stats = self.cache_call(fn, args_node)
        if stats is not None:
            return stats
        args: list[ir.Expr] = []
        kws: list[ir.Keyword] = []
        if args_node.type == "generator_expression":
            args.append(self.expr_generator_expression(args_node))
        else:
            for a in self.named_children(args_node):
                if a.type == "keyword_argument":
                    name = a.child_by_field_name("name")
                    value = a.child_by_field_name("value")
                    assert name is not None and value is not None
                    kws.append(ir.Keyword(self.text(name), self.lower_expr(value),
                                          self.span(a)))
                elif a.type in ("list_splat", "dictionary_splat") and self.instance is not None \
                        and (passed := generic_deco.forwarded_args(self, a, args)) is not None:
                    args.extend(passed)  # `fn(*args, **kwargs)` in a generic decorator's copy
                elif a.type in ("list_splat", "dictionary_splat"):
                    # `f(..., *xs)` / `f(..., **d)`: a keyword named `*` / `**`; the call's
                    # binding (infer) decides what it may fill
                    star = "*" if a.type == "list_splat" else "**"
                    if any(k.name == star for k in kws) or (
                            star == "*" and a.next_named_sibling is not None
                            and a.next_named_sibling.type not in ("keyword_argument",
                                                                  "dictionary_splat")):
                        self.unsupported(a, f"`{star}` unpacking here",
                                         help="unpack once, after the other positional "
                                              "arguments")
                        continue
                    kws.append(ir.Keyword(star, self.lower_expr(a.named_children[0]),
                                          self.span(a)))
                else:
                    args.append(self.lower_expr(a))
        if fn.type == "identifier" and (td := self.typed_dicts.get(self.text(fn))) is not None:
            return typeddicts.construct(self, td, args, kws, self.span(node))
        typeddicts.check_class_test(self, self.text(fn), args)
        if (kind := self.as_calls.get(self.text(fn))) is not None and len(args) == 1 and \
                not kws:
            # `dataclasses.asdict(obj)`: a dict of the fields, made by the dataclass
            method = "_pc_asdict" if kind == "dict" else "_pc_astuple_deep"
            return ir.Call(ir.Attribute(args[0], method, self.span(fn)), (), (),
                           self.span(node))
        if self.text(fn) in self.replace_names and len(args) == 1 and \
                all(k.name.isidentifier() for k in kws):
            # `dataclasses.replace(obj, f=v)`: the dataclass's method for these keywords
            method = replace_method(tuple(k.name for k in kws))
            return ir.Call(ir.Attribute(args[0], method, self.span(fn)), (), tuple(kws),
                           self.span(node))
        if self.names_import(self.text(fn), "functools", "partial"):
            return self.partial_lambda(node, args, kws)
        return ir.Call(self.lower_expr(fn), tuple(args), tuple(kws), self.span(node))

    def partial_lambda(self, node: Node, args: list[ir.Expr],
                       kws: list[ir.Keyword]) -> ir.Expr:
        """`functools.partial(f, *bound, **named)` as the lambda taking f's other
        parameters without a default: the bound values are constants or variables, read
        when the partial is made (a lambda's early defaults), as partial keeps them; `f`
        a module function or a lambda with plain parameters."""
        span = self.span(node)

        def refuse(why: str, help: str) -> ir.Expr:
            self.unsupported(node, f"`functools.partial` {why}", help=help)
            return ir.Const(None, span)

        if not args or any(not k.name.isidentifier() for k in kws):
            return refuse("without a function, or with `*`/`**` arguments",
                          "write `partial(f, a, k=v)`")
        func, bound = args[0], args[1:]
        early: list[str] = []
        for b in [*bound, *(k.value for k in kws)]:
            match b:
                case ir.Name(id=v):
                    early.append(v)
                case ir.Const() | ir.UnaryOp(operand=ir.Const()):
                    pass
                case _:
                    return refuse("of a value other than a constant or a variable",
                                  "bind the value to a variable first: `n = len(xs)`, "
                                  "then `partial(f, n)`")
        if isinstance(func, ir.Lambda):
            params: list[tuple[str, bool]] = [(p, False) for p in func.params]
        elif isinstance(func, ir.Name) and (found := self.module_function_params(func.id)):
            params = found
        else:
            return refuse("of something else than a module function or a lambda",
                          "wrap the call in a lambda: `lambda x: f(a, x)`")
        names = [p for p, _ in params]
        named = {k.name for k in kws}
        if len(bound) > len(params) or any(n not in names[len(bound):] for n in named):
            return refuse("with more arguments than the function takes, or a keyword it "
                          "does not have", "CPython raises TypeError when it is called")
        rest = names[len(bound):]
        first_named = min((rest.index(n) for n in named), default=len(rest))
        free = [p for p, has_default in params[len(bound):] if not has_default]
        if any(rest.index(p) > first_named for p in free if p not in named):
            return refuse("binding by keyword a parameter before one left free",
                          "the free one would be keyword-only; bind by position or "
                          "write a lambda")
        free = [p for p in free if p not in named]
        if isinstance(func, ir.Lambda):
            given = dict(zip(func.params, bound)) | {k.name: k.value for k in kws}
            body = _substituted(func.body, given)
            early = [*func.early, *early]
        else:
            call_args = (*bound, *(ir.Name(p, span) for p in free))
            body = ir.Call(func, call_args, tuple(kws), span)
        return ir.Lambda(tuple(free), body, span, early=tuple(dict.fromkeys(early)))

    def module_function_params(self, name: str) -> list[tuple[str, bool]] | None:
        """The parameters of the module-level `def name` (name, has a default), or None
        when there is none or it has other than plain parameters."""
        for n in self.named_children(self.src.tree.root_node):
            d = n.child_by_field_name("definition") if n.type == "decorated_definition" \
                else n
            if d is None or d.type != "function_definition" or \
                    self.text(d.child_by_field_name("name")) != name:  # type: ignore[arg-type]
                continue
            out: list[tuple[str, bool]] = []
            params = d.child_by_field_name("parameters")
            for p in self.named_children(params) if params is not None else []:
                if p.type in ("identifier", "typed_parameter") and p.type != "list_splat_pattern":
                    kid = p if p.type == "identifier" else p.named_children[0]
                    if kid.type != "identifier":
                        return None
                    out.append((self.text(kid), False))
                elif p.type in ("default_parameter", "typed_default_parameter"):
                    out.append((self.text(p.child_by_field_name("name")), True))  # type: ignore[arg-type]
                else:
                    return None
            return out
        return None

    def expr_subscript(self, node: Node) -> ir.Expr:
        value = node.child_by_field_name("value")
        subs = node.children_by_field_name("subscript")
        assert value is not None
        v = self.lower_expr(value)
        sp = self.span(node)
        if len(subs) != 1:
            # numpy's multi-dimensional index: x[:, 0, None, ...]
            items = tuple(self._index_item(s) for s in subs)
            return ir.Subscript(v, ir.TupleLit(items, sp), sp)
        s = subs[0]
        if s.type == "slice":
            lo, up, st = self._slice_parts(s)
            return ir.Slice(v, lo, up, st, sp)
        return ir.Subscript(v, self._index_item(s), sp)

    def _slice_parts(self, s: Node) -> tuple[ir.Expr | None, ir.Expr | None, ir.Expr | None]:
        parts: list[ir.Expr | None] = [None, None, None]
        pos = 0
        for c in s.children:
            if c.type == ":":
                pos += 1
            elif c.is_named and not c.is_extra:
                parts[pos] = self.lower_expr(c)
        return parts[0], parts[1], parts[2]

    def _index_item(self, s: Node) -> ir.Expr:
        if s.type == "slice":
            lo, up, st = self._slice_parts(s)
            return ir.SliceItem(lo, up, st, self.span(s))
        if s.type == "ellipsis":
            return ir.EllipsisLit(self.span(s))
        return self.lower_expr(s)

    def expr_list(self, node: Node) -> ir.Expr:
        return self._spliced(node, "list", "+")

    def expr_tuple(self, node: Node) -> ir.Expr:
        return ir.TupleLit(tuple(self._elements(node)), self.span(node))

    def expr_expression_list(self, node: Node) -> ir.Expr:
        return ir.TupleLit(tuple(self._elements(node)), self.span(node))

    def expr_set(self, node: Node) -> ir.Expr:
        return self._spliced(node, "set", "|")

    def _elements(self, node: Node) -> list[ir.Expr]:
        out = []
        for c in self.named_children(node):
            if c.type in ("list_splat", "dictionary_splat"):
                self.unsupported(c, "`*` unpacking in a tuple", help="use `+` or a loop")
                continue
            out.append(self.lower_expr(c))
        return out

    def _spliced(self, node: Node, kind: str, join: str) -> ir.Expr:
        """A list, set or dict display with `*xs` / `**d` items: its runs of plain items
        and its unpacked iterables, left to right, joined by `+` (lists) or `|` (sets,
        dicts) into a new object: `[*a, x]` is `list(a) + [x]`, `{**a, "k": v, **b}` is
        `dict(a) | {"k": v} | b`, evaluated in CPython's order."""
        span = self.span(node)
        pieces: list[ir.Expr] = []
        run_keys: list[ir.Expr] = []
        run: list[ir.Expr] = []
        run_start: Span | None = None
        run_end = span

        def literal(keys: list[ir.Expr], values: list[ir.Expr], at: Span) -> ir.Expr:
            if kind == "dict":
                return ir.DictLit(tuple(keys), tuple(values), at)
            return (ir.ListLit if kind == "list" else ir.SetLit)(tuple(values), at)

        def run_span(start: Span) -> Span:
            return Span(start.file, start.line, start.col, run_end.end_line, run_end.end_col)

        for c in self.named_children(node):
            if c.type in ("list_splat", "dictionary_splat"):
                if run_start is not None:
                    pieces.append(literal(run_keys, run, run_span(run_start)))
                    run_keys, run, run_start = [], [], None
                inner = c.named_children[0] if c.named_children else c
                value = self.lower_expr(inner)
                if not pieces or kind != "dict":
                    # the first piece is copied, so that the result is a new object; a list
                    # or a set takes any iterable, which `+` and `|` do not
                    value = ir.Call(ir.Name(kind, self.span(c)), (value,), (), self.span(c))
                pieces.append(value)
                continue
            if run_start is None:
                run_start = self.span(c)
            run_end = self.span(c)
            if kind == "dict":
                if c.type != "pair":
                    self.unsupported(c, f"`{self.text(c)}` in a dict display")
                    continue
                k = c.child_by_field_name("key")
                v = c.child_by_field_name("value")
                assert k is not None and v is not None
                run_keys.append(self.lower_expr(k))
                run.append(self.lower_expr(v))
            else:
                run.append(self.lower_expr(c))
        if not pieces:
            return literal(run_keys, run, span)  # no unpacking: the display itself
        if run_start is not None:
            pieces.append(literal(run_keys, run, run_span(run_start)))
        out = pieces[0]
        for p in pieces[1:]:
            out = ir.BinOp(join, out, p, span)
        return out

    def expr_dictionary(self, node: Node) -> ir.Expr:
        return self._spliced(node, "dict", "|")

    def _comprehension(self, node: Node, kind: str) -> ir.Expr:
        body = node.child_by_field_name("body")
        assert body is not None
        key: ir.Expr | None = None
        if kind == "dict":
            assert body.type == "pair"
            k = body.child_by_field_name("key")
            v = body.child_by_field_name("value")
            assert k is not None and v is not None
            key = self.lower_expr(k)
            elt = self.lower_expr(v)
        else:
            elt = self.lower_expr(body)
        gens: list[ir.CompFor] = []
        for c in self.named_children(node):
            if c.type == "for_in_clause":
                left = c.child_by_field_name("left")
                right = c.children_by_field_name("right")
                assert left is not None
                gens.append(ir.CompFor(self.lower_target(left), self.lower_expr(right[0]), (),
                                       self.span(c)))
            elif c.type == "if_clause":
                if not gens:
                    continue
                outer, self.walrus = self.walrus, []
                cond = self.lower_expr(self.named_children(c)[0])
                pending, self.walrus = self.walrus, outer
                first = {id(x) for x in _evaluated_first(cond)}
                for name, assign in pending:
                    if id(name) not in first or not self._only_in(node, name.id):
                        self.walrus.append((name, assign))  # E002 from the statement
                        continue
                    # `if (n := e) > 2` where nothing else reads or binds `n`: the
                    # clause `for n in [e]` before the test binds it for each item
                    gens.append(ir.CompFor(ir.NameTarget(name.id, name.span),
                                           ir.ListLit((assign.value,), assign.span), (),
                                           assign.span))
                last = gens[-1]
                gens[-1] = ir.CompFor(last.target, last.iter, last.conds + (cond,), last.span)
        self._check_late_lambdas(elt, key, gens)
        return ir.Comprehension(kind, elt, key, tuple(gens), self.span(node))

    def _only_in(self, node: Node, name: str) -> bool:
        """Whether `name` appears nowhere in the function holding `node` (or in the
        module, outside functions) but inside `node`: a walrus target there is then
        unobservable once the comprehension ends, where CPython leaves it bound."""
        scope = node.parent
        while scope is not None and scope.type not in ("function_definition", "module"):
            scope = scope.parent
        stack = [scope] if scope is not None else []
        while stack:
            n = stack.pop()
            if n.start_byte >= node.start_byte and n.end_byte <= node.end_byte:
                continue
            if n.type == "identifier" and self.text(n) == name:
                return False
            stack.extend(n.children)
        return True

    def _check_late_lambdas(self, elt: ir.Expr, key: ir.Expr | None,
                            gens: list[ir.CompFor]) -> None:
        """A lambda a comprehension makes (its item, or inside a tuple, list, set or dict
        display that is) reading the comprehension's variables: E002. CPython's lambdas
        read the variable when called, after the loop: all of them see its last value."""
        targets = {n.id for g in gens for n in ir.walk(g.target) if isinstance(n, ir.NameTarget)}
        stack: list[ir.Expr | None] = [elt, key]
        while stack:
            e = stack.pop()
            match e:
                case ir.TupleLit(elts=xs) | ir.ListLit(elts=xs) | ir.SetLit(elts=xs):
                    stack.extend(xs)
                case ir.DictLit(keys=ks, values=vs):
                    stack.extend(ks)
                    stack.extend(vs)
                case ir.Lambda(params=ps, body=b, span=sp, early=es):
                    read = sorted({n.id for n in ir.walk(b) if isinstance(n, ir.Name)}
                                  & targets - set(ps) - set(es))
                    if read:
                        x = read[0]
                        self.sink.error(
                            "E002", f"a lambda made in a comprehension reads its variable "
                                    f"`{x}`", sp,
                            help=f"CPython's lambdas read `{x}` when they are called, after "
                                 f"the loop: every one sees its last value; to give each "
                                 f"its own, make it in a helper taking the value: `def "
                                 f"adder({x}: int) -> Callable[[int], int]: return lambda v: "
                                 f"v + {x}`, then `[adder({x}) for {x} in ...]`")

    def expr_list_comprehension(self, node: Node) -> ir.Expr:
        return self._comprehension(node, "list")

    def expr_set_comprehension(self, node: Node) -> ir.Expr:
        return self._comprehension(node, "set")

    def expr_dictionary_comprehension(self, node: Node) -> ir.Expr:
        return self._comprehension(node, "dict")

    def expr_generator_expression(self, node: Node) -> ir.Expr:
        return self._comprehension(node, "gen")

    def expr_lambda(self, node: Node) -> ir.Expr:
        params_node = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        assert body is not None
        params: list[str] = []
        # defaults: a parameter `i=i` reads the enclosing `i` as it is when the lambda is
        # made (`early`); `k=1` and `j=i` are the constant or the name itself
        early: list[str] = []
        given: dict[str, ir.Expr] = {}
        if params_node is not None:
            for p in self.named_children(params_node):
                if p.type == "default_parameter":
                    name = self.text(p.child_by_field_name("name"))  # type: ignore[arg-type]
                    value = self.lower_expr(p.child_by_field_name("value"))  # type: ignore[arg-type]
                    match value:
                        case ir.Name(id=v) if v not in params and v not in given:
                            given[name] = value
                            early.append(v)
                            continue
                        case ir.Const() | ir.UnaryOp(operand=ir.Const()):
                            given[name] = value
                            continue
                if p.type != "identifier" or given:
                    self.unsupported(p, "a lambda parameter with a default or star"
                                     if p.type != "identifier" else
                                     "a lambda parameter after one with a default",
                                     help=None if "default" not in p.type else "a lambda "
                                     "default may be a constant or a variable (`i=i`); "
                                     "otherwise make the function in a helper taking the "
                                     "value: `def adder(i: int) -> Callable[[int], int]: "
                                     "return lambda v: v + i`")
                    continue
                params.append(self.text(p))
        out = self.lower_expr(body)
        if given:
            out = _substituted(out, given)
        return ir.Lambda(tuple(params), out, self.span(node), early=tuple(dict.fromkeys(early)))


def _substituted(e: ir.Expr, given: dict[str, ir.Expr]) -> ir.Expr:
    """A lambda's body `e` with its defaulted parameters (`given`: name -> default) read as
    their defaults; a lambda inside it binding one of the names keeps its own."""
    def node(x: Any) -> Any:
        match x:
            case ir.Name(id=name) if name in given:
                return given[name]
            case ir.Lambda(params=ps) if set(ps) & set(given):
                inner = {k: v for k, v in given.items() if k not in ps}
                return dataclasses.replace(x, body=_substituted(x.body, inner)) \
                    if inner else x
        if isinstance(x, (str, int, float, bool, Span)) or x is None:
            return x
        if isinstance(x, tuple):
            return tuple(node(y) for y in x)
        return ir.map_fields(x, node)
    return node(e)  # type: ignore[no-any-return]


# builtins whose result is the same for a tuple and a list argument
_TUPLE_LIKE_CALLS = {"len", "sum", "min", "max", "sorted", "list", "tuple", "set", "any",
                     "all", "enumerate", "zip", "reversed", "iter", "bool"}


def _decorator_head(lw: Lowerer, d: Node) -> str | None:
    """The module function a decorator names: `@deco` or `@deco(...)` -> `deco`."""
    expr = d.named_children[0] if d.named_children else None
    if expr is not None and expr.type == "call":
        expr = expr.child_by_field_name("function")
    return lw.text(expr) if expr is not None and expr.type == "identifier" else None


def borrowed_function(t: Type | None) -> Type | None:
    """A parameter annotated `Callable[...]` is borrowed for the call (a `CallableT`);
    everywhere else the annotation is a function value (`FuncT`)."""
    if isinstance(t, FuncT):
        return CallableT(t.params, t.ret)
    return t


def _tuple_like_use(parent: object, field: str) -> bool:
    match parent:
        case ir.For() | ir.CompFor():
            return field == "iter"
        case ir.Subscript():
            return field == "value"
        case ir.Call(func=ir.Name(id=f)):
            return field == "args" and f in _TUPLE_LIKE_CALLS
        case ir.Call(func=ir.Attribute(attr="join")):
            return field == "args"
        case ir.Keyword(name=n):
            return n == "*"
        case ir.Compare(ops=ops):
            return field == "comparators" and all(o in ("in", "not in") for o in ops)
        case ir.If() | ir.While() | ir.IfExp() | ir.Assert():
            return field == "test"
        case ir.UnaryOp(op="not"):
            return True
    return False


def lower_module(src: SourceFile, sink: DiagnosticSink, module_name: str) -> ir.Module:
    return Lowerer(src, sink, module_name).lower_module()


def _evaluated_first(e: ir.Expr) -> list[ir.Expr]:
    """The chain of subexpressions CPython starts with when it evaluates `e`: nothing
    with an effect is evaluated before any of them (a callee's name is only looked up)."""
    chain: list[ir.Expr] = []
    cur: ir.Expr | None = e
    while cur is not None:
        chain.append(cur)
        nxt: ir.Expr | None = None
        match cur:
            case ir.BinOp(left=x) | ir.Compare(left=x) | ir.UnaryOp(operand=x) | \
                    ir.Attribute(value=x) | ir.Subscript(value=x) | ir.Slice(value=x) | \
                    ir.IfExp(test=x):
                nxt = x
            case ir.BoolOp(values=vs) | ir.ListLit(elts=vs) | ir.TupleLit(elts=vs) | \
                    ir.SetLit(elts=vs):
                nxt = vs[0] if vs else None
            case ir.Call(func=ir.Name() | ir.Attribute(value=ir.Name()), args=args,
                         keywords=kws):
                nxt = args[0] if args else (kws[0].value if kws else None)
            case ir.Call(func=ir.Attribute(value=receiver)):
                nxt = receiver
        cur = nxt
    return chain


def _plain_literal(text: str) -> str | None:
    """The value of a string literal without prefix, escape or carriage return (most
    of them): the text between its quotes, read without asking CPython's compiler.
    None for any other literal."""
    if "\\" in text or "\r" in text:
        return None
    for quote in ('"""', "'''", '"', "'"):
        if len(text) >= 2 * len(quote) and text.startswith(quote) and text.endswith(quote):
            return text[len(quote):-len(quote)]
    return None


# The generic heads of a type written as a value (`list[float]`, `Optional[str]`)
_TYPE_HEADS = frozenset({
    "list", "dict", "set", "frozenset", "tuple", "type", "List", "Dict", "Set", "FrozenSet",
    "Tuple", "Type", "Optional", "Union", "Sequence", "MutableSequence", "Mapping",
    "MutableMapping", "Iterable", "Iterator", "Generator", "Callable", "Literal", "Deque",
    "DefaultDict", "Counter", "OrderedDict", "deque", "defaultdict", "NDArray", "ndarray"})
_TYPE_NAMES = frozenset({"int", "float", "str", "bool", "bytes", "Any", "object"})


def _type_like(lw: Lowerer, node: Node) -> bool:
    """Whether a module-level value is a type (`list[float]`, `int | None`, `float`,
    `Optional[Span]`), not a value that could be used at run time."""
    if node.type == "subscript":
        head = node.child_by_field_name("value")
        return head is not None and lw.text(head).split(".")[-1] in _TYPE_HEADS
    if node.type == "identifier":
        return lw.text(node) in _TYPE_NAMES
    if node.type == "binary_operator":
        op = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        return op is not None and lw.text(op) == "|" and left is not None and \
            right is not None and (_type_like(lw, left) or _type_like(lw, right)) and all(
                _type_like(lw, x) or x.type in ("identifier", "attribute", "none")
                for x in (left, right))
    return False

