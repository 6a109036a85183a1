"""map, filter, next, hash, dict.fromkeys, key=d.get, reversed dict views, divmod,
pow with a modulus, bin/hex/oct."""


def parse_ints(xs: list[str]) -> list[int]:
    return list(map(int, xs))


def positives(xs: list[int]) -> list[int]:
    return list(filter(lambda x: x > 0, xs)) + list(filter(None, xs))


def lengths(words: list[str], suffixes: list[str]) -> list[bool]:
    return list(map(str.endswith, words, suffixes)) + list(map(lambda w: len(w) > 3, words))


def first_long(words: list[str], n: int) -> str:
    return next((w for w in words if len(w) > n), "<none>")


def first_match(words: list[str], prefix: str) -> str | None:
    return next(filter(lambda w: w.startswith(prefix), words), None)


def dedupe(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(xs))


def most_frequent(counts: dict[str, int]) -> tuple[str, str]:
    return max(counts, key=counts.get), min(counts.keys(), key=counts.get)


def lookup_all(d: dict[str, int], keys: list[str]) -> list[int | None]:
    return list(map(d.get, keys))


def last_entries(d: dict[str, int]) -> list[str]:
    out = [k for k in reversed(d.keys())]
    for v in reversed(d.values()):
        out.append(str(v))
    for k, v in reversed(d.items()):
        out.append(f"{k}={v}")
    return out


def int_tools(a: int, b: int, m: int) -> list[str]:
    q, r = divmod(a, b)
    return [str(q), str(r), str(pow(a, b, m)), bin(a), hex(b), oct(m), str(hash(a))]
