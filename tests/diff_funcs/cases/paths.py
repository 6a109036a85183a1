"""`pathlib.Path` in function bodies (issue 10): paths built with `/` and
`joinpath`, their names, suffixes and parents as CPython's PosixPath gives them,
files read and written through a path, directories made, listed and globbed
(under a scratch directory the inputs create), and the errors with CPython's
classes and messages."""

import os
from pathlib import Path


def tokenizer_file(model_dir: str) -> str:
    p = Path(model_dir) / "tokenizer.json"
    return str(p)


def normalised(text: str) -> list[str]:
    p = Path(text)
    return [str(p), repr(p), f"{p}", p.name, str(p.parent), str(p.parent.parent)]


def name_parts(text: str) -> tuple[str, str, str, list[str]]:
    p = Path(text)
    return p.name, p.stem, p.suffix, p.suffixes


def parts_of(text: str) -> tuple[str, ...]:
    return Path(text).parts


def joined(base: str, names: list[str]) -> list[str]:
    p = Path(base)
    out: list[str] = []
    for n in names:
        p = p / n
        out.append(str(p))
    out.append(str(Path(base).joinpath("x", "y")))
    out.append(str("top" / Path(base)))
    out.append(str(Path(base, "z")))
    return out


def swap_suffix(text: str, suffix: str) -> str:
    return str(Path(text).with_suffix(suffix))


def rename(text: str, name: str) -> str:
    return str(Path(text).with_name(name))


def relative(text: str, base: str) -> str:
    return str(Path(text).relative_to(base))


def is_below(text: str, base: str) -> bool:
    return Path(text).is_relative_to(Path(base))


def ordered(texts: list[str]) -> list[str]:
    paths = [Path(t) for t in texts]
    return [str(p) for p in sorted(paths)]


def compare(a: str, b: str) -> tuple[bool, bool, bool, bool]:
    p = Path(a)
    q = Path(b)
    return p == q, p != q, p < q, p >= q


def unique_dirs(texts: list[str]) -> int:
    seen: set[Path] = set()
    for t in texts:
        seen.add(Path(t).parent)
    return len(seen)


def matches(text: str, pattern: str) -> bool:
    return Path(text).match(pattern)


def bad_format(text: str) -> str:
    p = Path(text)
    return f"{p:>10}"


def kinds(root: str, names: list[str]) -> list[tuple[str, bool, bool, bool]]:
    base = Path(root)
    out: list[tuple[str, bool, bool, bool]] = []
    for n in names:
        p = base / n
        out.append((p.name, p.exists(), p.is_file(), p.is_dir()))
    return out


def read_config(root: str, name: str) -> str:
    p = Path(root) / name
    if not p.exists():
        return "missing"
    return p.read_text(encoding="utf-8")


def read_strict(root: str, name: str) -> str:
    return (Path(root) / name).read_text(encoding="utf-8")


def write_then_read(root: str, name: str, text: str) -> tuple[int, str]:
    p = Path(root) / name
    n = p.write_text(text, encoding="utf-8")
    with p.open(encoding="utf-8") as f:
        first = f.readline()
    with open(p, encoding="utf-8") as f:
        rest = f.read()
    return n, first + "|" + rest


def count_lines(root: str, name: str) -> int:
    total = 0
    with (Path(root) / name).open() as f:
        for _ in f:
            total += 1
    return total


def make_dirs(root: str, rel: str) -> list[bool]:
    p = Path(root) / rel
    p.mkdir(parents=True, exist_ok=True)
    q = p / "inner"
    q.mkdir(exist_ok=True)
    return [p.is_dir(), q.is_dir(), (p / "nope").exists()]


def make_dir_strict(root: str, rel: str) -> bool:
    p = Path(root) / rel
    p.mkdir()
    ok = p.is_dir()
    p.rmdir()
    return ok


def listing(root: str) -> list[str]:
    return sorted(p.name for p in Path(root).iterdir())


def text_files(root: str, pattern: str) -> list[str]:
    base = Path(root)
    return [str(p.relative_to(base)) for p in sorted(base.glob(pattern))]


def deep_files(root: str, pattern: str) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob(pattern))


def vocab_sizes(root: str) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for p in sorted(Path(root).glob("*.txt")):
        sizes[p.stem] = len(p.read_text(encoding="utf-8").splitlines())
    return sizes


def first_json(root: str) -> str:
    for p in sorted(Path(root).glob("*.json")):
        return p.name
    raise FileNotFoundError(f"no json file in {root}")


def resolved_tail(root: str, rel: str) -> list[str]:
    p = (Path(root) / rel).resolve()
    return [p.name, str(p.is_absolute()), str(p.relative_to(Path(root).resolve()))]


def remove_file(root: str, name: str, missing_ok: bool) -> bool:
    p = Path(root) / name
    p.unlink(missing_ok=missing_ok)
    return p.exists()


def fspath(text: str) -> str:
    return os.fspath(Path(text) / "x")


def anchors(text: str) -> tuple[str, str, str, str]:
    p = Path(text)
    return p.anchor, p.root, p.drive, p.as_posix()


def bytes_round_trip(root: str, name: str, data: bytes) -> tuple[int, bytes, bool]:
    p = Path(root) / name
    n = p.write_bytes(data)
    return n, p.read_bytes(), p.is_symlink()


def touch_file(root: str, name: str, exist_ok: bool) -> tuple[bool, int]:
    p = Path(root) / name
    p.touch(exist_ok=exist_ok)
    size = len(p.read_text())
    p.unlink()
    return p.exists(), size


def with_suffix_path(p: Path, suffix: str) -> Path:
    return p.with_suffix(suffix)


def children(p: Path) -> list[Path]:
    return sorted(p.iterdir())


def maybe_parent(text: str) -> Path | None:
    p = Path(text)
    return p.parent if p.name else None
