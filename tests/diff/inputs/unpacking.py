INPUTS: dict[str, list[tuple]] = {
    "key_value": [
        ("a=1",),
        ("name = x = y",),
        ("novalue",),
        ("=",),
    ],
    "rgb": [
        ("ff,80,0",),
        ("1,2",),
        ("1,2,3,4",),
        ("zz,0,0",),
    ],
    "first_two_chars": [
        ("ab",),
        ("é!",),
        ("abc",),
        ("a",),
    ],
    "min_max_gap": [
        ([3, 1, 2],),
        ([5],),
        ([],),
    ],
    "doubled_pair": [
        ([1, 2],),
        ([1],),
        ([1, 2, 3],),
    ],
    "first_word_pair": [
        ("hello big world",),
        ("  a  b  ",),
        ("single",),
    ],
    "weighted": [
        ([("a", (2, 0.5)), ("b", (1, 1.25))],),
        ([],),
        ([("", (1, 1.0))],),
    ],
    "with_defaults": [
        ({},),
        ({"max_len": 64, "extra": 1},),
        ({"seed": 7, "batch": 1},),
    ],
    "framed": [
        (["a", "b"], "x y"),
        ([], ""),
        (["é"], "  ü  "),
    ],
    "only_item": [
        ([3], " hello "),
        ([], "a"),
        ([1, 2], "a"),
        ([4], ""),
        ([4], "two words"),
    ],
}
