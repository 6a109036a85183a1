"""Index arrays among slices and ints (feature selection, restricted
vocabularies, picked token positions, banned tokens) read and assigned, and
paired `x[rows, cols]`."""

import numpy as np
import numpy.typing as npt


def select_features(x: npt.NDArray[np.float32], cols: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """The chosen feature columns of every sample."""
    return x[:, cols]


def gather_rows(x: npt.NDArray[np.float64], ids: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
    """Rows picked by an id array, written with an explicit `:`."""
    return x[ids, :]


def first_tokens(hidden: npt.NDArray[np.float32], ids: list[int]) -> npt.NDArray[np.float32]:
    """The first token's vector of some sequences of a batch."""
    return hidden[ids][:, 0]


def restricted_softmax(logits: npt.NDArray[np.float32], allowed: list[int]) -> npt.NDArray[np.float32]:
    """A softmax over an allowed sub-vocabulary of every row."""
    sub = logits[:, allowed]
    e = np.exp(sub - sub.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def positions_mean(hidden: npt.NDArray[np.float32], pos: list[int]) -> npt.NDArray[np.float32]:
    """The mean of some token positions of every sequence (a 3-D batch)."""
    return hidden[:, pos, :].mean(axis=1)


def feature_of_rows(x: npt.NDArray[np.int64], ids: npt.NDArray[np.int64], col: int) -> list[int]:
    """One feature of some rows, an int placed apart from the index array."""
    return x[ids, col:col + 1, 0].ravel().tolist()


def ban_tokens(logits: npt.NDArray[np.float32], banned: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
    """Banned token ids get -inf in every row before sampling."""
    out = logits.copy()
    out[:, banned] = -np.inf
    return out


def write_columns(x: npt.NDArray[np.float64], cols: list[int], v: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Columns overwritten by an array broadcast to them (a column picked twice keeps the last)."""
    out = x.copy()
    out[:, cols] = v
    return out


def zero_rows(ids: npt.NDArray[np.int64], pad: int) -> npt.NDArray[np.int64]:
    """Token ids of some sequences set to the pad id from the second position on."""
    out = np.zeros((3, 4), dtype=np.int64) + 5
    out[ids, 1:] = pad
    return out


def pair_scores(sim: npt.NDArray[np.float32], rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> list[float]:
    """Scores of (query, document) pairs."""
    return [float(s) for s in sim[rows, cols]]
