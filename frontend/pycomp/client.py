"""OpenAI-style embeddings, reranking and classification from compiled bundles,
with other providers through litellm.

    >>> from pycomp import Client
    >>> client = Client(models={"minilm": "bundles/minilm"})
    >>> resp = client.embeddings.create(model="minilm", input=["first text", "second text"])
    >>> resp.data[0].embedding[:3]
    [0.0123..., ...]

The response has the shape of OpenAI's ``CreateEmbeddingResponse`` (and
validates as ``openai.types.CreateEmbeddingResponse``). A model is a compiled
function read from a bundle's manifest (``pycomp.serve.kinds``): an
*embedding function* takes one required ``list[str]`` parameter and returns a
2-D float32 array (one row per text); a *rerank function* takes a query and
documents and returns a score per document (``client.rerank.create``, shaped
as Cohere's and Jina's rerank answers); a *classification function* returns
each text's label scores (``client.classifications.create``). A model name that is no local bundle goes through ``litellm.embedding``
with the caller's provider settings (``"openai/text-embedding-3-small"``,
``api_base``, ``api_key``) and comes back as the same response type.

Errors are shaped like the ``openai`` package's: ``BadRequestError`` (400),
``NotFoundError`` (404), ``InternalServerError`` (500), each with
``status_code``, ``message`` and ``body`` (``{"message", "type", "param",
"code"}``). When ``openai`` is installed they are subclasses of its own
classes, so ``except openai.BadRequestError`` catches them.

See docs/client.md.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
import os
import sys
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import numpy as np

from pycomp.load import Library, load
from pycomp.serve.kinds import (
    DESCRIPTIONS,
    KINDS,
    PLURALS,
    Kind,
    ModelFunction,
    model_functions,
)

__all__ = [
    "ENV_MODELS",
    "MAX_INPUTS",
    "APIError",
    "AsyncClient",
    "BadRequestError",
    "Classification",
    "ClassificationLabel",
    "ClassificationResponse",
    "Client",
    "CreateEmbeddingResponse",
    "Embedding",
    "EmbeddingFunction",
    "InternalServerError",
    "Model",
    "ModelList",
    "NotFoundError",
    "RerankResponse",
    "RerankResult",
    "Usage",
    "embedding_functions",
    "find_bundles",
]

ENV_MODELS = "PYCOMP_MODELS"
"""Environment variable naming the local models when ``Client(models=None)``:
entries separated by ``os.pathsep``, each a bundle folder, a folder of bundles,
or ``NAME=BUNDLE``."""

MAX_INPUTS = 2048
"""The most texts one request may hold (OpenAI's limit)."""

OWNED_BY = "pycomp"
_ERROR_URL = "http://pycomp.invalid/v1/embeddings"  # the request an error names

# Bundles given as a path, a {name: bundle} mapping, or a list of paths.
StrPath: TypeAlias = "str | os.PathLike[str]"
ModelsSpec: TypeAlias = "StrPath | Mapping[str, StrPath | Library] | Sequence[StrPath]"


# ---------------------------------------------------------------- the errors

try:
    import openai as _openai
except ImportError:  # pragma: no cover - openai is optional
    _openai = None  # type: ignore[assignment]

if TYPE_CHECKING:
    _BadRequestBase = Exception
    _NotFoundBase = Exception
    _InternalBase = Exception
elif _openai is not None:
    _BadRequestBase = _openai.BadRequestError
    _NotFoundBase = _openai.NotFoundError
    _InternalBase = _openai.InternalServerError
else:  # pragma: no cover - openai is optional
    _BadRequestBase = _NotFoundBase = _InternalBase = Exception


def _openai_http() -> Any:
    """The HTTP module (httpx or httpx2) whose Request/Response openai's errors hold."""
    if _openai is None:
        return None
    module = sys.modules.get("openai._exceptions")
    for name in ("httpx2", "httpx"):
        http = getattr(module, name, None)
        if http is not None and hasattr(http, "Response") and hasattr(http, "Request"):
            return http
    return None


class APIError(Exception):
    """An OpenAI-shaped error: ``status_code``, ``message``, and ``body``, the
    ``{"message", "type", "param", "code"}`` object that an OpenAI-compatible
    server answers as ``{"error": body}``.

    With ``openai`` installed the concrete classes below derive from its
    classes too, and carry a synthetic ``request``/``response`` as its own do.
    """

    status_code: int = 500
    error_type: str = "server_error"
    message: str
    body: dict[str, Any]
    param: str | None
    type: str | None
    code: str | None

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None,
                 type: str | None = None) -> None:  # OpenAI's field name
        body: dict[str, Any] = {"message": message, "type": type or self.error_type,
                                "param": param, "code": code}
        http = _openai_http()
        if http is not None and _openai is not None and isinstance(self, _openai.APIStatusError):
            request = http.Request("POST", _ERROR_URL)
            response = http.Response(self.status_code, request=request, json={"error": body})
            cast(Any, super()).__init__(message, response=response, body=body)
        else:  # no openai, or one whose errors are built differently
            Exception.__init__(self, message)
            self.response: Any = None
            self.request: Any = None
        self.message = message
        self.body = body
        self.param = param
        self.type = body["type"]
        self.code = code

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The OpenAI error body: ``{"error": {"message", "type", "param", "code"}}``."""
        return {"error": dict(self.body)}


class BadRequestError(APIError, _BadRequestBase):
    """400: the request is malformed (empty input, wrong types, a parameter the model lacks)."""

    status_code = 400
    error_type = "invalid_request_error"


class NotFoundError(APIError, _NotFoundBase):
    """404: no such model (or no such function in a bundle)."""

    status_code = 404
    error_type = "invalid_request_error"


class InternalServerError(APIError, _InternalBase):
    """500: the compiled function failed (a missing asset, a wrong result)."""

    status_code = 500
    error_type = "server_error"


# ------------------------------------------------------------ response types


def _decode_base64(data: str) -> list[float]:
    return cast(list[float], np.frombuffer(base64.b64decode(data), dtype="<f4").tolist())


def _encode_base64(vector: Any) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


@dataclass
class Embedding:
    """One input's vector: a list of floats, or a base64 string of little-endian
    float32 when the request asked for ``encoding_format="base64"``."""

    embedding: list[float] | str
    index: int
    object: Literal["embedding"] = "embedding"

    def model_dump(self) -> dict[str, Any]:
        return {"object": self.object, "index": self.index, "embedding": self.embedding}

    def vector(self) -> list[float]:
        """The embedding as floats, decoding base64."""
        e = self.embedding
        return _decode_base64(e) if isinstance(e, str) else e


@dataclass
class Usage:
    """Tokens the request used (docs/client.md, "Token counts")."""

    prompt_tokens: int
    total_tokens: int

    def model_dump(self) -> dict[str, Any]:
        return {"prompt_tokens": self.prompt_tokens, "total_tokens": self.total_tokens}


class _Response:
    """JSON views shared by the top-level responses: each defines ``model_dump``."""

    def model_dump(self) -> dict[str, Any]:
        raise NotImplementedError

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump())

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()

    def to_json(self) -> str:
        return self.model_dump_json()


class _ListResponse(_Response):
    """``{"object": "list", "data": [...], "model", "usage"}``, in OpenAI's field order."""

    data: list[Any]
    model: str
    usage: Usage
    object: str

    def model_dump(self) -> dict[str, Any]:
        return {"object": self.object, "data": [d.model_dump() for d in self.data],
                "model": self.model, "usage": self.usage.model_dump()}


