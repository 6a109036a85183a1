INPUTS: dict[str, list[tuple]] = {
    'sniff': [
        (b'\x89PNG\r\n\x1a\nrest',),
        (b'PK\x03\x04',),
        (b'{}',),
        (b'',),
        (b'x',),
    ],
    'byte_histogram': [
        (b'hello',),
        (b'',),
        (b'\x00\x00\xff',),
    ],
    'xor_mask': [
        (b'hello', b'k'),
        (b'\x00\xff', b'\xff\x00'),
        (b'', b'ab'),
        (b'abc', b''),
    ],
    'dedupe_chunks': [
        ([b'a', b'b', b'a', b''],),
        ([],),
        ([b'\x00', b'\x00\x00'],),
    ],
    'tail_of': [
        (b'abcdef', 2),
        (b'abc', 0),
        (b'abc', 3),
        (b'ab', -1),
    ],
    'ordered': [
        ([b'b', b'a', b'ab', b'b'],),
        ([],),
        ([b'\xff', b'\x00'],),
    ],
    'compare': [
        (b'ab', b'abc'),
        (b'b', b'abc'),
        (b'', b''),
        (b'\xff', b'a'),
    ],
    'make_zeros': [
        (3, [1, 2]),
        (0, []),
        (-1, [1]),
        (2, [256]),
        (1, [-3]),
    ],
}
