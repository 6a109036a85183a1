import math

INPUTS: dict[str, list[tuple]] = {
    "format_money": [
        (1234567.891,),
        (-0.005,),
        (0.0, "€"),
        (-1234.5, "£"),
        (2.675,),
        (1e21,),
    ],
    "format_table": [
        ([("apples", 3, 1.5), ("naïve café", 12345, -0.0005)],),
        ([],),
        ([("a-very-long-name", -7, 1e10)],),
        ([("日本", 0, math.inf)],),
    ],
    "format_percent": [
        (1, 3),
        (0, 5),
        (5, 0),
        (-1, 8),
        (1, 2000),
    ],
    "format_duration": [
        (3661,),
        (0,),
        (86399,),
        (-1,),
        (360000,),
    ],
    "describe_stats": [
        ([1.0, 2.5, 3.0],),
        ([1e-05, 1e16],),
        ([],),
        ([-0.0, 0.1],),
    ],
    "center_title": [
        ("Report",),
        ("Report", True),
        ("",),
        ("naïve café",),
        ("this title is far too long",),
        ("日本語",),
    ],
    "bool_flags": [
        ({"debug": True, "verbose": False},),
        ({},),
        ({"ß": False},),
    ],
    "float_reprs": [
        ([0.1 + 0.2, 1e16, 1e-07, 123456789012345678.0],),
        ([],),
        ([-0.0, math.inf, -math.inf, 2.5, 1.0],),
        ([math.nan, 1e22, 1.5e-323],),
    ],
    "round_report": [
        ([0.5, 1.5, 2.5, -0.5, -1.5],),
        ([2.675, 0.125, 1.005], 2),
        ([1234.5678, -1234.5678], -2),
        ([],),
        ([math.inf],),
        ([math.nan],),
    ],
    "number_cells": [
        ([1, -2, 300],),
        ([1, -2, 300], True),
        ([],),
        ([1234567, -9876543], True),
    ],
}
