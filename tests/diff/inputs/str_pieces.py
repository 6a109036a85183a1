INPUTS = {
    "suffix_pieces": [
        (["unaffable", "café", "straße"], {"<unk>": 0, "able": 1, "aff@@": 2, "un@@": 3,
                                           "é": 4, "caf@@": 5, "ße": 6, "stra@@": 7}),
        (["xyz", ""], {"<unk>": 9, "z": 1, "y@@": 2}),
        ([], {}),
        ([" ab"], {"b": 1}),
    ],
    "rest_after": [
        ("hello world", ["he", "o", "zz", "@wor"]),
        ("  ab ab  ", ["  ", "b", "@b"]),
        ("été ΣΑΣ", ["é", "@Σ", "x"]),
        ("", []),
        ("abc", ["@q"]),
    ],
    "suffix_codes": [
        (["walking", "talked", "ing"], {"ing": 1, "ed": 2}, 3),
        (["café", "naïve"], {"fé": 5}, 2),
        (["ab", "abc"], {}, 1),
        (["ab"], {}, 5),
    ],
    "keyed_prefixes": [
        (["abab", "abc", "", "éé"], 2),
        (["x", "xyz"], 0),
        ([], 3),
        (["Straße"], -2),
    ],
    "extend_all": [
        ([1, 2, 3], 4, (9, 8)),
        ([], -3, ()),
        ([5], 250, (1,)),
        ([7, 8], 50, (0,)),
    ],
    "clean_lines": [
        (["  Hello, World -- again!  ", "", "a.b c"], ".,!", 5),
        (["x y z"], "", 2),
        ([], ".", 0),
        (["ÉTÉ -- Straße.", "--"], ".", 3),
    ],
    "fields_of": [
        ("a=1;b=2;a=3", ["a", "b"], ";"),
        ("", ["x"], ","),
        ("abc", [], "b"),
        ("a b", ["a"], ""),
    ],
}
