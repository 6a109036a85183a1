INPUTS: dict[str, list[tuple]] = {
    "version_against_others": [("1.2", 1), ("0.0", 0), ("3", 3)],
    "parsed_equals_int": [("1.2", 1), ("2.0", 2), ("oops", 2)],
    "records_of_two_classes": [(1, 2), (0, 0), (-3, 5)],
    "mixed_membership": [([1, 2, 3], 2), ([], 0), ([5], 4)],
    "optional_against_other": [(0,), (1,), (2,)],
    "family_identity": [(1.0,), (0.5,), (2.0,)],
    "first_match": [(["1.0", "1.2", "1.2"], "1.2"), (["0.1"], "0.2"), (["x"], "1.0")],
}
