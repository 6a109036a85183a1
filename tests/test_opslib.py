"""The op library: well-formed entries, and every op's vectors agree with CPython
when compiled (the differential harness, `pycomp ops test`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pycomp.opslib import load_library, opslib_dir
from pycomp.opstest import FileReport, run_all

LIB = load_library()
FILES = sorted({op.file for op in LIB.ops})


def test_every_op_has_vectors() -> None:
    """Every op has 3+ vectors, or names the test that covers it (values no literal can
    spell, like a caught exception)."""
    import tomllib

    root = opslib_dir().parent
    lacking = []
    for path in sorted(opslib_dir().glob("*.toml")):
        for entry in tomllib.loads(path.read_text()).get("op", []):
            if len(entry.get("vectors", [])) >= 3:
                continue
            by = entry.get("tested_by")
            if by and (root / by).exists():
                continue
            lacking.append(f"{path.name}:{entry['name']}{entry['sig']}")
    assert not lacking, "ops with fewer than 3 test vectors:\n" + "\n".join(lacking)


def test_templates_name_only_their_parameters() -> None:
    from pycomp.optemplate import HoleMode

    bad = []
    for op in LIB.ops:
        names = {p.name for p in op.params}
        for hole in op.template.holes:
            if hole.name not in names and hole.mode not in (HoleMode.TYPE, HoleMode.KINDS):
                bad.append(f"{op.file}:{op.name}: {hole.spelled}")
    assert not bad, "\n".join(bad)


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileReport]:
    work = tmp_path_factory.mktemp("opslib")
    return {r.file: r for r in run_all(Path(work))}


@pytest.mark.parametrize("file", FILES)
def test_vectors_match_cpython(file: str, reports: dict[str, FileReport]) -> None:
    r = reports[file]
    failures = [f"{o.case.op.name}{o.case.op.sig} on {o.case.args!r}: {o.detail}"
                for o in r.failures]
    assert not failures, f"{len(failures)} of {len(r.outcomes)} vectors differ:\n" + \
        "\n".join(failures[:40])
    # Most vectors must really run: a harness that skips everything proves nothing.
    assert len(r.outcomes) >= len(r.skipped), r.skipped[:20]


def test_opslib_dir_is_the_repository_one() -> None:
    assert (opslib_dir() / "core.toml").exists()
