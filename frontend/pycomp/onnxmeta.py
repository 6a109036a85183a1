"""The signature of an ONNX model, read at compile time.

`session.run(...)` returns a list of arrays whose dtypes and ranks only the
model file knows; the compiler reads them here to type the outputs (and check
the feeds). The model is parsed with `protobuf` against the part of ONNX's
schema this needs (`_SCHEMA`: the graph's inputs, outputs and initializer
names); it is never run. Not the `onnx` package: importing it takes about a
second (most of a no-op `pycomp build` of a model program), and reading a
model's signature needs none of it.

    >>> sig = read_model_signature("model.onnx")
    >>> sig.inputs
    (('input_ids', 'int64', ('batch', 'sequence')), ...)
    >>> sig.outputs
    (('last_hidden_state', 'float32', ('batch', 'sequence', 384)),)

Dtypes are numpy names (`float32`, `int64`, `bool`, ...); a non-tensor value
(a sequence or map) has its ONNX type text instead (`seq(tensor(float))`) and
no dims. A dim is an `int` (fixed), a `str` (symbolic: `batch`), or `-1`
(dynamic without a name).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

Dim = int | str
Value = tuple[str, str, tuple[Dim, ...]]  # (name, dtype, dims)

# ONNX TensorProto element types -> numpy dtype names.
_NUMPY_NAMES = {
    1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
    8: "str", 9: "bool", 10: "float16", 11: "float64", 12: "uint32", 13: "uint64",
    14: "complex64", 15: "complex128", 16: "bfloat16",
}


class ModelError(Exception):
    """The model file is missing, unreadable, or not an ONNX model."""


@dataclass(frozen=True, slots=True)
class ModelSignature:
    """The graph inputs a caller feeds (initializers excluded) and the outputs,
    in the model's order."""

    inputs: tuple[Value, ...]
    outputs: tuple[Value, ...]

    def input(self, name: str) -> Value | None:
        return next((v for v in self.inputs if v[0] == name), None)

    def output(self, name: str) -> Value | None:
        return next((v for v in self.outputs if v[0] == name), None)


def describe(value: Value) -> str:
    """`input_ids: int64 [batch, sequence]`, for diagnostics."""
    name, dtype, dims = value
    return f"{name}: {dtype} [{', '.join(str(d) for d in dims)}]"


