"""Classes holding numpy arrays under a bare `np.ndarray` annotation, as users write
an in-memory vector index, plus the JSON request parsing around it."""

import json

import numpy as np


class VectorIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self.rows: list[np.ndarray] = []

    def add(self, doc_id: str, vec: list[float]) -> None:
        if len(vec) != self.dim:
            raise ValueError(f"expected {self.dim} dims, got {len(vec)}")
        v = np.asarray(vec, dtype=np.float32)
        n = np.linalg.norm(v)
        self.ids.append(doc_id)
        self.rows.append(v / n if n > 0 else v)

    def search(self, query: list[float], k: int = 3) -> list[tuple[str, float]]:
        if not self.rows:
            return []
        m = np.stack(self.rows)
        q = np.asarray(query, dtype=np.float32)
        q = q / (np.linalg.norm(q) + 1e-12)
        scores = m @ q
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[i], round(float(scores[i]), 4)) for i in order]


class Centroids:
    """A running mean per label, kept as one float64 array each."""

    def __init__(self) -> None:
        self.sums: dict[str, np.ndarray] = {}
        self.counts: dict[str, int] = {}
        self.last: np.ndarray = np.zeros(0)

    def update(self, label: str, vec: list[float]) -> None:
        v = np.array(vec, dtype=np.float64)
        if label in self.sums:
            self.sums[label] = self.sums[label] + v
            self.counts[label] += 1
        else:
            self.sums[label] = v
            self.counts[label] = 1
        self.last = v

    def nearest(self, vec: list[float]) -> str:
        v = np.array(vec, dtype=np.float64)
        best = ""
        best_d = float("inf")
        for label in sorted(self.sums):
            centre = self.sums[label] / self.counts[label]
            d = float(np.linalg.norm(centre - v))
            if d < best_d:
                best, best_d = label, d
        if not best:
            raise KeyError("no centroids yet")
        return best


def build_and_search(docs: dict[str, list[float]], query: list[float],
                     k: int) -> list[tuple[str, float]]:
    idx = VectorIndex(len(query))
    for name, vec in docs.items():
        idx.add(name, vec)
    return idx.search(query, k)


def classify(train: list[tuple[str, list[float]]], probe: list[float]) -> str:
    c = Centroids()
    for label, vec in train:
        c.update(label, vec)
    return c.nearest(probe)


def last_norm(train: list[tuple[str, list[float]]]) -> float:
    c = Centroids()
    for label, vec in train:
        c.update(label, vec)
    return round(float(np.linalg.norm(c.last)), 6)


def parse_inputs(body: str) -> list[str]:
    data = json.loads(body)
    inputs = data.get("input", [])
    if isinstance(inputs, str):
        inputs = [inputs]
    out = []
    for item in inputs:
        out.append(str(item).strip())
    return out


def search_request(body: str) -> str:
    data = json.loads(body)
    docs = data.get("documents", {})
    idx = VectorIndex(int(data.get("dim", 2)))
    for name in docs:
        idx.add(str(name), [float(x) for x in docs[name]])
    hits = idx.search([float(x) for x in data.get("query", [])], int(data.get("k", 2)))
    return json.dumps([{"id": i, "score": s} for i, s in hits])
