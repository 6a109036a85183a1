"""Starred targets: heads, tails and the middle of rows and split lines."""


def head_tail(xs: list[int]) -> tuple[int, list[int]]:
    first, *rest = xs
    return first, rest


def command_args(line: str) -> str:
    cmd, *args = line.split()
    return f"{cmd.upper()}({', '.join(args)})"


def init_last(path: str) -> tuple[str, str]:
    *dirs, name = path.split("/")
    return "/".join(dirs), name


def strip_ends(tokens: list[str]) -> list[str]:
    bos, *body, eos = tokens
    return body if bos == "<s>" and eos == "</s>" else tokens


def two_and_rest(line: str) -> str:
    key, value, *extra = line.split(",")
    return f"{key}={value} (+{len(extra)})"


def row_totals(rows: list[list[int]]) -> list[tuple[int, int]]:
    out = []
    for label, *values in rows:
        out.append((label, sum(values)))
    return out


def last_two(xs: list[float]) -> float:
    *_, a, b = xs
    return b - a


def chars(word: str) -> str:
    first, *middle, last = word
    return first + str(len(middle)) + last
