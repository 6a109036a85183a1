INPUTS = {
    "export": [(["a", "b"], ["first text here", "second"]), ([], []), (["a"], [])],
    "copied": [(["x"],), ([],), (["a", "b"],)],
    "scores": [(["pos", "neg"], [0.9, 0.1]), ([], []), (["a"], [0.7, 0.2])],
    "inherited": [("n", 3, [1, 2]), ("", 0, []), ("m", -1, [])],
    "keys_and_values": [("hi",), ("",), ("a'b",)],
    "redeclared": [(1, "a"), (9, ""), (10, "z")],
}
