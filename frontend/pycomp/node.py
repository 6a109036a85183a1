"""The Node.js binding of a bundle: `node/index.js` (koffi over the C ABI, one
generic file driven by the manifest) with `node/pcv.js` (the value encoding),
`node/index.d.ts` (TypeScript types for this bundle's functions, each also as
an `...Async` variant returning a Promise) and `node/package.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pycomp.crate_files import write_if_changed
from pycomp.resources import template

TYPED_ARRAYS = {"float32": "Float32Array", "float64": "Float64Array", "int32": "Int32Array",
                "int64": "BigInt64Array", "bool": "Uint8Array", "int8": "Int8Array",
                "uint8": "Uint8Array", "int16": "Int16Array", "uint16": "Uint16Array",
                "uint32": "Uint32Array", "float16": "Uint16Array"}  # float16: its bits


def ts_type(t: dict[str, Any], arg: bool = False) -> str:
    """The TypeScript type of a manifest type; `arg`: as a parameter (what it accepts)."""
    kind = t["kind"]
    if kind in ("int", "float"):
        return "number"
    if kind == "bool":
        return "boolean"
    if kind in ("str", "path"):  # a path crosses as its text
        return "string"
    if kind == "bytes":
        return "Uint8Array | ArrayBuffer" if arg else "Buffer"
    if kind == "none":
        return "null"
    if kind == "list":
        inner = ts_type(t["item"], arg)
        return f"({inner})[]" if "|" in inner else f"{inner}[]"
    if kind == "set":
        return f"Set<{ts_type(t['item'], arg)}>"
    if kind == "tuple" and "items" not in t:  # `tuple[T, ...]`
        inner = ts_type(t["item"], arg)
        return f"({inner})[]" if "|" in inner else f"{inner}[]"
    if kind == "tuple":
        return "[" + ", ".join(ts_type(i, arg) for i in t["items"]) + "]"
    if kind == "dict":
        if t["key"]["kind"] == "str":
            return f"Record<string, {ts_type(t['value'], arg)}>"
        return f"Map<{ts_type(t['key'], arg)}, {ts_type(t['value'], arg)}>"
    if kind == "optional":
        return f"{ts_type(t['item'], arg)} | null"
    if kind == "ndarray" and "dtypes" in t:  # an entry's `np.ndarray` without a dtype
        # bool and uint8 are both Uint8Array (`dtype: 'uint8'` picks uint8): named once
        return " | ".join(dict.fromkeys(f"NdArray<{TYPED_ARRAYS[d]}>" for d in t["dtypes"]))
    if kind == "ndarray":
        return f"NdArray<{TYPED_ARRAYS[t['dtype']]}>"
    if kind == "any":
        return "unknown"
    if kind == "iterator":
        return f"NativeIterator<{ts_type(t['item'], arg)}>"
    if kind == "family":  # a discriminated union on `__class__`
        return " | ".join(family_members(t))
    if kind in ("record", "enum"):
        return str(t["name"])
    raise ValueError(f"no TypeScript type for {kind}")


def family_members(t: dict[str, Any]) -> list[str]:
    """The classes a value of family type `t` may have: `t`'s class and those deriving
    from it (docs/abi.md, "Families")."""
    bases = {c["name"]: c["bases"] for c in t["classes"]}

    def derives(n: str) -> bool:
        while n != t["name"] and bases.get(n):
            n = bases[n][0]
        return n == t["name"]

    return [c["name"] for c in t["classes"] if derives(c["name"])]


def _records(t: dict[str, Any], out: dict[str, dict[str, Any]]) -> None:
    """Every record type `t` mentions, by name (a class crossing the ABI)."""
    if t["kind"] == "enum":
        out.setdefault(t["name"], t)
        return
    if t["kind"] == "family":
        for c in t["classes"]:
            out.setdefault(c["name"], {"kind": "record", "name": c["name"],
                                       "fields": c["fields"], "family": True})
            for f in c["fields"]:
                _records(f["type"], out)
        return
    if t["kind"] == "record":
        out.setdefault(t["name"], t)
        for f in t["fields"]:
            _records(f["type"], out)
    for key in ("item", "key", "value"):
        if key in t:
            _records(t[key], out)
    for item in t.get("items", []):
        _records(item, out)


def interfaces(manifest: dict[str, Any]) -> list[str]:
    """A TypeScript interface per Python class crossing the ABI: its fields."""
    records: dict[str, dict[str, Any]] = {}
    for f in manifest["functions"]:
        for p in f["params"]:
            _records(p["type"], records)
        _records(f["returns"], records)
    out = []
    for name, r in records.items():
        if r["kind"] == "enum":
            out.append(f"/** A member of the Python enum `{name}`: its value. */")
            out.append(f"export type {name} = " + " | ".join(
                json.dumps(m["value"]) for m in r["members"]) + ";")
            out.append("")
            continue
        out.append(f"/** An instance of the Python class `{name}`: its fields"
                   f"{' and its class' if r.get('family') else ''}. */")
        out.append(f"export interface {name} {{")
        if r.get("family"):
            out.append(f"  __class__: {json.dumps(name)};")
        out += [f"  {fd['name']}: {ts_type(fd['type'])};" for fd in r["fields"]]
        out.append("}")
        out.append("")
    return out


def declarations(manifest: dict[str, Any]) -> str:
    out = [
        f"// TypeScript types of the `{manifest['name']}` bundle, generated by pycomp.",
        "",
        "/** An n-dimensional array: its shape and its items in C order. */",
        "export interface NdArray<T> {",
        "  shape: number[];",
        "  dtype?: string;",
        "  data: T;",
        "}",
        "",
        "/** The items of a compiled generator, pulled one by one (also with `for await`);",
        " *  `return()` (or leaving a `for` loop early) frees the native generator. */",
        "export interface NativeIterator<T> extends IterableIterator<T>, AsyncIterable<T> {",
        "  return(): IteratorResult<T>;",
        "}",
        "",
    ]
    out += interfaces(manifest)
    for f in manifest["functions"]:
        doc = (f.get("doc") or "").strip()
        lines = ["/**"]
        lines += [f" * {line}".rstrip() for line in doc.splitlines()] if doc else []
        lines.append(" * @throws Error whose `name` is the Python exception class")
        lines.append(" */")
        params = []
        for p in f["params"]:
            opt = "?" if "default" in p else ""
            params.append(f"{p['name']}{opt}: {ts_type(p['type'], arg=True)}")
        out += lines
        out.append(f"export function {f['name']}({', '.join(params)}): {ts_type(f['returns'])};")
        out += lines[:-1] + [" * Runs on a worker thread: the event loop keeps running.", " */"]
        out.append(f"export function {f['name']}Async({', '.join(params)}): "
                   f"Promise<{ts_type(f['returns'])}>;")
        out.append("")
    out.append("/** The bundle manifest (docs/abi.md). */")
    out.append("export const manifest: Record<string, unknown>;")
    return "\n".join(out) + "\n"


def write_node_binding(bundle: Path, manifest: dict[str, Any]) -> Path:
    """Writes `node/` into `bundle`, whose manifest is `manifest`."""
    node = bundle / "node"
    node.mkdir(exist_ok=True)
    # Written only when changed, so a rebuild leaves them (and their hashes) alone.
    for name in ("index.js", "pcv.js"):
        write_if_changed(node / name, template("node", name).read_bytes())
    write_if_changed(node / "index.d.ts", declarations(manifest))
    write_if_changed(node / "package.json", json.dumps({
        "name": f"{manifest['name']}-pycomp",
        "version": "0.1.0",
        "description": f"Node.js binding of the pycomp bundle {manifest['name']}",
        "main": "index.js",
        "types": "index.d.ts",
        "dependencies": {"koffi": "^3.3.4"},
    }, indent=2) + "\n")
    return node
