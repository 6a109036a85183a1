INPUTS: dict[str, list[tuple]] = {
    "log_line": [("info", "started", 1), ("warn", "", 3)],
    "clip_scores": [([0.5, -1.0, 2.0], 0.0, 1.0), ([0.3], 0.5, 0.2), ([], 0.0, 1.0)],
    "greeting": [("Ada", "London"), ("", "")],
    "average": [([1.0, 2.0, 4.0],), ([],)],
    "path_length": [([(0, 0), (3, 4), (1, 1)],), ([],)],
    "merge_counts": [({"a": 1}, {"a": 2, "b": 3}), ({}, {})],
    "describe": [([1, 2], {"1": "one"}), ([5], {"strict": "yes"}), ([], {})],
    "normalize": [("  Hello   World ",), ("",)],
    "summary": [(3, 1, 2), (5, 5, -1)],
    "span_from_keywords": [(1, 4), (-1, 3), (2, -5), (-1, -1)],
}
