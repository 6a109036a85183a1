"""bytearray as a local buffer: building byte strings, patching binary records,
reading fields, checksums, decoding what was collected."""


def frame_messages(messages: list[str], sep: int) -> bytes:
    buf = bytearray()
    for i, m in enumerate(messages):
        if i:
            buf.append(sep)
        data = m.encode("utf-8")
        buf.append(len(data))
        buf.extend(data)
    buf += b"\x00"
    return bytes(buf)


def patch_record(record: bytes, offset: int, values: list[int]) -> bytes:
    ba = bytearray(record)
    for i, v in enumerate(values):
        ba[offset + i] = v
    ba[-1] = sum(ba[:-1]) % 256
    return bytes(ba)


def checksum_report(data: bytes, marker: int) -> str:
    ba = bytearray(data)
    total = 0
    for b in ba:
        total = (total * 31 + b) % 65521
    head = ba[:4]
    return f"{total} {marker in ba} {b'ab' in ba} {head!r} {ba.hex()} {len(ba)} {ba == data} {head != data}"


def collect_text(chunks: list[bytes], errors: str) -> str:
    buf = bytearray(b"")
    for c in chunks:
        buf.extend(c)
        if buf.startswith(b"#"):
            buf.clear()
    tail = buf[-3:]
    return buf.decode("utf-8", errors) + "|" + str(tail) + "|" + str(buf.find(b"\n"))


def reverse_bytes(data: bytes, start: int) -> tuple[bytes, int, int]:
    ba = bytearray(data)
    out = bytearray(len(ba) - start)
    for i in range(start, len(ba)):
        out[len(ba) - 1 - i] = ba[i]
    first = out.pop(0) if out else -1
    both = out + bytearray([7]) + b"!"
    return bytes(both), first, len(bytearray("é", "utf-8"))


def from_ints(values: list[int], extra: list[int]) -> str:
    ba = bytearray(values)
    ba.extend(extra)
    ba.extend(ba)
    return repr(ba) + " " + repr(bytearray(3)[1:])
