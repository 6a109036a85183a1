"""Reranking with a cross-encoder: each (query, document) pair is one model input.

The tokenizer joins each pair with its pair template (`[CLS] query [SEP]
document [SEP]`, type ids 0 then 1) and the ONNX model reads the pair as a
whole; its first logit is the relevance score. Any BERT-style cross-encoder
exported to ONNX with `input_ids`, `attention_mask` and `token_type_ids`
inputs fits (put `model.onnx` and `tokenizer.json` in `model/`); the tests
build this file on a tiny generated pair model.
"""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
tokenizer.enable_truncation(max_length=512)
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def rerank(query: str, documents: list[str]) -> npt.NDArray[np.float32]:
    """One relevance logit per document, in document order."""
    queries = [query] * len(documents)
    encodings = tokenizer.encode_batch(list(zip(queries, documents)))
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    token_type_ids = np.array([e.type_ids for e in encodings], dtype=np.int64)
    logits = session.run(None, {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": token_type_ids,
    })[0]
    return logits[:, 0]
