INPUTS: dict[str, list[tuple]] = {
    "paragraph": [
        ("The quick brown fox jumps over the lazy dog near the riverbank.", 16),
        ("a well-known, state-of-the-art re-implementation of it", 11),
        ("", 10),
        ("Pneumonoultramicroscopicsilicovolcanoconiosis is long", 10),
        ("  spaced\tout\n\nwords  ", 6),
        ("anything", 0),
    ],
    "hanging": [
        ("Note", "Wrapped text under a label, with the following lines indented.", 30),
        ("Warning", "short", 40),
        ("X", "naïve café -- crème brûlée, déjà vu", 12),
    ],
    "preview": [
        ("Hello   world, this is a rather long sentence.", 20),
        ("short", 20),
        ("Supercalifragilistic", 5),
        ("ab cd", 2),
    ],
    "first_lines": [
        ("one two three four five six seven eight nine ten", 12, 2),
        ("one two", 12, 1),
        ("alpha beta gamma delta", 8, 1),
        ("x y z", 3, 1),
    ],
    "no_hyphen_breaks": [
        ("a well-known, state-of-the-art thing", 12),
        ("e-mail re-do x-ray", 5),
        ("", 4),
    ],
    "keep_long_words": [
        ("tiny Pneumonoultramicroscopic words", 8),
        ("ab", 1),
        ("x", -3),
    ],
    "prompt_template": [
        ("\n    Answer the question.\n\n      Question: {question}\n    Answer:\n", "Why?"),
        ("\tno\n\tcommon\n  margin", "q"),
        ("", "q"),
    ],
    "quote_reply": [
        ("First paragraph that is somewhat long.\n\nSecond one.", 20),
        ("", 10),
        ("x\n\n\n\ny", 5),
        ("word", 0),
    ],
    "column_widths": [
        (["a b c d e", "long-winded explanation", ""], 8),
        ([], 5),
        (["abc"], -1),
    ],
}
