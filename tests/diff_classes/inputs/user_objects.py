import math

INPUTS: dict[str, list[tuple]] = {
    "equal_shapes": [([("rect", 2.0, 2.0), ("square", 2.0, 0.0), ("circle", 1.0, 0.0)],),
                     ([("rect", 1.0, math.pi), ("circle", 1.0, 0.0)],),
                     ([("square", 3.0, 0.0), ("circle", 0.0, 0.0), ("rect", 0.0, 5.0)],),
                     ([("hexagon", 1.0, 1.0)],)],
    "vec_checks": [([1.0, 2.0], [1.0, 2.0]), ([1.0], [1.0, 2.0]), ([float("nan")], [float("nan")]),
                   ([], [])],
    "parse_config": [([],), (["strategy=sample", "stop=\n|###"],), (["strategy=beam"],),
                     (["strategy=beam", "max_new_tokens=4"],), (["strategy=topk"],), (["x=1"],)],
    "tagged": [("hi", True), ("", False), ("x y", True)],
    "ring_views": [([1.0, 5.0, 3.0, 4.0, 2.0], 3), ([2.5], 4), ([], 2), ([1.0], 0)],
    "word_views": [("the Cat sat on THE mat",), ("one",), ("",)],
    "declared_then_assigned": [("square", 2.0), ("circle", 1.0), ("blob", 3.0),
                               ("square", float("nan"))],
    "run_bus": [([("msg", "hi"), ("msg", "there")],), ([("msg", "a"), ("other", "b")],), ([],)],
}
