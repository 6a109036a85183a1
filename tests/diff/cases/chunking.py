"""Splitting text and token lists into model-sized pieces."""


def chunk_words(text: str, size: int = 3, overlap: int = 0) -> list[str]:
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    if not 0 <= overlap < size:
        raise ValueError(f"overlap must be in [0, {size}), got {overlap}")
    words = text.split()
    step = size - overlap
    out = []
    for start in range(0, len(words), step):
        out.append(" ".join(words[start:start + size]))
        if start + size >= len(words):
            break
    return out


def chunk_list(xs: list[int], size: int) -> list[list[int]]:
    """A zero size reaches range() and raises its ValueError."""
    return [xs[i:i + size] for i in range(0, len(xs), size)]


def sentence_split(text: str, enders: str = ".!?") -> list[str]:
    sentences = []
    buf = ""
    for ch in text:
        buf += ch
        if ch in enders:
            s = buf.strip()
            if s:
                sentences.append(s)
            buf = ""
    tail = buf.strip()
    if tail:
        sentences.append(tail)
    return sentences


def pack_by_chars(words: list[str], max_chars: int) -> list[list[str]]:
    """Greedy packing of words into lines of at most max_chars characters."""
    assert max_chars > 0, f"max_chars must be positive: {max_chars}"
    batches = []
    cur = []
    cur_len = 0
    for w in words:
        if len(w) > max_chars:
            raise ValueError(f"word '{w}' is longer than {max_chars}")
        extra = len(w) + (1 if cur else 0)
        if cur and cur_len + extra > max_chars:
            batches.append(cur)
            cur = []
            cur_len = 0
            extra = len(w)
        cur.append(w)
        cur_len += extra
    if cur:
        batches.append(cur)
    return batches


def sliding_windows(n_tokens: int, window: int, stride: int = 1) -> list[tuple[int, int]]:
    assert stride > 0, "stride must be positive"
    spans = []
    start = 0
    while start < n_tokens:
        end = min(start + window, n_tokens)
        spans.append((start, end))
        if end == n_tokens:
            break
        start += stride
    return spans


def paragraphs(text: str) -> list[tuple[int, str]]:
    out = []
    for i, block in enumerate(text.split("\n\n")):
        block = block.strip()
        if block:
            out.append((i, block))
    return out


def token_offsets(text: str) -> list[tuple[str, int, int]]:
    """Whitespace tokens with their code-point offsets."""
    out = []
    start = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if start >= 0:
                out.append((text[start:i], start, i))
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        out.append((text[start:], start, len(text)))
    return out


def last_chunks_reversed(tokens: list[str], size: int = 2) -> list[str]:
    out = []
    for i in range(len(tokens), 0, -size):
        out.append(" ".join(tokens[max(i - size, 0):i]))
    return [c for c in reversed(out)]


def chunk_with_overlap(text: str, max_chars: int = 20, overlap: int = 5) -> list[str]:
    """The carried-over words become the next chunk (`cur = keep`): `keep` is never
    read again, so changing `cur` in place is what CPython does too."""
    words = text.split()
    chunks: list[str] = []
    cur: list[str] = []
    size = 0
    for w in words:
        if size + len(w) + (1 if cur else 0) > max_chars and cur:
            chunks.append(" ".join(cur))
            keep: list[str] = []
            kept = 0
            for x in reversed(cur):
                if kept + len(x) > overlap:
                    break
                keep.insert(0, x)
                kept += len(x) + 1
            cur = keep
            size = sum(len(x) for x in cur) + max(len(cur) - 1, 0)
        cur.append(w)
        size += len(w) + (1 if len(cur) > 1 else 0)
    if cur:
        chunks.append(" ".join(cur))
    return chunks


def split_runs(xs: list[int], limit: int) -> list[list[int]]:
    """A list handed to another name, then grown through it."""
    runs: list[list[int]] = []
    pending: list[int] = []
    for x in xs:
        if x > limit:
            raise ValueError(f"{x} is over the limit {limit}")
        run = pending
        run.append(x)
        if sum(run) >= limit:
            runs.append(run)
            pending = []
        else:
            pending = run
    if pending:
        runs.append(pending)
    return runs
