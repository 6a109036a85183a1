"""unicodedata: accent stripping, slugs, compatibility folding, display widths."""

import re
import unicodedata


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def slugify(title: str) -> str:
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", title) if ord(c) < 128)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold(s: str, form: str) -> str:
    return unicodedata.normalize(form, s)


def same_text(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a.casefold()) == unicodedata.normalize("NFC", b.casefold())


def category_counts(s: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in s:
        cat = unicodedata.category(c)
        counts[cat] = counts.get(cat, 0) + 1
    return counts


def display_width(s: str) -> int:
    width = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def char_info(c: str) -> str:
    return (f"{unicodedata.category(c)}/{unicodedata.combining(c)}/"
            f"{unicodedata.east_asian_width(c)}")


def normalize_block(form: str, start: int, stop: int) -> str:
    chars = (chr(cp) for cp in range(start, stop))
    return unicodedata.normalize(
        form, "".join(c for c in chars if unicodedata.category(c) not in ("Cn", "Cs")))


def normalized_forms(s: str) -> list[bool]:
    return [unicodedata.is_normalized(f, s) for f in ("NFC", "NFD", "NFKC", "NFKD")]
