INPUTS: dict[str, list[tuple]] = {
    "run_lengths": [
        ("aaabccd",),
        ("",),
        ("éé e",),
    ],
    "compress": [
        ("aaabbc",),
        ("",),
        ("x",),
    ],
    "entity_spans": [
        (["O", "B-PER", "I-PER", "O", "B-LOC"],),
        ([],),
        (["O", "O"],),
        (["B-ORG", "I-ORG", "B-PER"],),
    ],
    "by_initial": [
        (["bob", "alice", "ann", "carl"],),
        ([],),
        (["b", ""],),
    ],
    "longest_run": [
        ([1, 1, 2, 2, 2, 1],),
        ([],),
        ([5],),
    ],
    "peaks": [
        ([0.5, 2.0, -1.0, 3.0, 0.0, 1.5],),
        ([],),
        ([-1.0, -2.0],),
    ],
    "route_by_score": [
        ([0.9, 0.2, 0.5, 0.7], 0.5),
        ([0.1], 0.5),
        ([], 0.0),
    ],
    "last_fields": [
        (["a,b,c", "x", "1,2"],),
        ([],),
        ([""],),
    ],
}
