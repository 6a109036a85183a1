"""`e.args` and fields of exceptions the runtime raises from files and JSON:
`OSError`'s `errno`/`strerror`/`filename` and `(errno, strerror)` args for `open()` of a
missing file (also raised to the caller), `json.JSONDecodeError`'s `msg`/`pos`/`lineno`/
`colno`; builtin classes raised by the code with a value that is not a string
(`raise ValueError(n)`, `raise KeyError(k)`: `e.args` holds the value)."""

import json


def read_missing(path: str) -> str:
    try:
        with open(path) as f:
            return f.read()
    except OSError as e:
        return f"{e.args!r} errno={e.errno} strerror={e.strerror} filename={e.filename} {e!r}"


def read_missing_file(path: str) -> str:
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError as e:
        return f"{e.errno} {e.strerror!r} {e.filename!r} {e!s}"


def decode(text: str) -> str:
    try:
        return repr(json.loads(text))
    except json.JSONDecodeError as e:
        return f"{e.args!r} {e.msg} pos={e.pos} line={e.lineno} col={e.colno}"


def decode_value_error(text: str) -> str:
    try:
        return repr(json.loads(text))
    except ValueError as e:
        return f"{type(e).__name__} {e.args!r}"


def raised_int(n: int) -> str:
    try:
        if n < 0:
            raise ValueError(n)
        if n == 0:
            raise KeyError(n)
        if n == 1:
            raise IndexError
        if n == 2:
            raise RuntimeError("two", )
        return "ok"
    except Exception as e:
        return f"{type(e).__name__} {e.args!r} {str(e)!r} {e!r}"


def raised_key(k: str) -> str:
    try:
        raise KeyError(k)
    except KeyError as e:
        return f"{e.args!r} {e!s} {e.args[0] == k}"


def escape_open(path: str) -> str:
    with open(path) as f:
        return f.read()


def checked(n: int) -> int:
    if n < 0:
        raise ValueError(n)
    if n == 0:
        raise KeyError(n)
    return n * 2
