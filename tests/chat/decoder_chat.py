"""A chat function over the tiny ONNX decoder of tests/models/make_decoder.py (the
decoder loop of tests/test_decoder.py behind OpenAI's `messages`): the tests copy it
beside a generated `model/` folder and build it.

The messages become one prompt (`<|role|> content` lines, then `<|assistant|>`); the
answer is streamed one token at a time, greedy at temperature 0, else sampled with a
seeded numpy Generator (`chat`); `answer` gives it whole, `ramble` never stops before
max_tokens. The model has 64 positions: when they are used up the loop
starts a new context from the last token, so an answer can be as long as asked for.
"""

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
session = ort.InferenceSession("model/decoder.onnx", providers=["CPUExecutionProvider"])
N_LAYERS = 2
N_HEADS = 2
HEAD_DIM = 8
POSITIONS = 64
EOS_ID = 0


def empty_cache() -> dict[str, npt.NDArray[np.float32]]:
    past = {}
    for i in range(N_LAYERS):
        past[f"past_key_values.{i}.key"] = np.zeros((1, N_HEADS, 0, HEAD_DIM), dtype=np.float32)
        past[f"past_key_values.{i}.value"] = np.zeros((1, N_HEADS, 0, HEAD_DIM), dtype=np.float32)
    return past


def chat(messages: list[dict[str, str]], max_tokens: int = 16, temperature: float = 0.0,
         seed: int = 0, ignore_eos: bool = False) -> Iterator[str]:
    """The answer, one token at a time; with `ignore_eos` (llama.cpp's option) the
    end-of-text token is never chosen: the best other token is taken instead."""
    if not messages:
        raise ValueError("messages must not be empty")
    lines = []
    for m in messages:
        lines.append(f"<|{m['role']}|> {m['content']}\n")
    lines.append("<|assistant|>")
    ids = tokenizer.encode("".join(lines)).ids
    if len(ids) >= POSITIONS:
        raise ValueError(f"the prompt has {len(ids)} tokens; the model's context is "
                         f"{POSITIONS}")
    rng = np.random.default_rng(seed)
    past = empty_cache()
    step = np.array([ids], dtype=np.int64)
    total = len(ids)
    for _ in range(max_tokens):
        n = step.shape[1]
        outputs = session.run(None, {"input_ids": step,
                                     "attention_mask": np.ones((1, total), dtype=np.int64),
                                     "position_ids": np.arange(total - n, total,
                                                               dtype=np.int64).reshape(1, n),
                                     **past})
        if temperature == 0.0:
            next_id = int(outputs[0][0, -1].argmax())
        else:
            logits = outputs[0][0, -1] / temperature
            probs = np.exp(logits - logits.max())
            probs = probs / probs.sum()
            next_id = int(rng.choice(len(probs), p=probs))
        if next_id == EOS_ID:
            if not ignore_eos:
                break
            next_id = int(outputs[0][0, -1, 1:].argmax()) + 1
        yield tokenizer.decode([next_id])
        present = outputs[1:]
        for i in range(N_LAYERS):
            past[f"past_key_values.{i}.key"] = present[2 * i]
            past[f"past_key_values.{i}.value"] = present[2 * i + 1]
        if total == POSITIONS:
            past = empty_cache()
            total = 0
        step = np.array([[next_id]], dtype=np.int64)
        total += 1


def answer(messages: list[dict[str, str]], max_tokens: int = 16) -> str:
    """The whole greedy answer at once."""
    return "".join(chat(messages, max_tokens))


def ramble(messages: list[dict[str, str]], max_tokens: int = 16) -> Iterator[str]:
    """`chat` that goes on until max_tokens (the end-of-text token ignored)."""
    yield from chat(messages, max_tokens, 0.0, 0, True)
