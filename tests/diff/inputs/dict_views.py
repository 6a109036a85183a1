INPUTS = {
    "walk_records": [
        ({"x1": {"a": 1, "b": 2}, "y2": {"b": 5, "c": 1}, "x3": {}}, ["a", "b", "g"]),
        ({"é": {"ü": 3, "a": 1}, "xß": {"ü": 4}}, ["ü", "a"]),
        ({}, ["a"]),
        ({"x": {"a": 2 ** 62}, "y": {"a": 2 ** 62}}, ["a"]),  # OverflowError
    ],
    "strict_lookup": [
        ({"a": 0.5, "b": 1.5}, ["a", "b", "a"]),
        ({"naïve": 2.0}, ["naïve"]),
        ({}, []),
        ({"a": 1.0}, ["a", "café"]),  # KeyError: 'café'
    ],
    "view_reads": [
        ({"a": 1, "A": 2, "b": 3}, "a"),
        ({}, "a"),
        ({"straße": 9, "STRASSE": 1}, "straße"),
        ({"x": 5}, "y"),
    ],
    "key_order": [
        ({"ab": True, "b": False, "ac": True, "é": False}, "a"),
        ({}, ""),
        ({"z": True, "y": True}, ""),
        ({"ß": False}, "x"),
    ],
    "deepest": [
        ({"a": {"m": {"a": 9, "b": 2, "c": 5}, "n": {}}, "b": {}}, ),
        ({}, ),
        ({"x": {"y": {"z": -1, "x": 4}}}, ),
        ({"k": {"é": {"ü": 2 ** 40}}}, ),
    ],
    "dynamic_key": [
        ({"a": 1, "1": 2}, '"a"'),
        ({"a": 1, "1": 2}, "1"),
        ({"a": 1}, '"zz"'),
    ],
    "owned_kept": [
        ({"a": 1}, "a"),
        ({"a": 1, "b": 2}, "c"),
        ({}, ""),
    ],
}

# (function, input index) pairs: CPython returns an int beyond 64 bits, the
# compiled code must raise OverflowError.
OVERFLOW: set[tuple[str, int]] = {
    ("walk_records", 3),
}
