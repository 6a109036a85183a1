LABELS = "tests/diff_funcs/data/labels.txt"
VOCAB = "tests/diff_funcs/data/vocab.txt"
SCRATCH = "/tmp/pycomp_diff_files.txt"

INPUTS: dict[str, list[tuple]] = {
    "load_labels": [(LABELS,), ("tests/diff_funcs/data/missing.txt",), ("tests",)],
    "load_vocab": [(VOCAB,), ("",)],
    "count_lines": [(LABELS,), (VOCAB,)],
    "first_line_and_rest": [(LABELS,), ("nope/labels.txt",)],
    "write_and_read": [(SCRATCH, ["a", "héllo", ""]), (SCRATCH, []),
                       ("/nonexistent-dir/x.txt", ["a"])],
    "newline_modes": [(SCRATCH,)],
    "decode_error": [(SCRATCH, "plain"), (SCRATCH, "caf\u00e9"), (SCRATCH, "\u00e9t\u00e9 ok")],
    "closed_file": [(VOCAB,)],
    "not_writable": [(VOCAB,)],
    "read_or_default": [(VOCAB,), ("tests/diff_funcs/data/none.txt",)],
    "recorded": [([1, 2, 5],), ([3, 0, 1],), ([],)],
    "write_until_bad": [(SCRATCH, ["1", "22"]), (SCRATCH, ["3", "x", "4"]),
                        ("/nonexistent-dir/x.txt", ["1"])],
    "write_report": [(SCRATCH, [("a", 0.5), ("b", 2.25)]), (SCRATCH, [])],
    "print_to_reader": [(VOCAB,)],
    "ignored": [(["1", "x", "3"],), ([],)],
}