@dataclass
class CreateEmbeddingResponse(_ListResponse):
    """OpenAI's embeddings response: ``object`` "list", ``data``, ``model``, ``usage``."""

    data: list[Embedding]
    model: str
    usage: Usage
    object: Literal["list"] = "list"

    def to_numpy(self) -> np.ndarray:
        """The embeddings as one float32 array, one row per input."""
        rows = [d.vector() for d in sorted(self.data, key=lambda d: d.index)]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


@dataclass
class Model:
    """An entry of ``GET /v1/models``."""

    id: str
    created: int
    owned_by: str = OWNED_BY
    object: Literal["model"] = "model"

    def model_dump(self) -> dict[str, Any]:
        return {"id": self.id, "object": self.object, "created": self.created,
                "owned_by": self.owned_by}


@dataclass
class ModelList:
    data: list[Model]
    object: Literal["list"] = "list"

    def model_dump(self) -> dict[str, Any]:
        return {"object": self.object, "data": [m.model_dump() for m in self.data]}


@dataclass
class RerankResult:
    """One document's score: its ``index`` in the request, its
    ``relevance_score``, and (with ``return_documents``) ``{"text": ...}``."""

    index: int
    relevance_score: float
    document: dict[str, str] | None = None

    def model_dump(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "relevance_score": self.relevance_score}
        if self.document is not None:
            out["document"] = self.document
        return out


@dataclass
class RerankUsage:
    """Tokens of the query and the documents (docs/client.md, "Token counts")."""

    total_tokens: int

    def model_dump(self) -> dict[str, Any]:
        return {"total_tokens": self.total_tokens}


@dataclass
class RerankResponse(_Response):
    """A rerank answer as Cohere and Jina shape it: ``results`` sorted by
    ``relevance_score``, highest first (ties in document order), at most
    ``top_n`` of them."""

    id: str
    results: list[RerankResult]
    model: str
    usage: RerankUsage

    def model_dump(self) -> dict[str, Any]:
        return {"id": self.id, "model": self.model,
                "results": [r.model_dump() for r in self.results],
                "usage": self.usage.model_dump()}


@dataclass
class ClassificationLabel:
    label: str
    score: float

    def model_dump(self) -> dict[str, Any]:
        return {"label": self.label, "score": self.score}


@dataclass
class Classification:
    """One input's labels with their scores, highest first (ties in the
    function's label order)."""

    index: int
    labels: list[ClassificationLabel]
    object: Literal["classification"] = "classification"

    def model_dump(self) -> dict[str, Any]:
        return {"object": self.object, "index": self.index,
                "labels": [label.model_dump() for label in self.labels]}

    def scores(self) -> dict[str, float]:
        """``{label: score}``."""
        return {label.label: label.score for label in self.labels}


@dataclass
class ClassificationResponse(_ListResponse):
    """``{"object": "list", "data": [Classification], "model", "usage"}``."""

    data: list[Classification]
    model: str
    usage: Usage
    object: Literal["list"] = "list"


# ------------------------------------------------------------ local models


EmbeddingFunction = ModelFunction
"""A bundle function that serves as a model (``pycomp.serve.kinds``)."""


def embedding_functions(manifest: Mapping[str, Any]) -> list[ModelFunction]:
    """The manifest's embedding functions, in manifest order: one required
    ``list[str]`` parameter (every other has a default) and a float32 ndarray
    result of ndim 2 (or of unknown ndim)."""
    return model_functions(manifest, "embedding")


