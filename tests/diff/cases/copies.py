"""Copies taken before changing a structure, as users write them with the copy
module: snapshots of lists and dicts, nested configurations overridden without
touching the defaults, and undo stacks."""

import copy


def override(defaults: dict[str, dict[str, int]], section: str, key: str, value: int
             ) -> list[str]:
    updated = copy.deepcopy(defaults[section])
    updated[key] = value
    cfg = copy.deepcopy(defaults)
    cfg[section] = updated
    return [f"{s}.{k}={v}/{defaults[s].get(k, -1)}" for s in cfg for k, v in cfg[s].items()]


def snapshots(ops: list[str]) -> list[list[str]]:
    state: list[str] = []
    history: list[list[str]] = []
    for op in ops:
        if op == "undo":
            history.pop()
            state = copy.copy(history[-1]) if history else []
            continue
        state.append(op)
        history.append(copy.copy(state))
    return history


def counts_before_after(words: list[str], extra: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    before = copy.copy(counts)
    for w in extra:
        counts[w] = counts[w] + 1
    return before, counts


def grid_step(grid: list[list[int]]) -> list[list[int]]:
    nxt = copy.deepcopy(grid)
    for i in range(len(grid)):
        for j in range(len(grid[i])):
            nxt[i][j] = grid[i][j] + (grid[i - 1][j] if i > 0 else 0)
    return nxt


def without_seen(seen: set[str], new: list[str]) -> tuple[list[str], int]:
    s = copy.copy(seen)
    out = []
    for x in new:
        if x not in s:
            out.append(x)
            s.add(x)
    return out, len(seen)


def nested_lists(rows: list[list[str]], fill: str) -> list[list[str]]:
    out = copy.deepcopy(rows)
    for i in range(len(out)):
        out[i].append(fill)
    if len(rows) > 0 and len(rows[0]) == len(out[0]):
        raise AssertionError("the copy shares its rows")
    return out + rows
