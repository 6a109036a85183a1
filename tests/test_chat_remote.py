"""The remote route of chat completions: a model that is no local bundle goes through
litellm (`litellm.completion` / `acompletion`), here with litellm's `mock_response`
(no network): the answers validate as the `openai` package's types, streamed and not,
sync and async; the request's options reach litellm; bad requests are refused before
any provider is asked; a provider's failure is an `openai` exception."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no download of the cost map
litellm = pytest.importorskip("litellm")
openai = pytest.importorskip("openai")

from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pycomp.client import AsyncClient, BadRequestError, Client, NotFoundError

# litellm's import warns about pydantic TypedDicts; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")

MODEL = "openai/gpt-4o-mini"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello?"}]
ANSWER = "Hello there, how can I help you today?"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The keyword arguments of each litellm call."""
    calls: list[dict[str, Any]] = []
    for name in ("completion", "acompletion"):
        original = getattr(litellm, name)

        def spy(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(kwargs)
            return _original(*args, **kwargs)

        monkeypatch.setattr(litellm, name, spy)
    return calls


def test_a_whole_answer_is_a_chat_completion(seen: list[dict[str, Any]]) -> None:
    client = Client(remote=True)
    resp = client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=20,
                                          temperature=0.5, top_p=0.9, stop="\n", seed=7,
                                          mock_response=ANSWER)
    assert isinstance(resp, ChatCompletion)
    ChatCompletion.model_validate(resp.model_dump())
    assert resp.choices[0].message.content == ANSWER
    assert resp.choices[0].message.role == "assistant"
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage is not None and resp.usage.total_tokens > 0
    (kwargs,) = seen
    assert kwargs["model"] == MODEL and kwargs["messages"] == MESSAGES
    assert kwargs["stream"] is False
    assert {k: kwargs[k] for k in ("max_tokens", "temperature", "top_p", "stop", "seed")} == {
        "max_tokens": 20, "temperature": 0.5, "top_p": 0.9, "stop": ["\n"], "seed": 7}


def test_a_streamed_answer_is_chunks(seen: list[dict[str, Any]]) -> None:
    client = Client(remote=True)
    chunks = list(client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True,
                                                 stream_options={"include_usage": True},
                                                 mock_response=ANSWER))
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    for c in chunks:
        ChatCompletionChunk.model_validate(c.model_dump())
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == ANSWER
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert len({c.id for c in chunks}) == 1
    assert seen[0]["stream"] is True and seen[0]["stream_options"] == {"include_usage": True}


def test_the_async_client_the_same(seen: list[dict[str, Any]]) -> None:
    async def run() -> tuple[Any, list[Any]]:
        client = AsyncClient(remote=True)
        whole = await client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                                     mock_response=ANSWER)
        stream = await client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                                      stream=True, mock_response=ANSWER)
        return whole, [c async for c in stream]

    whole, chunks = asyncio.run(run())
    assert isinstance(whole, ChatCompletion) and whole.choices[0].message.content == ANSWER
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == ANSWER
    assert len(seen) == 2


def test_bad_requests_never_reach_the_provider(seen: list[dict[str, Any]]) -> None:
    client = Client(remote=True)
    for kwargs, param in [({"messages": []}, "messages"),
                          ({"messages": [{"role": "wizard", "content": "x"}]},
                           "messages[0].role"),
                          ({"messages": MESSAGES, "max_tokens": 0}, "max_tokens"),
                          ({"messages": MESSAGES, "stream_options": {"include_usage": True}},
                           "stream_options")]:
        with pytest.raises(BadRequestError) as e:
            client.chat.completions.create(model=MODEL, mock_response=ANSWER, **kwargs)
        assert e.value.param == param
    with pytest.raises(NotFoundError, match="litellm cannot route it"):
        client.chat.completions.create(model="no-such-chat-model", messages=MESSAGES,
                                       mock_response=ANSWER)
    with pytest.raises(NotFoundError, match="does not exist"):
        Client(remote=False).chat.completions.create(model=MODEL, messages=MESSAGES,
                                                     mock_response=ANSWER)
    assert seen == []


def test_a_provider_failure_is_an_openai_error() -> None:
    client = Client(remote=True)
    with pytest.raises(openai.APIError) as e:
        client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                       mock_response=litellm.RateLimitError(
                                           "slow down", llm_provider="openai", model=MODEL))
    assert isinstance(e.value, openai.RateLimitError)
    with pytest.raises(openai.APIError, match="boom"):
        client.chat.completions.create(model=MODEL, messages=MESSAGES,
                                       mock_response=ValueError("boom"))
