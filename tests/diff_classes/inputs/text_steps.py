INPUTS = {
    "postprocess": [
        (["  Hello world. ### next", "one two three four five", ""], ["###", "STOP"], 3),
        (["a STOP b ###"], ["###", "STOP"], 10),
        (["a"], [], -1),
    ],
    "describe_chain": [(1, False), (0, True), (5, True), (-2, True)],
    "call_directly": [("first. second",), ("no stop",), ("",)],
    "total_cost": [(["strip", "lower", "lower"],), ([],), (["strip", "upper"],)],
    "names": [([0, 1, 2],), ([],), ([0, -1],)],
}
