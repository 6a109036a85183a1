INPUTS: dict[str, list[tuple]] = {
    "fetch_twice": [(1,), (-4,)],
    "scores": [(8,), (0,)],
    "calc": [([("add", 2.0), ("mul", 3.0), ("sub", 1.5)],), ([("div", 0.0)],), ([("pow", 2.0)],)],
    "chunks": [("the quick brown fox jumps over", 10), ("", 3), ("a b", 0)],
    "progress": [(["alpha", "beta"],), ([],)],
    "normalize": [("  Hello   World ", ["strip", "lower", "squash"]), ("x", ["upper"])],
    "next_ids": [(2,), (0,), (3,)],
    "timed": [([1, 2, 3],), ([],)],
}
