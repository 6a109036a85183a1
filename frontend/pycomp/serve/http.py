"""The HTTP side of `pycomp serve`: options, the guard in front of the routes,
metrics, access logs and a connection protocol with a header timeout.

``Guard`` is a plain ASGI middleware that every request passes before a
route sees it, in this order: the API key (every route but ``/health``), the
concurrent-request limit (429 with ``Retry-After``), the body (its declared
size checked before a byte is read, then read with a size cap and a time
limit: 413, 408), then the route under the per-request timeout (504). It
keeps the Prometheus metrics and writes one JSON access-log line per
request. A client that goes away is logged in one line.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from pycomp.serve.batching import BatchPolicy

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ENV_API_KEY = "PYCOMP_API_KEY"
ACCESS_LOG = logging.getLogger("pycomp.access")
LOG = logging.getLogger("pycomp.serve")

# The routes metrics are labelled by (anything else is "other").
ROUTES = ("/v1/embeddings", "/v1/rerank", "/v1/classify", "/v1/chat/completions", "/v1/models",
          "/health", "/metrics")


@dataclass(frozen=True)
class ServerOptions:
    """What `pycomp serve` enforces; docs/serve.md lists each option."""

    api_key: str | None = None
    """Bearer key every route but ``/health`` requires (None: no auth)."""
    max_body_bytes: int = 8 * 1024 * 1024
    max_inputs: int = 2048
    """Inputs (texts, documents) per request."""
    max_input_chars: int = 32768
    """Characters per input (and per rerank query)."""
    max_concurrency: int = 64
    """Requests served at once; more are answered 429."""
    timeout: float = 60.0
    """Seconds a request may take once its body is read (504 after)."""
    header_timeout: float = 10.0
    """Seconds a connection may take to send a request's headers."""
    body_timeout: float = 30.0
    """Seconds a request may take to send its body (408 after)."""
    retry_after: int = 1
    batch: BatchPolicy = field(default_factory=BatchPolicy)


