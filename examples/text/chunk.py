"""Text chunking for retrieval: split a document into overlapping windows of words."""


def chunk_words(text: str, size: int, overlap: int = 0) -> list[str]:
    """Split `text` into windows of `size` words, consecutive windows sharing `overlap` words."""
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    if not 0 <= overlap < size:
        raise ValueError("overlap must be in [0, size)")
    words = text.split()
    out = []
    step = size - overlap
    for start in range(0, len(words), step):
        window = words[start:start + size]
        out.append(" ".join(window))
        if start + size >= len(words):
            break
    return out


def count_words(text: str) -> dict[str, int]:
    """Count lowercase words, in order of first appearance."""
    counts: dict[str, int] = {}
    for w in text.lower().split():
        w = w.strip(".,;:!?\"'()")
        if w:
            counts[w] = counts.get(w, 0) + 1
    return counts
