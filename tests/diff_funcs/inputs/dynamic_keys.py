INPUTS: dict[str, list[tuple]] = {
    "decode_labels": [([0, 1, True, 2.0, 5, "1"],), ([None, 1.5, 3],), ([],), ([[1]],)],
    "label_or_none": [("[1, 2.0, true, null, \"x\"]",), ("[]",), ("{\"a\": 1}",),
                      ("[{\"k\": 1}]",)],
    "token_ids": [("[\"hello\", \"world\", \"[PAD]\"]",), ("[]",), ("[1, true, null]",),
                  ("[[\"hello\"]]",)],
    "strict_label": [(1,), (3.0,), (False,), ("x",), (9,)],
    "bigram_count": [("[[\"new\", \"york\"], [\"san\", \"jose\"], [\"a\", \"b\"]]",),
                     ("[\"new\", 1]",), ("[]",), ("[[\"new\", \"york\", \"city\"]]",)],
}
