"""alias: refuse in-place changes that Python would share and Rust would not.

In Python two names can refer to one list; in the generated Rust every
variable owns its value. The two agree as long as nobody changes, in place, a
value that another name (or the caller, or a container) also holds. This pass
follows, statement by statement, which names may share their list, dict or
set with something else, and reports E050 (or E051 for parameters) where such
a value is changed in place. Rebinding a name to a fresh value (`xs =
list(xs)`, `row = []`) ends the sharing.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from pycomp import ir
from pycomp.diagnostics import DiagnosticSink, Span
from pycomp.liveness import Liveness
from pycomp.names import cell_variable, is_cell_class, is_global_cell_class
from pycomp.opslib import OpSpec
from pycomp.optemplate import HoleMode
from pycomp.types import (
    DequeT,
    DictT,
    DynT,
    ListT,
    NdArrayT,
    OptionalT,
    PVar,
    SetT,
    Type,
    is_mutable_container,
)


@dataclass
class State:
    # name -> why it may share its value with something else
    shared: dict[str, str] = field(default_factory=dict)
    # container name -> names that may hold one of its items
    items_of: dict[str, set[str]] = field(default_factory=dict)

    def copy(self) -> State:
        return State(dict(self.shared), {k: set(v) for k, v in self.items_of.items()})

    def join(self, other: State) -> State:
        out = self.copy()
        for k, v in other.shared.items():
            out.shared.setdefault(k, v)
        for k, vs in other.items_of.items():
            out.items_of.setdefault(k, set()).update(vs)
        return out

    def same(self, other: State) -> bool:
        return set(self.shared) == set(other.shared) and self.items_of == other.items_of

    def rebind(self, name: str) -> None:
        self.shared.pop(name, None)
        self.items_of.pop(name, None)
        for vs in self.items_of.values():
            vs.discard(name)


def _mutable(t: Type | None) -> bool:
    return t is not None and is_mutable_container(t)


def _may_share(t: Type | None) -> bool:
    """A mutable container, or a dynamic value that may hold one (a list in an `Any`)."""
    return _mutable(t) or isinstance(t, DynT)


def _converted(e: ir.Expr) -> ir.Expr:
    """The value an implicit conversion between container types converts (`d` of
    `dict[str, str]` where a `dict[str, Any]` or a TypedDict is declared, a dynamic
    value bound to `t: list[str]`): a new Rust value holding copies, but CPython's same
    object, so it shares as `d` itself."""
    while isinstance(e, ir.Coerce) and _may_share(e.ty) and _may_share(e.value.ty):
        e = e.value
    return e


def _root(e: ir.Expr) -> str | None:
    """The variable an item expression (`a[i][j]`, `d.setdefault(k, [])`) lives in."""
    match e:
        case ir.Name(id=name):
            return name
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault", "dict.get"):
            return _root(args[0][1])
        case ir.Subscript(value=v):
            return _root(v)
    return None


def mut_root(e: ir.Expr) -> str | None:
    """The variable an argument passed by `&mut` lives in, when compiled code can lend
    that place: the variable itself (`out`) or an item of it (`rows[i]`,
    `d.setdefault(k, [])`, a tuple's item); None for another value (`d.get(k)`, a call,
    a new list)."""
    match e:
        case ir.Name(id=name):
            return name
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault"):
            return mut_root(args[0][1])
        case ir.Subscript(value=v, index=ir.Const()):
            return mut_root(v)
    return None


def _made_value(e: ir.Expr) -> bool:
    """Whether an item expression's innermost container is a value an expression makes
    (an op's or function's result, a conditional pick), not a variable or a field."""
    match e:
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault", "dict.get"):
            return _made_value(args[0][1])
        case ir.Subscript(value=v):
            return _made_value(v)
        case ir.OpCall() | ir.UserCall() | ir.IfExp():
            return True
    return False


def _items_copied(mode: HoleMode | None, t: Type | None) -> bool:
    """Whether an argument an op iterates (`xs.extend(ys)`) leaves nothing shared: its
    items are copied, and items that are not mutable containers share nothing."""
    if mode not in (HoleMode.ITER, HoleMode.ITER_REF):
        return False
    match t:
        case ListT(x) | DequeT(x) | SetT(x):
            return not _mutable(x)
        case DictT():
            return True  # its keys are hashable, never mutable containers
    return False


# numpy functions whose result is (or may be) a view of their first argument: changing
# it in place changes that argument in CPython
NUMPY_VIEWS = frozenset({
    "ndarray.reshape", "numpy.reshape", "ndarray.T", "ndarray.transpose", "numpy.transpose",
    "ndarray.ravel", "numpy.ravel", "ndarray.squeeze", "numpy.squeeze", "numpy.expand_dims",
})


# ops returning a type variable whose result is a new value, never an argument or its item
COPYING_OPS = frozenset({"copy.copy", "copy.deepcopy"})


def _aliasing_op(op: OpSpec) -> bool:
    """An op whose result may be an item of an argument (its return type is a type variable)."""
    if op.name in COPYING_OPS:
        return False
    op_ret = op.ret
    if isinstance(op_ret, OptionalT):
        op_ret = op_ret.item
    return isinstance(op_ret, PVar)


def _field_root(e: ir.Expr) -> ir.FieldGet | None:
    """The object field an item expression (`self.items`, `self.grid[i]`) lives in."""
    match e:
        case ir.FieldGet():
            return e
        case ir.OpCall(op=op, args=args) if op.name in ("getitem", "dict.setdefault", "dict.get"):
            return _field_root(args[0][1])
        case ir.Subscript(value=v):
            return _field_root(v)
    return None


# While `check_aliasing` runs on this thread, `_memo.stmts`: statement id -> (the
# statement, its `_stmt_nodes`). The checks ask again for the same statements (a loop's
# body up to three times).
_memo = threading.local()


def _stmt_nodes(s: ir.Stmt) -> list[ir.Expr]:
    """Every expression `_walk` finds in the statement `s` (not in the statements nested
    in it). The list may be shared: not to be changed."""
    memo: dict[int, tuple[ir.Stmt, list[ir.Expr]]] | None = getattr(_memo, "stmts", None)
    if memo is None:
        return [n for e in _stmt_exprs(s) for n in _walk(e)]
    hit = memo.get(id(s))
    if hit is not None and hit[0] is s:
        return hit[1]
    nodes = [n for e in _stmt_exprs(s) for n in _walk(e)]
    memo[id(s)] = (s, nodes)  # `s` kept alive: its id is not reused meanwhile
    return nodes


def _changed_places(s: ir.Stmt, nodes: list[ir.Expr] | None = None) -> Iterator[ir.Expr]:
    """The containers the statement `s` (not the statements nested in it) changes in
    place: `xs` of `xs.append(1)`, `xs[i] = v`, `del xs[i]`, `xs += ys`. `nodes`: the
    statement's `_stmt_nodes`, when the caller has them."""
    for node in _stmt_nodes(s) if nodes is None else nodes:
        if isinstance(node, ir.OpCall) and node.op.mutated:
            args = dict(node.args)
            # `xs.append(1)`, and an argument shuffled in place (`rng.shuffle(xs)`)
            yield from (args[name] for name in sorted(node.op.mutated) if name in args)
    targets = s.targets if isinstance(s, ir.Assign) else (
        (s.target,) if isinstance(s, (ir.AugAssign, ir.Del)) else ())
    for t in targets:
        if isinstance(t, ir.SubscriptTarget):
            yield t.value
        elif isinstance(s, ir.AugAssign) and isinstance(t, ir.NameTarget) and _mutable(t.ty):
            yield ir.Name(t.id, t.span, t.ty)  # `xs += ys` extends in place


