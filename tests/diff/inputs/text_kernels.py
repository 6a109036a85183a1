INPUTS = {
    "ngram_counts": [
        ("the cat sat on the mat, the cat sat.", 2, ".,"),
        ("a b a b a b", 3, ""),
        ("ΟΔΟΣ ΑΣ οδος ας. ΟΔΟΣ", 1, ".ς"),
        ("", 2, "x"),
        ("one", 5, "."),
    ],
    "sum_fields": [
        ({"r1": {"a": 1, "b": 2}, "r2": {"a": 5}}, ["a", "b", "c"]),
        ({}, ["a"]),
        ({"x": {"é": 3}, "y": {"é": 4, "a": 1}}, ["é", "a"]),
    ],
    "split_count": [
        ("  a, b ,a,, c  ", ",", " "),
        ("x--y--x", "--", None),
        ("\tTab\x1f sep\u3000Σ  Σa ", None, None),
        ("...Hi!...hi...", "...", "!"),
        ("a,b", "", None),
        ("café Café CAFÉ", " ", "é"),
    ],
    "normalize_lines": [
        (["  Hello, World!  ", "\t--\t", "ΟΔΟΣ -- (naïve) 'quoted'"],),
        ([],),
        (["...", "a--b\tc", "Straße ÜBER"],),
    ],
    "split_loops": [
        ("the Apple and an egg, the END", None, -1),
        ("a,b,,a,stop,c", ",", -1),
        ("x--y--Éclair--x", "--", 2),
        ("  ΟΔΟΣ\u3000ας\tΟΔΟΣ  ", None, 1),
        ("", None, -1),
        ("a b", "", -1),
    ],
    "word_counts": [
        (["the cat the", "Dog dog 42 cat"], -1),
        (["a b c d", "x  y\tz"], 1),
        ([], 0),
        (["ΣΑΣ σας café", "CAFÉ 日本"], 2),
    ],
    "initials_and_tails": [("hello world ab",), ("",), ("x",), ("  héllo  ümlaut ",)],
}
