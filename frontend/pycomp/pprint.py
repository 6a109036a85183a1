"""The canonical text form of the IR, and a Graphviz rendering of it.

`pycomp trace` prints these; the lowering and inference golden tests compare them.
"""

from __future__ import annotations

from pycomp import ir
from pycomp.types import Type


def _t(ty: Type | None) -> str:
    return f": {ty}" if ty is not None else ""


def expr(e: ir.Expr | None) -> str:
    if e is None:
        return "_"
    match e:
        case ir.Const(value=v, ty=ty):
            return f"{v!r}{_t(ty)}"
        case ir.Name(id=name, ty=ty):
            return f"{name}{_t(ty)}"
        case ir.Attribute(value=v, attr=a):
            return f"{expr(v)}.{a}"
        case ir.BinOp(op=op, left=a, right=b):
            return f"({expr(a)} {op} {expr(b)})"
        case ir.UnaryOp(op=op, operand=x, ty=ty):
            return f"({op} {expr(x)}){_t(ty)}"
        case ir.BoolOp(op=op, values=vs, ty=ty):
            return f"({f' {op} '.join(expr(v) for v in vs)}){_t(ty)}"
        case ir.Compare(left=left, ops=ops, comparators=cs, ty=ty):
            if ty is not None:
                return "(" + " and ".join(expr(c) for c in cs) + f"){_t(ty)}"
            parts = [expr(left)]
            for o, c in zip(ops, cs):
                parts += [o, expr(c)]
            return "(" + " ".join(parts) + ")"
        case ir.IfExp(test=t, body=b, orelse=o, ty=ty):
            return f"({expr(b)} if {expr(t)} else {expr(o)}){_t(ty)}"
        case ir.Call(func=f, args=args, keywords=kws):
            parts = [expr(a) for a in args] + [f"{k.name}={expr(k.value)}" for k in kws]
            return f"{expr(f)}({', '.join(parts)})"
        case ir.Subscript(value=v, index=i, ty=ty):
            return f"{expr(v)}[{expr(i)}]{_t(ty)}"
        case ir.Slice(value=v, lower=lo, upper=up, step=st):
            return f"{expr(v)}[{expr(lo)}:{expr(up)}:{expr(st)}]"
        case ir.ListLit(elts=es, ty=ty):
            return "[" + ", ".join(expr(x) for x in es) + f"]{_t(ty)}"
        case ir.TupleLit(elts=es, ty=ty):
            return "(" + ", ".join(expr(x) for x in es) + f",){_t(ty)}"
        case ir.SetLit(elts=es, ty=ty):
            return "{" + ", ".join(expr(x) for x in es) + f"}}{_t(ty)}"
        case ir.DictLit(keys=ks, values=vs, ty=ty):
            return "{" + ", ".join(f"{expr(k)}: {expr(v)}" for k, v in zip(ks, vs)) + \
                f"}}{_t(ty)}"
        case ir.Comprehension(kind=kind, elt=elt, key=key, generators=gens, ty=ty):
            head = f"{expr(key)}: {expr(elt)}" if key is not None else expr(elt)
            fors = " ".join(f"for {target(g.target)} in {expr(g.iter)}"
                            + "".join(f" if {expr(c)}" for c in g.conds) for g in gens)
            return f"{kind}-comp[{head} {fors}]{_t(ty)}"
        case ir.Lambda(params=ps, body=b, ty=ty):
            return f"(lambda {', '.join(ps)}: {expr(b)}){_t(ty)}"
        case ir.FString(parts=parts, ty=ty):
            inner = "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                            else "{" + expr(p.value)
                            + (f"!{p.conversion}" if p.conversion else "")
                            + (f":{p.spec if isinstance(p.spec, str) else expr(p.spec)}"
                               if p.spec else "") + "}" for p in parts)
            return f"f{inner!r}{_t(ty)}"
        case ir.OpCall(op=op, args=args, ty=ty):
            return f"op[{op.name}]({', '.join(f'{k}={expr(v)}' for k, v in args)}){_t(ty)}"
        case ir.UserCall(func=f, args=args, ty=ty):
            return f"call[{f}]({', '.join(expr(a) for a in args)}){_t(ty)}"
        case ir.Coerce(value=v, ty=ty, method=method) if method:
            return f"receiver[{method}]({expr(v)}){_t(ty)}"
        case ir.Coerce(value=v, ty=ty):
            return f"coerce({expr(v)}){_t(ty)}"
        case ir.NdIndex(value=v, items=items, ty=ty):
            return f"{expr(v)}[{', '.join(expr(i) for i in items)}]{_t(ty)}"
        case ir.SliceItem(lower=lo, upper=up, step=st):
            return f"{expr(lo)}:{expr(up)}:{expr(st)}"
        case ir.EllipsisLit():
            return "..."
        case ir.DTypeLit(name=n):
            return f"dtype[{n}]"
        case ir.DeferredTruth(value=v, ty=ty):
            return f"truth?({expr(v)}){_t(ty)}"
        case ir.IsInstance(value=v, classes=cs, ty=ty):
            return f"isinstance({expr(v)}, {'|'.join(cs)}){_t(ty)}"
        case ir.FieldGet(value=v, attr=a, ty=ty):
            return f"({expr(v)}).{a}{_t(ty)}"
        case ir.New(cls=c, args=args, ty=ty):
            return f"new[{c}]({', '.join(expr(a) for a in args)}){_t(ty)}"
        case ir.EnumMember(cls=c, member=m, ty=ty):
            return f"{c}.{m}{_t(ty)}"
        case ir.EnumOp(cls=c, kind=k, arg=a, ty=ty):
            return f"enum[{c}.{k}]({expr(a) if a is not None else ''}){_t(ty)}"
        case ir.ObjIs(left=a, right=b, ty=ty):
            return f"({expr(a)} is {expr(b)}){_t(ty)}"
    return f"<{type(e).__name__}>"