def read_model_signature(path: str | os.PathLike[str]) -> ModelSignature:
    """The inputs and outputs of the ONNX model at `path`.

    Raises `ModelError` (naming the file) when it is missing, unreadable or
    not an ONNX model. Results are cached per file and modification time."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ModelError(f"no such file: {p}") from None
    except OSError as e:
        raise ModelError(f"cannot read {p}: {e.strerror or e}") from None
    if not p.is_file():
        raise ModelError(f"not a file: {p}")
    return _read(str(p.resolve()), st.st_mtime_ns, st.st_size, str(p))


@lru_cache(maxsize=32)
def _read(path: str, _mtime_ns: int, _size: int, shown: str) -> ModelSignature:
    from google.protobuf.message import DecodeError

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ModelError(f"cannot read {shown}: {e.strerror or e}") from None
    model = _model_class()()
    try:
        # Always the binary format, as onnxruntime reads it.
        model.ParseFromString(data)
    except DecodeError as e:
        first = str(e).splitlines()[0] if str(e) else ""
        raise ModelError(f"{shown} is not an ONNX model ({type(e).__name__}: {first})") from None
    graph = model.graph
    if not graph.output:
        # Any bytes parse as an (empty) ModelProto when the wire format allows;
        # a model without outputs is certainly not one.
        raise ModelError(f"{shown} is not an ONNX model (its graph has no outputs)")
    initializers = {i.name for i in graph.initializer} | \
        {i.values.name for i in graph.sparse_initializer}
    inputs = tuple(_value(v) for v in graph.input if v.name not in initializers)
    outputs = tuple(_value(v) for v in graph.output)
    return ModelSignature(inputs, outputs)


# The part of onnx/onnx-ml.proto (proto2) a signature needs, with ONNX's own
# field numbers: protobuf skips every other field of a model (nodes, weights).
# message -> (field, number, label, type or message)
_SCHEMA: dict[str, list[tuple[str, int, str, str]]] = {
    "ModelProto": [("graph", 7, "optional", "GraphProto")],
    "GraphProto": [("initializer", 5, "repeated", "TensorProto"),
                   ("sparse_initializer", 15, "repeated", "SparseTensorProto"),
                   ("input", 11, "repeated", "ValueInfoProto"),
                   ("output", 12, "repeated", "ValueInfoProto")],
    "TensorProto": [("name", 8, "optional", "string")],
    "SparseTensorProto": [("values", 1, "optional", "TensorProto")],
    "ValueInfoProto": [("name", 1, "optional", "string"),
                       ("type", 2, "optional", "TypeProto")],
    "TypeProto": [("tensor_type", 1, "optional", "TypeProto.Tensor"),
                  ("sequence_type", 4, "optional", "TypeProto.Sequence"),
                  ("map_type", 5, "optional", "TypeProto.Map"),
                  ("optional_type", 9, "optional", "TypeProto.Optional"),
                  ("sparse_tensor_type", 8, "optional", "TypeProto.Other"),
                  ("opaque_type", 7, "optional", "TypeProto.Other")],
    "TypeProto.Other": [],
    "TypeProto.Tensor": [("elem_type", 1, "optional", "int32"),
                         ("shape", 2, "optional", "TensorShapeProto")],
    "TypeProto.Sequence": [("elem_type", 1, "optional", "TypeProto")],
    "TypeProto.Map": [("key_type", 1, "optional", "int32"),
                      ("value_type", 2, "optional", "TypeProto")],
    "TypeProto.Optional": [("elem_type", 1, "optional", "TypeProto")],
    "TensorShapeProto": [("dim", 1, "repeated", "TensorShapeProto.Dimension")],
    "TensorShapeProto.Dimension": [("dim_value", 1, "optional", "int64"),
                                   ("dim_param", 2, "optional", "string")],
}
# ONNX's `oneof value` groups: setting one member clears the others, as in onnx.
_ONEOFS = {"TypeProto": 6, "TensorShapeProto.Dimension": 2}  # the first N fields


@lru_cache(maxsize=1)
def _model_class() -> Any:
    """The ModelProto class of `_SCHEMA`, in a descriptor pool of its own (so it never
    meets the `onnx` package's classes, should that be imported too)."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    fdp = descriptor_pb2.FileDescriptorProto(name="pycomp_onnx_subset.proto",
                                             package="pycomp_onnx", syntax="proto2")
    F = descriptor_pb2.FieldDescriptorProto
    scalars = {"string": F.TYPE_STRING, "int32": F.TYPE_INT32, "int64": F.TYPE_INT64}
    labels = {"optional": F.LABEL_OPTIONAL, "repeated": F.LABEL_REPEATED}
    messages: dict[str, Any] = {}
    for full_name, fields in _SCHEMA.items():
        outer, _, inner = full_name.partition(".")
        msg = messages[outer].nested_type.add(name=inner) if inner \
            else fdp.message_type.add(name=outer)
        messages[full_name] = msg
        if full_name in _ONEOFS:
            msg.oneof_decl.add(name="value")
        for i, (name, number, label, kind) in enumerate(fields):
            field = msg.field.add(name=name, number=number, label=labels[label])
            if i < _ONEOFS.get(full_name, 0):
                field.oneof_index = 0
            if kind in scalars:
                field.type = scalars[kind]
            else:
                field.type = F.TYPE_MESSAGE
                field.type_name = f".pycomp_onnx.{kind}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("pycomp_onnx.ModelProto"))


def _value(v: Any) -> Value:  # v: ValueInfoProto
    t = v.type
    if t.HasField("tensor_type"):
        tt = t.tensor_type
        dtype = _NUMPY_NAMES.get(tt.elem_type, f"onnx-type-{tt.elem_type}")
        dims: tuple[Dim, ...] = ()
        if tt.HasField("shape"):
            dims = tuple(_dim(d) for d in tt.shape.dim)
        return (v.name, dtype, dims)
    return (v.name, _type_text(t), ())


def _dim(d: Any) -> Dim:  # d: TensorShapeProto.Dimension
    if d.HasField("dim_value"):
        return int(d.dim_value)
    if d.HasField("dim_param") and d.dim_param:
        return str(d.dim_param)
    return -1


def _type_text(t: Any) -> str:  # t: TypeProto, as onnxruntime's NodeArg.type spells it
    if t.HasField("tensor_type"):
        return f"tensor({_onnx_elem(t.tensor_type.elem_type)})"
    if t.HasField("sequence_type"):
        return f"seq({_type_text(t.sequence_type.elem_type)})"
    if t.HasField("map_type"):
        return f"map({_onnx_elem(t.map_type.key_type)},{_type_text(t.map_type.value_type)})"
    if t.HasField("optional_type"):
        return f"optional({_type_text(t.optional_type.elem_type)})"
    return "unknown"


def _onnx_elem(code: int) -> str:
    names = {1: "float", 11: "double", 8: "string"}
    return names.get(code, _NUMPY_NAMES.get(code, f"type-{code}"))


__all__ = ["ModelError", "ModelSignature", "describe", "read_model_signature"]
