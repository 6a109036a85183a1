"""The Spark pattern of docs/ray.md (`DataFrame.mapInPandas` with
`pycomp.ray.BundlePredictor` as a plain class) on a local Spark started here
(`local[2]`, no UI): every row equals the bundle's own embedding of its text.

Run on request (PYCOMP_TEST_SPARK=1), with PySpark and a Java runtime installed
by hand: the project does not install PySpark
(a 303 MB source package that took 6.5 minutes to install here, and a local
session takes ~35 s to start; docs/ray.md has the figures)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycomp
import pytest

if os.environ.get("PYCOMP_TEST_SPARK") != "1":
    pytest.skip("optional: the Spark test runs with PYCOMP_TEST_SPARK=1 (the project does not "
                "install PySpark: docs/ray.md)", allow_module_level=True)
pyspark_sql = pytest.importorskip("pyspark.sql")
pytest.importorskip("pyarrow")
pytest.importorskip("onnxruntime")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_client import build_bundles


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundles(tmp_path_factory.mktemp("spark"), multi=False, words=False)["minilm"]


def test_map_in_pandas_equals_direct_calls(bundle: Path) -> None:
    import pandas as pd

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (pyspark_sql.SparkSession.builder.master("local[2]")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "1g")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64").getOrCreate())
    path = str(bundle)

    def embed_partition(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from pycomp.ray import BundlePredictor

        predictor = BundlePredictor(path, num_threads=1)
        for batch in batches:
            out = predictor({"text": batch["text"].to_numpy()})
            yield pd.DataFrame({"text": batch["text"],
                                "embedding": list(out["embedding"].astype(np.float32))})

    lines = [f"line {i}: the dog runs in the city" + " again" * (i % 5) for i in range(300)]
    try:
        df = spark.createDataFrame(pd.DataFrame({"text": lines})).repartition(3)
        rows = df.mapInPandas(embed_partition, "text string, embedding array<float>").toPandas()
    finally:
        spark.stop()
    assert sorted(rows["text"]) == sorted(lines)
    got = np.stack([np.asarray(e, dtype=np.float32) for e in rows["embedding"]])
    want = pycomp.load(bundle).embed(list(rows["text"]))
    # other batches than the direct call's: equal up to ONNX Runtime's last bits
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