def _changed_fields(s: ir.Stmt, nodes: list[ir.Expr] | None = None
                    ) -> Iterator[tuple[str, str]]:
    """The (class, field) pairs whose list, dict or set the statement `s` (not the
    statements nested in it) changes in place."""
    for e in _changed_places(s, nodes):
        f = _field_root(e)
        if f is not None and _mutable(f.ty):
            yield f.cls, f.attr
    if isinstance(s, ir.AugAssign) and isinstance(s.target, ir.AttrTarget) and \
            _mutable(s.target.ty) and s.target.cls is not None:
        yield s.target.cls, s.target.attr  # `self.items += [x]` extends in place


def field_changers(mod: ir.Module) -> dict[str, set[tuple[str, str]]]:
    """Each function: the (class, field) pairs whose list, dict or set it changes in
    place, itself or through the functions it calls."""
    from pycomp.infer import _walk_stmts

    changes: dict[str, set[tuple[str, str]]] = {}
    calls: dict[str, set[str]] = {}
    for fn in mod.functions:
        changed: set[tuple[str, str]] = set()
        called: set[str] = set()
        changes[fn.name], calls[fn.name] = changed, called
        for s in _walk_stmts(fn.body):
            nodes = _stmt_nodes(s)
            changed.update(_changed_fields(s, nodes))
            called.update(n.func for n in nodes if isinstance(n, ir.UserCall))
    grew = True
    while grew:
        grew = False
        for name, callees in calls.items():
            more = set().union(*(changes.get(c, set()) for c in callees)) - changes[name]
            if more:
                changes[name] |= more
                grew = True
    return changes


def _param_of(v: ir.Expr, params: set[str]) -> str | None:
    """The parameter a stored value is (`items`, `list() if items is None else items`)."""
    match v:
        case ir.Name(id=n) if n in params:
            return n
        case ir.Coerce(value=x):
            return _param_of(x, params)
        case ir.IfExp(body=b, orelse=o):
            return _param_of(b, params) or _param_of(o, params)
    return None


def retained_params(mod: ir.Module, mutated: set[tuple[str, str]]) -> set[tuple[str, int]]:
    """(function, parameter index) pairs whose argument a method stores into a field that
    is changed in place: the caller's value and the field are one object in Python."""
    from pycomp.infer import _walk_stmts

    out = set()
    for fn in mod.functions:
        names = [p.name for p in fn.params]
        for s in _walk_stmts(fn.body):
            if not isinstance(s, ir.Assign):
                continue
            for t in s.targets:
                if isinstance(t, ir.AttrTarget) and (t.cls, t.attr) in mutated:
                    p = _param_of(s.value, set(names))
                    if p is not None:
                        out.add((fn.name, names.index(p)))
    return out


def _stmt_exprs(s: ir.Stmt) -> list[ir.Expr]:
    match s:
        case ir.Assign(value=v) | ir.AugAssign(value=v) | ir.ExprStmt(value=v):
            return [v]
        case ir.Return(value=v) if v is not None:
            return [v]
        case ir.If(test=t) | ir.While(test=t):
            return [t]
        case ir.For(iter=it):
            return [it]
    return []


