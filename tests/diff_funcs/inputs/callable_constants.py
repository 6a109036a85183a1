INPUTS: dict[str, list[tuple]] = {
    "normalize": [("  The Cat! ",), ("",), ("...",)],
    "encode": [("The cat sat.",), ("a dog",), ("",)],
    "encode_strict": [("the mat",), ("the dog",)],
    "encode_all": [(["the cat", "cat dog"], 0), ([], -1)],
    "scaled_rows": [([[4.0, 8.0], [1.0]],), ([[1.0], []],)],
    "scale_total": [([2.0, 2.0],), ([],)],
}
