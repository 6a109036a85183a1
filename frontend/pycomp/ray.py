"""Compiled bundles in Ray Data: a callable class for ``Dataset.map_batches``.

    import ray
    from pycomp.ray import BundlePredictor

    ds = ray.data.read_text("corpus.txt")                 # a column "text"
    ds = ds.map_batches(BundlePredictor, fn_constructor_kwargs={"bundle": "bundles/minilm"},
                        batch_size=256, num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=4))
    ds.write_parquet("embeddings/")                         # columns text, embedding

Each actor loads the bundle once (in ``__init__``) and calls the compiled
function on every batch it is given. The function's threads (ONNX Runtime's
intra-op pool and the tokenizer's) are set from the CPUs Ray assigned to the
actor (``num_cpus=`` of ``map_batches``), unless ``num_threads`` says
otherwise, so that N actors on a machine do not oversubscribe it. The model
kind decides what a batch gains (docs/ray.md):

- embedding: ``output`` (default ``"embedding"``), a float32 vector per row;
- classify: ``output`` (default ``"label"``), each row's best label, and
  ``f"{output}_scores"``, its scores in the order of ``labels``;
- rerank: ``output`` (default ``"score"``), each row's relevance to ``query``
  (one for the whole dataset) or to the row's ``query_column``.

``pip install 'pycomp[ray]'`` installs Ray Data. Ray is imported only to read
the actor's CPUs; the class itself needs nothing of it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np

from pycomp.serve.kinds import Kind

__all__ = ["BundlePredictor"]

_OUTPUTS: dict[Kind, str] = {"embedding": "embedding", "classify": "label",
                             "rerank": "score"}


def _assigned_cpus() -> int | None:
    """The CPUs Ray assigned to this actor or task, when running in one."""
    try:
        import ray
    except ImportError:
        return None
    if not ray.is_initialized():
        return None
    try:
        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
    except Exception:  # noqa: BLE001 - any failure: not inside a Ray worker
        return None
    return max(1, int(cpus)) if cpus else None


class BundlePredictor:
    """Calls a bundle's model on Ray Data batches (module docstring).

    ``bundle``: the bundle folder; ``model``: the model within it (the bundle
    name, or ``bundle:function``; default: the only model of ``kind``);
    ``kind``: ``"embedding"``, ``"classify"`` or ``"rerank"``; ``column``:
    the input text column (a reranker's documents); ``output``: the column
    written; ``query``/``query_column``: a reranker's query; ``num_threads``:
    threads of the compiled call (default: the actor's CPUs).
    """

    def __init__(self, bundle: str | os.PathLike[str], *, model: str | None = None,
                 kind: Kind = "embedding", column: str = "text", output: str | None = None,
                 query: str | None = None, query_column: str | None = None,
                 num_threads: int | None = None) -> None:
        threads = num_threads or _assigned_cpus()
        if threads:
            # Read once per process by the compiled library, before its first call.
            os.environ["PYCOMP_NUM_THREADS"] = str(threads)
        from pycomp.client import Client

        if kind == "rerank" and (query is None) == (query_column is None):
            raise ValueError("a rerank needs a query: give query= or query_column=, one of them")
        name = os.path.basename(os.path.normpath(os.fspath(bundle)))
        self.client = Client({name: bundle}, remote=False)
        self.kind = kind
        self.column = column
        self.output = output or _OUTPUTS[kind]
        self.query = query
        self.query_column = query_column
        self.threads = threads
        local = self.client._core._local(model or name, kind)
        assert local is not None  # the name is the bundle's own
        self.bundle, self.function = local
        self.call = self.bundle.library[self.function.name]
        self.labels: list[str] | None = None

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(batch)
        texts = [str(t) for t in batch[self.column]]
        if self.kind == "embedding":
            result = np.asarray(self.call(texts), dtype=np.float32)
            if result.ndim != 2 or result.shape[0] != len(texts):
                raise ValueError(f"{self.function.name} returned shape {result.shape} for "
                                 f"{len(texts)} texts")
            out[self.output] = result
        elif self.kind == "classify":
            rows = [list(r.items()) if isinstance(r, dict) else list(r)
                    for r in self.call(texts)]
            if self.labels is None and rows:
                self.labels = [label for label, _ in rows[0]]
            scores = [dict(r) for r in rows]
            out[self.output] = np.array([max(r, key=lambda p: p[1])[0] for r in rows],
                                        dtype=object)
            out[f"{self.output}_scores"] = np.array(
                [[s[label] for label in self.labels or []] for s in scores], dtype=np.float64)
        else:
            out[self.output] = self._rerank(batch, texts)
        return out

    def _rerank(self, batch: Mapping[str, Any], documents: list[str]) -> np.ndarray:
        kwargs = {self.function.param: documents}
        if self.query is not None:
            assert self.function.query is not None
            return np.asarray(self.call(**kwargs, **{self.function.query: self.query}),
                              dtype=np.float64)
        assert self.query_column is not None and self.function.query is not None
        queries = [str(q) for q in batch[self.query_column]]
        scores = np.empty(len(documents), dtype=np.float64)
        groups: dict[str, list[int]] = {}
        for i, q in enumerate(queries):
            groups.setdefault(q, []).append(i)
        for q, rows in groups.items():
            got = self.call(**{self.function.param: [documents[i] for i in rows],
                               self.function.query: q})
            scores[rows] = np.asarray(got, dtype=np.float64)
        return scores
