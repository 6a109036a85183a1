INPUTS: dict[str, list[tuple]] = {
    "bio_to_spans": [
        (["B-PER", "I-PER", "O", "B-LOC"],),
        ([],),
        (["I-ORG", "I-ORG", "B-ORG", "I-PER"],),
        (["O", "O"],),
        (["B-PER", "X-PER"],),
    ],
    "merge_wordpieces": [
        (["play", "##ing", "foot", "##ball"],),
        ([],),
        (["na", "##ï", "##ve", "café"],),
        (["##ing", "start"],),
        (["#", "##", "###x"],),
    ],
    "merge_with_labels": [
        (["John", "##son", "lives", "in", "New", "York"], ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]),
        ([], []),
        (["##orphan", "word"], ["B-X", "O"]),
        (["a", "##b", "c"], ["L1", "L2"]),
    ],
    "spans_to_text": [
        (["John", "Smith", "went", "to", "Paris"], [("PER", 0, 2), ("LOC", 4, 5)]),
        ([], []),
        (["東京", "と", "大阪"], [("LOC", 0, 1), ("LOC", 2, 3), ("X", 5, 9)]),
        (["a", "b"], [("Z", -1, 2)]),
    ],
    "span_f1": [
        ([("PER", 0, 2), ("LOC", 4, 5)], [("PER", 0, 2), ("LOC", 3, 5)]),
        ([], []),
        ([("A", 0, 1), ("A", 0, 1)], [("A", 0, 1)]),
        ([("A", 0, 1)], [("B", 0, 1)]),
    ],
    "char_spans": [
        (["John", "Smith", "went", "to", "Paris"], [("PER", 0, 2), ("LOC", 4, 5)]),
        (["naïve", "café"], [("X", 1, 2)], "__"),
        (["a", "b"], [("X", 0, 0)]),
        (["a", "b"], [("X", 1, 3)]),
        ([], [("X", 0, 1)]),
    ],
    "fix_bio": [
        (["O", "I-PER", "I-PER", "I-LOC", "B-ORG", "I-ORG"],),
        ([],),
        (["I-X"],),
        (["B-A", "I-A", "O", "O"],),
    ],
    "word_labels": [
        ([None, 0, 0, 1, 2, 2, None], ["O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]),
        ([], []),
        ([None, None], ["O", "O"]),
        ([0, 1, 1, 0], ["A", "B", "C", "D"]),
    ],
    "entity_summary": [
        (["John", "Smith", "met", "Ann", "in", "Rome"], ["B-PER", "I-PER", "O", "B-PER", "O", "B-LOC"]),
        ([], []),
        (["Zoë", "Straße"], ["B-PER", "B-LOC"]),
        (["x"], ["Q"]),
    ],
}
