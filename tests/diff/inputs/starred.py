INPUTS: dict[str, list[tuple]] = {
    "head_tail": [([1, 2, 3],), ([7],), ([],)],
    "command_args": [("run fast now",), ("stop",), ("   ",)],
    "init_last": [("a/b/c.txt",), ("file",), ("/abs/x",)],
    "strip_ends": [(["<s>", "hi", "there", "</s>"],), (["<s>", "</s>"],), (["x"],)],
    "two_and_rest": [("a,1,x,y",), ("a,1",), ("a",)],
    "row_totals": [([[1, 2, 3], [4]],), ([],), ([[1, 2], []],)],
    "last_two": [([1.0, 2.5, 4.0],), ([3.0, 1.0],), ([1.0],)],
    "chars": [("internationalization",), ("ab",), ("a",)],
}
