INPUTS = {
    "lookup_lowered": [
        (["The", "the", "Straße", "ΣΑΣ"], {"the": 1, "straße": 2, "strasse": 3, "σασ": 5}),
        (["already", "lower"], {"already": 1, "lower": 2}),
        (["naïve", "İx"], {"naïve": 7, "i̇x": 9}),
        (["Missing"], {"the": 1}),  # KeyError
        ([], {}),
    ],
    "replaced_tests": [
        ("a-b-c", "-", "", -1),
        ("abc", "x", "y", -1),
        ("aaa", "a", "b", 0),
        ("abc", "", "-", 2),
        ("Straße", "ß", "ss", 1),
        ("x", "x", "", -1),  # '' [0]: IndexError
    ],
    "lowered_tokens": [
        ("Hello World FOO bar", 1),
        ("already lower text here", 0),
        ("ΟΔΟΣ ΑΣ naïve\u3000café\u00a0Straße", 2),
        ("one", 1),  # tokens[1] out of range: IndexError
    ],
    "lowered_grams": [
        ("The cat THE Cat the cat", 2),
        ("already lower, already lower", 1),
        ("ΟΔΟΣ ΑΣ Straße\u3000naïve", 3),
        ("x", 0),  # ValueError
    ],
    "split_spaces": [
        ("a\u2003b\u3000c\u0085d\u00a0e\u1680f\u2028g\u202fh\u205fi", 3),
        ("  lead\ttab\x1cfs\x1f  trail  ", 1),
        ("naïve café \u200b zero-width", 0),
        ("\u3000\u3000", 0),  # no pieces: IndexError
        ("Straße über", 5),  # parts[5] out of range: IndexError
    ],
    "short_in": [
        ("naïve café über", "aeiouäöüéè", "é"),
        ("abc", "", "bc"),
        ("xyz", "zz", ""),
        ("ΣΑΣ", "Σ", "ΑΣΣ"),
        ("", "a", "a"),  # ValueError
    ],
}
