"""collections.deque: sliding windows with maxlen, queues (BFS), rotation,
both ends, indexing, and CPython's IndexError/ValueError messages."""

from collections import deque
import collections


def moving_average(xs: list[float], n: int) -> list[float]:
    window: deque[float] = deque(maxlen=n)
    out: list[float] = []
    for x in xs:
        window.append(x)
        out.append(round(sum(window) / len(window), 6))
    return out


def tail(lines: list[str], n: int) -> str:
    last = deque(lines, maxlen=n)
    return f"{last!r} {len(last)} {last.maxlen}"


def bfs_order(edges: list[tuple[int, int]], start: int) -> list[int]:
    adj: dict[int, list[int]] = {}
    for a, b in edges:
        adj.setdefault(a, []).append(b)
    seen = {start}
    queue = deque([start])
    order: list[int] = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nb in adj.get(node, []):
            if nb not in seen:
                seen.add(nb)
                queue.append(nb)
    return order


def both_ends(xs: list[int], k: int) -> str:
    d = deque(xs)
    d.rotate(k)
    d.appendleft(-1)
    d.extendleft([7, 8])
    d.extend(d)
    first, last = d[0], d[-1]
    d[1] = 42
    del d[2]
    return f"{d} {first} {last} {3 in d} {d.count(3)} {list(d)} {d.pop()} {d.popleft()}"



def locate(words: list[str], w: str, start: int) -> int:
    d = collections.deque(words, 4)
    return d.index(w, start)



def insert_remove(xs: list[int], i: int, x: int) -> str:
    d = deque(xs, maxlen=5)
    d.insert(i, x)
    d.remove(xs[0] if xs else x)
    d.reverse()
    return repr(d)


def recent_tokens(text: str, n: int) -> list[str]:
    recent: deque[str] = deque(maxlen=n)
    for w in text.split():
        w = w.strip(".,!?").lower()
        if w and w not in recent:
            recent.append(w)
    return list(reversed(recent))


def peek(xs: list[str], i: int) -> str:
    d = deque(xs)
    if not d:
        return d.pop()
    return d[i] + str(d == deque(xs)) + str(bool(d)) + str(sorted(d))


def rate_counts(times: list[float], span: float) -> list[int]:
    recent: deque[float] = deque()
    counts = []
    for t in times:
        recent.append(t)
        while recent and recent[0] <= t - span:
            recent.popleft()
        counts.append(len(recent))
    return counts


def _pairs(d: deque[int]) -> list[tuple[int, int]]:
    return [(d[i], d[i + 1]) for i in range(len(d) - 1)]


def windows_of(xs: list[int], n: int) -> list[list[tuple[int, int]]]:
    win: deque[int] = deque(maxlen=n)
    out = []
    for x in xs:
        win.append(x)
        if len(win) == win.maxlen:
            out.append(_pairs(win))
    return out
