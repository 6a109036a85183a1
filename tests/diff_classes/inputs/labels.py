INPUTS: dict[str, list[tuple]] = {
    "label_of": [(0,), (2,), (3,), (-1,)],
    "label_names": [(), (), ()],
    "parse_labels": [
        (["POSITIVE", "NEGATIVE"],),
        ([],),
        (["positive"],),
    ],
    "tag_descriptions": [
        (["PER", "ORG"],),
        ([],),
        (["MISC"],),
    ],
    "enum_texts": [(0,), (2,), (5,)],
    "max_priority": [([1, 3, 2],), ([2],), ([],), ([1, 4],)],
    "count_by_label": [([0, 1, 1, 2, 0, 1],), ([],), ([2, 7],)],
    "optional_matches": [
        (["PER", "XX", "LOC", "LOC", "ORG"], "LOC"),
        ([], "PER"),
        (["ORG", "ORG", "zz", "zz"], "ORG"),
        (["PER"], "nope"),
    ],
    "first_tag_name": [(["xx", "ORG", "PER"],), (["PER"],), ([],), (["a", "b"],)],
}
