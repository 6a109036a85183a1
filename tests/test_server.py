"""`pycomp serve`: the OpenAI-compatible embeddings server, driven by the official
`openai` package (and httpx for raw requests) on 127.0.0.1.

The bundles are compiled once for the module (tests/test_client.py's
`build_bundles`); the server runs in this process on uvicorn, in a thread, on
a socket bound to port 0. One test starts the `pycomp serve` command itself.
"""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest

openai = pytest.importorskip("openai")
httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("starlette")

from pycomp.cli import main as cli_main
from pycomp.client import Client
from pycomp.server import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import InThread
from test_client import build_bundles  # the bundles of tests/test_client.py

TEXTS = ["first text", "second text"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_bundles(tmp_path_factory.mktemp("server"), multi=True, words=False)


@pytest.fixture(scope="module")
def libs(built: dict[str, Path]) -> dict[str, pycomp.Library]:
    return {k: pycomp.load(v) for k, v in built.items()}


@pytest.fixture(scope="module")
def base_url(built: dict[str, Path]) -> Iterator[str]:
    """The server on 127.0.0.1, serving the folder of bundles; yields its root URL."""
    with InThread(create_app(built["minilm"].parent)) as s:
        yield s.url


@pytest.fixture(scope="module")
def oai(base_url: str) -> Any:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0,
                         timeout=60)


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[Any]:
    with httpx.Client(base_url=base_url, timeout=60) as c:
        yield c


def vectors(resp: Any) -> np.ndarray:
    return np.array([d.embedding for d in resp.data], dtype=np.float32)


def test_openai_client_default_base64(oai: Any, http: Any, libs: dict[str, Any]) -> None:
    """The openai package asks for base64 when the caller gives no format, and decodes it."""
    resp = oai.embeddings.create(model="minilm", input=TEXTS)
    assert np.array_equal(vectors(resp), libs["minilm"].embed(TEXTS))
    assert resp.model == "minilm" and resp.object == "list"
    assert [d.index for d in resp.data] == [0, 1]
    assert resp.usage.prompt_tokens == resp.usage.total_tokens == 8
    raw = http.post("/v1/embeddings", json={"model": "minilm", "input": TEXTS,
                                            "encoding_format": "base64"})
    assert raw.status_code == 200
    body = raw.json()
    assert set(body) == {"object", "data", "model", "usage"}
    got = [np.frombuffer(base64.b64decode(d["embedding"]), dtype="<f4") for d in body["data"]]
    assert np.array_equal(np.stack(got), libs["minilm"].embed(TEXTS))


def test_openai_client_float(oai: Any, libs: dict[str, Any]) -> None:
    resp = oai.embeddings.create(model="minilm", input="hello world", encoding_format="float")
    assert np.array_equal(vectors(resp), libs["minilm"].embed(["hello world"]))
    assert resp.usage.prompt_tokens == 4


def test_dimensions_and_function_names(oai: Any, libs: dict[str, Any]) -> None:
    resp = oai.embeddings.create(model="multi:embed_dims", input=TEXTS, dimensions=5)
    assert np.array_equal(vectors(resp), libs["multi"].embed_dims(TEXTS, 5))
    resp = oai.embeddings.create(model="multi:embed_cls", input=TEXTS)
    assert np.array_equal(vectors(resp), libs["multi"].embed_cls(TEXTS))


def test_models(oai: Any, http: Any) -> None:
    ids = [m.id for m in oai.models.list()]
    assert ids == ["minilm", "multi:embed", "multi:embed_cls", "multi:embed_dims"]
    assert oai.models.retrieve("minilm").owned_by == "pycomp"
    with pytest.raises(openai.NotFoundError):
        oai.models.retrieve("nope")
    assert http.get("/v1/models").json()["object"] == "list"
    assert http.get("/models").json() == http.get("/v1/models").json()  # base_url without /v1
    assert http.get("/health").json()["status"] == "ok"


def test_concurrent_requests(oai: Any, libs: dict[str, Any]) -> None:
    """16 requests at once from a thread pool: each the same as a direct call (up to
    the last bits: the server merges concurrent requests into one call, and ONNX
    Runtime's float kernels round differently by batch size; docs/serve.md)."""
    batches = [[f"request {i} about the cat", "the dog sat on the mat"][: 1 + i % 2]
               + ["word"] * (i % 3) for i in range(16)]
    expected = [libs["minilm"].embed(b) for b in batches]

    def call(batch: list[str]) -> np.ndarray:
        return vectors(oai.embeddings.create(model="minilm", input=batch))

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(call, batches))
    for got, want in zip(results, expected):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)


def test_async_openai_client(base_url: str, libs: dict[str, Any]) -> None:
    async def run() -> list[Any]:
        async with openai.AsyncOpenAI(base_url=f"{base_url}/v1", api_key="unused",
                                      max_retries=0, timeout=60) as client:
            return await asyncio.gather(*(client.embeddings.create(
                model="minilm", input=[f"async {i}", "hello"]) for i in range(8)))

    for i, resp in enumerate(asyncio.run(run())):
        np.testing.assert_allclose(vectors(resp), libs["minilm"].embed([f"async {i}", "hello"]),
                                   rtol=0, atol=1e-6)


OPENAI_BAD = [
    ({"input": []}, openai.BadRequestError, "input"),
    ({"input": ""}, openai.BadRequestError, "input"),
    ({"input": [1, 2, 3]}, openai.BadRequestError, "input"),
    ({"input": ["ok", ""]}, openai.BadRequestError, "input"),
    ({"dimensions": 8}, openai.BadRequestError, "dimensions"),
    ({"encoding_format": "int8"}, openai.BadRequestError, "encoding_format"),
    ({"model": "multi"}, openai.BadRequestError, "model"),
    ({"model": "nope"}, openai.NotFoundError, "model"),
    ({"model": "multi:nope"}, openai.NotFoundError, "model"),
]


