INPUTS: dict[str, list[tuple]] = {
    "counters": [(0, 1, 3), (10, -2, 0), (5, 5, 2)],
    "running_averages": [([1.0, 2.0, 6.0],), ([],), ([-1.5],)],
    "encode_words": [("a b a c",), ("",), ("a b c d e",), ("x x x x x",)],
    "spend": [(["ab", "cd"], 10), ([], 0), (["abc", "defg"], 5)],
    "shared_between_two": [(1, [2, 3]), (0, []), (-5, [7])],
    "stack_ops": [(["a", "b", "pop", "c"],), ([],), (["pop"],), (["x", "pop", "pop"],)],
}
