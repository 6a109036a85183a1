INPUTS: dict[str, list[tuple]] = {
    "describe_tuple": [((),), ((1, 2, 3),), ((7,),)],
    "window_kind": [([1, 2, 3], 2), ([], 1), ([1], 0)],
    "count_kinds": [(["ab", "b", "ab"],), (["x"],), ([],)],
    "mixed_classes": [("a", 1), ("", 0), ("zz", -5)],
    "normalise_spans": [([(0, 3), (-1, 9)], 5), ([], 1), ([(1, 2, 3)], 4), ([(2,)], 1)],
}
