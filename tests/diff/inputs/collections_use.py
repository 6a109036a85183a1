INPUTS: dict[str, list[tuple]] = {
    "top_words": [
        ("The cat and the hat. The END, and the cat!", 3),
        ("b a c a b c", 10),
        ("", 2),
        ("x y z", 0),
        ("tie tie break break a", -1),
    ],
    "char_histogram": [
        ("hello world",),
        ("",),
        ("ééa  a",),
    ],
    "anagram_groups": [
        (["listen", "silent", "enlist", "google", "Tinsel", "gogole", "cat"],),
        ([],),
        (["a", "b"],),
    ],
    "inventory": [
        ([("apple", 3), ("pear", 2), ("apple", 1)], [("apple", 1), ("kiwi", 5)]),
        ([], []),
        ([("a", 1)], [("a", 1)]),
        ([("a", 2), ("b", -1)], []),
    ],
    "bigram_counts": [
        (["a", "b", "a", "b", "c"],),
        ([],),
        (["x"],),
    ],
    "index_positions": [
        (["to", "be", "or", "not", "to", "be"],),
        ([],),
        (["solo"],),
    ],
    "recent_unique": [
        (["a", "b", "c", "a", "d", "b", "e"], 3),
        ([], 2),
        (["x", "x", "x"], 1),
        (["a"], 0),
    ],
    "drain_last": [
        ([("a", 1), ("b", 2), ("c", 3), ("d", 4)], 2),
        ([("a", 1), ("b", 2)], 0),
        ([("a", 1), ("b", 2)], 3),
        ([("a", 1), ("a", 2), ("b", 3)], 1),
    ],
    "letter_overlap": [
        ("Hello", "yellow"),
        ("", "abc"),
        ("aaab", "abbb"),
    ],
    "weighted_total": [
        (["a", "b", "a"], {"a": 0.5, "b": 1.25}, ["b"]),
        (("a", "c"), {"a": 2.0}, ()),
        ([], {}, []),
        (["a"], {"a": 1.0}, ["z"]),
    ],
}
