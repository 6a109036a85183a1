INPUTS: dict[str, list[tuple]] = {
    "geo_mean_precision": [
        ([0.5, 0.25, 0.125],),
        ([1.0],),
        ([],),
        ([0.5, 0.0],),
        ([0.5, -1.0],),
    ],
    "any_term": [
        ('a+b (c) cat c++', ['c++', 'a+b', '(c)']),
        ('nothing', ['x.y']),
        ('', []),
    ],
    "error_paths": [
        ([('POST', '/embed', 503, 10.5), ('GET', '/health', 200, 0.1), ('POST', '/embed', 500, 1.0)],),
        ([],),
        ([("GET", "/é", 599, float("nan"))],),
    ],
    "last_fields": [
        (['a: b', 'no colon', 'x:y:z '],),
        ([],),
        ([":", "k: v: w"],),
    ],
    "key_changes": [
        ({'acc': 0.8, 'f1': 0.5, 'old': 1.0}, {'acc': 1, 'new': 2}),
        ({}, {}),
        ({'é': 1.0}, {'é': 1}),
    ],
    "missing_keys": [
        ({'a': 1}, ['a', 'b', 'c']),
        ({}, []),
        ({"b": 2, "é": 0}, ["é", "a", "a"]),
    ],
    "strip_controls": [
        ('a\x07b\x00c\td\ne\x1f',),
        ('',),
        ('héllo\x7f',),
    ],
    "by_first_ranking": [
        (['c', 'a', 'b'], ['a', 'b', 'c', 'd']),
        ([], []),
        (['a', 'z'], ['a']),
    ],
    "most_repeated": [
        (['a', 'b', 'b', 'c'],),
        (['x'],),
        ([],),
    ],
    "initials": [
        (['hello big world', '', 'ça va'],),
        ([],),
        (["  spaced   out  ", "x"],),
    ],
}
