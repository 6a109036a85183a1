INPUTS = {
    "blank_and_keys": [
        (["  # Alpha;  ", "\t", "#beta", "  ÉTÉ ;", "#  zeta;"], None),
        ([" naïve café ", "Straße\u3000", "\u3000"], "é "),
        ([], None),
        (["xxabcxx", "x", "mxx"], "x"),  # "x" stripped of x is '': IndexError
    ],
    "chained_trims": [
        (["  # Alpha;  ", "#beta;", "  ÉTÉ ;", "#  zeta;#"], "#", None),
        (["xxabcxx", "x", "mxx", "  lone  "], "x", "x"),
        ([" naïve café ", "na", ""], "na", "é "),
        ([], "", None),
    ],
    "trim_bound_once": [
        ("  #tag#  ", "#"),
        ("\u3000 Straße \t", "St"),
        ("xx", "x"),
        ("  ", ""),  # bare is '': IndexError
    ],
    "trim_local": [
        (["  ab", "c ", " ab"], " a"),
        (["é", "té", "été"], "é"),
        ([], "x"),
        (["", ""], ""),
    ],
    "trim_counts": [
        ("a, b ,a,, c ", ",", " "),
        ("..x..;..x;y", ";", "."),
        ("", ",", ""),
        ("a,b,c,d", ",", ""),  # four keys: ValueError
    ],
    "strip_pieces": [
        (["  Hello, World! (x) ", "", "...", "Ünïcode; -- ok ,, ."], ".,;!()"),
        (["a #tag!! b", "x y #z!"], ".,"),
        ([], ""),
        (["#first word"], ""),  # ValueError: tag first
    ],
}
