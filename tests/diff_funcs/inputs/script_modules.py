DOCS = ["The cat sat on the mat.", "A dog ran.", "cat and dog", ""]

INPUTS: dict[str, list[tuple]] = {
    "keywords": [("The cat, the dog!",), ("",), ("of the a",)],
    "overlap": [("cat dog", "a cat"), ("the", "cat"), ("Cat!", "cat")],
    "rank": [("cat dog", DOCS, 2), ("dog", DOCS, 5), ("the", DOCS, 1), ("cat", [], 3)],
    "version": [()],
}
