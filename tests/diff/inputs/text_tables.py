INPUTS: dict[str, list[tuple]] = {
    "strip_punctuation": [
        ("Hello, world! (ok?)",),
        ("",),
        ("naïve—café's",),
    ],
    "leet": [
        ("this is a test!",),
        ("",),
        ("OK!!",),
    ],
    "normalize_quotes": [
        ("“Hi,” she said… ‘ok’",),
        ("plain",),
        ("",),
    ],
    "swap": [
        ("abcabc", "ab", "xy"),
        ("hello", "l", "L"),
        ("x", "ab", "c"),
    ],
    "common_step": [
        ([12, 18, 30],),
        ([0, 0, 0],),
        ([-4, 6, 10],),
        ([1, 2],),
    ],
    "line_stats": [
        ("a\n\nbbb\n  \ncc",),
        ("",),
        ("  \n\t",),
        ("same\nsize\nword",),
    ],
    "debug_fields": [
        ("bob", 0.12345, 7),
        ("", -1.0, 0),
        ("é'x", 1e-07, 12345),
        ("a", 0.5, -2),
    ],
    "report_rows": [
        ([{"name": "ab", "count": "3"}], {"total": 3, "kinds": 1}),
        ([], {"total": 0}),
        ([{"name": "é"}], {"total": 1, "kinds": 1}),
        ([], {"total": 2, "kinds": 2, "extra": 9}),
    ],
}
