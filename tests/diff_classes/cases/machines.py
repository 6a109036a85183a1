"""Small state machines and objects shared through references."""

from __future__ import annotations


class Counter:
    def __init__(self, start: int = 0) -> None:
        self.n = start
        self.history: list[int] = []

    def bump(self, by: int = 1) -> int:
        self.n += by
        self.history.append(self.n)
        return self.n


class Node:
    def __init__(self, value: int) -> None:
        self.value = value
        self.next: Node | None = None


LIGHTS = ["green", "yellow", "red"]


class TrafficLight:

    def __init__(self) -> None:
        self.state = "red"
        self.ticks = 0

    def step(self, event: str) -> str:
        if event == "tick":
            i = LIGHTS.index(self.state)
            self.state = LIGHTS[(i + 1) % len(LIGHTS)]
            self.ticks += 1
        elif event == "reset":
            self.state = "red"
        elif event == "fault":
            raise RuntimeError(f"fault in state {self.state} after {self.ticks} ticks")
        else:
            raise ValueError(f"unknown event {event!r}")
        return self.state


class Tokenizer:
    """A tiny lexer: a state machine over characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tokens: list[str] = []

    def run(self) -> list[str]:
        buf = ""
        mode = "space"
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            kind = "punct"
            if ch.isdigit():
                kind = "digit"
            elif ch.isalpha():
                kind = "alpha"
            elif ch.isspace():
                kind = "space"
            if kind != mode or kind == "punct":
                if buf and mode != "space":
                    self.tokens.append(buf)
                buf = ""
                mode = kind
            buf += ch
            self.pos += 1
        if buf and mode != "space":
            self.tokens.append(buf)
        return self.tokens


def aliased_counter(steps: list[int]) -> list[int]:
    a = Counter()
    b = a
    for s in steps:
        b.bump(s)
    return [a.n, b.n, len(a.history)] + a.history


def shared_in_containers(names: list[str]) -> dict[str, int]:
    counters = {n: Counter() for n in set(names)}
    order = [counters[n] for n in names]
    for c in order:
        c.bump()
    return {n: counters[n].n for n in sorted(counters)}


def run_lights(events: list[str]) -> list[str]:
    light = TrafficLight()
    return [light.step(e) for e in events]


def linked_sum(values: list[int]) -> list[int]:
    head: Node | None = None
    for v in values:
        node = Node(v)
        node.next = head
        head = node
    out = []
    cur = head
    while cur is not None:
        out.append(cur.value)
        cur = cur.next
    return out


def lex(text: str) -> list[str]:
    return Tokenizer(text).run()


def counters_list(n: int, rounds: int) -> list[int]:
    if n < 0:
        raise ValueError("n must be >= 0")
    cs = [Counter(i) for i in range(n)]
    same = [cs[0]] * 3 if cs else []
    for _ in range(rounds):
        for c in same:
            c.bump()
    return [c.n for c in cs]


def mutate_through_function(start: int, times: int) -> int:
    c = Counter(start)
    _bump_many(c, times)
    return c.n


def _bump_many(c: Counter, times: int) -> None:
    for _ in range(times):
        c.bump(2)
