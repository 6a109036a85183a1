"""`pycomp serve` hardened: API key, request limits, timeouts, metrics, access
logs, graceful shutdown, and the load and fault tests of issue 15.

The server runs as the `pycomp serve` command on 127.0.0.1 (a subprocess, so
its memory can be read from /proc), or in this process on uvicorn with the
same connection protocol where a test needs to patch the model. Everything
is bounded: small limits, short timeouts, loopback only.
"""

from __future__ import annotations

import json
import logging
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

from pycomp.client import Client
from pycomp.serve.batching import BatchPolicy
from pycomp.serve.http import ServerOptions
from pycomp.server import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import InThread
from test_client import build_bundles

KEY = "sk-test-0123456789"
TEXTS = ["first text", "second text"]
LIMITS = ["--max-body-bytes", "20000", "--max-inputs", "16", "--max-input-chars", "500",
          "--max-concurrency", "48", "--header-timeout", "1", "--body-timeout", "1",
          "--timeout", "30"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_bundles(tmp_path_factory.mktemp("guard"), multi=False, words=False)


@pytest.fixture(scope="module")
def lib(built: dict[str, Path]) -> pycomp.Library:
    return pycomp.load(built["minilm"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(built: dict[str, Path]) -> Iterator[dict[str, Any]]:
    """`pycomp serve` with an API key and small limits; yields url, pid, log file."""
    port = free_port()
    log = built["minilm"].parent.parent / "serve.log"
    env = dict(os.environ, PYCOMP_API_KEY=KEY)
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "pycomp.cli", "serve",
                                 str(built["minilm"]), "--port", str(port), *LIMITS],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    try:
        yield {"url": url, "pid": proc.pid, "log": log, "port": port}
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.fixture(scope="module")
def http(server: dict[str, Any]) -> Iterator[Any]:
    with httpx.Client(base_url=server["url"], timeout=30,
                      headers={"Authorization": f"Bearer {KEY}"}) as client:
        yield client


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def raw(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send `data` on a fresh connection; everything the server answers before
    closing (or `wait` seconds)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def error_of(resp: Any) -> dict[str, Any]:
    err = resp.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"]
    return err


# ------------------------------------------------------------------ API key


def test_api_key(server: dict[str, Any], http: Any, lib: pycomp.Library) -> None:
    url = server["url"]
    assert httpx.get(f"{url}/health").status_code == 200  # no key needed
    for headers, code in [({}, "missing_api_key"),
                          ({"Authorization": "Bearer wrong"}, "invalid_api_key"),
                          ({"Authorization": f"Basic {KEY}"}, "invalid_api_key")]:
        for method, path in [("POST", "/v1/embeddings"), ("GET", "/v1/models"),
                             ("GET", "/metrics"), ("POST", "/v1/rerank")]:
            r = httpx.request(method, f"{url}{path}", headers=headers, json={})
            assert r.status_code == 401, (path, r.text)
            assert error_of(r)["code"] == code and r.headers["www-authenticate"] == "Bearer"
    oai = openai.OpenAI(base_url=f"{url}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        oai.embeddings.create(model="minilm", input=TEXTS)
    oai = openai.OpenAI(base_url=f"{url}/v1", api_key=KEY, max_retries=0)
    got = oai.embeddings.create(model="minilm", input=TEXTS, encoding_format="float")
    np.testing.assert_array_equal(np.array([d.embedding for d in got.data], dtype=np.float32),
                                  lib.embed(TEXTS))


# ------------------------------------------------------------------- limits


def test_body_size_checked_before_reading(server: dict[str, Any]) -> None:
    # A declared 50 MB body: refused from the headers, nothing read.
    start = time.monotonic()
    answer = raw(server["port"], b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n"
                 b"Authorization: Bearer " + KEY.encode() + b"\r\n"
                 b"Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"request_too_large" in answer and time.monotonic() - start < 4


def test_chunked_body_over_the_limit(http: Any) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"model": "minilm", "input": ["'
        for _ in range(30):
            yield b"x" * 1000

    r = http.post("/v1/embeddings", content=chunks())
    assert r.status_code == 413 and error_of(r)["code"] == "request_too_large"


@pytest.mark.parametrize("body,code,param", [
    ({"model": "minilm", "input": ["x"] * 17}, "too_many_inputs", "input"),
    ({"model": "minilm", "input": "y" * 501}, "input_too_long", "input"),
    ({"model": "minilm", "input": ["ok", "y" * 501]}, "input_too_long", "input"),
    ({"model": "minilm", "query": "q" * 501, "documents": ["d"]}, "input_too_long", "query"),
], ids=["inputs", "chars", "chars-in-list", "query"])
def test_input_limits(http: Any, body: dict[str, Any], code: str, param: str) -> None:
    path = "/v1/rerank" if "query" in body else "/v1/embeddings"
    r = http.post(path, json=body)
    assert r.status_code == 413, r.text
    err = error_of(r)
    assert err["code"] == code and err["param"] == param


def test_deeply_nested_json_is_a_bad_request(http: Any) -> None:
    r = http.post("/v1/embeddings", content=b"[" * 10000 + b"]" * 10000)
    assert r.status_code == 400 and "nested too deeply" in error_of(r)["message"]


def test_header_and_body_timeouts(server: dict[str, Any], http: Any) -> None:
    port = server["port"]
    start = time.monotonic()
    # Headers trickled and never finished: the connection is closed.
    assert raw(port, b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n", wait=10) == b""
    assert 0.5 < time.monotonic() - start < 8
    # Connected, nothing sent: closed too.
    assert raw(port, b"", wait=10) == b""
    # Headers without the body they announce: 408.
    answer = raw(port, b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                 + KEY.encode() + b"\r\nContent-Length: 100\r\n\r\n{", wait=10)
    assert answer.startswith(b"HTTP/1.1 408") and b"request_timeout" in answer
    assert http.get("/health").status_code == 200


def test_client_disconnect_logs_one_line(server: dict[str, Any], http: Any) -> None:
    with socket.create_connection(("127.0.0.1", server["port"])) as s:
        s.sendall(b"POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + KEY.encode() + b"\r\nContent-Length: 100\r\n\r\n{\"mo")
        time.sleep(0.2)
    time.sleep(0.5)
    assert http.get("/health").status_code == 200
    log = server["log"].read_text()
    assert "went away during POST /v1/embeddings" in log
    assert "Traceback" not in log


# ------------------------------------------------------------ load and faults


FAULTS: list[tuple[str, str, Any, dict[str, str] | None, int, str | None]] = [
    ("POST", "/v1/embeddings", b"{not json", None, 400, None),
    ("POST", "/v1/embeddings", b'{"model": "minilm", "input": 5}', None, 400, "input"),
    ("POST", "/v1/embeddings", b'{"model": "nope", "input": "x"}', None, 404, "model"),
    ("POST", "/v1/embeddings", b"x" * 30000, None, 413, None),
    ("GET", "/v1/embeddings", None, None, 405, None),
    ("DELETE", "/v1/models", None, None, 405, None),
    ("POST", "/v1/embeddings", b"{}", {"Authorization": ""}, 401, None),
    ("POST", "/v1/embeddings", b"{}", {"Authorization": "Bearer nope"}, 401, None),
    ("POST", "/v1/classify", b'{"model": "minilm", "input": "x"}', None, 400, "model"),
]


def test_load_and_faults(server: dict[str, Any], lib: pycomp.Library) -> None:
    """32 clients x 200 requests, faults in between: nothing lost, every answer
    equal to a direct call, every fault its documented status and body, the
    server answering and its memory stable throughout."""
    url, pid = server["url"], server["pid"]
    texts = [[f"load test text {i}", "the same second text"][: 1 + i % 2] for i in range(32)]
    want = [lib.embed(t) for t in texts]

    def fault_round() -> None:
        with httpx.Client(base_url=url, timeout=30,
                          headers={"Authorization": f"Bearer {KEY}"}) as c:
            for method, path, body, headers, status, param in FAULTS:
                r = c.request(method, path, content=body, headers=headers)
                assert r.status_code == status, (path, r.text)
                assert error_of(r)["param"] == param

    def client_run(i: int) -> int:
        oai = openai.OpenAI(base_url=f"{url}/v1", api_key=KEY, max_retries=0, timeout=60)
        done = 0
        for _ in range(200):
            resp = oai.embeddings.create(model="minilm", input=texts[i])
            got = np.array([d.embedding for d in resp.data], dtype=np.float32)
            np.testing.assert_allclose(got, want[i], rtol=0, atol=1e-6)
            done += 1
        return done

    fault_round()
    before = rss_kib(pid)
    with ThreadPoolExecutor(max_workers=33) as pool:
        runs = [pool.submit(client_run, i) for i in range(32)]
        faults = pool.submit(lambda: [fault_round() for _ in range(20)])
        assert sum(r.result() for r in runs) == 32 * 200
        faults.result()
    for _ in range(3):
        fault_round()
    after = rss_kib(pid)
    assert after - before < 64 * 1024, f"RSS grew from {before} to {after} KiB"
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"}) as c:
        metrics = c.get("/metrics").text
    requests = sum(float(line.split()[-1]) for line in metrics.splitlines()
                   if line.startswith('pycomp_requests_total{route="/v1/embeddings",status="200"'))
    assert requests >= 32 * 200
    batches = [line for line in metrics.splitlines() if line.startswith("pycomp_batch_size_count")]
    inputs = [line for line in metrics.splitlines() if line.startswith("pycomp_batch_size_sum")]
    assert batches and inputs
    assert float(batches[0].split()[-1]) < float(inputs[0].split()[-1]), \
        "concurrent requests were never merged"
    for name in ("pycomp_request_duration_seconds_bucket", "pycomp_queue_depth",
                 "pycomp_tokens_total", "pycomp_request_errors_total", "pycomp_requests_in_flight"):
        assert name in metrics
    access = [json.loads(line) for line in server["log"].read_text().splitlines()
              if line.startswith("{")]
    assert any(a["path"] == "/v1/embeddings" and a["status"] == 200 and a["model"] == "minilm"
               and a["tokens"] > 0 for a in access)


# ---------------------------------------------- in process: patched models


def slow_client(built: dict[str, Path], seconds: float) -> Client:
    client = Client({"minilm": built["minilm"]}, remote=False)
    call = client._core.call

    def slow(req: Any) -> Any:
        time.sleep(seconds)
        return call(req)

    client._core.call = slow  # type: ignore[method-assign]
    return client


def test_request_timeout_and_concurrency_limit(built: dict[str, Path]) -> None:
    opts = ServerOptions(timeout=0.5, max_concurrency=1, batch=BatchPolicy(workers=1))
    with InThread(create_app(slow_client(built, 1.5), opts)) as s, \
            ThreadPoolExecutor(2) as pool:
        first = pool.submit(httpx.post, f"{s.url}/v1/embeddings",
                            json={"model": "minilm", "input": "x"}, timeout=10)
        time.sleep(0.2)
        second = httpx.post(f"{s.url}/v1/embeddings", json={"model": "minilm", "input": "y"})
        assert second.status_code == 429 and second.headers["retry-after"] == "1"
        assert error_of(second)["type"] == "rate_limit_error"
        r = first.result()
        assert r.status_code == 504 and error_of(r)["code"] == "timeout"
        time.sleep(1.5)
        assert httpx.get(f"{s.url}/health").status_code == 200


def test_graceful_shutdown_finishes_requests_in_flight(built: dict[str, Path],
                                                       lib: pycomp.Library) -> None:
    app = create_app(slow_client(built, 1.0))
    s = InThread(app)
    with ThreadPoolExecutor(4) as pool:
        s.__enter__()
        calls = [pool.submit(httpx.post, f"{s.url}/v1/embeddings",
                             json={"model": "minilm", "input": [f"text {i}"]}, timeout=30)
                 for i in range(3)]
        deadline = time.monotonic() + 20
        while app.state.metrics.in_flight._value.get() < 3:
            assert time.monotonic() < deadline, "the requests did not arrive"
            time.sleep(0.01)
        s.server.should_exit = True  # what SIGTERM and SIGINT do
        for i, c in enumerate(calls):
            r = c.result()
            assert r.status_code == 200
            np.testing.assert_allclose(np.array(r.json()["data"][0]["embedding"],
                                                dtype=np.float32),
                                       lib.embed([f"text {i}"])[0], rtol=0, atol=1e-6)
        s.thread.join(30)
        s.sock.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{s.url}/health")


def test_batched_results_equal_unbatched_on_minilm(tmp_path: Path) -> None:
    """The real (int8) MiniLM: rows of merged calls are bit-for-bit the rows of
    each request's own call."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_consumers import ROOT, minilm_ready

    if not minilm_ready():
        pytest.skip("the MiniLM packages are not installed")
    bundle = pycomp.build(ROOT / "examples" / "embed" / "embed.py", tmp_path / "minilm")
    lib = pycomp.load(bundle)
    texts = [[f"sentence number {i} about dogs"] for i in range(12)]
    with InThread(create_app({"minilm": bundle},
                             ServerOptions(batch=BatchPolicy(window=0.05)))) as s, \
            ThreadPoolExecutor(12) as pool:
        got = list(pool.map(lambda t: httpx.post(
            f"{s.url}/v1/embeddings", json={"model": "minilm", "input": t}, timeout=60), texts))
        metrics = httpx.get(f"{s.url}/metrics").text
    for r, t in zip(got, texts):
        assert np.array_equal(np.array(r.json()["data"][0]["embedding"], dtype=np.float32),
                              lib.embed(t)[0])
    count = next(float(line.split()[-1]) for line in metrics.splitlines()
                 if line.startswith("pycomp_batch_size_count"))
    assert count < 12, "the requests were not merged"


def test_access_log_lines(built: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    from starlette.testclient import TestClient

    caplog.set_level(logging.INFO, logger="pycomp.access")
    with TestClient(create_app({"minilm": built["minilm"]})) as http:
        http.post("/v1/embeddings", json={"model": "minilm", "input": TEXTS})
        http.post("/v1/embeddings", json={"model": "nope", "input": TEXTS})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "pycomp.access"]
    assert [(line["status"], line["model"]) for line in lines] == [(200, "minilm"),
                                                                   (404, "nope")]
    assert lines[0]["inputs"] == 2 and lines[0]["tokens"] > 0
    assert lines[1]["error"] == "model_not_found"
    assert set(lines[0]) >= {"time", "client", "method", "path", "status", "duration_ms"}
