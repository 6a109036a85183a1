INPUTS: dict[str, list[tuple]] = {
    'utf8_roundtrip': [
        ('hello',),
        ('héllo €',),
        ('',),
        ('😀',),
    ],
    'decode_strict': [
        (b'caf\xc3\xa9', 'utf-8'),
        (b'caf\xe9', 'utf-8'),
        (b'caf\xe9', 'latin-1'),
        (b'caf\xe9', 'ascii'),
        (b'\xe2\x82', 'utf-8'),
        (b'abc', 'koi9-x'),
    ],
    'decode_lenient': [
        (b'a\xffb\xe2\x82', 'replace'),
        (b'a\xffb\xe2\x82', 'ignore'),
        (b'a\xffb', 'backslashreplace'),
        (b'a\xffb', 'nope'),
        (b'plain', 'nope'),
    ],
    'encode_to': [
        ('naïve', 'ascii', 'strict'),
        ('naïve', 'ascii', 'replace'),
        ('naïve', 'latin-1', 'strict'),
        ('€uro', 'latin-1', 'xmlcharrefreplace'),
        ('€€', 'ascii', 'strict'),
        ('ok', 'utf8', 'strict'),
    ],
    'header_lines': [
        (b'Host: example.com\r\nContent-Type: text/plain\r\n\r\n',),
        (b'X-Bin: \xff\xfe\r\nbad line\r\n',),
        (b'',),
        (b'N\xe9: v\r\n',),
    ],
    'clean_tokens': [
        (b'Hello, World! foo...bar',),
        (b'',),
        (b'ok \xff\xfe, fine?',),
        (b'Caf\xc3\xa9 au lait',),
    ],
    'describe': [
        (b'',),
        (b"a'b",),
        (b'a\'"b\\\x7f\x80',),
        (b'"',),
    ],
}
