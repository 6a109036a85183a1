"""numpy scalars given to the builtin `max` / `min` and kept as a running best, as
retrieval code writes them: maximal marginal relevance with `max(sim[c, j] for j in
chosen)`, `max(a[i], a[j])`, `min` of a list of items, a best score started as
`np.float32(-np.inf)` and replaced by `if s > best:`. CPython compares numpy scalars
with `>` / `<` (NaN keeps its place) and returns the numpy scalar itself."""

import numpy as np
import numpy.typing as npt


def mmr(query_sim: npt.NDArray[np.float32], doc_sim: npt.NDArray[np.float32], k: int,
        lam: float) -> list[int]:
    """Maximal marginal relevance: relevance minus the largest similarity to the
    documents already chosen (`max` of a generator of numpy scalars)."""
    if query_sim.shape[0] != doc_sim.shape[0]:
        raise ValueError(f"{query_sim.shape[0]} scores for {doc_sim.shape[0]} documents")
    chosen = [int(np.argmax(query_sim))]
    while len(chosen) < k:
        best_i, best_score = -1, -np.inf
        for c in range(len(query_sim)):
            if c in chosen:
                continue
            redundancy = max(doc_sim[c, j] for j in chosen)
            score = lam * float(query_sim[c]) - (1 - lam) * float(redundancy)
            if score > best_score:
                best_i, best_score = c, score
        if best_i < 0:
            break
        chosen.append(best_i)
    return chosen


def pair_best(x: npt.NDArray[np.float32], i: int, j: int) -> str:
    """`max(x[i], x[j])` / `min(...)`: the numpy scalar (first one on ties and NaN)."""
    return f"{max(x[i], x[j])!r} {min(x[i], x[j])!r}"


def widest_gap(x: npt.NDArray[np.float64]) -> str:
    """`max` and `min` of a list of numpy scalars built by a comprehension (an empty
    one raises CPython's ValueError)."""
    gaps = [x[i + 1] - x[i] for i in range(len(x) - 1)]
    return f"{max(gaps)!r} {min(gaps)}"


def best_row_score(scores: npt.NDArray[np.float32]) -> str:
    """A running best started as `np.float32(-np.inf)`, replaced by `if s > best`
    (NaN is never greater)."""
    best = np.float32(-np.inf)
    where = -1
    for i, row in enumerate(scores):
        s = row.max()
        if s > best:
            best = s
            where = i
    return f"{where} {best!r} {best}"


def first_best(scores: npt.NDArray[np.float64]) -> str:
    """A running best started at the first item (`best = scores[0]`), kept as the
    numpy scalar."""
    best = scores[0]
    for s in scores[1:]:
        if s > best:
            best = s
    return repr(best)


def int_extremes(ids: npt.NDArray[np.int32], lens: npt.NDArray[np.int64]) -> str:
    """int32 and int64 items: max/min keep their dtype; a generator over an empty
    range raises."""
    longest = max(lens[i] for i in range(len(lens)))
    return f"{max(ids[0], ids[-1])!r} {min(ids[i] for i in range(len(ids)))!r} {longest!r}"


def flag_extremes(mask: npt.NDArray[np.bool]) -> str:
    """numpy bools: `max(m[0], m[1])` is `np.True_` where either is."""
    return f"{max(mask[0], mask[1])!r} {min(mask[0], mask[1])!r}"
