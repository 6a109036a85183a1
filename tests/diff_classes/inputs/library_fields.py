INPUTS: dict[str, list[tuple]] = {
    "normalize": [
        (["  Hello   World ", "a\tb\nc"],),
        ([],),
        (["ÉCOLE  Été"],),
    ],
    "sample": [
        (0, 3),
        (42, 0),
        (-1, 2),
    ],
    "pipeline": [
        (["Hello, world!", "a--b"],),
        ([],),
        (["x"],),
    ],
    "encode": [
        ("the cat sat on the mat",),
        ("a dog",),
        ("",),
    ],
    "encode_twice": [
        ("cat mat",),
        ("",),
        ("on the mat",),
    ],
    "encode_empty": [
        ("x",),
        ("",),
        ("a b",),
    ],
    "cached_clean": [
        ("a b__c",),
        ("",),
        ("__",),
    ],
    "augment": [
        (1, 0.3, [["a", "b", "c", "d"], ["e", "f"]]),
        (2, 0.0, [[]]),
        (3, 1.5, [["x"]]),
    ],
}
