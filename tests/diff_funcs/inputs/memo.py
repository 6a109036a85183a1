INPUTS: dict[str, list[tuple]] = {
    "edit_distance": [("kitten", "sitting"), ("", "abc"), ("flaw", "lawn"), ("héllo", "hello")],
    "fib": [(10,), (60,), (90,), (-1,), (92,)],
    "segmentations": [("thenant",), ("theneat",), ("xyz",), ("",)],
    "piece_count": [(["abcdef", "abcdefg", "ab"],), ([],)],
    "slow_label": [(5,), (1,), (500,)],
    "labels": [([1, 2, 1, 3, 1],), ([4, 4, 5],), ([1, 150],), ([7, 8, 7, 9, 8],)],
    "score": [("tree", 1), ("", 0)],
    "best_word": [(["sky", "tree", "aeon"], 1), (["banana", "kiwi"], 0), ([], 2)],
    "shared_ngrams": [("banana", "bandana", 2), ("abc", "xyz", 1), ("ab", "ab", 0)],
    "uncached": [(3,), (3,)],
    "grid_paths": [(3, 3, (9, 9)), (4, 4, (1, 1)), (12, 12, (5, 5)), (40, 40, (0, 0))],
}
