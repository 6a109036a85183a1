import math

NAN = math.nan
LONG = [float((i * 37) % 101) if i % 13 else NAN for i in range(100)]
TIES = [float(i % 7) - 3.0 for i in range(150)]

INPUTS: dict[str, list[tuple]] = {
    "sorted_floats": [
        ([3.0, 1.0, 2.0], False),
        ([0.0, -0.0, 1.5, -0.0, 0.0], False),
        ([0.0, -0.0, 1.5, -0.0, 0.0], True),
        ([3.0, NAN, 1.0, 2.0], False),
        ([NAN, 3.0, 1.0, 2.0, 0.5], True),
        (LONG, False),
    ],
    "sorted_copy_desc": [
        (LONG,),
        (TIES,),
        ([],),
        ([2.0, NAN, NAN, -1.0],),
    ],
    "top_indices": [
        ([0.5, 2.0, 2.0, -1.0, 3.5], 3),
        (TIES, 10),
        (LONG, 20),
        ([1.0, NAN, 3.0, 2.0], 4),
        ([1.0, 2.0], 3),
    ],
    "rank_records": [
        (["b", "a", "c", "é", "d"], [3, 3, 1, 3, 3], [0.5, 0.5, 0.1, 0.25, 0.5]),
        ([f"w{i % 9}" for i in range(120)], [i % 4 for i in range(120)],
         [float(i % 5) for i in range(120)]),
        (["x", "y", "z"], [1, 1, 1], [NAN, 0.0, NAN]),
        (["a", "b"], [1], [0.0, 1.0]),
    ],
    "by_length": [
        (["pear", "Fig", "apple", "fig", "kiwi", "Äpfel", "b"], False),
        (["pear", "Fig", "apple", "fig", "kiwi", "Äpfel", "b"], True),
        ([f"{'x' * (i % 6)}{i % 4}" for i in range(90)], True),
        ([], False),
    ],
    "int_order": [
        ([5, -2, 9, 0, -2, 9223372036854775807, -9223372036854775808], [True, False, True]),
        ([i * 7919 % 1009 for i in range(200)], [i % 3 == 0 for i in range(70)]),
        ([], []),
    ],
    "inverse_keys": [
        ([5, 1, 3, 50, 7],),
        ([2, 0, 1],),
        ([-3, 4, -100, 101],),
    ],
    "pairs_by_score": [
        ([("a", 1.0), ("b", 2.0), ("c", 1.0), ("d", -0.0), ("e", 0.0)],),
        ([("x", NAN), ("y", 1.0), ("z", NAN), ("w", 0.5)],),
        ([(f"k{i % 11}", float(i % 3)) for i in range(80)],),
    ],
}
