"""pycomp.ray on a local Ray started here (2 CPUs, a small object store): the
example of examples/ray embeds a 10,000-line text file into Parquet with an
actor pool, and every row equals the bundle's own embedding of that line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycomp
import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pytest.importorskip("onnxruntime")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "examples" / "ray"))
from embed_corpus import embed_corpus, make_corpus
from test_client import build_bundles


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, object_store_memory=96 * 1024 * 1024, include_dashboard=False,
             log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundles(tmp_path_factory.mktemp("ray"), multi=False, words=False)["minilm"]


def test_embed_a_text_file_into_parquet(local_ray: None, bundle: Path, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus.txt", 10_000)
    # Two actors of half a CPU each: Ray keeps a CPU for reading and writing.
    embed_corpus(bundle, corpus, tmp_path / "out", actors=2, batch_size=500,
                 cpus_per_actor=0.5)
    rows = ray.data.read_parquet(str(tmp_path / "out")).take_all()
    lines = corpus.read_text().splitlines()
    assert sorted(r["text"] for r in rows) == sorted(lines)
    got = {r["text"]: np.asarray(r["embedding"], dtype=np.float32) for r in rows}
    lib = pycomp.load(bundle)
    for start in range(0, len(lines), 500):
        chunk = lines[start:start + 500]
        want = lib.embed(chunk)
        # The same batches as the actors were given: equal up to the last bits
        # (ONNX Runtime's float kernels round by batch shape; docs/serve.md).
        np.testing.assert_allclose(np.stack([got[t] for t in chunk]), want, rtol=0,
                                   atol=1e-6)


def test_threads_follow_the_actor_cpus(local_ray: None, bundle: Path) -> None:
    @ray.remote(num_cpus=2)
    def threads() -> tuple[int | None, str | None]:
        from pycomp.ray import BundlePredictor

        p = BundlePredictor(bundle)
        return p.threads, os.environ.get("PYCOMP_NUM_THREADS")

    assert ray.get(threads.remote()) == (2, "2")
