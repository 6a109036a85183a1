INPUTS: dict[str, list[tuple]] = {
    "doc_term_counts": [
        (["the cat", "The dog the end", ""], "the"),
        ([], "x"),
        (["a a a", "b"], "a"),
    ],
    "doc_frequency": [
        (["a b a", "b c", "c c c"], 2),
        ([], 3),
        (["x"], 0),
        (["p q"], -1),
    ],
    "cooccurrence": [
        ([["a", "b", "c"], ["b", "c"], ["c"]],),
        ([],),
        ([["x", "x", "y"]],),
    ],
    "label_counts": [
        ([("ann", "spam"), ("bob", "ham"), ("ann", "ham"), ("ann", "spam")], "ann"),
        ([("ann", "x")], "ann"),
        ([("ann", "x")], "zed"),
    ],
    "grouped_positions": [
        (["apple", "avocado", "banana", "cherry", "apricot"], 2),
        ([], 3),
        (["", "a"], 1),
        (["a"], 0),
    ],
    "shard_totals": [
        ([(0, "a"), (1, "b"), (0, "a"), (2, "c")], 3),
        ([], 2),
        ([(0, "x")], 1),
        ([(3, "x")], 2),
    ],
    "recent_per_user": [
        ([("u", "a"), ("u", "b"), ("v", "a"), ("u", "a"), ("u", "c")], 2),
        ([], 1),
        ([("u", "a")], 0),
    ],
    "counts_by_key": [
        ([("k", "a"), ("k", "b"), ("j", "a"), ("k", "a")], "k"),
        ([("k", "seen")], "k"),
        ([("k", "a")], "missing"),
    ],
    "doc_report": [
        (["a b a", "b a", "c"], "a b"),
        (["x"], "x"),
        (["x y"], "y x"),
        ([], "q"),
    ],
    "nested_reprs": [
        ([("apple", 3), ("avocado", 4), ("bean", 3), ("apple", 5)],),
        ([],),
        ([("x", 0)],),
        ([("x", 1), ("y", -2)],),
    ],
}
