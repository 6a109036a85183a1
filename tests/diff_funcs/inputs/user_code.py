SCRATCH = "/tmp/pycomp_diff_user_code.json"

INPUTS: dict[str, list[tuple]] = {
    "print_row": [(["a", "b", "c"], "-"), ([], ","), (["é"], "")],
    "print_numbers": [([1.0, 2.5],), ([],), ([-0.0],)],
    "request_headers": [({"Authorization": "x"}, ["a"]), (None, None), ({}, []),
                        ({"X": "1"}, None)],
    "tag_counts": [({"a", "b"},), (set(),), (None,)],
    "save_and_load": [(SCRATCH, ["neg", "pos"], ""), (SCRATCH, [], '{"n": 1, "labels": "x"}'),
                      (SCRATCH, [], '{"n": '), (SCRATCH, [], "[1]"),
                      ("/nonexistent/dir/x.json", [], "")],
    "check_many": [([{"temperature": "0.7"}, {}, {"temperature": "hot"}],), ([],),
                   ([{"temperature": "1", "top_p": "x"}],)],
    "pad_to": [(5,), (0,), (-1,)],
    "register": [(["a", "b"],), ([],), (["c", "", "d"],)],
    "run_steps": [(["x", "key1", "y"],), (["x", "bad2", "y"],), ([],)],
}
