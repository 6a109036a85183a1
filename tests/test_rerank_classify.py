"""Rerank and classification models: recognised from the manifest, served by
`pycomp.Client` (``client.rerank.create``, ``client.classifications.create``)
and by `pycomp serve` (``POST /v1/rerank``, ``POST /v1/classify``), each result
compared with the same example run by CPython.

- a bi-encoder reranker on the real MiniLM model (examples/rerank/bi_encoder.py);
- a cross-encoder (examples/rerank/cross_encoder.py) on a tiny generated
  BERT-style pair model: pair tokenisation and one logit per pair;
- the sentiment classifier of examples/sentiment: MiniLM embeddings and the
  trained head in numpy, label names from the bundle.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest
from pycomp.client import BadRequestError, Client, NotFoundError
from pycomp.serve.kinds import model_functions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))
sys.path.insert(0, str(ROOT / "tests"))
pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")
import make_tiny
from pyref import load_python
from test_consumers import minilm_ready

pytestmark = [pytest.mark.skipif(not minilm_ready(), reason="the MiniLM packages are not "
                                 "installed"),
              pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")]

QUERY = "Where do dogs like to play?"
DOCS = ["The dog runs in the park every morning.", "Stock prices fell sharply today.",
        "Puppies love playing fetch on the grass.", "A recipe for lemon cake."]
SENTENCES = ["I absolutely loved this, what a wonderful time.",
             "This was a terrible waste of money.", "The meeting is at ten."]


def make_pair_model(path: Path, vocab_size: int) -> Path:
    """A tiny cross-encoder: the classifier of make_tiny with one logit."""
    saved = make_tiny.LABELS
    make_tiny.LABELS = 1
    try:
        return make_tiny.make_classifier(path, vocab_size)
    finally:
        make_tiny.LABELS = saved


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("rerank")
    ce = root / "ce"
    (ce / "model").mkdir(parents=True)
    tiny = make_tiny.make_all(root / "tiny")
    make_pair_model(ce / "model" / "model.onnx", len(make_tiny.vocab()))
    shutil.copy2(tiny["tokenizer"], ce / "model" / "tokenizer.json")
    shutil.copy2(ROOT / "examples" / "rerank" / "cross_encoder.py", ce / "cross_encoder.py")
    return {
        "minilm-rerank": Path(pycomp.build(ROOT / "examples" / "rerank" / "bi_encoder.py",
                                           root / "bundles" / "minilm-rerank")),
        "sentiment": Path(pycomp.build(ROOT / "examples" / "sentiment" / "sentiment.py",
                                       root / "bundles" / "sentiment")),
        "cross": Path(pycomp.build(ce / "cross_encoder.py", root / "bundles" / "cross")),
        "cross_src": ce / "cross_encoder.py",
    }


@pytest.fixture(scope="module")
def client(built: dict[str, Path]) -> Client:
    return Client({k: v for k, v in built.items() if k != "cross_src"}, remote=False)


@pytest.fixture(scope="module")
def refs(built: dict[str, Path]) -> dict[str, Any]:
    return {"minilm-rerank": load_python(ROOT / "examples" / "rerank" / "bi_encoder.py"),
            "sentiment": load_python(ROOT / "examples" / "sentiment" / "sentiment.py"),
            "cross": load_python(built["cross_src"])}


def test_kinds_from_the_manifest(built: dict[str, Path]) -> None:
    kinds = {name: [(f.kind, f.name) for f in model_functions(pycomp.load(p).manifest)]
             for name, p in built.items() if name != "cross_src"}
    assert kinds == {"minilm-rerank": [("embedding", "embed"), ("rerank", "rerank")],
                     "sentiment": [("classify", "classify")],
                     "cross": [("rerank", "rerank")]}
    pairs = {"name": "top", "params": [{"name": "texts", "type": {"kind": "list",
                                                                  "item": {"kind": "str"}}}],
             "returns": {"kind": "list", "item": {"kind": "list", "item": {
                 "kind": "tuple", "items": [{"kind": "str"}, {"kind": "float"}]}}}}
    scores = {"name": "score", "params": [
        {"name": "docs", "type": {"kind": "list", "item": {"kind": "str"}}},
        {"name": "q", "type": {"kind": "str"}}], "returns": {"kind": "list",
                                                             "item": {"kind": "float"}}}
    found = model_functions({"functions": [pairs, scores]})
    assert [(f.kind, f.param, f.query) for f in found] == [("classify", "texts", None),
                                                          ("rerank", "docs", "q")]


@pytest.mark.parametrize("model", ["minilm-rerank", "cross"])
def test_rerank_equals_cpython(client: Client, refs: dict[str, Any], model: str) -> None:
    want = np.asarray(refs[model].rerank(QUERY, DOCS), dtype=np.float64)
    resp = client.rerank.create(model=model, query=QUERY, documents=DOCS)
    order = sorted(range(len(DOCS)), key=lambda i: -want[i])
    assert [r.index for r in resp.results] == order
    got = np.array([r.relevance_score for r in sorted(resp.results, key=lambda r: r.index)])
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-6)
    assert [r.document for r in resp.results] == [{"text": DOCS[i]} for i in order]
    assert resp.usage.total_tokens > len(DOCS)
    top = client.rerank.create(model=model, query=QUERY, documents=DOCS, top_n=2,
                               return_documents=False)
    assert [r.index for r in top.results] == order[:2]
    assert all(r.document is None for r in top.results)
    assert "document" not in top.model_dump()["results"][0]


def test_bi_encoder_ranks_the_relevant_documents_first(client: Client) -> None:
    resp = client.rerank.create(model="minilm-rerank", query=QUERY, documents=DOCS)
    assert {r.index for r in resp.results[:2]} == {0, 2}


def test_classify_equals_cpython(client: Client, refs: dict[str, Any]) -> None:
    want = refs["sentiment"].classify(SENTENCES)
    resp = client.classifications.create(model="sentiment", input=SENTENCES)
    assert [d.index for d in resp.data] == [0, 1, 2]
    for got, ref in zip(resp.data, want):
        assert [label.label for label in got.labels] == sorted(ref, key=lambda k: -ref[k])
        for label in got.labels:
            assert label.score == pytest.approx(ref[label.label], abs=1e-6)
    assert resp.data[0].labels[0].label == "positive"
    assert resp.data[1].labels[0].label == "negative"
    assert resp.model_dump()["data"][0]["object"] == "classification"


def test_one_bundle_serves_several_kinds(client: Client, refs: dict[str, Any]) -> None:
    emb = client.embeddings.create(model="minilm-rerank", input=DOCS[:2])
    np.testing.assert_allclose(emb.to_numpy(), refs["minilm-rerank"].embed(DOCS[:2]),
                               rtol=0, atol=2e-6)
    assert client.models.list().model_dump()["data"][0]["id"] == "minilm-rerank"


def test_wrong_kind_and_bad_arguments(client: Client) -> None:
    with pytest.raises(BadRequestError, match="no rerank function"):
        client.rerank.create(model="sentiment", query="q", documents=["d"])
    with pytest.raises(BadRequestError, match="no classification function"):
        client.classifications.create(model="cross", input="x")
    with pytest.raises(BadRequestError, match="no embedding function"):
        client.embeddings.create(model="sentiment", input="x")
    with pytest.raises(BadRequestError) as e:
        client.rerank.create(model="cross", query="", documents=["d"])
    assert e.value.param == "query"
    with pytest.raises(BadRequestError) as e:
        client.rerank.create(model="cross", query="q", documents=[])
    assert e.value.param == "documents"
    with pytest.raises(BadRequestError) as e:
        client.rerank.create(model="cross", query="q", documents=["d"], top_n=0)
    assert e.value.param == "top_n"
    with pytest.raises(NotFoundError):
        client.classifications.create(model="nope", input="x")
    resp = client.rerank.create(model="cross", query="q", documents=[{"text": "d"}])  # type: ignore[list-item]
    assert resp.results[0].document == {"text": "d"}


def test_served_over_http(built: dict[str, Path], refs: dict[str, Any]) -> None:
    from pycomp.server import create_app
    from starlette.testclient import TestClient

    app = create_app({k: v for k, v in built.items() if k != "cross_src"})
    with TestClient(app) as http:
        r = http.post("/v1/rerank", json={"model": "cross", "query": QUERY, "documents": DOCS,
                                          "top_n": 3})
        assert r.status_code == 200
        body = r.json()
        assert set(body) == {"id", "model", "results", "usage"}
        want = refs["cross"].rerank(QUERY, DOCS)
        for item in body["results"]:
            assert set(item) == {"index", "relevance_score", "document"}
            assert item["document"] == {"text": DOCS[item["index"]]}
            assert item["relevance_score"] == pytest.approx(float(want[item["index"]]),
                                                            abs=2e-6)
        r = http.post("/rerank", json={"model": "cross", "query": QUERY, "documents": DOCS,
                                       "return_documents": False})
        assert "document" not in r.json()["results"][0]
        r = http.post("/v1/classify", json={"model": "sentiment", "input": SENTENCES})
        assert r.status_code == 200
        data = r.json()["data"]
        assert [d["labels"][0]["label"] for d in data[:2]] == ["positive", "negative"]
        for status, body_ in [
            (400, {"model": "cross", "query": QUERY}),
            (400, {"model": "cross", "query": QUERY, "documents": "not a list"}),
            (400, {"model": "cross", "query": 3, "documents": DOCS}),
            (400, {"model": "sentiment", "query": QUERY, "documents": DOCS}),
            (404, {"model": "nope", "query": QUERY, "documents": DOCS}),
        ]:
            r = http.post("/v1/rerank", json=body_)
            assert r.status_code == status, r.text
            assert set(r.json()["error"]) == {"message", "type", "param", "code"}


def test_ray_predictor_without_ray(built: dict[str, Path], refs: dict[str, Any]) -> None:
    """pycomp.ray.BundlePredictor is a plain class: classify and rerank batches."""
    from pycomp.ray import BundlePredictor

    classify = BundlePredictor(built["sentiment"], kind="classify", num_threads=1)
    out = classify({"text": np.array(SENTENCES, dtype=object)})
    want = refs["sentiment"].classify(SENTENCES)
    assert list(out["label"]) == [max(w, key=w.get) for w in want]
    assert classify.labels == list(want[0])
    np.testing.assert_allclose(out["label_scores"], [[w[k] for k in classify.labels]
                                                     for w in want], rtol=0, atol=1e-6)
    rerank = BundlePredictor(built["cross"], kind="rerank", query=QUERY)
    out = rerank({"text": np.array(DOCS, dtype=object)})
    np.testing.assert_allclose(out["score"], refs["cross"].rerank(QUERY, DOCS), rtol=0,
                               atol=2e-6)
    by_column = BundlePredictor(built["cross"], kind="rerank", query_column="q")
    out = by_column({"text": np.array(DOCS * 2, dtype=object),
                     "q": np.array([QUERY] * 4 + ["a cat"] * 4, dtype=object)})
    np.testing.assert_allclose(out["score"][4:], refs["cross"].rerank("a cat", DOCS),
                               rtol=0, atol=2e-6)
    with pytest.raises(ValueError, match="needs a query"):
        BundlePredictor(built["cross"], kind="rerank")
