INPUTS: dict[str, list[tuple]] = {
    "read_missing": [("/nonexistent/pycomp_classes8.txt",), ("",), ("/",)],
    "read_missing_file": [("/nonexistent/f.txt",), ("missing 'quoted'.txt",),
                          ('/nonexistent/"both\'.txt',)],
    "decode": [('{"a": 1}',), ('{"a": }',), ("[1,\n 2,,]",), ("",)],
    "decode_value_error": [("[1]",), ("{",), ('"abc',)],
    "raised_int": [(-3,), (0,), (1,), (2,), (5,)],
    "raised_key": [("k",), ("",), ("it's",)],
    "escape_open": [("/nonexistent/x.txt",), ("",), ("/",)],
    "checked": [(3,), (-4,), (0,)],
}
