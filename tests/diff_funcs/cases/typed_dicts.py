"""JSON-shaped records typed with `typing.TypedDict` (issue 11): chat messages,
request options with `total=False`, `NotRequired`/`Required` keys, nesting, a
TypedDict deriving from another, and the functional form. At run time each is a
plain dict: built by calling the TypedDict or from a literal, printed, compared
and iterated as a dict, a missing key raising CPython's KeyError, and a value of
another type than the annotation stored as CPython stores it (nothing checks)."""

import json
from typing import Any, NotRequired, Required, TypedDict


class Message(TypedDict):
    role: str
    content: str


class Options(TypedDict, total=False):
    temperature: float
    max_tokens: int
    stop: list[str]


class Conversation(TypedDict):
    id: str
    messages: list[Message]
    options: NotRequired[Options]


class ToolMessage(Message, total=False):
    name: Required[str]
    arguments: dict[str, Any]


Span = TypedDict("Span", {"start": int, "end": int, "label": NotRequired[str]})


def user_message(text: str) -> Message:
    if not text.strip():
        raise ValueError("empty message")
    return Message(role="user", content=text.strip())


def render(messages: list[Message]) -> str:
    lines = []
    for m in messages:
        lines.append(f"<|{m['role']}|>\n{m['content']}")
    return "\n".join(lines) + "\n<|assistant|>"


def options_from(args: dict[str, str]) -> Options:
    opts: Options = {}
    if "temperature" in args:
        opts["temperature"] = float(args["temperature"])
    if "max_tokens" in args:
        opts["max_tokens"] = int(args["max_tokens"])
    if "stop" in args:
        opts["stop"] = args["stop"].split(",")
        opts["stop"].append("</s>")
    return opts


def request_body(conv: Conversation) -> str:
    body: dict[str, Any] = {"id": conv["id"], "messages": conv["messages"]}
    if "options" in conv:
        options: Options = conv["options"]
        body = {**body, **options}
    return json.dumps(body, sort_keys=True)


def last_by_role(conv: Conversation, role: str) -> Message:
    messages: list[Message] = conv["messages"]
    for m in reversed(messages):
        if m["role"] == role:
            return m
    raise KeyError(role)


def max_tokens(opts: Options) -> int:
    return opts["max_tokens"] * 2


def opts_summary(opts: Options) -> list[Any]:
    out: list[Any] = [len(opts), opts.get("temperature"), opts.get("stop", [])]
    out.append(sorted(opts.keys()))
    out.append(type(opts) is dict)
    out.append(dict(opts) == opts)
    return out


def tool_call(name: str, raw_args: str) -> ToolMessage:
    t = ToolMessage(role="tool", content="", name=name)
    args = json.loads(raw_args)
    if not isinstance(args, dict):
        raise TypeError(f"arguments must be an object, got {type(args).__name__}")
    t["arguments"] = args
    return t


def relabel(spans: list[Span], default: str) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if s["end"] < s["start"]:
            raise ValueError(f"bad span {s}")
        copy = Span(start=s["start"], end=s["end"])
        copy["label"] = s.get("label", default)
        out.append(copy)
    return out


def strip_key(m: Message, key: str) -> Message:
    out: Message = {"role": m["role"], "content": m["content"]}
    del out[key]  # type: ignore[misc]
    return out


def loose_write(m: Message, n: int) -> list[Any]:
    # CPython checks no annotation: an int stored under a str key stays an int
    m2 = Message(role=m["role"], content=m["content"])
    m2["content"] = n  # type: ignore[typeddict-item]
    return [m2["content"], m2 == m, list(m2.items())]


def value_kinds(raw: str) -> list[str]:
    # `type(v) is C`: the class a JSON value holds, as a validator tests it
    record = json.loads(raw)
    if type(record) is not dict:
        raise TypeError(f"expected an object, got {type(record).__name__}")
    out = []
    for k, v in record.items():
        if type(v) is str:
            out.append(f"{k}:text")
        elif type(v) is int or type(v) == float:
            out.append(f"{k}:number")
        elif type(v) is list:
            out.append(f"{k}:list[{len(v)}]")
        elif type(v) is bool:
            out.append(f"{k}:flag")
        else:
            out.append(f"{k}:{type(v).__name__}")
    return out
