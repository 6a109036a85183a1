"""Chat completions in OpenAI's shape, from a bundle's chat function
(``serve/kinds.py``) or from any other provider through litellm.

The answers are the ``openai`` package's own types (``ChatCompletion``,
``ChatCompletionChunk``): what ``client.chat.completions.create`` returns, and
what ``pycomp serve`` sends as JSON and server-sent events.

A chat function gives text only, so the rest of the answer is derived here:

- ``usage.prompt_tokens`` counts the messages' contents and
  ``usage.completion_tokens`` the answer with the bundle's tokenizer when it
  has a ``tokenizer.json`` asset, else: a streamed answer counts its pieces
  (one per generated token for llama.cpp streams), a whole answer its words;
- ``finish_reason`` is ``"length"`` when the function has a ``max_tokens``
  parameter and the answer used all of it, else ``"stop"``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from pycomp.serve.kinds import ModelFunction

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion, ChatCompletionChunk

    from pycomp.client import _Bundle, _Core

ROLES = ("system", "user", "assistant", "tool", "function", "developer")


def _errors() -> Any:
    from pycomp import client

    return client


def _openai_chat() -> Any:
    try:
        from openai.types import chat
    except ImportError as e:  # pragma: no cover - the serve extra installs it
        raise ImportError("chat completions answer with the `openai` package's types: "
                          "pip install 'pycomp[serve]'") from e
    return chat


@dataclass
class ChatRequest:
    model: str
    messages: list[dict[str, str]]
    stream: bool = False
    include_usage: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    """The request's max_tokens, temperature, top_p, stop, seed (those given)."""
    bundle: _Bundle | None = None
    function: ModelFunction | None = None

    def kwargs(self) -> dict[str, Any]:
        """The chat function's arguments: the messages and the options it has."""
        assert self.function is not None
        out: dict[str, Any] = {"messages": self.messages}
        for name in self.function.options:
            if name in self.options:
                out[name] = self.options[name]
        return out


def _messages(value: Any) -> list[dict[str, str]]:
    bad = _errors().BadRequestError
    if not isinstance(value, (list, tuple)) or not value:
        raise bad("'messages' must be a non-empty list of messages", param="messages")
    out = []
    for i, m in enumerate(value):
        if not isinstance(m, Mapping):
            raise bad(f"messages[{i}] must be an object with 'role' and 'content'",
                      param=f"messages[{i}]")
        role = m.get("role")
        if role not in ROLES:
            raise bad(f"messages[{i}].role must be one of {', '.join(ROLES)}, not {role!r}",
                      param=f"messages[{i}].role")
        content = m.get("content")
        if isinstance(content, list):  # OpenAI's content parts: text parts only
            if not all(isinstance(p, Mapping) and p.get("type") == "text"
                       and isinstance(p.get("text"), str) for p in content):
                raise bad(f"messages[{i}].content: only text parts are supported",
                          param=f"messages[{i}].content")
            content = "".join(p["text"] for p in content)
        if not isinstance(content, str):
            raise bad(f"messages[{i}].content must be a string, not "
                      f"{type(content).__name__}", param=f"messages[{i}].content")
        msg = {"role": role, "content": content}
        for k, v in m.items():
            if k in ("role", "content"):
                continue
            if not isinstance(v, str):
                raise bad(f"messages[{i}].{k} must be a string", param=f"messages[{i}].{k}")
            msg[k] = v
        out.append(msg)
    return out


def _options(max_tokens: Any, temperature: Any, top_p: Any, stop: Any,
             seed: Any) -> dict[str, Any]:
    bad = _errors().BadRequestError
    out: dict[str, Any] = {}
    if max_tokens is not None:
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise bad(f"'max_tokens' must be a positive integer, not {max_tokens!r}",
                      param="max_tokens")
        out["max_tokens"] = max_tokens
    for name, value, lo, hi in (("temperature", temperature, 0.0, 2.0),
                                ("top_p", top_p, 0.0, 1.0)):
        if value is None:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) \
                or not lo <= value <= hi:
            raise bad(f"'{name}' must be a number from {lo} to {hi}, not {value!r}",
                      param=name)
        out[name] = float(value)
    if stop is not None:
        stops = [stop] if isinstance(stop, str) else stop
        if not isinstance(stops, list) or len(stops) > 4 or not all(
                isinstance(s, str) and s for s in stops):
            raise bad("'stop' must be a non-empty string or a list of up to 4 of them",
                      param="stop")
        out["stop"] = stops
    if seed is not None:
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise bad(f"'seed' must be an integer, not {seed!r}", param="seed")
        out["seed"] = seed
    return out


