"""Benchmark kernels: plain, annotated Python as inference code writes it.

Each function is compiled three ways by bench/kernels/run.py (CPython runs it
as is, mypyc and pycomp compile this same file) and called on the same inputs.
"""

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
