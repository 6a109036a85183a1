"""Objects whose class defines `__call__`, held in module constants (issue 10): the
embedder/normaliser idiom `EMBED = Embedder(DIR)` then `EMBED(texts)` inside a
function, also in comprehensions, nested calls and with keyword arguments."""


class Normalizer:
    def __init__(self, lower: bool, strip: str) -> None:
        self.lower = lower
        self.strip = strip

    def __call__(self, text: str) -> str:
        out = text.strip(self.strip)
        return out.lower() if self.lower else out


class Encoder:
    def __init__(self, words: list[str]) -> None:
        self.ids = {w: i for i, w in enumerate(words)}

    def __call__(self, text: str, *, unknown: int = -1, strict: bool = False) -> list[int]:
        out = []
        for w in text.split():
            if w not in self.ids and strict:
                raise KeyError(f"unknown word {w!r}")
            out.append(self.ids.get(w, unknown))
        return out


class Scaler:
    def __init__(self, factor: float) -> None:
        if factor == 0:
            raise ValueError("factor must not be zero")
        self.factor = factor

    def __call__(self, xs: list[float]) -> list[float]:
        if not xs:
            raise ValueError("no values to scale")
        return [x / self.factor for x in xs]


NORM = Normalizer(True, " .!?")
ENCODE = Encoder(["the", "cat", "sat", "on", "mat"])
SCALE = Scaler(4.0)


def normalize(text: str) -> str:
    return NORM(text)


def encode(text: str) -> list[int]:
    return ENCODE(NORM(text))


def encode_strict(text: str) -> list[int]:
    return ENCODE(NORM(text), strict=True)


def encode_all(texts: list[str], unknown: int) -> list[list[int]]:
    return [ENCODE(t, unknown=unknown) for t in texts]


def scaled_rows(rows: list[list[float]]) -> list[list[float]]:
    return [SCALE(r) for r in rows]


def scale_total(xs: list[float]) -> float:
    return sum(SCALE(xs), 0.0)
