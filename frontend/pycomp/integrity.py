"""A bundle's file list: sizes and SHA-256 digests, written by the build and
checked by the loader before it opens the library (docs/abi.md, "files").

A truncated or altered library mapped into the process can crash it (SIGBUS)
or compute wrong results; a damaged model gives wrong numbers. So the loader
compares every listed file's size, then its digest, once per process and
file version, and refuses the bundle with a message naming the file.

Standard library only: loading a bundle imports no compiler module.
"""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

__all__ = ["BundleDamaged", "file_sha256", "verify_files"]


class BundleDamaged(Exception):
    """A file of the bundle is missing or differs from what the manifest records."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# Files already checked in this process, by (path, device, inode, size, mtime):
# a file replaced or rewritten since is checked again.
_checked: set[tuple[str, int, int, int, int]] = set()
_lock = threading.Lock()


def verify_files(bundle: Path, files: Any) -> None:
    """Raises BundleDamaged unless every file in `files` (the manifest's
    `files` field) is in `bundle` with its recorded size and digest."""
    if not isinstance(files, dict):
        raise BundleDamaged('"files" in manifest.json is not an object')
    unchecked: list[tuple[str, Path, str, tuple[str, int, int, int, int]]] = []
    for rel, entry in files.items():
        if not (isinstance(rel, str) and isinstance(entry, dict)
                and isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str)):
            raise BundleDamaged(f'"files" in manifest.json has a malformed entry {rel!r}')
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise BundleDamaged(f'"files" in manifest.json names a file outside the bundle: '
                                f'{rel!r}')
        path = bundle / rel
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise BundleDamaged(f"its file {rel} is missing") from None
        except OSError as e:
            raise BundleDamaged(f"its file {rel} cannot be read: {e}") from None
        if st.st_size != entry["size"]:
            raise BundleDamaged(f"its file {rel} is damaged: {st.st_size} bytes, the manifest "
                                f"records {entry['size']}")
        key = (os.path.realpath(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        with _lock:
            if key not in _checked:
                unchecked.append((rel, path, entry["sha256"], key))
    # hashlib releases the GIL while it hashes: the big files (the library,
    # the model, ONNX Runtime) are hashed side by side.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        digests = list(pool.map(_digest, [path for _, path, _, _ in unchecked]))
    for (rel, _, expected, key), digest in zip(unchecked, digests, strict=True):
        if isinstance(digest, OSError):
            raise BundleDamaged(f"its file {rel} cannot be read: {digest}")
        if digest != expected:
            raise BundleDamaged(f"its file {rel} is damaged: its SHA-256 differs from the "
                                "one the manifest records")
        with _lock:
            _checked.add(key)


def _digest(path: Path) -> str | OSError:
    try:
        return file_sha256(path)
    except OSError as e:
        return e
