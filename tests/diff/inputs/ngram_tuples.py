INPUTS: dict[str, list[tuple]] = {
    "ngrams": [(["the", "cat", "sat", "on"], 2), (["a", "b", "c"], 3), (["a"], 2), ([], 1),
               (["x", "y"], 0)],
    "ngram_counts": [("the cat the cat sat", 2), ("A a a", 1), ("", 3), ("one two", 1)],
    "top_bigram": [(["a", "b", "a", "b", "c"],), (["x", "y"],), (["solo"],)],
    "columns_desc": [([[3, 1, 2], [0, 5, 2]],), ([[1], [1]],), ([],), ([[2, 1], []],)],
    "kept_columns": [([["a", "b"], ["c", "d"]], 1), ([["é"]], 0), ([["a"], ["b"]], 2),
                     ([], 0)],
    "grid_column": [(1, 0), (0, -1), (2, 2), (3, 0)],
}
