"""frozenset as users write it: stop-word and punctuation constants (also typed
`FrozenSet[str]`), frozensets as dict keys (anagram groups, co-occurring pairs, a
KeyError for a missing pair) and as set items."""

from typing import FrozenSet

STOP_WORDS = frozenset({"a", "an", "the", "of", "to", "and"})
PUNCT: FrozenSet[str] = frozenset(".,;:!?")
VOWELS = frozenset("aeiou")


def content_words(text: str) -> list[str]:
    return [w for w in text.lower().split() if w not in STOP_WORDS]


def strip_punct(text: str) -> str:
    return "".join(c for c in text if c not in PUNCT)


def vowel_share(word: str) -> float:
    if not word:
        raise ValueError("empty word")
    return sum(1 for c in word if c in VOWELS) / len(word)


def letters_key(word: str) -> frozenset[str]:
    return frozenset(word.lower())


def anagram_groups(words: list[str]) -> dict[frozenset[str], list[str]]:
    groups: dict[frozenset[str], list[str]] = {}
    for w in words:
        groups.setdefault(frozenset(w), []).append(w)
    return groups


def pair_counts(docs: list[list[str]]) -> list[tuple[str, str, int]]:
    counts: dict[frozenset[str], int] = {}
    for doc in docs:
        uniq = sorted(set(doc))
        for i in range(len(uniq)):
            for j in range(i + 1, len(uniq)):
                key = frozenset((uniq[i], uniq[j]))
                counts[key] = counts.get(key, 0) + 1
    out = []
    for key, n in counts.items():
        a, b = sorted(key)
        out.append((a, b, n))
    return sorted(out)


def count_of_pair(docs: list[list[str]], a: str, b: str) -> int:
    counts: dict[frozenset[str], int] = {}
    for doc in docs:
        for x in doc:
            for y in doc:
                if x < y:
                    k = frozenset([x, y])
                    counts[k] = counts.get(k, 0) + 1
    return counts[frozenset([a, b])]


def seen_shapes(rows: list[list[int]]) -> int:
    seen: set[frozenset[int]] = set()
    for r in rows:
        seen.add(frozenset(r))
    return len(seen)


def marked(words: list[str], keep: list[str]) -> list[bool]:
    return [w in frozenset(keep) for w in words]