@pytest.mark.parametrize("change,cls,param", OPENAI_BAD,
                         ids=[f"{i}-{p}" for i, (_, _, p) in enumerate(OPENAI_BAD)])
def test_bad_requests_through_openai(oai: Any, change: dict[str, Any], cls: type,
                                     param: str) -> None:
    kwargs: dict[str, Any] = {"model": "minilm", "input": TEXTS, **change}
    with pytest.raises(cls) as e:
        oai.embeddings.create(**kwargs)
    err: Any = e.value
    assert 400 <= err.status_code < 500
    assert set(err.body) == {"message", "type", "param", "code"}
    assert err.param == param and err.type == "invalid_request_error" and err.message


RAW_BAD = [
    ("POST", "/v1/embeddings", b"{not json", 400, None),
    ("POST", "/v1/embeddings", b"[1, 2]", 400, None),
    ("POST", "/v1/embeddings", b'{"input": "x"}', 400, "model"),
    ("POST", "/v1/embeddings", b'{"model": "minilm"}', 400, "input"),
    ("POST", "/v1/embeddings", b'{"model": "minilm", "input": "x", "foo": 1}', 400, "foo"),
    ("POST", "/v1/embeddings", b'{"model": 7, "input": "x"}', 400, "model"),
    ("POST", "/v1/embeddings", b'{"model": "minilm", "input": null}', 400, "input"),
    ("POST", "/v1/embeddings", b'{"model": "minilm", "input": "x", "dimensions": "3"}', 400,
     "dimensions"),
    ("POST", "/v1/embeddings", b'{"model": "nope", "input": "x"}', 404, "model"),
    ("GET", "/v1/embeddings", None, 405, None),
    ("POST", "/v1/models", None, 405, None),
    ("GET", "/v1/nothing", None, 404, None),
    ("GET", "/v1/models/nope", None, 404, "model"),
]


@pytest.mark.parametrize("method,path,body,status,param", RAW_BAD,
                         ids=[f"{i}-{s}" for i, (_, _, _, s, _) in enumerate(RAW_BAD)])
def test_bad_requests_raw(http: Any, method: str, path: str, body: bytes | None, status: int,
                          param: str | None) -> None:
    resp = http.request(method, path, content=body,
                        headers={"Content-Type": "application/json"})
    assert resp.status_code == status
    err = resp.json()["error"]
    assert set(err) == {"message", "type", "param", "code"}
    assert err["param"] == param and isinstance(err["message"], str) and err["message"]
    assert err["type"] == "invalid_request_error"


def test_server_survives_bad_requests(oai: Any, http: Any, libs: dict[str, Any]) -> None:
    for _ in range(3):
        http.post("/v1/embeddings", content=b"\xff\xfe garbage")
        http.post("/v1/embeddings", json={"model": "minilm", "input": [None]})
    resp = oai.embeddings.create(model="minilm", input=TEXTS)
    assert np.array_equal(vectors(resp), libs["minilm"].embed(TEXTS))


def test_broken_bundle_answers_500(built: dict[str, Path], tmp_path: Path) -> None:
    import shutil

    from starlette.testclient import TestClient

    broken = tmp_path / "broken"
    shutil.copytree(built["minilm"], broken)
    (broken / "assets" / "model.onnx").write_bytes(b"not a model")
    import json

    from pycomp.load import BundleError

    # A bundle whose files differ from its manifest's list is refused at start...
    with pytest.raises(BundleError, match="assets/model.onnx is damaged"):
        create_app({"broken": broken})
    # ...and without that list, the model fails on first use: a 500.
    manifest = json.loads((broken / "manifest.json").read_text())
    del manifest["files"]
    (broken / "manifest.json").write_text(json.dumps(manifest))
    with TestClient(create_app({"broken": broken})) as client:
        resp = client.post("/v1/embeddings", json={"model": "broken", "input": "x"})
    assert resp.status_code == 500
    err = resp.json()["error"]
    assert err["type"] == "server_error" and "model.onnx" in err["message"]


def test_non_finite_values_answer_500(built: dict[str, Path]) -> None:
    from starlette.testclient import TestClient

    client = Client({"minilm": built["minilm"]}, remote=False)
    nan = np.array([[np.nan, 1.0]], dtype=np.float32)
    client._core.call = lambda req: nan  # type: ignore[method-assign]
    with TestClient(create_app(client)) as http:
        resp = http.post("/v1/embeddings", json={"model": "minilm", "input": "x"})
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == "non_finite_values"


# ------------------------------------------------------------ the command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_pycomp_serve_command(built: dict[str, Path], libs: dict[str, Any]) -> None:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(Path(pycomp.__file__).parents[1]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pycomp.cli", "serve", str(built["minilm"]),
         f"dims={built['multi']}", "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "pycomp serve did not start in 60 s"
            time.sleep(0.2)
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
        assert [m.id for m in client.models.list()] == [
            "minilm", "dims:embed", "dims:embed_cls", "dims:embed_dims"]
        resp = client.embeddings.create(model="minilm", input=TEXTS)
        assert np.array_equal(vectors(resp), libs["minilm"].embed(TEXTS))
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert "pycomp serve: models minilm, dims:embed" in err


def test_pycomp_serve_refuses_bad_arguments(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["serve", str(tmp_path / "missing")]) == 1
    assert "no such bundle" in capsys.readouterr().err
    assert cli_main(["serve", str(tmp_path)]) == 1
    assert "holds none" in capsys.readouterr().err
