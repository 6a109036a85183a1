INPUTS = {
    "chain": [
        (["usr", "local", "bin"],),
        (["root"],),
        ([],),
        (["a", "b", "c", "d", "e"],),
    ],
    "outline": [
        ([("Intro", 1), ("Body", 2), ("note", -1)],),
        ([("zero", 0), ("deep", 4)],),
        ([],),
    ],
    "timeouts": [
        ({"fetch": 2.5, "parse": -1.0}, 10.0),
        ({"a": 0.0, "b": 1.0}, 3.0),
        ({"x": -1.0}, 0.0),
        ({}, -1.0),
    ],
    "titles": [
        (["alpha", "beta", "gamma"], ["First", ""]),
        (["one"], []),
        ([], ["unused"]),
    ],
    "reparented_depths": [
        (["a", "b", "c"], 2),
        (["solo"], 0),
        (["a", "b"], 5),
    ],
}
