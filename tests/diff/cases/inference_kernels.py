"""Kernels inference code runs around a model (issue 12's bench additions):
WordPiece greedy longest-match tokenisation over a vocabulary dict, decoding BIO
tags into entity spans, top-k over scores by a bounded heap (heapq.heapreplace,
heappushpop), a running median by two heaps, GELU activations in pure Python
(exact with `math.erf`, and the tanh approximation)."""

import heapq
import math


def wordpiece(words: list[str], vocab: dict[str, int], max_chars: int) -> list[int]:
    """Greedy longest-match-first pieces, `##` for continuations, [UNK] for a word
    with no split (a vocabulary without [UNK] raises KeyError)."""
    ids: list[int] = []
    unk = vocab["[UNK]"]
    for word in words:
        if len(word) > max_chars:
            ids.append(unk)
            continue
        start = 0
        pieces: list[int] = []
        bad = False
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                sub = word[start:end]
                if start > 0:
                    sub = "##" + sub
                if sub in vocab:
                    found = vocab[sub]
                    break
                end -= 1
            if found < 0:
                bad = True
                break
            pieces.append(found)
            start = end
        if bad:
            ids.append(unk)
        else:
            ids.extend(pieces)
    return ids


def bio_spans(tokens: list[str], tags: list[str]) -> list[tuple[str, int, int, str]]:
    """Entity spans (label, start, end, text) from BIO tags; an I- tag with another
    label starts a span; a tag neither B-, I- nor O raises ValueError."""
    spans: list[tuple[str, int, int, str]] = []
    label = ""
    start = -1
    for i in range(len(tags)):
        tag = tags[i]
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start >= 0:
                spans.append((label, start, i, " ".join(tokens[start:i])))
            label = tag[2:]
            start = i
        elif tag == "O":
            if start >= 0:
                spans.append((label, start, i, " ".join(tokens[start:i])))
            start = -1
            label = ""
        elif not tag.startswith("I-"):
            raise ValueError(f"bad tag {tag!r} at {i}")
    if start >= 0:
        spans.append((label, start, len(tags), " ".join(tokens[start:])))
    return spans


def heap_top_k(scores: list[float], k: int) -> tuple[list[tuple[float, int]], float]:
    """A bounded min-heap of the k largest (heapreplace), then heappushpop; with k
    of 0 the empty heap replaced raises IndexError."""
    heap: list[tuple[float, int]] = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    kept = heapq.heappushpop(heap, (0.5, -1))
    if k == 0:
        heapq.heapreplace(heap, (0.0, 0))
    return sorted(heap, reverse=True), kept[0]


def running_median(xs: list[int]) -> list[float]:
    """The median after each value, by a max-heap (negated) and a min-heap."""
    low: list[int] = []
    high: list[int] = []
    out: list[float] = []
    for x in xs:
        top = heapq.heappushpop(high, x)
        heapq.heappush(low, -top)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        if len(low) > len(high):
            out.append(float(-low[0]))
        else:
            out.append((-low[0] + high[0]) / 2)
    if not xs:
        heapq.heappop(low)
    return out


def pieces_per_word(words: list[str], vocab: dict[str, int]) -> dict[str, int]:
    """How many vocabulary pieces each distinct word takes (lowercased first)."""
    counts: dict[str, int] = {}
    for w in words:
        key = w.lower()
        if key in counts:
            continue
        counts[key] = len(wordpiece([key], vocab, 20))
    return counts


def gelu(xs: list[float], approximate: bool) -> list[float]:
    """GELU of each value: exact, `x * (1 + erf(x / sqrt 2)) / 2`, or the tanh
    approximation; `math.erfc` for the lower tail's probability."""
    out: list[float] = []
    for x in xs:
        if approximate:
            inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)
            out.append(0.5 * x * (1.0 + math.tanh(inner)))
        else:
            out.append(0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0))))
    out.append(0.5 * math.erfc(-xs[0] / math.sqrt(2.0)))
    return out
