"""The signature of an ONNX model, read at compile time.

`session.run(...)` returns a list of arrays whose dtypes and ranks only the
model file knows; the compiler reads them here to type the outputs (and check
the feeds). The model is parsed with the `onnx` package; it is never run.

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
    import onnx

    try:
        # Always the binary format, as onnxruntime reads it (onnx.load would
        # pick a text format from a `.json` or `.txt` extension).
        model = onnx.load(path, format="protobuf", load_external_data=False)
    except OSError as e:
        raise ModelError(f"cannot read {shown}: {e.strerror or e}") from None
    except Exception as e:  # noqa: BLE001 - any parse failure means: not a model
        first = str(e).splitlines()[0] if str(e) else ""
        raise ModelError(f"{shown} is not an ONNX model ({type(e).__name__}: {first})") from None
    graph = model.graph
    if not graph.output:
        # Any bytes parse as an (empty) ModelProto when the wire format allows;
        # a model without outputs is certainly not one.
        raise ModelError(f"{shown} is not an ONNX model (its graph has no outputs)")
    initializers = {i.name for i in graph.initializer} | {i.name for i in graph.sparse_initializer}
    inputs = tuple(_value(v) for v in graph.input if v.name not in initializers)
    outputs = tuple(_value(v) for v in graph.output)
    return ModelSignature(inputs, outputs)


def _value(v) -> Value:  # v: onnx.ValueInfoProto
    t = v.type
    if t.HasField("tensor_type"):
        tt = t.tensor_type
        dtype = _NUMPY_NAMES.get(tt.elem_type, f"onnx-type-{tt.elem_type}")
        dims: tuple[Dim, ...] = ()
        if tt.HasField("shape"):
            dims = tuple(_dim(d) for d in tt.shape.dim)
        return (v.name, dtype, dims)
    return (v.name, _type_text(t), ())


def _dim(d) -> Dim:  # d: onnx.TensorShapeProto.Dimension
    if d.HasField("dim_value"):
        return int(d.dim_value)
    if d.HasField("dim_param") and d.dim_param:
        return str(d.dim_param)
    return -1


def _type_text(t) -> str:  # t: onnx.TypeProto, as onnxruntime's NodeArg.type spells it
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
