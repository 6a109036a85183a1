"""The chat bundle over the tiny ONNX decoder (tests/chat/decoder_chat.py) from each
consumer of issue 14: Node iterates the compiled generator as an async iterable, Rust
as an iterator of results, C through the handle API (call, next, free). The pieces each
streams equal CPython's running the same source, also when a consumer stops early."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pycomp
import pytest
from pycomp.build import cargo_env
from pyref import load_python

pytest.importorskip("onnxruntime")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "models"))
import make_decoder

NODE = shutil.which("node")
MESSAGES = [{"role": "system", "content": "Answer briefly."},
            {"role": "user", "content": "the cat sat on"}]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    root = tmp_path_factory.mktemp("chatconsumers")
    make_decoder.make_decoder(root / "model")
    src = root / "decoder_chat.py"
    shutil.copy2(ROOT / "tests" / "chat" / "decoder_chat.py", src)
    return pycomp.build(src, root / "bundle"), src, load_python(src)


def hexes(pieces: list[str]) -> list[str]:
    return [p.encode().hex() for p in pieces]


@pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "koffi").exists(),
                    reason="needs node and `npm ci` (scripts/install.sh does both)")
def test_node_async_iterable(built: tuple[Path, Path, Any]) -> None:
    bundle, _, py = built
    script = f"""
const m = require({json.dumps(str(bundle / 'node'))});
const messages = {json.dumps(MESSAGES)};
(async () => {{
  const out = {{ greedy: [], sampled: [], early: [] }};
  for await (const p of m.chat(messages, 12, 0.0, 0, false)) out.greedy.push(p);
  for await (const p of m.chat(messages, 30, 2.0, 44, false)) out.sampled.push(p);
  for await (const p of m.ramble(messages, 1000000)) {{ out.early.push(p); if (out.early.length === 3) break; }}
  try {{ for await (const p of m.chat([{{role: 'user', content: 'x '.repeat(40)}}], 3, 0.0, 0, false)) {{}} out.error = null; }}
  catch (e) {{ out.error = [e.name, e.message]; }}
  console.log(JSON.stringify(out));
}})();
"""
    proc = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=False,
                          env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")),
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["greedy"] == list(py.chat(MESSAGES, 12))
    assert got["sampled"] == list(py.chat(MESSAGES, 30, 2.0, 44))
    assert got["early"] == list(py.ramble(MESSAGES, 3))
    with pytest.raises(ValueError) as e:
        list(py.chat([{"role": "user", "content": "x " * 40}], 3))
    assert got["error"] == ["ValueError", str(e.value)]


def test_rust_iterator(built: tuple[Path, Path, Any], tmp_path: Path) -> None:
    _, src, py = built
    crate = tmp_path / "decoder_chat"
    pycomp.to_rust(src, crate)
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "Cargo.toml").write_text(
        '[package]\nname = "chat-app"\nversion = "0.1.0"\nedition = "2024"\n\n'
        f'[dependencies]\ndecoder_chat = {{ path = {json.dumps(str(crate))} }}\n'
        '\n[workspace]\n')
    (app / "src" / "main.rs").write_text("""
use decoder_chat::IndexMap;

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let messages: Vec<IndexMap<String, String>> = [("system", "Answer briefly."),
                                                   ("user", "the cat sat on")]
        .iter()
        .map(|(r, c)| IndexMap::from_iter([("role".to_string(), r.to_string()),
                                           ("content".to_string(), c.to_string())]))
        .collect();
    let greedy: Vec<String> = decoder_chat::chat(messages.clone(), 12, 0.0, 0, false)
        .unwrap()
        .map(|p| hex(&p.unwrap()))
        .collect();
    println!("{}", greedy.join(" "));
    let early: Vec<String> = decoder_chat::ramble(messages, 1_000_000)
        .unwrap()
        .take(3)
        .map(|p| hex(&p.unwrap()))
        .collect();
    println!("{}", early.join(" "));
}
""")
    # the library's assets are read from its crate's bundle-files (no bundle folder)
    proc = subprocess.run(["cargo", "run", "--quiet", "--manifest-path",
                           str(app / "Cargo.toml")], capture_output=True, text=True,
                          env=cargo_env(), cwd=src.parent, check=False, timeout=1500)
    assert proc.returncode == 0, proc.stderr[-4000:]
    greedy, early = proc.stdout.splitlines()
    assert greedy.split() == hexes(list(py.chat(MESSAGES, 12)))
    assert early.split() == hexes(list(py.ramble(MESSAGES, 3)))


C_MAIN = r'''
#include <stdio.h>
#include "decoder_chat.h"
#include "pycomp_pcv.h"

static void messages(pcv_writer *w) {
  pcv_list(w, 2);
  pcv_dict(w, 2); pcv_str(w, "role"); pcv_str(w, "system");
  pcv_str(w, "content"); pcv_str(w, "Answer briefly.");
  pcv_dict(w, 2); pcv_str(w, "role"); pcv_str(w, "user");
  pcv_str(w, "content"); pcv_str(w, "the cat sat on");
}

/* Prints up to `limit` pieces as hex, then the status that ended the loop. */
static int drain(void *it, int limit) {
  int32_t st = 0;
  for (int n = 0; n < limit; n++) {
    uint8_t *out = NULL; size_t len = 0;
    st = decoder_chat_iter_next(it, &out, &len);
    if (st != 0) break;
    pcv_reader r = pcv_reader_new(out, len);
    size_t k = 0;
    const char *s = pcv_read_str(&r, &k);
    for (size_t i = 0; i < k; i++) printf("%02x", (unsigned char)s[i]);
    printf(" ");
    decoder_chat_free_buffer(out, len);
  }
  printf("| %d\n", st);
  decoder_chat_iter_free(it);
  return 0;
}

int main(void) {
  pcv_writer w = {0};
  void *it = NULL;
  pcv_tuple(&w, 5); messages(&w); pcv_int(&w, 12); pcv_float(&w, 0.0); pcv_int(&w, 0);
  pcv_bool(&w, 0);
  if (decoder_chat_call_chat(w.data, w.len, &it) != 0) return 1;
  drain(it, 100);
  w.len = 0;
  pcv_tuple(&w, 2); messages(&w); pcv_int(&w, 1000000);
  if (decoder_chat_call_ramble(w.data, w.len, &it) != 0) return 1;
  drain(it, 3);                               /* stopped early, then freed */
  pcv_writer_free(&w);
  return 0;
}
'''


def test_c_handle_api(built: tuple[Path, Path, Any], tmp_path: Path) -> None:
    bundle, _, py = built
    c = tmp_path / "main.c"
    c.write_text(C_MAIN)
    exe = tmp_path / "chat-demo"
    subprocess.run(["cc", "-Wall", "-Wextra", "-Werror", "-I", str(bundle), str(c), "-L",
                    str(bundle), "-ldecoder_chat", f"-Wl,-rpath,{bundle}", "-o", str(exe)],
                   check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True,
                         timeout=300).stdout
    greedy, early = out.splitlines()
    assert greedy.split() == [*hexes(list(py.chat(MESSAGES, 12))), "|", "4"]
    assert early.split() == [*hexes(list(py.ramble(MESSAGES, 3))), "|", "0"]
