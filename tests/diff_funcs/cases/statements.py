"""Statements of the function model: `del` of a name, the walrus operator."""


def release_early(xs: list[int]) -> int:
    hidden = [x * x for x in xs]
    total = sum(hidden)
    del hidden
    return total


def pop_key(d: dict[str, int], k: str) -> tuple[int, int]:
    d = dict(d)
    value, size = d[k], len(d)
    del value, d[k]
    return size, len(d)


def del_in_branch(flag: bool, xs: list[str]) -> str:
    joined = "-".join(xs)
    if flag:
        del joined
        return "deleted"
    return "kept"


def describe_size(xs: list[int]) -> str:
    if (n := len(xs)) > 3:
        return f"long ({n})"
    elif (half := n // 2) > 0:
        return f"medium ({half})"
    return f"short ({n})"


def drain_positive(xs: list[int]) -> list[int]:
    xs = list(xs)
    out: list[int] = []
    while (left := len(xs)) > 0:
        v = xs.pop()
        if v < 0:
            continue
        if v > 100:
            break
        out.append(v * left)
    else:
        out.append(-1)
    return out


def head_word(s: str) -> str:
    if not (words := s.split()):
        raise ValueError("no words in " + repr(s))
    return words[0]


def lookup_id(ids: dict[str, int], name: str, code: int) -> int:
    """`raise KeyError(x)` says repr(x): 150 for an int, 'name' for a str."""
    if name in ids:
        return ids[name]
    if code > 0:
        raise KeyError(code)
    if code < 0:
        raise KeyError((name, code))
    raise KeyError(name)


def long_words(words: list[str], limit: int) -> list[tuple[str, int]]:
    return [(w, n) for w in words if (n := len(w.strip())) > limit]


def parsed_scores(rows: list[str]) -> dict[str, float]:
    return {name: score for row in rows if (parts := row.split(":"))[0]
            for name, score in [(parts[0], float(parts[1]))] if score >= 0}
