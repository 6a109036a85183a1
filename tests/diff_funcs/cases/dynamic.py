"""JSON-shaped data and values of mixed types (`typing.Any`, unions)."""

import json
from typing import Any


def total_price(order: dict[str, Any]) -> float:
    total = 0.0
    for item in order["items"]:
        total += item["price"] * item.get("qty", 1)
    return total


def describe(x: Any) -> str:
    if isinstance(x, bool):
        return f"flag {x}"
    if isinstance(x, str):
        return "text " + x.strip().lower()
    if isinstance(x, int):
        return f"number {x * 2}"
    if isinstance(x, list):
        return f"list of {len(x)}"
    if isinstance(x, dict):
        return "keys " + ",".join(sorted(str(k) for k in x))
    if x is None:
        return "nothing"
    return "other " + repr(x)


def flatten_config(cfg: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in cfg.items():
        name = prefix + key
        if isinstance(value, dict):
            for k, v in flatten_config(value, name + ".").items():
                out[k] = v
        else:
            out[name] = str(value)
    return out


def mixed_row(n: int) -> list[Any]:
    row = [n, "n", None, n / 2, [n, n]]
    return row


def field_or(record: dict[str, Any], name: str, default: int | str) -> int | str:
    value = record.get(name)
    if value is None:
        return default
    return value


def sum_numbers(values: list[int | str]) -> int:
    total = 0
    for v in values:
        total += int(v)
    return total


def lookup_path(doc: Any, path: list[str]) -> Any:
    cur = doc
    for part in path:
        if isinstance(cur, list):
            cur = cur[int(part)]
        else:
            cur = cur[part]
    return cur


def concat_all(items: list[Any]) -> Any:
    acc = items[0]
    for x in items[1:]:
        acc = acc + x
    return acc


def count_kinds(items: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for x in items:
        kind = "none" if x is None else "str" if isinstance(x, str) else "num" if isinstance(
            x, (int, float)) else "other"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def max_score(rows: list[dict[str, Any]]) -> Any:
    return max([r["score"] for r in rows])


def tag_all(doc: Any, tag: str) -> Any:
    out: Any = {}
    for k, v in doc.items():
        out[k] = v
    out["tag"] = tag
    vals: Any = []
    for v in doc.values():
        vals.append(v)
    out["n"] = len(vals)
    out["keys"] = list(doc.keys())
    return out


def request_texts(body: str) -> tuple[list[str], int]:
    """A request body read as users write it: `data.get("texts") or []` (an empty list
    made dynamic), a single string promoted to a list, int() of a dynamic top_k;
    TypeError for a non-object body, JSONDecodeError for bad JSON, TypeError/ValueError
    from int() of a bad top_k."""
    data = json.loads(body)
    if not isinstance(data, dict):
        raise TypeError("body must be a JSON object")
    texts = data.get("texts") or []
    if isinstance(texts, str):
        texts = [texts]
    top_k = int(data.get("top_k", 1))
    return [" ".join(str(t).split()) for t in texts], top_k
