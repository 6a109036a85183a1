"""frozenset values: set algebra between sets and frozensets with CPython's result
classes (`frozenset | set` is a frozenset, `set | frozenset` a set), comparisons across
the kinds, `|=` rebinding a frozenset, min/len/iteration, repr, hash, and frozensets
crossing the ABI."""


def algebra_classes(xs: list[int], ys: list[int]) -> list[str]:
    fs = frozenset(xs)
    s = set(ys)
    a = fs | s
    b = s | fs
    c = fs & s
    d = s - fs
    e = fs ^ s
    f = fs.union(ys)
    g = s.intersection(fs)
    h = fs.copy()
    return [type(a).__name__, type(b).__name__, type(c).__name__, type(d).__name__,
            type(e).__name__, type(f).__name__, type(g).__name__, type(h).__name__,
            str(isinstance(a, frozenset)), str(isinstance(b, frozenset)),
            str(isinstance(a, set))]


def compare_kinds(xs: list[int], ys: list[int]) -> list[bool]:
    fs = frozenset(xs)
    s = set(ys)
    return [fs == s, fs != s, fs <= s, fs < s, fs >= s, fs > s,
            fs.issubset(ys), fs.issuperset(ys), fs.isdisjoint(ys)]


def grown(xs: list[int], extra: int) -> frozenset[int]:
    fs = frozenset(xs)
    fs |= {extra}
    fs -= {0}
    return fs


def smallest_member(xs: list[int]) -> int:
    return min(frozenset(xs))


def shown(xs: list[int]) -> str:
    fs = frozenset(xs)
    empty: frozenset[int] = frozenset()
    return f"{empty} {frozenset(sorted(fs)[:1])} {len(fs)} {repr(frozenset(['x']))}"


def total(fs: frozenset[int]) -> int:
    t = 0
    for x in fs:
        t += x
    return t


def keep_known(words: list[str], known: frozenset[str]) -> list[str]:
    return [w for w in words if w in known]


def sorted_members(fs: frozenset[str]) -> list[str]:
    return sorted(fs)


def hash_matches(xs: list[int]) -> bool:
    return hash(frozenset(xs)) == hash(frozenset(reversed(xs)))


def mixed_algebra(xs: list[int], ys: list[int]) -> tuple[frozenset[int], set[int], frozenset[int]]:
    fs = frozenset(xs)
    s = set(ys)
    return fs | s, s - fs, fs.symmetric_difference(s)
