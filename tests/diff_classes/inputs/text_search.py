INPUTS: dict[str, list[tuple]] = {
    "bm25_top": [
        (["The cat sat on the mat.", "A dog chased the cat!", "Dogs and cats are pets",
          "Quantum physics of cats"], "cat dog", 3),
        (["x y", "y z", "z x"], "x z", 5),
        (["a b c"], "", 2),
        ([], "x", 1),
    ],
    "vocabulary_size": [
        (["red fish", "blue fish"], "green fish red"),
        (["one"], "two three two"),
        ([], "x"),
    ],
    "grouped_lengths": [
        (["cat", "dog", "mouse", "ox", "cat"],),
        (["abc"],),
        (["a", "bb"],),
        ([],),
    ],
    "keywords": [
        (["the cat sat", "the dog sat", "a cat and a cat"], 3),
        (["solo words here"], 2),
        (["", ""], 1),
        ([], 2),
    ],
    "postings": [
        (["apple pie", "apple tart", "pie crust pie"],),
        (["one"],),
        ([],),
        (["the a an"],),
    ],
    "shares": [
        (["The", "cat", "the", "end"],),
        (["x"],),
        ([],),
    ],
}
