"""Record llama-cpp-python's greedy answers on SmolLM2 for tests/test_chat.py.

    python tests/chat/make_reference.py      # writes tests/chat/reference.json

llama-cpp-python has no wheel for this platform and its source build takes
longer than CI can spend (docs/client.md, "Chat completions"), so the test
compares the compiled bundle with these recorded answers, and with
llama-cpp-python itself when it is installed. Build llama-cpp-python with the
same ggml options as the bundle's llama.cpp (pycomp/build.py, LLAMA_CPP_ENV):

    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON \
      -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_SSE42=ON -DGGML_OPENMP=OFF" \
      pip install llama-cpp-python==0.3.36

For each case: the generated token ids (greedy, sampled by llama-cpp-python's
own `generate` on the prompt its chat handler renders), each token's text,
and what `create_chat_completion` answers (text, usage, finish reason).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "examples" / "chat"))

from fetch_model import fetch

# The example's Llama(...) options (examples/chat/chat.py).
OPTIONS = {"n_ctx": 2048, "seed": 0, "n_threads": 2}
MAX_TOKENS = 32
CASES: list[list[dict[str, str]]] = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "user", "content": "Write a haiku about the sea."}],
    [{"role": "system", "content": "You are a pirate. Answer like one."},
     {"role": "user", "content": "Say hello to my friend."}],
    [{"role": "user", "content": "Hi!"},
     {"role": "assistant", "content": "Hello! How can I help you today?"},
     {"role": "user", "content": "Name three colours."}],
    [{"role": "user", "content": "Explain gravity in one sentence."}],
]
COMPLETION_PROMPT = "The three primary colours are"


def record(llm: Any, messages: list[dict[str, str]]) -> dict[str, Any]:
    from llama_cpp import llama_chat_format, llama_cpp

    llm.reset()  # a fresh context per request, as the compiled function has
    out = llm.create_chat_completion(messages=messages, max_tokens=MAX_TOKENS, temperature=0.0)
    template = llm.metadata["tokenizer.chat_template"]
    formatter = llama_chat_format.Jinja2ChatFormatter(
        template, eos_token=llm._model.token_get_text(llm.token_eos()),
        bos_token=llm._model.token_get_text(llm.token_bos()))
    prompt = llm.tokenize(formatter(messages=messages).prompt.encode("utf-8"), add_bos=False,
                          special=True)
    llm.reset()
    ids: list[int] = []
    for token in llm.generate(prompt, temp=0.0, top_k=40, top_p=0.95, min_p=0.05,
                              repeat_penalty=1.0):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, token) or len(ids) == MAX_TOKENS:
            break
        ids.append(token)
    text = out["choices"][0]["message"]["content"]
    pieces = [llm.detokenize([t]).decode("utf-8", errors="ignore") for t in ids]
    assert "".join(pieces) == text, (pieces, text)  # the ids are the answer's
    return {"messages": messages, "max_tokens": MAX_TOKENS, "prompt_ids": prompt,
            "ids": ids, "pieces": pieces, "text": text, "usage": out["usage"],
            "finish_reason": out["choices"][0]["finish_reason"]}


def main() -> int:
    import llama_cpp
    from llama_cpp import Llama

    llm = Llama(model_path=str(fetch()), verbose=False, **OPTIONS)
    llm.reset()
    done = llm.create_completion(COMPLETION_PROMPT, max_tokens=16, temperature=0.0)
    ref = {
        "llama_cpp_python": llama_cpp.__version__,
        "options": OPTIONS,
        "chat": [record(llm, m) for m in CASES],
        "completion": {"prompt": COMPLETION_PROMPT, "max_tokens": 16,
                       "text": done["choices"][0]["text"], "usage": done["usage"],
                       "finish_reason": done["choices"][0]["finish_reason"]},
    }
    (HERE / "reference.json").write_text(json.dumps(ref, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {HERE / 'reference.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
