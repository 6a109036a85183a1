"""A tiny causal decoder with a KV cache, named as optimum exports GPT-2/Llama.

``make_decoder(out_dir)`` writes

- ``decoder.onnx``: inputs ``input_ids``, ``attention_mask``, ``position_ids``
  (int64; ``[batch, sequence]``, the mask ``[batch, past_sequence + sequence]``)
  and ``past_key_values.N.key`` / ``past_key_values.N.value`` (float32,
  ``[batch, HEADS, past_sequence, HEAD_DIM]``) for N < LAYERS; outputs
  ``logits`` (float32, ``[batch, sequence, vocab]``) and ``present.N.key`` /
  ``present.N.value`` (the past with this step's keys and values appended on
  axis 2). Each layer is causal multi-head attention (a key is seen when its
  position is at most the query's position id and its mask is 1) with a
  residual, then a tanh MLP with a residual; seeded random weights;
- ``tokenizer.json``: a byte-level BPE (GPT-2's pre-tokenizer and decoder)
  trained on a few hundred English words, ``<|endoftext|>`` as id 0,

and returns ``{"decoder": path, "tokenizer": path}``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LAYERS = 2
HEADS = 2
HEAD_DIM = 8
HIDDEN = HEADS * HEAD_DIM
SEED = 20261206
EOS = "<|endoftext|>"


def make_tokenizer(path: Path) -> Path:
    from make_tiny import WORDS
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=[EOS], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    text = " ".join(WORDS)
    tok.train_from_iterator([text, text.upper(), "The cat sat on the mat. Hello, world!"],
                            trainer=trainer)
    tok.save(str(path))
    return path


def make_model(path: Path, vocab_size: int) -> Path:
    rng = np.random.default_rng(SEED)

    def weight(name: str, shape: tuple[int, ...], scale: float) -> onnx.TensorProto:
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32),
                                       name)

    inits = [
        weight("wte", (vocab_size, HIDDEN), 1.0),
        weight("wpe", (64, HIDDEN), 0.5),
        weight("lm_head", (HIDDEN, vocab_size), 1.0),
        numpy_helper.from_array(np.array([0, 0, HEADS, HEAD_DIM], dtype=np.int64), "heads_shape"),
        numpy_helper.from_array(np.array([0, 0, HIDDEN], dtype=np.int64), "hidden_shape"),
        numpy_helper.from_array(np.array([1, 2], dtype=np.int64), "axes12"),
        numpy_helper.from_array(np.array([1, 3], dtype=np.int64), "axes13"),
        numpy_helper.from_array(np.array(1.0 / np.sqrt(HEAD_DIM), dtype=np.float32), "scale"),
        numpy_helper.from_array(np.array(-1e9, dtype=np.float32), "masked"),
        numpy_helper.from_array(np.array(0, dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array(1, dtype=np.int64), "one"),
    ]
    nodes = [
        helper.make_node("Gather", ["wte", "input_ids"], ["tok_emb"]),
        helper.make_node("Gather", ["wpe", "position_ids"], ["pos_emb"]),
        helper.make_node("Add", ["tok_emb", "pos_emb"], ["h0"]),
        # allowed[b, 1, q, k] = k <= position_ids[b, q] and attention_mask[b, k] == 1
        helper.make_node("Shape", ["attention_mask"], ["mask_shape"], start=1, end=2),
        helper.make_node("Squeeze", ["mask_shape"], ["total"]),
        helper.make_node("Range", ["zero", "total", "one"], ["kpos"]),
        helper.make_node("Unsqueeze", ["position_ids", "axes13"], ["qpos"]),
        helper.make_node("LessOrEqual", ["kpos", "qpos"], ["causal"]),
        helper.make_node("Cast", ["attention_mask"], ["mask_bool"], to=TensorProto.BOOL),
        helper.make_node("Unsqueeze", ["mask_bool", "axes12"], ["mask4"]),
        helper.make_node("And", ["causal", "mask4"], ["allowed"]),
    ]
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                      ["batch_size", "past_sequence_length + sequence_length"]),
        helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
    ]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                             ["batch_size", "sequence_length", vocab_size])]
    h = "h0"
    for n in range(LAYERS):
        p = f"l{n}_"
        inits += [weight(p + w, (HIDDEN, HIDDEN), 0.5) for w in ("wq", "wk", "wv", "wo")]
        inits += [weight(p + "up", (HIDDEN, 2 * HIDDEN), 0.5),
                  weight(p + "down", (2 * HIDDEN, HIDDEN), 0.5)]
        for kind in ("q", "k", "v"):
            nodes += [
                helper.make_node("MatMul", [h, p + "w" + kind], [p + kind + "_flat"]),
                helper.make_node("Reshape", [p + kind + "_flat", "heads_shape"], [p + kind + "_bshd"]),
                helper.make_node("Transpose", [p + kind + "_bshd"], [p + kind + "_new"], perm=[0, 2, 1, 3]),
            ]
        past_k, past_v = f"past_key_values.{n}.key", f"past_key_values.{n}.value"
        present_k, present_v = f"present.{n}.key", f"present.{n}.value"
        nodes += [
            helper.make_node("Concat", [past_k, p + "k_new"], [present_k], axis=2),
            helper.make_node("Concat", [past_v, p + "v_new"], [present_v], axis=2),
            helper.make_node("Transpose", [present_k], [p + "kt"], perm=[0, 1, 3, 2]),
            helper.make_node("MatMul", [p + "q_new", p + "kt"], [p + "scores_raw"]),
            helper.make_node("Mul", [p + "scores_raw", "scale"], [p + "scores"]),
            helper.make_node("Where", ["allowed", p + "scores", "masked"], [p + "scores_masked"]),
            helper.make_node("Softmax", [p + "scores_masked"], [p + "attn"], axis=-1),
            helper.make_node("MatMul", [p + "attn", present_v], [p + "ctx"]),
            helper.make_node("Transpose", [p + "ctx"], [p + "ctx_bshd"], perm=[0, 2, 1, 3]),
            helper.make_node("Reshape", [p + "ctx_bshd", "hidden_shape"], [p + "ctx_flat"]),
            helper.make_node("MatMul", [p + "ctx_flat", p + "wo"], [p + "attn_out"]),
            helper.make_node("Add", [h, p + "attn_out"], [p + "h1"]),
            helper.make_node("MatMul", [p + "h1", p + "up"], [p + "up_out"]),
            helper.make_node("Tanh", [p + "up_out"], [p + "act"]),
            helper.make_node("MatMul", [p + "act", p + "down"], [p + "down_out"]),
            helper.make_node("Add", [p + "h1", p + "down_out"], [p + "h2"]),
        ]
        h = p + "h2"
        kv = ["batch_size", HEADS, "past_sequence_length", HEAD_DIM]
        kv_out = ["batch_size", HEADS, "past_sequence_length + sequence_length", HEAD_DIM]
        inputs += [helper.make_tensor_value_info(past_k, TensorProto.FLOAT, kv),
                   helper.make_tensor_value_info(past_v, TensorProto.FLOAT, kv)]
        outputs += [helper.make_tensor_value_info(present_k, TensorProto.FLOAT, kv_out),
                    helper.make_tensor_value_info(present_v, TensorProto.FLOAT, kv_out)]
    nodes.append(helper.make_node("MatMul", [h, "lm_head"], ["logits"]))
    graph = helper.make_graph(nodes, "tiny_decoder", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="pycomp-make-decoder", producer_version="1")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def make_decoder(out_dir: Path) -> dict[str, Path]:
    from tokenizers import Tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    tok = make_tokenizer(out_dir / "tokenizer.json")
    vocab = Tokenizer.from_file(str(tok)).get_vocab_size()
    return {"decoder": make_model(out_dir / "decoder.onnx", vocab), "tokenizer": tok}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    print(make_decoder(Path(sys.argv[1])))
