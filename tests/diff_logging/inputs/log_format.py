INPUTS: dict[str, list[tuple]] = {
    "run_model": [(4,), (0,)],
    "set_levels": [(10,), (30,), (0,), (60,)],
    "force_again": [(20,), (30,), (40,)],
}