class _Bundle:
    """A loaded bundle as a set of models, with its token counter."""

    def __init__(self, name: str, library: Library) -> None:
        self.name = name
        self.library = library
        self.kinds: dict[Kind, dict[str, ModelFunction]] = {
            k: {f.name: f for f in model_functions(library.manifest, k)} for k in KINDS}
        self.functions = self.kinds["embedding"]
        tokenizer = Path(library.path) / "assets" / "tokenizer.json"
        self.tokenizer_path = tokenizer if tokenizer.is_file() else None
        self._tokenizer: Any = None
        self._tokenizer_loaded = False
        self._lock = threading.Lock()
        try:
            mtime = (Path(library.path) / "manifest.json").stat().st_mtime
        except OSError:
            mtime = 0.0
        self.created = int(mtime)

    def model_ids(self, kind: Kind | None = None) -> list[str]:
        """The names of the models, of ``kind`` or of every kind: the bundle's
        name for a kind it has one function of, ``bundle:function`` where it
        has several."""
        ids: list[str] = []
        for k in (kind,) if kind else KINDS:
            funcs = self.kinds[k]
            for m in [self.name] if len(funcs) == 1 else [f"{self.name}:{f}" for f in funcs]:
                if m not in ids:
                    ids.append(m)
        return ids

    def tokenizer(self) -> Any:
        """The bundle's tokenizer (``tokenizers.Tokenizer``), padding off; None
        without a tokenizer asset or the ``tokenizers`` package."""
        if self._tokenizer_loaded:
            return self._tokenizer
        with self._lock:
            if not self._tokenizer_loaded:
                tok = None
                if self.tokenizer_path is not None:
                    try:
                        from tokenizers import Tokenizer
                    except ImportError:
                        pass
                    else:
                        tok = Tokenizer.from_file(str(self.tokenizer_path))
                        tok.no_padding()
                self._tokenizer = tok
                self._tokenizer_loaded = True
        return self._tokenizer

    def token_lengths(self, texts: list[str]) -> list[int]:
        """Each text's token count (docs/client.md, "Token counts")."""
        tok = self.tokenizer()
        if tok is None:
            return [len(t.split()) for t in texts]
        return [sum(e.attention_mask) for e in tok.encode_batch(texts)]

    def count_tokens(self, texts: list[str]) -> int:
        return sum(self.token_lengths(texts))


def _count_words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _bundle_name(path: Path) -> str:
    return path.resolve().name if path.name in ("", ".", "..") else path.name


def _bundles_at(path: StrPath) -> dict[str, Path]:
    p = Path(path).expanduser()
    if (p / "manifest.json").is_file():
        return {_bundle_name(p): p}
    if p.is_dir():
        found = {sub.name: sub for sub in sorted(p.iterdir())
                 if sub.is_dir() and (sub / "manifest.json").is_file()}
        if not found:
            raise ValueError(f"{p} is no pycomp bundle and holds none (no manifest.json in it "
                             "or in its subfolders)")
        return found
    raise FileNotFoundError(f"no such bundle or folder of bundles: {p}")


def _entry(entry: StrPath) -> dict[str, Path]:
    """One entry of a list or of PYCOMP_MODELS: a path, or NAME=PATH."""
    text = os.fspath(entry)
    name, sep, path = text.partition("=")
    if sep and name and os.sep not in name and not Path(text).exists():
        if not (Path(path).expanduser() / "manifest.json").is_file():
            raise ValueError(f"{name}={path}: {path} is no pycomp bundle (no manifest.json)")
        return {name: Path(path).expanduser()}
    return _bundles_at(text)


def _merge(into: dict[str, Any], more: Mapping[str, Any]) -> None:
    for name, value in more.items():
        if name in into:
            raise ValueError(f"two bundles are named {name!r}: {into[name]} and {value}; name "
                             "them with a mapping or NAME=PATH")
        into[name] = value


def find_bundles(models: ModelsSpec | None = None) -> dict[str, Path | Library]:
    """The bundles a ``models`` argument names, by model name.

    ``models`` is a bundle folder, a folder of bundles (each subfolder with a
    ``manifest.json``), a list of these (or of ``NAME=PATH``), or a mapping
    from name to bundle folder or loaded ``Library``. A bundle given by path
    is named after its folder. ``None`` reads ``PYCOMP_MODELS``
    (``os.pathsep``-separated entries); unset, there are no local models.
    """
    found: dict[str, Path | Library] = {}
    if models is None:
        env = os.environ.get(ENV_MODELS, "")
        for entry in filter(None, (e.strip() for e in env.split(os.pathsep))):
            _merge(found, _entry(entry))
    elif isinstance(models, (str, os.PathLike)):
        _merge(found, _bundles_at(models))
    elif isinstance(models, Mapping):
        for name, value in models.items():
            if not isinstance(name, str) or not name:
                raise ValueError(f"a model name must be a non-empty string, not {name!r}")
            if isinstance(value, Library):
                _merge(found, {name: value})
            else:
                p = Path(value).expanduser()
                if not (p / "manifest.json").is_file():
                    raise FileNotFoundError(f"model {name!r}: {p} is no pycomp bundle "
                                            "(no manifest.json)")
                _merge(found, {name: p})
    else:
        for item in models:
            _merge(found, _entry(item))
    return found


# ------------------------------------------------------------------- litellm


def _import_litellm() -> Any:
    """litellm, or None. Its price map is read from the package, not fetched."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    try:
        return importlib.import_module("litellm")
    except ImportError:
        return None


# --------------------------------------------------------------- the core


@dataclass
class _Request:
    model: str
    texts: list[str]
    """The inputs; a rerank request's documents."""
    encoding_format: str = "float"
    dimensions: int | None = None
    bundle: _Bundle | None = None
    function: ModelFunction | None = None
    query: str = ""
    top_n: int | None = None
    return_documents: bool = True

    def kwargs(self) -> dict[str, Any]:
        """The compiled function's arguments."""
        assert self.function is not None
        out: dict[str, Any] = {self.function.param: self.texts}
        if self.function.query is not None:
            out[self.function.query] = self.query
        if self.dimensions is not None:
            out["dimensions"] = self.dimensions
        return out


