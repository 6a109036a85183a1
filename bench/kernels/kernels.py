"""Benchmark kernels: plain, annotated Python as inference code writes it.

Each function is compiled three ways by bench/kernels/run.py (CPython runs it
as is, mypyc and pycomp compile this same file) and called on the same inputs.
"""

import heapq
import math


def add(a: int, b: int) -> int:
    """The call-overhead probe."""
    return a + b


def normalize_text(lines: list[str]) -> list[str]:
    """Lowercase, strip punctuation at word edges, collapse whitespace."""
    out: list[str] = []
    for line in lines:
        line = line.strip().lower()
        line = line.replace("\t", " ").replace("--", " ")
        words: list[str] = []
        for w in line.split():
            w = w.strip(".,;:!?\"'()[]")
            if w:
                words.append(w)
        if words:
            out.append(" ".join(words))
    return out


def ngram_counts(text: str, n: int) -> dict[str, int]:
    """Tokenise on whitespace and count word n-grams."""
    tokens = text.lower().split()
    counts: dict[str, int] = {}
    for i in range(len(tokens) - n + 1):
        gram = " ".join(tokens[i:i + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def word_frequencies(docs: list[str], top: int) -> list[tuple[str, int]]:
    """The `top` most frequent words over documents, ties by word."""
    freq: dict[str, int] = {}
    for doc in docs:
        for w in doc.lower().split():
            if w.isalpha():
                freq[w] = freq.get(w, 0) + 1
    items = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:top]


def chunk_windows(text: str, size: int, overlap: int) -> list[str]:
    """Overlapping windows of `size` words."""
    words = text.split()
    out: list[str] = []
    step = size - overlap
    for start in range(0, len(words), step):
        window = words[start:start + size]
        out.append(" ".join(window))
        if start + size >= len(words):
            break
    return out


def levenshtein(a: str, b: str) -> int:
    """Edit distance by dynamic programming over code points."""
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev = cur
    return prev[len(b)]


def lcs_tokens(a: list[str], b: list[str]) -> int:
    """Longest common subsequence of two token lists."""
    m = len(b)
    prev = [0] * (m + 1)
    for x in a:
        cur = [0] * (m + 1)
        for j in range(1, m + 1):
            if x == b[j - 1]:
                cur[j] = prev[j - 1] + 1
            else:
                cur[j] = max(prev[j], cur[j - 1])
        prev = cur
    return prev[m]


def sort_records(names: list[str], scores: list[int], weights: list[float]) -> list[str]:
    """Records sorted by score (descending), then weight, then name."""
    records: list[tuple[int, float, str]] = []
    for i in range(len(names)):
        records.append((-scores[i], weights[i], names[i]))
    records.sort()
    return [r[2] for r in records[:50]]


def bpe_merges(words: list[str], merges: int) -> list[str]:
    """Byte-pair-encoding style merges over the characters of words."""
    seqs: list[list[str]] = [list(w) for w in words]
    learned: list[str] = []
    for _ in range(merges):
        pairs: dict[str, int] = {}
        for seq in seqs:
            for i in range(len(seq) - 1):
                key = seq[i] + " " + seq[i + 1]
                pairs[key] = pairs.get(key, 0) + 1
        if not pairs:
            break
        best = ""
        best_n = 0
        for k, v in pairs.items():
            if v > best_n:
                best = k
                best_n = v
        parts = best.split(" ")
        left = parts[0]
        right = parts[1]
        learned.append(left + right)
        new_seqs: list[list[str]] = []
        for seq in seqs:
            merged: list[str] = []
            i = 0
            while i < len(seq):
                if i + 1 < len(seq) and seq[i] == left and seq[i + 1] == right:
                    merged.append(left + right)
                    i += 2
                else:
                    merged.append(seq[i])
                    i += 1
            new_seqs.append(merged)
        seqs = new_seqs
    return learned


def walk_records(docs: dict[str, dict[str, int]], keys: list[str]) -> dict[str, int]:
    """Sum fields over nested JSON-like records, counting missing ones."""
    totals: dict[str, int] = {}
    missing = 0
    for name, fields in docs.items():
        for k in keys:
            if k in fields:
                totals[k] = totals.get(k, 0) + fields[k]
            else:
                missing += 1
        if name.startswith("x"):
            totals["x"] = totals.get("x", 0) + 1
    totals["missing"] = missing
    return totals


def softmax_topk(logits: list[float], k: int) -> list[tuple[int, float]]:
    """Softmax over logits and the k most probable indices."""
    m = max(logits)
    exps = [math.exp(x - m) for x in logits]
    total = sum(exps)
    probs = [e / total for e in exps]
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    return [(i, probs[i]) for i in order[:k]]


def sieve(n: int) -> int:
    """Number of primes below n."""
    flags = [True] * n
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i < n:
        if flags[i]:
            for j in range(i * i, n, i):
                flags[j] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def collatz_steps(n: int) -> int:
    """Total Collatz steps of 1..n (integer loop)."""
    total = 0
    for start in range(1, n + 1):
        x = start
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            total += 1
    return total


def integrate(n: int) -> float:
    """Midpoint rule for the integral of sin(x) * x on [0, pi] (float loop)."""
    h = math.pi / n
    acc = 0.0
    for i in range(n):
        x = (i + 0.5) * h
        acc += math.sin(x) * x
    return acc * h


def count_vowels(text: str) -> int:
    """Index characters one by one (non-ASCII text)."""
    vowels = "aeiouäöüéè"
    n = 0
    for i in range(len(text)):
        if text[i] in vowels:
            n += 1
    return n


def wordpiece(words: list[str], vocab: dict[str, int], max_chars: int) -> list[int]:
    """WordPiece: greedy longest-match-first over a vocabulary, `##` continuations."""
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
    """Entity spans (label, start, end, text) from BIO tags."""
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
    if start >= 0:
        spans.append((label, start, len(tags), " ".join(tokens[start:])))
    return spans


def topk_heap(scores: list[float], k: int) -> list[tuple[float, int]]:
    """The k largest scores with their indices, by a bounded min-heap."""
    heap: list[tuple[float, int]] = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    return sorted(heap, reverse=True)
