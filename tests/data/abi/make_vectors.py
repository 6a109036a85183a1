"""Writes the PCV conformance vectors (docs/abi.md, version 2) in this folder.

Each vector file holds cases: a manifest type, a value in the vectors' JSON
convention, and the bytes every implementation must write for it (and read
back as it); `invalid` cases hold bytes every reader must refuse without
crashing. The encoder below is written from docs/abi.md alone, with
`struct`, independently of the four implementations the vectors check (the
Rust runtime and loader crate, the Python loader, the C header, the Node
binding). tests/test_pcv_vectors.py fails when the files and this script
disagree: run `python tests/data/abi/make_vectors.py` after changing a case.

JSON convention for values, by type: `int` a number, or a decimal string
beyond 2**53; `float` a number, or {"float": "nan" | "inf" | "-inf" |
"-0.0"}; `list`, `set` and `tuple` arrays; `dict` an array of [key, value]
pairs; `ndarray` {"shape": [...], "data": [flat items in C order]} (float16
items as their IEEE 754 binary16 bits, the ints Node's Uint16Array and C's
uint16_t hold); `bytes` {"bytes": "<hex>"}.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ALIGN = 16
DTYPES = {"float32": (1, "<f"), "float64": (2, "<d"), "int32": (3, "<i"), "int64": (4, "<q"),
          "bool": (5, "<?"), "int8": (6, "<b"), "uint8": (7, "<B"), "int16": (8, "<h"),
          "uint16": (9, "<H"), "uint32": (10, "<I"), "float16": (11, "<H")}
PACKED = {"float": "float64", "int": "int64", "bool": "bool"}

INT = {"kind": "int"}
FLOAT = {"kind": "float"}
BOOL = {"kind": "bool"}
STR = {"kind": "str"}
BYTES = {"kind": "bytes"}
NONE = {"kind": "none"}


def LIST(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "list", "item": t}


def SET(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "set", "item": t}


def DICT(k: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "dict", "key": k, "value": v}


def TUPLE(*items: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "tuple", "items": list(items)}


def VARTUPLE(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "tuple", "item": t}


def OPT(t: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "optional", "item": t}


def ARRAY(dtype: str, ndim: int) -> dict[str, Any]:
    return {"kind": "ndarray", "dtype": dtype, "ndim": ndim}


def number(v: Any) -> float:
    if isinstance(v, dict):
        return float(v["float"])
    return float(v)


def encode(t: dict[str, Any], v: Any, out: bytearray) -> None:
    kind = t["kind"]
    if kind == "optional":
        if v is None:
            out.append(0x00)
        else:
            encode(t["item"], v, out)
    elif kind == "none":
        out.append(0x00)
    elif kind == "bool":
        out.append(0x02 if v else 0x01)
    elif kind == "int":
        out.append(0x03)
        out += struct.pack("<q", int(v))
    elif kind == "float":
        out.append(0x04)
        out += struct.pack("<d", number(v))
    elif kind == "str":
        b = v.encode("utf-8")
        out.append(0x05)
        out += struct.pack("<Q", len(b)) + b
    elif kind == "bytes":
        b = bytes.fromhex(v["bytes"])
        out.append(0x0C)
        out += struct.pack("<Q", len(b)) + b
    elif kind == "list" and t["item"]["kind"] in PACKED:
        code, fmt = DTYPES[PACKED[t["item"]["kind"]]]
        out += bytes([0x0B, code]) + struct.pack("<Q", len(v))
        out += bytes(-len(out) % ALIGN)
        for x in v:
            out += struct.pack(fmt, number(x) if fmt == "<d" else int(x))
    elif kind in ("list", "set"):
        out.append(0x06 if kind == "list" else 0x09)
        out += struct.pack("<Q", len(v))
        for x in v:
            encode(t["item"], x, out)
    elif kind == "tuple":
        out.append(0x07)
        out += struct.pack("<Q", len(v))
        items = t["items"] if "items" in t else [t["item"]] * len(v)
        for it, x in zip(items, v, strict=True):
            encode(it, x, out)
    elif kind == "dict":
        out.append(0x08)
        out += struct.pack("<Q", len(v))
        for k, x in v:
            encode(t["key"], k, out)
            encode(t["value"], x, out)
    elif kind == "ndarray":
        code, fmt = DTYPES[t["dtype"]]
        shape = v["shape"]
        data = b"".join(struct.pack(fmt, number(x) if fmt in ("<f", "<d") else x)
                        for x in v["data"])
        assert len(v["data"]) == math.prod(shape)
        out += bytes([0x0A, code, len(shape)])
        for d in shape:
            out += struct.pack("<Q", d)
        out += struct.pack("<Q", len(data))
        out += bytes(-len(out) % ALIGN)
        out += data
    else:
        raise ValueError(kind)


def case(name: str, t: dict[str, Any], value: Any) -> dict[str, Any]:
    out = bytearray()
    encode(t, value, out)
    return {"name": name, "type": t, "value": value, "hex": out.hex()}


def bad(name: str, t: dict[str, Any], hexstr: str, why: str) -> dict[str, Any]:
    return {"name": name, "type": t, "hex": hexstr.replace(" ", ""), "why": why}


NESTED = DICT(STR, LIST(TUPLE(INT, OPT(STR))))

FILES: dict[str, dict[str, Any]] = {
    "scalars.json": {
        "cases": [
            case("none", NONE, None),
            case("false", BOOL, False),
            case("true", BOOL, True),
            case("zero", INT, 0),
            case("minus one", INT, -1),
            case("int max", INT, str(2**63 - 1)),
            case("int min", INT, str(-(2**63))),
            case("float", FLOAT, 2.5),
            case("float tiny", FLOAT, 5e-324),
            case("float nan", FLOAT, {"float": "nan"}),
            case("float inf", FLOAT, {"float": "inf"}),
            case("float -inf", FLOAT, {"float": "-inf"}),
            case("float -0.0", FLOAT, {"float": "-0.0"}),
            case("empty str", STR, ""),
            case("ascii str", STR, "hello"),
            case("non-ascii str", STR, "naïve café ✓ 😀"),
            case("str with NUL", STR, "a\u0000b"),
            case("optional int given", OPT(INT), 7),
            case("optional int None", OPT(INT), None),
            case("empty bytes", BYTES, {"bytes": ""}),
            case("bytes", BYTES, {"bytes": "00ff61275c22"}),
            case("optional bytes given", OPT(BYTES), {"bytes": "0102"}),
            case("optional bytes None", OPT(BYTES), None),
        ],
        "invalid": [
            bad("empty buffer", INT, "", "no tag"),
            bad("truncated int", INT, "03 0100", "8 payload bytes expected"),
            bad("str longer than buffer", STR, "05 0500000000000000 6162", "length past the end"),
            bad("invalid UTF-8", STR, "05 0200000000000000 c328", "not UTF-8"),
            bad("lone surrogate", STR, "05 0300000000000000 eda080", "UTF-8 has no surrogates"),
            bad("wrong tag", INT, "05 0000000000000000", "a str is not an int"),
            bad("unknown tag", INT, "ff", "no such tag"),
            bad("huge count", LIST(STR), "06 ffffffffffffffff", "count past the end"),
            bad("bytes longer than buffer", BYTES, "0c 0300000000000000 6162",
                "length past the end"),
            bad("str for bytes", BYTES, "05 0100000000000000 61", "a str is not bytes"),
            bad("bytes for str", STR, "0c 0100000000000000 61", "bytes are not a str"),
        ],
    },
    "containers.json": {
        "cases": [
            case("list of str", LIST(STR), ["a", "bc", ""]),
            case("empty list of str", LIST(STR), []),
            case("list of lists of str", LIST(LIST(STR)), [["a"], [], ["b", "c"]]),
            case("set of int", SET(INT), [1, 2, 3]),
            case("dict str to int", DICT(STR, INT), [["b", 3], ["a", 2], ["__proto__", 1]]),
            case("dict int to str", DICT(INT, STR), [[2, "two"], [-1, "minus one"]]),
            case("tuple", TUPLE(INT, STR, FLOAT, BOOL), [1, "s", 2.5, True]),
            case("empty tuple", TUPLE(), []),
            case("optional str in tuple", TUPLE(OPT(STR), OPT(STR)), [None, "x"]),
            case("tuple of any length of str", VARTUPLE(STR), ["l", "o", "w", "</w>"]),
            case("empty tuple of any length", VARTUPLE(INT), []),
            case("tuple of any length of int (never packed)", VARTUPLE(INT), [1, -2, 3]),
            case("tuples of any length as keys", DICT(VARTUPLE(STR), INT),
                 [[["a", "b"], 2], [[], 0]]),
            case("nested", NESTED, [["x", [[1, "one"], [2, None]]], ["", []]]),
            case("list of bytes", LIST(BYTES), [{"bytes": "61"}, {"bytes": ""}, {"bytes": "ff00"}]),
            case("dict bytes to int", DICT(BYTES, INT), [[{"bytes": "6b"}, 1], [{"bytes": ""}, 2]]),
            case("bytes in a tuple", TUPLE(STR, BYTES, INT), ["a", {"bytes": "0d0a"}, 3]),
            # an object of a family (manifest kind "family"): (its class's name, its
            # class's record), here a `Circle(Shape)` with fields name: str, r: float
            case("object of a family", TUPLE(STR, TUPLE(STR, FLOAT)),
                 ["Circle", ["wheel", 2.5]]),
            # a failed call's error (docs/abi.md): (class, message), and for an exception
            # of the module's classes (args, fields) as a third element (`TooLong(n, limit)`
            # with `super().__init__(f"...")`, manifest fields `n: int`, `limit: int`); a
            # builtin class's carrying its args (a `KeyError`'s key) has no fields
            case("error", TUPLE(STR, STR), ["IndexError", "list index out of range"]),
            case("error with args", TUPLE(STR, STR, TUPLE(TUPLE(STR), TUPLE())),
                 ["KeyError", "'b'", [["b"], []]]),
            case("error with args and fields", TUPLE(STR, STR, TUPLE(TUPLE(STR), TUPLE(INT, INT))),
                 ["TooLong", "length 6 exceeds 2", [["length 6 exceeds 2"], [6, 2]]]),
        ],
        "invalid": [
            bad("tuple too short", TUPLE(INT, INT), "07 0100000000000000 03 0100000000000000",
                "a tuple[int, int] has 2 items"),
            bad("list item truncated", LIST(STR), "06 0200000000000000 05 0000000000000000",
                "the second item is missing"),
        ],
    },
    "arrays.json": {
        "cases": [
            case("packed floats", LIST(FLOAT), [1.5, -2.0, {"float": "nan"}]),
            case("packed ints", LIST(INT), [1, -2, str(2**63 - 1)]),
            case("packed bools", LIST(BOOL), [True, False, True]),
            case("empty packed floats", LIST(FLOAT), []),
            case("packed floats in a tuple", TUPLE(STR, LIST(FLOAT)), ["abc", [0.25, 0.5]]),
            case("lists of packed ints", LIST(LIST(INT)), [[1], [], [2, 3]]),
            case("ndarray float32 2-D", ARRAY("float32", 2),
                 {"shape": [2, 3], "data": [0.0, 1.0, 2.0, 3.0, 4.0, 5.5]}),
            case("ndarray float64 1-D", ARRAY("float64", 1), {"shape": [2], "data": [1.25, -0.5]}),
            case("ndarray int32 empty", ARRAY("int32", 2), {"shape": [0, 4], "data": []}),
            case("ndarray int64 0-D", ARRAY("int64", 0), {"shape": [], "data": [42]}),
            case("ndarray bool", ARRAY("bool", 1), {"shape": [3], "data": [True, False, True]}),
            case("ndarray int8", ARRAY("int8", 1), {"shape": [3], "data": [-128, 0, 127]}),
            case("ndarray uint8 2-D", ARRAY("uint8", 2), {"shape": [2, 2], "data": [0, 1, 254, 255]}),
            case("ndarray int16", ARRAY("int16", 1), {"shape": [2], "data": [-32768, 32767]}),
            case("ndarray uint16", ARRAY("uint16", 1), {"shape": [2], "data": [0, 65535]}),
            case("ndarray uint32", ARRAY("uint32", 1), {"shape": [2], "data": [1, 4294967295]}),
            # 1.0, -2.0, 65504.0 (the largest), 0.0999755859375 (np.float16(0.1)), -inf, nan
            case("ndarray float16 2-D", ARRAY("float16", 2),
                 {"shape": [2, 3], "data": [0x3C00, 0xC000, 0x7BFF, 0x2E66, 0xFC00, 0x7E00]}),
            case("ndarray after a str", TUPLE(STR, ARRAY("float32", 1)),
                 ["xyz", {"shape": [2], "data": [1.0, 2.0]}]),
        ],
        "invalid": [
            bad("packed bool not 0 or 1", LIST(BOOL), "0b 05 0100000000000000 000000000000 02",
                "bool items are 0 or 1"),
            bad("packed list of float32", LIST(FLOAT), "0b 01 0000000000000000 000000000000",
                "lists pack float64, int64 and bool only"),
            bad("packed payload truncated", LIST(INT), "0b 04 0200000000000000 000000000000 "
                "0100000000000000", "2 items announced, 1 given"),
            bad("ndarray shape mismatch", ARRAY("int64", 1),
                "0a 04 01 0200000000000000 0800000000000000 00000000000000000000000000 "
                "0100000000000000", "2 items need 16 bytes"),
            bad("ndarray unknown dtype", ARRAY("int64", 1),
                "0a 0c 01 0000000000000000 0000000000000000 00000000000000000000000000",
                "dtype 12 does not exist"),
        ],
    },
}


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    for name, doc in FILES.items():
        (HERE / name).write_text(render(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
