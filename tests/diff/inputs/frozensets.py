INPUTS: dict[str, list[tuple]] = {
    "algebra_classes": [
        ([1, 2], [2, 3]),
        ([], []),
        ([5], [5]),
    ],
    "compare_kinds": [
        ([1, 2], [2, 1]),
        ([1], [1, 2]),
        ([1, 2, 3], [1, 2]),
        ([5], [6]),
        ([], []),
    ],
    "grown": [
        ([1, 2], 3),
        ([0, 1], 0),
        ([], 5),
    ],
    "smallest_member": [
        ([5, 3, 9],),
        ([-1],),
        ([],),
    ],
    "shown": [
        ([3, 1, 2],),
        ([],),
        ([7, 7],),
    ],
    "total": [
        (frozenset({1, 2, 3}),),
        (frozenset(),),
        (frozenset({-5}),),
    ],
    "keep_known": [
        (["a", "b", "c"], frozenset({"a", "c"})),
        ([], frozenset()),
        (["é", "e"], frozenset({"é"})),
    ],
    "sorted_members": [
        (frozenset({"b", "a"}),),
        (frozenset(),),
        (frozenset({"z"}),),
    ],
    "hash_matches": [
        ([1, 2, 3],),
        ([],),
        ([10, -1, 2**40],),
    ],
    "mixed_algebra": [
        ([1, 2, 3], [3, 4]),
        ([], [5]),
        ([7], []),
    ],
}
