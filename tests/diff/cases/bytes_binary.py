"""Binary formats: checksums over bytes, hex dumps, bytes.fromhex / .hex(sep), int.to_bytes
/ int.from_bytes with CPython's OverflowError and ValueError messages, length-prefixed
frames."""

SEP = b"\r\n"


def adler32(data: bytes) -> int:
    a, b = 1, 0
    for x in data:
        a = (a + x) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def hex_dump(data: bytes, width: int) -> list[str]:
    rows = []
    for off in range(0, len(data), width):
        chunk = data[off:off + width]
        text = "".join(chr(c) if 32 <= c < 127 else "." for c in chunk)
        rows.append(f"{off:04x}  {chunk.hex(' '):<{3 * width}} {text}")
    return rows


def from_hex(text: str) -> list[int]:
    return list(bytes.fromhex(text))


def pack_words(words: list[int], order: str) -> bytes:
    return b"".join(w.to_bytes(2, order) for w in words)


def unpack_words(data: bytes, order: str) -> list[int]:
    return [int.from_bytes(data[i:i + 2], order) for i in range(0, len(data), 2)]


def signed_value(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=True)


def frame(payload: bytes, repeat: int) -> bytes:
    body = payload * repeat
    return len(body).to_bytes(4, "big") + body + SEP
