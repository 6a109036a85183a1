INPUTS: dict[str, list[tuple]] = {
    "rule_table": [
        (["ab", "ab", "c"],),
        ([],),
        (["é", "ée"],),
    ],
    "words_of": [
        ("low low lower",),
        ("",),
        ("b a b a c",),
    ],
    "history": [
        ([1, 2], [3]),
        ([], [5, 6]),
        ([], []),
        ([7], []),
    ],
    "shape_of": [
        ("img", [3, 224, 224]),
        ("vec", [5]),
        ("bad", [2, -1]),
    ],
    "rule_repr": [
        ("ab", 1),
        ("x", 0),
        ("", 0),
    ],
}
