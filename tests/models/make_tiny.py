"""Tiny, deterministic stand-ins for a sentence-embedding model and its tokenizer.

``make_all(out_dir)`` writes

- ``embed.onnx``: inputs ``input_ids``, ``attention_mask``, ``token_type_ids``
  (int64, ``[batch, sequence]``), output ``last_hidden_state`` (float32,
  ``[batch, sequence, 32]``): word and token-type embeddings (Gather), a
  masked mean over the sequence added back to every token (so padding changes
  every output), a MatMul and a Tanh;
- ``classifier.onnx``: the same inputs, output ``logits`` (float32,
  ``[batch, 3]``): the same trunk, a masked mean pool, a MatMul;
- ``tokenizer.json``: a WordPiece tokenizer of about 230 entries (the
  specials ``[PAD]`` ``[UNK]`` ``[CLS]`` ``[SEP]`` ``[MASK]``, common English
  words, punctuation and a few ``##`` suffixes) with BertNormalizer,
  BertPreTokenizer, TemplateProcessing adding ``[CLS]``/``[SEP]``, a WordPiece
  decoder, batch-longest padding and truncation at 32,

and returns ``{"embed": path, "classifier": path, "tokenizer": path}``. The
weights come from a seeded generator and the files are byte-identical from run
to run. Run as a script (``python3 make_tiny.py OUT_DIR``) it also checks the
models in onnxruntime and prints the paths as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN = 32
LABELS = 3
SEED = 20261125
OPSET = 17
IR_VERSION = 8

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

WORDS = """
the a an and or but not no yes of to in on at by for with from as is are was were
be been being am do does did done have has had having will would can could should
may might must shall this that these those it its i you he she we they me him her
us them my your his our their what which who whom whose when where why how all any
both each few more most other some such only own same so than too very just now
then there here up down out over under again once about into through during before
after above below between hello world good bad new old big small long short high
low great little first last next early late young right left true false hot cold
day night time year week today tomorrow people man woman child dog cat bird fish
house car road city country water food book word text sentence model search query
passage document question answer test example one two three four five six seven
eight nine ten love like make go see know think take come want use find give tell
work call try ask need feel become leave put mean keep let begin seem help show
hear play run move live believe
""".split()  # noqa: SIM905 - a word list reads best as text

PUNCT = [".", ",", "!", "?", "'", "-", ":", ";"]
SUFFIXES = ["##s", "##es", "##ed", "##ing", "##ly", "##er", "##est"]


def vocab() -> dict[str, int]:
    """The tokenizer's vocabulary: token -> id, ids dense from 0."""
    seen: dict[str, int] = {}
    for tok in SPECIALS + WORDS + PUNCT + SUFFIXES:
        if tok not in seen:
            seen[tok] = len(seen)
    return seen


