INPUTS: dict[str, list[tuple]] = {
    "validate": [({"name": "Ada", "city": "London"},), ({"name": "Ada"},),
                 ({"name": "Ada Lovelace-Byron", "city": "London"},),
                 ({"name": "Ada", "city": "Paris", "zip": "75001"},)],
    "validation_report": [([{"name": "Ada", "city": "Rome"}, {"city": "Rome"},
                            {"name": "x" * 20, "city": "Rome"},
                            {"name": "Ada", "city": "Rome", "age": "36"}],), ([],),
                          ([{"name": "Bob", "city": "a very long city name indeed"}],)],
    "check_scores": [({"a": 0.5, "b": 0.25},), ({"a": 0.5, "b": 1.5},), ({},)],
    "scores_or_error": [({"a": 0.5},), ({"a": -0.1},), ({"x": 0.2, "y": 2.0},)],
    "encode": [(["hello", "world"],), (["hello", "wold"],), ([],)],
    "encode_or_suggest": [(["help"],), (["hex"],), (["zzz"],)],
    "fetch_with_backoff": [(0, 3), (2, 3), (3, 3), (5, 0)],
}
