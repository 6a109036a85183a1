INPUTS: dict[str, list[tuple]] = {
    "parse_with_retry": [(["12", " 3,400 "], 2), (["7"], 1), (["x1"], 3)],
    "top_k_by_weight": [(["a", "bb", "ccc"], 2, {"a": 1.0}), (["z"], -1, {})],
    "count_matching": [(["#a", "B", "#C", "dd"], "#"), ([], "")],
    "transform_tokens": [(["ab", "Cd"], True), (["ab", "Cd"], False)],
    "safe_inverse": [([2.0, 0.0, -4.0], -1.0), ([], 0.0)],
    "fold_counts": [([1, 2, 3],), ([4, -1],), ([],)],
    "aligned_report": [({"a": 1.5, "bb": -2.25}, 6, 2), ({"x": 0.0}, 2, 0), ({"q": 1.0}, -3, 1)],
    "shifted_all": [(10, 3), (-1, 0), (5, 1)],
    "dispatch_built_in_loop": [(["add", "sub3", "mul", "sub2"], 7, 2), (["div"], 1, 0),
                               (["nope"], 1, 2)],
    "scaled_best": [([3, -5, 2], 2), ([1], -1), ([], 1)],
}
