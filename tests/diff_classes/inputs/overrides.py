INPUTS: dict[str, list[tuple]] = {
    "set_one": [("plain", 0.7), ("clamped", 3.0), ("clamped", -1.0), ("plain", -1.0),
                ("pinned", 0.1)],
    "set_all": [(["plain", "clamped", "clamped"], [0.25, 2.0, 0.75]), ([], []),
                (["clamped", "plain"], [-5.0, -5.0])],
    "bump_all": [(["plain", "clamped"], 0.2, 3), (["clamped"], -0.3, 2), (["plain"], -0.3, 2),
                 (["pinned", "plain"], 0.1, 1)],
    "settle": [(["plain", "clamped", "pinned"], 0.9), (["pinned"], 2.0), ([], 1.0),
               (["plain"], -2.0)],
    "reset_meter": [(True, 3), (False, 3), (True, -1)],
}
