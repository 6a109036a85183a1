"""SmolLM2 through llama-cpp-python's `tokenize`/`detokenize` and `embed`/`create_embedding`,
compiled by tests/test_chat.py (which puts this file beside a link to examples/chat/model/);
tests/chat/make_embed_reference.py runs the embedding functions with llama-cpp-python."""

from typing import Any

from llama_cpp import Llama

llm = Llama(model_path="model/SmolLM2-135M-Instruct.Q4_1.gguf", n_ctx=2048, seed=0,
            n_threads=2, verbose=False)
# the GGUF's own pooling: none (a vector per token)
embedder = Llama(model_path="model/SmolLM2-135M-Instruct.Q4_1.gguf", n_ctx=2048, seed=0,
                 n_threads=2, verbose=False, embedding=True)
# mean pooling (a vector per text), batches of 8 tokens
pooled = Llama(model_path="model/SmolLM2-135M-Instruct.Q4_1.gguf", n_ctx=2048, n_batch=8,
               seed=0, n_threads=2, verbose=False, embedding=True, pooling_type=1)


def token_ids(text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
    """llama.cpp's token ids of `text`."""
    return llm.tokenize(text, add_bos=add_bos, special=special)


def text_of(tokens: list[int], special: bool = False) -> bytes:
    """The bytes of `tokens`."""
    return llm.detokenize(tokens, special=special)


def count_tokens(text: str) -> int:
    """How many tokens the UTF-8 of `text` takes (no BOS)."""
    return len(llm.tokenize(text.encode("utf-8"), add_bos=False))


def round_trip(text: str) -> str:
    """`text` tokenized and detokenized back, decoded as UTF-8."""
    return llm.detokenize(llm.tokenize(text.encode("utf-8"))).decode("utf-8", errors="replace")


def token_vectors(text: str, normalize: bool = False) -> list[list[float]]:
    """A vector per token of `text`."""
    return embedder.embed(text, normalize=normalize)


def token_vectors_of_each(texts: list[str]) -> list[list[list[float]]]:
    """A vector per token of each text."""
    return embedder.embed(texts)


def mean_vector(text: str, normalize: bool = False) -> list[float]:
    """The mean of `text`'s token vectors."""
    return pooled.embed(text, normalize=normalize)


def mean_vectors(texts: list[str], normalize: bool = False,
                 truncate: bool = True) -> list[list[float]]:
    """The mean vector of each text."""
    return pooled.embed(texts, normalize=normalize, truncate=truncate)


def response(texts: list[str]) -> dict[str, Any]:
    """The embedding response of the texts."""
    return pooled.create_embedding(texts)


def response_of_one(text: str) -> dict[str, Any]:
    """The embedding response of one text, a vector per token."""
    return embedder.create_embedding(text)


def not_an_embedder(text: str) -> list[float]:
    """`embed` on a model loaded without embedding=True."""
    return llm.embed(text)
