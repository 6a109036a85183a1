INPUTS: dict[str, list[tuple]] = {
    "score": [("abcd",), ("",)],
    "score_biased": [("ab", 0.25), ("", 1.0)],
    "score_with": [("abc", 2.0), ("abc", 0.0), ("", 1.0)],
    "score_direct": [("ab", 1.5), ("ab", -1.0)],
    "tag": [("the cat sat",), ("",), ("the dog",)],
    "scaled": [(3.0, 2.0), (1.0, 0.0)],
    "picked": [("half", 5.0), ("third", 3.0), ("quarter", 1.0)],
    "added": [(5,), (-10,)],
    "added_kw": [(4, 3), (0, -1)],
    "scores": [(["a", "bb"],), ([],), (["a", ""],)],
}
