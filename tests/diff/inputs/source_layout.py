INPUTS: dict[str, list[tuple]] = {
    "normalize": [
        ([1.0, 2.0, 0.0], 2.0),
        ([3.0],),
        ([0.0, 0.0],),
        ([],),
    ],
    "frequent_words": [
        ("a b A c b",),
        ("one two", 1),
        ("",),
    ],
    "signs": [
        (1, 2),
        (-1, 2),
        (0, 5),
        (0, 1),
    ],
    "best": [
        (["a", "b", "c"], [0.5, 0.9, 0.9]),
        ([], []),
        (["a"], [0.5, 0.9]),
    ],
    "parse_pair": [
        ("top_k = 5",),
        ("nothing",),
        ("x = five",),
    ],
}
