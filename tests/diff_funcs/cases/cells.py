"""Nested functions changing the enclosing function's variables (issue 10): `nonlocal`
rebinding (counters, running totals, the best item so far) and helpers appending to an
enclosing list or setting keys of an enclosing dict. Every call changes the enclosing
function's own variable, and the enclosing function sees each change at once, as with
CPython's closure cells.
"""

import math


def count_long(words: list[str], n: int) -> tuple[int, list[str]]:
    count = 0
    kept: list[str] = []

    def visit(w: str) -> None:
        nonlocal count
        if len(w) > n:
            count += 1
            kept.append(w.upper())

    for w in words:
        visit(w)
    return count, kept


def running_mean(xs: list[float]) -> list[float]:
    total = 0.0
    seen = 0

    def push(x: float) -> float:
        nonlocal total, seen
        if math.isnan(x):
            raise ValueError("NaN in the stream")
        total += x
        seen += 1
        return total / seen

    return [round(push(x), 6) for x in xs]


def best_token(tokens: list[str], scores: dict[str, float]) -> str:
    best = ""
    best_score = float("-inf")

    def consider(t: str) -> None:
        nonlocal best, best_score
        s = scores[t]  # KeyError for an unscored token, as in CPython
        if s > best_score:
            best, best_score = t, s

    for t in tokens:
        consider(t)
    return f"{best}:{best_score}"


def index_vocab(lines: list[str]) -> dict[str, int]:
    vocab: dict[str, int] = {}

    def add(tok: str) -> int:
        if tok not in vocab:
            vocab[tok] = len(vocab)
        return vocab[tok]

    for line in lines:
        for tok in line.split():
            add(tok)
    add("<unk>")
    return vocab


def group_by_length(words: list[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}

    def put(w: str) -> None:
        groups.setdefault(len(w), []).append(w)

    for w in words:
        put(w)
    return groups


def chunk_text(text: str, width: int) -> list[str]:
    if width <= 0:
        raise ValueError(f"width must be positive, got {width}")
    chunks: list[str] = []
    current = ""

    def flush() -> None:
        nonlocal current
        if current:
            chunks.append(current)
        current = ""

    for word in text.split():
        if len(current) + len(word) + (1 if current else 0) > width:
            flush()
        current = word if not current else current + " " + word
    flush()
    return chunks


def tokens_with_ids(text: str, start: int) -> list[tuple[str, int]]:
    next_id = start

    def fresh() -> int:
        nonlocal next_id
        next_id += 1
        return next_id - 1

    def label(tok: str) -> tuple[str, int]:
        return tok, fresh()  # a sibling changes the cell too

    out = [label(t) for t in text.split()]
    out.append(("<end>", next_id))  # the enclosing function sees the last value
    return out


def depth_profile(brackets: str) -> tuple[int, list[int]]:
    depth = 0
    deepest = 0
    trace: list[int] = []

    def step(ch: str) -> None:
        nonlocal depth, deepest

        def record() -> None:
            nonlocal deepest  # two functions up
            deepest = max(deepest, depth)
            trace.append(depth)

        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise ValueError(f"unbalanced ')' after {len(trace)} brackets")
        else:
            return
        record()

    for ch in brackets:
        step(ch)
    return deepest, trace


def dedupe_stream(items: list[int], limit: int) -> list[int]:
    seen: set[int] = set()
    out: list[int] = []
    dropped = 0

    def offer(x: int) -> bool:
        nonlocal dropped
        if x in seen:
            dropped += 1
            return False
        if len(out) >= limit:
            raise OverflowError(f"more than {limit} distinct items")
        seen.add(x)
        out.append(x)
        return True

    accepted = sum(1 for x in items if offer(x))
    return out + [accepted, dropped]


def retry_count(texts: list[str], attempts: int) -> tuple[list[int], int]:
    failures = 0

    def parse(t: str) -> int:
        nonlocal failures
        try:
            return int(t)
        except ValueError:
            failures += 1
            raise

    out: list[int] = []
    for t in texts:
        for i in range(attempts):
            try:
                out.append(parse(t if i == 0 else t.replace("O", "0")))
                break
            except ValueError:
                pass
    if failures > 3:
        raise RuntimeError(f"{failures} failures")
    return out, failures
