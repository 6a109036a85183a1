INPUTS = {
    "segment": [
        ("thecatsatonthemat", {"the": 3, "cat": 5, "cats": 6, "at": 1, "on": 2, "mat": 4,
                               "sat": 3}, 4),
        ("straßeüber", {"straße": 9, "über": 7, "ü": 1}, 6),
        ("", {}, 3),
        ("abc", {"a": 1}, 0),  # `longest` 0: each character alone
    ],
    "tally_lists": [
        ([("a", 1), ("b", 2), ("a", 3), ("a", 0), ("a+", 9)],),
        ([],),
        ([("é", 5), ("é", 4), ("é", 3), ("é", 9)],),
    ],
    "label_of": [
        ({"Cat": 3, "dog": 1}, {3: "three", 2: "two", -1: "none"}, "Cat"),
        ({"cat": 1}, {2: "two", -1: "none"}, "cat"),
        ({"cat": 5}, {6: "six", -1: "none"}, "cat"),
        ({}, {3: "three", -1: "none"}, "ÄBC"),
        ({}, {-1: "none"}, "xy"),
        ({}, {}, "xy"),  # KeyError: -1
    ],
    "changed_in_body": [
        ({"a": 1, "a!": 5}, ["a", "b", "a", "b"]),
        ({}, []),
        ({"ü": 2, "ü!": 3, "x": 1}, ["ü", "xy", "ü", "é"]),
        ({"a": 1}, ["b", ""]),
    ],
    "present_then_strict": [
        ({"a": 1.5, "b": 2.0}, "a", "b"),
        ({"a": 1.5}, "z", "b"),
        ({"a": 1.5}, "a", "missing"),  # KeyError: 'missing'
    ],
    "bioes_counts": [
        (["S-PER", "O", "B-LOC", "I-LOC", "E-LOC", "B-ORG", "E-PER", "S-ORTé"], 0),
        (["O", "S-X", "B-Y", "E-Y"], -3),
        (["B-PER", "I-PER"], 0),  # IndexError: no E- closes
        ([], 0),  # IndexError: tags[-1]
    ],
    "pick": [
        (["a", "b", "é"], [0, -1, 2, -3]),
        ([], []),
        (["a"], [1]),  # IndexError
        (["a", "b"], [-3]),  # IndexError
    ],
}
