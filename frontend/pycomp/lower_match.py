"""The `match` statement, lowered to the `if`/`elif` chain its semantics amount to.

CPython tries the cases in order and runs the first whose pattern matches and whose
guard holds. Each pattern becomes a test on the subject (evaluated once: a name is used
as it is, so `isinstance` in a test narrows it in the case's body; anything else goes to
a hidden local first) and the captures it binds become assignments at the start of the
case's body. A guard reads the captures before the body runs, so in the test it reads
the values they are bound to (`s[0]`, `s.x`, `s["k"]`: reads that change nothing).

Patterns: literals (`==`; `None`, `True` and `False` by identity), dotted value patterns
(`Label.POS`), captures, `_`, `|` alternatives without captures, `as`, sequences
(`[a, b]`, `(a, *rest)`: a list, tuple or deque, never a str), mappings
(`{"type": "x", "v": v, **rest}`: a dict), and class patterns (`Point(x=0, y=y)`,
`Point(0, y)` by the class's `__match_args__`, `str(s)` for the builtin classes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from pycomp import ir

if TYPE_CHECKING:
    from pycomp.lower import Lowerer

Span = ir.Span
# A pattern's tests (all must hold, in order) and captures (name, value, where).
Tests = list[ir.Expr]
Binds = list[tuple[str, ir.Expr, Span]]

# The builtin classes whose class pattern's one positional pattern matches the subject
# itself (`case str(s):`)
SELF_MATCHING = frozenset({"bool", "bytearray", "bytes", "dict", "float", "frozenset", "int",
                           "list", "set", "str", "tuple"})
SEQUENCE_CLASSES = ("list", "tuple", "deque")
_LITERALS = frozenset({"integer", "float", "string", "concatenated_string", "true", "false",
                       "none"})


class MatchLowering:
    def __init__(self, lw: Lowerer) -> None:
        self.lw = lw
        self.count = 0
        self._match_args: dict[str, tuple[str, ...]] | None = None

    # ------------------------------------------------------------ statement

    def statement(self, node: Node) -> list[ir.Stmt]:
        lw = self.lw
        sp = lw.span(node)
        subjects = node.children_by_field_name("subject")
        body = node.child_by_field_name("body")
        clauses = [c for c in lw.named_children(body) if c.type == "case_clause"] \
            if body is not None else []
        value = lw.lower_expr(subjects[0]) if len(subjects) == 1 else ir.TupleLit(
            tuple(lw.lower_expr(s) for s in subjects), sp)
        before: list[ir.Stmt] = []
        captured = {lw.text(n) for c in clauses for n in _capture_nodes(c)}
        if isinstance(value, ir.Name) and value.id not in captured:
            subject: ir.Expr = value
        else:
            self.count += 1
            hidden = f"__pc_match{self.count}"
            before.append(ir.Assign((ir.NameTarget(hidden, value.span),), value, value.span))
            subject = ir.Name(hidden, value.span)
        chain: tuple[ir.Stmt, ...] = ()
        for clause in reversed(clauses):
            chain = self.case(clause, subject, chain)
        return [*before, *chain]

    def case(self, clause: Node, subject: ir.Expr, rest: tuple[ir.Stmt, ...]
             ) -> tuple[ir.Stmt, ...]:
        lw = self.lw
        sp = lw.span(clause)
        patterns = [c for c in lw.named_children(clause) if c.type == "case_pattern"]
        guard_node = clause.child_by_field_name("guard")
        body = lw.lower_block(clause.child_by_field_name("consequence"))
        tests: Tests = []
        binds: Binds = []
        if len(patterns) == 1:
            self.pattern(patterns[0], subject, tests, binds)
        else:  # `case a, b:` is the sequence pattern `case (a, b):`
            self.sequence(patterns, subject, sp, tests, binds)
        seen: set[str] = set()
        for name, _, where in binds:
            if name in seen:  # CPython: SyntaxError (multiple assignments to name)
                lw.sink.error("E002", f"the pattern binds `{name}` twice", where)
            seen.add(name)
        if guard_node is not None:
            kids = lw.named_children(guard_node)
            guard = lw.lower_expr(kids[0])
            tests.append(self.substituted(guard, {n: v for n, v, _ in binds}))
        assigns = tuple(ir.Assign((ir.NameTarget(n, where),), v, where) for n, v, where in binds)
        block = (*assigns, *body)
        if not tests:  # irrefutable: CPython refuses a later case (E005), so this is last
            return block
        test = tests[0] if len(tests) == 1 else ir.BoolOp("and", tuple(tests), sp)
        return (ir.If(test, block, rest, sp),)

    # ------------------------------------------------------------- patterns

    def pattern(self, node: Node, subject: ir.Expr, tests: Tests, binds: Binds) -> None:
        lw = self.lw
        t = node.type
        sp = lw.span(node)
        if t == "case_pattern":
            kids = node.children
            if len(kids) == 2 and kids[0].type == "-" and kids[1].type in ("integer", "float"):
                tests.append(self.equal(subject, lw.lower_expr(kids[1]), sp, negate=True))
                return
            named = lw.named_children(node)
            if not named:
                if lw.text(node) == "_":
                    return  # the wildcard
                lw.unsupported(node, f"the pattern `{lw.text(node)}`")
                return
            self.pattern(named[0], subject, tests, binds)
            return
        if t == "dotted_name":
            parts = [lw.text(p) for p in lw.named_children(node)]
            if len(parts) == 1:
                if parts[0] != "_":
                    binds.append((parts[0], subject, sp))
                return
            tests.append(ir.Compare(subject, ("==",), (_dotted(parts, sp),), sp))
            return
        if t in _LITERALS:
            tests.append(self.equal(subject, lw.lower_expr(node), sp))
            return
        if t == "union_pattern":
            self.union(node, subject, tests, binds)
            return
        if t == "as_pattern":
            kids = lw.named_children(node)
            self.pattern(kids[0], subject, tests, binds)
            binds.append((lw.text(kids[-1]), subject, lw.span(kids[-1])))
            return
        if t in ("list_pattern", "tuple_pattern"):
            items = [c for c in lw.named_children(node) if c.type == "case_pattern"]
            if t == "tuple_pattern" and len(items) == 1 and not any(
                    c.type == "," for c in node.children):
                self.pattern(items[0], subject, tests, binds)  # `(p)` is `p`
                return
            self.sequence(items, subject, sp, tests, binds)
            return
        if t == "dict_pattern":
            self.mapping(node, subject, sp, tests, binds)
            return
        if t == "class_pattern":
            self.class_pattern(node, subject, sp, tests, binds)
            return
        lw.unsupported(node, f"the pattern `{lw.text(node)}`",
                       help="match literals, names, sequences, mappings and classes")

    def equal(self, subject: ir.Expr, lit: ir.Expr, sp: Span, negate: bool = False) -> ir.Expr:
        if negate and isinstance(lit, ir.Const) and isinstance(lit.value, int | float):
            lit = ir.Const(-lit.value, sp)
        if isinstance(lit, ir.Const) and lit.value is None:
            return ir.Compare(subject, ("is",), (lit,), sp)
        if isinstance(lit, ir.Const) and isinstance(lit.value, bool):
            # `case True:` tests identity: the bool, not 1 or 1.0
            return ir.BoolOp("and", (_isinstance(subject, ("bool",), sp),
                                     ir.Compare(subject, ("==",), (lit,), sp)), sp)
        return ir.Compare(subject, ("==",), (lit,), sp)

    def union(self, node: Node, subject: ir.Expr, tests: Tests, binds: Binds) -> None:
        """`p1 | p2 | ...`: the first alternative that matches binds the captures (CPython
        makes every alternative bind the same names), so a capture is bound to the value
        of the first alternative whose tests hold."""
        lw = self.lw
        alternatives: list[list[Node]] = [[]]
        for c in node.children:
            if c.type == "|":
                alternatives.append([])
            elif not c.is_extra:
                alternatives[-1].append(c)
        options: list[tuple[ir.Expr | None, dict[str, ir.Expr]]] = []
        for alt in alternatives:
            sp = lw.span(alt[0])
            alt_tests: Tests = []
            alt_binds: Binds = []
            if len(alt) == 2 and alt[0].type == "-":
                alt_tests.append(self.equal(subject, lw.lower_expr(alt[1]), sp, negate=True))
            else:
                self.pattern(alt[0], subject, alt_tests, alt_binds)
            test = None if not alt_tests else alt_tests[0] if len(alt_tests) == 1 else \
                ir.BoolOp("and", tuple(alt_tests), sp)
            options.append((test, {n: v for n, v, _ in alt_binds}))
            if test is None:
                break  # an irrefutable alternative: later ones are never tried
        sp = lw.span(node)
        for name in options[0][1]:
            value = options[-1][1].get(name)
            if value is None or any(name not in bound for _, bound in options):
                return  # CPython: SyntaxError (alternatives bind different names), E005
            for test, bound in reversed(options[:-1]):
                assert test is not None
                value = ir.IfExp(test, bound[name], value, sp)
            binds.append((name, value, sp))
        if options[-1][0] is None:
            return  # the whole pattern always matches
        tested = [t for t, _ in options if t is not None]
        tests.append(tested[0] if len(tested) == 1 else ir.BoolOp("or", tuple(tested), sp))

    def sequence(self, items: list[Node], subject: ir.Expr, sp: Span, tests: Tests,
                 binds: Binds) -> None:
        lw = self.lw
        star = next((i for i, c in enumerate(items) if _star(c) is not None), None)
        tests.append(_isinstance(subject, SEQUENCE_CLASSES, sp))
        n = len(items) - (star is not None)
        length = ir.Call(ir.Name("len", sp), (subject,), (), sp)
        tests.append(ir.Compare(length, ("==" if star is None else ">=",),
                                (ir.Const(n, sp),), sp))
        for i, item in enumerate(items):
            if i == star:
                splat = _star(item)
                name = _star_name(splat) if splat is not None else None
                after = len(items) - i - 1
                if name is not None:
                    upper = None if after == 0 else ir.BinOp("-", length, ir.Const(after, sp),
                                                             sp)
                    rest = ir.Slice(subject, ir.Const(i, sp), upper, None, sp)
                    binds.append((lw.text(name), ir.Call(ir.Name("list", sp), (rest,), (), sp),
                                  lw.span(name)))
                continue
            index = i if star is None or i < star else i - len(items)
            self.pattern(item, ir.Subscript(subject, ir.Const(index, sp), sp), tests, binds)

    def mapping(self, node: Node, subject: ir.Expr, sp: Span, tests: Tests,
                binds: Binds) -> None:
        lw = self.lw
        tests.append(_isinstance(subject, ("dict",), sp))
        keys: list[ir.Expr] = []
        rest_name: Node | None = None
        pending: Node | None = None
        negative = False
        for i, c in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "key" and c.type == "-":
                negative = True
            elif field == "key":
                pending = c
            elif field == "value" and pending is not None:
                key = self.key(pending)
                if negative and isinstance(key, ir.Const) and isinstance(key.value, int | float):
                    key = ir.Const(-key.value, key.span)
                negative = False
                keys.append(key)
                tests.append(ir.Compare(key, ("in",), (subject,), lw.span(pending)))
                self.pattern(c, ir.Subscript(subject, key, lw.span(c)), tests, binds)
                pending = None
            elif c.type == "splat_pattern":
                rest_name = next((k for k in lw.named_children(c) if k.type == "identifier"),
                                 None)
        if rest_name is not None and lw.text(rest_name) != "_":
            k, v = ir.Name("__pc_key", sp), ir.Name("__pc_value", sp)
            items = ir.Call(ir.Attribute(subject, "items", sp), (), (), sp)
            target = ir.TupleTarget((ir.NameTarget(k.id, sp), ir.NameTarget(v.id, sp)), sp)
            conds = (ir.Compare(k, ("not in",), (ir.TupleLit(tuple(keys), sp),), sp),) \
                if keys else ()
            rest = ir.Comprehension("dict", v, k, (ir.CompFor(target, items, conds, sp),), sp)
            binds.append((lw.text(rest_name), rest, lw.span(rest_name)))

    def key(self, node: Node) -> ir.Expr:
        lw = self.lw
        if node.type == "dotted_name":
            return _dotted([lw.text(p) for p in lw.named_children(node)], lw.span(node))
        if node.type in _LITERALS:
            return lw.lower_expr(node)
        lw.unsupported(node, f"the mapping key `{lw.text(node)}`",
                       help="keys are literals or dotted names")
        return ir.Const(None, lw.span(node))

    def class_pattern(self, node: Node, subject: ir.Expr, sp: Span, tests: Tests,
                      binds: Binds) -> None:
        lw = self.lw
        kids = lw.named_children(node)
        cls_node = kids[0]
        cls = lw.text(cls_node)
        tests.append(ir.Call(ir.Name("isinstance", sp), (subject, _dotted(cls.split("."), sp)),
                             (), sp))
        args = [c for c in kids[1:] if c.type == "case_pattern"]
        positional = [a for a in args if not any(k.type == "keyword_pattern"
                                                 for k in lw.named_children(a))]
        keywords = [lw.named_children(a)[0] for a in args if a not in positional]
        if positional and cls in SELF_MATCHING:
            if len(positional) > 1:
                lw.sink.error("E002", f"{cls}() accepts one positional sub-pattern",
                              lw.span(positional[1]))
            self.pattern(positional[0], subject, tests, binds)
        elif positional:
            names = self.match_args().get(cls)
            if names is None or len(positional) > len(names):
                lw.sink.error("E002", f"positional patterns for `{cls}` need its "
                                      "`__match_args__`", lw.span(positional[0]),
                              help="match by attribute name: `case Point(x=0, y=y):`; a "
                                   "dataclass or NamedTuple of this module has them")
                return
            for name, p in zip(names, positional):
                self.pattern(p, ir.Attribute(subject, name, lw.span(p)), tests, binds)
        for kw in keywords:
            parts = lw.named_children(kw)
            attr = lw.text(parts[0])
            self.pattern(parts[1], ir.Attribute(subject, attr, lw.span(kw)), tests, binds)

    def match_args(self) -> dict[str, tuple[str, ...]]:
        """`__match_args__` of this module's classes: a dataclass's and a NamedTuple's
        fields in order (a dataclass's base's first), or the tuple a class assigns."""
        if self._match_args is None:
            self._match_args = _module_match_args(self.lw)
        return self._match_args

    # ---------------------------------------------------------------- guards

    def substituted(self, guard: ir.Expr, binds: dict[str, ir.Expr]) -> ir.Expr:
        """The guard with each capture read replaced by the value it is bound to."""
        if not binds:
            return guard

        def rewrite(x: object) -> object:
            if isinstance(x, ir.Name) and x.id in binds:
                return binds[x.id]
            if isinstance(x, ir.Lambda | ir.Comprehension):
                if any(isinstance(y, ir.Name) and y.id in binds for y in ir.walk(x)):
                    self.lw.sink.error("E002", "a guard whose lambda or comprehension reads a "
                                               "capture is not supported", x.span,
                                       help="test it in the case's body")
                return x
            if isinstance(x, tuple):
                return tuple(rewrite(y) for y in x)
            if ir.field_names(x):
                return ir.map_fields(x, rewrite)
            return x

        out = rewrite(guard)
        assert isinstance(out, ir.Expr.__args__)  # type: ignore[attr-defined]
        return out  # type: ignore[return-value]


def _dotted(parts: list[str], sp: Span) -> ir.Expr:
    """`Label.POS`, `mod.Cls` as the expression reading it."""
    value: ir.Expr = ir.Name(parts[0], sp)
    for part in parts[1:]:
        value = ir.Attribute(value, part, sp)
    return value


def _isinstance(subject: ir.Expr, classes: tuple[str, ...], sp: Span) -> ir.Expr:
    names = tuple(ir.Name(c, sp) for c in classes)
    return ir.Call(ir.Name("isinstance", sp),
                   (subject, names[0] if len(names) == 1 else ir.TupleLit(names, sp)), (), sp)


def _star(node: Node) -> Node | None:
    """The `*rest` / `*_` pattern `node` is (or wraps), else None."""
    inner = node
    if inner.type == "case_pattern" and inner.named_children:
        inner = inner.named_children[0]
    return inner if inner.type == "splat_pattern" else None


def _star_name(star: Node) -> Node | None:
    """The name `*rest` binds (None for `*_`)."""
    ident = next((k for k in star.named_children if k.type == "identifier"), None)
    return ident if ident is not None and ident.text != b"_" else None


def _capture_nodes(clause: Node) -> list[Node]:
    """The identifiers a case clause's patterns may bind (captures, `as`, stars)."""
    out: list[Node] = []
    stack = [c for c in clause.named_children if c.type == "case_pattern"]
    while stack:
        n = stack.pop()
        if n.type == "dotted_name" and len(n.named_children) == 1:
            out.append(n.named_children[0])
        elif n.type in ("as_pattern", "splat_pattern"):
            ids = [k for k in n.named_children if k.type == "identifier"]
            out.extend(ids[-1:])
            stack.extend(k for k in n.named_children if k.type != "identifier")
        elif n.type == "class_pattern" or n.type == "keyword_pattern":
            stack.extend(n.named_children[1:])
        else:
            stack.extend(n.named_children)
    return out


