INPUTS: dict[str, list[tuple]] = {
    "quiet_info": [(2,), (-1,)],
    "root_functions": [(3,), (0,)],
    "root_logger": [("app.model",), ("",), ("root",)],
    "guarded": [([5, 1],), ([],), ([0],)],
    "level_names": [(10,), (20,), (30,), (40,), (50,), (0,), (15,), (-1,)],
}
