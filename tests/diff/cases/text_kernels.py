"""Text and counting kernels as inference code writes them (bench/kernels):
strip with a literal or a variable set of characters, split on whitespace or a
separator, lower/replace that change nothing or something, and counting into
a dict with `d[k] = d.get(k, 0) + x` (a key moved in, or a key still needed)."""


def ngram_counts(text: str, n: int, punct: str) -> dict[str, int]:
    tokens = text.lower().split()
    counts: dict[str, int] = {}
    for i in range(len(tokens) - n + 1):
        gram = " ".join(tokens[i:i + n]).strip(punct)
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def sum_fields(docs: dict[str, dict[str, int]], keys: list[str]) -> tuple[dict[str, int], int]:
    totals: dict[str, int] = {}
    failed = 0
    for fields in docs.values():
        for k in keys:
            try:
                totals[k] = totals.get(k, 0) + fields[k]
            except KeyError:
                failed += 1
    return totals, failed


def split_count(text: str, sep: str | None, strip_chars: str | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for part in text.split(sep):
        part = part.strip(strip_chars).lower()
        counts[part] = counts.get(part, 0) + 1
    return counts


def normalize_lines(lines: list[str]) -> list[str]:
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


def word_counts(docs: list[str], first: int) -> list[tuple[str, int]]:
    freq: dict[str, int] = {}
    for doc in docs:
        for w in doc.lower().rsplit(maxsplit=first):
            if w.isalpha():
                freq[w] = freq.get(w, 0) + 1
            last = w
            freq[last] = freq.get(last, 0) + len(w)
    return sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))


def initials_and_tails(text: str) -> str:
    """A loop indexing its own variable, which also names a string before the loop."""
    w = "zz"
    out = w[0]
    for w in text.split():
        out += w[0] + w[-1]
    return out + w[0]


def split_loops(text: str, sep: str | None, limit: int) -> tuple[list[str], dict[str, int], str]:
    kept: list[str] = []
    firsts: dict[str, int] = {}
    stopped = False
    for w in text.lower().split(sep, limit):
        if w == "stop":
            stopped = True
            break
        if w and (w in kept or w[0] in "aeiouáé"):
            firsts[w[0]] = firsts.get(w[0], 0) + len(w)
            continue
        kept.append(w)
    if not stopped:
        kept.append("<end>")
    tail = ""
    for piece in text.split():
        tail = piece + tail[:6]
        text = piece
    return kept, firsts, tail + "|" + text


def split_windows(text: str, size: int, sep: str | None) -> tuple[list[str], int, str]:
    """Split lists read only by len, join and slices (views of the pieces), the source a
    temporary, a variable returned later, and a parameter."""
    lowered = text.lower()
    words = lowered.split(sep)
    shouted = text.upper().split()
    plain = text.split(sep, 2)
    out: list[str] = []
    for start in range(0, len(words), size):
        window = words[start:start + size]
        rest = window[1:]
        out.append("_".join(window) + "/" + ",".join(rest) + str(len(rest)))
    n = len(shouted) + len(" ".join(shouted[-2:])) + len(plain)
    return out, n, lowered + "|" + "+".join(plain[1:])


def view_words(words: list[str], size: int, sep: str) -> tuple[int, str, list[str], dict[str, int]]:
    """A list[str] parameter read only as strings (views of the argument buffer): a loop
    keeping some items in a list and as dict keys, len, join, slices bound to views."""
    kept: list[str] = []
    seen: dict[str, int] = {}
    total = 0
    for w in words:
        total += len(w.strip())
        if w.isalpha():
            kept.append(w)
            seen[w] = seen.get(w, 0) + 1
    head = words[:size]
    tail = words[size:]
    label = sep.join(head) + "|" + sep.join(tail) + str(len(tail))
    for start in range(0, len(words), size):
        label += "/" + sep.join(words[start:start + size])
    return total, label, kept, seen


def view_words_caller(words: list[str], size: int) -> tuple[int, str]:
    """A compiled caller of a function taking its list[str] as views: the caller's own
    parameter and a list it built."""
    upper = [w.upper() for w in words]
    a = view_words(words, size, ",")
    b = view_words(upper, size + 1, "")
    return a[0] + b[0], a[1] + b[1]
