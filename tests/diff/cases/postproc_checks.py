"""More held-out user idioms (issue 11, trialE): the keys of a JSON object checked
against a schema and joined, zlib checksums as stable buckets, and randrange with a
step from the module's generator and from a Random instance; `min(n, x)` of an int
and a float, int first (trialG), formatted where an int and a float print alike."""

import binascii
import json
import random
import zlib


def unexpected_keys(body: str, allowed: list[str]) -> str:
    """`", ".join(...)` of the keys of a JSON object (dynamic values)."""
    obj = json.loads(body)
    extra = sorted(set(obj) - set(allowed))
    return "unexpected keys: " + ", ".join(extra)


def joined_items(body: str) -> str:
    items = json.loads(body)
    return "|".join(items)


def bucket_of(texts: list[str], buckets: int) -> list[int]:
    """A stable bucket per text (CPython salts `hash(str)`): zlib.crc32 of its bytes."""
    return [zlib.crc32(t.encode("utf-8")) % buckets for t in texts]


def checksums(data: bytes, start: int) -> tuple[int, int, int, int]:
    return (zlib.crc32(data), zlib.crc32(data, start), binascii.crc32(data, start),
            zlib.adler32(data, start))


def stepped(seed: int, start: int, stop: int, step: int) -> list[int]:
    """randrange with a step: even ids, countdowns; CPython's ValueErrors."""
    random.seed(seed)
    return [random.randrange(start, stop, step) for _ in range(4)]


def stepped_ids(seed: int, n: int, step: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randrange(0, n, step) for _ in range(5)] + [rng.randrange(n, 0, -step)]


def sampled_ids(seed: int, n: int, k: int) -> list[int]:
    """`random.sample(range(n), k)` and a Random's `sample(range(a, b, c), k=k)`: drawn
    from the range without making it (`range(10**12)`)."""
    random.seed(seed)
    rng = random.Random(seed)
    return random.sample(range(n), k) + rng.sample(range(n, -n, -3), k=k)


def budget_line(limit: int, used: float, floor: int) -> str:
    """`min(limit, used)` with the int first (was E040, `min(used, limit)` compiled)."""
    return f"{min(limit, used):.2f} {max(floor, used, limit) * 2:.1f} {min(limit, used) / 4}"
