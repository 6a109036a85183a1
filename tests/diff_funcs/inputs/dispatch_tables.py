INPUTS: dict[str, list[tuple]] = {
    "dispatch": [("double", 3), ("neg", 3), ("neg", 0), ("square", -4), ("cube", 2)],
    "registered_twice": [("neg",), ("double",), ("",)],
    "pipeline": [(1, 2), (3, 0), (0, 1)],
    "twice": [(3, True), (3, False), (0, True)],
    "route": [("upper a b",), ("sum 1 2 3",), ("nope x",), ("sum 1 x",), ("",)],
}
