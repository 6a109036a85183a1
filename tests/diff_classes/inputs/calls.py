INPUTS: dict[str, list[tuple]] = {
    "log_parts": [(["a", "b"], {"k": 1}), ([], {}), (["x"], {"p": 2, "q": 3})],
    "log_through_base": [(True, ["x"], {"q": 2}), (False, ["x", "y"], {}),
                         (True, [], {"a": 1, "b": 2})],
    "loggers": [(["p", "q"],), ([],), (["z"],)],
    "add_all": [([1.0, 2.5],), ([],), ([1.0, -2.0],), ([0.5],)],
    "limits": [(["max", "min"], [1.0, 0.0]), ([], []), (["b", "a"], [2.0, 3.0])],
    "standard_for": [("named",), ("tagged",), ("strict",), ("unit",)],
    "standards": [(["unit", "tagged"],), ([],), (["tagged", "named", "unit"],)],
}
