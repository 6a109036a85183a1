"""Post-processing of token tagger outputs: BIO decoding, word pieces."""


def bio_to_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    spans = []
    label = ""
    start = -1
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start >= 0:
                spans.append((label, start, i))
            label = tag[2:]
            start = i
        elif tag == "O":
            if start >= 0:
                spans.append((label, start, i))
            start = -1
            label = ""
        elif not tag.startswith("I-"):
            raise ValueError(f"invalid tag '{tag}' at position {i}")
    if start >= 0:
        spans.append((label, start, len(tags)))
    return spans


def merge_wordpieces(tokens: list[str]) -> list[str]:
    words = []
    for tok in tokens:
        if tok.startswith("##"):
            if not words:
                raise ValueError(f"continuation '{tok}' without a head token")
            words[-1] = words[-1] + tok[2:]
        else:
            words.append(tok)
    return words


def merge_with_labels(tokens: list[str], labels: list[str]) -> list[tuple[str, str]]:
    """The first sub-token's label wins."""
    out = []
    for tok, lab in zip(tokens, labels):
        if tok.startswith("##") and out:
            word, first = out[-1]
            out[-1] = (word + tok[2:], first)
        else:
            out.append((tok, lab))
    return out


def spans_to_text(tokens: list[str], spans: list[tuple[str, int, int]]) -> dict[str, list[str]]:
    out = {}
    for label, start, end in spans:
        out.setdefault(label, []).append(" ".join(tokens[start:end]))
    return out


def span_f1(pred: list[tuple[str, int, int]], gold: list[tuple[str, int, int]]) -> tuple[float, float, float]:
    ps = set(pred)
    gs = set(gold)
    tp = len(ps.intersection(gs))
    precision = tp / len(ps) if ps else 0.0
    recall = tp / len(gs) if gs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def char_spans(tokens: list[str], spans: list[tuple[str, int, int]], sep: str = " ") -> list[tuple[str, int, int]]:
    """Token-index spans to code-point offsets in sep.join(tokens)."""
    offsets = []
    pos = 0
    for tok in tokens:
        offsets.append(pos)
        pos += len(tok) + len(sep)
    out = []
    for label, s, e in spans:
        start = offsets[s]
        end = offsets[e - 1] + len(tokens[e - 1])
        out.append((label, start, end))
    return out


def fix_bio(tags: list[str]) -> list[str]:
    """Repair an I- tag that follows O or another type into B-."""
    fixed = tags.copy()
    prev = "O"
    for i in range(len(fixed)):
        tag = fixed[i]
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            fixed[i] = "B-" + tag[2:]
        prev = fixed[i]
    return fixed


def word_labels(word_ids: list[int | None], token_labels: list[str]) -> list[str]:
    """First-token label per word; None marks special tokens."""
    out = []
    prev = -1
    for wid, lab in zip(word_ids, token_labels):
        if wid is None:
            continue
        if wid != prev:
            out.append(lab)
            prev = wid
    return out


def entity_summary(tokens: list[str], tags: list[str]) -> list[str]:
    words = spans_to_text(tokens, bio_to_spans(tags))
    return [f"{label}: {', '.join(texts)}" for label, texts in sorted(words.items())]
