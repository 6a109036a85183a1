INPUTS: dict[str, list[tuple]] = {
    "tokenize": [
        ("the cat sat",),
        ("",),
        ("  spaced   out  ",),
        ("a a a",),
    ],
    "token_counts": [
        ("The cat the dog THE end", 2),
        ("", 3),
        ("one", 0),
        ("x y", -1),
    ],
    "point_math": [
        (1, 2, 0),
        (-3, 5, -1),
        (0, 0, 1),
        (1, 2, 2),
        (1, 2, -3),
    ],
    "scores": [
        (["a", "b", "c"], [0.5, 0.9, 0.5]),
        ([], []),
        (["neg"], [-1.25]),
    ],
    "best_entry": [
        (["a", "b", "a", "c", "b", "a"],),
        (["solo"],),
        ([],),
    ],
    "unique_points": [
        ([(1, 2), (2, 1), (1, 2)],),
        ([],),
        ([(0, 0), (0, 0), (0, 0)],),
    ],
    "spans_text": [
        ("hello world", [(0, 5), (6, 11)]),
        ("abc", []),
        ("abc", [(1, 1)]),
        ("héllo", [(0, 2), (2, 5)]),
    ],
    "mean_point": [
        ([1, 2, 3], [4, 5, 6]),
        ([-1, -2], [3, 4]),
        ([], []),
    ],
}
