INPUTS: dict[str, list[tuple]] = {
    "pair_labels": [
        (["a", "b"], [1, 2]),
        ([], []),
        (["a", "b", "c"], [1, 2]),
        (["a"], [1, 2]),
    ],
    "weighted_total": [
        ([1.0, 2.0], [0.5, 0.25]),
        ([], []),
        ([1.0], [1.0, 2.0]),
        ([1.0, 2.0, 3.0], [1.0]),
    ],
    "spans_text": [
        (["hi", "yo"], [0, 3], [2, 5]),
        ([], [], []),
        (["hi", "yo"], [0, 3], [2]),
        (["hi"], [0, 3], [2, 5]),
        (["hi"], [0], [2, 5]),
        (["hi", "yo"], [0], [2, 5]),
    ],
    "first_mismatch": [
        ("abc", "abd"),
        ("abc", "abc"),
        ("ab", "abc"),
        ("xbc", "ab"),
        ("", ""),
    ],
    "pad_ids": [
        ([1, 2, 3],),
        ([],),
        ([1, 2, 3, 4, 5, 6, 7, 8],),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9],),
    ],
    "apply_mode": [
        ("hello world", "upper"),
        ("Hello World", "lower"),
        ("hello world", "title"),
        ("hello", "other"),
    ],
    "pick_side": [
        ([1, 2, 3],),
        ([1, 2, 3], "right"),
        ([], "right"),
    ],
    "round_to": [
        (3.14159, 2),
        (2.5, 0),
        (-1.25, 1),
    ],
    "strategy": [
        (None,),
        ("sample",),
        ("greedy",),
    ],
}
