"""A `for` loop over a list its own body changes (issue 11): the worklist idiom.
CPython's list iterator reads the list afresh at each step, so the items the body
appends (or inserts, removes, replaces) are seen by the loop; compiled code walks such
a list by index too. With breaks, enumerate, errors raised mid-walk."""


def reachable(edges: list[tuple[str, str]], start: str) -> list[str]:
    order = [start]
    for node in order:
        for a, b in edges:
            if a == node and b not in order:
                order.append(b)
    return order


def collatz(n: int, limit: int) -> list[int]:
    steps = [n]
    for x in steps:
        if x == 1:
            break
        if len(steps) >= limit:
            raise ValueError(f"no 1 within {limit} steps from {n}")
        steps.append(x // 2 if x % 2 == 0 else 3 * x + 1)
    return steps


def split_compounds(text: str) -> list[str]:
    todo = text.split()
    words: list[str] = []
    for w in todo:
        if "-" in w:
            todo.extend(p for p in w.split("-") if p)
            continue
        words.append(w.lower())
    return words


def expand_includes(files: dict[str, list[str]], root: str) -> list[str]:
    order = [root]
    for name in order:
        for inc in files[name]:
            if inc not in order:
                order += [inc]
    return order


def numbered_queue(jobs: list[str], first: int) -> list[str]:
    queue = list(jobs)
    done: list[str] = []
    for n, job in enumerate(queue, first):
        done.append(f"{n}:{job}")
        if job.endswith("!"):
            queue.append(job[:-1])
    return done


def halve_in_place(xs: list[int]) -> list[int]:
    ys = list(xs)
    for i, x in enumerate(ys):
        ys[i] = x // 2
        if x > 10:
            ys.append(x - 10)
    return ys


def drop_evens(xs: list[int]) -> list[int]:
    ys = list(xs)
    seen: list[int] = []
    for y in ys:
        seen.append(y)
        if y % 2 == 0:
            ys.remove(y)
    return seen + [-1] + ys


def pop_while_walking(xs: list[float]) -> list[float]:
    ys = list(xs)
    out: list[float] = []
    for y in ys:
        out.append(y / ys[-1])
        ys.pop()
    return out


def merge_intervals(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    todo = sorted(spans)
    merged: list[tuple[int, int]] = []
    for lo, hi in todo:
        if lo > hi:
            raise ValueError(f"bad span ({lo}, {hi})")
        if merged and lo <= merged[-1][1]:
            last = merged.pop()
            todo.append((last[0], max(last[1], hi)))
            todo.sort()
        else:
            merged.append((lo, hi))
    return merged


def flatten_rows(rows: list[list[int]]) -> list[int]:
    stack = list(rows)
    flat: list[int] = []
    for row in stack:
        if len(row) > 2:
            stack.append(row[2:])
            row = row[:2]
        flat.extend(row)
        del stack[0:0]
    return flat
