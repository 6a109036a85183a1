"""Values between the fuzz harness and its Node child (tests/fuzz/child.js), as
JSON: `tagged` writes an argument so that JavaScript rebuilds the value the
Node binding takes (ints as BigInt, sets as Set, dicts as Map, arrays as typed
arrays); `canon` writes a result in the canonical form child.js gives the
binding's result, so the two compare as JSON.

Floats go as the hex of their 8 bytes (exact, signed zeros kept; every NaN is
`nan`); sets and dicts are sorted (a JavaScript object orders integer-like
keys first, so order is not compared across the binding).
"""

from __future__ import annotations

import json
import math
import struct
from typing import Any

import numpy as np


def float_hex(x: float) -> str:
    return "nan" if math.isnan(x) else struct.pack("<d", x).hex()


def _key(x: Any) -> str:
    return json.dumps(x, separators=(",", ":"), ensure_ascii=False)


def tagged(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return {"b": v}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": float_hex(v)}
    if isinstance(v, str):
        return {"s": v}
    if isinstance(v, (list, tuple)):
        return {"l": [tagged(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"set": [tagged(x) for x in v]}
    if isinstance(v, dict):
        return {"d": [[tagged(k), tagged(x)] for k, x in v.items()]}
    if isinstance(v, np.ndarray):
        return {"nd": v.dtype.name, "shape": list(v.shape),
                "data": [float_hex(float(x)) for x in v.ravel()]}
    raise TypeError(f"no tagged form for {type(v).__name__}")


def canon(v: Any) -> Any:
    if isinstance(v, (set, frozenset)):
        return {"set": sorted((canon(x) for x in v), key=_key)}
    if isinstance(v, dict):
        return {"d": sorted(([canon(k), canon(x)] for k, x in v.items()), key=_key)}
    if isinstance(v, (list, tuple)):
        return {"l": [canon(x) for x in v]}
    return tagged(v)
