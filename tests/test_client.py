"""pycomp.Client and AsyncClient: OpenAI-shaped embeddings from compiled bundles.

The bundles are compiled once per module from the MiniLM example on the tiny
model of tests/models/make_tiny.py ("minilm"), from a source with several
embedding functions ("multi"), and from one without a tokenizer ("words").
The hybrid route (litellm) talks to a stub OpenAI-compatible server on
127.0.0.1 started here, never to a real provider.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pycomp
import pytest
from pycomp import client as pc
from pycomp.client import (
    AsyncClient,
    BadRequestError,
    Client,
    InternalServerError,
    NotFoundError,
    embedding_functions,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
tokenizers = pytest.importorskip("tokenizers")
import make_tiny

# litellm's import warns about pydantic TypedDicts; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning")

# Several embedding functions in one bundle; one takes `dimensions`.
MULTI = '''
"""Embedding functions of one bundle."""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """Mean-pooled, L2-normalised."""
    encodings = tokenizer.encode_batch(texts)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    outputs = session.run(None, {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": token_type_ids,
    })
    hidden = outputs[0]
    mask = attention_mask[:, :, None].astype(np.float32)
    pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def embed_cls(texts: list[str]) -> npt.NDArray[np.float32]:
    """The first token's state."""
    encodings = tokenizer.encode_batch(texts)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    outputs = session.run(None, {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": token_type_ids,
    })
    return outputs[0][:, 0, :]


def embed_dims(texts: list[str], dimensions: int = 32) -> npt.NDArray[np.float32]:
    """The first `dimensions` components, renormalised."""
    if dimensions < 1 or dimensions > 32:
        raise ValueError(f"dimensions must be between 1 and 32, got {dimensions}")
    full = embed(texts)[:, :dimensions]
    return full / np.clip(np.linalg.norm(full, axis=1, keepdims=True), 1e-12, None)


def count_words(texts: list[str]) -> int:
    """Not an embedding function."""
    return sum(len(t.split()) for t in texts)
'''

# No tokenizer asset: usage counts whitespace-separated words.
WORDS = '''
import numpy as np
import numpy.typing as npt


def letters(texts: list[str]) -> npt.NDArray[np.float32]:
    """Two features per text: its length in characters and in words."""
    rows = [[float(len(t)), float(len(t.split()))] for t in texts]
    return np.array(rows, dtype=np.float32)
