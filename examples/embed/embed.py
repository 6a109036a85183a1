"""Sentence embeddings with all-MiniLM-L6-v2.

Tokenize, run the ONNX model, mean-pool the token embeddings over the
attention mask, L2-normalise. `pycomp build` compiles this file as it is.
"""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
tokenizer.enable_truncation(max_length=256)
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """One L2-normalised 384-dimensional embedding per text."""
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
    summed = (hidden * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.clip(norms, 1e-12, None)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts."""
    e = embed([a, b])
    return float(np.sum(e[0] * e[1]))
