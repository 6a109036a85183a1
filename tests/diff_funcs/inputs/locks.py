INPUTS: dict[str, list[tuple]] = {
    "guarded_total": [([1, 2, 5],), ([1, 0, 3],), ([],)],
    "early_return": [(["a", "#b", "c"],), (["x"],)],
    "states": [(False,), (True,)],
    "nested_rlock": [(3,), (-1,), (0,)],
}
