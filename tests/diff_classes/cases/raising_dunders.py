"""Dunder methods that raise while the runtime calls them: sorting by a `__lt__` that
refuses incomparable scores, dict keys whose `__hash__` rejects a value, `==` inside
`list.index`/`in`/`count`, the `repr` of a list of objects, `str()` through an f-string.
CPython propagates each exception as it was raised (class and message)."""

from dataclasses import dataclass


class Score:
    def __init__(self, value: float, label: str) -> None:
        self.value = value
        self.label = label

    def __lt__(self, other: "Score") -> bool:
        if self.value != self.value or other.value != other.value:
            raise ValueError(f"cannot order {self.label} and {other.label}: NaN score")
        return self.value < other.value

    def __eq__(self, other: "Score") -> bool:
        if self.label == "" or other.label == "":
            raise KeyError("unlabelled score")
        return self.label == other.label

    def __hash__(self) -> int:
        if self.value < 0:
            raise ValueError(f"negative score {self.value} cannot be a key")
        return hash(self.label)

    def __repr__(self) -> str:
        if len(self.label) > 8:
            raise OverflowError("label too long to show")
        return f"Score({self.label})"


@dataclass
class Cell:
    text: str

    def __str__(self) -> str:
        if not self.text:
            raise RuntimeError("empty cell")
        return self.text.upper()


def rank(values: list[float], labels: list[str]) -> list[str]:
    scores = [Score(v, l) for v, l in zip(values, labels)]
    return [s.label for s in sorted(scores)]


def best(values: list[float], labels: list[str]) -> str:
    scores = [Score(v, l) for v, l in zip(values, labels)]
    return max(scores).label


def count_by_score(values: list[float], labels: list[str]) -> dict[str, int]:
    seen: dict[Score, int] = {}
    for v, l in zip(values, labels):
        s = Score(v, l)
        seen[s] = seen.get(s, 0) + 1
    return {k.label: n for k, n in seen.items()}


def position(values: list[float], labels: list[str], probe: str) -> int:
    scores = [Score(v, l) for v, l in zip(values, labels)]
    return scores.index(Score(0.0, probe))


def contains(labels: list[str], probe: str) -> bool:
    scores = [Score(1.0, l) for l in labels]
    return Score(1.0, probe) in scores


def shown(labels: list[str]) -> str:
    scores = [Score(1.0, l) for l in labels]
    return repr(scores)


def table_row(texts: list[str]) -> str:
    cells = [Cell(t) for t in texts]
    return " | ".join(f"{c}" for c in cells)


def keys_of_literal(a: float, b: float) -> int:
    d = {Score(a, "a"): 1, Score(b, "b"): 2}
    return len(d)


def after_the_error_no_more_calls(values: list[float]) -> list[str]:
    out: list[str] = []
    scores = [Score(v, str(i)) for i, v in enumerate(values)]
    try:
        scores.sort()
        out.append("sorted")
    except ValueError as e:
        out.append(f"ValueError: {e}")
    out.append(",".join(s.label for s in scores if s.value == s.value))
    return out


def identity_first(label: str) -> list[bool]:
    s = Score(1.0, label)
    return [s in [s, Score(2.0, "z")], [s] == [s], (s, 1) == (s, 1)]
