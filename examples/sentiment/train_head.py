"""Train the sentiment head of sentiment.py on a few dozen labelled sentences.

The sentences are embedded with the MiniLM pipeline of examples/embed (run in
CPython with onnxruntime); a softmax regression (one weight matrix and a
bias, L2-regularised, full-batch gradient descent with a fixed seed) maps a
384-dimensional embedding to the scores of LABELS. The weights are written
to head.json, and into sentiment.py between its HEAD markers, where the
compiled function reads them as module constants:

    python3 examples/embed/fetch_model.py && python3 examples/sentiment/train_head.py
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
LABELS = ["negative", "positive"]

SENTENCES = [
    ("I loved this film, it was wonderful from start to finish.", 1),
    ("What a great day, everything went right.", 1),
    ("The food was delicious and the staff were friendly.", 1),
    ("This is the best book I have read all year.", 1),
    ("I am so happy with my new phone.", 1),
    ("The concert was amazing and the crowd was full of joy.", 1),
    ("Excellent service, I will definitely come back.", 1),
    ("She gave a brilliant, moving performance.", 1),
    ("The hotel room was clean, quiet and comfortable.", 1),
    ("Thank you, this helped me a lot.", 1),
    ("A beautiful, heartwarming story.", 1),
    ("The update made the app fast and pleasant to use.", 1),
    ("Our trip was fantastic and the weather was perfect.", 1),
    ("I really enjoy working with this team.", 1),
    ("The kids had a lovely time at the park.", 1),
    ("This recipe is simple and tastes great.", 1),
    ("Superb quality for the price.", 1),
    ("The new design looks gorgeous.", 1),
    ("I am delighted with the results.", 1),
    ("What a pleasant surprise!", 1),
    ("I hated this film, it was boring and far too long.", 0),
    ("What a terrible day, everything went wrong.", 0),
    ("The food was cold and the staff were rude.", 0),
    ("This is the worst book I have read all year.", 0),
    ("I am so disappointed with my new phone.", 0),
    ("The concert was awful and the sound was painful.", 0),
    ("Horrible service, I will never come back.", 0),
    ("She gave a dull, lifeless performance.", 0),
    ("The hotel room was dirty, noisy and uncomfortable.", 0),
    ("This did not help at all, what a waste of time.", 0),
    ("A depressing, pointless story.", 0),
    ("The update made the app slow and annoying to use.", 0),
    ("Our trip was a disaster and it rained every day.", 0),
    ("I really dislike working with this team.", 0),
    ("The kids were miserable at the park.", 0),
    ("This recipe is complicated and tastes bad.", 0),
    ("Poor quality, broken after one day.", 0),
    ("The new design looks ugly.", 0),
    ("I am angry about the results.", 0),
    ("What an unpleasant surprise.", 0),
]

BEGIN = "# HEAD: written by train_head.py; do not edit by hand\n"
END = "# END HEAD\n"


def minilm_embed() -> object:
    """examples/embed/embed.py's `embed`, run by CPython."""
    embed_dir = HERE.parent / "embed"
    if not (embed_dir / "model" / "model.onnx").exists():
        raise SystemExit("the MiniLM model is missing: run python3 examples/embed/fetch_model.py")
    sys.path.insert(0, str(embed_dir))
    spec = importlib.util.spec_from_file_location("minilm_embed", embed_dir / "embed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    cwd = Path.cwd()
    try:  # the example opens its model relative to its folder
        import os
        os.chdir(embed_dir)
        spec.loader.exec_module(module)
    finally:
        os.chdir(cwd)
    return module.embed


def train(x: np.ndarray, y: np.ndarray, steps: int = 2000, rate: float = 0.5,
          l2: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent."""
    rng = np.random.default_rng(20261206)
    w = rng.normal(0.0, 0.01, (x.shape[1], len(LABELS)))
    b = np.zeros(len(LABELS))
    onehot = np.eye(len(LABELS))[y]
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / len(x)
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    return w, b


def write_head(w: np.ndarray, b: np.ndarray) -> None:
    rows = [[round(float(v), 6) for v in row] for row in w]
    (HERE / "head.json").write_text(json.dumps({"labels": LABELS, "weights": rows,
                                                "bias": [round(float(v), 6) for v in b]}) + "\n")
    lines = [BEGIN, f"LABELS = {LABELS!r}\n", "HEAD_WEIGHTS = [\n"]
    lines += [f"    {row!r},\n" for row in rows]
    lines += ["]\n", f"HEAD_BIAS = {[round(float(v), 6) for v in b]!r}\n", END]
    source = (HERE / "sentiment.py").read_text()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(source):
        raise SystemExit("sentiment.py has no HEAD markers")
    (HERE / "sentiment.py").write_text(pattern.sub(lambda _: "".join(lines), source))


def main() -> None:
    embed = minilm_embed()
    texts = [s for s, _ in SENTENCES]
    y = np.array([label for _, label in SENTENCES])
    x = np.asarray(embed(texts), dtype=np.float64)  # type: ignore[operator]
    w, b = train(x, y)
    accuracy = float(((x @ w + b).argmax(axis=1) == y).mean())
    write_head(w, b)
    print(f"trained on {len(texts)} sentences, training accuracy {accuracy:.2f}; wrote "
          f"{HERE / 'head.json'} and the HEAD block of {HERE / 'sentiment.py'}")


if __name__ == "__main__":
    main()
