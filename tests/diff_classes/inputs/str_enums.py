INPUTS: dict[str, list[tuple]] = {
    "role_text": [
        ("user",),
        ("system",),
        ("bot",),
    ],
    "role_compare": [
        ("user", "user"),
        ("assistant", "ass"),
        ("system", ""),
        ("user", "system"),
    ],
    "role_json": [
        (["user", "assistant"],),
        ([],),
        (["user", "tool"],),
    ],
    "sorted_roles": [
        (["user", "system", "assistant", "user"],),
        ([],),
        (["assistant"],),
    ],
    "color_text": [
        ("red",),
        ("dark_blue",),
        ("RED",),
    ],
    "level_math": [
        (2,),
        (-7,),
        (0,),
    ],
    "level_of": [
        (1,),
        (3,),
        (4,),
    ],
}
