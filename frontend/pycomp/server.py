"""`pycomp serve`: compiled bundles behind an OpenAI-compatible HTTP API.

    $ pycomp serve bundles/minilm --port 8000
    >>> from openai import OpenAI
    >>> OpenAI(base_url="http://127.0.0.1:8000/v1", api_key="unused").embeddings.create(
    ...     model="minilm", input=["first text", "second text"])

Routes: ``POST /v1/embeddings``, ``GET /v1/models``, ``GET /v1/models/{id}``
(also without the ``/v1`` prefix) and ``GET /health``. A Starlette app served
by uvicorn; each request's compiled call runs in the threadpool (the call
releases the GIL, so requests run in parallel). Errors answer 4xx/5xx with
OpenAI's body ``{"error": {"message", "type", "param", "code"}}``. The server
serves local bundles only: it never forwards a request to another provider.

Starlette and uvicorn are imported when an app is made, so ``pycomp serve
--help`` works without them (``pip install 'pycomp[serve]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse

    from pycomp.client import Client, ModelsSpec

__all__ = ["create_app", "register", "serve"]

# The body fields of POST /v1/embeddings (OpenAI's, all of them).
FIELDS = ("model", "input", "encoding_format", "dimensions", "user")


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


def create_app(models: ModelsSpec | Client | None = None) -> Starlette:
    """The ASGI app serving ``models`` (as ``pycomp.Client`` takes them, or a
    ``Client``; ``None`` reads ``PYCOMP_MODELS``)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from pycomp.client import APIError, Client

    client = models if isinstance(models, Client) else Client(models, remote=False)

    async def embeddings(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as e:
            return _error(400, f"We could not parse the JSON body of your request: {e}. The "
                          "body must be a JSON object.")
        if not isinstance(body, dict):
            return _error(400, "The request body must be a JSON object, not "
                          f"{type(body).__name__}")
        for key in body:
            if key not in FIELDS:
                return _error(400, f"Unrecognized request argument supplied: {key}", param=key)
        for key, article in (("model", "a"), ("input", "an")):
            if key not in body:
                return _error(400, f"you must provide {article} {key} parameter", param=key)
        try:
            resp = await run_in_threadpool(
                client.embeddings.create, model=body["model"], input=body["input"],
                encoding_format=body.get("encoding_format"), dimensions=body.get("dimensions"),
                user=body.get("user"))
        except APIError as e:
            return _api_error(e)
        try:
            return JSONResponse(resp.model_dump())
        except ValueError:  # JSON has no NaN or infinity
            return _error(500, f"model {body['model']!r} returned values that JSON cannot "
                          "carry (NaN or infinity); encoding_format='base64' carries them",
                          type="server_error", code="non_finite_values")

    async def list_models(request: Request) -> Response:
        return JSONResponse(client.models.list().model_dump())

    async def get_model(request: Request) -> Response:
        try:
            return JSONResponse(client.models.retrieve(request.path_params["model"]).model_dump())
        except APIError as e:
            return _api_error(e)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "models": len(client.models.list().data)})

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
        routes += [Route(f"{prefix}/embeddings", embeddings, methods=["POST"]),
                   Route(f"{prefix}/models", list_models, methods=["GET"]),
                   Route(f"{prefix}/models/{{model:path}}", get_model, methods=["GET"])]
    routes.append(Route("/health", health, methods=["GET"]))
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error,
                                                       Exception: server_error})
    app.state.client = client
    return app


def serve(models: ModelsSpec | Client | None = None, *, host: str = "127.0.0.1",
          port: int = 8000, log_level: str = "info") -> None:
    """Serve ``models`` with uvicorn until interrupted."""
    import uvicorn

    app = create_app(models)
    ids = ", ".join(m.id for m in app.state.client.models.list().data) or "none"
    print(f"pycomp serve: models {ids} at http://{host}:{port}/v1", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


# ----------------------------------------------------------- the subcommand


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as e:
        print(f"error: pycomp serve needs starlette and uvicorn ({e}); "
              "pip install 'pycomp[serve]'", file=sys.stderr)
        return 1
    from pycomp.load import BundleError

    models: Any = args.bundles or None
    try:
        app = create_app(models)
    except (OSError, ValueError, BundleError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if not app.state.client.models.list().data:
        print("error: no embedding model to serve: give bundle folders (or set "
              "PYCOMP_MODELS); an embedding function takes one list[str] and returns a 2-D "
              "float32 array", file=sys.stderr)
        return 1
    serve(app.state.client, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(sub: Any) -> None:
    """Add ``serve`` to the ``pycomp`` command's subparsers."""
    p = sub.add_parser("serve", help="serve bundles over an OpenAI-compatible embeddings API",
                       description="Serve the embedding functions of compiled bundles at "
                       "POST /v1/embeddings and GET /v1/models (OpenAI's API).")
    p.add_argument("bundles", nargs="*", metavar="BUNDLE",
                   help="a bundle folder, a folder of bundles, or NAME=FOLDER; default: "
                   "PYCOMP_MODELS")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug", "trace"])
    p.set_defaults(func=cmd_serve)
