"""Chat completions from the native server (`pycomp build --server`) answer as
`pycomp serve` does, on a chat bundle over the tiny ONNX decoder of
tests/models/make_decoder.py (tests/chat/decoder_chat.py: a streamed `chat`, a whole
`answer`, a streamed `ramble`). The official `openai` client talks to both servers:
the content equals CPython running the same source, JSON and server-sent events,
usage and finish reasons equal across the servers and the in-process client, bad
requests get the same status and body from both; a client leaving a stream (of
`ramble`, which never ends on its own) stops the generator in both servers (the
`pycomp_chat_generations` gauge falls back to 0) and they keep serving."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

openai = pytest.importorskip("openai")
httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
pytest.importorskip("onnxruntime")

from pycomp.build import cargo_env
from pycomp.cli import main as cli_main
from pycomp.client import Client
from pycomp.serve.native import server_crate_dir
from pycomp.server import create_app
from pyref import load_python
from serving import InThread, start_native

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))
import make_decoder

SOURCE = ROOT / "tests" / "chat" / "decoder_chat.py"
MESSAGES = [{"role": "system", "content": "Answer briefly."},
            {"role": "user", "content": "the cat sat on"}]
SERVERS = ("python", "native")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("nativechat")
    make_decoder.make_decoder(root / "model")
    src = root / "decoder_chat.py"
    shutil.copy2(SOURCE, src)
    out = root / "tiny"
    assert cli_main(["build", str(src), "-o", str(out), "--server"]) == 0
    return out, load_python(src)


@pytest.fixture(scope="module")
def py(built: tuple[Path, Any]) -> Any:
    return built[1]


@pytest.fixture(scope="module")
def urls(built: tuple[Path, Any]) -> Iterator[dict[str, str]]:
    bundle = built[0]
    proc, native = start_native(bundle / "pycomp-server", "--no-access-log")
    try:
        with InThread(create_app({"tiny": bundle})) as s:
            yield {"python": s.url, "native": native}
    finally:
        proc.terminate()
        assert proc.wait(30) == 0, "the native server did not shut down cleanly"


def oai(url: str) -> Any:
    return openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0, timeout=120)


@pytest.mark.parametrize("server", SERVERS)
def test_answers_equal_cpython(urls: dict[str, str], py: Any, server: str) -> None:
    client = oai(urls[server])
    resp = client.chat.completions.create(model="tiny:chat", messages=MESSAGES, max_tokens=12,
                                          temperature=0)
    assert resp.choices[0].message.content == "".join(py.chat(MESSAGES, 12))
    assert resp.choices[0].message.role == "assistant"
    assert resp.choices[0].finish_reason == "length"
    assert resp.id.startswith("chatcmpl-") and resp.object == "chat.completion"
    # sampled with a seed, ending on EOS before max_tokens: "stop"
    sampled = client.chat.completions.create(model="tiny:chat", messages=MESSAGES,
                                             max_tokens=30, temperature=2.0, seed=44)
    want = list(py.chat(MESSAGES, 30, 2.0, 44))
    assert len(want) < 30
    assert sampled.choices[0].message.content == "".join(want)
    assert sampled.choices[0].finish_reason == "stop"
    # the function's own default (16) when the request gives none
    default = client.chat.completions.create(model="tiny:chat", messages=MESSAGES)
    assert default.choices[0].message.content == "".join(py.chat(MESSAGES))
    assert default.choices[0].finish_reason == "length"
    whole = client.chat.completions.create(model="tiny:answer", messages=MESSAGES, max_tokens=5)
    assert whole.choices[0].message.content == py.answer(MESSAGES, 5)


@pytest.mark.parametrize("server", SERVERS)
def test_streams_equal_cpython(urls: dict[str, str], py: Any, server: str) -> None:
    stream = oai(urls[server]).chat.completions.create(
        model="tiny:chat", messages=MESSAGES, max_tokens=12, temperature=0, stream=True,
        stream_options={"include_usage": True})
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].delta.content for c in chunks[1:-2]] == list(py.chat(MESSAGES, 12))
    assert chunks[-2].choices[0].finish_reason == "length"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert len({c.id for c in chunks}) == 1
    with httpx.stream("POST", f"{urls[server]}/v1/chat/completions", timeout=120, json={
            "model": "tiny:answer", "messages": MESSAGES, "max_tokens": 4,
            "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    assert all(line.startswith("data: ") for line in lines)
    assert '"usage"' not in "".join(lines)  # not asked for


def test_servers_and_client_agree(urls: dict[str, str], built: tuple[Path, Any]) -> None:
    local = Client({"tiny": built[0]}, remote=False)
    requests: list[dict[str, Any]] = [
        {"model": "tiny:chat", "messages": MESSAGES, "max_tokens": 12},
        {"model": "tiny:chat", "messages": MESSAGES, "max_tokens": 30, "temperature": 2.0,
         "seed": 44},
        {"model": "tiny:answer", "messages": MESSAGES, "max_tokens": 5},
        {"model": "tiny:chat", "messages": [{"role": "user", "content": [
            {"type": "text", "text": "the "}, {"type": "text", "text": "dog"}],
            "name": "ann"}], "max_completion_tokens": 3},
    ]
    for req in requests:
        want = local.chat.completions.create(**req)
        for server in SERVERS:
            got = oai(urls[server]).chat.completions.create(**req)
            assert got.choices[0].message.content == want.choices[0].message.content
            assert got.choices[0].finish_reason == want.choices[0].finish_reason
            assert got.usage == want.usage
        streamed = {s: list(oai(urls[s]).chat.completions.create(
            **req, stream=True, stream_options={"include_usage": True})) for s in SERVERS}
        for chunks in streamed.values():
            assert "".join(c.choices[0].delta.content or "" for c in chunks[:-1]) \
                == want.choices[0].message.content
            assert chunks[-1].usage == want.usage
    models = [httpx.get(f"{urls[s]}/v1/models").json()["data"] for s in SERVERS]
    assert [m["id"] for m in models[0]] == [m["id"] for m in models[1]] \
        == ["tiny:chat", "tiny:answer", "tiny:ramble"]


BAD: list[dict[str, Any]] = [
    {"model": "tiny:chat", "messages": []},
    {"model": "tiny:chat", "messages": "hello"},
    {"model": "tiny:chat", "messages": ["hello"]},
    {"model": "tiny:chat", "messages": [{"role": "wizard", "content": "hi"}]},
    {"model": "tiny:chat", "messages": [{"content": "hi"}]},
    {"model": "tiny:chat", "messages": [{"role": "user", "content": 3}]},
    {"model": "tiny:chat", "messages": [{"role": "user"}]},
    {"model": "tiny:chat", "messages": [{"role": "user", "content": [{"type": "image"}]}]},
    {"model": "tiny:chat", "messages": [{"role": "user", "content": "hi", "name": 1}]},
    {"model": "tiny:chat", "messages": MESSAGES, "max_tokens": 0},
    {"model": "tiny:chat", "messages": MESSAGES, "max_tokens": 2.5},
    {"model": "tiny:chat", "messages": MESSAGES, "max_tokens": True},
    {"model": "tiny:chat", "messages": MESSAGES, "max_completion_tokens": -1},
    {"model": "tiny:chat", "messages": MESSAGES, "temperature": 3},
    {"model": "tiny:chat", "messages": MESSAGES, "top_p": "high"},
    {"model": "tiny:chat", "messages": MESSAGES, "stop": ["a", ""]},
    {"model": "tiny:chat", "messages": MESSAGES, "stop": ["a", "b", "c", "d", "e"]},
    {"model": "tiny:chat", "messages": MESSAGES, "seed": 1.5},
    {"model": "tiny:chat", "messages": MESSAGES, "n": 2},
    {"model": "tiny:chat", "messages": MESSAGES, "stream": "yes"},
    {"model": "tiny:chat", "messages": MESSAGES, "stream_options": {"include_usage": True}},
    {"model": "tiny:chat", "messages": MESSAGES, "stream": True,
     "stream_options": {"include_usage": 1}},
    {"model": "tiny:chat", "messages": MESSAGES, "logit_bias": {}},
    {"model": "tiny:chat"},
    {"model": 3, "messages": MESSAGES},
    {"model": "nope", "messages": MESSAGES},
    {"model": "tiny", "messages": MESSAGES},
    {"model": "tiny:nope", "messages": MESSAGES},
    # refused by the function itself: a ValueError from the first piece
    {"model": "tiny:chat", "messages": [{"role": "user", "content": "x " * 40}]},
    {"model": "tiny:chat", "messages": [{"role": "user", "content": "x " * 40}],
     "stream": True},
    {"model": "tiny:answer", "messages": [{"role": "user", "content": "x " * 40}]},
]


def test_bad_requests_answer_alike(urls: dict[str, str]) -> None:
    for body in BAD:
        got = {s: httpx.post(f"{urls[s]}/v1/chat/completions", json=body, timeout=60)
               for s in SERVERS}
        python, native = got["python"], got["native"]
        assert python.status_code in (400, 404), (body, python.text)
        assert (native.status_code, native.json()) == (python.status_code, python.json()), body
    refused = httpx.post(f"{urls['native']}/v1/chat/completions", json=BAD[-1]).json()["error"]
    assert refused["code"] == "invalid_value"
    assert "ValueError: the prompt has" in refused["message"]


def generations(url: str) -> float:
    for line in httpx.get(f"{url}/metrics").text.splitlines():
        if line.startswith('pycomp_chat_generations{model="tiny"}'):
            return float(line.split()[-1])
    return 0.0


def wait_for_generations(url: str, n: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (now := generations(url)) != n:
        assert time.monotonic() < deadline, (f"{now} chat answers being generated, not {n}",
                                             httpx.get(f"{url}/metrics").text)
        time.sleep(0.05)


@pytest.mark.parametrize("server", SERVERS)
def test_leaving_a_stream_stops_the_generator(urls: dict[str, str], py: Any,
                                              server: str) -> None:
    url = urls[server]
    wait_for_generations(url, 0, 30)  # earlier answers have finished
    # an answer of ten million tokens: it would run for hours
    with httpx.stream("POST", f"{url}/v1/chat/completions", timeout=120, json={
            "model": "tiny:ramble", "messages": MESSAGES, "max_tokens": 10**7,
            "stream": True}) as r:
        got = 0
        for line in r.iter_lines():
            got += line.startswith("data: ")
            if got == 5:
                wait_for_generations(url, 1, 10)
                break  # leave mid-stream: the connection closes
    wait_for_generations(url, 0, 60)
    resp = oai(url).chat.completions.create(model="tiny:chat", messages=MESSAGES, max_tokens=4,
                                            temperature=0)
    assert resp.choices[0].message.content == "".join(py.chat(MESSAGES, 4))


def test_generated_server_crate_is_clippy_clean(built: tuple[Path, Any]) -> None:
    from pycomp.driver import crate_dir_for

    crate = server_crate_dir(crate_dir_for(built[0].parent / "decoder_chat.py"))
    assert "fn chat(" in (crate / "src" / "models.rs").read_text()
    for cmd in (["cargo", "fmt", "--check"], ["cargo", "clippy", "--quiet", "--", "-D",
                                              "warnings"]):
        proc = subprocess.run(cmd, cwd=crate, capture_output=True, text=True, check=False,
                              env=cargo_env(), timeout=900)
        assert proc.returncode == 0, (cmd, proc.stdout[-3000:], proc.stderr[-3000:])

