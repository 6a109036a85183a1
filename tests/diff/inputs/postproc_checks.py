INPUTS: dict[str, list[tuple]] = {
    "unexpected_keys": [
        ('{"name": 1, "zz": 2, "aa": 3}', ['name']),
        ('{"a": 1}', ['a']),
        ('[1, 2]', []),
        ('"ab"', []),
        ('{', []),
    ],
    "joined_items": [
        ('["a", "b"]',),
        ('["a", 1]',),
        ('[null]',),
        ('"xyz"',),
        ('3',),
        ('{"k": 1, "j": 2}',),
    ],
    "bucket_of": [
        (['hello', 'world', '', 'café'], 8),
        ([], 3),
        (['a'], 0),
    ],
    "checksums": [
        (b'hello world', 0),
        (b'', -1),
        (b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff', 1099511627781),
        (b'abc', 4294967295),
    ],
    "stepped": [
        (1, 0, 100, 7),
        (2, 10, -10, -3),
        (4, 0, 10, 0),
        (5, 0, 10, -1),
        (6, -2**62, 2**62, 2**40),
    ],
    "stepped_ids": [
        (1, 100, 2),
        (2, 10, 3),
        (3, 1, 5),
        (4, 10, 0),
        (5, 0, 1),
    ],
}
