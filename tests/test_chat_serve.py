"""Chat completions of a compiled llama.cpp bundle (examples/chat/chat.py) in
OpenAI's shape: `pycomp.Client` and `AsyncClient` answer with the `openai`
package's own types, and `pycomp serve` and the native server (`pycomp build
--server`, built with the bundle: one llama.cpp build) answer the official
`openai` client with the same content, as JSON and as server-sent events; a
client leaving a stream closes the compiled generator and the server keeps
serving."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

openai = pytest.importorskip("openai")
httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pycomp.cli import main as cli_main
from pycomp.client import AsyncClient, BadRequestError, Client
from pycomp.serve import chat as chat_module
from pycomp.serve.http import ServerOptions
from pycomp.server import create_app
from pyref import load_python
from serving import InThread, start_native

ROOT = Path(__file__).resolve().parents[1]
# examples/embed has a fetch_model.py too (same module name): loaded from its path
fetch = load_python(ROOT / "examples" / "chat" / "fetch_model.py", "chat_fetch_model").fetch

REFERENCE = json.loads((ROOT / "tests" / "chat" / "reference.json").read_text())
CASE = REFERENCE["chat"][0]
MESSAGES = CASE["messages"]
MODEL = "smollm2:chat"  # the bundle has two chat functions: chat (streamed) and answer


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fetch()
    out = tmp_path_factory.mktemp("chatserve") / "smollm2"
    # the bundle and its native server (bundle/pycomp-server) in one build
    assert cli_main(["build", str(ROOT / "examples" / "chat" / "chat.py"), "-o", str(out),
                     "--server"]) == 0
    return out


@pytest.fixture(scope="module")
def client(bundle: Path) -> Client:
    return Client({"smollm2": bundle}, remote=False)


def test_chat_functions_are_recognised_from_the_manifest(client: Client) -> None:
    ids = [m.id for m in client.models.list().data]
    assert ids == ["smollm2:chat", "smollm2:answer"]


def test_non_streamed_answer_is_a_chat_completion(client: Client) -> None:
    resp = client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                          max_tokens=CASE["max_tokens"], temperature=0.0)
    assert isinstance(resp, ChatCompletion)
    ChatCompletion.model_validate(resp.model_dump())
    assert resp.choices[0].message.content == CASE["text"]
    assert resp.choices[0].message.role == "assistant"
    assert resp.choices[0].finish_reason == "length"  # 32 tokens of 32
    assert resp.usage is not None and resp.usage.completion_tokens == len(CASE["ids"])
    whole = client.chat.completions.create(model="smollm2:answer", messages=MESSAGES,
                                           max_tokens=CASE["max_tokens"], temperature=0.0)
    assert whole.choices[0].message.content == CASE["text"]


def test_streamed_answer_is_chunks(client: Client) -> None:
    stream = client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                            max_tokens=CASE["max_tokens"], temperature=0.0,
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    pieces = [c.choices[0].delta.content for c in chunks[1:-2]]
    assert pieces == CASE["pieces"]
    assert chunks[-2].choices[0].finish_reason == "length"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == len(CASE["ids"])
    assert len({c.id for c in chunks}) == 1


def test_async_client(bundle: Path) -> None:
    async def run() -> tuple[str, list[str]]:
        aclient = AsyncClient({"smollm2": bundle}, remote=False)
        resp = await aclient.chat.completions.create(model=MODEL, messages=MESSAGES,
                                                     max_tokens=8, temperature=0.0)
        stream = await aclient.chat.completions.create(model=MODEL, messages=MESSAGES,
                                                       max_tokens=8, stream=True)
        pieces = [c.choices[0].delta.content async for c in stream
                  if c.choices and c.choices[0].delta.content]
        return resp.choices[0].message.content or "", pieces

    text, pieces = asyncio.run(run())
    assert text == "".join(pieces) == "".join(CASE["pieces"][:8])


@pytest.mark.parametrize(("kwargs", "param"), [
    ({"messages": []}, "messages"),
    ({"messages": [{"role": "wizard", "content": "hi"}]}, "messages[0].role"),
    ({"messages": [{"role": "user", "content": 3}]}, "messages[0].content"),
    ({"messages": ["hello"]}, "messages[0]"),
    ({"messages": MESSAGES, "max_tokens": 0}, "max_tokens"),
    ({"messages": MESSAGES, "temperature": 3}, "temperature"),
    ({"messages": MESSAGES, "stream_options": {"include_usage": True}}, "stream_options"),
])
def test_bad_requests(client: Client, kwargs: dict[str, Any], param: str) -> None:
    with pytest.raises(BadRequestError) as e:
        client.chat.completions.create(model=MODEL, **kwargs)
    assert e.value.param == param


def test_a_request_the_model_refuses_is_a_bad_request(client: Client) -> None:
    with pytest.raises(BadRequestError, match="exceed context window"):
        client.chat.completions.create(model=MODEL, stream=True, messages=[
            {"role": "user", "content": "hello " * 3000}])


# -- the server


@pytest.fixture(scope="module")
def base_url(client: Client) -> Iterator[str]:
    with InThread(create_app(client, ServerOptions(timeout=600))) as s:
        yield s.url


@pytest.fixture(scope="module")
def oai(base_url: str) -> Any:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0,
                         timeout=300)


def test_server_answers_the_openai_client(oai: Any, client: Client) -> None:
    resp = oai.chat.completions.create(model=MODEL, messages=MESSAGES,
                                       max_tokens=CASE["max_tokens"], temperature=0)
    local = client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                           max_tokens=CASE["max_tokens"], temperature=0)
    assert resp.choices[0].message.content == local.choices[0].message.content == CASE["text"]
    assert resp.usage.model_dump() == local.usage.model_dump()
    assert resp.choices[0].finish_reason == local.choices[0].finish_reason


def test_server_streams_server_sent_events(oai: Any, base_url: str) -> None:
    stream = oai.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                         max_tokens=CASE["max_tokens"], temperature=0,
                                         stream_options={"include_usage": True})
    chunks = list(stream)
    assert [c.choices[0].delta.content for c in chunks[1:-2]] == CASE["pieces"]
    assert chunks[-1].usage.completion_tokens == len(CASE["ids"])
    with httpx.stream("POST", f"{base_url}/v1/chat/completions", timeout=300, json={
            "model": MODEL, "messages": MESSAGES, "max_tokens": 4, "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    assert all(line.startswith("data: ") for line in lines)


def test_server_bad_requests_are_400(oai: Any) -> None:
    with pytest.raises(openai.BadRequestError) as e:
        oai.chat.completions.create(model=MODEL, messages=[])
    assert e.value.body["param"] == "messages"
    with pytest.raises(openai.BadRequestError, match="exceed context window"):
        oai.chat.completions.create(model=MODEL, stream=True,
                                    messages=[{"role": "user", "content": "hello " * 3000}])
    with pytest.raises(openai.NotFoundError):
        oai.chat.completions.create(model="nope", messages=MESSAGES)


def test_leaving_a_stream_closes_the_generator(base_url: str, oai: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    natives: list[Any] = []
    closed = threading.Event()
    original_close = chat_module.LocalAnswer.close

    def close(self: Any) -> None:
        native = self._native
        original_close(self)
        if native is not None:
            natives.append(native)
            closed.set()

    monkeypatch.setattr(chat_module.LocalAnswer, "close", close)
    with httpx.stream("POST", f"{base_url}/v1/chat/completions", timeout=300, json={
            "model": MODEL, "messages": MESSAGES, "max_tokens": 1000, "stream": True}) as r:
        got = 0
        for line in r.iter_lines():
            got += line.startswith("data: ")
            if got == 3:
                break  # leave mid-stream: the connection closes
    assert closed.wait(60), "the compiled generator was not closed"
    with pytest.raises(StopIteration):
        next(natives[0])  # closed: it generates nothing more
    resp = oai.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=4,
                                       temperature=0)
    assert resp.choices[0].message.content == "".join(CASE["pieces"][:4])


# -- the native server on the same bundle


@pytest.fixture(scope="module")
def native_url(bundle: Path) -> Iterator[str]:
    proc, url = start_native(bundle / "pycomp-server", "--no-access-log", "--timeout", "600")
    try:
        yield url
    finally:
        proc.terminate()
        assert proc.wait(30) == 0, "the native server did not shut down cleanly"


@pytest.fixture(scope="module")
def native(native_url: str) -> Any:
    return openai.OpenAI(base_url=f"{native_url}/v1", api_key="unused", max_retries=0,
                         timeout=300)


def test_native_server_answers_as_llama_cpp_python(native: Any, client: Client) -> None:
    assert [m.id for m in native.models.list().data] == ["smollm2:chat", "smollm2:answer"]
    resp = native.chat.completions.create(model=MODEL, messages=MESSAGES,
                                          max_tokens=CASE["max_tokens"], temperature=0)
    ChatCompletion.model_validate(resp.model_dump())
    local = client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                           max_tokens=CASE["max_tokens"], temperature=0)
    assert resp.choices[0].message.content == local.choices[0].message.content == CASE["text"]
    assert resp.choices[0].finish_reason == local.choices[0].finish_reason == "length"
    assert resp.usage.model_dump() == local.usage.model_dump()
    whole = native.chat.completions.create(model="smollm2:answer", messages=MESSAGES,
                                           max_tokens=CASE["max_tokens"], temperature=0)
    assert whole.choices[0].message.content == CASE["text"]


def test_native_server_streams_llama_cpp_pythons_pieces(native: Any, native_url: str) -> None:
    stream = native.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                            max_tokens=CASE["max_tokens"], temperature=0,
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].delta.content for c in chunks[1:-2]] == CASE["pieces"]
    assert chunks[-2].choices[0].finish_reason == "length"
    assert chunks[-1].usage.completion_tokens == len(CASE["ids"])
    with httpx.stream("POST", f"{native_url}/v1/chat/completions", timeout=300, json={
            "model": MODEL, "messages": MESSAGES, "max_tokens": 4, "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    assert "".join(json.loads(line[6:])["choices"][0]["delta"].get("content", "")
                   for line in lines[:-1]
                   if json.loads(line[6:])["choices"]) == "".join(CASE["pieces"][:4])


def test_native_server_bad_requests_equal_the_python_servers(native_url: str,
                                                             base_url: str) -> None:
    for body in ({"model": MODEL, "messages": []},
                 {"model": MODEL, "messages": [{"role": "wizard", "content": "hi"}]},
                 {"model": MODEL, "messages": MESSAGES, "max_tokens": 0},
                 {"model": MODEL, "stream": True,
                  "messages": [{"role": "user", "content": "hello " * 3000}]},
                 {"model": "nope", "messages": MESSAGES}):
        answers = [httpx.post(f"{url}/v1/chat/completions", json=body, timeout=300)
                   for url in (native_url, base_url)]
        assert answers[0].status_code == answers[1].status_code in (400, 404), body
        assert answers[0].json() == answers[1].json(), body


def _generations(url: str) -> float:
    for line in httpx.get(f"{url}/metrics").text.splitlines():
        if line.startswith('pycomp_chat_generations{model="smollm2"}'):
            return float(line.split()[-1])
    return 0.0


def test_native_server_stops_generating_for_a_client_that_left(native: Any,
                                                               native_url: str) -> None:
    with httpx.stream("POST", f"{native_url}/v1/chat/completions", timeout=300, json={
            "model": MODEL, "messages": MESSAGES, "max_tokens": 1000, "stream": True}) as r:
        got = 0
        for line in r.iter_lines():
            got += line.startswith("data: ")
            if got == 3:
                assert _generations(native_url) == 1
                break  # leave mid-stream: the connection closes
    deadline = time.monotonic() + 60
    while _generations(native_url) != 0:
        assert time.monotonic() < deadline, "the compiled generator was not dropped"
        time.sleep(0.05)
    resp = native.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=4,
                                          temperature=0)
    assert resp.choices[0].message.content == "".join(CASE["pieces"][:4])
