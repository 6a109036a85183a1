INPUTS: dict[str, list[tuple]] = {
    "aliased_counter": [([1, 2, 3],), ([],), ([-5],)],
    "shared_in_containers": [(["a", "b", "a", "a"],), ([],), (["x"],)],
    "run_lights": [
        (["tick", "tick", "tick", "reset", "tick"],),
        ([],),
        (["tick", "fault"],),
        (["jump"],),
    ],
    "linked_sum": [([1, 2, 3],), ([],), ([7],)],
    "lex": [("abc 123, x9!",), ("",), ("  ünï 42 ..",)],
    "counters_list": [(3, 2), (0, 5), (-1, 1), (1, 0)],
    "mutate_through_function": [(1, 3), (0, 0), (10, 1)],
}
