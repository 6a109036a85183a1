from collections import Counter, OrderedDict, defaultdict

INPUTS: dict[str, list[tuple]] = {
    "word_counts": [
        ("the cat and the hat", ["and"]),
        ("a b a", []),
        ("stop", ["stop"]),
    ],
    "counts_per_line": [
        ("a b a\n\nc",),
        ("",),
        ("x y\ny x",),
    ],
    "merge_counts": [
        (Counter("abca"), Counter("bd"), "a"),
        (Counter(), Counter({"z": 2}), "z"),
        (Counter({"a": 0}), Counter(), "b"),
    ],
    "group_by_initial": [
        (["apple", "avocado", "banana"],),
        ([],),
        (["", "x"],),
    ],
    "labels_by_user": [
        ([("ann", "spam"), ("bob", "ham"), ("ann", "spam")],),
        ([],),
        ([("x", "y")],),
    ],
    "lru_order": [
        (["a", "b", "a", "c", "d"], 2),
        ([], 1),
        (["a"], 0),
    ],
    "oldest_first": [
        (OrderedDict([("a", 1), ("b", 2)]), defaultdict(int, {"b": 1})),
        (OrderedDict([("z", 0)]), defaultdict(int)),
        (OrderedDict(), defaultdict(int, {"a": 1})),
    ],
}