def _texts(value: Any, param: str = "input", what: str = "a string or a list of strings"
           ) -> list[str]:
    if isinstance(value, str) and param == "input":
        texts = [value]
    elif isinstance(value, (list, tuple)):
        texts = list(value)
        if not texts:
            raise BadRequestError(f"'{param}' must not be empty: give {what}", param=param)
        if len(texts) > MAX_INPUTS:
            raise BadRequestError(f"'{param}' holds {len(texts)} items; at most {MAX_INPUTS} "
                                  "are allowed per request", param=param)
        for i, t in enumerate(texts):
            if isinstance(t, str):
                continue
            if param == "documents" and isinstance(t, Mapping) \
                    and isinstance(t.get("text"), str):
                texts[i] = t["text"]  # Cohere's {"text": ...} documents
                continue
            if isinstance(t, (int, list)) and param == "input":
                raise BadRequestError(f"'input[{i}]' is a token array; pycomp models take "
                                      "text: give a string or a list of strings",
                                      param="input")
            raise BadRequestError(f"'{param}[{i}]' must be a string, not "
                                  f"{type(t).__name__}", param=param)
    else:
        raise BadRequestError(f"'{param}' must be {what}, not {type(value).__name__}",
                              param=param)
    for i, t in enumerate(texts):
        if not t:
            where = f"'{param}'" if isinstance(value, str) else f"'{param}[{i}]'"
            raise BadRequestError(f"{where} must not be an empty string", param=param)
    return texts


def _model_name(model: Any) -> str:
    if not isinstance(model, str) or not model:
        raise BadRequestError("'model' must be a non-empty string naming a model",
                              param="model")
    return model


