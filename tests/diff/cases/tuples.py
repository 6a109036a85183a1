"""Tuples as users write them: constants, membership, length, indexing by a value,
slicing, concatenation, comparison and count/index."""

LABELS = ("negative", "neutral", "positive")
SPECIAL = ("[CLS]", "[SEP]", "[PAD]")
ORIGIN = (0, 0)


def is_special(tok: str) -> bool:
    return tok in SPECIAL or tok in ("<s>", "</s>")


def label_of(i: int) -> str:
    return LABELS[i]


def label_count() -> int:
    return len(LABELS) + len(ORIGIN)


def tail_labels() -> tuple[str, str]:
    return LABELS[1:]


def reversed_labels() -> tuple[str, str, str]:
    return LABELS[::-1]


def extend_point(p: tuple[int, int], z: int) -> tuple[int, int, int]:
    q = p + (z,)
    return q


def doubled(p: tuple[int, int]) -> tuple[int, int, int, int]:
    return p * 2


def ordered(a: tuple[int, str], b: tuple[int, str]) -> list[bool]:
    return [a < b, a <= b, a > b, a >= b, a == b, a != b]


def count_and_find(t: tuple[int, int, int, int], x: int) -> tuple[int, int]:
    return t.count(x), t.index(x)
