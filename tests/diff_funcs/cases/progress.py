"""Progress and report lines printed as the work goes, compared byte for byte."""

import sys


def count_with_progress(items: list[str], every: int) -> int:
    done = 0
    for item in items:
        done += 1
        if done % every == 0:
            print(f"processed {done}/{len(items)}: {item}")
    print("done", done, sep=": ")
    return done


def table(rows: list[tuple[str, float]]) -> None:
    print("name", "score", sep="\t")
    for name, score in rows:
        print(name, f"{score:.2f}", sep="\t")
    if not rows:
        print("(empty)", file=sys.stderr)


def dots(n: int) -> int:
    for i in range(n):
        print(".", end="", flush=True)
    print()
    if n < 0:
        raise ValueError(f"negative count {n}")
    return n


def warn_bad(values: list[int]) -> list[int]:
    good = []
    for v in values:
        if v < 0:
            print("warning: dropping", v, file=sys.stderr)
            continue
        good.append(v)
    return good


def mixed_args(n: int, x: float, s: str, flag: bool) -> None:
    print(n, x, s, flag, None, [n, s], (x,), {s: n})
    print()
    print(end="")
    print("a", "b", "c", sep="")
    print("no newline", end=" | ")
    print("then one")


def print_ratio(a: int, b: int) -> float:
    print("computing", a, "/", b)
    r = a / b
    print("ratio", r)
    return r


def separators(words: list[str], sep: str) -> str:
    print(words[0], words[-1], sep=sep, end=sep + "\n")
    return sep.join(words)
