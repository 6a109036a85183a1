INPUTS: dict[str, list[tuple]] = {
    "total_area": [(["circle", "square", "rect"], [1.0, 2.0, 3.0]), ([], []),
                   (["circle", "hexagon"], [1.0, 1.0]), (["circle"], [-1.0])],
    "describe_all": [(1.0, 2.0, 3.0), (0.0, 0.5, 0.25), (-1.0, 1.0, 1.0)],
    "largest": [(["circle", "square", "rect"], [1.0, 2.0, 1.5]), ([], []),
                (["rect", "square"], [2.0, 2.5])],
    "widths": [(["circle", "square", "rect"], [1.0, 2.0, 3.0]), ([], []),
               (["square", "blob"], [1.0, 1.0])],
    "count_kinds": [(["circle", "square", "rect", "square"], [1.0, 2.0, 3.0, 4.0]),
                    ([], []), (["circle"], [2.0])],
    "reassigned": [(True, 1.5), (False, 2.0), (False, -3.0)],
    "abstract_shape": [(0,), (2,), (-1,)],
    "session_score": [([0, 1, 2, -1, -3],), ([],), ([1, 1],), ([-2],)],
}
