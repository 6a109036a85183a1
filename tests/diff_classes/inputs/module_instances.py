INPUTS: dict[str, list[tuple]] = {
    "encode": [
        ("The cat sat on the mat",),
        ("a bird sat",),
        ("",),
    ],
    "round_trip": [
        ("the dog sat",),
        ("unknown words only",),
        ("",),
    ],
    "known": [
        (["cat", "Cat", "<unk>", "bird"],),
        ([],),
        (["the"],),
    ],
    "classify": [
        ([0.1, 0.2, 0.7],),
        ([0.35, 0.3, 0.35],),
        ([0.5, 0.5],),
        ([0.9, 0.05, 0.05],),
    ],
    "tag": [
        (["The", "dog", "Running", "quickly", "jumped", "away", "now"],),
        (["a", "an", "the"],),
        ([],),
    ],
    "nearest": [
        (0.9, 0.2),
        (-2.0, 0.5),
        (0.1, 3.0),
    ],
    "rule_repr": [
        (0,),
        (2,),
        (3,),
        (-1,),
    ],
}
