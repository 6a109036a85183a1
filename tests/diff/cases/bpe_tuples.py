"""A byte-pair-encoding trainer over a small corpus, written as such code is, with
words as tuples of any length (`tuple[str, ...]`) keying dicts and sets; segmenting
with the learned merges; tuples of words as sorted keys; and `d[k1][k2] = v` on a dict
of dicts with a str parameter as the key (was a cargo error)."""


def get_pairs(word: tuple[str, ...]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for i in range(len(word) - 1):
        pairs.add((word[i], word[i + 1]))
    return pairs


def merge_word(word: tuple[str, ...], a: str, b: str) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(word):
        if i < len(word) - 1 and word[i] == a and word[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def train_bpe(text: str, merges: int) -> list[str]:
    if merges < 0:
        raise ValueError(f"merges must be >= 0, got {merges}")
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    vocab: dict[tuple[str, ...], int] = {tuple(w) + ("</w>",): c for w, c in counts.items()}
    learned: list[str] = []
    for _ in range(merges):
        stats: dict[tuple[str, str], int] = {}
        for word, c in vocab.items():
            for pair in get_pairs(word):
                stats[pair] = stats.get(pair, 0) + c
        if not stats:
            break
        best = max(stats, key=lambda p: (stats[p], p))
        learned.append(best[0] + " " + best[1])
        vocab = {merge_word(word, best[0], best[1]): c for word, c in vocab.items()}
    return learned


def segment(word: str, merges: list[str]) -> tuple[str, ...]:
    symbols = tuple(word) + ("</w>",)
    for m in merges:
        a, b = m.split(" ")
        symbols = merge_word(symbols, a, b)
    return symbols


def lookup(words: list[str], probe: str) -> int:
    vocab: dict[tuple[str, ...], int] = {}
    for w in words:
        vocab[tuple(w)] = vocab.get(tuple(w), 0) + 1
    seen: set[tuple[str, ...]] = set(vocab)
    if ("a", "b") in vocab:
        vocab[("a", "b")] += 100
    if probe == "?":
        return vocab[tuple(probe)]  # raised to the caller: KeyError(('?',))
    try:
        return vocab[tuple(probe)] + len(seen)
    except KeyError as e:
        return -len(repr(e.args)) - len(str(e))


def search(t: tuple[str, ...], s: str) -> list[int]:
    return [t.count(s), int(s in t), int(s not in t), t.index(s)]


def sort_words(words: list[str]) -> list[tuple[str, ...]]:
    keys = [tuple(w) for w in words]
    keys.sort()
    return sorted(keys, key=len) + [max(keys)]


def set_nested(k1: str, k2: str, v: int) -> dict[str, dict[str, int]]:
    d: dict[str, dict[str, int]] = {"a": {"x": 1}, "b": {}}
    d[k1][k2] = v
    d[k1][k2] += 1
    return d



def columns(rows: list[list[int]]) -> list[tuple[int, ...]]:
    cols = [tuple(c) for c in zip(*rows)]
    mapped = list(map(tuple, zip(*rows)))
    return cols + [mapped[0], tuple(i * i for i in range(len(rows)))]
