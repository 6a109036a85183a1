"""json: config files, API payloads and reports."""

import json
from typing import Any


def load_thresholds(text: str) -> dict[str, float]:
    config: dict[str, Any] = json.loads(text)
    out: dict[str, float] = {}
    thresholds: dict[str, Any] = config["thresholds"]
    for name, value in thresholds.items():
        out[name] = float(value)
    return out


def parse_scores(text: str) -> dict[str, list[int]]:
    data: dict[str, list[int]] = json.loads(text)
    return {k: sorted(v) for k, v in data.items() if v}


def total_tokens(payload: str) -> int:
    try:
        doc = json.loads(payload)
    except json.JSONDecodeError as e:
        raise ValueError(f"bad payload: {e}")
    total = 0
    for choice in doc["choices"]:
        text: str = choice["text"]
        total += len(text.split())
    return total


def report(counts: dict[str, int], indent: int) -> str:
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    body = {"total": sum(counts.values()), "top": [name for name, _ in ranked[:3]],
            "counts": counts, "ratio": round(max(counts.values()) / sum(counts.values()), 4)}
    return json.dumps(body, indent=indent, sort_keys=True)


def compact(values: list[float], labels: list[str]) -> str:
    rows = [{"label": lab, "value": v} for lab, v in zip(labels, values)]
    return json.dumps(rows, separators=(",", ":"), ensure_ascii=False)


def escape_roundtrip(s: str) -> tuple[str, str, bool]:
    a = json.dumps(s)
    b = json.dumps({"text": s}, ensure_ascii=False)
    back: str = json.loads(a)
    return a, b, back == s


def merge_configs(base: str, override: str) -> str:
    cfg: dict[str, Any] = json.loads(base)
    extra: dict[str, Any] = json.loads(override)
    for key, value in extra.items():
        cfg[key] = value
    return json.dumps(cfg, indent="\t")


def decode_errors(docs: list[str]) -> list[str]:
    errors = []
    for d in docs:
        try:
            json.loads(d)
        except ValueError as e:
            errors.append(f"{e} | {e!r}")
    return errors


def jsonl_errors(text: str) -> list[str]:
    """Where each bad line of a JSON-lines file fails, as a log line."""
    problems = []
    for lineno, line in enumerate(text.splitlines(), 1):
        try:
            json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{lineno}:{e.colno} (pos {e.pos}, line {e.lineno}) {e.msg}")
    return problems


def record_fields(raw: str) -> list[str]:
    """str methods straight on JSON values: only a str has `strip`, `title`, `split`."""
    out = []
    for rec in json.loads(raw)["records"]:
        name = rec["name"].strip().title()
        if rec.get("email", "").endswith("@example.com"):
            name += " (test)"
        out.append(name + ":" + "-".join(rec["tags"].split(",")))
    return out
