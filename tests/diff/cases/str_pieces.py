"""Parts of borrowed strings held without a copy (issue 12): a str local first bound to
a slice of a str parameter or of a `list[str]` parameter's item (`part = word[a:b]`)
stays a view until a built string replaces it (`part = part + "@@"`), read, kept in a
list, passed on, returned, rebound inside `try`; one read by a lambda stays a copy.
Also `xs.extend(...)` from lists, slices, ranges, tuples, generators and the list
itself."""


def suffix_pieces(words: list[str], vocab: dict[str, int]) -> list[list[int]]:
    """Longest match from each word's end: `part` a slice of the word (a view of the
    argument, no copy) until `part + "@@"` builds one for a piece that does not end
    the word; a character nothing matches is "<unk>" (KeyError when that is missing)."""
    out: list[list[int]] = []
    for word in words:
        ids: list[int] = []
        end = len(word)
        while end > 0:
            begin = 0
            code = -1
            while begin < end:
                part = word[begin:end]
                if end < len(word):
                    part = part + "@@"
                code = vocab.get(part, -1)
                if code >= 0:
                    break
                begin += 1
            if code < 0:
                code = vocab["<unk>"]
                begin = end - 1
            ids.insert(0, code)
            end = begin
        out.append(ids)
    return out


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


def clean_lines(lines: list[str], punct: str, limit: int) -> tuple[list[str], int]:
    """Kept words of each line gathered as views of the line (`words.append(w)` of its
    split pieces, narrowed by strip), joined and counted, then the line itself kept
    (ValueError for a line of more than `limit` words)."""
    out: list[str] = []
    total = 0
    for line in lines:
        line = line.lower().replace("--", " ")
        words: list[str] = []
        for w in line.split():
            w = w.strip(punct)
            if w:
                words.append(w)
        if len(words) > limit:
            raise ValueError(f"too many words: {len(words)}")
        total += len(words)
        if words:
            out.append("|".join(words))
        out.append(line)
    return out, total


def fields_of(text: str, names: list[str], sep: str) -> list[str]:
    """Pieces of a str parameter and items of a list parameter gathered in one list,
    joined per name (an empty separator raises split's ValueError)."""
    out: list[str] = []
    for name in names:
        parts: list[str] = []
        for p in text.split(sep):
            if p.startswith(name):
                parts.append(p)
            parts.append(name)
        out.append(",".join(parts) + str(len(parts)))
    return out


def rejoined(docs: list[str], sep: str, width: int) -> list[str]:
    """`words = doc.split(sep)` of each item of a `list[str]` parameter, read by `len`,
    `join` and a slice: views of the caller's string (split's ValueError for an empty
    separator)."""
    out: list[str] = []
    for doc in docs:
        words = doc.split(sep)
        out.append(" ".join(words[:width]) + "/" + str(len(words)))
    return out


def joined_shapes(words: list[str], sep: str, width: int) -> list[str]:
    """`join` of a list moved in, of slices, of a generator of built strings and of a
    dict's keys, with one-byte, multi-byte, non-ASCII and empty separators (the
    result made once at its size); IndexError from `words[width]` when too short."""
    out: list[str] = []
    kept: list[str] = []
    for w in words:
        if w:
            kept.append(w.strip())
    out.append(sep.join(kept))
    out.append(",".join(words[:width]))
    out.append("é".join(words[width:]))
    out.append("".join(w.upper() for w in words))
    out.append(" -- ".join({w: 1 for w in words}))
    out.append(sep.join([]))
    out.append(sep.join([words[width]]))
    return out


def pair_keys(seqs: list[list[str]], marks: list[str]) -> tuple[dict[str, int], list[str], str]:
    """A key rebuilt in each step and only read in place (`key = a + " " + b`, one
    buffer for the loop): counted (copied into the dict only when new), measured,
    compared, built from a number's text, caught when a part raises IndexError (the
    key keeps its last value) and read after the `except`; a key also kept in a list
    (`tag`) stays a new string each time. IndexError from `marks[n]` when short."""
    counts: dict[str, int] = {}
    kept: list[str] = []
    last = ""
    for n, seq in enumerate(seqs):
        for i in range(len(seq) - 1):
            key = seq[i] + " " + seq[i + 1]
            counts[key] = counts.get(key, 0) + 1
            if len(key) > 3 and key != "a b":
                kept.append(key.upper())
            tag = "<" + key + ">"
            kept.append(tag)
        try:
            key = seq[0] + "#" + str(n) + seq[n]
            last = key.lower()
        except IndexError:
            kept.append("short " + str(n))
        if last.startswith("stop#0"):
            return dict(counts), kept[:], last
        last = last + marks[n]
    return counts, kept, last