def prepare_chat(core: _Core, model: Any, messages: Any, *, stream: Any = False,
                 stream_options: Any = None, max_tokens: Any = None,
                 max_completion_tokens: Any = None, temperature: Any = None,
                 top_p: Any = None, stop: Any = None, seed: Any = None,
                 n: Any = None) -> ChatRequest:
    """Validate a chat request and find its local function (None: the remote route)."""
    client = _errors()
    bad = client.BadRequestError
    model = client._model_name(model)
    if stream is None:
        stream = False
    if not isinstance(stream, bool):
        raise bad(f"'stream' must be a boolean, not {stream!r}", param="stream")
    include_usage = False
    if stream_options is not None:
        if not stream:
            raise bad("'stream_options' is only allowed with 'stream': true",
                      param="stream_options")
        if not isinstance(stream_options, Mapping) or not isinstance(
                stream_options.get("include_usage", False), bool):
            raise bad("'stream_options' must be {\"include_usage\": true|false}",
                      param="stream_options")
        include_usage = bool(stream_options.get("include_usage", False))
    if n not in (None, 1):
        raise bad("only one choice ('n': 1) is supported", param="n")
    if max_tokens is None:
        max_tokens = max_completion_tokens
    req = ChatRequest(model, _messages(messages), stream, include_usage,
                      _options(max_tokens, temperature, top_p, stop, seed))
    local = core._local(model, "chat")
    if local is not None:
        req.bundle, req.function = local
    return req


def _failure(req: ChatRequest, e: Exception) -> Exception:
    """A compiled function's exception as an API error (as embeddings do)."""
    client = _errors()
    if isinstance(e, (ValueError, TypeError, LookupError)):
        return client.BadRequestError(f"model {req.model!r} refused the request: "
                                      f"{type(e).__name__}: {e}", code="invalid_value")
    return client.InternalServerError(f"model {req.model!r} failed: {type(e).__name__}: {e}")


class LocalAnswer:
    """The pieces of a local chat function's answer, pulled one by one.

    The first piece is computed when the answer is made, so a request the
    function refuses fails before anything is sent. ``close()`` closes the
    compiled generator (it stops generating)."""

    def __init__(self, req: ChatRequest) -> None:
        assert req.bundle is not None and req.function is not None
        self.req = req
        self.pieces: list[str] = []
        self._native: Any = None
        self._first: str | None = None
        try:
            result = req.bundle.library[req.function.name](**req.kwargs())
            if req.function.stream:
                self._native = result
                self._first = next(result, None)
            else:
                self._first = result
        except Exception as e:
            self.close()
            raise _failure(req, e) from e

    def __iter__(self) -> Iterator[str]:
        try:
            if self._first is not None:
                piece, self._first = self._first, None
                self.pieces.append(piece)
                yield piece
            while self._native is not None:
                try:
                    piece = next(self._native)
                except StopIteration:
                    break
                except Exception as e:
                    raise _failure(self.req, e) from e
                self.pieces.append(piece)
                yield piece
        finally:
            self.close()

    def close(self) -> None:
        native, self._native = self._native, None
        if native is not None and hasattr(native, "close"):
            native.close()

    def usage(self) -> dict[str, int]:
        assert self.req.bundle is not None and self.req.function is not None
        bundle = self.req.bundle
        prompt = bundle.count_tokens([m["content"] for m in self.req.messages])
        text = "".join(self.pieces)
        if bundle.tokenizer_path is not None or not self.req.function.stream:
            completion = bundle.count_tokens([text]) if text else 0
        else:
            completion = len(self.pieces)
        return {"prompt_tokens": prompt, "completion_tokens": completion,
                "total_tokens": prompt + completion}

    def finish_reason(self, usage: Mapping[str, int]) -> str:
        assert self.req.bundle is not None and self.req.function is not None
        limit = self.req.options.get("max_tokens")
        if limit is None and "max_tokens" in self.req.function.options:
            spec = self.req.bundle.library.manifest["functions"]
            params = next(f["params"] for f in spec if f["name"] == self.req.function.name)
            limit = next((p.get("default") for p in params if p["name"] == "max_tokens"), None)
        if isinstance(limit, int) and usage["completion_tokens"] >= limit:
            return "length"
        return "stop"


