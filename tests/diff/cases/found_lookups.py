"""One lookup for `if k in d:` whose body reads `d[k]` (issue 12): the value the test
found is read in place by the body (a dict parameter read as a view, owned dicts,
number and list values, `elif` chains, `d[k]` read twice and inside an expression),
and the cases left as two lookups (the body changes the dict or rebinds the key).
Also `list[str]` parameters indexed by position (`tags[i]`, negative indexes,
CPython's IndexError), taken as views of the argument buffer."""


def segment(text: str, lexicon: dict[str, int], longest: int) -> tuple[list[str], int]:
    """Maximum matching: at each position the longest lexicon word (at most `longest`
    characters) starting there, its score summed; a character no word covers is kept
    alone with score -1. A lexicon view read by `w in lexicon` then `lexicon[w]`."""
    words: list[str] = []
    score = 0
    pos = 0
    while pos < len(text):
        size = min(longest, len(text) - pos)
        taken = 1
        gain = -1
        while size > 0:
            w = text[pos:pos + size]
            if w in lexicon:
                gain = lexicon[w]
                taken = size
                break
            size -= 1
        words.append(text[pos:pos + taken])
        score += gain
        pos += taken
    return words, score


def tally_lists(pairs: list[tuple[str, int]]) -> dict[str, list[int]]:
    """Owned dict of lists: the found list read (copied, measured, indexed) in the
    body, which changes another dict; a new key inserted in the `else` branch."""
    groups: dict[str, list[int]] = {}
    extra: dict[str, list[int]] = {}
    for key, v in pairs:
        if key in groups:
            seen = groups[key]
            if len(groups[key]) > 1 and groups[key][-1] > v:
                seen = seen + [v * 10]
            extra[key + "+"] = seen + [len(seen)]
        else:
            groups[key] = [v]
    for k, xs in extra.items():
        groups[k] = xs
    return groups


def label_of(codes: dict[str, int], names: dict[int, str], word: str) -> str:
    """`elif` chains of tests on two dicts, an int key, `d[k]` read in an f-string."""
    if word in codes:
        c = codes[word]
        if c in names:
            return f"{names[c]}:{codes[word] + c}"
        elif c + 1 in names:
            return names[c + 1].upper()
        return str(c)
    elif word.lower() in codes:
        return "lower:" + str(codes[word.lower()])
    elif len(word) in names:
        return names[len(word)]
    return names[-1]  # KeyError: -1 when missing


def changed_in_body(seed: dict[str, int], words: list[str]) -> dict[str, int]:
    """The body changes the dict or rebinds the key: two lookups, the same results."""
    counts = dict(seed)
    for w in words:
        if w in counts:
            counts[w] = counts[w] + 1
            if w + "!" in counts:
                w = w + "!"
                counts[w] += counts[w]
        else:
            counts[w] = counts[w[:1]] if w[:1] in counts else 0
    return counts


def present_then_strict(d: dict[str, float], k: str, other: str) -> float:
    """The value found, then a strict lookup of another key: KeyError as CPython."""
    if k in d:
        return d[k] * 2.0 + d[other]
    return -1.0


def bioes_counts(tags: list[str], first: int) -> dict[str, int]:
    """Entities per label from BIOES tags read by index: `tags[i]` (from a negative
    `first` too), a lookahead `tags[j]` for the closing `E-` (IndexError when none
    closes), `tags[-1]` (IndexError when there are no tags)."""
    counts: dict[str, int] = {}
    i = first
    while i < len(tags):
        t = tags[i]
        if t.startswith("S-"):
            counts[t[2:]] = counts.get(t[2:], 0) + 1
        elif t.startswith("B-"):
            j = i + 1
            while not tags[j].startswith("E-"):
                j += 1
            name = t[2:] + ("" if tags[j][2:] == t[2:] else "?")
            counts[name] = counts.get(name, 0) + 1
            i = j
        i += 1
    counts["last:" + tags[-1]] = len(tags)
    return counts


def pick(names: list[str], order: list[int]) -> list[str]:
    """`names[j]` by indexes from another list (negative ones from the end), kept as
    copies; an index out of range raises CPython's IndexError."""
    out: list[str] = []
    for j in order:
        out.append(names[j])
    return out
