"""bytes as a sequence: literals and escapes, indexing gives an int, slicing, iteration,
membership, comparison, bytes(n) and bytes(list), bytes as dict keys and set items."""

MAGIC = b"\x89PNG\r\n\x1a\n"


def sniff(data: bytes) -> str:
    if data.startswith(MAGIC):
        return "png"
    if data[:2] == b"PK":
        return "zip"
    if data and data[0] == 0x7B:
        return "json"
    return "unknown"


def byte_histogram(data: bytes) -> dict[int, int]:
    counts: dict[int, int] = {}
    for b in data:
        counts[b] = counts.get(b, 0) + 1
    return counts


def xor_mask(data: bytes, key: bytes) -> bytes:
    return bytes([data[i] ^ key[i % len(key)] for i in range(len(data))])


def dedupe_chunks(chunks: list[bytes]) -> dict[bytes, int]:
    seen: dict[bytes, int] = {}
    for c in chunks:
        if c not in seen:
            seen[c] = len(seen)
    return seen


def tail_of(data: bytes, n: int) -> tuple[bytes, bytes, int]:
    return data[-n:], data[::-1], data[n]


def ordered(chunks: list[bytes]) -> list[bytes]:
    return sorted(set(chunks), reverse=True)


def compare(a: bytes, b: bytes) -> list[bool]:
    return [a < b, a <= b, a > b, a >= b, a == b, a != b, a in b, bool(a)]


def make_zeros(n: int, fill: list[int]) -> bytes:
    return bytes(n) + bytes(fill)
