INPUTS: dict[str, list[tuple]] = {
    "timed_total": [
        (1000,),
        (0,),
        (-3,),
    ],
    "within_budget": [
        (["ab", "c", "xyz"], 60.0),
        ([], 1.0),
        (["ok", ""], 60.0),
    ],
    "retry_backoff": [
        ([0.001, 0.002],),
        ([],),
        ([0.0, -1.0],),
        ([float("nan")],),
    ],
    "sleep_whole": [
        (0,),
        (-1,),
        (10_000_000_000,),
    ],
    "stamped": [
        ("a", 2020),
        ("b", 3000),
        ("zz", 2020),
    ],
}
