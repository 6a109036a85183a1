"""EmbeddingGemma-style sentence embeddings.

The function the seed talk compiles: a task-to-prefix map, a list
comprehension adding the prefix, `encode_batch`, `session.run`, and the
sentence embedding the model returns. With a real EmbeddingGemma ONNX export,
put its `model.onnx` and `tokenizer.json` in `model/` beside this file (the
export's inputs are `input_ids` and `attention_mask`, its outputs
`last_hidden_state` and `sentence_embedding`); the tests use a tiny generated
model with the same names.
"""

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

TASK_PREFIXES = {
    "query": "task: search result | query: ",
    "document": "title: none | text: ",
    "classification": "task: classification | query: ",
    "clustering": "task: clustering | query: ",
    "similarity": "task: sentence similarity | query: ",
    "code": "task: code retrieval | query: ",
    "qa": "task: question answering | query: ",
    "fact": "task: fact checking | query: ",
}

tokenizer = Tokenizer.from_file("model/tokenizer.json")
tokenizer.enable_padding(pad_id=0, pad_token="<pad>")
session = ort.InferenceSession("model/model.onnx", providers=["CPUExecutionProvider"])


def embed(texts: list[str], task: str = "query") -> npt.NDArray[np.float32]:
    """Embed texts for a task: one row per text."""
    if task not in TASK_PREFIXES:
        raise ValueError(f"unknown task {task!r}; choose one of {sorted(TASK_PREFIXES)}")
    prefix = TASK_PREFIXES[task]
    prefixed = [prefix + text for text in texts]
    encodings = tokenizer.encode_batch(prefixed)
    input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
    attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    outputs = session.run(["sentence_embedding"], {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
    })
    return outputs[0]