class AliasChecker:
    def __init__(self, sink: DiagnosticSink, fn: ir.Function, returns_param: set[str],
                 mutated: set[tuple[str, str]] | None = None,
                 cached: frozenset[str] | set[str] = frozenset()):
        self.sink = sink
        self.fn = fn
        self.returns_param = returns_param
        self.cached = cached  # functions whose results their cache shares with callers
        self.params = {p.name for p in fn.params}
        self._liveness: Liveness | None = None  # analysed when first asked
        # the containers `for` loops are walking (innermost last), each with the loop
        # variable naming its current position (`i` of `enumerate`, a dict's key), if any,
        # and whether the loop walks a list live (`live_list_walked`)
        self.walking: list[tuple[str, str | None, bool]] = []
        self.reported: set[Span] = set()
        # object fields changed in place somewhere: a second reference to one of them
        # would see the change in Python, not in the compiled code
        self.mutated = mutated or set()
        # methods returning such a field: their result is the field itself in Python
        self.field_methods: set[str] = set()
        # the classes of the cells of variables nested functions change (pycomp.cells)
        self.cells: set[str] = set()
        # each function: the fields it may change in place (`field_changers`)
        self.changers: dict[str, set[tuple[str, str]]] = {}
        self.retained: set[tuple[str, int]] = set()
        # each function: the parameters it takes by `&mut` (rust.ownership.mut_params),
        # and the names of its parameters
        self.mut: dict[str, frozenset[str]] = {}
        self.param_names: dict[str, list[str]] = {}
        # each function: the parameters some call gives a value other than None
        # (`optional_args_given`)
        self.given: dict[str, set[str]] = {}

    @property
    def liveness(self) -> Liveness:
        if self._liveness is None:
            self._liveness = Liveness(self.fn)
        return self._liveness

    @property
    def own_mut(self) -> frozenset[str]:
        """This function's parameters taken by `&mut`: changing them changes the caller's
        object, as in CPython."""
        return self.mut.get(self.fn.name, frozenset())

    def run(self) -> None:
        from pycomp.infer import _written_names

        st = State()
        written: set[str] | None = None
        for p in self.fn.params:
            if _mutable(p.annotation):
                st.shared[p.name] = "mutparam" if p.name in self.own_mut else "param"
            elif isinstance(p.annotation, DynT):
                # a dynamic value may be the caller's list or dict: bound to `t: list[str]`
                # it is converted (a copy), which CPython's same object is not
                st.shared[p.name] = "param"
            elif isinstance(p.annotation, OptionalT) and _mutable(p.annotation.item):
                # `acc: list[int] | None`: the caller's object when it is not None. A
                # parameter rebound first (`if acc is None: acc = []`) is the caller's
                # object too on the other path, unless no caller ever gives one
                written = _written_names(self.fn.body) if written is None else written
                if p.name not in written or self.fn.is_entry or \
                        p.name in self.given.get(self.fn.name, ()):
                    st.shared[p.name] = "param"
        self.block(self.fn.body, st)

    def param_type(self, name: str) -> Type | None:
        """The annotation of parameter `name`, without `| None`."""
        for p in self.fn.params:
            if p.name == name:
                return p.annotation.item if isinstance(p.annotation, OptionalT) else \
                    p.annotation
        return None

    def mut_escapes(self, v: ir.Expr, what: str) -> None:
        """E051 for a parameter taken by `&mut` that another holder also takes: CPython's
        holder and the caller's object would be one, compiled code's two."""
        if isinstance(v, ir.Name) and v.id in self.own_mut and v.span not in self.reported:
            self.reported.add(v.span)
            self.sink.error("E051", f"`{v.id}` is a parameter this function changes in place "
                                    f"(the caller's object), and {what}", v.span,
                            help="CPython would share the caller's object with it; keep the "
                                 f"changes in `{v.id}` alone (the caller already sees them), "
                                 "or store a copy (`list(...)`, `dict(...)`, `.copy()`)")

    def passed_mut(self, call: ir.UserCall, st: State,
                   lambda_params: tuple[str, ...] | None = None) -> None:
        """A call passing arguments to parameters its callee changes in place (by `&mut`):
        each is a change of the caller's value here. Refused: the same object passed twice
        (one object in CPython, a `&mut` and another value in Rust), an item whose
        container another argument reads, an object's field, a variable a lambda (whose
        `lambda_params` these are, for a call inside one) captures."""
        mut = self.mut.get(call.func)
        if not mut or call.callee is not None:
            return
        names = self.param_names.get(call.func, [])
        shown = call.func.rsplit(".", 1)[-1]
        twice: set[str] = set()  # reported once per call
        for i, a in enumerate(call.args):
            if i >= len(names) or names[i] not in mut:
                continue
            if _converted(a) is not a and (held := _root(_converted(a))) is not None:
                self.sink.error("E051", f"`{held}` is converted to `{a.ty}` to be passed to "
                                        f"`{shown}()`, which changes its parameter "
                                        f"`{names[i]}` in place", a.span,
                                help="CPython changes the caller's object, compiled code "
                                     "would change a converted copy; annotate the variable "
                                     f"as the parameter is (a `{a.ty}`)")
                continue
            root = _root(a)
            f = _field_root(a)
            if f is not None and is_cell_class(f.cls):
                held = f"`{cell_variable(f.value.id)}`" if isinstance(f.value, ir.Name) \
                    else "a variable"
                where = "the module's" if is_global_cell_class(f.cls) else \
                    "a nested function's"
                self.sink.error("E051", f"{held} is changed by {where} code as "
                                        f"well (a shared cell) and is passed to `{shown}()`, "
                                        f"which changes its parameter `{names[i]}` in place",
                                a.span,
                                help="a `&mut` to a shared cell could meet another use of it "
                                     "during the call; change it in one place (call the "
                                     "function from the nested function, or have that "
                                     "function return what it builds)")
                continue
            if root is not None and any(isinstance(n, ir.Name) and n.id == root and
                                        n.kind == "const" for n in _walk(a)):
                self.sink.error("E050", f"`{root}` is a module-level value and cannot be "
                                        f"changed inside a function (`{shown}()` changes it)",
                                a.span, help="pass a copy (`list(...)`, `.copy()`), or build "
                                             "the value at module level")
                continue
            if f is not None:
                self.sink.error("E051", f"an object's field is passed to `{shown}()`, which "
                                        f"changes its parameter `{names[i]}` in place", a.span,
                                help="change the field through a method of its object, or "
                                     "fill a local list and assign it to the field after")
                continue
            if root is not None and mut_root(a) is None:
                self.sink.error("E051", f"`{shown}()` changes this item of `{root}` in place, "
                                        "and compiled code cannot lend it from here", a.span,
                                help="pass it by subscript (`d[k]`, `d.setdefault(k, [])`): "
                                     "that lends the item itself")
                continue
            if root is None:
                why, _ = self.value_sharing(a)
                if why is not None:
                    self.sink.error("E050", f"`{shown}()` changes this value in place while "
                                            f"{why}", a.span,
                                    help="pass a variable holding a copy (`.copy()`, "
                                         "`list(...)`) or a new value")
                continue
            if lambda_params is not None and root not in lambda_params:
                if a.span in self.reported:
                    continue
                self.reported.add(a.span)
                if "/" in call.func:  # a nested function used as a value: a lambda calls it
                    nested = call.func.rsplit("/", 1)[-1]
                    self.sink.error("E051", f"the nested function `{nested}` changes `{root}` "
                                            "in place and is used as a value here", a.span,
                                    help="a function value may be called later, or many "
                                         "times at once; call it directly (from a `for` "
                                         "loop), or have it return what it builds")
                    continue
                self.sink.error("E051", f"a lambda or generator expression passes `{root}` to "
                                        f"`{shown}()`, which changes its parameter "
                                        f"`{names[i]}` in place", a.span,
                                help="its code may run later, holding its own copy; call the "
                                     "function from a `for` loop, a list comprehension or a "
                                     "nested `def`")
                continue
            if (call.order or call.spread is not None) and not isinstance(a, ir.Name):
                self.sink.error("E051", f"an item of `{root}` is passed by keyword to "
                                        f"`{shown}()`, which changes it in place, with the "
                                        "arguments in another order than the parameters",
                                a.span, help="take the arguments in the parameters' order, or "
                                             "pass them by position")
                continue
            others = [b for j, b in enumerate(call.args) if j != i]
            if any(_mutable(b.ty) and _root(b) == root for b in others):
                if root in twice:
                    continue
                twice.add(root)
                self.sink.error("E051", f"`{root}` is passed twice to `{shown}()` (itself or "
                                        f"an item of it), which changes its parameter "
                                        f"`{names[i]}` in place", a.span,
                                help="CPython's two parameters would be one object, compiled "
                                     "code's two values; pass a copy as the other argument "
                                     f"(`list({root})`, `.copy()`)")
                continue
            if not isinstance(a, ir.Name) and any(
                    isinstance(n, ir.Name) and n.id == root for b in others for n in _walk(b)):
                self.sink.error("E051", f"an item of `{root}` is passed to `{shown}()`, which "
                                        "changes it in place, and another argument reads "
                                        f"`{root}`", a.span,
                                help="compute that argument into a variable before the call")
                continue
            self.mutation(a, st, a.span, by=shown)

    # ------------------------------------------------------------ reports

    def mutation(self, target: ir.Expr, st: State, span: Span,
                 index: ir.Expr | None = None, by: str | None = None) -> None:
        """E050/E051 for a change in place of `target` another holder may see; `by`: the
        function changing it (an argument it takes by `&mut`)."""
        if self.walked_changed(target, span, index):
            return
        here = f"here (`{by}()` changes it)" if by else "here"
        if isinstance(target, ir.Name):
            why = st.shared.get(target.id)
            if why is None or why == "mutparam":
                return
            if why == "param" and self.fn.is_entry and target.id not in self.fn.captured:
                self.sink.error("E051", f"`{target.id}` is a parameter of the entry function "
                                        f"`{self.fn.name}` and is changed in place {here}",
                                span,
                                help="an entry cannot change the host's object across the "
                                     f"ABI; work on a copy (`{target.id} = "
                                     f"{target.id}.copy()`) and return what you build, or let "
                                     "a private helper (a `_name` function) change a value "
                                     "the entry made")
            elif why == "param" and target.id in self.fn.captured:
                self.sink.error("E051", f"`{target.id}` belongs to the enclosing function and is "
                                        "changed in place by a nested function", span,
                                help="a nested function may read the enclosing function's "
                                     "variables; return what it builds instead (changing them "
                                     "from inside is not compiled yet)")
            elif why == "param" and isinstance(self.param_type(target.id), DynT):
                self.sink.error("E051", f"`{target.id}` is a dynamic parameter (`Any`) and is "
                                        f"changed in place {here}", span,
                                help="a dynamic value is a copy of the caller's list or dict "
                                     "in compiled code; annotate the parameter with its type "
                                     f"(`{target.id}: list[int]`) to change the caller's "
                                     "object, or return what you build")
            elif why == "param" and any(p.name == target.id and isinstance(
                    p.annotation, OptionalT) for p in self.fn.params):
                self.sink.error("E051", f"`{target.id}` is a parameter that may be None and "
                                        f"is changed in place {here}", span,
                                help=f"compiled code changes a caller's object only through a "
                                     f"parameter that is never None: annotate it "
                                     f"`{target.id}: {self.param_type(target.id)}` and have "
                                     f"callers pass an empty one, or work on a copy")
            elif why == "param":
                self.sink.error("E051", f"`{target.id}` is a parameter and is changed in place "
                                        f"{here}", span,
                                help=f"a private function changes its caller's object only "
                                     f"when it never rebinds the parameter, is only called "
                                     f"(not used as a value) and is not a generator, cached, a "
                                     f"dunder or a method of a class with subclasses; "
                                     f"otherwise work on a copy: `{target.id} = "
                                     f"list({target.id})` (or `.copy()`) before changing it")
            else:
                through = f" by `{by}()`" if by else ""
                self.sink.error("E050", f"`{target.id}` is changed in place{through} while "
                                        f"{why}", span,
                                help="compiled code gives every name its own value; copy it "
                                     "(`.copy()`, `list(...)`) before changing it, or build a "
                                     "new value")
            return
        root = _root(target)
        if root is None:
            if not _made_value(target):
                return  # a field's value (`self.rows[i].append(x)`): checked by field
            # a value no name holds, changed and dropped (`line.split(",").pop()`), unless
            # another holder has it (`max(rows, key=len).pop()`: an item of `rows`)
            why, _ = self.value_sharing(target)
            if why is not None:
                help = ("pick the object with an `if` statement, each branch changing it "
                        "through its name (`if c: a.pop()` / `else: b.pop()`)"
                        if isinstance(target, ir.IfExp) else
                        "CPython changes that object itself, which compiled code cannot "
                        "share: change it through its container (`rows[i].pop()`), or copy it "
                        "(`list(...)`) when the change must not reach it")
                self.sink.error("E050", f"a value is changed in place here while {why}", span,
                                help=help)
            return
        if root in st.shared and st.shared[root] == "param":
            self.sink.error("E051", f"an item of the parameter `{root}` is changed in place here",
                            span, help=f"copy it first: `{root} = [list(x) for x in {root}]`")
            return
        holders = sorted(st.items_of.get(root, ()))
        if holders:
            self.sink.error("E050", f"an item of `{root}` is changed in place while "
                                    f"`{holders[0]}` may refer to it", span,
                            help="copy the item when you take it out (`.copy()`), or change it "
                                 "only through one name")

    def walked_changed(self, target: ir.Expr, span: Span, index: ir.Expr | None) -> bool:
        """E050 for a change to a container a `for` loop is walking: CPython's loop sees
        it (or raises RuntimeError for a dict or set that changes size), compiled code
        walks a snapshot. Assigning the current item (`d[k] = ...` under `for k in d`)
        is the same in both."""
        root = _root(target)
        for walked, position, live in self.walking:
            if root != walked:
                continue
            if isinstance(target, ir.Name) and (live or isinstance(index, ir.Name) and
                                                index.id == position):
                return False
            if span not in self.reported:
                self.reported.add(span)
                self.sink.error("E050", f"`{walked}` is changed while a `for` loop walks it",
                                span,
                                help=f"CPython's loop sees the change (a dict or set raises "
                                     f"RuntimeError); walk a copy, `for ... in "
                                     f"list({walked})`, or loop over indices: `for i in "
                                     f"range(len({walked}))`")
            return True
        return False

    def field_walk_changed(self, it: ir.Expr, body: tuple[ir.Stmt, ...]) -> None:
        """E050 for `for x in obj.items` whose body may change that field: CPython's loop
        sees the change, compiled code walks a copy of the field. The body changes it
        directly, or calls a function or method that may."""
        from pycomp.infer import _walk_stmts

        if not (isinstance(it, ir.FieldGet) and (it.cls, it.attr) in self.mutated):
            return
        field = (it.cls, it.attr)
        for s in _walk_stmts(body):
            calls = [n for n in _stmt_nodes(s) if isinstance(n, ir.UserCall)
                     and field in self.changers.get(n.func, ())]
            if (it.cls, it.attr) in set(_changed_fields(s)) or calls:
                where = f"`{calls[0].func}()` may change it" if calls else "it is changed here"
                walked = f"{it.value.id}.{it.attr}" if isinstance(it.value, ir.Name) else "..."
                self.sink.error("E050", f"`{it.cls}.{it.attr}` is walked by a `for` loop and "
                                        f"{where}", s.span,
                                help=f"CPython's loop sees the change; walk a copy (`for ... "
                                     f"in list({walked})`), or loop over indices: `for i in "
                                     f"range(len({walked}))`")
                return

    # -------------------------------------------------------- expressions

    def field_escapes(self, e: ir.Expr | None, span: Span) -> None:
        """A field that is changed in place, taken as a value another holder keeps."""
        if e is None:
            return
        if isinstance(e, ir.UserCall) and e.func in self.field_methods:
            self.sink.error("E050", f"`{e.func}()` returns a field its object changes in "
                                    "place, and here another holder takes it", span,
                            help="Python would share the value between them; take a copy "
                                 "(`list(...)`, `dict(...)`, `.copy()`)")
            return
        f = e if isinstance(e, ir.FieldGet) else None
        if f is None or (f.cls, f.attr) not in self.mutated:
            return
        self.sink.error("E050", f"the field `{f.cls}.{f.attr}` is changed in place, and here "
                                "another holder takes it", span,
                        help=f"Python would share one {f.ty} between them; take a copy "
                             f"(`list(...)`, `dict(...)`, `.copy()`) or use the field through "
                             "the object")

    def expr(self, e: ir.Expr | None, st: State) -> None:
        if e is None:
            return
        # calls inside a lambda or a generator expression (run later, in a closure): its
        # own variables
        later: dict[int, tuple[str, ...]] = {}
        for node in _walk(e):
            if isinstance(node, ir.Lambda):
                for n in _walk(node.body):
                    later.setdefault(id(n), node.params)
            elif isinstance(node, ir.Comprehension) and node.kind == "gen":
                own = tuple(t.id for g in node.generators for t in ir.walk(g.target)
                            if isinstance(t, ir.NameTarget))
                for n in _walk(node):
                    if n is not node.generators[0].iter:
                        later.setdefault(id(n), own)
            if isinstance(node, ir.UserCall):
                self.passed_mut(node, st, later.get(id(node)))
                if isinstance(node.callee, ir.Lambda):  # a lambda variable, called
                    for n in _walk(node.callee.body):
                        if isinstance(n, ir.UserCall):
                            self.passed_mut(n, st, node.callee.params)
            if isinstance(node, (ir.UserCall, ir.New)):
                func = node.func if isinstance(node, ir.UserCall) else node.init
                shift = 1 if isinstance(node, ir.New) else 0
                mut = self.mut.get(func or "", frozenset())
                names = self.param_names.get(func or "", [])
                for i, a in enumerate(node.args):
                    if i + shift < len(names) and names[i + shift] in mut:
                        continue  # passed by `&mut` (`passed_mut`)
                    self.field_escapes(a, a.span)
                    if (func, i + shift) in self.retained and (
                            (isinstance(a, ir.Name) and _mutable(a.ty))
                            or self.value_sharing(a)[0] is not None):
                        self.sink.error("E050", "this value is stored into an object's field "
                                                "that is changed in place", a.span,
                                        help="Python would share it between the caller and "
                                             "the object; pass a copy (`list(...)`, "
                                             "`dict(...)`, `.copy()`)")
            elif isinstance(node, (ir.ListLit, ir.TupleLit, ir.SetLit)):
                for x in node.elts:
                    self.field_escapes(x, x.span)
            elif isinstance(node, ir.OpCall) and "self" in node.op.mutated:
                for name, a in node.args:
                    # `out.extend(obj.items)` keeps copies of the items only
                    if name != "self" and not _items_copied(node.op.template.mode(name),
                                                            a.ty):
                        self.field_escapes(a, a.span)
            if isinstance(node, ir.OpCall):
                self.changed_by_key(node)
                args = dict(node.args)
                for name in sorted(node.op.mutated - {"self"}):
                    if name in args:  # `rng.shuffle(xs)` changes `xs`, not the generator
                        self.mutation(args[name], st, node.span)
                if "self" in node.op.mutated and "self" in args:
                    self.mutation(args["self"], st, node.span)
                    root = _root(args["self"])
                    if root is not None:
                        for name, a in node.args:
                            if name != "self" and not _items_copied(node.op.template.mode(name),
                                                                    a.ty):
                                self.stored(a, root, st)
            else:
                for x in _literal_items(node):
                    self.stored(x, None, st)

    def changed_by_key(self, call: ir.OpCall) -> None:
        """E050 for a function argument that changes in place a container another argument
        of the same call walks: `max(d, key=lambda k: len(d[k]))` over a defaultdict
        (whose `d[k]` inserts). CPython's walk sees the change or raises RuntimeError; the
        compiled call cannot both walk and change it."""
        walked = {r for _, a in call.args if not isinstance(a, ir.Lambda)
                  and (r := _root(a)) is not None}
        for _, fn in call.args:
            if not isinstance(fn, ir.Lambda):
                continue
            for node in _walk(fn.body):
                if not (isinstance(node, ir.OpCall) and "self" in node.op.mutated):
                    continue
                root = _root(dict(node.args).get("self"))  # type: ignore[arg-type]
                if root in walked and node.span not in self.reported:
                    self.reported.add(node.span)
                    self.sink.error("E050", f"`{root}` is changed in place here while "
                                            f"`{call.op.name}` walks it", node.span,
                                    help="read it without changing it (`.get(key, default)` "
                                         "does not insert into a defaultdict), or walk a copy: "
                                         f"`list({root})`")

    def stored(self, a: ir.Expr, into: str | None, st: State) -> None:
        self.mut_escapes(a, f"is stored in `{into}` here" if into else "is stored here")
        a = _converted(a)
        if isinstance(a, ir.Name) and _mutable(a.ty) and a.id not in st.shared:
            where = f"`{into}`" if into else "another value"
            st.shared[a.id] = f"it is also stored in {where}"
            if into:
                st.items_of.setdefault(into, set()).add(a.id)

    def value_sharing(self, v: ir.Expr) -> tuple[str | None, str | None]:
        """(why the value may be shared, the container it is an item of) for a bound value."""
        if not _may_share(v.ty):
            return None, None
        match _converted(v):
            case ir.Name(id=name):
                return f"it refers to the same object as `{name}`", None
            case ir.NdIndex(value=src) if isinstance(v.ty, NdArrayT):
                root = _root(src)
                return (f"it is a view of `{root}` (numpy's basic indexing does not copy)"
                        if root else "it is a view of an array", root)
            case ir.OpCall(op=op, args=args) if op.name in NUMPY_VIEWS and args:
                root = _root(args[0][1])
                return (f"it is a view of `{root}` (numpy's `{op.name.split('.')[-1]}` does "
                        f"not copy)" if root else "it is a view of an array", root)
            case ir.OpCall(op=op, args=args) if _aliasing_op(op):
                root = _root(args[0][1]) if args else None
                return f"it is an item of `{root}`" if root else "it is an item of a "\
                    "container", root
            case ir.UserCall(func=f) if f in self.returns_param:
                return f"`{f}()` may return its argument itself", None
            case ir.UserCall(func=f) if f in self.cached:
                return f"`{f}()` returns the object its cache holds", None
            case ir.FieldGet(cls=c, attr=a):
                return f"it is the field `{c}.{a}` of an object", None
            case ir.UserCall(func=f) if f.endswith("._pc_asdict"):
                return None, None  # `dataclasses.asdict`: dynamic values, copies of the fields
            case ir.UserCall(func=f) if "." in f:
                return f"the method `{f}()` may return a field of its object", None
            case ir.IfExp(body=b, orelse=o):
                w1, r1 = self.value_sharing(b)
                w2, r2 = self.value_sharing(o)
                return w1 or w2, r1 or r2
        return None, None

    # --------------------------------------------------------- statements

    def bind(self, t: ir.Target, v: ir.Expr | None, st: State, item_of: str | None = None
             ) -> None:
        match t:
            case ir.NameTarget(id=name, ty=ty):
                if v is not None:
                    self.mut_escapes(v, f"`{name}` takes it here")
                st.rebind(name)
                if item_of is not None and _mutable(ty):
                    st.shared[name] = f"it is an item of `{item_of}`"
                    st.items_of.setdefault(item_of, set()).add(name)
                elif v is not None:
                    for held in map(_converted, _literal_items(v)):
                        # `ys = [xs]`: changing `ys[0]` changes `xs`
                        if isinstance(held, ir.Name) and _mutable(held.ty):
                            st.items_of.setdefault(name, set()).add(held.id)
                    why, root = self.value_sharing(v)
                    if why:
                        st.shared[name] = why
                        if isinstance(source := _converted(v), ir.Name):
                            st.shared.setdefault(source.id, f"it refers to the same object "
                                                            f"as `{name}`")
                        if root:
                            st.items_of.setdefault(root, set()).add(name)
            case ir.TupleTarget(elts=elts):
                src = v.elts if isinstance(v, ir.TupleLit) else (None,) * len(elts)
                for x, sv in zip(elts, src):
                    if sv is None and v is not None and not isinstance(v, ir.TupleLit):
                        self.bind(x, None, st, item_of=_root(v) or "a tuple")
                    else:
                        self.bind(x, sv, st, item_of)
            case ir.SubscriptTarget(value=obj, index=index):
                self.mutation(obj, st, t.span, index)
                root = _root(obj)
                if root and v is not None:
                    self.stored(v, root, st)
            case ir.AttrTarget(cls=cls, attr=attr, ty=ty) if cls is not None and v is not None:
                self.mut_escapes(v, "an object's field takes it here")
                self.field_escapes(v, v.span)
                if (cls, attr) in self.mutated and _mutable(ty) and _param_of(
                        v, self.params) is None and (
                        isinstance(v, ir.Name) or self.value_sharing(v)[0] is not None):
                    self.sink.error("E050", f"the field `{cls}.{attr}` is changed in place, and "
                                            "here it is given a value another name holds",
                                    v.span,
                                    help="Python would share it; store a copy: "
                                         "`... = list(...)` (or `dict(...)`, `.copy()`)")
                elif isinstance(v, ir.Name) and _mutable(v.ty):
                    st.shared.setdefault(v.id, "it is also stored in an object's field")

    def block(self, stmts: tuple[ir.Stmt, ...], st: State) -> State:
        for s in stmts:
            st = self.stmt(s, st)
        return st

    def stmt(self, s: ir.Stmt, st: State) -> State:
        match s:
            case ir.Assign(targets=(ir.NameTarget(id=name, ty=ty),), value=value) \
                    if isinstance(source := _converted(value), ir.Name) \
                    and (src := source.id) != name and _mutable(ty) \
                    and st.shared.get(src) not in ("param", "mutparam") \
                    and self.liveness.dead_after(s, src):
                # `a = b` with `b` never read again: the object passes to `a`, nothing else
                # can see it change (the caller still can, for a parameter)
                why = st.shared.get(src)
                holders = [c for c, vs in st.items_of.items() if src in vs]
                items = st.items_of.get(src)
                st.rebind(name)
                st.rebind(src)
                if why is not None:
                    st.shared[name] = why
                for c in holders:
                    st.items_of[c].add(name)
                if items:
                    st.items_of[name] = set(items)
                return st
            case ir.Assign(targets=ts, value=v):
                self.expr(v, st)
                if any(isinstance(t, (ir.NameTarget, ir.TupleTarget)) for t in ts):
                    self.field_escapes(v, v.span)
                for t in ts:
                    if isinstance(t, ir.SubscriptTarget):
                        self.expr(t.value, st)
                        self.expr(t.index, st)
                    self.bind(t, v, st)
                return st
            case ir.AugAssign(target=t, value=v):
                self.expr(v, st)
                if isinstance(t, ir.NameTarget) and _mutable(t.ty) and st.shared.get(
                        t.id) == "param" and not self.fn.is_entry and isinstance(t.ty, ListT):
                    self.sink.error("E051", f"`{t.id}` is a parameter and `+=` changes it in "
                                            "place here", s.span,
                                    help=f"`+=` also rebinds `{t.id}`, so it is not taken by "
                                         f"`&mut`; write `{t.id}.extend(...)` to change the "
                                         "caller's list")
                elif isinstance(t, ir.NameTarget) and _mutable(t.ty):
                    self.mutation(ir.Name(t.id, t.span, t.ty), st, s.span)
                elif isinstance(t, ir.SubscriptTarget):
                    self.mutation(t.value, st, s.span, t.index)
                return st
            case ir.Return(value=ir.TupleLit(elts=elts) as v) if any(
                    isinstance(x, ir.FieldGet) and x.cls in self.cells for x in elts):
                # a cell (pycomp.cells) ends with its function: its value returned in a
                # tuple is shared with no other holder
                self.expr(dataclasses.replace(v, elts=tuple(
                    x for x in elts if not (isinstance(x, ir.FieldGet) and x.cls in self.cells))),
                    st)
                return st
            case ir.ExprStmt(value=v) | ir.Return(value=v) | ir.Yield(value=v):
                if isinstance(s, ir.Return) and v is not None:
                    self.mut_escapes(v, "is returned here")
                self.expr(v, st)
                return st
            case ir.Raise(message=m):
                self.expr(m, st)
                return st
            case ir.Assert(test=t, msg=m):
                self.expr(t, st)
                self.expr(m, st)
                return st
            case ir.If(test=t, body=b, orelse=o):
                self.expr(t, st)
                return self.block(b, st.copy()).join(self.block(o, st.copy()))
            case ir.While(test=t, body=b, orelse=o):
                return self.loop(lambda x: self.expr(t, x), None, b, o, st)
            case ir.For(target=t, iter=it, body=b, orelse=o):
                self.expr(it, st)
                root = _root(it) if not isinstance(it, ir.OpCall) or it.op.name in (
                    "dict.items", "dict.values", "enumerate", "reversed") else None
                if isinstance(it, ir.OpCall) and root is None and it.args:
                    root = _root(it.args[0][1])
                walked = _walked(it, t)
                if walked is not None:
                    self.walking.append((*walked, live_list_walked(it, b) is not None))
                self.field_walk_changed(it, b)
                out = self.loop(None, (t, root or "the iterated value"), b, o, st)
                if walked is not None:
                    self.walking.pop()
                return out
            case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
                out = self.block(o, self.block(b, st.copy()))
                for h in hs:
                    out = out.join(self.block(h.body, st.copy().join(out)))
                return self.block(f, out)
            case _:
                return st

    def loop(self, test: object, target: tuple[ir.Target, str] | None,
             body: tuple[ir.Stmt, ...], orelse: tuple[ir.Stmt, ...], st: State) -> State:
        entry = st.copy()
        for _ in range(3):
            cur = entry.copy()
            if callable(test):
                test(cur)
            if target is not None:
                self.bind(target[0], None, cur, item_of=target[1])
            end = self.block(body, cur)
            joined = entry.join(end)
            if joined.same(entry):
                break
            entry = joined
        return self.block(orelse, entry)


