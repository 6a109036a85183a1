INPUTS: dict[str, list[tuple]] = {
    "lengths": [("abc",), (["a", "abcd"],), ([],)],
    "scaled": [(1.5,), ([1.0, 2.0], 3.0), ([],)],
    "names": [(1,), ([2, 0],), (5,), ([],)],
    "word_counts": [("a b",), (["a b", "c"],), ("",), ([],)],
    "encode": [("hi",), (["a", "abc"], 9), ([],)],
}
