"""The string, bisect and heapq modules."""

import bisect
import heapq
import string


def strip_punct(s: str) -> str:
    return "".join(c for c in s if c not in string.punctuation)


def char_classes(s: str) -> list[int]:
    return [sum(1 for c in s if c in string.ascii_letters),
            sum(1 for c in s if c in string.digits),
            sum(1 for c in s if c in string.whitespace),
            sum(1 for c in s if c in string.hexdigits),
            len(string.printable) + len(string.ascii_lowercase + string.ascii_uppercase)
            + len(string.octdigits)]


def title_words(s: str, sep: str | None) -> str:
    return string.capwords(s, sep)


def grade(score: int, cutoffs: list[int]) -> str:
    i = bisect.bisect(cutoffs, score)
    return "FDCBA"[i]


def positions(xs: list[int], x: int, lo: int) -> tuple[int, int]:
    return bisect.bisect_left(xs, x, lo), bisect.bisect_right(xs, x, lo)


def sorted_insert(xs: list[int], new: list[int]) -> list[int]:
    out = list(xs)
    for x in new:
        bisect.insort(out, x)
        bisect.insort_left(out, -x)
    return out


def heap_order(xs: list[int]) -> list[int]:
    heap: list[int] = []
    for x in xs:
        heapq.heappush(heap, x)
    snapshot = list(heap)
    out = []
    while heap:
        out.append(heapq.heappop(heap))
    return snapshot + out


def heapified(xs: list[str]) -> list[str]:
    h = list(xs)
    heapq.heapify(h)
    first = heapq.heappop(h)
    return [first] + h


def top_k(xs: list[float], k: int) -> tuple[list[float], list[float]]:
    return heapq.nlargest(k, xs), heapq.nsmallest(k, xs)


def top_k_indexed(scores: list[float], k: int) -> tuple[list[tuple[int, float]], list[str]]:
    best = heapq.nlargest(k, enumerate(scores), key=lambda t: t[1])
    words = [f"w{i}" for i in range(len(scores))]
    return best, heapq.nsmallest(k, words, key=len)