class _Core:
    """What Client and AsyncClient share: the models, validation, the calls."""

    def __init__(self, models: ModelsSpec | None, remote: bool,
                 settings: dict[str, Any]) -> None:
        self.bundles: dict[str, _Bundle] = {}
        for name, value in find_bundles(models).items():
            lib = value if isinstance(value, Library) else load(value)
            self.bundles[name] = _Bundle(name, lib)
        self.remote = remote
        self.settings = {k: v for k, v in settings.items() if v is not None}
        self._litellm: Any = None

    # -- models

    def model_ids(self) -> list[str]:
        return [m for b in self.bundles.values() for m in b.model_ids()]

    def model_list(self) -> ModelList:
        return ModelList([Model(m, b.created) for b in self.bundles.values()
                          for m in b.model_ids()])

    def retrieve(self, model: str) -> Model:
        for b in self.bundles.values():
            if model in b.model_ids():
                return Model(model, b.created)
        raise NotFoundError(f"The model {model!r} does not exist", param="model",
                            code="model_not_found")

    def _local(self, model: str, kind: Kind = "embedding"
               ) -> tuple[_Bundle, ModelFunction] | None:
        """The bundle and function serving ``model`` as a ``kind`` model; None
        when no local bundle has that name."""
        bundle = self.bundles.get(model)
        fname: str | None = None
        if bundle is None and ":" in model:
            bname, _, fname = model.partition(":")
            bundle = self.bundles.get(bname)
        if bundle is None:
            return None
        funcs = bundle.kinds[kind]
        what, plural = DESCRIPTIONS[kind], PLURALS[kind]
        if fname is None:
            if len(funcs) == 1:
                return bundle, next(iter(funcs.values()))
            if not funcs:
                raise BadRequestError(
                    f"bundle {model!r} has no {what}"
                    f"; its functions: {', '.join(bundle.library.functions) or 'none'}",
                    param="model", code="model_not_supported")
            raise BadRequestError(
                f"bundle {model!r} has several {plural}; name one as "
                f"BUNDLE:FUNCTION: {', '.join(f'{model}:{f}' for f in funcs)}",
                param="model", code="ambiguous_model")
        func = funcs.get(fname)
        if func is not None:
            return bundle, func
        if fname in bundle.library.functions:
            raise BadRequestError(
                f"{bundle.name}:{fname} is no {what}"
                f"; {plural} of {bundle.name!r}: {', '.join(funcs) or 'none'}",
                param="model", code="model_not_supported")
        raise NotFoundError(
            f"The model {model!r} does not exist: bundle {bundle.name!r} has no function "
            f"{fname!r} ({plural}: {', '.join(funcs) or 'none'})",
            param="model", code="model_not_found")

    def prepare(self, model: Any, input: Any, encoding_format: Any,
                dimensions: Any) -> _Request:
        """Validate a request and find its local model (None: the remote route)."""
        model = _model_name(model)
        if encoding_format is None:
            encoding_format = "float"
        if encoding_format not in ("float", "base64"):
            raise BadRequestError(f"'encoding_format' must be 'float' or 'base64', not "
                                  f"{encoding_format!r}", param="encoding_format")
        if dimensions is not None and (not isinstance(dimensions, int)
                                       or isinstance(dimensions, bool) or dimensions < 1):
            raise BadRequestError(f"'dimensions' must be a positive integer, not "
                                  f"{dimensions!r}", param="dimensions")
        texts = _texts(input)
        req = _Request(model, texts, encoding_format, dimensions)
        local = self._local(model)
        if local is not None:
            req.bundle, req.function = local
            if dimensions is not None and not req.function.dimensions:
                raise BadRequestError(
                    f"model {model!r} does not support 'dimensions' (its function "
                    f"{req.function.name} has no 'dimensions' parameter)", param="dimensions")
        return req

    # -- the local route

    def prepare_rerank(self, model: Any, query: Any, documents: Any, top_n: Any,
                       return_documents: Any) -> _Request:
        model = _model_name(model)
        if not isinstance(query, str) or not query:
            raise BadRequestError("'query' must be a non-empty string", param="query")
        docs = _texts(documents, "documents", "a list of strings")
        if top_n is not None and (not isinstance(top_n, int) or isinstance(top_n, bool)
                                  or top_n < 1):
            raise BadRequestError(f"'top_n' must be a positive integer, not {top_n!r}",
                                  param="top_n")
        if return_documents is None:
            return_documents = True
        if not isinstance(return_documents, bool):
            raise BadRequestError(f"'return_documents' must be a boolean, not "
                                  f"{return_documents!r}", param="return_documents")
        req = _Request(model, docs, query=query, top_n=top_n,
                       return_documents=return_documents)
        local = self._local(model, "rerank")
        if local is not None:
            req.bundle, req.function = local
        return req

    def prepare_classify(self, model: Any, input: Any) -> _Request:
        req = _Request(_model_name(model), _texts(input))
        local = self._local(req.model, "classify")
        if local is None:
            self.not_local(req, "classification has no remote route: litellm has no "
                           "classification API")
        else:
            req.bundle, req.function = local
        return req

    def not_local(self, req: _Request, why: str) -> None:
        raise NotFoundError(f"The model {req.model!r} does not exist (local models: "
                            f"{', '.join(self.model_ids()) or 'none'}); {why}",
                            param="model", code="model_not_found")

    def call(self, req: _Request) -> Any:
        """The compiled function's result on ``req`` (it releases the GIL);
        its exceptions as API errors."""
        assert req.bundle is not None and req.function is not None
        try:
            return req.bundle.library[req.function.name](**req.kwargs())
        except (ValueError, TypeError, LookupError) as e:
            raise BadRequestError(f"model {req.model!r} refused the request: "
                                  f"{type(e).__name__}: {e}", code="invalid_value") from e
        except Exception as e:  # any failure of compiled code is a 500
            raise InternalServerError(f"model {req.model!r} failed: {type(e).__name__}: "
                                      f"{e}") from e

    def count_tokens(self, req: _Request) -> int:
        """The documented token count of the request's texts (and query)."""
        return sum(self.token_lengths(req))

    def token_lengths(self, req: _Request) -> list[int]:
        """The token count of each text of the request (the query first)."""
        assert req.bundle is not None
        texts = ([req.query] if req.query else []) + req.texts
        try:
            return req.bundle.token_lengths(texts)
        except Exception as e:  # a broken tokenizer file
            raise InternalServerError(f"model {req.model!r}: counting tokens with "
                                      f"{req.bundle.tokenizer_path} failed: {e}") from e

    def embedding_rows(self, req: _Request, result: Any) -> np.ndarray:
        if not isinstance(result, np.ndarray) or result.dtype != np.float32 \
                or result.ndim != 2 or result.shape[0] != len(req.texts):
            shape = getattr(result, "shape", None)
            raise InternalServerError(
                f"model {req.model!r} returned {type(result).__name__} of shape {shape} and "
                f"dtype {getattr(result, 'dtype', None)}; want float32 of shape "
                f"({len(req.texts)}, dimensions)")
        return result

    def rerank_scores(self, req: _Request, result: Any) -> list[float]:
        scores = result.tolist() if isinstance(result, np.ndarray) and result.ndim == 1 \
            else result
        if not isinstance(scores, list) or len(scores) != len(req.texts) \
                or not all(isinstance(x, float) for x in scores):
            raise InternalServerError(
                f"model {req.model!r} returned {type(result).__name__} "
                f"{getattr(result, 'shape', '')}; want one float score per document "
                f"({len(req.texts)})")
        if not all(np.isfinite(scores)):
            raise InternalServerError(f"model {req.model!r} returned a score that is NaN or "
                                      "infinite", code="non_finite_values")
        return cast(list[float], scores)

    def label_scores(self, req: _Request, result: Any) -> list[list[tuple[str, float]]]:
        """Each input's (label, score) pairs in the function's order."""
        rows: list[list[tuple[str, float]]] = []
        if isinstance(result, list) and len(result) == len(req.texts):
            for item in result:
                pairs = list(item.items()) if isinstance(item, dict) else item
                if not isinstance(pairs, list) or not all(
                        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str)
                        and isinstance(p[1], float) for p in pairs):
                    break
                rows.append(pairs)
        if len(rows) != len(req.texts):
            raise InternalServerError(f"model {req.model!r} returned {type(result).__name__}; "
                                      f"want label scores for each of {len(req.texts)} inputs")
        if not all(np.isfinite(score) for pairs in rows for _, score in pairs):
            raise InternalServerError(f"model {req.model!r} returned a score that is NaN or "
                                      "infinite", code="non_finite_values")
        return rows

    def run_local(self, req: _Request) -> CreateEmbeddingResponse:
        """Call the compiled embedding function and shape the response."""
        rows = self.embedding_rows(req, self.call(req))
        return _response(req, rows, self.count_tokens(req))

    def run_rerank(self, req: _Request) -> RerankResponse:
        scores = self.rerank_scores(req, self.call(req))
        return _rerank_response(req, scores, self.count_tokens(req))

    def run_classify(self, req: _Request) -> ClassificationResponse:
        rows = self.label_scores(req, self.call(req))
        return _classify_response(req, rows, self.count_tokens(req))

    # -- the remote route

    def litellm(self, req: _Request) -> Any:
        """litellm for a model that is not local, or NotFoundError."""
        local = ", ".join(self.model_ids()) or "none"
        if not self.remote:
            raise NotFoundError(f"The model {req.model!r} does not exist (local models: "
                                f"{local})", param="model", code="model_not_found")
        if self._litellm is None:
            self._litellm = _import_litellm()
        litellm = self._litellm
        if litellm is None:
            raise NotFoundError(f"The model {req.model!r} does not exist (local models: "
                                f"{local}); other models go through litellm, which is not "
                                "installed (pip install 'pycomp[serve]')", param="model",
                                code="model_not_found")
        return litellm

    def remote_kwargs(self, litellm: Any, req: _Request,
                      overrides: dict[str, Any]) -> dict[str, Any]:
        kwargs = dict(self.settings)
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        if req.dimensions is not None:
            kwargs["dimensions"] = req.dimensions
        _check_routable(litellm, req.model, kwargs, self.model_ids())
        return {"model": req.model, "input": req.texts, **kwargs}

    def from_remote(self, req: _Request, resp: Any) -> CreateEmbeddingResponse:
        try:
            items = sorted(enumerate(_field(resp, "data")),
                           key=lambda p: _field(p[1], "index", p[0]))
            rows = []
            for _, item in items:
                e = _field(item, "embedding")
                rows.append(_decode_base64(e) if isinstance(e, str) else [float(x) for x in e])
            usage = _field(resp, "usage", None)
            tokens = _field(usage, "prompt_tokens", None) if usage is not None else None
            total = _field(usage, "total_tokens", None) if usage is not None else None
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise InternalServerError(f"model {req.model!r}: the provider's response is "
                                      f"not an embeddings response: {e}") from e
        if len(rows) != len(req.texts):
            raise InternalServerError(f"model {req.model!r}: the provider returned "
                                      f"{len(rows)} embeddings for {len(req.texts)} inputs")
        if not tokens:  # none given (litellm then says 0): count words
            tokens, total = _count_words(req.texts), None
        data = [Embedding(_encode_base64(r) if req.encoding_format == "base64" else r, i)
                for i, r in enumerate(rows)]
        return CreateEmbeddingResponse(data, req.model,
                                       Usage(int(tokens), int(total if total is not None
                                                              else tokens)))


    def rerank_kwargs(self, litellm: Any, req: _Request,
                      overrides: dict[str, Any]) -> dict[str, Any]:
        kwargs = dict(self.settings)
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        _check_routable(litellm, req.model, kwargs, self.model_ids())
        return {"model": req.model, "query": req.query, "documents": req.texts,
                "top_n": req.top_n, "return_documents": req.return_documents, **kwargs}

    def from_remote_rerank(self, req: _Request, resp: Any) -> RerankResponse:
        try:
            results = []
            for item in _field(resp, "results"):
                index = int(_field(item, "index"))
                doc = _field(item, "document", None)
                text = _field(doc, "text", None) if doc is not None and not isinstance(
                    doc, str) else doc
                results.append(RerankResult(
                    index, float(_field(item, "relevance_score")),
                    {"text": str(text if text is not None else req.texts[index])}
                    if req.return_documents else None))
            meta = _field(resp, "meta", None) or {}
            units = _field(meta, "tokens", None) or _field(meta, "billed_units", None) or {}
            tokens = _field(units, "input_tokens", None) or _count_words([req.query, *req.texts])
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            raise InternalServerError(f"model {req.model!r}: the provider's response is "
                                      f"not a rerank response: {e}") from e
        return RerankResponse(str(_field(resp, "id", None) or f"rerank-{uuid.uuid4().hex}"),
                              results, req.model, RerankUsage(int(tokens)))


