INPUTS: dict[str, list[tuple]] = {
    "total_price": [
        ({"items": [{"price": 2.5, "qty": 2}, {"price": 1.0}]},),
        ({"items": []},),
        ({"items": [{"price": 3, "qty": 2}]},),
        ({"items": [{"price": "3"}]},),
        ({"other": 1},),
    ],
    "describe": [(True,), (" Hi ",), (21,), ([1, [2]],), ({"b": 1, "a": 2},), (None,), (2.5,)],
    "flatten_config": [
        ({"a": 1, "b": {"c": True, "d": {"e": None}}},),
        ({},),
        ({"x": [1, 2], "y": "s"}, "root."),
    ],
    "mixed_row": [(4,), (-3,), (0,)],
    "field_or": [
        ({"a": 5}, "a", 0),
        ({"a": None}, "a", "none"),
        ({}, "b", "missing"),
        ({"a": "x"}, "a", 1),
        ({"a": 2.5}, "a", 1),
    ],
    "sum_numbers": [([1, "2", 3],), ([],), (["x"],), ([" 7 ", 8],)],
    "lookup_path": [
        ({"a": [{"b": 1}, {"b": 2}]}, ["a", "1", "b"]),
        ({"a": 1}, ["b"]),
        ({"a": [1]}, ["a", "3"]),
        ({"a": 1}, ["a", "b"]),
        ([10, 20], ["-1"]),
    ],
    "concat_all": [
        ([1, 2, 3.5],),
        (["a", "b"],),
        ([[1], ["x"]],),
        (["a", 1],),
        ([1, "a"],),
        ([],),
    ],
    "count_kinds": [([1, "a", None, 2.5, [1], True],), ([],), ([{"k": 1}],)],
    "max_score": [
        ([{"score": 1}, {"score": 3.5}, {"score": 2}],),
        ([{"score": "a"}, {"score": "b"}],),
        ([{"score": 1}, {"score": "b"}],),
        ([],),
    ],
}
INPUTS["tag_all"] = [({"a": 1, "b": [2]}, "t"), ({}, "x"), ([1, 2], "bad")]
INPUTS["request_texts"] = [
    ('{"texts": ["a  b", "c"], "top_k": 2}',),
    ('{"texts": "one"}',),
    ('{"texts": null, "top_k": "3"}',),
    ('{"texts": [], "top_k": 1.7}',),
    ('[1, 2]',),
    ('{bad',),
    ('{"top_k": "x"}',),
    ('{"top_k": [1]}',),
]
