INPUTS = {
    "describe": [
        ('{"name": "m", "labels": ["a", "b"]}',),
        ('{"name": "m", "max_length": 0}',),
        ('{"max_length": 3}',),
        ('{"name": "m", "max_length": "x"}',),
        ('{"name": "m", "max_length": true}',),
        ('{"name": "m", "temperature": null}',),
    ],
    "config_repr": [
        ('{"name": "m", "temperature": 0.5, "labels": [1, 2]}',),
        ('{bad',),
        ('[1, 2]',),
        ('{"name": "m", "labels": ["a", "a"]}',),
        ('{"name": "m", "extra": 1, "bar": 2}',),
    ],
    "kinds": [
        ('[1, 2.5, "s", null, true, [1], {"a": 1}]',),
        ('[]',),
        ('[[], {}, -0.0]',),
    ],
    "check_all": [
        (['{"name": "m"}', '{', '{}', '{"name": "m", "max_length": []}'],),
        ([],),
        (['null'],),
    ],
    "loaded": [
        ('{"name": "m", "temperature": 0.25, "labels": ["x"]}',),
        ('{"name": ""}',),
        ('{"name": "m", "max_length": 9000}',),
    ],
}
