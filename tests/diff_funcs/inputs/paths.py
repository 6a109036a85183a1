import shutil
from pathlib import Path

# A scratch tree made afresh when the inputs load; every case reads or writes below it
ROOT = "/tmp/pycomp_diff_paths"
shutil.rmtree(ROOT, ignore_errors=True)
for rel, text in (("a.txt", "one\ntwo\n"), ("b.txt", "x\n"), ("c.json", "{}"),
                  (".hidden.txt", "h\n"), ("sub/d.txt", "d\n"), ("sub/deep/e.txt", "e\n"),
                  ("sub/deep/f.md", "f\n"), ("model/tokenizer.json", '{"v": 1}')):
    Path(ROOT, rel).parent.mkdir(parents=True, exist_ok=True)
    Path(ROOT, rel).write_text(text, encoding="utf-8")
EMPTY = ROOT + "/model"

INPUTS: dict[str, list[tuple]] = {
    "tokenizer_file": [("models/bert",), ("",), ("/abs//dir/",)],
    "normalised": [("a//b/./c",), ("",), (".",), ("/",), ("//srv/x",), ("///etc",),
                   ("../up/./x/..",), ("a/b/",)],
    "name_parts": [("model.tar.gz",), (".bashrc",), ("dir/file.",), ("noext",), ("/",),
                   ("a/..",), ("v1.2/x.onnx",)],
    "parts_of": [("/usr/lib/x",), ("a/b",), ("",), ("//host/share",)],
    "joined": [("base", ["a", "b/c", "/abs", "d"]), ("", ["x"]), (".", [])],
    "swap_suffix": [("model.onnx", ".json"), ("model", ".bin"), ("a.b.c", ""),
                    ("m.txt", "json"), ("m.txt", "."), ("m.txt", "./x"), ("/", ".x"),
                    ("", ".x")],
    "rename": [("a/b.txt", "c.json"), ("a/b", "x/y"), ("a/b", ""), ("/", "x")],
    "relative": [("/a/b/c", "/a"), ("a/b", "a"), ("a/b", "."), ("/a/b", "c"),
                 ("a/b", "/a"), ("/a", "/"), ("/a", ".")],
    "is_below": [("/a/b", "/a"), ("a", "b")],
    "ordered": [(["b", "a/b", "a-c", "/z", "a", "A", ".", "a/"],), ([],)],
    "compare": [("a/b", "a//b/"), ("a/b", "a-c"), ("/x", "x"), ("b", "a")],
    "unique_dirs": [(["a/x", "a/y", "b/z", "a//q", "c"],)],
    "matches": [("a/b/c.py", "*.py"), ("a/b/c.py", "b/*.py"), ("a/b/c.py", "a/*.py"),
                ("/a/c.py", "/*.py"), ("/a.py", "/*.py"), ("x", "[!a]"), ("x", "")],
    "bad_format": [("a",)],
    "kinds": [(ROOT, ["a.txt", "sub", "none", "a.txt/x", ".hidden.txt"])],
    "read_config": [(ROOT, "model/tokenizer.json"), (ROOT, "nope.json"), (ROOT, "sub")],
    "read_strict": [(ROOT, "a.txt"), (ROOT, "missing/x.txt"), (ROOT, "sub"),
                    (ROOT, "a.txt/x")],
    "write_then_read": [(ROOT, "out.txt", "héllo\nworld\n"), (ROOT, "out.txt", ""),
                        (ROOT, "no/such/dir.txt", "x")],
    "count_lines": [(ROOT, "a.txt"), (ROOT, "gone.txt")],
    "make_dirs": [(ROOT, "made/x/y"), (ROOT, "a.txt/z")],
    "make_dir_strict": [(ROOT, "fresh"), (ROOT, "sub"), (ROOT, "no/parent")],
    "listing": [(ROOT + "/sub",), (EMPTY,), (ROOT + "/missing",), (ROOT + "/a.txt",)],
    "text_files": [(ROOT, "*.txt"), (ROOT, "*/*.txt"), (ROOT, "**/*.txt"), (ROOT, "**"),
                   (ROOT, "sub/deep/?.*"), (ROOT, "[ab].*"), (ROOT, "*/"), (ROOT, "nomatch*"),
                   (ROOT, ""), (ROOT, "/abs/*"), (ROOT, "a**/x"), (ROOT + "/missing", "*")],
    "deep_files": [(ROOT, "*.txt"), (ROOT, "*.md")],
    "vocab_sizes": [(ROOT,), (EMPTY,)],
    "first_json": [(ROOT,), (ROOT + "/sub",)],
    "resolved_tail": [(ROOT, "sub/deep/../d.txt"), (ROOT, "not/there/../x")],
    "remove_file": [(ROOT, "nothing.txt", True), (ROOT, "nothing.txt", False)],
    "fspath": [("a/b",)],
    "anchors": [("/a/b",), ("a",), ("//h/s",)],
    "bytes_round_trip": [(ROOT, "blob.bin", b"\x00\xffab"), (ROOT, "sub", b"x")],
    "touch_file": [(ROOT, "touched.txt", True), (ROOT, "touched.txt", False),
                   (ROOT, "a.txt", False), (ROOT, "no/dir.txt", True)],
    "with_suffix_path": [(Path("a/b.txt"), ".json"), (Path("/"), ".x")],
    "children": [(Path(ROOT, "sub"),), (Path(ROOT, "missing"),)],
    "maybe_parent": [("a/b",), ("/",)],
}