def live_list_walked(it: ir.Expr, body: tuple[ir.Stmt, ...]) -> ir.Name | None:
    """The list of `for x in xs` (or `enumerate(xs)`) that the loop's body changes in
    place (`xs += ys` included) and never rebinds: CPython's list iterator reads `xs[i]`
    afresh at each step, so what the body appends, inserts or removes shows in the items
    still to come (the worklist idiom). Compiled code walks such a list by index too
    (rust/lower.py), so the body may change the list itself (not an item another name
    holds)."""
    from pycomp.infer import _stmt_targets, _walk_stmts

    if isinstance(it, ir.OpCall) and it.op.name == "enumerate" and it.args:
        it = it.args[0][1]
    if not (isinstance(it, ir.Name) and isinstance(it.ty, ListT)):
        return None
    stmts = list(_walk_stmts(body))
    if any(it.id in set(_stmt_targets(s)) for s in stmts if not isinstance(s, ir.AugAssign)):
        return None
    changed = any(_root(e) == it.id for s in stmts for e in _changed_places(s))
    return it if changed else None


def _walked(it: ir.Expr, target: ir.Target) -> tuple[str, str | None] | None:
    """The variable a `for` loop walks in place (`for x in xs`, `enumerate(xs)`,
    `reversed(xs)`, `d.items()`, `d.keys()`, `d.values()`), and the loop variable holding
    the current position (the key of `for k in d`, where compiled code walks a snapshot
    and assigning `d[k]` is what CPython does too), if any."""
    if isinstance(it, ir.Name) and _mutable(it.ty):
        key = target.id if isinstance(target, ir.NameTarget) else None
        return it.id, key if isinstance(it.ty, DictT) else None
    if not isinstance(it, ir.OpCall) or not it.args:
        return None
    arg = it.args[0][1]
    if not isinstance(arg, ir.Name) or not _mutable(arg.ty):
        return None
    if it.op.name in ("enumerate", "dict.items", "dict.keys", "dict.values", "reversed"):
        # these walk the variable itself: no change at all is compiled under them
        return arg.id, None
    return None


