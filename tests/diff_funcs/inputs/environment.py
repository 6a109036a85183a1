INPUTS: dict[str, list[tuple]] = {
    "setting": [("HOME", "/x"), ("PYCOMP_TEST_UNSET_A", "dflt"), ("", "empty")],
    "optional_setting": [("PATH",), ("PYCOMP_TEST_UNSET_A",), ("A=B",)],
    "required": [("HOME",), ("PYCOMP_TEST_UNSET_A",), ("",)],
    "is_set": [("PATH",), ("PYCOMP_TEST_UNSET_A",), ("",), ("A=B",)],
    "enabled": [("PYCOMP_TEST_UNSET_A",), ("HOME",)],
    "number": [("PYCOMP_TEST_UNSET_A", 7), ("HOME", 1), ("", -2)],
    "loaded": [()],
}
