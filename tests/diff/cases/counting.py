"""Counting words and characters."""


def word_freq(text: str, min_count: int = 1) -> dict[str, int]:
    counts = {}
    for w in text.lower().split():
        counts[w] = counts.get(w, 0) + 1
    return {w: c for w, c in counts.items() if c >= min_count}


def top_words(text: str, k: int = 3) -> list[tuple[str, int]]:
    counts = word_freq(text, min_count=1)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:k]


def char_histogram(text: str) -> list[tuple[str, int]]:
    counts = {}
    for ch in text:
        if not ch.isspace():
            counts[ch] = counts.get(ch, 0) + 1
    return sorted(counts.items())


def group_by_length(words: list[str]) -> dict[int, list[str]]:
    groups = {}
    for w in words:
        groups.setdefault(len(w), []).append(w)
    return groups


def unique_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return len(set(words)) / len(words)


def vocab_overlap(a: str, b: str) -> tuple[int, int, float]:
    """Jaccard overlap; two empty texts divide by zero."""
    sa = set(a.lower().split())
    sb = set(b.lower().split())
    inter = sa.intersection(sb)
    union = sa.union(sb)
    return len(inter), len(union), len(inter) / len(union)


def count_vowels(text: str) -> dict[str, int]:
    counts = {v: 0 for v in "aeiou"}
    for ch in text.lower():
        if ch in counts:
            counts[ch] += 1
    return counts


def most_common_char(text: str) -> str:
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return max(counts, key=lambda c: counts[c])


def longest_word(text: str) -> tuple[str, int]:
    best = max(text.split(), key=lambda w: len(w), default="")
    shortest = min((len(w) for w in text.split()), default=0)
    return best, shortest


def sorted_vocab(text: str) -> tuple[list[str], int]:
    words = sorted(w.strip(".,!?").lower() for w in text.split())
    widest = max((len(w) for w in words), default=0)
    return sorted(set(words)), widest