def _literal_items(e: ir.Expr) -> tuple[ir.Expr, ...]:
    """The items a list, tuple, set or dict literal holds (a dict's values)."""
    match e:
        case ir.ListLit(elts=xs) | ir.TupleLit(elts=xs) | ir.SetLit(elts=xs):
            return xs
        case ir.DictLit(values=xs):
            return xs
    return ()


_LEAVES = frozenset({ir.Name, ir.Const})


def _walk(e: ir.Expr) -> Iterator[ir.Expr]:
    """`e` and the expressions under it that may hold an alias or a change, parents first,
    in source order. Iterative: any depth costs the same per node."""
    stack: list[ir.Expr] = [e]
    pop, push, extend = stack.pop, stack.append, stack.extend
    leaves = _LEAVES
    while stack:
        e = pop()
        yield e
        if type(e) in leaves:  # the commonest nodes: no pattern below matches them
            continue
        match e:
            case ir.OpCall(args=args):
                extend([a for _, a in reversed(args)])
            case ir.UserCall(args=args) | ir.New(args=args):
                extend(reversed(args))
            case ir.FieldGet(value=v):
                push(v)
            case ir.EnumOp(arg=a) if a is not None:
                push(a)
            case ir.ObjIs(left=a, right=b):
                push(b)
                push(a)
            case ir.Coerce(value=v) | ir.UnaryOp(operand=v) | ir.IsInstance(value=v):
                push(v)
            case ir.BoolOp(values=vs) | ir.ListLit(elts=vs) | ir.TupleLit(elts=vs) | ir.SetLit(
                    elts=vs):
                extend(reversed(vs))
            case ir.Compare(comparators=cs):
                extend(reversed(cs))
            case ir.IfExp(test=t, body=b, orelse=o):
                extend((o, b, t))
            case ir.DictLit(keys=ks, values=vs):
                extend(reversed((*ks, *vs)))
            case ir.Subscript(value=v):
                push(v)
            case ir.Comprehension(elt=elt, key=key, generators=gens):
                if key is not None:
                    push(key)
                push(elt)
                for g in reversed(gens):
                    extend(reversed(g.conds))
                    push(g.iter)
            case ir.Lambda(body=b):
                push(b)
            case ir.FString(parts=parts):
                extend([p.value for p in reversed(parts) if isinstance(p, ir.FormattedValue)])