'''


def build_bundles(root: Path, multi: bool = True, words: bool = True) -> dict[str, Path]:
    """Bundles in `root/bundles`: minilm (examples/embed/embed.py), multi, words."""
    tiny = make_tiny.make_all(root / "tiny")
    src = root / "src"
    (src / "model").mkdir(parents=True)
    shutil.copy2(ROOT / "examples" / "embed" / "embed.py", src / "embed.py")
    shutil.copy2(tiny["embed"], src / "model" / "model.onnx")
    shutil.copy2(tiny["tokenizer"], src / "model" / "tokenizer.json")
    out = {"minilm": pycomp.build(src / "embed.py", root / "bundles" / "minilm")}
    if multi:
        (src / "multi.py").write_text(MULTI)
        out["multi"] = pycomp.build(src / "multi.py", root / "bundles" / "multi")
    if words:
        (src / "words.py").write_text(WORDS)
        out["words"] = pycomp.build(src / "words.py", root / "bundles" / "words")
    return {k: Path(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_bundles(tmp_path_factory.mktemp("client"))


@pytest.fixture(scope="module")
def client(built: dict[str, Path]) -> Client:
    return Client(models={k: str(v) for k, v in built.items()}, remote=False)


@pytest.fixture(scope="module")
def libs(built: dict[str, Path]) -> dict[str, pycomp.Library]:
    return {k: pycomp.load(v) for k, v in built.items()}


def token_count(built: dict[str, Path], texts: list[str]) -> int:
    """Tokens per text with the special tokens, no padding: the documented count."""
    tok = tokenizers.Tokenizer.from_file(str(built["minilm"] / "assets" / "tokenizer.json"))
    return sum(len(tok.encode(t).ids) for t in texts)


def matrix(resp: Any) -> np.ndarray:
    return np.array([d.embedding for d in resp.data], dtype=np.float32)


TEXTS = ["first text", "second text"]


# ------------------------------------------------------------- the local route


def test_issue_example(built: dict[str, Path], libs: dict[str, Any]) -> None:
    client = Client(models={"minilm": built["minilm"]})
    resp = client.embeddings.create(model="minilm", input=["first text", "second text"])
    assert resp.object == "list" and resp.model == "minilm"
    assert [(d.object, d.index) for d in resp.data] == [("embedding", 0), ("embedding", 1)]
    assert isinstance(resp.data[0].embedding, list) and len(resp.data[0].embedding) == 32
    assert all(isinstance(x, float) for x in resp.data[0].embedding)
    # exactly the compiled function's float32 values
    assert np.array_equal(matrix(resp), libs["minilm"].embed(TEXTS))
    assert resp.usage.prompt_tokens == resp.usage.total_tokens == token_count(built, TEXTS)


def test_usage_counts_tokens_with_special_tokens(client: Client,
                                                 built: dict[str, Path]) -> None:
    # [CLS] hello world [SEP]
    assert client.embeddings.create(model="minilm", input="hello world").usage.prompt_tokens == 4
    # unknown words are one [UNK] each; padding of the batch is not counted
    texts = ["the cat", "zzz qqq the dog sat on the mat today", "a"]
    resp = client.embeddings.create(model="minilm", input=texts)
    assert resp.usage.prompt_tokens == token_count(built, texts) == 4 + 11 + 3
    # the tokenizer file's own truncation (32 tokens) applies
    long = " ".join(["word"] * 100)
    assert client.embeddings.create(model="minilm", input=long).usage.prompt_tokens == 32


def test_words_are_counted_without_a_tokenizer(client: Client, libs: dict[str, Any]) -> None:
    texts = ["one two three", "  four\tfive  ", "six"]
    resp = client.embeddings.create(model="words", input=texts)
    assert resp.usage.prompt_tokens == resp.usage.total_tokens == 6
    assert np.array_equal(matrix(resp), libs["words"].letters(texts))


def test_string_input_is_one_item(client: Client, libs: dict[str, Any]) -> None:
    one = client.embeddings.create(model="minilm", input="hello world")
    assert len(one.data) == 1 and one.data[0].index == 0
    assert np.array_equal(matrix(one), libs["minilm"].embed(["hello world"]))
    as_tuple = client.embeddings.create(model="minilm", input=("hello world",))
    assert as_tuple == one


def test_base64_is_little_endian_float32(client: Client, libs: dict[str, Any]) -> None:
    floats = client.embeddings.create(model="minilm", input=TEXTS, encoding_format="float")
    b64 = client.embeddings.create(model="minilm", input=TEXTS, encoding_format="base64")
    assert b64.usage == floats.usage
    for f, b in zip(floats.data, b64.data):
        assert isinstance(b.embedding, str)
        raw = base64.b64decode(b.embedding)
        assert len(raw) == 4 * 32
        assert np.frombuffer(raw, dtype="<f4").tolist() == f.embedding
        assert b.vector() == f.embedding
    assert np.array_equal(b64.to_numpy(), libs["minilm"].embed(TEXTS))
    default = client.embeddings.create(model="minilm", input=TEXTS, encoding_format=None)
    assert default == floats


def test_validates_as_openai_response(client: Client) -> None:
    openai_types = pytest.importorskip("openai.types")
    resp = client.embeddings.create(model="minilm", input=TEXTS)
    parsed = openai_types.CreateEmbeddingResponse.model_validate(resp.model_dump())
    assert parsed.data[1].embedding == resp.data[1].embedding
    assert parsed.usage.prompt_tokens == resp.usage.prompt_tokens
    again = openai_types.CreateEmbeddingResponse.model_validate_json(resp.model_dump_json())
    assert again.model_dump() == parsed.model_dump()
    assert list(resp.model_dump()) == ["object", "data", "model", "usage"]


def test_model_sources(built: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                       libs: dict[str, Any]) -> None:
    folder = built["minilm"].parent
    every = ["minilm", "multi:embed", "multi:embed_cls", "multi:embed_dims", "words"]
    assert Client(folder).models.list().model_dump()["data"][0]["id"] == "minilm"
    assert [m.id for m in Client(str(folder)).models.list().data] == every
    assert [m.id for m in Client(built["minilm"]).models.list().data] == ["minilm"]
    assert [m.id for m in Client([built["words"], f"mini={built['minilm']}"])
            .models.list().data] == ["words", "mini"]
    assert [m.id for m in Client({"m": libs["minilm"]}).models.list().data] == ["m"]
    monkeypatch.setenv("PYCOMP_MODELS", os.pathsep.join([f"a={built['minilm']}",
                                                         str(built["words"])]))
    env = Client()
    assert [m.id for m in env.models.list().data] == ["a", "words"]
    assert env.embeddings.create(model="a", input="x").model == "a"
    monkeypatch.delenv("PYCOMP_MODELS")
    assert Client(remote=False).models.list().data == []


def test_model_source_errors(built: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such bundle"):
        Client(tmp_path / "missing")
    with pytest.raises(ValueError, match="holds none"):
        Client(tmp_path)
    with pytest.raises(ValueError, match="two bundles are named 'minilm'"):
        Client([built["minilm"], built["minilm"]])
    with pytest.raises(FileNotFoundError, match="no manifest.json"):
        Client({"x": tmp_path})


def test_models_list_and_retrieve(client: Client) -> None:
    listed = client.models.list().model_dump()
    assert listed["object"] == "list"
    assert [m["id"] for m in listed["data"]] == [
        "minilm", "multi:embed", "multi:embed_cls", "multi:embed_dims", "words"]
    assert all(m["object"] == "model" and m["owned_by"] == "pycomp"
               and isinstance(m["created"], int) for m in listed["data"])
    assert client.models.retrieve("multi:embed").id == "multi:embed"
    with pytest.raises(NotFoundError):
        client.models.retrieve("multi")


def test_several_embedding_functions(client: Client, libs: dict[str, Any]) -> None:
    with pytest.raises(BadRequestError) as e:
        client.embeddings.create(model="multi", input="x")
    assert "multi:embed, multi:embed_cls, multi:embed_dims" in e.value.message
    assert e.value.param == "model" and e.value.code == "ambiguous_model"
    resp = client.embeddings.create(model="multi:embed_cls", input=TEXTS)
    assert resp.model == "multi:embed_cls"
    assert np.array_equal(matrix(resp), libs["multi"].embed_cls(TEXTS))
    with pytest.raises(BadRequestError, match="no embedding function"):
        client.embeddings.create(model="multi:count_words", input="x")
    with pytest.raises(NotFoundError, match="no function 'nope'"):
        client.embeddings.create(model="multi:nope", input="x")


def test_embedding_functions_from_manifest() -> None:
    def fn(name: str, params: list[dict[str, Any]], returns: dict[str, Any]) -> dict[str, Any]:
        return {"name": name, "params": params, "returns": returns}

    texts = {"name": "texts", "type": {"kind": "list", "item": {"kind": "str"}}}
    f32 = {"kind": "ndarray", "dtype": "float32"}
    manifest = {"functions": [
        fn("plain", [texts], f32),
        fn("ndim2", [texts], {**f32, "ndim": 2}),
        fn("ndim1", [texts], {**f32, "ndim": 1}),
        fn("f64", [texts], {"kind": "ndarray", "dtype": "float64"}),
        fn("ints", [{"name": "xs", "type": {"kind": "list", "item": {"kind": "int"}}}], f32),
        fn("two", [texts, {"name": "k", "type": {"kind": "int"}}], f32),
        fn("optional", [texts, {"name": "k", "type": {"kind": "int"}, "default": 1}], f32),
        fn("dims", [texts, {"name": "dimensions", "type": {"kind": "int"}, "default": 8}], f32),
        fn("dims_str", [texts, {"name": "dimensions", "type": {"kind": "str"}, "default": ""}],
           f32),
        fn("none", [], f32),
        fn("lists", [texts], {"kind": "list", "item": {"kind": "float"}}),
    ]}
    found = {f.name: f for f in embedding_functions(manifest)}
    assert list(found) == ["plain", "ndim2", "optional", "dims", "dims_str"]
    assert found["dims"].dimensions and not found["dims_str"].dimensions
    assert not found["plain"].dimensions and found["plain"].param == "texts"


def test_dimensions(client: Client, libs: dict[str, Any]) -> None:
    resp = client.embeddings.create(model="multi:embed_dims", input=TEXTS, dimensions=8)
    assert [len(d.embedding) for d in resp.data] == [8, 8]
    assert np.array_equal(matrix(resp), libs["multi"].embed_dims(TEXTS, 8))
    full = client.embeddings.create(model="multi:embed_dims", input=TEXTS)
    assert len(full.data[0].embedding) == 32
    with pytest.raises(BadRequestError) as e:
        client.embeddings.create(model="minilm", input=TEXTS, dimensions=8)
    assert e.value.param == "dimensions" and "embed" in e.value.message
    # the compiled function's own ValueError is a bad request, not a crash
    with pytest.raises(BadRequestError, match="between 1 and 32, got 99"):
        client.embeddings.create(model="multi:embed_dims", input=TEXTS, dimensions=99)


BAD_REQUESTS = [
    ({"input": []}, "input", "must not be empty"),
    ({"input": ""}, "input", "empty string"),
    ({"input": ["a", ""]}, "input", r"input\[1\]"),
    ({"input": [1, 2, 3]}, "input", "token array"),
    ({"input": [[1, 2]]}, "input", "token array"),
    ({"input": ["a", 3.5]}, "input", "must be a string, not float"),
    ({"input": None}, "input", "not NoneType"),
    ({"input": 5}, "input", "not int"),
    ({"input": {"a": "b"}}, "input", "not dict"),
    ({"input": b"bytes"}, "input", "not bytes"),
    ({"input": ["x"] * 2049}, "input", "at most 2048"),
    ({"encoding_format": "int8"}, "encoding_format", "'float' or 'base64'"),
    ({"dimensions": 0, "model": "multi:embed_dims"}, "dimensions", "positive integer"),
    ({"dimensions": "8", "model": "multi:embed_dims"}, "dimensions", "positive integer"),
    ({"dimensions": True, "model": "multi:embed_dims"}, "dimensions", "positive integer"),
    ({"model": ""}, "model", "non-empty string"),
    ({"model": None}, "model", "non-empty string"),
    ({"model": 3}, "model", "non-empty string"),
]


@pytest.mark.parametrize("change,param,match", BAD_REQUESTS,
                         ids=[f"{p}-{i}" for i, (_, p, _) in enumerate(BAD_REQUESTS)])
def test_bad_requests(client: Client, change: dict[str, Any], param: str, match: str) -> None:
    kwargs: dict[str, Any] = {"model": "minilm", "input": TEXTS, **change}
    with pytest.raises(BadRequestError, match=match) as e:
        client.embeddings.create(**kwargs)
    err = e.value
    assert err.status_code == 400 and err.param == param
    assert err.type == "invalid_request_error"
    assert err.body == {"message": err.message, "type": "invalid_request_error",
                        "param": param, "code": err.code}
    assert err.to_dict() == {"error": err.body}


def test_unknown_model_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as e:
        client.embeddings.create(model="text-embedding-3-small", input="x")
    assert e.value.status_code == 404 and e.value.code == "model_not_found"
    assert e.value.param == "model" and "minilm" in e.value.message


def test_errors_are_the_openai_packages(client: Client) -> None:
    openai = pytest.importorskip("openai")
    assert issubclass(BadRequestError, openai.BadRequestError)
    assert issubclass(NotFoundError, openai.NotFoundError)
    assert issubclass(InternalServerError, openai.InternalServerError)
    with pytest.raises(openai.BadRequestError) as e:
        client.embeddings.create(model="minilm", input=[])
    assert e.value.status_code == 400 and e.value.response.status_code == 400
    assert e.value.response.json() == {"error": e.value.body}
    assert e.value.param == "input" and e.value.type == "invalid_request_error"
    with pytest.raises(openai.NotFoundError):
        client.embeddings.create(model="nope", input="x")


def test_errors_without_openai(built: dict[str, Path]) -> None:
    """Without the openai package: pycomp's own classes, the same fields."""
    code = f"""
import sys
sys.modules["openai"] = None  # as if it were not installed
from pycomp.client import Client, BadRequestError, NotFoundError, APIError
c = Client({{"minilm": {str(built["minilm"])!r}}}, remote=False)
for kwargs, cls, status in [(dict(model="minilm", input=[]), BadRequestError, 400),
                            (dict(model="nope", input="x"), NotFoundError, 404)]:
    try:
        c.embeddings.create(**kwargs)
    except cls as e:
        assert isinstance(e, APIError) and e.status_code == status, e
        assert set(e.body) == {{"message", "type", "param", "code"}}, e.body
        print(type(e).__mro__[1:3], status)
    else:
        raise SystemExit("no error")
print(len(c.embeddings.create(model="minilm", input="x").data))
"""
    env = dict(os.environ, PYTHONPATH=str(Path(pycomp.__file__).parents[1]))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "openai" not in proc.stdout
    assert proc.stdout.splitlines()[-1] == "1"


def test_compiled_failure_is_an_internal_error(built: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(built["minilm"], broken)
    (broken / "assets" / "model.onnx").write_bytes(b"not a model")
    from pycomp.load import BundleError

    # The loader refuses a bundle whose files differ from its manifest's list...
    with pytest.raises(BundleError, match="assets/model.onnx is damaged"):
        Client({"broken": broken}, remote=False)
    # ...and without that list, the model fails on first use: a server error.
    manifest = json.loads((broken / "manifest.json").read_text())
    del manifest["files"]
    (broken / "manifest.json").write_text(json.dumps(manifest))
    client = Client({"broken": broken}, remote=False)
    for _ in range(2):  # the same error every time, no crash
        with pytest.raises(InternalServerError, match="model.onnx") as e:
            client.embeddings.create(model="broken", input="x")
        assert e.value.status_code == 500 and e.value.type == "server_error"


def test_threads_share_a_client(client: Client, libs: dict[str, Any]) -> None:
    batches = [[f"text number {i}", "the cat sat"][: 1 + i % 2] for i in range(8)]
    expected = [libs["minilm"].embed(b) for b in batches]
    results: list[Any] = [None] * 8
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(3):
                results[i] = matrix(client.embeddings.create(model="minilm", input=batches[i]))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for got, want in zip(results, expected):
        assert np.array_equal(got, want)


# ----------------------------------------------------------------- AsyncClient


def test_async_client(built: dict[str, Path], client: Client) -> None:
    aclient = AsyncClient({k: v for k, v in built.items()}, remote=False)
    batches = [[f"async text {i}", "hello world"] for i in range(8)]

    async def run() -> list[Any]:
        return await asyncio.gather(*(aclient.embeddings.create(model="minilm", input=b)
                                      for b in batches))

    got = asyncio.run(run())
    for b, resp in zip(batches, got):
        assert resp == client.embeddings.create(model="minilm", input=b)

    async def errors_and_models() -> tuple[Any, Any]:
        with pytest.raises(BadRequestError):
            await aclient.embeddings.create(model="minilm", input=[])
        with pytest.raises(NotFoundError):
            await aclient.embeddings.create(model="nope", input="x")
        dims = await aclient.embeddings.create(model="multi:embed_dims", input="x",
                                               dimensions=4, encoding_format="base64")
        return await aclient.models.list(), dims

    models, dims = asyncio.run(errors_and_models())
    assert [m.id for m in models.data] == [m.id for m in client.models.list().data]
    assert len(dims.data[0].vector()) == 4


# ------------------------------------------------------- the hybrid route


def stub_vector(text: str) -> list[float]:
    """The stub provider's deterministic embedding of a text."""
    return [b / 255 for b in hashlib.sha256(text.encode()).digest()[:6]]


class _Stub(BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:  # http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append({"path": self.path, "body": body,
                          "headers": {k.lower(): v for k, v in self.headers.items()}})
        texts = [body["input"]] if isinstance(body["input"], str) else body["input"]
        out: dict[str, Any]
        if "fail-me" in texts:
            status, out = 400, {"error": {"message": "the stub refuses 'fail-me'",
                                          "type": "invalid_request_error", "param": "input",
                                          "code": None}}
        else:
            words = sum(len(t.split()) for t in texts)
            status, out = 200, {
                "object": "list", "model": body["model"],
                "data": [{"object": "embedding", "index": i, "embedding": stub_vector(t)}
                         for i, t in enumerate(texts)],
                "usage": {"prompt_tokens": 10 * words, "total_tokens": 10 * words}}
            if body["model"] == "no-usage":
                del out["usage"]
        data = json.dumps(out).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    """An OpenAI-compatible embeddings server on 127.0.0.1; yields its /v1 URL."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    pytest.importorskip("litellm")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_hybrid_route(stub: str, built: dict[str, Path]) -> None:
    client = Client({"minilm": built["minilm"]}, api_base=stub, api_key="sk-stub")
    texts = ["a remote text", "another one here"]
    _Stub.seen.clear()
    resp = client.embeddings.create(model="openai/stub-embed", input=texts)
    assert isinstance(resp, pc.CreateEmbeddingResponse)
    assert resp.model == "openai/stub-embed"
    assert [d.embedding for d in resp.data] == [stub_vector(t) for t in texts]
    assert [d.index for d in resp.data] == [0, 1]
    assert resp.usage.prompt_tokens == resp.usage.total_tokens == 60
    (req,) = _Stub.seen
    assert req["path"] == "/v1/embeddings"
    assert req["body"]["model"] == "stub-embed" and req["body"]["input"] == texts
    assert req["headers"]["authorization"] == "Bearer sk-stub"
    # a local model never reaches the provider
    local = client.embeddings.create(model="minilm", input=texts)
    assert len(local.data[0].embedding) == 32 and len(_Stub.seen) == 1
    openai_types = pytest.importorskip("openai.types")
    openai_types.CreateEmbeddingResponse.model_validate(resp.model_dump())


def test_hybrid_base64_and_call_settings(stub: str) -> None:
    client = Client(remote=True)  # no local models, settings per call
    _Stub.seen.clear()
    resp = client.embeddings.create(model="openai/stub-embed", input="one text",
                                    encoding_format="base64", api_base=stub, api_key="sk-call")
    assert isinstance(resp.data[0].embedding, str)
    decoded = np.frombuffer(base64.b64decode(resp.data[0].embedding), dtype="<f4")
    assert np.array_equal(decoded, np.array(stub_vector("one text"), dtype=np.float32))
    assert _Stub.seen[0]["headers"]["authorization"] == "Bearer sk-call"


def test_hybrid_provider_settings(stub: str) -> None:
    """Any litellm keyword is a provider setting: here the provider without a prefix."""
    client = Client(api_base=stub, api_key="sk-stub", custom_llm_provider="openai", timeout=30)
    resp = client.embeddings.create(model="no-usage", input=["three words here", "one"])
    assert resp.model == "no-usage"
    assert [d.embedding for d in resp.data] == [stub_vector("three words here"),
                                                stub_vector("one")]
    assert resp.usage.prompt_tokens == resp.usage.total_tokens == 4  # no usage: words


def test_hybrid_errors(stub: str, built: dict[str, Path]) -> None:
    openai = pytest.importorskip("openai")
    client = Client({"minilm": built["minilm"]}, api_base=stub, api_key="sk-stub")
    with pytest.raises(openai.BadRequestError) as e:  # the provider's 400, as openai's class
        client.embeddings.create(model="openai/stub-embed", input=["fail-me"])
    assert e.value.status_code == 400
    with pytest.raises(NotFoundError, match="litellm cannot route it"):
        client.embeddings.create(model="no-such-embedding-model", input="x")
    with pytest.raises(BadRequestError):  # validated before any provider is asked
        client.embeddings.create(model="openai/stub-embed", input=[])
    local_only = Client({"minilm": built["minilm"]}, remote=False, api_base=stub)
    with pytest.raises(NotFoundError, match="does not exist"):
        local_only.embeddings.create(model="openai/stub-embed", input="x")


def test_hybrid_async(stub: str, built: dict[str, Path]) -> None:
    aclient = AsyncClient({"minilm": built["minilm"]}, api_base=stub, api_key="sk-stub")

    async def run() -> tuple[Any, Any]:
        return await asyncio.gather(
            aclient.embeddings.create(model="openai/stub-embed", input=["x y", "z"]),
            aclient.embeddings.create(model="minilm", input=["x y", "z"]))

    remote, local = asyncio.run(run())
    assert [d.embedding for d in remote.data] == [stub_vector("x y"), stub_vector("z")]
    assert remote.usage.prompt_tokens == 30
    assert len(local.data[1].embedding) == 32
