INPUTS: dict[str, list[tuple]] = {
    "word_freq": [
        ("the cat the hat The bat",),
        ("",),
        ("a b a c b a", 2),
        ("Straße STRASSE straße",),
        ("日本 日本 語", 1),
    ],
    "top_words": [
        ("b a c b a d a",),
        ("b a c b a d a", 10),
        ("",),
        ("x y z", 0),
        ("x y z", -1),
    ],
    "char_histogram": [
        ("hello world",),
        ("",),
        ("naïve café",),
        ("ab BA 😀😀",),
    ],
    "group_by_length": [
        (["a", "bb", "cc", "d", "eee"],),
        ([],),
        (["日本", "ab", "😀", ""],),
    ],
    "unique_ratio": [
        (["a", "b", "a"],),
        ([],),
        (["x", "y", "z"],),
        (["é", "é", "e", "e"],),
    ],
    "vocab_overlap": [
        ("the cat sat", "the dog sat down"),
        ("", "something"),
        ("", ""),
        ("Café café", "CAFÉ"),
    ],
    "count_vowels": [
        ("Education is important",),
        ("",),
        ("rhythm",),
        ("ÀÉÎ aei",),
    ],
    "most_common_char": [
        ("mississippi",),
        ("abcabc",),
        ("",),
        ("日本日本語語語",),
    ],
    "longest_word": [
        ("a quick brownish fox",),
        ("",),
        ("tie tie two",),
        ("Straße 日本語テキスト",),
    ],
    "sorted_vocab": [
        ("The cat. the Dog! a cat?",),
        ("",),
        ("zebra Äpfel apple Zebra",),
    ],
}
