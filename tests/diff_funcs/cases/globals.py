"""Module-level state changed by functions (issue 10): `global` rebinding and in-place
changes of module variables. The state is the module's, shared by every call: the
public functions reset what they use first (so each call's result depends only on its
arguments), except `calls_so_far`, whose result depends on the calls before it (the
harness makes the same calls in the same order on both sides)."""

import threading

_CALLS: int = 0
_CACHE: dict[str, int] = {}
_VOCAB: dict[str, int] | None = None
_LOADS = 0
_CONFIG = {"temperature": 1.0, "top_p": 0.9}
_SEEN: set[str] = set()
_HISTORY: list[str] = []
_LOCK = threading.Lock()
_TOTAL = 0.0
_LAST_ERROR: str | None = None
_PREFIX = "tok"


def _count() -> int:
    global _CALLS
    _CALLS += 1
    return _CALLS


def calls_so_far(n: int) -> int:
    for _ in range(n):
        _count()
    return _CALLS


def counted(n: int) -> list[int]:
    global _CALLS
    _CALLS = 0
    return [_count() for _ in range(n)]


def _load_vocab(words: list[str]) -> dict[str, int]:
    global _LOADS
    _LOADS += 1
    if not words:
        raise ValueError("empty vocabulary")
    return {w: i for i, w in enumerate(words)}


def _vocab(words: list[str]) -> dict[str, int]:
    global _VOCAB
    vocab = _VOCAB
    if vocab is not None:
        return vocab
    fresh = _load_vocab(words)
    _VOCAB = fresh
    return fresh


def encode_lazily(words: list[str], text: str) -> tuple[list[int], int]:
    global _VOCAB, _LOADS
    _VOCAB = None
    _LOADS = 0
    ids = [_vocab(words).get(w, -1) for w in text.split()]
    ids.append(len(_vocab(["ignored"])))
    return ids, _LOADS


def _set_option(key: str, value: float) -> None:
    if key not in _CONFIG:
        raise KeyError(key)
    _CONFIG[key] = value


def configure(changes: list[tuple[str, float]]) -> list[float]:
    _CONFIG["temperature"] = 1.0
    _CONFIG["top_p"] = 0.9
    for key, value in changes:
        _set_option(key, value)
    return [_CONFIG["temperature"], _CONFIG["top_p"]]


def _remember(key: str, value: int) -> int:
    if key in _CACHE:
        return _CACHE[key]
    _CACHE[key] = value
    return value


def memo_pairs(pairs: list[tuple[str, int]]) -> tuple[list[int], int]:
    _CACHE.clear()
    out = [_remember(k, v) for k, v in pairs]
    return out, len(_CACHE)


def _note(word: str) -> bool:
    if word in _SEEN:
        return False
    _SEEN.add(word)
    _HISTORY.append(word.upper())
    return True


def first_sightings(words: list[str]) -> tuple[list[bool], list[str]]:
    _SEEN.clear()
    del _HISTORY[:]
    flags = [_note(w) for w in words]
    return flags, list(_HISTORY)


def _add(x: float) -> float:
    global _TOTAL
    with _LOCK:
        _TOTAL += x
        return _TOTAL


def running_total(xs: list[float]) -> list[float]:
    global _TOTAL
    _TOTAL = 0.0
    return [_add(10.0 / x) for x in xs]


def _record_error(message: str) -> None:
    global _LAST_ERROR
    _LAST_ERROR = message


def parse_all(items: list[str]) -> tuple[list[int], str]:
    global _LAST_ERROR
    _LAST_ERROR = None
    out = []
    for s in items:
        try:
            out.append(int(s))
        except ValueError as e:
            _record_error(str(e))
    last = _LAST_ERROR
    return out, last if last is not None else "no error"


def prefixed(words: list[str], prefix: str) -> list[str]:
    global _PREFIX
    _PREFIX = prefix
    return [_label(w) for w in words]


def _label(w: str) -> str:
    return f"{_PREFIX}:{w}"


def _cached_vocab(words: list[str]) -> dict[str, int]:
    global _VOCAB
    vocab = _VOCAB
    if vocab is None:
        vocab = _load_vocab(words)
        _VOCAB = vocab
    return vocab


def encode_cached(words: list[str], texts: list[str]) -> tuple[list[list[int]], int]:
    global _VOCAB, _LOADS
    _VOCAB = None
    _LOADS = 0
    out = [[_cached_vocab(words).get(w, -1) for w in t.split()] for t in texts]
    return out, _LOADS


def without_stops(text: str, stops: set[str] | None = None) -> list[str]:
    if stops is None:
        stops = {"a", "the"}
    if not text:
        raise ValueError("empty text")
    return [w for w in text.split() if w not in stops]


_TALLY = 0


def tally(n: int) -> int:
    global _TALLY
    if n < 0:
        raise ValueError("n must be >= 0")
    for _ in range(n):
        with _LOCK:
            _TALLY += 1
    return _TALLY
