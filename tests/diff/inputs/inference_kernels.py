VOCAB = {"[UNK]": 0, "un": 1, "##aff": 2, "##able": 3, "play": 4, "##ing": 5, "##s": 6,
         "the": 7, "caf": 8, "##é": 9, "a": 10, "##b": 11, "über": 12, "##über": 13}

INPUTS = {
    "wordpiece": [
        (["unaffable", "playing", "plays", "the"], VOCAB, 20),
        (["café", "überüber", "xyz", "ab", "a"], VOCAB, 20),
        (["unaffable", "play"], VOCAB, 5),
        ([], {"x": 1}, 3),
        (["a"], {"a": 1}, 3),  # no [UNK]: KeyError
    ],
    "bio_spans": [
        (["John", "Smith", "lives", "in", "New", "York"],
         ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]),
        (["a", "b", "c", "d"], ["I-X", "I-Y", "B-Y", "I-Y"]),
        (["só", "über"], ["O", "O"]),
        (["x", "y"], ["B-A", "I-A", "I-A"]),
        (["x"], ["B-A", "Q"]),  # ValueError
    ],
    "heap_top_k": [
        ([0.1, 0.9, 0.5, 0.9, 0.7, 0.2], 3),
        ([0.3, 0.8], 5),
        ([2.0, 1.0, 3.0, 0.25], 1),
        ([], 2),
        ([0.1, 0.2], 0),  # heapreplace on an empty heap: IndexError
    ],
    "running_median": [
        ([5, 1, 4, 2, 3],),
        ([1, 1, 1],),
        ([-3, 10, 2, 2, 7, -1],),
        ([],),  # heappop of an empty heap: IndexError
    ],
    "pieces_per_word": [
        (["Unaffable", "unaffable", "Playing", "XYZ"], VOCAB),
        (["Café", "ÜBER"], VOCAB),
        ([], VOCAB),
        (["a"], {"a": 1}),  # wordpiece without [UNK]: KeyError
    ],
    "gelu": [
        ([0.5, -1.25, 3.0, -0.0, 1e-8, 7.5, -30.0], False),
        ([0.5, -1.25, 3.0, -0.0, 1e-8, 7.5], True),
        ([float("inf"), float("-inf"), float("nan")], False),
        ([], False),  # IndexError
    ],
}