def error_body(message: str, type: str = "invalid_request_error", param: str | None = None,
               code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


async def send_json(send: Send, status: int, body: Any,
                    headers: list[tuple[bytes, bytes]] | None = None) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": data})


class Metrics:
    """The server's Prometheus metrics, in a registry of its own."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("pycomp_requests", "HTTP requests answered",
                                ["route", "status"], registry=r)
        self.errors = Counter("pycomp_request_errors", "HTTP requests answered 4xx or 5xx",
                              ["route", "status"], registry=r)
        self.latency = Histogram("pycomp_request_duration_seconds",
                                 "Time from a request's arrival to its answer", ["route"],
                                 registry=r, buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5,
                                                      5, 10, 30, 60))
        self.in_flight = Gauge("pycomp_requests_in_flight", "Requests being served",
                               registry=r)
        self.batch_size = Histogram("pycomp_batch_size", "Inputs per compiled call",
                                    ["model"], registry=r,
                                    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048))
        self.queue_depth = Gauge("pycomp_queue_depth", "Inputs waiting for a batch",
                                 ["model"], registry=r)
        self.tokens = Counter("pycomp_tokens", "Tokens of the inputs served", ["model"],
                              registry=r)
        self.chat_generations = Gauge("pycomp_chat_generations",
                                      "Chat answers being generated", ["model"], registry=r)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _route(path: str) -> str:
    for r in ROUTES:
        if path == r or path == r.removeprefix("/v1") or path.startswith(r + "/"):
            return r
    return "other"


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return bytes(v).decode("latin-1")
    return None


class _Refused(Exception):
    def __init__(self, status: int, body: dict[str, Any],
                 headers: list[tuple[bytes, bytes]] | None = None) -> None:
        self.status, self.body, self.headers = status, body, headers or []


class _Gone(Exception):
    """The client disconnected."""


class Guard:
    """The ASGI middleware in front of the routes (module docstring)."""

    def __init__(self, app: ASGIApp, options: ServerOptions, metrics: Metrics) -> None:
        self.app = app
        self.options = options
        self.metrics = metrics
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.monotonic()
        route = _route(scope["path"])
        info: dict[str, Any] = {"status": 0, "bytes_in": 0}
        scope.setdefault("state", {})["pycomp"] = info

        async def tracked_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                info["status"] = message["status"]
            await send(message)

        counted = False
        try:
            self._authorize(scope)
            if self.in_flight >= self.options.max_concurrency:
                raise _Refused(429, error_body(
                    f"too many concurrent requests (at most {self.options.max_concurrency}); "
                    "retry later", type="rate_limit_error", code="rate_limit_exceeded"),
                    [(b"retry-after", str(self.options.retry_after).encode())])
            self.in_flight += 1
            self.metrics.in_flight.inc()
            counted = True
            body = await self._read_body(scope, receive)
            info["bytes_in"] = len(body)
            replay = _replay(body, receive)
            try:
                await asyncio.wait_for(self.app(scope, replay, tracked_send),
                                       self.options.timeout)
            except asyncio.TimeoutError:
                if info["status"]:
                    raise _Gone() from None  # half-sent: nothing else to do
                raise _Refused(504, error_body(
                    f"the request took longer than {self.options.timeout:g} s",
                    type="timeout_error", code="timeout")) from None
        except _Refused as r:
            try:
                await send_json(tracked_send, r.status, r.body, r.headers)
            except OSError:
                info["status"] = info["status"] or 499
        except (_Gone, OSError):
            info["status"] = 499  # nginx's "client closed request"
            LOG.info("client %s went away during %s %s", _client(scope), scope["method"],
                     scope["path"])
        finally:
            if counted:
                self.in_flight -= 1
                self.metrics.in_flight.dec()
            self._record(scope, route, info, time.monotonic() - start)

    def _authorize(self, scope: Scope) -> None:
        key = self.options.api_key
        if not key or scope["path"] == "/health":
            return
        auth = _header(scope, b"authorization") or ""
        scheme, _, given = auth.partition(" ")
        if not auth:
            raise _Refused(401, error_body(
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                code="missing_api_key"), [(b"www-authenticate", b"Bearer")])
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                  key.encode()):
            raise _Refused(401, error_body("Incorrect API key provided.",
                                           code="invalid_api_key"),
                           [(b"www-authenticate", b"Bearer")])

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        limit = self.options.max_body_bytes
        too_big = _Refused(413, error_body(
            f"the request body is larger than {limit} bytes", code="request_too_large"),
            [(b"connection", b"close")])
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    raise too_big
            except ValueError:
                raise _Refused(400, error_body("invalid Content-Length header")) from None
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.options.body_timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                raise _Refused(408, error_body(
                    f"the request body did not arrive within {self.options.body_timeout:g} s",
                    code="request_timeout"), [(b"connection", b"close")]) from None
            if message["type"] == "http.disconnect":
                raise _Gone()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_big
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _record(self, scope: Scope, route: str, info: dict[str, Any], seconds: float) -> None:
        status = str(info["status"] or 500)
        self.metrics.requests.labels(route, status).inc()
        if int(status) >= 400:
            self.metrics.errors.labels(route, status).inc()
        self.metrics.latency.labels(route).observe(seconds)
        if ACCESS_LOG.isEnabledFor(logging.INFO):
            entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
                     "client": _client(scope), "method": scope["method"],
                     "path": scope["path"], "status": int(status),
                     "duration_ms": round(seconds * 1000, 2), "bytes_in": info["bytes_in"]}
            for key in ("model", "inputs", "tokens", "error"):
                if key in info:
                    entry[key] = info[key]
            ACCESS_LOG.info(json.dumps(entry))


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "-"


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the read body once, then waits for the disconnect."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def protocol_class(header_timeout: float) -> type:
    """uvicorn's h11 protocol closing connections that take longer than
    ``header_timeout`` seconds to send a request's headers (uvicorn has no
    such timeout: a client trickling headers, or connecting and sending
    nothing, would hold its connection for ever)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutH11Protocol(H11Protocol):
        _pc_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._pc_arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._pc_arm()
            else:
                self._pc_cancel()

        def connection_lost(self, exc: Exception | None) -> None:
            self._pc_cancel()
            super().connection_lost(exc)

        def _pc_arm(self) -> None:
            if self._pc_timer is None:
                self._pc_timer = self.loop.call_later(header_timeout, self._pc_expire)

        def _pc_cancel(self) -> None:
            if self._pc_timer is not None:
                self._pc_timer.cancel()
                self._pc_timer = None

        def _pc_expire(self) -> None:
            self._pc_timer = None
            waiting = self.conn.their_state is h11.IDLE and (
                self.cycle is None or self.cycle.response_complete)
            if waiting and not self.transport.is_closing():
                LOG.info("closing %s: no complete request headers within %g s",
                         f"{self.client[0]}:{self.client[1]}" if self.client else "-",
                         header_timeout)
                self.transport.close()

    return HeaderTimeoutH11Protocol


def api_key_from_env(given: str | None) -> str | None:
    return given if given is not None else (os.environ.get(ENV_API_KEY) or None)
