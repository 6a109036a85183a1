"""Record llama-cpp-python's `tokenize`/`detokenize` on SmolLM2 for tests/test_chat.py.

    python tests/chat/make_token_reference.py   # writes tests/chat/tokens.json

Run with llama-cpp-python installed (built as tests/chat/make_reference.py says).
Texts are bytes (written as hex): UTF-8 text, special tokens, bytes that are not
UTF-8; each is tokenized with every add_bos/special choice, and each id list is
detokenized with and without special, so `Llama.tokenize` and `Llama.detokenize`
of a compiled bundle can be compared exactly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "examples" / "chat"))

from fetch_model import fetch

TEXTS = [
    b"Hello, world!",
    b" leading space and  two spaces",
    "Caf\u00e9 \u00e0 la cr\u00e8me, \u65e5\u672c\u8a9e, emoji \U0001f600".encode(),
    b"<|im_start|>user\nHi!<|im_end|>\n",
    b"",
    b"\xff\xfe broken \xc3",
    b"line one\nline two\r\n\ttabbed",
]
# Lists of ids whose pieces are decoded: a BOS first (its leading space dropped),
# special tokens, pieces that cut a UTF-8 sequence.
EXTRA_IDS = [[1, 9690, 198], [2, 1, 2], [60, 23, 39614], [39614], [1]]


def main() -> int:
    import llama_cpp
    from llama_cpp import Llama

    llm = Llama(model_path=str(fetch()), n_ctx=2048, seed=0, n_threads=2, verbose=False)
    tokenized = []
    for text in TEXTS:
        for add_bos in (True, False):
            for special in (False, True):
                ids = llm.tokenize(text, add_bos=add_bos, special=special)
                tokenized.append({"text": text.hex(), "add_bos": add_bos, "special": special,
                                  "ids": ids})
    id_lists = [t["ids"] for t in tokenized if t["ids"]] + EXTRA_IDS
    detokenized = []
    for ids in id_lists:
        for special in (False, True):
            detokenized.append({"ids": ids, "special": special,
                                "bytes": llm.detokenize(ids, special=special).hex()})
    ref = {"llama_cpp_python": llama_cpp.__version__, "n_vocab": llm.n_vocab(),
           "tokenize": tokenized, "detokenize": detokenized}
    (HERE / "tokens.json").write_text(json.dumps(ref, indent=1) + "\n")
    print(f"wrote {HERE / 'tokens.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
