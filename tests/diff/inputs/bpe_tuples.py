CORPUS = "low low low low lower lower newest newest newest widest widest new"

INPUTS: dict[str, list[tuple]] = {
    "get_pairs": [
        (("l", "o", "w", "</w>"),),
        (("a",),),
        ((),),
        (("é", "é", "é"),),
    ],
    "merge_word": [
        (("l", "o", "w", "</w>"), "l", "o"),
        (("a", "a", "a"), "a", "a"),
        ((), "x", "y"),
        (("lo", "w", "er"), "w", "er"),
    ],
    "train_bpe": [
        (CORPUS, 5),
        (CORPUS, 0),
        ("aaa aaa b", 10),
        ("", 3),
        (CORPUS, -1),
    ],
    "segment": [
        ("lowest", ["l o", "lo w", "e s", "es t"]),
        ("", ["a b"]),
        ("naïve", []),
        ("abc", ["a"]),
    ],
    "lookup": [
        (["ab", "ab", "cd"], "ab"),
        (["x"], "x"),
        (["ab"], "cd"),
        ([], ""),
        (["ab"], "?"),
    ],
    "search": [
        (("a", "b", "a"), "a"),
        (("a", "b", "a"), "b"),
        (("a", "b"), "z"),
        ((), ""),
    ],
    "sort_words": [
        (["ba", "ab", "b", "abc"],),
        (["x"],),
        ([],),
    ],
    "set_nested": [
        ("a", "y", 5),
        ("b", "x", 2),
        ("a", "x", -1),
        ("c", "x", 1),
    ],
    "columns": [
        ([[1, 2], [3, 4], [5, 6]],),
        ([[1]],),
        ([[1, 2], [3]],),
        ([],),
    ],
}