def optional_args_given(mod: ir.Module) -> dict[str, set[str]]:
    """Each function's parameters that some call gives a value other than None (every
    parameter of a function also used as a value, whose callers are not known)."""
    out: dict[str, set[str]] = {}
    names = {fn.name: [p.name for p in fn.params] for fn in mod.functions}
    for fn in mod.functions:
        for node in ir.walk(fn.body):
            if isinstance(node, ir.UserCall) and node.func in names:
                params = names[node.func]
                for name, a in zip(params, node.args):
                    while isinstance(a, ir.Coerce):  # None as an optional
                        a = a.value
                    if not (isinstance(a, ir.Const) and a.value is None):
                        out.setdefault(node.func, set()).add(name)
            elif isinstance(node, ir.Name) and node.kind == "func" and node.id in names:
                out.setdefault(node.id, set()).update(names[node.id])
    return out


def check_aliasing(mod: ir.Module, sink: DiagnosticSink) -> None:
    old = getattr(_memo, "stmts", None)
    _memo.stmts = {} if old is None else old
    try:
        _check_aliasing(mod, sink)
    finally:
        _memo.stmts = old


def _check_aliasing(mod: ir.Module, sink: DiagnosticSink) -> None:
    returns_param: set[str] = set()
    for fn in mod.functions:
        params = {p.name for p in fn.params}
        from pycomp.infer import _walk_stmts

        for s in _walk_stmts(fn.body):
            if isinstance(s, ir.Return) and isinstance(s.value, ir.Name) and s.value.id in params:
                returns_param.add(fn.name)
    changers = field_changers(mod)
    mutated = set().union(*changers.values())
    cells = {c.name for c in mod.classes if c.cell}
    field_methods = set()
    retained = retained_params(mod, mutated)
    for fn in mod.functions:
        from pycomp.infer import _walk_stmts

        for s in _walk_stmts(fn.body):
            if isinstance(s, ir.Return) and isinstance(s.value, ir.FieldGet) and (
                    s.value.cls, s.value.attr) in mutated and s.value.cls not in cells:
                field_methods.add(fn.name)
    cached = {fn.name for fn in mod.functions if fn.cache is not None}
    from pycomp.rust.ownership import mut_params

    mut = mut_params(mod)
    param_names = {fn.name: [p.name for p in fn.params] for fn in mod.functions}
    given = optional_args_given(mod)
    for fn in mod.functions:
        checker = AliasChecker(sink, fn, returns_param, mutated, cached)
        checker.field_methods = field_methods
        checker.cells = cells
        checker.changers = changers
        checker.retained = retained
        checker.mut = mut
        checker.param_names = param_names
        checker.given = given
        checker.run()
