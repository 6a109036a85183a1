"""A vocabulary class: ids for tokens, lookups with fallbacks, alternate constructors."""

from __future__ import annotations


class Vocab:
    UNK = "<unk>"
    PAD = "<pad>"

    def __init__(self, tokens: list[str]) -> None:
        self.itos: list[str] = [Vocab.PAD, Vocab.UNK]
        self.stoi: dict[str, int] = {Vocab.PAD: 0, Vocab.UNK: 1}
        for t in tokens:
            self.add(t)

    @classmethod
    def from_text(cls, text: str, min_count: int) -> Vocab:
        counts: dict[str, int] = {}
        for w in text.split():
            w = Vocab.normalize(w)
            counts[w] = counts.get(w, 0) + 1
        kept = sorted(w for w, c in counts.items() if c >= min_count)
        return cls(kept)

    @staticmethod
    def normalize(word: str) -> str:
        return word.strip(".,!?").lower()

    def add(self, token: str) -> int:
        if token in self.stoi:
            return self.stoi[token]
        self.stoi[token] = len(self.itos)
        self.itos.append(token)
        return self.stoi[token]

    @property
    def size(self) -> int:
        return len(self.itos)

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def __getitem__(self, token: str) -> int:
        return self.stoi.get(token, self.stoi[Vocab.UNK])

    def lookup(self, i: int) -> str:
        if i < 0 or i >= len(self.itos):
            raise IndexError(f"id {i} out of range for a vocabulary of {len(self.itos)}")
        return self.itos[i]

    def encode(self, text: str) -> list[int]:
        return [self[Vocab.normalize(w)] for w in text.split()]

    def decode(self, ids: list[int]) -> str:
        return " ".join(self.lookup(i) for i in ids if i != self.stoi[Vocab.PAD])


def encode_text(corpus: str, text: str, min_count: int) -> list[int]:
    vocab = Vocab.from_text(corpus, min_count)
    return vocab.encode(text)


def vocab_size(corpus: str, extra: list[str]) -> tuple[int, int]:
    vocab = Vocab.from_text(corpus, 1)
    before = vocab.size
    for t in extra:
        vocab.add(t)
    return before, len(vocab)


def round_trip(corpus: str, text: str) -> str:
    vocab = Vocab.from_text(corpus, 1)
    ids = vocab.encode(text)
    return vocab.decode(ids + [0, 0])


def known_words(corpus: str, words: list[str]) -> list[bool]:
    vocab = Vocab.from_text(corpus, 1)
    return [Vocab.normalize(w) in vocab for w in words]


def decode_ids(corpus: str, ids: list[int]) -> str:
    vocab = Vocab(sorted(set(corpus.split())))
    return vocab.decode(ids)


def shared_vocab(words: list[str]) -> list[int]:
    a = Vocab([])
    b = a
    out = []
    for w in words:
        out.append(b.add(w))
    out.append(len(a))
    return out
