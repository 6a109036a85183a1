"""re: cleaning text - whitespace, tags, URLs, special tokens, masks."""

import re

SPACES = re.compile(r"\s+")
DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
URL_RE = re.compile(r"https?://[^\s)]+", re.IGNORECASE)
TAG_RE = re.compile(r"<(/?)(\w+)[^>]*>")
SPECIAL = re.compile(r"\[(?:CLS|SEP|PAD)\]")


def normalize_ws(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def strip_urls(text: str) -> tuple[str, int]:
    return URL_RE.subn("<url>", text)


def strip_tags(html: str) -> str:
    return TAG_RE.sub("", html)


def drop_special(text: str) -> str:
    return normalize_ws(SPECIAL.sub(" ", text))


def _mask(m: re.Match) -> str:
    d = m.group()
    return "*" * max(len(d) - 4, 0) + d[-4:]


def mask_digits(text: str) -> str:
    return re.sub(r"\d+", _mask, text)


def title_words(text: str) -> str:
    return re.sub(r"[a-zA-Z]+", lambda m: m.group(0).capitalize(), text)


def empty_matches(text: str) -> str:
    return re.sub(r"x*", "-", text) + "|" + "/".join(re.split(r"\b", text))


def iso_to_us(text: str) -> str:
    return DATE_RE.sub(r"\2/\3/\1", text)


def swap_template(text: str, template: str) -> str:
    return re.sub(r"(?P<a>\w+)-(?P<b>\w+)", template, text)