def _field(obj: Any, name: str, *default: Any) -> Any:
    if isinstance(obj, Mapping):
        return obj[name] if not default else obj.get(name, default[0])
    return getattr(obj, name, *default)


def _check_routable(litellm: Any, model: str, kwargs: dict[str, Any], local: list[str]) -> None:
    """NotFoundError unless litellm knows which provider serves `model`."""
    if kwargs.get("custom_llm_provider"):
        return
    prefix, sep, _ = model.partition("/")
    if sep and prefix in getattr(litellm, "provider_list", ()):
        return
    if model in getattr(litellm, "model_cost", {}):
        return
    try:
        litellm.get_llm_provider(model=model, api_base=kwargs.get("api_base"))
    except Exception as e:  # litellm raises its BadRequestError
        raise NotFoundError(
            f"The model {model!r} does not exist: it is no local model (local models: "
            f"{', '.join(local) or 'none'}) and litellm cannot route it; name a provider, "
            "e.g. 'openai/MODEL'", param="model", code="model_not_found") from e


def _remote_error(req: _Request, e: Exception) -> Exception:
    """What a litellm failure becomes: litellm's own errors are openai's already."""
    if _openai is not None and isinstance(e, _openai.OpenAIError):
        return e
    return InternalServerError(f"model {req.model!r}: litellm failed: {type(e).__name__}: "
                               f"{e}")


def _rerank_response(req: _Request, scores: list[float], tokens: int) -> RerankResponse:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:req.top_n]
    results = [RerankResult(i, scores[i], {"text": req.texts[i]} if req.return_documents
                            else None) for i in order]
    return RerankResponse(f"rerank-{uuid.uuid4().hex}", results, req.model,
                          RerankUsage(tokens))


def _classify_response(req: _Request, rows: list[list[tuple[str, float]]],
                       tokens: int) -> ClassificationResponse:
    data = [Classification(i, [ClassificationLabel(label, score) for label, score in
                               sorted(pairs, key=lambda p: -p[1])])
            for i, pairs in enumerate(rows)]
    return ClassificationResponse(data, req.model, Usage(tokens, tokens))


def _response(req: _Request, result: np.ndarray, tokens: int) -> CreateEmbeddingResponse:
    if req.encoding_format == "base64":
        rows = np.ascontiguousarray(result, dtype="<f4")
        data = [Embedding(base64.b64encode(row.tobytes()).decode("ascii"), i)
                for i, row in enumerate(rows)]
    else:
        data = [Embedding(row, i) for i, row in enumerate(result.tolist())]
    return CreateEmbeddingResponse(data, req.model, Usage(tokens, tokens))


# ------------------------------------------------------------- the clients


