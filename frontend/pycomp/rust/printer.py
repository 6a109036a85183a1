"""Printing the lowered IR: as Rust source (rustfmt does the layout), or as the
lowered-IR text of `pycomp trace --lowered`, where ownership is spelled out
(`move x`, `clone x`, `to_owned x`, `&x`) and every op call names its op.

Nothing is decided here: parentheses only where precedence needs them.
"""

from __future__ import annotations

from typing import assert_never

from pycomp.rust import rir
from pycomp.rust.rir import Own


class Printer:
    def __init__(self, explicit: bool = False):
        self.explicit = explicit  # the lowered-IR text rather than Rust
        self.lines: list[str] = []
        self.depth = 0

    # ------------------------------------------------------------ functions

    def fn(self, f: rir.Fn) -> list[str]:
        out = [f"/// {d}".rstrip() for d in f.doc]
        params = ", ".join(f"{'mut ' if p.mutable else ''}{p.name}: {p.type}" for p in f.params)
        out.append(f"{'pub ' if f.public else ''}fn {f.name}({params}) -> {f.ret} {{")
        self.lines, self.depth = [], 1
        self.stmts(f.body)
        if f.tail is not None:
            self.line(self.bare(f.tail))
        out.extend(self.lines)
        out.append("}")
        return out

    # ------------------------------------------------------------ statements

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)

    def stmts(self, stmts: tuple[rir.Stmt, ...]) -> None:
        for s in stmts:
            self.stmt(s)

    def body(self, head: str, stmts: tuple[rir.Stmt, ...], close: str = "}") -> None:
        self.line(f"{head} {{" if head else "{")
        self.depth += 1
        self.stmts(stmts)
        self.depth -= 1
        if close:
            self.line(close)

    def stmt(self, s: rir.Stmt) -> None:
        match s:
            case rir.Comment(text=text):
                self.line(f"// {text}")
            case rir.Let(pattern=pat, value=value, type=ty, mutable=mutable):
                head = f"let {'mut ' if mutable else ''}{pat}{f': {ty}' if ty else ''}"
                self.line(f"{head} = {self.bare(value)};" if value is not None else f"{head};")
            case rir.Assign(place=place, value=value):
                self.line(f"{self.expr(place)} = {self.bare(value)};")
            case rir.ExprStmt(value=value):
                self.line(f"{self.expr(value)};")
            case rir.If():
                self.if_(s, "if")
            case rir.IfLet(pattern=pat, value=value, then=then, orelse=orelse):
                self.body(f"if let {pat} = {self.expr(value)}", then, "" if orelse else "}")
                if orelse:
                    self.body("} else", orelse)
            case rir.While(cond=cond, body=body, label=label):
                self.body(f"{_label(label)}while {self.bare(cond)}", body)
            case rir.Loop(body=body, label=label):
                self.body(f"{_label(label)}loop", body)
            case rir.For(pattern=pat, iter=it, body=body, label=label):
                self.body(f"{_label(label)}for {pat} in {self.bare(it)}", body)
            case rir.Labeled(label=label, body=body):
                self.body(f"'{label}:" if label else "", body)
            case rir.Break(label=label):
                self.line(f"break{f' {chr(39)}{label}' if label else ''};")
            case rir.Continue(label=label):
                self.line(f"continue{f' {chr(39)}{label}' if label else ''};")
            case rir.Return(value=value):
                self.line(f"return {self.bare(value)};")
            case _:
                assert_never(s)

    def if_(self, s: rir.If, keyword: str) -> None:
        orelse = s.orelse
        chained = len(orelse) >= 1 and isinstance(orelse[-1], rir.If) and all(
            isinstance(x, rir.Comment) for x in orelse[:-1])
        self.body(f"{keyword} {self.bare(s.cond)}", s.then, "" if orelse else "}")
        if chained:
            self.depth += 1
            for c in orelse[:-1]:
                self.stmt(c)
            self.depth -= 1
            nxt = orelse[-1]
            assert isinstance(nxt, rir.If)
            self.if_(nxt, "} else if")
        elif orelse:
            self.body("} else", orelse)

    # ----------------------------------------------------------- expressions

    def expr(self, e: rir.RExpr) -> str:
        match e:
            case rir.Code(text=text):
                return text
            case rir.Var(name=name):
                return name
            case rir.Owned(value=v, how=how):
                if self.explicit:
                    return f"{how.value} {self.postfix(v)}"
                if how is Own.MOVE:
                    return self.expr(v)
                if how is Own.DEREF:
                    return f"*{self.postfix(v)}"
                return f"{self.postfix(v)}.{'clone' if how is Own.CLONE else 'to_owned'}()"
            case rir.Borrow(value=rir.Macro(name="vec", args=args), mutable=False):
                # a borrowed literal list is a slice literal
                return self.expr(rir.Borrow(rir.Macro("", args, "[]")))
            case rir.Borrow(value=v, mutable=mutable):
                return f"&{'mut ' if mutable else ''}{self.postfix(v)}"
            case rir.Template(op=op, parts=parts):
                out = []
                for i, p in enumerate(parts):
                    if isinstance(p, str):
                        out.append(p)
                        continue
                    nxt = parts[i + 1] if i + 1 < len(parts) else ""
                    prev = parts[i - 1] if i > 0 else ""
                    if isinstance(nxt, str) and nxt.startswith("."):
                        # a method call borrows its receiver itself
                        if isinstance(p, rir.Borrow) and not p.mutable and not self.explicit:
                            p = p.value
                        code = self.postfix(p)
                    elif isinstance(prev, str) and isinstance(nxt, str) \
                            and prev.rstrip().endswith(("(", ",")) \
                            and nxt.lstrip().startswith((")", ",")):
                        code = self.bare(p)  # an argument
                    else:
                        code = self.expr(p)
                        if isinstance(nxt, str) and nxt.startswith("[") and \
                                code.startswith("*"):
                            code = f"({code})"  # `(*acc)[i]`: indexing binds tighter
                    out.append(code)
                text = "".join(out)
                return f"op[{op}]{{ {text} }}" if self.explicit else text
            case rir.Call(func=func, args=args):
                return f"{func}({', '.join(self.bare(a) for a in args)})"
            case rir.MethodCall(receiver=r, method=m, args=args):
                if isinstance(r, rir.Borrow) and not r.mutable and not self.explicit:
                    r = r.value  # a method call borrows its receiver itself
                return f"{self.postfix(r)}.{m}({', '.join(self.bare(a) for a in args)})"
            case rir.Field(value=v, index=i):
                return f"{self.postfix(v)}.{i}"
            case rir.Try(value=v, err=err, label=label):
                if label is None:
                    return f"{self.postfix(v)}?"
                return f"crate::pc_catch!({self.expr(v)}, {err}, '{label})"
            case rir.Not(value=v):
                return f"!{self.postfix(v)}"
            case rir.Logic(op=op, operands=ops):
                return f" {op} ".join(self.operand(x) for x in ops)
            case rir.Cast(value=v, type=ty):
                return f"{self.postfix(v)} as {ty}"
            case rir.IfExpr(cond=c, then=t, orelse=o):
                return f"if {self.bare(c)} {{ {self.bare(t)} }} else {{ {self.bare(o)} }}"
            case rir.Block(stmts=stmts, tail=tail):
                return self.block(stmts, tail)
            case rir.Closure(params=params, ret=ret, body=body, moves=moves, is_async=is_async):
                ps = ", ".join(f"{n}: {t}" if t else n for n, t in params)
                head = f"{'move ' if moves else ''}|{ps}|"
                if is_async:
                    return f"{head} async move {self.as_block(body)}"
                if not ret:
                    return f"{head} {self.as_block(body)}"
                return f"{head} -> {ret} {{ {self.bare(body)} }}"
            case rir.Await(value=v):
                return f"{self.postfix(v)}.await"
            case rir.Macro(name=name, args=args, brackets=br):
                inner = ", ".join(a if isinstance(a, str) else self.bare(a) for a in args)
                return f"{name}!{br[0]}{inner}{br[1]}" if name else f"{br[0]}{inner}{br[1]}"
            case rir.TupleExpr(items=items):
                if len(items) == 1:
                    return f"({self.expr(items[0])},)"
                return "(" + ", ".join(self.expr(x) for x in items) + ")"
        assert_never(e)

    def block(self, stmts: tuple[rir.Stmt, ...], tail: rir.RExpr | None) -> str:
        saved, depth = self.lines, self.depth
        self.lines, self.depth = [], depth + 1
        try:
            self.stmts(stmts)
            if tail is not None:
                self.line(self.expr(tail))
            inner = self.lines
        finally:
            self.lines, self.depth = saved, depth
        return "{\n" + "\n".join(inner) + "\n" + "    " * depth + "}"

    def as_block(self, e: rir.RExpr) -> str:
        """`e` as a block (`{ ... }`): a closure or async body."""
        if isinstance(e, rir.Block):
            return self.block(e.stmts, e.tail)
        return f"{{ {self.bare(e)} }}"

    def bare(self, e: rir.RExpr) -> str:
        """`e` where nothing binds to it (a statement's value, an argument, a condition):
        without the parentheses around the whole of it."""
        code = self.expr(e)
        return code if self.explicit else strip_parens(code)

    def postfix(self, e: rir.RExpr) -> str:
        """`e` where a method call, `?`, `!`, `&` or `as` applies to it."""
        code = self.expr(e)
        return code if is_atom(code) else f"({code})"

    def operand(self, e: rir.RExpr) -> str:
        """`e` as an operand of `&&`/`||`."""
        code = self.expr(e)
        if isinstance(e, (rir.Not, rir.Borrow)) or is_atom(code):
            return code
        return f"({code})"


