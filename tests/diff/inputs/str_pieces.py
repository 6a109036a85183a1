INPUTS = {
    "wordpieces": [
        (["unaffable", "café", "straße", "xyz", "a"], {"[UNK]": 0, "un": 1, "##aff": 2,
                                                      "##able": 3, "ca": 4, "##f": 5, "##é": 6,
                                                      "str": 7, "##a": 8, "##ße": 9, "a": 10}, 8),
        (["averyveryverylongword", "", "un"], {"[UNK]": 7, "un": 1}, 5),
        ([], {"[UNK]": 0}, 3),
        (["un"], {"un": 1}, 4),
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
}
