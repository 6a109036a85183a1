"""bytes across the ABI: parameters, results, defaults and errors (tests/test_bytes_abi.py)."""


def xor(data: bytes, key: bytes = b"\x2a") -> bytes:
    """Each byte of data xor-ed with the key, repeated."""
    return bytes([data[i] ^ key[i % len(key)] for i in range(len(data))])


def pieces(text: str) -> list[bytes]:
    return [w.encode("utf-8") for w in text.split()]


def strict_text(data: bytes) -> str:
    return data.decode("utf-8")


def with_nul() -> bytes:
    return b"a\x00b\xff"


def sizes(chunks: dict[bytes, int]) -> list[tuple[bytes, int]]:
    return [(k, v * len(k)) for k, v in chunks.items()]


def maybe(data: bytes | None) -> bytes | None:
    return None if data is None else data.upper()
