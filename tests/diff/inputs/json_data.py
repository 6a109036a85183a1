INPUTS: dict[str, list[tuple]] = {
    "load_thresholds": [
        ('{"thresholds": {"spam": 0.8, "toxic": 1, "pii": 0.55}}',),
        ('{"thresholds": {}}',),
        ('{"limits": {}}',),
        ('{"thresholds": {"spam": "high"}}',),
        ('{"thresholds": {"a": null}}',),
    ],
    "parse_scores": [
        ('{"alice": [3, 1, 2], "bob": [], "carol": [10]}',),
        ('{}',),
        ('{"a": [1, 2] "b": []}',),
        ('{"a": [1, 2,]}',),
    ],
    "total_tokens": [
        ('{"choices": [{"text": "hello there world"}, {"text": " a  b "}]}',),
        ('{"choices": []}',),
        ('{"choices": [{"text": "x"}',),
        ('{"choices": [{"txt": "x"}]}',),
        ('',),
    ],
    "report": [
        ({"cat": 3, "dog": 5, "ému": 1, "ant": 5}, 2),
        ({"x": 1}, 0),
        ({"b": 2, "a": 7}, -1),
        ({}, 2),
    ],
    "compact": [
        ([0.1, 1e-07, 2.5, 1e16], ["a", "b\"q", "ü", "tab\t"]),
        ([], []),
        ([float("nan"), float("inf"), -0.0], ["n", "i", "z"]),
    ],
    "escape_roundtrip": [
        ("plain",),
        ("naïve café \U0001f600 \x7f\x00\n\\/\"",),
        ("",),
    ],
    "merge_configs": [
        ('{"lr": 0.001, "layers": [64, 32], "name": "m"}', '{"lr": 0.01, "extra": {"a": null, "b": true}}'),
        ('{}', '{}'),
        ('{"a": 1}', '{"a": }'),
        ('{"a": 1}', '{"b": [1, 2}'),
    ],
    "jsonl_errors": [
        ('{"a": 1}\n{"a" 2}\n[1, 2\n"ok"',),
        ('',),
        ('{"k": tru}\n  [1,\n{"x": "\\q"}',),
    ],
    "decode_errors": [
        (['{"a": 1}', '[1, 2', '{}', '1', '"x"', 'null'],),
        (['{"a" 1}', '"\\u12"', '"\\q"', '"abc'],),
        (['  \n\n {"a": 1,\n "b"', '[1] x', '"bad\x01"', '\ufeff[]'],),
        (['{"k": tru}', '-', '[1.5e, 2]', '[-0, 01]', '"\\ud83d\\ude00\\n"'],),
        (['{"a": [1, 2', '{"a" : {"b": [true, false, null, NaN]}}', ' '],),
    ],
    "record_fields": [
        ('{"records": [{"name": " ann lee ", "tags": "a,b", "email": "x@example.com"}, {"name": "bo", "tags": ""}]}',),
        ('{"records": []}',),
        ('{"records": [{"name": 3, "tags": "a"}]}',),
        ('{"records": [{"name": "x", "tags": ["a"]}]}',),
        ('{"records": [{"name": "x", "tags": "a", "email": null}]}',),
    ],
}
