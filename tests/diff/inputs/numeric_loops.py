INPUTS: dict[str, list[tuple]] = {
    "factorial": [
        (0,),
        (5,),
        (20,),
        (30,),
        (-1,),
    ],
    "fibonacci": [
        (0,),
        (1,),
        (10,),
        (90,),
        (100,),
    ],
    "power_table": [
        (2, 10),
        (-3, 5),
        (0, 3),
        (-2, 64),
        (2, 70),
    ],
    "collatz_steps": [
        (1,),
        (27,),
        (97,),
        (0,),
        (-5,),
    ],
    "floor_div_mod_table": [
        ([7, -7, 0, 13, -13], 3),
        ([7, -7, 13, -13], -3),
        ([], 5),
        ([1, 2], 0),
        ([-9223372036854775807, 9223372036854775807], 2),
    ],
    "normalize_angle": [
        (370.0,),
        (-30.0,),
        (-0.0,),
        (-7.5, 2.0),
        (0.0, -1.0),
        (5.0, 0.0),
    ],
    "gcd_list": [
        ([12, 18, 24],),
        ([],),
        ([-4, 6],),
        ([0, 0],),
        ([17, 5],),
    ],
    "primes_below": [
        (30,),
        (0,),
        (2,),
        (3,),
        (-5,),
    ],
    "digit_sum": [
        (0,),
        (12345,),
        (-987,),
        (9223372036854775807,),
    ],
    "string_hash": [
        ("hello",),
        ("",),
        ("日本語😀",),
        ("abc", 257, 65521),
        ("abc", 31, 0),
    ],
}

# (function, input index) pairs: CPython returns an int beyond 64 bits, the
# compiled code must raise OverflowError.
OVERFLOW: set[tuple[str, int]] = {
    ("factorial", 3),
    ("fibonacci", 4),
    ("power_table", 4),
}
