INPUTS: dict[str, list[tuple]] = {
    "frame_messages": [
        (["hi", "héllo"], 44),
        ([], 0),
        (["a"], 256),
        (["a", "b"], -1),
    ],
    "patch_record": [
        (b"\x01\x02\x03\x04\x00", 1, [9, 8]),
        (b"\x00", 0, []),
        (b"abc", 2, [1, 2]),
        (b"abc", 0, [300]),
        (b"", 0, []),
    ],
    "checksum_report": [
        (b"xabyz", 97),
        (b"", 0),
        (b"\x00\xff'\"", 255),
        (b"abc", 256),
    ],
    "collect_text": [
        ([b"caf", b"\xc3\xa9\n"], "strict"),
        ([b"#x", b"ok"], "strict"),
        ([b"\xff\xfe"], "replace"),
        ([b"\xc3"], "strict"),
    ],
    "reverse_bytes": [
        (b"abcd", 1),
        (b"xy", 2),
        (b"", 0),
        (b"ab", 3),
    ],
    "from_ints": [
        ([104, 105], [33]),
        ([], []),
        ([1], [2, 256, 3]),
        ([-1], []),
    ],
}
