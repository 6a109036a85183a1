"""Random programs over the subset pycomp compiles, for the fuzz harness.

A program is a module of type-annotated functions built from a small typed
grammar: every expression is generated for a wanted type from the variables in
scope, so most programs type-check and reach cargo and the compiled code.
Sizes that CPython would really allocate (ranges, repetitions) are bounded, so
both sides can run every program; what may raise (indexing, division, `int()`
of a float, overflow) is left in on purpose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

INT, FLOAT, STR, BOOL, LIST_INT, LIST_STR = "int", "float", "str", "bool", "list[int]", "list[str]"
DICT, SET, PAIR, OPT = "dict[str, int]", "set[int]", "tuple[int, str]", "int | None"
ARR, ARR32 = "npt.NDArray[np.float64]", "npt.NDArray[np.float32]"
PARAM_TYPES = (INT, FLOAT, STR, LIST_INT, LIST_STR, DICT, SET, PAIR, OPT, ARR, ARR32)
RETURN_TYPES = (INT, FLOAT, STR, BOOL, LIST_INT, LIST_STR, DICT, SET, PAIR, OPT, ARR, ARR32)
# Bound with an annotation (`v: T = ...`): a literal alone may not say the type.
ANNOTATED = (DICT, SET, PAIR, OPT)

INT_LITERALS = ("0", "1", "-1", "2", "3", "7", "10", "255", "-128", "4611686018427387904",
                "9223372036854775807", "-9223372036854775807")
FLOAT_LITERALS = ("0.0", "-0.0", "0.5", "1.5", "-2.25", "1e-300", "1e300", "3.0")
STR_LITERALS = ("''", "'a'", "'é'", "'ß'", "' x '", "'a,b'", "'🙂'", "'Hello World'", "','",
                "'\\t'", "'ǅ'")


@dataclass
class Scope:
    vars: dict[str, str] = field(default_factory=dict)
    counter: int = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def of(self, t: str) -> list[str]:
        return [n for n, ty in self.vars.items() if ty == t]


class ProgramGenerator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # ------------------------------------------------------------ module

    def module(self, n_functions: int) -> tuple[str, dict[str, list[str]]]:
        """The source and, per function, its parameter types."""
        out: list[str] = []
        sigs: dict[str, list[str]] = {}
        for i in range(n_functions):
            name = f"f{i}"
            params = [self.rng.choice(PARAM_TYPES) for _ in range(self.rng.randint(1, 3))]
            ret = self.rng.choice(RETURN_TYPES)
            out += ["", self.function(name, params, ret), ""]
            sigs[name] = params
        body = "\n".join(out)
        imports = ["import math"]
        if "np." in body:  # numpy only when used: a crate without it builds faster
            imports += ["", "import numpy as np", "import numpy.typing as npt"]
        head = ['"""A random program (pycomp fuzz harness)."""', *imports, ""]
        return "\n".join(head) + body + "\n", sigs

    def function(self, name: str, params: list[str], ret: str) -> str:
        scope = Scope()
        names = []
        for i, t in enumerate(params):
            p = f"p{i}"
            scope.vars[p] = t
            names.append(f"{p}: {t}")
        lines = [f"def {name}({', '.join(names)}) -> {ret}:"]
        for _ in range(self.rng.randint(1, 5)):
            lines += self.stmt(scope, 1, 2)
        lines.append(f"    return {self.expr(ret, scope, 3)}")
        return "\n".join(lines)

    # ------------------------------------------------------------ statements

    def stmt(self, scope: Scope, indent: int, depth: int) -> list[str]:
        pad = "    " * indent
        r = self.rng.random()
        if r < 0.45 or depth == 0:
            t = self.rng.choice(RETURN_TYPES)
            v = scope.fresh("v")
            note = f": {t}" if t in ANNOTATED else ""
            line = f"{pad}{v}{note} = {self.expr(t, scope, 3)}"
            scope.vars[v] = t
            return [line]
        if r < 0.6 and scope.of(INT):
            v = self.rng.choice(scope.of(INT))
            op = self.rng.choice(["+=", "-=", "*=", "//=", "%="])
            return [f"{pad}{v} {op} {self.expr(INT, scope, 2)}"]
        if r < 0.7 and scope.of(LIST_INT):
            v = self.rng.choice(scope.of(LIST_INT))
            if v.startswith("p"):  # a parameter: copy first (aliasing rules)
                return [f"{pad}{v} = list({v})", f"{pad}{v}.append({self.expr(INT, scope, 2)})"]
            return [f"{pad}{v}.append({self.expr(INT, scope, 2)})"]
        if r < 0.82:
            cond = self.expr(BOOL, scope, 2)
            # Names first bound inside a branch stay local to it.
            inner = Scope(dict(scope.vars), scope.counter)
            body = self.stmt(inner, indent + 1, depth - 1)
            inner2 = Scope(dict(scope.vars), inner.counter)
            other = self.stmt(inner2, indent + 1, depth - 1)
            scope.counter = inner2.counter
            self._keep_updates(scope, inner, inner2)
            return [f"{pad}if {cond}:", *body, f"{pad}else:", *other]
        if r < 0.92 and scope.of(INT):
            acc = self.rng.choice(scope.of(INT))
            x = scope.fresh("x")
            seq = self.expr(LIST_INT, scope, 2)
            return [f"{pad}for {x} in {seq}:", f"{pad}    {acc} += {x}"]
        v = scope.fresh("w")
        bound = self.expr(INT, scope, 2)
        scope.vars[v] = INT
        return [f"{pad}{v} = 0", f"{pad}while {v} < ({bound}) % 8:", f"{pad}    {v} += 1"]

    @staticmethod
    def _keep_updates(scope: Scope, *branches: Scope) -> None:
        # Only names both branches bound with one type survive the `if`.
        common = set(branches[0].vars)
        for b in branches[1:]:
            common &= set(b.vars)
        for n in common - set(scope.vars):
            types = {b.vars[n] for b in branches}
            if len(types) == 1:
                scope.vars[n] = types.pop()

    # ------------------------------------------------------------ expressions

    def expr(self, t: str, scope: Scope, depth: int) -> str:
        names = scope.of(t)
        if depth <= 0 or self.rng.random() < 0.25:
            if names and self.rng.random() < 0.7:
                return self.rng.choice(names)
            return self.literal(t)
        d = depth - 1
        e = lambda ty: self.expr(ty, scope, d)
        # `x if x is not None else y` narrows a name only: from the optional names in scope.
        opts = scope.of(OPT)

        def or_else() -> str:
            if not opts:
                return e(INT)
            v = self.rng.choice(opts)
            return f"({v} if {v} is not None else {e(INT)})"

        def is_none() -> str:
            return f"({self.rng.choice(opts)} is None)" if opts else f"({e(INT)} < 0)"

        choices = {
            INT: [
                lambda: f"({e(INT)} + {e(INT)})", lambda: f"({e(INT)} - {e(INT)})",
                lambda: f"({e(INT)} * {e(INT)})", lambda: f"({e(INT)} // {e(INT)})",
                lambda: f"({e(INT)} % {e(INT)})", lambda: f"abs({e(INT)})",
                lambda: f"len({e(STR)})", lambda: f"len({e(LIST_INT)})",
                lambda: f"min({e(INT)}, {e(INT)})", lambda: f"max({e(INT)}, {e(INT)})",
                lambda: f"int({e(FLOAT)})", lambda: f"(-{e(INT)})", lambda: f"sum({e(LIST_INT)})",
                lambda: f"{e(LIST_INT)}[{e(INT)}]", lambda: f"round({e(FLOAT)})",
                lambda: f"{e(STR)}.count({e(STR)})", lambda: f"{e(STR)}.find({e(STR)})",
                lambda: f"({e(INT)} if {e(BOOL)} else {e(INT)})",
                lambda: f"({e(INT)} ** ({e(INT)} % 5))", lambda: f"int({e(STR)})",
                lambda: f"max({e(LIST_INT)}, default={e(INT)})",
                lambda: f"{e(DICT)}[{e(STR)}]", lambda: f"len({e(DICT)})",
                lambda: f"{e(DICT)}.get({e(STR)}, {e(INT)})", lambda: f"sum({e(DICT)}.values())",
                lambda: f"len({e(SET)})", lambda: f"{e(PAIR)}[0]", or_else,
                lambda: f"{e(STR)}.rfind({e(STR)})", lambda: f"min({e(SET)}, default={e(INT)})",
                lambda: f"len({e(ARR)})", lambda: f"int(np.argmax({e(ARR)}))",
                lambda: f"int(np.sum({e(ARR)} > {e(FLOAT)}))", lambda: f"int(np.argmin({e(ARR32)}))",
            ],
            FLOAT: [
                lambda: f"({e(FLOAT)} + {e(FLOAT)})", lambda: f"({e(FLOAT)} * {e(FLOAT)})",
                lambda: f"({e(FLOAT)} - {e(INT)})", lambda: f"({e(FLOAT)} / {e(FLOAT)})",
                lambda: f"({e(INT)} / {e(INT)})", lambda: f"float({e(INT)})",
                lambda: f"abs({e(FLOAT)})", lambda: f"math.sqrt({e(FLOAT)})",
                lambda: f"math.floor({e(FLOAT)})", lambda: f"round({e(FLOAT)}, 2)",
                lambda: f"({e(FLOAT)} // {e(FLOAT)})", lambda: f"({e(FLOAT)} % {e(FLOAT)})",
                lambda: f"min({e(FLOAT)}, {e(FLOAT)})", lambda: f"float({e(STR)})",
                lambda: f"math.exp({e(FLOAT)})", lambda: f"math.log({e(FLOAT)})",
                lambda: f"float(np.sum({e(ARR)}))", lambda: f"float(np.mean({e(ARR)}))",
                lambda: f"float(np.max({e(ARR)}))", lambda: f"float({e(ARR)}[{e(INT)}])",
                lambda: f"float(np.dot({e(ARR)}, {e(ARR)}))", lambda: f"float(np.std({e(ARR)}))",
                lambda: f"float(np.linalg.norm({e(ARR)}))", lambda: f"float({e(ARR32)}.sum())",
                lambda: f"float(np.min({e(ARR32)}))", lambda: f"float({e(ARR32)}[{e(INT)}])",
            ],
            STR: [
                lambda: f"({e(STR)} + {e(STR)})", lambda: f"{e(STR)}.upper()",
                lambda: f"{e(STR)}.lower()", lambda: f"{e(STR)}.strip()",
                lambda: f"{e(STR)}[{e(INT)}:{e(INT)}]", lambda: f"{e(STR)}[{e(INT)}]",
                lambda: f"str({e(INT)})", lambda: f"str({e(FLOAT)})", lambda: f"repr({e(STR)})",
                lambda: f"{e(STR)}.join({e(LIST_STR)})",
                lambda: f"{e(STR)}.replace({e(STR)}, {e(STR)})",
                lambda: f"f\"{{({e(INT)})}}-{{({e(STR)})}}\"", lambda: f"({e(STR)} * ({e(INT)} % 6))",
                lambda: f"{e(STR)}.title()", lambda: f"{e(STR)}.casefold()",
                lambda: f"{e(STR)}[::-1]", lambda: f"f\"{{({e(FLOAT)}):.3f}}\"",
                lambda: f"{e(STR)}.center(({e(INT)}) % 12)",
                lambda: f"{e(PAIR)}[1]", lambda: f"{e(STR)}.rstrip({e(STR)})",
                lambda: f"{e(STR)}.capitalize()", lambda: f"{e(STR)}.swapcase()",
                lambda: f"{e(STR)}.zfill(({e(INT)}) % 10)", lambda: f"str({e(DICT)})",
                lambda: f"str({e(PAIR)})", lambda: f"{e(STR)}.removeprefix({e(STR)})",
                lambda: f"','.join(sorted({e(DICT)}))",
                lambda: f"str({e(ARR)})", lambda: f"str({e(ARR32)})",
            ],
            BOOL: [
                lambda: f"({e(INT)} < {e(INT)})", lambda: f"({e(STR)} == {e(STR)})",
                lambda: f"({e(STR)} in {e(STR)})", lambda: f"(not {e(BOOL)})",
                lambda: f"({e(BOOL)} and {e(BOOL)})", lambda: f"({e(BOOL)} or {e(BOOL)})",
                lambda: f"{e(STR)}.startswith({e(STR)})", lambda: f"({e(FLOAT)} <= {e(FLOAT)})",
                lambda: f"({e(INT)} in {e(LIST_INT)})", lambda: f"{e(STR)}.isdigit()",
                lambda: f"math.isnan({e(FLOAT)})",
                lambda: f"({e(STR)} in {e(DICT)})", lambda: f"({e(INT)} in {e(SET)})",
                is_none, lambda: f"{e(STR)}.endswith({e(STR)})",
                lambda: f"{e(STR)}.isalpha()", lambda: f"({e(SET)} == {e(SET)})",
                lambda: f"({e(PAIR)} < {e(PAIR)})", lambda: f"({e(DICT)} == {e(DICT)})",
                lambda: f"bool(np.any({e(ARR)} > {e(FLOAT)}))",
                lambda: f"bool(np.all(np.isfinite({e(ARR32)})))",
            ],
            LIST_INT: [
                lambda: f"[{e(INT)}, {e(INT)}]", lambda: f"({e(LIST_INT)} + {e(LIST_INT)})",
                lambda: f"sorted({e(LIST_INT)})", lambda: f"list(range(({e(INT)}) % 16))",
                lambda: f"[x * 2 for x in {e(LIST_INT)}]", lambda: f"{e(LIST_INT)}[{e(INT)}:]",
                lambda: f"list(reversed({e(LIST_INT)}))", lambda: f"[len(s) for s in {e(LIST_STR)}]",
                lambda: f"({e(LIST_INT)} * (({e(INT)}) % 4))",
                lambda: f"sorted({e(LIST_INT)}, reverse=True)",
                lambda: f"[x for x in {e(LIST_INT)} if x > {e(INT)}]",
                lambda: f"sorted({e(SET)})", lambda: f"list({e(DICT)}.values())",
            ],
            LIST_STR: [
                lambda: f"{e(STR)}.split()", lambda: f"{e(STR)}.split({e(STR)})",
                lambda: f"[{e(STR)}, {e(STR)}]", lambda: f"sorted({e(LIST_STR)})",
                lambda: f"[s.upper() for s in {e(LIST_STR)}]", lambda: f"{e(LIST_STR)}[:{e(INT)}]",
                lambda: f"list({e(STR)})", lambda: f"sorted({e(DICT)})",
                lambda: f"{e(STR)}.splitlines()", lambda: f"list({e(DICT)}.keys())",
            ],
            DICT: [
                lambda: f"{{{e(STR)}: {e(INT)}}}", lambda: f"{{s: len(s) for s in {e(LIST_STR)}}}",
                lambda: f"dict(zip({e(LIST_STR)}, {e(LIST_INT)}))",
                lambda: f"{{**{e(DICT)}, {e(STR)}: {e(INT)}}}",
            ],
            SET: [
                lambda: f"set({e(LIST_INT)})", lambda: f"{{{e(INT)}, {e(INT)}}}",
                lambda: f"({e(SET)} | {e(SET)})", lambda: f"({e(SET)} & {e(SET)})",
                lambda: f"({e(SET)} - {e(SET)})", lambda: f"{{x % 5 for x in {e(LIST_INT)}}}",
            ],
            PAIR: [
                lambda: f"({e(INT)}, {e(STR)})", lambda: f"(len({e(STR)}), {e(STR)})",
            ],
            OPT: [
                lambda: e(INT), lambda: "None", lambda: f"({e(INT)} if {e(BOOL)} else None)",
                lambda: f"{e(DICT)}.get({e(STR)})",
            ],
            # Arrays: numpy's dtype rules (float32 stays float32 with Python
            # floats, float64 wins over float32), shapes that may not broadcast.
            ARR: [
                lambda: f"np.array({e(LIST_INT)}, dtype=np.float64)",
                lambda: f"np.zeros(({e(INT)}) % 8)",
                lambda: f"np.arange(({e(INT)}) % 10, dtype=np.float64)",
                lambda: f"({e(ARR)} + {e(ARR)})", lambda: f"({e(ARR)} * {e(FLOAT)})",
                lambda: f"({e(ARR)} - {e(INT)})", lambda: f"({e(ARR)} / {e(ARR)})",
                lambda: f"({e(ARR)} + {e(ARR32)})", lambda: f"np.sqrt({e(ARR)})",
                lambda: f"np.abs({e(ARR)})", lambda: f"np.exp({e(ARR)})",
                lambda: f"np.tanh({e(ARR)})", lambda: f"np.floor({e(ARR)})",
                lambda: f"np.round({e(ARR)}, 2)", lambda: f"np.sort({e(ARR)})",
                lambda: f"np.cumsum({e(ARR)})", lambda: f"{e(ARR)}[{e(INT)}:]",
                lambda: f"{e(ARR)}[:{e(INT)}]", lambda: f"np.maximum({e(ARR)}, {e(FLOAT)})",
                lambda: f"np.clip({e(ARR)}, {e(FLOAT)}, {e(FLOAT)})",
                lambda: f"np.where({e(ARR)} > {e(FLOAT)}, {e(ARR)}, {e(FLOAT)})",
                lambda: f"np.concatenate(({e(ARR)}, {e(ARR)}))",
                lambda: f"{e(ARR32)}.astype(np.float64)",
            ],
            ARR32: [
                lambda: f"np.array({e(LIST_INT)}, dtype=np.float32)",
                lambda: f"{e(ARR)}.astype(np.float32)", lambda: f"({e(ARR32)} * {e(FLOAT)})",
                lambda: f"({e(ARR32)} + {e(ARR32)})", lambda: f"({e(ARR32)} - {e(INT)})",
                lambda: f"np.sqrt({e(ARR32)})", lambda: f"np.exp({e(ARR32)})",
                lambda: f"np.sort({e(ARR32)})", lambda: f"{e(ARR32)}[{e(INT)}:]",
                lambda: f"np.cumsum({e(ARR32)})", lambda: f"np.abs({e(ARR32)})",
            ],
        }[t]
        return self.rng.choice(choices)()

    def literal(self, t: str) -> str:
        match t:
            case "int":
                return self.rng.choice(INT_LITERALS)
            case "float":
                return self.rng.choice(FLOAT_LITERALS)
            case "str":
                return self.rng.choice(STR_LITERALS)
            case "bool":
                return self.rng.choice(("True", "False"))
            case "list[int]":
                return self.rng.choice(("[]", "[1, 2, 3]", "[-5, 0, 5]", "[9223372036854775807]"))
            case "dict[str, int]":
                return self.rng.choice(("{'a': 1}", "{'': -1, 'é': 9223372036854775807}"))
            case "set[int]":
                return self.rng.choice(("{1, 2, 3}", "{-9223372036854775807, 0}"))
            case "tuple[int, str]":
                return self.rng.choice(("(0, '')", "(-1, 'é')"))
            case "int | None":
                return self.rng.choice(("None", "0", "-7"))
            case "npt.NDArray[np.float64]":
                return self.rng.choice(("np.zeros(3)", "np.array([1.5, -0.0, 2.0])",
                                        "np.arange(5, dtype=np.float64)"))
            case "npt.NDArray[np.float32]":
                return self.rng.choice(("np.ones(2, dtype=np.float32)",
                                        "np.array([0.1, -3.0], dtype=np.float32)"))
            case _:
                return self.rng.choice(("[]", "['a', 'b']", "['é', '', ' x']"))


# Edge values per parameter type: empty, huge, negative, NaN, signed zero,
# non-ASCII and astral text, and sizes.
EDGE_ARGS: dict[str, list[object]] = {
    INT: [0, 1, -1, 7, 2**31, 2**62, 2**63 - 1, -2**63, -7],
    FLOAT: [0.0, -0.0, 1.5, -2.5, float("nan"), float("inf"), float("-inf"), 1e308, 5e-324],
    STR: ["", "a", "héllo wörld", "  x  ", "ß", "\x00", "🙂🙂", "İ", "12", "a" * 300, "ǅ"],
    LIST_INT: [[], [1, 2, 3], [-2**63], [2**63 - 1, 1], list(range(40)), [0, 0, -1]],
    LIST_STR: [[], ["a", "b"], ["", "é"], ["x"] * 20, ["🙂", "İ"]],
    DICT: [{}, {"a": 1}, {"": -1, "é": 2**63 - 1}, {str(i): i for i in range(30)}],
    SET: [set(), {1, 2}, {-2**63, 2**63 - 1}, set(range(25))],
    PAIR: [(0, ""), (-1, "é"), (2**63 - 1, "🙂")],
    OPT: [None, 0, -1, 2**63 - 1],
    ARR: [np.array([]), np.array([1.5, -0.0, float("nan")]), np.array([np.inf, -np.inf, 1e308]),
          np.arange(40.0), np.array([5e-324, -2.5, 0.1])],
    ARR32: [np.array([], dtype=np.float32), np.array([0.1, -0.0, 3e38], dtype=np.float32),
            np.array([float("nan"), 1.0], dtype=np.float32), np.arange(30, dtype=np.float32)],
}
