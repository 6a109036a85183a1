"""Private helpers changing a list, dict, set or deque parameter in place (issue 10): the
accumulator idiom (`_collect(words, out)`), recursive walkers filling a list, a DFS
passing its `seen` set down, counts dicts updated by a helper, a method filling a list,
a helper changing an item of the caller's container, a nested function changing a
private function's parameter, and helpers raising midway: the caller sees every change
made before the exception, as in CPython.
"""

from collections import deque
from collections.abc import Iterator
from typing import Any


def _collect(words: list[str], out: list[str], n: int) -> None:
    for w in words:
        if len(w) >= n:
            out.append(w.lower())


def collect_all(docs: list[list[str]], n: int) -> list[str]:
    out: list[str] = []
    for d in docs:
        _collect(d, out, n)
    return out


def _walk(node: dict[str, Any], acc: list[str], depth: int) -> None:
    if depth > 3:
        raise RecursionError(f"too deep at {node['name']}")
    acc.append("  " * depth + str(node["name"]))
    for child in node.get("children", []):
        _walk(child, acc, depth + 1)


def outline(tree: dict[str, Any]) -> list[str]:
    acc: list[str] = []
    try:
        _walk(tree, acc, 0)
    except RecursionError as e:
        acc.append(f"! {e}")
    return acc


def _dfs(graph: dict[int, list[int]], v: int, seen: set[int], order: list[int]) -> None:
    if v in seen:
        return
    seen.add(v)
    order.append(v)
    for w in graph[v]:
        _dfs(graph, w, seen, order)


def dfs_order(graph: dict[int, list[int]], start: int) -> tuple[list[int], int]:
    seen: set[int] = set()
    order: list[int] = []
    _dfs(graph, start, seen, order)
    return order, len(seen)


def _count(words: list[str], counts: dict[str, int]) -> None:
    for w in words:
        counts[w] = counts.get(w, 0) + 1


def _count_lines(lines: list[str], counts: dict[str, int]) -> None:
    for line in lines:
        _count(line.split(), counts)


def word_counts(lines: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    _count_lines(lines, counts)
    return counts


def _double_all(xs: list[int], out: list[int]) -> None:
    for x in xs:
        if x < 0:
            raise ValueError(f"negative value {x} after {len(out)} items")
        out.append(x * 2)


def doubled_partial(xs: list[int]) -> tuple[list[int], str]:
    out: list[int] = [0]
    try:
        _double_all(xs, out)
    except ValueError as e:
        return out, str(e)
    return out, "ok"


def doubled_raises(xs: list[int]) -> list[int]:
    out: list[int] = []
    _double_all(xs, out)
    return out


def _group(words: list[str], groups: dict[int, list[str]]) -> None:
    for w in words:
        groups.setdefault(len(w), []).append(w)


def _mark(row: list[str], tag: str) -> None:
    row.append(tag)


def grouped(words: list[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    _group(words, groups)
    for k in sorted(groups):
        _mark(groups[k], f"#{k}")
    return groups


def _set_row(grid: list[list[int]], i: int, v: int) -> None:
    grid[i].append(v)


def fill_rows(n: int, extra: int) -> list[list[int]]:
    grid: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        _set_row(grid, i, i * i)
    _set_row(grid, extra, -1)
    return grid


def _drain(q: deque[int], acc: list[int], limit: int) -> None:
    while q:
        if len(acc) >= limit:
            raise IndexError(f"limit {limit} reached")
        acc.append(q.popleft())


def drained(xs: list[int], limit: int) -> tuple[list[int], list[int]]:
    q: deque[int] = deque(xs)
    acc: list[int] = []
    try:
        _drain(q, acc, limit)
    except IndexError:
        acc.append(-1)
    return acc, list(q)


class Prefixer:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def fill(self, words: list[str], out: list[str]) -> None:
        for w in words:
            out.append(self.prefix + w)


def prefixed(words: list[str], prefix: str) -> list[str]:
    p = Prefixer(prefix)
    out: list[str] = []
    p.fill(words, out)
    p.fill(words[:1], out)
    return out


def _visit_all(xs: list[int], out: list[int]) -> None:
    def visit(x: int) -> None:
        out.append(x)
        if x > 1:
            visit(x // 2)

    for x in xs:
        visit(x)


def halvings(xs: list[int]) -> list[int]:
    out: list[int] = []
    _visit_all(xs, out)
    return out


def _add_unique(seen: set[str], out: list[str], w: str) -> bool:
    if w in seen:
        return False
    seen.add(w)
    out.append(w)
    return True


def dedupe(words: list[str]) -> tuple[list[str], int]:
    seen: set[str] = set()
    out: list[str] = []
    added = 0
    for w in words:
        if _add_unique(seen, out, w.strip().lower()):
            added += 1
    return out, added


def _extend_from(out: list[int], n: int, before: int) -> None:
    out.extend(range(n))
    out.append(before)


def sizes_before(n: int) -> list[int]:
    out: list[int] = [7]
    _extend_from(out, n, len(out))
    _extend_from(out, 1, len(out))
    return out


def _grow(acc: list[int], limit: int) -> None:
    for x in acc:
        if x < limit:
            acc.append(x * 2 + 1)


def worklist(xs: list[int], limit: int) -> list[int]:
    acc = list(xs)
    _grow(acc, limit)
    return acc


def _reshape(acc: list[int], d: dict[str, int]) -> None:
    acc.sort()
    del acc[0]
    acc.insert(0, -1)
    acc[1] = acc[1] + 100
    d["n"] = len(acc)
    d["n"] += 1
    del d["x"]


def reshaped(xs: list[int]) -> tuple[list[int], dict[str, int]]:
    acc = list(xs)
    d = {"x": 1}
    try:
        _reshape(acc, d)
    except IndexError:
        return acc, d
    return acc, d


def _emit(out: list[int], x: int) -> int:
    if x < 0:
        raise ValueError(f"negative {x}")
    out.append(x)
    return len(out)


def emitted(xs: list[int]) -> Iterator[int]:
    out: list[int] = []
    for x in xs:
        yield _emit(out, x)
    yield sum(out)


def _flatten_into(rows: list[list[int]], out: list[int] | None = None) -> list[int]:
    if out is None:
        out = []
    for r in rows:
        out.extend(r)
    return out


def flattened(rows: list[list[int]]) -> list[int]:
    # every call leaves `out` to its default: each gets a new list, as in CPython
    first = _flatten_into(rows)
    second = _flatten_into(rows[1:], None)
    if not first:
        raise ValueError("nothing to flatten")
    return first + [-1] + second
