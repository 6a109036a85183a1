INPUTS: dict[str, list[tuple]] = {
    "content_words": [
        ("The cat and the hat",),
        ("",),
        ("of to a an",),
        ("Élan of the naïve",),
    ],
    "strip_punct": [
        ("Hello, world!",),
        ("",),
        ("a;b:c?d",),
    ],
    "vowel_share": [
        ("banana",),
        ("xyz",),
        ("",),
    ],
    "letters_key": [
        ("Hello",),
        ("",),
        ("a",),
    ],
    "anagram_groups": [
        (["listen", "silent", "enlist", "google", "elgoog"],),
        ([],),
        (["a", "a", "b"],),
    ],
    "pair_counts": [
        ([["a", "b", "c"], ["b", "c"], ["c", "a", "c"]],),
        ([],),
        ([["x"]],),
    ],
    "count_of_pair": [
        ([["a", "b", "c"], ["b", "c"]], "b", "c"),
        ([["a", "b", "c"], ["b", "c"]], "c", "b"),
        ([["a", "b"]], "z", "z"),
        ([], "a", "a"),
    ],
    "seen_shapes": [
        ([[1, 2], [2, 1], [3]],),
        ([],),
        ([[], [], [1, 1]],),
    ],
    "marked": [
        (["a", "b", "c"], ["c", "a"]),
        ([], ["a"]),
        (["x"], []),
    ],
}
