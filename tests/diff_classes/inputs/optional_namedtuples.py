INPUTS: dict[str, list[tuple]] = {
    "hits": [
        (["a", "abcd", "abcdefgh"], 0.2),
        ([], 0.0),
        (["x", "y"], 5.0),
    ],
    "same": [
        ("a", "a"),
        ("a", "b"),
        ("", ""),
    ],
    "spans": [
        ("hello World x",),
        ("",),
        ("ALL CAPS",),
    ],
    "best": [
        (["a", "abc", "ab"],),
        ([],),
        (["same", "size"],),
    ],
    "labels": [
        ([("a", "x"), ("b", "")],),
        ([],),
        ([("a", ""), ("a", "y")],),
    ],
    "ordered": [
        (1.0, 2.0, "d"),
        (None, None, "d"),
        (None, 2.0, "d"),
        (1.0, None, "e"),
        (3.0, None, "d"),
    ],
}
