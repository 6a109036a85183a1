INPUTS: dict[str, list[tuple]] = {
    "fib_stats": [(10,), (0,), (-1,)],
    "label_evictions": [([1, 2, 1, 3, 2],), ([5, 500],), ([],)],
    "square_counts": [([2, 3, 2, 2],), ([],)],
    "cleared_between": [(["a", "b", "a", "reset", "c"],), ([],)],
    "unbounded_maxsize": [(20,), (-3,)],
}
