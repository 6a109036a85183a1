"""str methods on non-ASCII text with CPython's exact results: the character
classes (isidentifier, isprintable, isdecimal/isdigit/isnumeric on Unicode
digits), padding with a fill character, case mappings, partition, splitlines,
expandtabs and translate."""


def classes(words: list[str]) -> list[str]:
    out = []
    for w in words:
        flags = [w.isidentifier(), w.isprintable(), w.isdecimal(), w.isdigit(), w.isnumeric(),
                 w.isalnum(), w.isalpha(), w.isspace(), w.istitle(), w.isupper(), w.islower()]
        out.append("".join("1" if f else "0" for f in flags))
    return out


def valid_fields(names: list[str]) -> list[str]:
    bad = [n for n in names if not n.isidentifier()]
    if bad:
        raise ValueError(f"invalid field names: {bad}")
    return [n.lower() for n in names]


def padded(s: str, width: int, fill: str) -> list[str]:
    return [s.center(width, fill), s.ljust(width, fill), s.rjust(width, fill), s.zfill(width)]


def case_maps(s: str) -> list[str]:
    return [s.title(), s.capitalize(), s.swapcase(), s.casefold(), s.upper(), s.lower()]


def split_key(s: str, sep: str) -> tuple[str, str, str, str]:
    key, _, value = s.partition(sep)
    head, _, tail = s.rpartition(sep)
    return key, value, head, tail


def trimmed(s: str, prefix: str, suffix: str) -> str:
    return s.removeprefix(prefix).removesuffix(suffix)


def lines(s: str) -> tuple[list[str], list[str]]:
    return s.splitlines(), s.splitlines(keepends=True)


def tabbed(s: str, size: int) -> tuple[str, str]:
    return s.expandtabs(), s.expandtabs(size)


def stripped_accents(s: str) -> str:
    return s.translate(str.maketrans("éèêàç", "eeeac", "\u0301"))


def digit_values(s: str) -> list[int]:
    return [int(c) for c in s if c.isdecimal()] + [len([c for c in s if c.isnumeric()])]
