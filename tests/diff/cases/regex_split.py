"""re: splitting text."""

import re

SPACES = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [p for p in parts if p]


def split_keep(text: str) -> list[str]:
    return re.split(r"([,;])", text)


def split_optional_group(text: str) -> list[str | None]:
    return re.split(r"(-)?\|", text)


def split_n(text: str, n: int) -> list[str]:
    return re.split(r"\s*,\s*", text, maxsplit=n)


def user_split(pattern: str, text: str) -> list[str | None]:
    return re.split(pattern, text)


def normalize_ws(text: str) -> str:
    return SPACES.sub(" ", text).strip()
