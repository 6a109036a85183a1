INPUTS: dict[str, list[tuple]] = {
    "count_with_progress": [(["a", "b", "c", "d", "e"], 2), ([], 1), (["x"], 0)],
    "table": [([("alpha", 0.5), ("béta", 12.345)],), ([],), ([("x", -1.0)],)],
    "dots": [(3,), (0,), (-1,)],
    "warn_bad": [([1, -2, 3],), ([],), ([-1, -1],)],
    "mixed_args": [(1, 2.5, "s", True), (-3, -0.0, "é\n", False), (0, 1e16, "", True)],
    "print_ratio": [(1, 2), (3, 0), (-7, 3)],
    "separators": [(["a", "b"], ", "), (["x"], ""), ([], "-")],
}
