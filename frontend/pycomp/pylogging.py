"""The `logging` module as inference code uses it (opslib/logging.toml,
templates/runtime_optional/logging.rs).

`logger.info(msg, *args)` (and debug, warning, error, critical, log) and the module's
functions (`logging.info(...)`) become a test of the level and the write of the message,
`msg % args` formatted as CPython's `LogRecord.getMessage` does, only when the level is
enabled: `if logger.isEnabledFor(INFO): logger._emit(INFO, msg % args)`. Arguments that
are names or constants are read inside that test (their reading has no effect, so the
work of formatting is skipped as in CPython); other arguments are evaluated at the call,
as CPython evaluates them, and formatted there. `basicConfig`'s keywords are checked here:
what the runtime does not implement (files, handlers, styles, dates) is refused with a
diagnostic.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pycomp import ir
from pycomp.types import BOOL, INT, STR, ErrT, IntT, OpaqueT

if TYPE_CHECKING:
    from pycomp.diagnostics import Span
    from pycomp.infer import FunctionInferrer

# logging's level constants, folded to ints
LEVELS = {"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30, "INFO": 20,
          "DEBUG": 10, "NOTSET": 0}
# the level methods of a logger and the module's functions of the same names
METHODS = {"debug": 10, "info": 20, "warning": 30, "error": 40, "critical": 50}
LOGGER = OpaqueT("Logger")
# the record fields a basicConfig format may name (others vary between runs or are
# not kept: asctime, created, thread, process, pathname, lineno, ...)
FIELDS = ("name", "levelname", "levelno", "message")
_FIELD = re.compile(r"%\((?P<key>[^)]*)\)(?P<flags>[-#0 +]*)(?P<width>\d*)(?P<prec>\.\d*)?"
                    r"(?P<conv>.?)")
UNSUPPORTED_HELP = ("pycomp compiles loggers from `logging.getLogger`, `basicConfig(level=, "
                    "format=, stream=sys.stderr|sys.stdout, force=)` and the level methods")


def _pure(e: ir.Expr) -> bool:
    return isinstance(e, (ir.Name, ir.Const))


def _is_logger(fi: FunctionInferrer, e: ir.Expr) -> bool:
    """`e` names a Logger (a local or a module constant) or makes one (`logging.getLogger(
    name)`), seen without typing it twice."""
    if isinstance(e, ir.Call):
        return fi.qualified_name(e.func) == "logging.getLogger"
    if not isinstance(e, ir.Name):
        return False
    if e.id in fi.vars:
        return fi.subst.resolve(fi.vars[e.id].ty) == LOGGER  # type: ignore[arg-type]
    c = fi.p.info.constants.get(e.id)
    return c is not None and c[1] == LOGGER


def _is_logging_module(fi: FunctionInferrer, e: ir.Expr) -> bool:
    return isinstance(e, ir.Name) and e.id not in fi.vars and \
        fi.p.info.modules.get(e.id) == "logging"


def log_stmt(fi: FunctionInferrer, call: ir.Expr, span: Span) -> ir.Stmt | None:
    """A call of a level method as a statement, or None when `call` is not one."""
    if not (isinstance(call, ir.Call) and isinstance(call.func, ir.Attribute)):
        return None
    method = call.func.attr
    recv = call.func.value
    root = _is_logging_module(fi, recv)
    if not root and not _is_logger(fi, recv):
        return None
    if method == "exception":
        fi.sink.error("E040", "`logger.exception` is not compiled: its traceback names "
                              "CPython's frames and files", call.func.span,
                      help="log the error's message: `logger.error(\"failed: %s\", e)`")
        return ir.Pass(span)
    if method not in METHODS and method != "log":
        return None
    args = list(call.args)
    if any(k.name in ("*", "**") for k in call.keywords):
        fi.sink.error("E042", "`*args` in a logging call is not compiled", call.span,
                      help="pass the arguments one by one")
        return ir.Pass(span)
    for k in call.keywords:
        fi.sink.error("E042", f"`{k.name}=` of a logging call is not compiled", k.span,
                      help="pycomp compiles the message and its `%` arguments")
        return ir.Pass(span)
    level: ir.Expr
    if method == "log":
        if not args:
            fi.sink.error("E042", "`log` takes a level and a message", call.span)
            return ir.Pass(span)
        level = fi.expr(args.pop(0))
        if not isinstance(fi.subst.resolve(level.ty), (IntT, ErrT)):  # type: ignore[arg-type]
            fi.sink.error("E030", f"a logging level must be an int, not `{level.ty}`",
                          level.span, help="use logging.INFO and the like")
            return ir.Pass(span)
    else:
        level = ir.Const(METHODS[method], call.func.span, INT)
    if not args:
        fi.sink.error("E042", f"`{method}` takes a message", call.span)
        return ir.Pass(span)
    msg, rest = args[0], args[1:]
    lazy = _pure(level) and all(_pure(a) for a in rest)
    text = _message(fi, msg, rest, span)
    if text is None:
        return ir.Pass(span)
    logger = None if root else fi.expr(recv)
    if root:
        emit = fi.resolve_op("logging._root_emit", [level, text], {}, span)
    else:
        emit = fi.resolve_op("logging._emit", [logger, level, text], {}, span)  # type: ignore[list-item]
    if not lazy:
        return ir.ExprStmt(emit, span)
    test = fi.resolve_op("logging._root_enabled", [level], {}, span) if root else \
        fi.resolve_op("Logger.isEnabledFor", [logger, level], {}, span, method=True)  # type: ignore[list-item]
    return ir.If(test, (ir.ExprStmt(emit, span),), (), span)


def _message(fi: FunctionInferrer, msg: ir.Expr, args: list[ir.Expr],
             span: Span) -> ir.Expr | None:
    """`LogRecord.getMessage()`: `str(msg)`, then `% args` when there are arguments."""
    from pycomp import strformat

    if not args:
        return fi.str_of(fi.expr(msg))
    if not (isinstance(msg, ir.Const) and isinstance(msg.value, str)):
        fi.sink.error("E042", "a logging message with arguments must be a string literal",
                      msg.span, help="write the format where the call is: "
                                     "`logger.info(\"loaded %d rows\", n)`")
        return None
    rhs = ir.TupleLit(tuple(args), span)
    return strformat.percent_format(fi, msg.value, rhs, span)


def basic_config(fi: FunctionInferrer, call: ir.Call, span: Span) -> ir.Expr:
    """`logging.basicConfig(level=, format=, stream=, force=)`."""
    err = ir.Const(None, span, ErrT())
    if call.args:
        fi.sink.error("E042", "basicConfig takes keyword arguments only", call.span,
                      help="CPython raises TypeError; write `basicConfig(level=logging.INFO)`")
        return err
    level: ir.Expr = ir.Const(-1, span, INT)
    fmt: ir.Expr = ir.Const("", span, STR)
    to_stdout = False
    force: ir.Expr = ir.Const(False, span, BOOL)
    for k in call.keywords:
        if k.name == "level":
            level = fi.expr(k.value)
            if not isinstance(fi.subst.resolve(level.ty), (IntT, ErrT)):  # type: ignore[arg-type]
                fi.sink.error("E030", f"a logging level must be an int, not `{level.ty}`",
                              k.span, help="use logging.INFO and the like")
                return err
        elif k.name == "format":
            if not (isinstance(k.value, ir.Const) and isinstance(k.value.value, str)):
                fi.sink.error("E042", "basicConfig's format must be a string literal",
                              k.value.span, help="pycomp checks the format's fields when "
                                                 "it compiles")
                return err
            why = check_format(k.value.value)
            if why is not None:
                fi.sink.error("E042", why, k.value.span,
                              help=f"a format may hold {', '.join(f'%({f})s' for f in FIELDS)}"
                                   " with a width (`%(levelname)-8s`)")
                return err
            fmt = fi.expr(k.value)
        elif k.name == "stream":
            q = fi.qualified_name(k.value)
            if q not in ("sys.stderr", "sys.stdout"):
                fi.sink.error("E042", "basicConfig's stream must be `sys.stderr` or "
                                      "`sys.stdout`", k.value.span, help=UNSUPPORTED_HELP)
                return err
            to_stdout = q == "sys.stdout"
        elif k.name == "force":
            force = fi.cond(k.value)
        else:
            fi.sink.error("E042", f"basicConfig's `{k.name}=` is not compiled", k.span,
                          help=UNSUPPORTED_HELP)
            return err
    return fi.resolve_op("logging._basic_config",
                         [level, fmt, ir.Const(to_stdout, span, BOOL), force], {}, span)


def check_format(fmt: str) -> str | None:
    """Why the runtime cannot write `fmt` as CPython's `%`-style Formatter does, or None."""
    fields = 0
    rest = fmt.replace("%%", "")
    for m in _FIELD.finditer(rest):
        key, conv = m.group("key"), m.group("conv")
        if key not in FIELDS:
            return f"the format field `%({key})` is not compiled" + (
                " (it differs between runs)" if key in ("asctime", "created", "msecs",
                                                        "relativeCreated", "thread",
                                                        "process") else "")
        if m.group("flags") not in ("", "-") or m.group("prec") or \
                conv not in ("s", "d" if key == "levelno" else "s"):
            return f"the format field `{m.group(0)}` is not compiled"
        fields += 1
    if "%" in _FIELD.sub("", rest):
        return "a `%` of this format is not a `%(field)s` (CPython's Formatter refuses it " \
               "or writes it differently)"
    if not fields:
        return f"this format names no `%(field)s`: CPython raises ValueError (Invalid format " \
               f"'{fmt}' for '%' style)"
    return None


def unsupported(fi: FunctionInferrer, name: str, span: Span) -> ir.Expr:
    """A diagnostic for the logging names pycomp does not compile (handlers, formatters)."""
    fi.sink.error("E040", f"`{name}` is not compiled", span, help=UNSUPPORTED_HELP)
    return ir.Const(None, span, ErrT())