class Embeddings:
    """``client.embeddings``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    def create(self, *, model: str, input: str | Sequence[str],
               encoding_format: Literal["float", "base64"] | None = None,
               dimensions: int | None = None, user: str | None = None,
               api_base: str | None = None, api_key: str | None = None,
               **litellm_kwargs: Any) -> CreateEmbeddingResponse:
        """Embed ``input`` (a string or a list of strings) with ``model``.

        A local model runs its compiled function in this thread (the GIL is
        released). Any other model goes to ``litellm.embedding`` with the
        client's provider settings, overridden by ``api_base``, ``api_key`` and
        ``litellm_kwargs`` (which local models ignore, as they do ``user``).
        """
        req = self._core.prepare(model, input, encoding_format, dimensions)
        if req.bundle is not None:
            return self._core.run_local(req)
        litellm = self._core.litellm(req)
        kwargs = self._core.remote_kwargs(
            litellm, req, {"api_base": api_base, "api_key": api_key, "user": user,
                           **litellm_kwargs})
        try:
            resp = litellm.embedding(**kwargs)
        except Exception as e:  # reshaped, never a bare crash
            raise _remote_error(req, e) from e
        return self._core.from_remote(req, resp)


class Rerank:
    """``client.rerank``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    def create(self, *, model: str, query: str, documents: Sequence[str],
               top_n: int | None = None, return_documents: bool | None = None,
               api_base: str | None = None, api_key: str | None = None,
               **litellm_kwargs: Any) -> RerankResponse:
        """Score ``documents`` (strings, or ``{"text": ...}`` objects) against
        ``query`` with ``model``: the ``top_n`` best (all by default), highest
        first, each with its ``document`` unless ``return_documents=False``.

        A local model runs its compiled rerank function in this thread; any
        other goes to ``litellm.rerank`` with the client's provider settings.
        """
        req = self._core.prepare_rerank(model, query, documents, top_n, return_documents)
        if req.bundle is not None:
            return self._core.run_rerank(req)
        litellm = self._core.litellm(req)
        kwargs = self._core.rerank_kwargs(litellm, req, {"api_base": api_base,
                                                         "api_key": api_key, **litellm_kwargs})
        try:
            resp = litellm.rerank(**kwargs)
        except Exception as e:  # reshaped, never a bare crash
            raise _remote_error(req, e) from e
        return self._core.from_remote_rerank(req, resp)


class Classifications:
    """``client.classifications``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    def create(self, *, model: str, input: str | Sequence[str]) -> ClassificationResponse:
        """Classify ``input`` (a string or a list of strings) with a local
        classification model: each input's labels with their scores, highest
        first. There is no remote route (litellm has no classification API)."""
        return self._core.run_classify(self._core.prepare_classify(model, input))


class ChatCompletions:
    """``client.chat.completions``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    def create(self, *, model: str, messages: Sequence[Mapping[str, Any]],
               stream: bool | None = False, stream_options: Mapping[str, Any] | None = None,
               max_tokens: int | None = None, max_completion_tokens: int | None = None,
               temperature: float | None = None, top_p: float | None = None,
               stop: str | list[str] | None = None, seed: int | None = None,
               n: int | None = None, user: str | None = None, api_base: str | None = None,
               api_key: str | None = None, **litellm_kwargs: Any) -> Any:
        """A chat completion (``openai.types.chat.ChatCompletion``), or with
        ``stream=True`` an iterator of ``ChatCompletionChunk`` (docs/client.md,
        "Chat completions"). Local chat functions receive ``max_tokens``,
        ``temperature``, ``top_p``, ``stop`` and ``seed`` through parameters of
        those names; other models go through ``litellm.completion``."""
        from pycomp.serve import chat

        req = chat.prepare_chat(self._core, model, messages, stream=stream,
                                stream_options=stream_options, max_tokens=max_tokens,
                                max_completion_tokens=max_completion_tokens,
                                temperature=temperature, top_p=top_p, stop=stop, seed=seed,
                                n=n)
        if req.bundle is None:
            return chat.remote_completion(self._core, req, {
                "api_base": api_base, "api_key": api_key, "user": user, **litellm_kwargs})
        if req.stream:
            return chat.LocalStream(req)
        return chat.local_completion(req)


class Chat:
    """``client.chat``: ``client.chat.completions.create(...)``."""

    def __init__(self, core: _Core) -> None:
        self.completions = ChatCompletions(core)


class Models:
    """``client.models``: the local models."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    def list(self) -> ModelList:
        return self._core.model_list()

    def retrieve(self, model: str) -> Model:
        return self._core.retrieve(model)


class _ClientBase:
    def __init__(self, models: ModelsSpec | None = None, *, remote: bool = True,
                 api_base: str | None = None, api_key: str | None = None,
                 **litellm_kwargs: Any) -> None:
        self._core = _Core(models, remote, {"api_base": api_base, "api_key": api_key,
                                            **litellm_kwargs})

    @property
    def bundles(self) -> dict[str, Library]:
        """The local bundles by model name."""
        return {name: b.library for name, b in self._core.bundles.items()}

    def __repr__(self) -> str:
        return f"<pycomp.{type(self).__name__} models={self._core.model_ids()!r}>"


class Client(_ClientBase):
    """Embeddings from compiled bundles in OpenAI's shape.

    ``models``: a bundle folder, a folder of bundles, a list of these (or of
    ``NAME=PATH``), or ``{name: bundle folder or Library}``; ``None`` reads
    ``PYCOMP_MODELS``. A bundle given by path is named after its folder; a
    bundle with several embedding functions is addressed as
    ``"bundle:function"``.

    Other model names go through litellm (``remote=False`` refuses them with
    ``NotFoundError``), with ``api_base``, ``api_key`` and any other keyword
    (``custom_llm_provider``, ``timeout``, ...) passed to ``litellm.embedding``.
    """

    def __init__(self, models: ModelsSpec | None = None, *, remote: bool = True,
                 api_base: str | None = None, api_key: str | None = None,
                 **litellm_kwargs: Any) -> None:
        super().__init__(models, remote=remote, api_base=api_base, api_key=api_key,
                         **litellm_kwargs)
        self.embeddings = Embeddings(self._core)
        self.rerank = Rerank(self._core)
        self.classifications = Classifications(self._core)
        self.chat = Chat(self._core)
        self.models = Models(self._core)


class AsyncEmbeddings:
    """``async_client.embeddings``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    async def create(self, *, model: str, input: str | Sequence[str],
                     encoding_format: Literal["float", "base64"] | None = None,
                     dimensions: int | None = None, user: str | None = None,
                     api_base: str | None = None, api_key: str | None = None,
                     **litellm_kwargs: Any) -> CreateEmbeddingResponse:
        """As ``Client.embeddings.create``; local models run in a worker thread,
        others through ``litellm.aembedding``."""
        req = self._core.prepare(model, input, encoding_format, dimensions)
        if req.bundle is not None:
            return await asyncio.to_thread(self._core.run_local, req)
        litellm = await asyncio.to_thread(self._core.litellm, req)  # the import is slow
        kwargs = self._core.remote_kwargs(
            litellm, req, {"api_base": api_base, "api_key": api_key, "user": user,
                           **litellm_kwargs})
        try:
            resp = await litellm.aembedding(**kwargs)
        except Exception as e:  # reshaped, never a bare crash
            raise _remote_error(req, e) from e
        return self._core.from_remote(req, resp)


