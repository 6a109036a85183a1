"""Comparisons CPython settles at run time: objects without an order inside tuples
(sorted, max, heapq: fine until two priorities tie, then CPython's TypeError), `<`
between objects no class of which orders the other (TypeError), optional objects of
unrelated classes (`Task | None`, `Job | None`) compared with `==` (only None
equals None), and NamedTuples compared
with plain tuples (as tuples)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import NamedTuple


class Task:
    def __init__(self, name: str) -> None:
        self.name = name


class Job:
    def __init__(self, name: str, cost: int) -> None:
        self.name = name
        self.cost = cost

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Job):
            return NotImplemented
        return self.cost == other.cost


@dataclass(order=True)
class Version:
    major: int
    minor: int


@dataclass(order=True)
class Release:
    major: int
    minor: int


class Point(NamedTuple):
    x: int
    y: int


def schedule(priorities: list[int], names: list[str]) -> list[str]:
    """A priority queue of (priority, task): equal priorities compare the tasks."""
    heap: list[tuple[int, Task]] = []
    for p, n in zip(priorities, names):
        heapq.heappush(heap, (p, Task(n)))
    out = []
    while heap:
        _, task = heapq.heappop(heap)
        out.append(task.name)
    return out


def ranked(scores: list[float]) -> list[str]:
    pairs = [(s, Task(f"t{i}")) for i, s in enumerate(scores)]
    return [t.name for _, t in sorted(pairs, reverse=True)]


def best(scores: list[int]) -> str:
    pairs = [(s, Task(str(s))) for s in scores]
    return max(pairs)[1].name


def same_task_twice(n: int) -> int:
    """One object in every tuple: equal by identity, never ordered."""
    t = Task("only")
    return len(sorted([(1, t) for _ in range(n)]))


def by_cost(costs: list[int]) -> list[int]:
    """Jobs equal by `__eq__` (same cost) tie without being ordered."""
    pairs = [(c // 10, Job(str(c), c)) for c in costs]
    return [j.cost for _, j in sorted(pairs)]


def newer(a: int, b: int) -> bool:
    """Two dataclasses of unrelated classes: each generated `__lt__` declines."""
    return Version(a, 0) < Release(b, 0)


def above(name: str, limit: int) -> bool:
    return Task(name) > limit  # type: ignore[operator]


def _find_task(names: list[str], name: str) -> Task | None:
    for n in names:
        if n == name:
            return Task(n)
    return None


def _find_job(costs: list[int], cost: int) -> Job | None:
    for c in costs:
        if c == cost:
            return Job(str(c), c)
    return None


def both_missing(names: list[str], costs: list[int], name: str, cost: int) -> list[bool]:
    t = _find_task(names, name)
    j = _find_job(costs, cost)
    return [t == j, t != j, j == t]  # type: ignore[comparison-overlap]


def point_checks(x: int, y: int) -> list[bool]:
    p = Point(x, y)
    origin = (0, 0)
    return [p == (x, y), (y, x) == p, p != origin, p < (x, y + 1), (x, y) <= p,
            Point(y, x) > origin]
