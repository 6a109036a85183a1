"""Nested functions reading the enclosing function's variables (issue 10).

Each call of a nested function sees the enclosing variables' values at the time
of the call (late binding), as CPython's closures do.
"""


def score_all(words: list[str], vocab: dict[str, int], boost: int) -> list[int]:
    def score(w: str) -> int:
        return vocab.get(w, 0) * len(w) + boost

    first = score(words[0]) if words else -1
    boost = boost * 10  # rebound after the def: later calls see the new value
    return [first] + [score(w) for w in words]


def rank_by_weight(words: list[str], weights: dict[str, float]) -> list[str]:
    def weight(w: str) -> float:
        return weights[w]

    return sorted(words, key=weight, reverse=True)


def split_long(word: str, max_len: int) -> list[str]:
    if max_len <= 0:
        raise ValueError(f"max_len must be positive, got {max_len}")

    def pieces(w: str) -> list[str]:
        if len(w) <= max_len:
            return [w]
        half = len(w) // 2
        return pieces(w[:half]) + pieces(w[half:])

    return pieces(word)


def retry_parse(texts: list[str], attempts: int) -> list[int]:
    failures = 0

    def parse(t: str) -> int:
        return int(t.strip().replace("_", ""))

    out: list[int] = []
    for t in texts:
        for i in range(attempts):
            try:
                out.append(parse(t if i == 0 else t.replace("O", "0")))
                break
            except ValueError:
                failures += 1
        else:
            raise ValueError(f"gave up on {t!r} after {failures} failures")
    return out


def normalise_lines(lines: list[str], lowercase: bool, strip_chars: str) -> list[str]:
    def clean(s: str) -> str:
        s = s.strip(strip_chars)
        return s.lower() if lowercase else s

    def keep(s: str) -> bool:
        return bool(clean(s)) and not clean(s).startswith("#")

    return [clean(s) for s in lines if keep(s)]


def longest_token(text: str, stop: set[str]) -> str:
    def length(tok: str) -> int:
        return -1 if tok in stop else len(tok)

    tokens = text.split()
    return max(tokens, key=length)


def mapped_lengths(words: list[str], offset: int) -> list[int]:
    def measure(w: str) -> int:
        return len(w) + offset

    return list(map(measure, words))


def window_stats(values: list[float], size: int) -> list[tuple[float, float]]:
    if size <= 0:
        raise ValueError("size must be positive")

    def stats(start: int) -> tuple[float, float]:
        window = values[start:start + size]

        def mean() -> float:
            return sum(window) / len(window)

        return min(window), mean()

    return [stats(i) for i in range(0, len(values), size)]


def bucket_words(words: list[str], edges: list[int]) -> dict[str, int]:
    def bucket(w: str) -> str:
        for i, edge in enumerate(edges):
            if len(w) <= edge:
                return f"<={edge}"
        return f">{edges[-1]}"

    counts: dict[str, int] = {}
    for w in words:
        b = bucket(w)
        counts[b] = counts.get(b, 0) + 1
    return counts


def label_scores(scores: dict[str, float], threshold: float, labels: list[str]) -> list[str]:
    def label(name: str) -> str:
        s = scores[name]
        return f"{name}={'high' if s >= threshold else 'low'}({s:.2f})"

    return [label(n) for n in labels]


def pair_scores(values: list[int], scale: int) -> list[int]:
    def row(i: int) -> int:
        def cell(j: int) -> int:
            return values[i] * values[j] * scale

        return sum(cell(j) for j in range(i, len(values)))

    return [row(i) for i in range(len(values))]


def first_with_prefix(words: list[str], prefixes: list[str]) -> str:
    def matches(w: str) -> bool:
        return any(w.startswith(p) for p in prefixes)

    hits = list(filter(matches, words))
    if not hits:
        raise LookupError(f"no word starts with any of {prefixes}")
    return hits[0]


def clean_all(lines: list[str], suffix: str) -> list[str]:
    norm = lambda s: s.strip().lower() + suffix
    first = norm(lines[0]) if lines else "-"
    suffix = suffix * 2  # the lambda reads suffix when called: late binding
    return [first] + [norm(x) for x in lines] + sorted(lines, key=norm)


def weighted_total(xs: list[int], k: int) -> int:
    sq = lambda v: v * v + k
    check = lambda v: v if v >= 0 else int("negative")

    def total() -> int:
        return sum(sq(check(x)) for x in xs)

    return total() + sq(2)
