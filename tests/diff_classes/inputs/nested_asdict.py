INPUTS = {
    "export": [(["Hello", "WORLD", "x"],), ([],), (["ONE"],)],
    "exported_copy": [(["a", "b"],), ([],), (["A"],)],
    "token_dict": [("hi", 0), ("", 3), ("héllo", -2)],
    "token_tuple": [("hi", 0), ("", 3), ("héllo", -2)],
    "doc_tuple": [(["Hello", "WORLD"],), ([],), (["a", "b", "c"],)],
    "tree": [(2, 2), (0, 3), (3, 1)],
    "first_label": [(["A", "b"],), ([],), (["a"],)],
    "window_end": [(["a", "b", "c"],), (["a"],), ([],)],
}
