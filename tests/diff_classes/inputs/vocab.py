INPUTS: dict[str, list[tuple]] = {
    "encode_text": [
        ("the cat sat on the mat. The cat!", "the dog sat", 1),
        ("the cat sat on the mat. The cat!", "the cat sat", 2),
        ("", "anything at all", 1),
        ("a a a b b c", "c b a d", 3),
    ],
    "vocab_size": [
        ("one two three two", ["four", "one", "five"]),
        ("", []),
        ("x y", ["x", "x", "z"]),
    ],
    "round_trip": [
        ("hello world", "hello there world"),
        ("Über café naïve", "café über nope"),
        ("", ""),
    ],
    "known_words": [
        ("red green blue", ["Red", "green!", "yellow", ""]),
        ("", ["a"]),
        ("a b c", []),
    ],
    "decode_ids": [
        ("b a c", [2, 3, 4, 0, 1]),
        ("b a c", [2, 9]),
        ("x", [-1]),
        ("", [0, 1, 1]),
    ],
    "shared_vocab": [
        (["a", "b", "a", "c"],),
        ([],),
        (["<unk>", "<pad>", "x"],),
    ],
}
