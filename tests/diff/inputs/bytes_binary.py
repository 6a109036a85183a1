INPUTS: dict[str, list[tuple]] = {
    'adler32': [
        (b'Wikipedia',),
        (b'',),
        (b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff',),
    ],
    'hex_dump': [
        (b'hello, world\x00\x01', 8),
        (b'', 4),
        (b'abc', 16),
        (b'abc', 0),
    ],
    'from_hex': [
        ('de ad be ef',),
        ('',),
        ('0g',),
        ('abc',),
    ],
    'pack_words': [
        ([1, 2, 65535], 'big'),
        ([258], 'little'),
        ([], 'big'),
        ([65536], 'big'),
        ([1], 'middle'),
        ([-1], 'big'),
    ],
    'unpack_words': [
        (b'\x00\x01\x02\x03', 'big'),
        (b'\x01\x02\x03', 'little'),
        (b'', 'big'),
        (b'\x01\x02', 'sideways'),
    ],
    'signed_value': [
        (b'\xff\xff',),
        (b'\x00\x80',),
        (b'',),
        (b'\xff\xff\xff\xff\xff\xff\xff\x7f',),
    ],
    'frame': [
        (b'ab', 2),
        (b'', 3),
        (b'x', -1),
        (b'ab', 0),
    ],
}
