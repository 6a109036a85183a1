"""`pycomp serve`: compiled bundles behind an OpenAI-compatible HTTP API.

    $ pycomp serve bundles/minilm --port 8000
    >>> from openai import OpenAI
    >>> OpenAI(base_url="http://127.0.0.1:8000/v1", api_key="unused").embeddings.create(
    ...     model="minilm", input=["first text", "second text"])

Routes: ``POST /v1/embeddings``, ``POST /v1/rerank``, ``POST /v1/classify``,
``POST /v1/chat/completions`` (JSON, or server-sent events with ``stream``),
``GET /v1/models``, ``GET /v1/models/{id}`` (also without the ``/v1``
prefix), ``GET /health`` and ``GET /metrics`` (Prometheus). A Starlette app
behind ``pycomp.serve.http.Guard`` (API key, limits, timeouts, metrics,
access log), served by uvicorn. Embedding and classification calls go
through a per-model dynamic batcher (``pycomp.serve.batching``); compiled
calls run in worker threads and release the GIL. Errors answer 4xx/5xx with
OpenAI's body ``{"error": {"message", "type", "param", "code"}}``. The server
serves local bundles only: it never forwards a request to another provider.
docs/serve.md lists every route, option and status.

Starlette and uvicorn are imported when an app is made, so ``pycomp serve
--help`` works without them (``pip install 'pycomp[serve]'``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from pycomp.serve.batching import BatchPolicy
from pycomp.serve.http import ServerOptions, api_key_from_env

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse

    from pycomp.client import Client, ModelsSpec

__all__ = ["ServerOptions", "create_app", "register", "serve"]

# The body fields of each POST route (OpenAI's for embeddings; Cohere's and
# Jina's for rerank).
FIELDS = {
    "embeddings": ("model", "input", "encoding_format", "dimensions", "user"),
    "rerank": ("model", "query", "documents", "top_n", "return_documents", "user"),
    "classify": ("model", "input", "user"),
    "chat": ("model", "messages", "stream", "stream_options", "max_tokens",
             "max_completion_tokens", "temperature", "top_p", "stop", "seed", "n", "user"),
}
REQUIRED = {"embeddings": ("model", "input"), "rerank": ("model", "query", "documents"),
            "classify": ("model", "input"), "chat": ("model", "messages")}


def _error(status: int, message: str, *, type: str = "invalid_request_error",
           param: str | None = None, code: str | None = None) -> JSONResponse:
    from starlette.responses import JSONResponse

    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return JSONResponse(body, status_code=status)


def _api_error(e: Exception) -> JSONResponse:
    """An OpenAI-shaped exception (pycomp's or openai's) as its HTTP answer."""
    from starlette.responses import JSONResponse

    status = getattr(e, "status_code", 500)
    body = getattr(e, "body", None)
    if not isinstance(body, dict) or "message" not in body:
        body = {"message": str(e), "type": "server_error", "param": None, "code": None}
    return JSONResponse({"error": body}, status_code=status if isinstance(status, int) else 500)


class _Answer(Exception):
    """A response decided while checking a request."""

    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def create_app(models: ModelsSpec | Client | None = None,
               options: ServerOptions | None = None) -> Starlette:
    """The ASGI app serving ``models`` (as ``pycomp.Client`` takes them, or a
    ``Client``; ``None`` reads ``PYCOMP_MODELS``) under ``options``."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.responses import JSONResponse, Response, StreamingResponse
    from starlette.routing import Route

    from pycomp.client import (
        APIError,
        Client,
        NotFoundError,
        _classify_response,
        _Request,
        _response,
    )
    from pycomp.serve.batching import Batcher
    from pycomp.serve.http import Guard, Metrics

    opts = options or ServerOptions()
    client = models if isinstance(models, Client) else Client(models, remote=False)
    core = client._core
    metrics = Metrics()
    batcher = Batcher(core, opts.batch,
                      on_batch=lambda m, n: metrics.batch_size.labels(m).observe(n),
                      on_depth=lambda m, n: metrics.queue_depth.labels(m).inc(n))

    async def read(request: Request, route: str) -> dict[str, Any]:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as e:
            raise _Answer(_error(400, f"We could not parse the JSON body of your request: {e}. "
                                 "The body must be a JSON object.")) from e
        except RecursionError as e:
            raise _Answer(_error(400, "We could not parse the JSON body of your request: it "
                                 "is nested too deeply.")) from e
        if not isinstance(body, dict):
            raise _Answer(_error(400, "The request body must be a JSON object, not "
                                 f"{type(body).__name__}"))
        for key in body:
            if key not in FIELDS[route]:
                raise _Answer(_error(400, f"Unrecognized request argument supplied: {key}",
                                     param=key))
        for key in REQUIRED[route]:
            if key not in body:
                article = "an" if key[0] in "aeiou" else "a"
                raise _Answer(_error(400, f"you must provide {article} {key} parameter",
                                     param=key))
        request.scope["state"].get("pycomp", {})["model"] = body.get("model")
        return body

    def check_limits(value: Any, param: str) -> None:
        """413 for more inputs, or longer ones, than the options allow."""
        items = value if isinstance(value, list) else [value]
        if len(items) > opts.max_inputs:
            raise _Answer(_error(413, f"'{param}' holds {len(items)} items; at most "
                                 f"{opts.max_inputs} are allowed per request", param=param,
                                 code="too_many_inputs"))
        for i, item in enumerate(items):
            text = item.get("text") if isinstance(item, dict) else item
            if isinstance(text, str) and len(text) > opts.max_input_chars:
                where = f"'{param}[{i}]'" if isinstance(value, list) else f"'{param}'"
                raise _Answer(_error(413, f"{where} has {len(text)} characters; at most "
                                     f"{opts.max_input_chars} are allowed per input",
                                     param=param, code="input_too_long"))

    async def run_batched(request: Request, req: _Request) -> tuple[Any, int]:
        lengths = await run_in_threadpool(core.token_lengths, req)
        tokens = sum(lengths)
        info = request.scope["state"].get("pycomp", {})
        info.update(inputs=len(req.texts), tokens=tokens)
        assert req.bundle is not None
        metrics.tokens.labels(req.bundle.name).inc(tokens)
        return await batcher.submit(req, tokens, max(lengths)), tokens

    def answer(data: dict[str, Any], model: str) -> Response:
        try:
            return JSONResponse(data)
        except ValueError:  # JSON has no NaN or infinity
            return _error(500, f"model {model!r} returned values that JSON cannot carry (NaN "
                          "or infinity); encoding_format='base64' carries them",
                          type="server_error", code="non_finite_values")

    def handler(route: str, body_to_response: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            try:
                body = await read(request, route)
                return await body_to_response(request, body)
            except _Answer as a:
                return a.response
            except APIError as e:
                request.scope["state"].get("pycomp", {})["error"] = e.code or e.type
                return _api_error(e)
        return endpoint

    async def embeddings(request: Request, body: dict[str, Any]) -> Response:
        check_limits(body["input"], "input")
        req = core.prepare(body["model"], body["input"], body.get("encoding_format"),
                           body.get("dimensions"))
        if req.bundle is None:
            core.not_local(req, "this server serves local bundles only")
        rows, tokens = await run_batched(request, req)
        return answer(_response(req, rows, tokens).model_dump(), req.model)

    async def classify(request: Request, body: dict[str, Any]) -> Response:
        check_limits(body["input"], "input")
        req = core.prepare_classify(body["model"], body["input"])
        rows, tokens = await run_batched(request, req)
        return answer(_classify_response(req, rows, tokens).model_dump(), req.model)

    async def rerank(request: Request, body: dict[str, Any]) -> Response:
        check_limits(body["query"], "query")
        check_limits(body["documents"], "documents")
        req = core.prepare_rerank(body["model"], body["query"], body["documents"],
                                  body.get("top_n"), body.get("return_documents"))
        if req.bundle is None:
            core.not_local(req, "this server serves local bundles only")
        resp = await run_in_threadpool(core.run_rerank, req)
        assert req.bundle is not None
        request.scope["state"].get("pycomp", {}).update(inputs=len(req.texts),
                                                        tokens=resp.usage.total_tokens)
        metrics.tokens.labels(req.bundle.name).inc(resp.usage.total_tokens)
        return answer(resp.model_dump(), req.model)

    async def chat_completions(request: Request, body: dict[str, Any]) -> Response:
        from pycomp.serve import chat

        messages = body["messages"]
        if isinstance(messages, list):
            check_limits([m.get("content") if isinstance(m, dict) else m for m in messages],
                         "messages")
        req = chat.prepare_chat(core, body["model"], messages, stream=body.get("stream"),
                                stream_options=body.get("stream_options"),
                                max_tokens=body.get("max_tokens"),
                                max_completion_tokens=body.get("max_completion_tokens"),
                                temperature=body.get("temperature"), top_p=body.get("top_p"),
                                stop=body.get("stop"), seed=body.get("seed"), n=body.get("n"))
        if req.bundle is None:
            raise NotFoundError(f"The model {req.model!r} does not exist (local models: "
                                f"{', '.join(core.model_ids()) or 'none'}); this server "
                                "serves local bundles only", param="model",
                                code="model_not_found")
        request.scope["state"].get("pycomp", {})["inputs"] = len(req.messages)
        generations = metrics.chat_generations.labels(req.bundle.name)
        generations.inc()
        if not req.stream:
            try:
                resp = await run_in_threadpool(chat.local_completion, req)
            finally:
                generations.dec()
            return JSONResponse(resp.model_dump(exclude_unset=True))
        # The first piece is computed before the answer starts, so a refused
        # request still gets its status; then server-sent events.
        try:
            stream = await run_in_threadpool(chat.LocalStream, req)
        except BaseException:
            generations.dec()
            raise
        return StreamingResponse(_sse(stream, generations.dec),
                                 media_type="text/event-stream",
                                 headers={"cache-control": "no-cache"})

    async def list_models(request: Request) -> Response:
        return JSONResponse(client.models.list().model_dump())

    async def get_model(request: Request) -> Response:
        try:
            return JSONResponse(client.models.retrieve(request.path_params["model"]).model_dump())
        except APIError as e:
            return _api_error(e)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "models": len(client.models.list().data)})

    async def metrics_route(request: Request) -> Response:
        data, content_type = metrics.render()
        return Response(data, media_type=content_type)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        if status == 404:
            return _error(404, f"Invalid URL ({request.method} {request.url.path})",
                          code="unknown_url")
        if status == 405:
            resp = _error(405, f"Method {request.method} is not allowed for "
                          f"{request.url.path}", code="method_not_allowed")
            resp.headers.update(getattr(exc, "headers", None) or {})
            return resp
        return _error(status, str(getattr(exc, "detail", exc)))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(500, f"internal error: {type(exc).__name__}: {exc}", type="server_error")

    routes = []
    for prefix in ("/v1", ""):
        routes += [
            Route(f"{prefix}/embeddings", handler("embeddings", embeddings), methods=["POST"]),
            Route(f"{prefix}/rerank", handler("rerank", rerank), methods=["POST"]),
            Route(f"{prefix}/classify", handler("classify", classify), methods=["POST"]),
            Route(f"{prefix}/chat/completions", handler("chat", chat_completions),
                  methods=["POST"]),
            Route(f"{prefix}/models", list_models, methods=["GET"]),
            Route(f"{prefix}/models/{{model:path}}", get_model, methods=["GET"])]
    routes += [Route("/health", health, methods=["GET"]),
               Route("/metrics", metrics_route, methods=["GET"])]
    app = Starlette(routes=routes,
                    middleware=[Middleware(Guard, options=opts, metrics=metrics)],
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.client = client
    app.state.options = opts
    app.state.metrics = metrics
    return app


async def _sse(stream: Any, closed: Callable[[], None]) -> AsyncIterator[str]:
    """A chat stream as server-sent events, ending with `data: [DONE]`. Each
    chunk is made in a worker thread; when the client goes away (the task is
    cancelled), the stream is closed, which closes the compiled generator, once
    the chunk being made is done; then `closed()` is called."""
    import anyio
    from starlette.concurrency import run_in_threadpool

    lock = threading.Lock()

    def pull() -> Any:
        with lock:
            return next(stream, None)

    def close() -> None:
        with lock:
            stream.close()

    try:
        while (chunk := await run_in_threadpool(pull)) is not None:
            yield f"data: {json.dumps(chunk.model_dump(exclude_unset=True))}\n\n"
        yield "data: [DONE]\n\n"
    except Exception as e:  # noqa: BLE001 - once streaming, an error can only be an event
        body = getattr(e, "body", None) or {"message": f"{type(e).__name__}: {e}",
                                             "type": "server_error", "param": None,
                                             "code": None}
        yield f"data: {json.dumps({'error': body})}\n\n"
    finally:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(close)
        closed()


def serve(models: ModelsSpec | Client | None = None, *, host: str = "127.0.0.1",
          port: int = 8000, log_level: str = "info", options: ServerOptions | None = None,
          access_log: bool = True, graceful_timeout: int = 30) -> None:
    """Serve ``models`` with uvicorn until SIGINT or SIGTERM; requests in
    flight then finish (for up to ``graceful_timeout`` seconds)."""
    import uvicorn

    from pycomp.serve.http import ACCESS_LOG, protocol_class

    opts = options or ServerOptions()
    app = create_app(models, opts)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for logger in (ACCESS_LOG, logging.getLogger("pycomp.serve")):
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    ACCESS_LOG.disabled = not access_log
    ids = ", ".join(m.id for m in app.state.client.models.list().data) or "none"
    auth = "with an API key" if opts.api_key else "without an API key"
    print(f"pycomp serve: models {ids} at http://{host}:{port}/v1 ({auth})", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False,
                http=protocol_class(opts.header_timeout),
                timeout_graceful_shutdown=graceful_timeout)


# ----------------------------------------------------------- the subcommand


def options_from_args(args: argparse.Namespace) -> ServerOptions:
    return ServerOptions(
        api_key=api_key_from_env(args.api_key), max_body_bytes=args.max_body_bytes,
        max_inputs=args.max_inputs, max_input_chars=args.max_input_chars,
        max_concurrency=args.max_concurrency, timeout=args.timeout,
        header_timeout=args.header_timeout, body_timeout=args.body_timeout,
        batch=BatchPolicy(window=args.batch_window_ms / 1000, max_items=args.batch_max_items,
                          max_tokens=args.batch_max_tokens, workers=args.batch_workers))


def cmd_serve(args: argparse.Namespace) -> int:
    if args.native:
        from pycomp.serve.native import run_native

        return run_native(args)
    try:
        import prometheus_client  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as e:
        print(f"error: pycomp serve needs starlette, uvicorn and prometheus_client ({e}); "
              "pip install 'pycomp[serve]'", file=sys.stderr)
        return 1
    from pycomp.load import BundleError

    models: Any = args.bundles or None
    opts = options_from_args(args)
    try:
        app = create_app(models, opts)
    except (OSError, ValueError, BundleError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if not app.state.client.models.list().data:
        print("error: no model to serve: give bundle folders (or set PYCOMP_MODELS) with an "
              "embedding, rerank or classification function (docs/serve.md, \"Which functions "
              "are models\")", file=sys.stderr)
        return 1
    serve(app.state.client, host=args.host, port=args.port, log_level=args.log_level,
          options=opts, access_log=not args.no_access_log,
          graceful_timeout=args.graceful_timeout)
    return 0


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value
    parse.__name__ = kind.__name__
    return parse


def register(sub: Any) -> None:
    """Add ``serve`` to the ``pycomp`` command's subparsers."""
    d = ServerOptions()
    b = d.batch
    p = sub.add_parser("serve", help="serve bundles over an OpenAI-compatible API",
                       description="Serve the embedding, rerank and classification functions "
                       "of compiled bundles at POST /v1/embeddings, /v1/rerank, /v1/classify "
                       "and GET /v1/models (docs/serve.md).")
    p.add_argument("bundles", nargs="*", metavar="BUNDLE",
                   help="a bundle folder, a folder of bundles, or NAME=FOLDER; default: "
                   "PYCOMP_MODELS")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug", "trace"])
    p.add_argument("--api-key", default=None,
                   help="require 'Authorization: Bearer KEY' on every route but /health "
                   "(default: PYCOMP_API_KEY; unset, no key)")
    p.add_argument("--max-body-bytes", type=_positive(int), default=d.max_body_bytes,
                   help=f"largest request body (default {d.max_body_bytes}; 413 above)")
    p.add_argument("--max-inputs", type=_positive(int), default=d.max_inputs,
                   help=f"inputs or documents per request (default {d.max_inputs}; 413 above)")
    p.add_argument("--max-input-chars", type=_positive(int), default=d.max_input_chars,
                   help=f"characters per input (default {d.max_input_chars}; 413 above)")
    p.add_argument("--max-concurrency", type=_positive(int), default=d.max_concurrency,
                   help=f"requests served at once (default {d.max_concurrency}; 429 above)")
    p.add_argument("--timeout", type=_positive(float), default=d.timeout,
                   help=f"seconds per request once its body is read (default {d.timeout:g}; "
                   "504 after)")
    p.add_argument("--header-timeout", type=_positive(float), default=d.header_timeout,
                   help=f"seconds to send a request's headers (default {d.header_timeout:g}; "
                   "the connection is closed after)")
    p.add_argument("--body-timeout", type=_positive(float), default=d.body_timeout,
                   help=f"seconds to send a request's body (default {d.body_timeout:g}; 408 "
                   "after)")
    p.add_argument("--batch-window-ms", type=float, default=b.window * 1000,
                   help=f"ms a batch waits for more requests (default {b.window * 1000:g})")
    p.add_argument("--batch-max-items", type=_positive(int), default=b.max_items,
                   help=f"inputs per merged call (default {b.max_items})")
    p.add_argument("--batch-max-tokens", type=_positive(int), default=b.max_tokens,
                   help=f"tokens per merged call (default {b.max_tokens})")
    p.add_argument("--batch-workers", type=_positive(int), default=b.workers,
                   help=f"merged calls of one model at once (default {b.workers})")
    p.add_argument("--graceful-timeout", type=_positive(int), default=30,
                   help="seconds requests in flight may take to finish at shutdown "
                   "(default 30)")
    p.add_argument("--no-access-log", action="store_true",
                   help="no JSON access-log line per request on stderr")
    p.add_argument("--native", action="store_true",
                   help="run the bundle's native server (built by 'pycomp build --server') "
                   "with these options instead of the Python one")
    p.set_defaults(func=cmd_serve)




