INPUTS: dict[str, list[tuple]] = {
    "decode_labels": [([0, 1, True, 2.0, 5, "1"],), ([None, 1.5, 3],), ([],), ([[1]],)],
    "label_or_none": [("[1, 2.0, true, null, \"x\"]",), ("[]",), ("{\"a\": 1}",),
                      ("[{\"k\": 1}]",)],
    "token_ids": [("[\"hello\", \"world\", \"[PAD]\"]",), ("[]",), ("[1, true, null]",),
                  ("[[\"hello\"]]",)],
    "strict_label": [(1,), (3.0,), (False,), ("x",), (9,)],
    "bigram_count": [("[[\"new\", \"york\"], [\"san\", \"jose\"], [\"a\", \"b\"]]",),
                     ("[\"new\", 1]",), ("[]",), ("[[\"new\", \"york\", \"city\"]]",)],
    "search_hits": [([0.5, 0.25, 0.75], 2), ([], 3), ([1.0], 0), ([0.5], -1), ([200.0, 1.0], 1)],
    "group_scores": [(['{"label": "pos", "score": 1}', '{"label": "neg"}', '{"label": "pos", "score": 0.5}'],),
                     ([],), (['{"label": "other"}'],), (['{"score": 1}'],), (['{"label": "pos", "score": "x"}'],)],
}
