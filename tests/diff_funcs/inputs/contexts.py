INPUTS: dict[str, list[tuple]] = {
    "first_number": [(["a", "12", "7"],), (["x"],), ([],)],
    "known_total": [({"a": 1, "b": 2}, ["a", "z", "b"]), ({}, ["q"])],
    "parse_pairs": [(["a=1", "bad", "b = 2", "c=x", "d=1=2"],), (["nope"],)],
}