class AsyncRerank:
    """``async_client.rerank``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    async def create(self, *, model: str, query: str, documents: Sequence[str],
                     top_n: int | None = None, return_documents: bool | None = None,
                     api_base: str | None = None, api_key: str | None = None,
                     **litellm_kwargs: Any) -> RerankResponse:
        """As ``Client.rerank.create``; local models run in a worker thread,
        others through ``litellm.arerank``."""
        req = self._core.prepare_rerank(model, query, documents, top_n, return_documents)
        if req.bundle is not None:
            return await asyncio.to_thread(self._core.run_rerank, req)
        litellm = await asyncio.to_thread(self._core.litellm, req)
        kwargs = self._core.rerank_kwargs(litellm, req, {"api_base": api_base,
                                                         "api_key": api_key, **litellm_kwargs})
        try:
            resp = await litellm.arerank(**kwargs)
        except Exception as e:  # reshaped, never a bare crash
            raise _remote_error(req, e) from e
        return self._core.from_remote_rerank(req, resp)


class AsyncClassifications:
    """``async_client.classifications``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    async def create(self, *, model: str, input: str | Sequence[str]
                     ) -> ClassificationResponse:
        """As ``Client.classifications.create``, in a worker thread."""
        req = self._core.prepare_classify(model, input)
        return await asyncio.to_thread(self._core.run_classify, req)


class AsyncChatCompletions:
    """``async_client.chat.completions``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    async def create(self, *, model: str, messages: Sequence[Mapping[str, Any]],
                     stream: bool | None = False,
                     stream_options: Mapping[str, Any] | None = None,
                     max_tokens: int | None = None, max_completion_tokens: int | None = None,
                     temperature: float | None = None, top_p: float | None = None,
                     stop: str | list[str] | None = None, seed: int | None = None,
                     n: int | None = None, user: str | None = None,
                     api_base: str | None = None, api_key: str | None = None,
                     **litellm_kwargs: Any) -> Any:
        """As ``Client.chat.completions.create``; with ``stream=True`` an async
        iterator of chunks (``async for``), each generated in a worker thread;
        other models go through ``litellm.acompletion``."""
        from pycomp.serve import chat

        req = chat.prepare_chat(self._core, model, messages, stream=stream,
                                stream_options=stream_options, max_tokens=max_tokens,
                                max_completion_tokens=max_completion_tokens,
                                temperature=temperature, top_p=top_p, stop=stop, seed=seed,
                                n=n)
        if req.bundle is None:
            litellm = await asyncio.to_thread(self._core.litellm, req)  # type: ignore[arg-type]
            kwargs = chat.remote_kwargs(self._core, req, {
                "api_base": api_base, "api_key": api_key, "user": user, **litellm_kwargs})
            try:
                resp = await litellm.acompletion(**kwargs)
            except Exception as e:  # reshaped, never a bare crash
                raise chat._remote_failure(req, e) from e
            if not req.stream:
                return chat.from_remote(req, resp)
            return (chat.chunk_from_remote(req, c) async for c in resp)
        if req.stream:
            return AsyncChatStream(await asyncio.to_thread(chat.LocalStream, req))
        return await asyncio.to_thread(chat.local_completion, req)


class AsyncChatStream:
    """A local streamed answer for ``async for``: each chunk is generated in a
    worker thread; ``aclose()`` (or leaving the loop and dropping it) stops the
    compiled generator."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __aiter__(self) -> AsyncChatStream:
        return self

    async def __anext__(self) -> Any:
        chunk = await asyncio.to_thread(next, self._stream, None)
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    async def aclose(self) -> None:
        await asyncio.to_thread(self._stream.close)


class AsyncChat:
    """``async_client.chat``."""

    def __init__(self, core: _Core) -> None:
        self.completions = AsyncChatCompletions(core)


class AsyncModels:
    """``async_client.models``."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    async def list(self) -> ModelList:
        return self._core.model_list()

    async def retrieve(self, model: str) -> Model:
        return self._core.retrieve(model)


class AsyncClient(_ClientBase):
    """``Client`` with coroutines: ``await client.embeddings.create(...)``,
    ``await client.models.list()``. Same arguments as ``Client``."""

    def __init__(self, models: ModelsSpec | None = None, *, remote: bool = True,
                 api_base: str | None = None, api_key: str | None = None,
                 **litellm_kwargs: Any) -> None:
        super().__init__(models, remote=remote, api_base=api_base, api_key=api_key,
                         **litellm_kwargs)
        self.embeddings = AsyncEmbeddings(self._core)
        self.rerank = AsyncRerank(self._core)
        self.classifications = AsyncClassifications(self._core)
        self.chat = AsyncChat(self._core)
        self.models = AsyncModels(self._core)