def make_tokenizer(path: Path) -> Path:
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    v = vocab()
    tok = Tokenizer(models.WordPiece(vocab=v, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", v["[CLS]"]), ("[SEP]", v["[SEP]"])],
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    tok.add_special_tokens(SPECIALS)
    tok.enable_padding(pad_id=v["[PAD]"], pad_token="[PAD]")
    tok.enable_truncation(max_length=32)
    tok.save(str(path), pretty=True)
    return path


def _trunk(rng: np.random.Generator, vocab_size: int) -> tuple[list, list, str]:
    """Nodes and initializers computing ``hidden`` [batch, sequence, HIDDEN]
    from the three inputs; also ``mask3`` [batch, sequence, 1] and ``count``
    [batch, 1, 1] for pooling."""
    inits = [
        numpy_helper.from_array(rng.normal(0, 0.5, (vocab_size, HIDDEN)).astype(np.float32), "word_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.5, (2, HIDDEN)).astype(np.float32), "type_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.3, (HIDDEN, HIDDEN)).astype(np.float32), "dense_w"),
        numpy_helper.from_array(rng.normal(0, 0.1, (HIDDEN,)).astype(np.float32), "dense_b"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2"),
        numpy_helper.from_array(np.array(1e-6, dtype=np.float32), "eps"),
    ]
    nodes = [
        helper.make_node("Gather", ["word_embeddings", "input_ids"], ["word"], name="word_gather"),
        helper.make_node("Gather", ["type_embeddings", "token_type_ids"], ["ttype"], name="type_gather"),
        helper.make_node("Add", ["word", "ttype"], ["emb"], name="emb_add"),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT, name="mask_cast"),
        helper.make_node("Unsqueeze", ["maskf", "axis2"], ["mask3"], name="mask_unsqueeze"),
        helper.make_node("Mul", ["emb", "mask3"], ["emb_masked"], name="emb_mask"),
        helper.make_node("ReduceSum", ["emb_masked", "axis1"], ["emb_sum"], keepdims=1, name="ctx_sum"),
        helper.make_node("ReduceSum", ["mask3", "axis1"], ["count_raw"], keepdims=1, name="ctx_count"),
        helper.make_node("Add", ["count_raw", "eps"], ["count"], name="count_eps"),
        helper.make_node("Div", ["emb_sum", "count"], ["ctx"], name="ctx_mean"),
        helper.make_node("Add", ["emb", "ctx"], ["mixed"], name="mix"),
        helper.make_node("MatMul", ["mixed", "dense_w"], ["dense"], name="dense_matmul"),
        helper.make_node("Add", ["dense", "dense_b"], ["dense_biased"], name="dense_bias"),
        helper.make_node("Tanh", ["dense_biased"], ["hidden"], name="dense_tanh"),
    ]
    return nodes, inits, "hidden"


def _inputs() -> list:
    return [
        helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
        for name in ("input_ids", "attention_mask", "token_type_ids")
    ]


def _save(graph, path: Path) -> Path:
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="pycomp-make-tiny",
        producer_version="1",
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    path.write_bytes(model.SerializeToString(deterministic=True))
    return path


def make_embed(path: Path, vocab_size: int) -> Path:
    rng = np.random.default_rng(SEED)
    nodes, inits, hidden = _trunk(rng, vocab_size)
    nodes.append(helper.make_node("Identity", [hidden], ["last_hidden_state"], name="output"))
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", HIDDEN])
    graph = helper.make_graph(nodes, "tiny_embed", _inputs(), [out], initializer=inits)
    return _save(graph, path)


def make_classifier(path: Path, vocab_size: int) -> Path:
    rng = np.random.default_rng(SEED + 1)
    nodes, inits, hidden = _trunk(rng, vocab_size)
    inits += [
        numpy_helper.from_array(rng.normal(0, 0.5, (HIDDEN, LABELS)).astype(np.float32), "cls_w"),
        numpy_helper.from_array(rng.normal(0, 0.1, (LABELS,)).astype(np.float32), "cls_b"),
    ]
    nodes += [
        helper.make_node("Mul", [hidden, "mask3"], ["hidden_masked"], name="pool_mask"),
        helper.make_node("ReduceSum", ["hidden_masked", "axis1"], ["pool_sum"], keepdims=0, name="pool_sum"),
        helper.make_node("ReduceSum", ["mask3", "axis1"], ["pool_count_raw"], keepdims=0, name="pool_count"),
        helper.make_node("Add", ["pool_count_raw", "eps"], ["pool_count_eps"], name="pool_count_eps"),
        helper.make_node("Div", ["pool_sum", "pool_count_eps"], ["pooled"], name="pool_mean"),
        helper.make_node("MatMul", ["pooled", "cls_w"], ["cls"], name="cls_matmul"),
        helper.make_node("Add", ["cls", "cls_b"], ["logits"], name="cls_bias"),
    ]
    out = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", LABELS])
    graph = helper.make_graph(nodes, "tiny_classifier", _inputs(), [out], initializer=inits)
    return _save(graph, path)


def make_all(out_dir) -> dict[str, str]:
    """Writes the tiny models and tokenizer into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    size = len(vocab())
    return {
        "embed": str(make_embed(out / "embed.onnx", size)),
        "classifier": str(make_classifier(out / "classifier.onnx", size)),
        "tokenizer": str(make_tokenizer(out / "tokenizer.json")),
    }


def check(paths: dict[str, str]) -> None:
    """Runs both models in onnxruntime on tokenized text and checks shapes and
    that padding changes the outputs."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(paths["tokenizer"])
    encs = tok.encode_batch(["hello world", "the dog runs in the city today"])
    feed = {
        "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
    }
    assert "[UNK]" not in encs[1].tokens, encs[1].tokens
    embed = ort.InferenceSession(paths["embed"], providers=["CPUExecutionProvider"])
    (hidden,) = embed.run(None, feed)
    assert hidden.shape == (2, feed["input_ids"].shape[1], HIDDEN) and hidden.dtype == np.float32
    single = tok.encode("hello world")
    alone = embed.run(None, {
        "input_ids": np.array([single.ids], dtype=np.int64),
        "attention_mask": np.array([single.attention_mask], dtype=np.int64),
        "token_type_ids": np.array([single.type_ids], dtype=np.int64),
    })[0]
    # Same tokens, but the batch padded the first row: masked positions are
    # excluded, so the real tokens agree; the padded ones exist and differ.
    assert np.allclose(alone[0], hidden[0, : alone.shape[1]], atol=1e-5)
    cls = ort.InferenceSession(paths["classifier"], providers=["CPUExecutionProvider"])
    (logits,) = cls.run(None, feed)
    assert logits.shape == (2, LABELS) and logits.dtype == np.float32
    unmasked = dict(feed, attention_mask=np.ones_like(feed["attention_mask"]))
    assert not np.allclose(cls.run(None, unmasked)[0][0], logits[0]), "padding must matter"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_tiny.py OUT_DIR")
    made = make_all(sys.argv[1])
    check(made)
    print(json.dumps(made))
