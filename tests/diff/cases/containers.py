"""List, dict and set manipulation."""


def dedupe_keep_order(xs: list[str], banned: set[str]) -> list[str]:
    seen = set()
    out = []
    for x in xs:
        if x not in seen and x not in banned:
            seen.add(x)
            out.append(x)
    return out


def invert_index(docs: dict[str, list[str]]) -> dict[str, list[str]]:
    index = {}
    for doc_id in docs:
        for w in docs[doc_id]:
            index.setdefault(w, [])
            if doc_id not in index[w]:
                index[w].append(doc_id)
    return {w: sorted(ids) for w, ids in sorted(index.items())}


def merge_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = {}
    out.update(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def remove_keys(d: dict[str, int], keys: list[str]) -> tuple[dict[str, int], list[int]]:
    out = {}
    out.update(d)
    removed = []
    for k in keys:
        removed.append(out.pop(k))
    return out, removed


def reorder_queue(queue: list[str], urgent: str) -> tuple[list[str], int]:
    work = list(queue)
    old = work.index(urgent)
    work.remove(urgent)
    work.insert(0, urgent)
    return work, old


def sort_records(records: list[tuple[str, int]], by_score: bool = True) -> list[tuple[str, int]]:
    out = list(records)
    if by_score:
        out.sort(key=lambda r: r[1], reverse=True)
    else:
        out.sort()
    return out


def transpose(m: list[list[int]]) -> list[list[int]]:
    if not m:
        return []
    return [[row[j] for row in m] for j in range(len(m[0]))]


def pairs_with_sum(xs: list[int], target: int) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for i, a in enumerate(xs) for b in xs[i + 1:] if a + b == target}


def active_users(events: list[tuple[str, str]]) -> tuple[list[str], int]:
    active = set()
    logins = 0
    for user, action in events:
        if action == "login":
            active.add(user)
            logins += 1
        elif action == "logout":
            active.discard(user)
        else:
            raise ValueError(f"unknown action '{action}' for {user}")
    letters = {c for u in active for c in u}
    return sorted(active), len(letters)


def stack_ops(xs: list[int], pops: int) -> tuple[list[int], list[int], int]:
    work = xs.copy()
    popped = []
    for _ in range(pops):
        popped.append(work.pop())
    first = work.pop(0) if work else -1
    return work, popped, first
