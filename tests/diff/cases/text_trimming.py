"""strip/lstrip/rstrip/removeprefix/removesuffix (issue 12): a result only read is a
slice of its string (no copy), a result kept is copied where it is kept, and the
string of a temporary or of a variable's last use is trimmed in place. Chained on
each other, compared in a chain, bound once to a variable read afterwards."""


def blank_and_keys(lines: list[str], chars: str | None) -> tuple[list[str], int]:
    """Items of a list[str] parameter read only as strings (views): tests of stripped
    lines, keys lowered from a stripped line, a stripped line indexed."""
    out: list[str] = []
    blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        key = line.strip(chars).lower()
        out.append(key + "|" + line.strip()[0] + key[-1])
    return out, blank


def chained_trims(lines: list[str], prefix: str, chars: str | None) -> list[str]:
    """Trims of trims, a result compared in a chain, kept in a list."""
    out: list[str] = []
    for line in lines:
        body = line.removeprefix(prefix).rstrip().removesuffix(";")
        if "" < body.lstrip(chars) <= "m":
            out.append(body)
        out.append(body.strip(chars).removesuffix(prefix))
    return out


def trim_bound_once(text: str, prefix: str) -> tuple[str, int, str]:
    """A stripped parameter bound once and read afterwards; the same string trimmed
    again while still needed; a temporary trimmed in place."""
    bare = text.strip()
    n = 0
    if bare.removeprefix(prefix) == bare.removesuffix(prefix):
        n += len(bare)
    last = text.upper().removeprefix(prefix.upper())
    return bare + "/" + last.lstrip() + "/" + text.removesuffix(prefix).rstrip(), n, bare[n]


def trim_local(words: list[str], prefix: str) -> tuple[list[str], str]:
    """A local string trimmed while it stays live (a copy kept, a slice read), then at
    its last use (in place)."""
    out: list[str] = []
    acc = ""
    for w in words:
        acc = acc + w
        if acc.strip().startswith(prefix):
            out.append(acc.removeprefix(prefix))
        out.append(acc.lstrip(prefix))
    tail = acc.removesuffix(prefix)
    return out, tail.strip()


def trim_counts(text: str, sep: str, chars: str) -> dict[str, int]:
    """Pieces trimmed and counted: the key a copy, a trimmed piece's length read."""
    counts: dict[str, int] = {}
    for piece in text.split(sep):
        key = piece.strip(chars)
        counts[key] = counts.get(key, 0) + len(piece.rstrip()) - len(piece.removesuffix(chars))
    if len(counts) > 3:
        raise ValueError("too many keys: " + ",".join(k.strip() for k in counts))
    return counts


def strip_pieces(lines: list[str], punct: str) -> list[str]:
    """`for w in line.split(): w = w.strip(punct)`: the loop variable rebound to parts
    of itself (strip, removeprefix then rstrip, lstrip) stays a slice; the words kept
    are copied; a `#` word at the start of a line raises."""
    out: list[str] = []
    for line in lines:
        words: list[str] = []
        for w in line.split():
            w = w.strip(punct)
            if w.startswith("#"):
                w = w.removeprefix("#").rstrip("!")
                if not words:
                    raise ValueError(f"tag first: {w!r}")
            if w:
                words.append(w)
            elif len(words) > 1:
                w = w.lstrip()
                words.append(str(len(w)))
        out.append("|".join(words))
    return out
