INPUTS: dict[str, list[tuple]] = {
    "calls_so_far": [(3,), (0,), (2,)],
    "counted": [(3,), (0,)],
    "encode_lazily": [(["a", "b"], "a b c a"), ([], "a"), (["x"], "")],
    "configure": [([("top_p", 0.5)],), ([],), ([("temperature", 0.2), ("seed", 1.0)],)],
    "memo_pairs": [([("a", 1), ("b", 2), ("a", 3)],), ([],)],
    "first_sightings": [(["a", "b", "a", "c", "b"],), ([],)],
    "running_total": [([1.0, 2.0, 4.0],), ([5.0, 0.0, 1.0],)],
    "parse_all": [(["1", "x", "3", "y"],), (["7"],)],
    "encode_cached": [(["a", "b"], ["a b", "c", "b a"]), ([], ["x"]), (["q"], [])],
    "without_stops": [("the cat a dog",), ("",), ("a b c", {"b"})],
    "tally": [(0,), (2,), (-1,)],
    "prefixed": [(["a", "b"], "w"), ([], "")],
}
