"""Parts of borrowed strings held without a copy (issue 12): a str local first bound to
a slice of a str parameter or of a `list[str]` parameter's item (`sub = word[a:b]`)
stays a view until a built string replaces it (`sub = "##" + sub`), read, kept in a
list, passed on, returned, rebound inside `try`; one read by a lambda stays a copy.
Also `xs.extend(...)` from lists, ranges, tuples and generators."""

def wordpieces(words: list[str], vocab: dict[str, int], max_chars: int) -> list[int]:
    """WordPiece's greedy longest match: `sub` a slice of the word (a view of the
    argument, no copy) until `"##" + sub` builds one; KeyError without "[UNK]"."""
    ids: list[int] = []
    unk = vocab["[UNK]"]
    for word in words:
        if len(word) > max_chars:
            ids.append(unk)
            continue
        start = 0
        pieces: list[int] = []
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
                pieces = [unk]
                break
            pieces.append(found)
            start = end
        ids.extend(pieces)
    return ids


def _shout(s: str) -> str:
    return s.upper() + "!"


def rest_after(text: str, marks: list[str]) -> tuple[str, list[str]]:
    """A slice of a str parameter rebound to other slices of it and to built strings,
    kept in a list, passed on, returned (ValueError from `index` when a mark that
    starts with '@' is missing)."""
    best = text[:3]
    kept: list[str] = []
    for m in marks:
        if m.startswith("@"):
            best = text[text.index(m[1:]):]
        elif text.startswith(m):
            best = text[len(m):].strip()
        elif m in best:
            best = best.replace(m, "_")
        else:
            best = _shout(best)
        kept.append(best)
    return best + "|" + best, kept


def suffix_codes(words: list[str], table: dict[str, int], cut: int) -> dict[str, int]:
    """A slice rebound inside `try` (KeyError caught, the built string kept) and read
    after it; `word[cut]` raises IndexError for a word shorter than `cut`."""
    out: dict[str, int] = {}
    for word in words:
        tail = word[-cut:]
        try:
            out[tail] = table[tail]
        except KeyError:
            tail = tail + word[cut]
            out[tail] = len(tail)
        out[tail.upper()] = out.get(tail.upper(), 0) + 1
    return out


def keyed_prefixes(words: list[str], n: int) -> list[str]:
    """A slice a lambda reads (kept a copy) beside one only read in place."""
    out: list[str] = []
    for w in words:
        head = w[:n]
        ordered = sorted(words, key=lambda s: (not s.startswith(head), s))
        probe = w[n:]
        if probe == head:
            probe = probe + "="
        out.append(f"{head}:{ordered[0]}:{probe}")
    return out


def extend_all(xs: list[int], n: int, more: tuple[int, ...]) -> list[int]:
    """`extend` from a list (copied or moved), a slice, a range, a tuple, a
    generator and slices of the list it extends (copied first, as CPython reads
    them before extending); range's ValueError for a zero step."""
    out: list[int] = []
    out.extend(xs)
    out.extend(range(0, n, 1 if n >= 0 else -1))
    out.extend(more)
    out.extend(x * 2 for x in xs if x % 2)
    out.extend(xs[:2])
    out.extend(out[:2])
    out.extend(out[-1:] + xs)
    tail = [len(out)]
    out.extend(tail)
    out.extend(range(0, 3, n // 100))
    return out
