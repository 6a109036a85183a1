"""`popitem()` into names declared optional before (an LRU cache's eviction, the last
pair of a dict kept as `tuple[K, V] | None`): each item converted on its own, and
CPython's KeyError for an empty dict."""

from collections import OrderedDict


def evict(counts: dict[str, int], limit: int) -> str:
    d = dict(counts)
    evicted: str | None = None
    while len(d) > limit:
        evicted, _ = d.popitem()
    return f"{evicted} {sorted(d)}"


def last_pair(counts: dict[str, int]) -> str:
    d = dict(counts)
    item: tuple[str, int] | None = None
    if d:
        item = d.popitem()
    return repr(item)


def oldest(pairs: list[tuple[str, int]], first: bool) -> str:
    d: OrderedDict[str, int] = OrderedDict(pairs)
    k: str | None = None
    v: int | None = None
    k, v = d.popitem(last=not first)
    return f"{k}={v} left {list(d.items())}"


def drain(counts: dict[str, int]) -> list[str]:
    d = dict(counts)
    key: str | None = None
    value: int | None = None
    out: list[str] = []
    while True:
        key, value = d.popitem()
        out.append(f"{key}:{value}")
        if value is not None and value < 0:
            break
    return out


class LruCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, float] = OrderedDict()
        self.evicted: str | None = None

    def put(self, key: str, value: float) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.size:
            self.evicted, _ = self.items.popitem(last=False)


def lru_trace(keys: list[str], size: int) -> list[str]:
    cache = LruCache(size)
    out: list[str] = []
    for i, k in enumerate(keys):
        cache.put(k, float(i))
        out.append(f"{k}->{cache.evicted}")
    return out
