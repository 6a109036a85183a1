"""Slice assignment on lists as preprocessing code writes it: padding and truncating
token ids in place, replacing a window, overwriting every other item (an extended
slice, with CPython's ValueError when the sizes differ), clearing and refilling a
buffer, and changing a slice copy item by item (a cargo error before: the copy was
taken as a read-only view)."""


def pad_to(ids: list[int], n: int, pad: int = 0) -> list[int]:
    if n < 0:
        raise ValueError(f"length must be >= 0, got {n}")
    out = ids[:n]
    out[len(out):] = [pad] * (n - len(out))
    return out


def splice_words(words: list[str], start: int, stop: int, new: list[str]) -> list[str]:
    out = list(words)
    out[start:stop] = new
    return out


def mask_every(ids: list[int], step: int, mask: int) -> list[int]:
    out = ids.copy()
    out[::step] = [mask] * len(out[::step])
    return out


def interleave(a: list[int], b: list[int]) -> list[int]:
    out = [0] * (len(a) + len(b))
    out[::2] = a
    out[1::2] = b
    return out


def ring_buffer(items: list[float], size: int) -> list[float]:
    buf: list[float] = []
    for x in items:
        buf[len(buf):] = [x]
        if len(buf) > size:
            del buf[:len(buf) - size]
    buf[:0] = [float(len(items))]
    return buf


def edit_prefix(ids: list[int], n: int, value: int) -> list[int]:
    head = ids[:n]
    head[0] = value
    head[-1:] = []
    return head + ids[n:]