def _module_match_args(lw: Lowerer) -> dict[str, tuple[str, ...]]:
    root = lw.src.tree.root_node
    fields: dict[str, tuple[str, ...]] = {}
    for node in lw.named_children(root):
        decorators: list[str] = []
        if node.type == "decorated_definition":
            decorators = [lw.text(d).lstrip("@").split("(")[0] for d in node.named_children
                          if d.type == "decorator"]
            node = node.child_by_field_name("definition") or node
        if node.type != "class_definition":
            continue
        name_node = node.child_by_field_name("name")
        supers = node.child_by_field_name("superclasses")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            continue
        bases = [lw.text(b) for b in lw.named_children(supers)] if supers is not None else []
        own: list[str] = []
        explicit: tuple[str, ...] | None = None
        for stmt in lw.named_children(body):
            if stmt.type != "expression_statement" or not stmt.named_children:
                continue
            a = stmt.named_children[0]
            if a.type != "assignment":
                continue
            left = a.child_by_field_name("left")
            right = a.child_by_field_name("right")
            if left is None or left.type != "identifier":
                continue
            if lw.text(left) == "__match_args__" and right is not None and \
                    right.type == "tuple" and all(c.type == "string"
                                                  for c in right.named_children):
                explicit = tuple(lw.text(c)[1:-1] for c in right.named_children)
            elif a.child_by_field_name("type") is not None and not lw.text(
                    a.child_by_field_name("type")).startswith(  # type: ignore[arg-type]
                        ("ClassVar", "typing.ClassVar")) and not (
                    right is not None and "init=False" in lw.text(right).replace(" ", "")):
                own.append(lw.text(left))
        is_dataclass = any(d in ("dataclass", "dataclasses.dataclass") for d in decorators)
        if explicit is not None:
            fields[lw.text(name_node)] = explicit
        elif is_dataclass:
            inherited = next((fields[b] for b in bases if b in fields), ())
            fields[lw.text(name_node)] = (*inherited, *(f for f in own if f not in inherited))
        elif any(b in ("NamedTuple", "typing.NamedTuple") for b in bases):
            fields[lw.text(name_node)] = tuple(own)
    return fields
