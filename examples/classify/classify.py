"""Text classification: logits from an ONNX classifier, softmax, top-k labels."""

import math

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

LABELS = ["negative", "neutral", "positive"]

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
tokenizer.enable_truncation(max_length=64)
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def softmax(logits: list[float]) -> list[float]:
    """A numerically stable softmax, written by hand."""
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


def classify(texts: list[str], k: int = 2) -> list[list[tuple[str, float]]]:
    """The k most likely labels of each text, with their probabilities."""
    if k < 1 or k > len(LABELS):
        raise ValueError(f"k must be between 1 and {len(LABELS)}, got {k}")
    encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    types = np.array([e.type_ids for e in encodings], dtype=np.int64)
    logits = session.run(["logits"], {"input_ids": ids, "attention_mask": mask,
                                      "token_type_ids": types})[0]
    results = []
    for row in logits.tolist():
        probs = softmax(row)
        ranked = sorted(range(len(probs)), key=lambda i: probs[i], reverse=True)
        results.append([(LABELS[i], round(probs[i], 6)) for i in ranked[:k]])
    return results


def probabilities(texts: list[str]) -> np.ndarray:
    """Softmax over the labels with numpy, one row per text."""
    encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    types = np.array([e.type_ids for e in encodings], dtype=np.int64)
    logits = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                "token_type_ids": types})[0]
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)
