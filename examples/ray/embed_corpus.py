"""Embed a text file into Parquet with Ray Data and a compiled bundle.

    pycomp build examples/embed/embed.py -o bundles/minilm
    python3 examples/ray/embed_corpus.py bundles/minilm corpus.txt embeddings/ --actors 2

Each line of the text file is one text (`ray.data.read_text`); a pool of
actors, each holding the bundle once (`pycomp.ray.BundlePredictor`), embeds
the lines in batches; the Parquet files get the columns `text` and
`embedding`. With `--make-corpus N` the script first writes a corpus of N
distinct lines to the text file. On a cluster, call `ray.init(address=...)`
instead of starting a local Ray; the bundle folder must be readable by every
node (a shared filesystem, or copy it beside the workers).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

WORDS = [
    "the", "a", "dog", "cat", "bird", "city", "country", "road", "house", "car", "water",
    "food", "book", "search", "query", "model", "answer", "question", "people", "day",
    "night", "time", "year", "week", "good", "bad", "new", "old", "big", "small", "long",
    "short", "high", "low", "early", "late", "young", "hot", "cold", "run", "play", "see",
    "find", "give", "tell", "work", "call", "try", "ask", "need", "feel", "help", "show",
    "hear", "move", "live", "believe",
]


def make_corpus(path: Path, lines: int = 10_000, seed: int = 15) -> Path:
    """`lines` distinct sentences, one per line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(lines):
            words = rng.choices(WORDS, k=rng.randint(4, 14))
            f.write(f"line {i}: {' '.join(words)}.\n")
    return path


def embed_corpus(bundle: str | Path, text_file: str | Path, out_dir: str | Path,
                 actors: int = 2, batch_size: int = 256, cpus_per_actor: float = 1.0) -> None:
    """Embed every line of `text_file` with `bundle` into Parquet files in `out_dir`.

    The actors hold `actors * cpus_per_actor` CPUs for as long as the dataset
    runs; leave some to Ray for reading and writing (on 2 CPUs: 2 actors of
    0.5, or 1 of 1), or the reads wait for ever."""
    import ray
    from pycomp.ray import BundlePredictor

    ds = ray.data.read_text(str(text_file))
    ds = ds.map_batches(BundlePredictor, fn_constructor_kwargs={"bundle": str(bundle)},
                        batch_size=batch_size, num_cpus=cpus_per_actor,
                        compute=ray.data.ActorPoolStrategy(size=actors))
    ds.write_parquet(str(out_dir))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle")
    ap.add_argument("text_file")
    ap.add_argument("out_dir")
    ap.add_argument("--actors", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--cpus-per-actor", type=float, default=1.0)
    ap.add_argument("--make-corpus", type=int, metavar="N", help="first write N lines")
    args = ap.parse_args()
    import ray

    if args.make_corpus:
        make_corpus(Path(args.text_file), args.make_corpus)
    ray.init(include_dashboard=False)
    start = time.perf_counter()
    embed_corpus(args.bundle, args.text_file, args.out_dir, args.actors, args.batch_size,
                 args.cpus_per_actor)
    print(f"embedded {args.text_file} into {args.out_dir} in "
          f"{time.perf_counter() - start:.1f} s with {args.actors} actors")


if __name__ == "__main__":
    main()
