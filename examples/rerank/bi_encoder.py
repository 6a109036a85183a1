"""Reranking with all-MiniLM-L6-v2 as a bi-encoder.

The query and every document are embedded by the MiniLM model of
examples/embed (mean-pooled, L2-normalised); a document's relevance is the
cosine similarity of its embedding with the query's. `pycomp build` makes a
bundle whose `rerank` function `pycomp serve` offers at POST /v1/rerank.
"""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("../embed/model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
tokenizer.enable_truncation(max_length=256)
session = ort.InferenceSession("../embed/model/model.onnx", providers=["CPUExecutionProvider"])


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
    pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.clip(norms, 1e-12, None)


def rerank(query: str, documents: list[str]) -> npt.NDArray[np.float32]:
    """The cosine similarity of each document with the query, in document order."""
    vectors = embed([query] + documents)
    return vectors[1:] @ vectors[0]
