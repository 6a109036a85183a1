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


REPEATS = re.compile(r"(\w)\1{2,}")
AMOUNT = re.compile(r"(\d+)(?:\.(\d+))?")


def squeeze_repeats(text: str, keep: int) -> str:
    """A lambda replacement reading a group that takes part in every match (a `str`),
    and a named one annotated `re.Match[str]` testing an optional group."""
    return REPEATS.sub(lambda m: m.group(1) * keep, text)


def _one_decimal(m: re.Match[str]) -> str:
    frac = m.group(2)
    return m.group(0) if frac is None else f"{float(m.group(0)):.1f}"


def round_amounts(text: str) -> str:
    return AMOUNT.sub(_one_decimal, text)
