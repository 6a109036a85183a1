"""Text-side code as users write it around a model (issue 11, trialA's trials):
`m["name"]`/`m[1]` of a match, `%(name)s` formats of a dict literal, a tuple
literal assigned to names one of which is optional, and byte-pair merges ranked
by `ranks.get(pair, float("inf"))` (a dict of ints with a float default, only
compared by `min`'s key), and the `!a` conversion."""

import re

LINE = re.compile(
    r"^(?P<level>INFO|WARN|ERROR) \[(?P<model>[\w.-]+)\] latency=(?P<ms>\d+)ms"
    r"(?: tokens=(?P<tok>\d+))?$"
)


def parse_log_line(line: str) -> tuple[str, str, int, int]:
    m = LINE.match(line.strip())
    if not m:
        raise ValueError(f"unparseable line: {line[:20]!r}")
    tok = m["tok"]
    return m["model"], m["level"], int(m["ms"]), int(tok) if tok else 0


def match_items(text: str, pattern: str) -> list[str | None]:
    """`m[i]` of a pattern known only at run time: `str | None`, IndexError past the
    groups."""
    m = re.search(pattern, text)
    if m is None:
        return []
    return [m[0], m[1], m[2]]


def metrics_line(name: str, n: int, correct: int) -> str:
    return "%(name)-8s n=%(n)5d acc=%(acc).1f%% %(name)r" % {
        "name": name, "n": n, "acc": 100 * correct / n}


def apply_stop(text: str, stops: list[str]) -> tuple[str, str | None]:
    cut = len(text)
    hit: str | None = None
    for s in stops:
        if not s:
            raise ValueError("empty stop sequence")
        i = text.find(s)
        if i != -1 and i < cut:
            cut, hit = i, s
    return text[:cut], hit


def bpe_merge(word: str, merges: list[tuple[str, str]]) -> list[str]:
    ranks = {pair: i for i, pair in enumerate(merges)}
    parts = list(word)
    while len(parts) > 1:
        pairs = [(parts[i], parts[i + 1]) for i in range(len(parts) - 1)]
        best = min(pairs, key=lambda p: ranks.get(p, float("inf")))
        if best not in ranks:
            break
        out: list[str] = []
        i = 0
        while i < len(parts):
            if i < len(parts) - 1 and (parts[i], parts[i + 1]) == best:
                out.append(parts[i] + parts[i + 1])
                i += 2
            else:
                out.append(parts[i])
                i += 1
        parts = out
    return parts


def ascii_fields(name: str, n: int) -> list[str]:
    """`!a` (and `%a`, `ascii()`): the repr with non-ASCII characters escaped."""
    return [f"{name!a}", f"{n!a:>4}", "{0!a:*^16}".format(name), "%a|%-8a|" % (name, n),
            ascii(name), f"{name!r}"]
