INPUTS: dict[str, list[tuple]] = {
    "chunk_words": [("a b c d e", 2), ("", 3), ("one two", 5), ("a b", 0)],
    "word_spans": [("  ab c  d",), ("",), ("héllo wörld ",)],
    "countdown": [(5,), (2,), (0,)],
    "first_k": [(5, 2), (5, 4), (1, 3)],
    "sum_of_squares": [(5,), (0,), (100,)],
    "heads": [([1, 2, 3, 4],), ([],), ([7],)],
    "tree_sorted": [([1, 2],), ([],), ([-1, 5],)],
    "shout": [(["a", "b"],), ([],), (["straße"],)],
    "next_three": [(5,), (2,), (3,)],
    "running_total": [(["1", " 2 ", "# c", "", "3"],), ([],), (["1", "x", "2"],)],
}
INPUTS.update({
    "pair_up": [(["a", "b", "c"], 6), (["a", "b", "c"], 4), ([], 5)],
    "numbered": [(1,), (2,), (4,)],
    "has_big": [([1, 5, 2], 3), ([1, 2], 3), ([], 0)],
})
