INPUTS: dict[str, list[tuple]] = {
    "parse_log_line": [("INFO [bert-base] latency=12ms tokens=30",),
                       ("ERROR [gpt2.small] latency=900ms  ",), ("garbage",),
                       ("WARN [x] latency=7ms tokens=",)],
    "match_items": [("key=value", r"(\w+)=(\w+)"), ("key=", r"(\w+)=(\w+)?"),
                    ("nothing", r"(a)(b)"), ("ab", r"(a)b"), ("k=v", "(")],
    "metrics_line": [("ner", 40, 31), ("a-long-model-name", 3, 3), ("empty", 0, 0)],
    "apply_stop": [("Hello\nUser: hi", ["\nUser:", "###"]), ("abc", []),
                   ("x###y\nUser:", ["\nUser:", "###"]), ("a", ["b", ""])],
    "bpe_merge": [("lower", [("l", "o"), ("lo", "w"), ("e", "r")]), ("a", []),
                  ("aaaa", [("a", "a"), ("aa", "aa")]), ("abc", [("x", "y")])],
    "ascii_fields": [("héllo", 3), ("日本 😀\u2028", -1), ("it's", 0), ("", 7)],
}
