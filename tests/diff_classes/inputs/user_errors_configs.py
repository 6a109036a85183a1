INPUTS: dict[str, list[tuple]] = {
    "call_with_retry": [("rro", 3), ("rrr", 3), ("rb", 5), ("o", 0), ("x", 2), ("", 1)],
    "describe_failure": [("rro",), ("rrrr",), ("rb",), ("x",), ("o",)],
    "first_error": [(["b", "r", "r"],), (["o"],), ([],), (["x"],)],
    "specials": [(["<pad>"], 100), ([], 3), (["a", "b"], 2)],
    "config_repr": [(10,), (1,), (2,)],
}
