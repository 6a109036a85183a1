INPUTS: dict[str, list[tuple]] = {
    "call_with_retries": [
        (["7"], 3),
        (["timeout", "refused", "12"], 3),
        (["timeout", "reset"], 2),
        (["down", "timeout", "refused"], 3),
        (["bad", "1"], 2),
    ],
    "retry_log": [
        (["1", "timeout", "refused", "reset", "broken", "down", "bad"],),
        ([],),
        (["x"],),
    ],
    "classify_failure": [
        (["refused"], 0),
        (["reset"], 0),
        (["4", "broken"], 1),
        (["down"], 0),
        (["timeout"], 0),
        (["bad", "5"], 0),
    ],
    "first_valid": [
        (["x", "12", "y"],),
        (["x", "y z"],),
        ([],),
        (["", " 4 "],),
    ],
    "reraise_after_cleanup": [
        (["3"], 0),
        (["timeout"], 0),
        (["refused"], 0),
        (["bad"], 0),
        (["3"], 1),
    ],
    "raise_unset": [
        (0,),
        (1,),
        (2,),
    ],
}
