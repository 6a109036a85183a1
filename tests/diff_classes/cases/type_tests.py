"""`isinstance` on values whose type the annotations fix, as defensive code writes it:
tuples of any length, deques, Counter/defaultdict/OrderedDict (dict subclasses),
unions of a module class with builtin classes, qualified `collections.` names. CPython
answers from the object's class; compiled code from the static type (these were
answered False before)."""

import collections
from collections import Counter, OrderedDict, defaultdict, deque


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


def describe_tuple(t: tuple[int, ...]) -> str:
    if isinstance(t, tuple) and not isinstance(t, list):
        return f"tuple of {len(t)}"
    return "other"


def window_kind(xs: list[int], n: int) -> list[str]:
    if n <= 0:
        raise ValueError(f"window must be positive, got {n}")
    win: deque[int] = deque(xs, maxlen=n)
    kinds = [isinstance(win, deque), isinstance(win, list), isinstance(win, collections.deque)]
    return [type_name for type_name, ok in zip(["deque", "list", "qualified"], kinds) if ok]


def count_kinds(words: list[str]) -> list[bool]:
    c: Counter[str] = Counter(words)
    od: OrderedDict[str, int] = OrderedDict((w, len(w)) for w in words)
    dd: defaultdict[str, list[int]] = defaultdict(list)
    plain: dict[str, int] = dict(c)
    for w in words:
        dd[w[0]].append(len(w))
    return [isinstance(c, Counter), isinstance(c, dict), isinstance(c, OrderedDict),
            isinstance(od, OrderedDict), isinstance(od, dict), isinstance(od, Counter),
            isinstance(dd, defaultdict), isinstance(dd, collections.defaultdict),
            isinstance(plain, Counter), isinstance(plain, dict), c[words[0]] > 0]


def mixed_classes(s: str, n: int) -> list[bool]:
    b = Box(n)
    return [isinstance(s, (Box, str)), isinstance(b, (Box, str)), isinstance(n, (Box, float)),
            isinstance(n, (int, Box)), isinstance(True, int), isinstance(s, object)]


def normalise_spans(spans: list[tuple[int, ...]], limit: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for sp in spans:
        if not isinstance(sp, tuple) or len(sp) != 2:
            raise TypeError(f"span must be a pair, got {sp!r}")
        start, end = sp
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError("limit must be an int")
        out.append((max(0, start), min(end, limit)))
    return out
