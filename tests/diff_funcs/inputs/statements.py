INPUTS: dict[str, list[tuple]] = {
    "release_early": [([1, 2, 3],), ([],)],
    "pop_key": [({"a": 1, "b": 2}, "a"), ({"a": 1}, "q")],
    "del_in_branch": [(True, ["a"]), (False, [])],
    "describe_size": [([1, 2, 3, 4],), ([1, 2],), ([],)],
    "drain_positive": [([1, -2, 3],), ([200, 1],), ([],)],
    "head_word": [("  hi there",), (" \t",)],
    "lookup_id": [({"a": 1}, "a", 0), ({"a": 1}, "b", 150), ({}, "b", -2), ({}, "x y", 0)],
    "long_words": [(["a", " abc ", "abcd", "xy  "], 2), ([], 0)],
    "parsed_scores": [(["a:1.5", "b:-2", ":3", "c:x"],), (["a:1", "b"],), ([],)],
}
