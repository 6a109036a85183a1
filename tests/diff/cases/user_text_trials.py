"""Text post-processing idioms from held-out user programs (issue 11, trialE): functions
of modules given to `map`, a throwaway `_` bound to values of several types, set
operators on dict keys, a deletion table for `translate`, a list's bound method as a
sort key, and strings indexed inside a comprehension within a loop."""

import math
import re
from collections import Counter


def geo_mean_precision(precs: list[float]) -> float:
    """BLEU's geometric mean: `map(math.log, precs)`."""
    return math.exp(sum(map(math.log, precs)) / len(precs))


def any_term(doc: str, terms: list[str]) -> list[str]:
    """An alternation of escaped terms: `map(re.escape, terms)`."""
    pat = re.compile("|".join(sorted(map(re.escape, terms), key=len, reverse=True)))
    return [m.group(0) for m in pat.finditer(doc)]


def error_paths(rows: list[tuple[str, str, int, float]]) -> dict[str, int]:
    """`for _, path, status, _ in rows`: `_` a str, then a float, never read."""
    bad: Counter[str] = Counter()
    for _, path, status, _ in rows:
        if status >= 500:
            bad[path] += 1
    return dict(bad)


def last_fields(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        _, _, rest = line.partition(":")
        n, _ = len(rest), rest.strip()
        out.append(f"{n}:{rest.strip()}")
    return out


def key_changes(old: dict[str, float], new: dict[str, int]) -> list[str]:
    """Set operators on keys views: `old.keys() | new.keys()` and the others."""
    return [",".join(sorted(old.keys() | new.keys())), ",".join(sorted(old.keys() & new.keys())),
            ",".join(sorted(old.keys() - new.keys())), ",".join(sorted(new.keys() ^ old.keys()))]


def missing_keys(record: dict[str, int], required: list[str]) -> list[str]:
    return sorted(set(required) - record.keys())


_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n"}


def strip_controls(text: str) -> str:
    """A deletion table made by a comprehension: `dict[int, None]`."""
    return text.translate(_CONTROL)


def by_first_ranking(docs: list[str], ranking: list[str]) -> list[str]:
    """A list's bound method as a sort key: `key=ranking.index` (ValueError for a doc
    the ranking lacks)."""
    return sorted(docs, key=ranking.index)


def most_repeated(words: list[str]) -> str:
    return max(words, key=words.count)


def initials(lines: list[str]) -> list[str]:
    """`w[0]` of a comprehension's variable inside a loop."""
    out = []
    for line in lines:
        words = line.split()
        out.append("".join(w[0] for w in words))
        out.append("".join([v[-1] for v in words if v]))
    return out
