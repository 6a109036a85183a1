import math

INPUTS: dict[str, list[tuple]] = {
    "label_score": [
        (1, 0.1234),
        (-3, 1.0),
        (0, -0.00005),
        (7, math.inf),
    ],
    "indexed": [
        ("a", "b"),
        ("", "é"),
        ("x y", "z"),
    ],
    "named": [
        ("acc", 0.875, 7, 8),
        ("naïve", 0.0, 0, 0),
        ("f1", 1.5, 3, 2),
    ],
    "padded": [
        ("ab", 5),
        ("naïve", 3),
        ("x", 0),
        ("x", -1),
    ],
    "reprs": [
        ("it's", 1.5),
        ('say "hi"', -0.0),
        ("日本", 1e100),
    ],
    "row": [
        ("apples", 1.5, 3),
        ("a-very-long-name", -1234.567, -42),
        ("", 0.0, 0),
    ],
    "printf_numbers": [
        (3.7, 42),
        (-2.5, -7),
        (0.0, 0),
        (1e10, 255),
        (math.nan, 1),
    ],
    "printf_single": [
        ("x",),
        ("",),
        ("100%",),
    ],
    "printf_dict": [
        ({"a": 1, "b": 2},),
        ({"b": -5, "a": 0},),
        ({"a": 1},),
    ],
    "printf_repr": [
        ("hello", 5),
        ("it's", 4),
        ("",  0),
    ],
}
