"""`pycomp build --server`: the native server binary answers like `pycomp serve`.

One bundle built from a source with all three model kinds on the tiny model
of tests/models/make_tiny.py (an embedding function, a bi-encoder rerank and
a classifier with a numpy head), then its native server (a generated binary
crate over the generated library crate: axum and tokio, no Python). The same
requests go to the native server (a subprocess) and to `pycomp serve`'s app
(in this process); the answers must be the same JSON (the rerank `id` aside),
through the official `openai` package and raw HTTP, errors included. Then
the native server's own machinery: dynamic batching (merged rows bit for bit
those of unbatched calls, an error reaching only its request), the header
timeout and graceful shutdown.
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pycomp
import pytest

openai = pytest.importorskip("openai")
httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")

import serving
from pycomp.cli import main as cli_main
from pycomp.serve.http import ServerOptions
from pycomp.server import create_app
from serving import InThread, free_port

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))
import make_tiny

KEY = "sk-native"
SOURCE = '''
"""Every model kind in one bundle, on the tiny test model."""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])

LABELS = ["calm", "busy", "odd"]


def embed(texts: list[str], dimensions: int = 32) -> npt.NDArray[np.float32]:
    """Mean-pooled, L2-normalised, the first `dimensions` components."""
    if dimensions < 1 or dimensions > 32:
        raise ValueError(f"dimensions must be between 1 and 32, got {dimensions}")
    for text in texts:
        if text.startswith("!"):
            raise ValueError(f"a text starts with '!': {text}")
    encodings = tokenizer.encode_batch(texts)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    hidden = session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask,
                                "token_type_ids": token_type_ids})[0]
    mask = attention_mask[:, :, None].astype(np.float32)
    pooled = ((hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None))
    pooled = pooled[:, :dimensions]
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def rerank(query: str, documents: list[str]) -> npt.NDArray[np.float32]:
    """Cosine of each document with the query."""
    vectors = embed([query] + documents)
    return vectors[1:] @ vectors[0]


def classify(texts: list[str]) -> list[dict[str, float]]:
    """A softmax over three labels of three pooled components."""
    encodings = tokenizer.encode_batch(texts)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    hidden = session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask,
                                "token_type_ids": token_type_ids})[0]
    scores = hidden[:, 0, :3].astype(np.float64)
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities = exps / exps.sum(axis=1, keepdims=True)
    out = []
    for row in probabilities.tolist():
        out.append({label: p for label, p in zip(LABELS, row)})
    return out
'''


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("native")
    tiny = make_tiny.make_all(root / "tiny")
    src = root / "src"
    (src / "model").mkdir(parents=True)
    shutil.copy2(tiny["embed"], src / "model" / "model.onnx")
    shutil.copy2(tiny["tokenizer"], src / "model" / "tokenizer.json")
    (src / "tiny.py").write_text(SOURCE)
    out = root / "tiny"
    assert cli_main(["build", str(src / "tiny.py"), "-o", str(out), "--server"]) == 0
    assert (out / "pycomp-server").is_file()
    return out


def start_native(exe: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    """The native server `exe` on a free port with `options` and the API key."""
    return serving.start_native(exe, *options, env={"PYCOMP_API_KEY": KEY})


@pytest.fixture(scope="module")
def native(bundle: Path) -> Iterator[str]:
    # Moved away from where it was built: it must use only its bundle's files.
    moved = bundle.parent / "moved" / "tiny"
    shutil.copytree(bundle, moved)
    proc, url = start_native(moved / "pycomp-server", "--max-inputs", "16",
                             "--max-input-chars", "500", "--max-body-bytes", "20000",
                             "--body-timeout", "1")
    try:
        yield url
    finally:
        proc.terminate()
        assert proc.wait(30) == 0, "the native server did not shut down cleanly"


@pytest.fixture(scope="module")
def python(bundle: Path) -> Iterator[str]:
    opts = ServerOptions(api_key=KEY, max_inputs=16, max_input_chars=500,
                         max_body_bytes=20000, body_timeout=1)
    with InThread(create_app({"tiny": bundle}, opts)) as s:
        yield s.url


TEXTS = ["hello world", "the dog runs in the city today", "good night"]
QUERY = "the dog in the city"
REQUESTS: list[tuple[str, str, Any, dict[str, str] | None]] = [
    ("POST", "/v1/embeddings", {"model": "tiny", "input": TEXTS}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "one", "dimensions": 5}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": TEXTS, "encoding_format": "base64"},
     None),
    ("POST", "/embeddings", {"model": "tiny:embed", "input": TEXTS}, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY, "documents": TEXTS}, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY, "documents": TEXTS, "top_n": 2,
                            "return_documents": False}, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY,
                            "documents": [{"text": t} for t in TEXTS]}, None),
    ("POST", "/v1/classify", {"model": "tiny", "input": TEXTS}, None),
    ("GET", "/v1/models", None, None),
    ("GET", "/v1/models/tiny", None, None),
    ("GET", "/health", None, None),
    # errors
    ("POST", "/v1/embeddings", b"{not json", None),
    ("POST", "/v1/embeddings", b"[1]", None),
    ("POST", "/v1/embeddings", b"[" * 5000 + b"]" * 5000, None),
    ("POST", "/v1/embeddings", {"model": "tiny"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x", "extra": 1}, None),
    ("POST", "/v1/embeddings", {"model": 3, "input": "x"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": []}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": [1, 2]}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": ["ok", ""]}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": ["ok", 1.5]}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x", "encoding_format": "int8"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x", "dimensions": 0}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x", "dimensions": 99}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": ["ok", "!no"]}, None),
    ("POST", "/v1/embeddings", {"model": "nope", "input": "x"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny:nope", "input": "x"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny:rerank", "input": "x"}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": ["x"] * 17}, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "y" * 501}, None),
    ("POST", "/v1/embeddings", b"x" * 30000, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": "", "documents": TEXTS}, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY, "documents": "x"}, None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY, "documents": TEXTS, "top_n": 0},
     None),
    ("POST", "/v1/rerank", {"model": "tiny", "query": QUERY, "documents": TEXTS,
                            "return_documents": "yes"}, None),
    ("POST", "/v1/classify", {"model": "tiny", "input": None}, None),
    ("GET", "/v1/embeddings", None, None),
    ("DELETE", "/v1/models", None, None),
    ("GET", "/v1/nothing", None, None),
    ("GET", "/v1/models/nope", None, None),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x"}, {"Authorization": ""}),
    ("POST", "/v1/embeddings", {"model": "tiny", "input": "x"},
     {"Authorization": "Bearer wrong"}),
]


def ask(url: str, method: str, path: str, body: Any, headers: dict[str, str] | None) -> Any:
    h = {"Authorization": f"Bearer {KEY}", **(headers or {})}
    h = {k: v for k, v in h.items() if v}
    if isinstance(body, bytes):
        return httpx.request(method, url + path, content=body, headers=h, timeout=30)
    return httpx.request(method, url + path, json=body, headers=h, timeout=30)


@pytest.mark.parametrize("method,path,body,headers", REQUESTS,
                         ids=[f"{i}-{m}-{p}" for i, (m, p, _, _) in enumerate(REQUESTS)])
def test_same_answers(native: str, python: str, method: str, path: str, body: Any,
                      headers: dict[str, str] | None) -> None:
    a = ask(python, method, path, body, headers)
    b = ask(native, method, path, body, headers)
    def allowed(r: Any) -> set[str]:  # Starlette lists a set: any order
        return {m.strip() for m in r.headers.get("allow", "").split(",") if m.strip()}

    assert (b.status_code, b.headers.get("retry-after"), allowed(b)) == \
        (a.status_code, a.headers.get("retry-after"), allowed(a)), b.text
    ja, jb = a.json(), b.json()
    if a.status_code >= 400:
        ea, eb = ja["error"], jb["error"]
        assert set(eb) == {"message", "type", "param", "code"} and eb["message"]
        assert (eb["type"], eb["param"], eb["code"]) == (ea["type"], ea["param"], ea["code"])
        return
    if "results" in ja:  # a rerank: ids differ
        assert ja.pop("id").startswith("rerank-") and jb.pop("id").startswith("rerank-")
    assert jb == ja


def test_openai_package_against_both(native: str, python: str, bundle: Path) -> None:
    lib = pycomp.load(bundle)
    for url in (native, python):
        oai = openai.OpenAI(base_url=f"{url}/v1", api_key=KEY, max_retries=0)
        resp = oai.embeddings.create(model="tiny", input=TEXTS)  # base64 by default
        got = np.array([d.embedding for d in resp.data], dtype=np.float32)
        assert np.array_equal(got, lib.embed(TEXTS))
        assert resp.usage.prompt_tokens > len(TEXTS)
        assert [m.id for m in oai.models.list().data] == ["tiny"]
        with pytest.raises(openai.NotFoundError):
            oai.embeddings.create(model="nope", input="x")
        with pytest.raises(openai.BadRequestError):
            oai.embeddings.create(model="tiny", input="x", dimensions=99)
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=f"{url}/v1", api_key="bad", max_retries=0) \
                .embeddings.create(model="tiny", input="x")


def test_base64_is_the_compiled_floats(native: str, bundle: Path) -> None:
    r = ask(native, "POST", "/v1/embeddings",
            {"model": "tiny", "input": TEXTS, "encoding_format": "base64"}, None)
    rows = [np.frombuffer(base64.b64decode(d["embedding"]), dtype="<f4")
            for d in r.json()["data"]]
    assert np.array_equal(np.stack(rows), pycomp.load(bundle).embed(TEXTS))


def test_native_metrics_and_body_timeout(native: str) -> None:
    port = int(native.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + KEY.encode() + b"\r\nContent-Length: 100\r\n\r\n{")
        answer = s.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408")
    text = ask(native, "GET", "/metrics", None, None).text
    for name in ("pycomp_requests_total", "pycomp_request_errors_total",
                 "pycomp_request_duration_seconds_bucket", "pycomp_batch_size_count",
                 "pycomp_tokens_total", "pycomp_requests_in_flight"):
        assert name in text


def test_pycomp_serve_native(bundle: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pycomp.cli", "serve", str(bundle),
                             "--native", "--port", str(port), "--no-access-log"],
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.post(f"http://127.0.0.1:{port}/v1/embeddings",
                               json={"model": "tiny", "input": "x"}, timeout=5)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
        assert r.status_code == 200 and r.json()["model"] == "tiny"
    finally:
        proc.terminate()
        proc.wait(30)


def test_generated_server_crate_is_clippy_and_fmt_clean(bundle: Path) -> None:
    from pycomp.build import cargo_env
    from pycomp.driver import crate_dir_for
    from pycomp.serve.native import server_crate_dir

    crate = server_crate_dir(crate_dir_for(bundle.parent / "src" / "tiny.py"))
    for cmd in (["cargo", "fmt", "--check"], ["cargo", "clippy", "--", "-D", "warnings"]):
        proc = subprocess.run(cmd, cwd=crate, env=cargo_env(), capture_output=True, text=True,
                              check=False, timeout=1200)
        assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]


def metric(text: str, name: str) -> float:
    return sum(float(line.split()[-1]) for line in text.splitlines()
               if line.startswith((name + "{", name + " ")))


def post_together(url: str, path: str, bodies: list[dict[str, Any]]) -> list[Any]:
    """`bodies` posted at once, one thread each; their answers in order."""
    answers: list[Any] = [None] * len(bodies)
    ready = threading.Barrier(len(bodies))

    def post(i: int) -> None:
        ready.wait()
        answers[i] = httpx.post(url + path, json=bodies[i], timeout=60,
                                headers={"Authorization": f"Bearer {KEY}"})

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def test_batching_merges_and_equals_unbatched_calls(bundle: Path) -> None:
    """Concurrent requests are merged (the batch-size metric counts fewer calls
    than requests) and every answer is bit for bit the unbatched call's; an
    error in one request of a batch reaches only that request."""
    lib = pycomp.load(bundle)
    proc, url = start_native(bundle / "pycomp-server", "--batch-window-ms", "500",
                             "--no-access-log")
    try:
        # Three padded lengths (5, 9, 10 tokens), a `dimensions` of its own, and
        # two failing requests, one padded as the 9-token requests, one alone.
        inputs = ([[f"text number {i}"] for i in range(8)]
                  + [[f"a longer text, number {i}", "and another"] for i in range(4)]
                  + [["!fails", "a longer text, number 9"]]
                  + [["the dog runs in the city today"]] * 2
                  + [["!also", "x y"]])
        bodies: list[dict[str, Any]] = [{"model": "tiny", "input": t} for t in inputs]
        bodies.insert(3, {"model": "tiny", "input": ["text number 3"], "dimensions": 5})
        answers = post_together(url, "/v1/embeddings", bodies)
        exact = 0
        for body, r in zip(bodies, answers):
            texts = body["input"]
            if texts[0].startswith("!"):
                error = r.json()["error"]
                assert r.status_code == 400 and error["code"] == "invalid_value", r.text
                assert f"a text starts with '!': {texts[0]}" in error["message"]
                continue
            assert r.status_code == 200, r.text
            got = np.array([d["embedding"] for d in r.json()["data"]], dtype=np.float32)
            dimensions = body.get("dimensions", 32)
            want = lib.embed(texts, dimensions)
            # ONNX Runtime's float kernels round some rows differently in a
            # larger batch even at equal padded length (the tiny model at 9 and
            # 10 tokens; at 5 it does not): where the library itself gives
            # other bits in a batch, the server cannot give the unbatched ones.
            if np.array_equal(lib.embed(texts * 4, dimensions)[:len(texts)], want):
                assert np.array_equal(got, want), texts
                exact += 1
            else:
                np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
        assert exact >= 8, "the 5-token requests are compared bit for bit"
        cls = post_together(url, "/v1/classify",
                            [{"model": "tiny", "input": [f"word {i}"]} for i in range(6)])
        for i, r in enumerate(cls):
            scores = {x["label"]: x["score"] for x in r.json()["data"][0]["labels"]}
            assert scores == lib.classify([f"word {i}"])[0]
        metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {KEY}"}).text
    finally:
        proc.terminate()
        assert proc.wait(30) == 0
    requests = len(bodies) + len(cls)
    inputs_served = sum(len(b["input"]) for b in bodies) + len(cls)
    calls = metric(metrics, "pycomp_batch_size_count")
    assert metric(metrics, "pycomp_batch_size_sum") == inputs_served
    assert calls < requests / 2, f"{calls} compiled calls for {requests} requests"
    assert metric(metrics, "pycomp_queue_depth") == 0


def test_batching_off_calls_once_per_request(bundle: Path) -> None:
    proc, url = start_native(bundle / "pycomp-server", "--batch-window-ms", "300",
                             "--batch-max-items", "1", "--no-access-log")
    try:
        answers = post_together(url, "/v1/embeddings",
                                [{"model": "tiny", "input": [f"text {i}"]} for i in range(4)])
        assert [r.status_code for r in answers] == [200] * 4
        metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {KEY}"}).text
    finally:
        proc.terminate()
        proc.wait(30)
    assert metric(metrics, "pycomp_batch_size_count") == 4


def raw(port: int, data: bytes, wait: float) -> bytes:
    """What the server sends on a connection that sent `data`, until it closes
    the connection (or `wait` seconds pass: a socket timeout fails the test)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        if data:
            s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def test_header_timeout_and_graceful_shutdown(bundle: Path) -> None:
    proc, url = start_native(bundle / "pycomp-server", "--header-timeout", "1",
                             "--batch-window-ms", "1500", "--no-access-log")
    port = int(url.rsplit(":", 1)[1])
    try:
        # Half a request line, never finished: closed without an answer.
        start = time.monotonic()
        assert raw(port, b"POST /v1/emb", wait=10) == b""
        assert 0.5 < time.monotonic() - start < 8
        # Headers trickled and never finished; connected and nothing sent.
        assert raw(port, b"GET /health HTTP/1.1\r\nHost: x\r\n", wait=10) == b""
        assert raw(port, b"", wait=10) == b""
        assert httpx.get(f"{url}/health").status_code == 200
        # SIGTERM while a request waits in the batch window: it still gets its answer.
        answers: list[Any] = []
        waiter = threading.Thread(target=lambda: answers.append(httpx.post(
            f"{url}/v1/embeddings", json={"model": "tiny", "input": "x"}, timeout=30,
            headers={"Authorization": f"Bearer {KEY}"})))
        waiter.start()
        time.sleep(0.5)
        proc.terminate()
        waiter.join()
        assert proc.wait(30) == 0
        assert answers[0].status_code == 200 and len(answers[0].json()["data"]) == 1
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{url}/health")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
