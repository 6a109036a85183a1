"""`pycomp ops synth` against a fake OpenAI-compatible chat server on 127.0.0.1 (never
a real provider), on a copy of the op library; and `pycomp ops doc`'s docs/ops.md.

The op drafted is `str.isidentifier`, which the test's copy of the library lacks
(`lib_copy` drops the library's entry). Its drafts: a
correct one; one whose Rust does not compile; one wrong on the empty string.
A rejected draft leaves the library byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pycomp.opslib import load_library, opslib_dir, parse_sig
from pycomp.synth import (
    MAX_VECTORS,
    DraftError,
    append_entry,
    candidate_vectors,
    parse_reply,
    read_library,
    spec_from_entry,
)

NAME = "str.isidentifier"

CORRECT = """Here is the entry.

```toml
[[op]]
name = "str.isidentifier"
sig = "(self: str) -> bool"
rust = "{ let s: &str = {&self}; let mut cs = s.chars(); match cs.next() { Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()), _ => false } }"
doc = "Whether the string is an identifier: a letter or _, then letters, digits or _."
```
"""

# Rust that does not compile: no such runtime function.
NOT_COMPILING = """```toml
[[op]]
name = "str.isidentifier"
sig = "(self: str) -> bool"
rust = "pcrt::str_isidentifier_nowhere({&self})"
doc = "Whether the string is an identifier."
```"""

# Compiles, but says the empty string is an identifier.
WRONG_ON_EMPTY = """```toml
[[op]]
name = "str.isidentifier"
sig = "(self: str) -> bool"
rust = "{&self}.chars().all(|c| c == '_' || c.is_alphanumeric())"
doc = "Whether the string is an identifier."
```"""

BAD_TOML = """```toml
[[op]
name = "str.isidentifier
```"""

WRONG_NAME = CORRECT.replace('name = "str.isidentifier"', 'name = "str.isident"')


# ------------------------------------------------------------------ fixtures


@dataclass
class FakeChat:
    """An OpenAI-compatible /v1/chat/completions answering canned replies in order
    (the last one again once they run out), recording each request's body."""

    replies: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def prompt(self, n: int) -> str:
        """The text of every message of request `n`."""
        return "\n".join(m["content"] for m in self.requests[n]["messages"])


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    fake = FakeChat()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            if self.path.rstrip("/") != "/v1/chat/completions":
                self.send_error(404)
                return
            fake.requests.append(body)
            content = fake.replies[min(len(fake.requests), len(fake.replies)) - 1]
            out = json.dumps({
                "id": f"chatcmpl-{len(fake.requests)}", "object": "chat.completion",
                "created": int(time.time()), "model": body.get("model", "fake"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def library_without_name(tmp_path: Path) -> Path:
    """A copy of opslib/ in tmp_path without the library's entry for `NAME`."""
    d = tmp_path / "opslib"
    d.mkdir()
    for p in sorted(opslib_dir().glob("*.toml")):
        shutil.copy2(p, d / p.name)
    text = (d / "str.toml").read_text()
    entries = text.split("\n[[op]]\n")
    kept = [e for e in entries if not e.startswith(f'name = "{NAME}"\n')]
    assert len(kept) == len(entries) - 1, f"{NAME} is not in str.toml"
    (d / "str.toml").write_text("\n[[op]]\n".join(kept))
    return d


@pytest.fixture
def lib_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of opslib/ without the op drafted (`NAME`), made the library
    (`PYCOMP_OPSLIB`) for the test."""
    pytest.importorskip("litellm")
    d = library_without_name(tmp_path)
    monkeypatch.setenv("PYCOMP_OPSLIB", str(d))
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    load_library.cache_clear()
    yield d
    load_library.cache_clear()


def hashes(d: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}


def run_synth(chat: FakeChat, *extra: str) -> int:
    from pycomp.cli import main

    return main(["ops", "synth", NAME, "--model", "openai/fake", "--api-base", chat.api_base,
                 *extra])


IDENT_PROGRAM = """\
def ident(s: str) -> bool:
    return s.isidentifier()
"""


# ------------------------------------------------------------------ synth, end to end


def test_correct_draft_is_admitted_and_usable(chat: FakeChat, lib_copy: Path,
                                              tmp_path: Path) -> None:
    import pycomp
    from pycomp import driver
    from pycomp.diagnostics import CompileError

    prog = tmp_path / "ident.py"
    prog.write_text(IDENT_PROGRAM)
    with pytest.raises(CompileError):  # the library lacks the op
        driver.compile_source(prog)

    before = (lib_copy / "str.toml").read_text()
    chat.replies = [CORRECT]
    assert run_synth(chat) == 0
    assert len(chat.requests) == 1

    # The prompt: the callable's signature and docstring, the format with its
    # types table, and examples from the library.
    prompt = chat.prompt(0)
    assert "str.isidentifier(self, /)" in prompt
    assert "valid Python identifier" in prompt
    assert "## Types in Rust" in prompt and "`String`" in prompt
    examples = prompt.split("## Entries of the library, as examples", 1)[1]
    assert 3 <= examples.count("[[op]]") <= 6

    # Appended to str.toml, the text before it untouched.
    after = (lib_copy / "str.toml").read_text()
    assert after.startswith(before)
    assert after[len(before):].lstrip().startswith("[[op]]\nname = \"str.isidentifier\"")
    ops = [op for op in read_library(lib_copy) if op.name == NAME]
    assert len(ops) == 1 and ops[0].file == "str.toml"
    vectors = {v[0] for v in ops[0].vectors}
    assert {"''", "'abc'", "'naïve café'", "'  a b  '", "'ß'"} <= vectors
    # only str.toml changed
    others = {k: v for k, v in hashes(lib_copy).items() if k != "str.toml"}
    assert others == {k: v for k, v in hashes(opslib_dir()).items() if k in others}

    # A program using it now compiles, and agrees with CPython.
    load_library.cache_clear()
    try:
        lib = pycomp.load(pycomp.build(prog, tmp_path / "bundle"))
    finally:
        shutil.rmtree(driver.crate_dir_for(prog), ignore_errors=True)
    for s in ["", "abc", "_x1", "1a", "naïve", "a b", "ß"]:
        assert lib.ident(s) is s.isidentifier(), s


def test_draft_that_does_not_compile_is_rejected(chat: FakeChat, lib_copy: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    before = hashes(lib_copy)
    chat.replies = [NOT_COMPILING]
    assert run_synth(chat, "--attempts", "1") == 1
    assert hashes(lib_copy) == before
    err = capsys.readouterr().err
    assert "does not compile" in err and "str_isidentifier_nowhere" in err


def test_draft_wrong_on_an_edge_case_is_rejected_after_retries(
        chat: FakeChat, lib_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = hashes(lib_copy)
    chat.replies = [WRONG_ON_EMPTY]
    assert run_synth(chat, "--attempts", "2") == 1
    assert len(chat.requests) == 2  # retried once, with the mismatch
    assert "str.isidentifier('')" in chat.prompt(1)
    assert hashes(lib_copy) == before
    assert "CPython False, compiled True" in capsys.readouterr().err


def test_retry_with_the_mismatch_then_admitted(chat: FakeChat, lib_copy: Path) -> None:
    chat.replies = [WRONG_ON_EMPTY, CORRECT]
    assert run_synth(chat) == 0
    assert len(chat.requests) == 2
    first, second = chat.requests
    # the second request is the first conversation, the wrong draft, and its mismatch
    assert second["messages"][:len(first["messages"])] == first["messages"]
    assert second["messages"][-2] == {"role": "assistant", "content": WRONG_ON_EMPTY}
    feedback = second["messages"][-1]["content"]
    assert "First mismatch: on str.isidentifier(''): CPython False, compiled True" in feedback
    assert any(op.name == NAME for op in read_library(lib_copy))


def test_malformed_replies_are_fed_back_and_rejected(chat: FakeChat, lib_copy: Path) -> None:
    """Bad TOML, then a wrong name: no compile needed to reject either."""
    before = hashes(lib_copy)
    chat.replies = [BAD_TOML, WRONG_NAME]
    assert run_synth(chat, "--attempts", "2") == 1
    assert "not valid TOML" in chat.requests[1]["messages"][-1]["content"]
    assert hashes(lib_copy) == before


def test_existing_op_is_refused(chat: FakeChat, lib_copy: Path) -> None:
    from pycomp.cli import main

    chat.replies = [CORRECT]
    assert main(["ops", "synth", "str.split", "--model", "openai/fake", "--api-base",
                 chat.api_base]) == 2
    assert chat.requests == []


def test_draft_that_aborts_or_hangs_is_rejected(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """The compiled draft runs in a worker process: an abort or an endless loop on one
    vector is a rejection naming that vector, not the end of `pycomp ops synth`."""
    from pycomp import synth

    monkeypatch.setattr(synth, "RUN_TIMEOUT", 2.0)
    lib = library_without_name(tmp_path)
    ops = read_library(lib)
    for body, message in [("std::process::abort()", "crashed the process (killed by SIGABRT)"),
                          ("loop {}", "did not return within 2 s")]:
        rust = f"{{ let s: &str = {{&self}}; if s.is_empty() {{ {body} }} else {{ true }} }}"
        entry = parse_reply(_entry("(self: str) -> bool", rust), NAME, ops)
        entry["vectors"] = synth.make_vectors(entry, "str.toml").vectors
        result = synth.check_draft(entry, "str.toml", lib)
        assert not result.ok
        assert f"{message} on str.isidentifier('')" in result.message


# ------------------------------------------------------------------ the parts


def _entry(sig: str, rust: str, name: str = NAME) -> str:
    return f'```toml\n[[op]]\nname = "{name}"\nsig = "{sig}"\nrust = "{rust}"\n```'


def test_parse_reply_checks_the_entry(tmp_path: Path) -> None:
    ops = read_library(library_without_name(tmp_path))
    e = parse_reply(CORRECT, NAME, ops)
    assert e["sig"] == "(self: str) -> bool" and e["raises"] is False
    bad = {
        "no toml": ("just words", "no fenced"),
        "unknown placeholder": (_entry("(self: str) -> bool", "f({&s})"), "names no parameter"),
        "unused parameter": (_entry("(self: str, x: int) -> bool", "f({&self})"), "never uses"),
        "bad sig": (_entry("(self: str) -> frob", "f({&self})"), "signature"),
        "self type": (_entry("(self: int) -> bool", "f({self})"), "must be a str"),
        "no self": (_entry("(s: str) -> bool", "f({&s})"), "is a method"),
        "iter on str": (_entry("(self: str) -> bool", "f({iter self})"), "Iterable"),
        "existing": (_entry("(self: str) -> str", "f({&self})", "str.upper"), "already has"),
        "wrong name": (WRONG_NAME, "must be"),
        "runtime helper": (_entry("(self: str) -> bool", "ident_helper({&self})")
                           + "\n```rust\npub fn ident_helper(s: &str) -> bool { true }\n```",
                           "cannot add runtime functions"),
    }
    for what, (reply, message) in bad.items():
        name = "str.upper" if what == "existing" else NAME
        with pytest.raises(DraftError, match=message):
            parse_reply(reply, name, ops)


def test_generated_inputs_cover_the_edge_cases() -> None:
    spec = spec_from_entry({"name": "str.center", "rust": "x",
                            "sig": "(self: str, width: int, fillchar: str = ' ') -> str"}, "x")
    vecs = candidate_vectors(spec, MAX_VECTORS)
    assert len(vecs) == MAX_VECTORS
    firsts = {v[0] for v in vecs}
    widths = {v[1] for v in vecs}
    assert {"''", "'naïve café'", "'ß'", "'  a b  '"} <= firsts
    assert {"0", "-1", "-2147483648", "1099511627776"} <= widths
    assert any(len(v) == 2 for v in vecs) and any(len(v) == 3 for v in vecs)  # default left out
    params, _ = parse_sig("(xs: list[float], d: dict[str, int] | None = None) -> bool")
    spec2 = spec_from_entry({"name": "f", "rust": "x",
                             "sig": "(xs: list[float], d: dict[str, int] | None = None) -> bool"},
                            "x")
    assert len(params) == 2
    vecs2 = candidate_vectors(spec2, MAX_VECTORS)
    assert ["[]"] in vecs2 and any(v[1:] == ["None"] for v in vecs2)


def test_append_keeps_every_file_as_it_was() -> None:
    import tomllib

    entry = {"name": "x.y", "sig": "(a: str) -> str", "rust": "{\n    {a}\n}",
             "doc": "A test entry.", "raises": True, "vectors": [["'a'"], ["'ß'", "None"]]}
    for path in sorted(opslib_dir().glob("*.toml")):
        old = path.read_text()
        new = append_entry(old, entry)
        assert new.startswith(old.rstrip("\n")), path.name
        ops = tomllib.loads(new)["op"]
        assert ops[:-1] == tomllib.loads(old)["op"], path.name
        assert ops[-1] == entry
    fresh = append_entry(None, entry)
    assert tomllib.loads(fresh)["op"] == [entry]
    assert "\nvectors = [\n  [\"'a'\"],\n  [\"'ß'\", \"None\"],\n]\n" in fresh


# ------------------------------------------------------------------ docs/ops.md


def test_ops_doc_is_up_to_date() -> None:
    """docs/ops.md is what `pycomp ops doc` writes for opslib/ (run it after editing
    the library)."""
    from pycomp.opsdoc import default_path, render

    assert default_path().read_text(encoding="utf-8") == render(opslib_dir()), \
        "docs/ops.md is out of date: run `pycomp ops doc`"


def test_ops_doc_counts_and_lists_every_op(tmp_path: Path) -> None:
    from pycomp.cli import main
    from pycomp.opsdoc import render

    ops = read_library(opslib_dir())
    text = render(opslib_dir())
    assert f"**{len(ops)} ops**" in text
    for module in ("builtins", "operators", "str", "list", "dict", "set", "math", "numpy",
                   "tokenizers", "onnxruntime"):
        assert f"\n## {module}\n" in text and f"\n| {module} | " in text
    for op in ops:
        assert f"- `{op.name}{op.sig}`" in text
    out = tmp_path / "ops.md"
    assert main(["ops", "doc", "-o", str(out)]) == 0
    assert out.read_text() == text
    assert main(["ops", "doc", "-o", str(out), "--check"]) == 0
    out.write_text(text + "stale\n")
    assert main(["ops", "doc", "-o", str(out), "--check"]) == 1