def is_atom(code: str) -> bool:
    """Whether Rust text is a primary expression (a path, literal, call, method call,
    field, macro, or bracketed group) that a postfix operator binds to as a whole."""
    code = code.strip()
    if not code:
        return False
    depth = 0
    i = 0
    n = len(code)
    if code[0] in "&*!-" or code.startswith(("if ", "match ", "loop ", "|", "move ")):
        return code[0] == "(" or False
    while i < n:
        c = code[i]
        if c == '"':
            i += 1
            while i < n and code[i] != '"':
                i += 2 if code[i] == "\\" else 1
        elif c == "'" and depth == 0:
            return False
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and not (c.isalnum() or c in "_:.?!"):
            return False
        i += 1
    return not code.startswith("{")


def strip_parens(code: str) -> str:
    """`(x)` without the outer parentheses, when they enclose the whole of it."""
    while code.startswith("(") and code.endswith(")"):
        depth = 0
        i = 0
        while i < len(code):
            c = code[i]
            if c == '"':
                i += 1
                while i < len(code) and code[i] != '"':
                    i += 2 if code[i] == "\\" else 1
            elif c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
                if depth == 0 and i != len(code) - 1:
                    return code
            elif c == "," and depth == 1:
                return code  # a tuple
            i += 1
        inner = code[1:-1]
        if not inner.strip():
            return code
        code = inner
    return code


def _label(label: str | None) -> str:
    return f"'{label}: " if label else ""


def print_fn(f: rir.Fn) -> str:
    return "\n".join(Printer().fn(f))


def print_lowered(f: rir.Fn) -> str:
    return "\n".join(Printer(explicit=True).fn(f))
