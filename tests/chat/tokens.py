"""SmolLM2's tokens through llama-cpp-python's `tokenize` and `detokenize`, compiled by
tests/test_chat.py (which puts this file beside a link to examples/chat/model/)."""

from llama_cpp import Llama

llm = Llama(model_path="model/SmolLM2-135M-Instruct.Q4_1.gguf", n_ctx=2048, seed=0,
            n_threads=2, verbose=False)


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
