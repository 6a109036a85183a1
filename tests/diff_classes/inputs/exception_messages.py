INPUTS: dict[str, list[tuple]] = {
    "parse_ints": [(["1", "2", "-3"], False), (["1", "x"], False), (["1", "y 2"], True)],
    "parse_report": [(["4", "5"], False), (["4", "five"], False), (["", "5"], True)],
    "fetch": [("/a", 200), ("/missing", 404), ("/b", 503), ("/c", 400)],
    "fetch_report": [(["/a", "/b"], 200), (["/x", "/y"], 404), (["/z"], 500)],
    "label_id": [("B-PER",), ("B-LOC",), ("",)],
    "label_ids": [(["O", "B-PER"],), (["O", "B-ORG", "x"],), ([],)],
    "admit": [(0.5, 1.0), (1.5, 1.0), (3.0, 1.0)],
    "admit_all": [([0.2, 1.25, 2.5], 1.0), ([], 1.0), ([0.99999, 1.00001], 1.0)],
    "check_value": [(0, "abc"), (1, "abcd"), (2, "x"), (3, "y"), (4, "z"), (0, "")],
}
