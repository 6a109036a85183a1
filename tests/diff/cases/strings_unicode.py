"""String operations whose results depend on Unicode code points."""


def is_palindrome(s: str) -> bool:
    cleaned = [ch.lower() for ch in s if ch.isalpha() or ch.isdigit()]
    return cleaned == cleaned[::-1]


def caesar(text: str, shift: int) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def shift_codepoints(s: str, delta: int) -> str:
    return "".join(chr(ord(c) + delta) for c in s)


def case_variants(s: str) -> tuple[str, str, str]:
    return s.lower(), s.upper(), s.title()


def char_classes(s: str) -> dict[str, int]:
    counts = {"alpha": 0, "digit": 0, "space": 0, "other": 0}
    for ch in s:
        if ch.isalpha():
            counts["alpha"] += 1
        elif ch.isdigit():
            counts["digit"] += 1
        elif ch.isspace():
            counts["space"] += 1
        else:
            counts["other"] += 1
    return counts


def normalize_id(raw: str, width: int = 8) -> str:
    return raw.strip().upper().zfill(width)


def truncate_display(s: str, width: int) -> str:
    if len(s) <= width:
        return s
    return s[:width - 1] + "\u2026"


def find_all(haystack: str, needle: str) -> tuple[list[int], int]:
    """Overlapping match positions, and str.count's non-overlapping count."""
    if not needle:
        raise ValueError("empty needle")
    out = []
    start = 0
    while True:
        j = haystack[start:].find(needle)
        if j < 0:
            break
        out.append(start + j)
        start += j + 1
    return out, haystack.count(needle)


def slice_views(s: str) -> list[str]:
    return [s[::-1], s[1:-1], s[::2], s[-3:], s[:-3], s[-1:-4:-1], s[1::3], s[10:2:-2]]


def rotate_text(s: str, k: int) -> str:
    if not s:
        return s
    k = k % len(s)
    return s[len(s) - k:] + s[:len(s) - k]
