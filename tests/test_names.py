"""Name hygiene: a user's name never resolves to Rust's, the runtime's or generated code's.

Every Rust keyword, prelude name and runtime name that Python allows as an
identifier is used as a function, a parameter and a local of one module; the
module compiles, builds without a cargo error and gives CPython's results.
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
import shutil
import string
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pycomp import driver
from pycomp.names import RESERVED, RUST_KEYWORDS, export_symbol, rust_const, rust_ident

CC = shutil.which("cc")

from tests.pyref import load_python

# Names a user may write in Python (not Python keywords, not builtins a
# function of the same name would shadow module-wide), plus generated-code
# look-alikes and non-ASCII ones.
HOSTILE = sorted(
    n for n in RESERVED | {"__pc_t1", "__pcv", "x_K", "K", "x_", "a__", "fünf", "ﬁx", "ÿ",
                           # C keywords, and the bundle's own C symbols
                           "double", "void", "goto", "manifest", "iter_next", "error_free"}
    if n.isidentifier() and not keyword.iskeyword(n) and n not in dir(builtins)
)


def hostile_module() -> str:
    out = ['"""Every hostile name as a function, a parameter and a local."""', ""]
    for i, name in enumerate(HOSTILE):
        out += [
            f"def {name}(x: int) -> int:", f"    return x + {i}", "", "",
            f"def param_{i}({name}: int) -> int:", f"    return {name} * 2", "", "",
            f"def local_{i}(x: int) -> int:", f"    {name} = x - {i}",
            f"    {name} += 1", f"    return {name}", "", "",
            f"def call_{i}(x: int) -> int:", f"    return {name}(x) + param_{i}(x)", "", "",
        ]
    out += ["LIMIT = 3", "LIMIT_K = 4", "", "",
            "def constants(LIMIT_: int) -> int:", "    LIMIT_K_ = LIMIT_ + 1",
            "    return LIMIT * 100 + LIMIT_K * 10 + LIMIT_K_", ""]
    return "\n".join(out)


def test_mangling_is_injective_and_never_reserved() -> None:
    corpus = set(HOSTILE) | set(RESERVED) | {
        a + b for a in ("x", "Ok", "_", "__pc", "fünf", "K") for b in ("", "_", "__", "_K", "K")
    } | {c * n for c in string.ascii_letters[:5] + "_" for n in (1, 2, 3)}
    spelled: dict[str, str] = {}
    for name in corpus:
        for rust in (rust_ident(name), rust_const(name)):
            assert rust.isascii() and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", rust), rust
            assert rust not in RESERVED, f"{name!r} became reserved {rust!r}"
            assert rust not in RUST_KEYWORDS
            other = spelled.setdefault(rust, name + ("" if rust == rust_ident(name) else "#K"))
            assert other == name + ("" if rust == rust_ident(name) else "#K"), \
                f"{name!r} and {other!r} both became {rust!r}"
    assert export_symbol("m", "fünf").isascii()


@pytest.fixture(scope="module")
def hostile_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, object]:
    import pycomp

    work = tmp_path_factory.mktemp("names")
    src = work / "hostile.py"
    src.write_text(hostile_module(), encoding="utf-8")
    bundle = driver.build(src, work / "bundle")
    return bundle, pycomp.load(bundle), load_python(src)


def test_hostile_names_build_and_match_cpython(hostile_bundle: tuple[Path, object, object]
                                               ) -> None:
    _, compiled, ref = hostile_bundle
    for i, name in enumerate(HOSTILE):
        for fn in (unicodedata.normalize("NFKC", name), f"param_{i}", f"local_{i}",
                   f"call_{i}"):
            if fn.startswith("_"):
                continue
            assert compiled[fn](7) == getattr(ref, fn)(7), fn  # type: ignore[index]
    assert compiled.constants(5) == ref.constants(5)  # type: ignore[attr-defined]


def test_generated_crate_defines_no_prelude_name(hostile_bundle: tuple[Path, object, object]
                                                 ) -> None:
    crate = driver.crate_dir_for(Path(hostile_bundle[0]).parent / "hostile.py")
    for rs in ("lib.rs", "ffi.rs"):
        text = (crate / "src" / rs).read_text()
        for m in re.finditer(r"^[ \t]*(?:pub(?:\(crate\))? )?(?:unsafe extern \"C\" )?"
                             r"(?:fn|let(?: mut)?|static|const)[ \t]+(r#)?(\w+)", text, re.MULTILINE):
            assert m.group(1) is None
            assert m.group(2) not in RESERVED, f"{rs} defines `{m.group(2)}`"


@pytest.mark.skipif(CC is None, reason="no C compiler")
def test_c_header_compiles_and_names_every_entry(hostile_bundle: tuple[Path, object, object]
                                                 ) -> None:
    bundle = Path(hostile_bundle[0])
    manifest = json.loads((bundle / "manifest.json").read_text())
    header = (bundle / "hostile.h").read_text()
    symbols = [f["symbol"] for f in manifest["functions"]]
    typed = [f["c_symbol"] for f in manifest["functions"] if "c_symbol" in f]
    assert len(set(symbols + typed)) == len(symbols) + len(typed)
    has_typed = {f["name"] for f in manifest["functions"] if "c_symbol" in f}
    # the bundle's own symbols and `call_` names (which would meet P_call_F) keep only P_call_F
    assert not has_typed & {"manifest", "iter_next", "error_free", "call_0"}
    assert {"double", "void", "goto", "param_0", "local_0"} <= has_typed
    for sym in symbols + typed:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sym), sym
        assert f" {sym}(" in header, sym
    # C keywords as parameter names get a `_` in the typed entry points
    test_c = bundle / "t.c"
    test_c.write_text('#include "hostile.h"\nint main(void) { return 0; }\n')
    proc = subprocess.run([str(CC), "-std=c11", "-Wall", "-Werror", "-fsyntax-only", f"-I{bundle}",
                           str(test_c)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
