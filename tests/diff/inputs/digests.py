INPUTS: dict[str, list[tuple]] = {
    "cache_key": [
        ("hello", "gpt", 0.7),
        ("", "", 0.0),
        ("naïve café", "m-1", 1e-05),
    ],
    "fingerprints": [
        (["a", "b", "a"],),
        ([],),
        (["ünïcode", ""],),
    ],
    "dedupe_by_digest": [
        (["Hello", "hello ", "World", "HELLO"],),
        ([],),
        (["x", "y"],),
    ],
    "running_digests": [
        ([b"ab", b"c", b""],),
        ([],),
        ([b"\x00\xff" * 40],),
    ],
    "digest_info": [
        (b"abc", "md5"),
        (b"", "sha1"),
        (b"xyz", "sha512"),
        (b"abc", "sha3_256"),
    ],
    "shard_of": [
        ("user-1", 16),
        ("", 3),
        ("ключ", 1000),
        ("x", 0),
    ],
    "encode_payload": [
        ("hello world",),
        ("",),
        ("é€😀",),
    ],
    "decode_payload": [
        ("aGVsbG8gd29ybGQ=",),
        ("aGVsbG8gd29ybGQ",),
        ("aGVsbG8gd29yb",),
        ("w6k=",),
        ("/w==",),
        ("aé==",),
    ],
    "url_token": [
        (b"\xfb\xff\xfe",),
        (b"",),
        (b"ab",),
    ],
    "parse_url_token": [
        ("-__-",),
        ("YWI",),
        ("",),
        ("Y",),
    ],
}