def _ids() -> tuple[str, int]:
    return f"chatcmpl-{uuid.uuid4().hex}", int(time.time())


def local_completion(req: ChatRequest) -> ChatCompletion:
    """The whole answer of a local chat function as a ``ChatCompletion``."""
    answer = LocalAnswer(req)
    text = "".join(answer)
    usage = answer.usage()
    cid, created = _ids()
    return _openai_chat().ChatCompletion.model_validate({
        "id": cid, "object": "chat.completion", "created": created, "model": req.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                     "finish_reason": answer.finish_reason(usage), "logprobs": None}],
        "usage": usage,
    })


def _chunk(cid: str, created: int, model: str, delta: dict[str, Any],
           finish: str | None = None, usage: dict[str, int] | None = None,
           choices: bool = True) -> ChatCompletionChunk:
    body: dict[str, Any] = {
        "id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
        if choices else [],
    }
    if usage is not None:
        body["usage"] = usage
    return _openai_chat().ChatCompletionChunk.model_validate(body)


class LocalStream:
    """A local chat function's answer as ``ChatCompletionChunk``s: the role,
    one chunk per piece, the finish reason, then (with ``include_usage``) a
    chunk with no choices and the usage. Closing it (or leaving a ``for``
    loop over it, which closes it when it is collected) stops the compiled
    generator."""

    def __init__(self, req: ChatRequest) -> None:
        self.req = req
        self.answer = LocalAnswer(req)  # fails here on a refused request
        self._chunks = self._make()

    def _make(self) -> Generator[ChatCompletionChunk, None, None]:
        cid, created = _ids()
        model = self.req.model
        try:
            yield _chunk(cid, created, model, {"role": "assistant", "content": ""})
            for piece in self.answer:
                yield _chunk(cid, created, model, {"content": piece})
            usage = self.answer.usage()
            yield _chunk(cid, created, model, {}, self.answer.finish_reason(usage))
            if self.req.include_usage:
                yield _chunk(cid, created, model, {}, usage=usage, choices=False)
        finally:
            self.answer.close()

    def __iter__(self) -> Iterator[ChatCompletionChunk]:
        return self

    def __next__(self) -> ChatCompletionChunk:
        return next(self._chunks)

    def close(self) -> None:
        self._chunks.close()
        self.answer.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- the remote route (litellm)

def remote_kwargs(core: _Core, req: ChatRequest, overrides: dict[str, Any]) -> dict[str, Any]:
    client = _errors()
    kwargs = dict(core.settings)
    kwargs.update({k: v for k, v in overrides.items() if v is not None})
    client._check_routable(core._litellm, req.model, kwargs, core.model_ids())
    kwargs.update(req.options)
    out = {"model": req.model, "messages": req.messages, "stream": req.stream, **kwargs}
    if req.include_usage:
        out["stream_options"] = {"include_usage": True}
    return out


def _remote_failure(req: ChatRequest, e: Exception) -> Exception:
    client = _errors()
    openai_errors = client._openai
    if openai_errors is not None and isinstance(e, openai_errors.OpenAIError):
        return e
    return client.InternalServerError(f"model {req.model!r}: litellm failed: "
                                      f"{type(e).__name__}: {e}")


def _dump(obj: Any) -> Any:
    return obj.model_dump() if hasattr(obj, "model_dump") else obj


def from_remote(req: ChatRequest, resp: Any) -> ChatCompletion:
    try:
        return _openai_chat().ChatCompletion.model_validate(_dump(resp))
    except Exception as e:
        raise _errors().InternalServerError(f"model {req.model!r}: the provider's response "
                                            f"is not a chat completion: {e}") from e


def chunk_from_remote(req: ChatRequest, chunk: Any) -> ChatCompletionChunk:
    try:
        return _openai_chat().ChatCompletionChunk.model_validate(_dump(chunk))
    except Exception as e:
        raise _errors().InternalServerError(f"model {req.model!r}: the provider's stream "
                                            f"sent something else than a chunk: {e}") from e


def remote_completion(core: _Core, req: ChatRequest, overrides: dict[str, Any]
                      ) -> ChatCompletion | Iterator[ChatCompletionChunk]:
    litellm = core.litellm(req)  # type: ignore[arg-type]
    kwargs = remote_kwargs(core, req, overrides)
    try:
        resp = litellm.completion(**kwargs)
    except Exception as e:
        raise _remote_failure(req, e) from e
    if not req.stream:
        return from_remote(req, resp)
    return (chunk_from_remote(req, c) for c in resp)