def target(t: ir.Target) -> str:
    match t:
        case ir.NameTarget(id=name, ty=ty, declare=d):
            return f"{'let ' if d else ''}{name}{_t(ty)}"
        case ir.TupleTarget(elts=es, star=star):
            return "(" + ", ".join(("*" if i == star else "") + target(x)
                                   for i, x in enumerate(es)) + ")"
        case ir.SubscriptTarget(value=v, index=i):
            return f"{expr(v)}[{expr(i)}]"
        case ir.AttrTarget(value=v, attr=a, ty=ty, setter=setter):
            return f"({expr(v)}).{a}{_t(ty)}" + (f" via {setter}" if setter else "")
    return "?"


def stmts(body: tuple[ir.Stmt, ...], indent: int) -> list[str]:
    out: list[str] = []
    pad = "    " * indent
    for s in body:
        match s:
            case ir.Assign(targets=ts, value=v):
                out.append(pad + " = ".join(target(t) for t in ts) + f" = {expr(v)}")
            case ir.AugAssign(target=t, op=op, value=v):
                out.append(pad + f"{target(t)} {op}= {expr(v)}")
            case ir.ExprStmt(value=v):
                out.append(pad + expr(v))
            case ir.If(test=t, body=b, orelse=o):
                out.append(pad + f"if {expr(t)}:")
                out += stmts(b, indent + 1)
                if o:
                    out.append(pad + "else:")
                    out += stmts(o, indent + 1)
            case ir.While(test=t, body=b, orelse=o):
                out.append(pad + f"while {expr(t)}:")
                out += stmts(b, indent + 1)
                if o:
                    out.append(pad + "else:")
                    out += stmts(o, indent + 1)
            case ir.For(target=t, iter=it, body=b, orelse=o):
                out.append(pad + f"for {target(t)} in {expr(it)}:")
                out += stmts(b, indent + 1)
                if o:
                    out.append(pad + "else:")
                    out += stmts(o, indent + 1)
            case ir.Break():
                out.append(pad + "break")
            case ir.Continue():
                out.append(pad + "continue")
            case ir.Pass():
                out.append(pad + "pass")
            case ir.Return(value=v):
                out.append(pad + f"return {expr(v)}" if v is not None else pad + "return")
            case ir.Raise(exc=exc, message=m):
                out.append(pad + f"raise {exc or ''}({expr(m) if m is not None else ''})")
            case ir.Try(body=b, handlers=hs, orelse=o, finalbody=f):
                out.append(pad + "try:")
                out += stmts(b, indent + 1)
                for h in hs:
                    name = f" as {h.name}" if h.name else ""
                    out.append(pad + f"except ({', '.join(h.classes)}){name}:")
                    out += stmts(h.body, indent + 1)
                if o:
                    out.append(pad + "else:")
                    out += stmts(o, indent + 1)
                if f:
                    out.append(pad + "finally:")
                    out += stmts(f, indent + 1)
            case ir.Assert(test=t, msg=m):
                out.append(pad + f"assert {expr(t)}, {expr(m)}")
            case ir.Del(target=t):
                out.append(pad + f"del {target(t)}")
            case ir.Yield(value=v, delegate=d):
                out.append(pad + ("yield from " if d else "yield ") + expr(v))
    return out


def module(mod: ir.Module) -> str:
    out = [f"module {mod.name}"]
    for imp in mod.imports:
        out.append(f"import {imp.module} as {imp.alias}" + (
            f" ({', '.join(imp.names)})" if imp.names else ""))
    for c in mod.constants:
        out.append(f"const {c.name}{_t(c.annotation)} = {expr(c.value)}")
    for k in mod.classes:
        base = f"({k.base})" if k.base else ""
        flags = "".join(f" {f}" for f, on in (("frozen", k.frozen), ("order", k.order),
                                                ("abstract", k.abstract)) if on)
        out.append(f"{k.kind} {k.name}{base}{flags}:")
        for fd in k.fields:
            out.append(f"    field {fd.name}{_t(fd.annotation)}"
                       + (f" = {expr(fd.default)}" if fd.default is not None else "")
                       + (f" = {fd.factory}()" if fd.factory else ""))
        for c in k.consts:
            out.append(f"    const {c.name} = {expr(c.value)}")
        if k.methods:
            out.append(f"    methods {', '.join(k.methods)}")
    for x in mod.exceptions:
        out.append(f"exception {x.name}({x.base})")
    for fn in mod.functions:
        params = ", ".join(f"{p.name}{_t(p.annotation)}"
                           + (f" = {expr(p.default)}" if p.default is not None else "")
                           for p in fn.params)
        entry = "entry " if fn.is_entry else ""
        out.append(f"{entry}def {fn.name}({params}) -> {fn.returns}:")
        for name, t in fn.locals:
            out.append(f"    local {name}: {t}")
        out += stmts(fn.body, 1)
    return "\n".join(out) + "\n"


def dot(mod: ir.Module) -> str:
    """The typed IR as a Graphviz digraph: one cluster per function, statements in order."""
    lines = ["digraph pycomp {", '  node [shape=box, fontname="monospace"];']
    n = 0
    for fn in mod.functions:
        lines.append(f'  subgraph "cluster_{fn.name}" {{')
        lines.append(f'    label="{fn.name}";')
        prev = None
        for text in stmts(fn.body, 0):
            n += 1
            label = text.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'    n{n} [label="{label}"];')
            if prev is not None:
                lines.append(f"    n{prev} -> n{n};")
            prev = n
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"
