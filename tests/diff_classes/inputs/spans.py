INPUTS: dict[str, list[tuple]] = {
    "bio_spans": [
        ("John Smith lives in New York", ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC"]),
        ("a b c", ["I-X", "I-X", "B-Y"]),
        ("", []),
        ("one two", ["O"]),
    ],
    "tokenize": [("the quick  fox",), ("",), ("naïve café",)],
    "token_fields": [("hello  big world",), ("",), ("ünï cödé",)],
    "longest_span": [
        ("John Smith lives in New York City", ["B-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "I-LOC"]),
        ("x", ["O"]),
        ("a b", ["B-A", "B-B"]),
    ],
    "moved_points": [([3, 1, 2], 5), ([], 1), ([0, 0], -1)],
    "point_order": [([1, 2], [1, 3]), ([2, 0], [1, 9]), ([1, 1], [1, 1]), ([1], [1, 2])],
    "overlapping_pairs": [
        ("a b c d", ["B-X", "I-X", "O", "B-Y"], ["O", "B-Z", "I-Z", "I-Z"]),
        ("a", ["O"], ["B-Q"]),
        ("a b", ["B-X", "O"], ["O"]),
    ],
}
