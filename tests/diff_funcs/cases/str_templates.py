"""`string.Template`, the prompt-template idiom: `substitute` with a dict, keywords or
`**d`, `safe_substitute`, `$$`, `${name}`, module-level templates, and CPython's
KeyError for a missing name and ValueError (with its line and column) for a `$` that
starts no placeholder, raised left to right."""

import json
import string
from string import Template
from typing import Any

PROMPT = Template("""You are a helpful assistant.
Context:
$context

Question: ${question}
Answer:""")

SYSTEM = string.Template("[$role] ${name}s said: $$${amount}")


def prompt(context: str, question: str) -> str:
    return PROMPT.substitute(context=context, question=question)


def prompt_from(fields: dict[str, str]) -> str:
    return PROMPT.substitute(fields)


def system(role: str, name: str, amount: float) -> str:
    return SYSTEM.substitute({"role": role, "name": name, "amount": str(amount)})


def render(template: str, values: dict[str, str]) -> str:
    return Template(template).substitute(values)


def render_safe(template: str, values: dict[str, str]) -> str:
    return Template(template).safe_substitute(values)


def counts(template: str, n: int, score: float, ok: bool) -> str:
    return Template(template).substitute(n=n, score=score, ok=ok, none=None)


def from_json(template: str, body: str) -> str:
    data: dict[str, Any] = json.loads(body)
    return Template(template).substitute(data)


def splat(template: str, values: dict[str, int]) -> str:
    return Template(template).safe_substitute(**values)


def names(template: str) -> list[str]:
    t = Template(template)
    return t.get_identifiers() + [str(t.is_valid()), t.template]


def batch(question: str, contexts: list[str]) -> list[str]:
    return [PROMPT.substitute(context=c, question=question) for c in contexts]
