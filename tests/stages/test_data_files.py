"""The data-file format of tests/conftest.py: what `--update-goldens` rewrites, and only that."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import data_files, format_data_file, parse_data_file

FILES = data_files()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_data_file_is_in_canonical_form(path: Path) -> None:
    """Rewriting a file with its own [out] sections changes nothing."""
    assert format_data_file(parse_data_file(path)) == path.read_text(encoding="utf-8")


def test_every_stage_has_data_files() -> None:
    assert {p.name.split("-", 1)[0] for p in FILES} == {"lower", "infer", "lowered", "diagnostics"}


def test_parse_reads_cases_comments_and_xfail(tmp_path: Path) -> None:
    path = tmp_path / "lower-example.test"
    path.write_text(
        "-- The file's header.\n"
        "\n"
        "-- About the first case.\n"
        "[case first]\n"
        "def f() -> int:\n"
        "    return 1\n"
        "[out]\n"
        "module main\n"
        "\n"
        "-- About the second case.\n"
        "[case second]\n"
        "[xfail the reason]\n"
        "x = 1\n"
        "[out]\n"
        "expected\n", encoding="utf-8")
    data = parse_data_file(path)
    assert data.preamble == ["-- The file's header.", ""]
    first, second = data.cases
    assert (first.name, first.line, first.comment) == ("first", 4, ["-- About the first case."])
    assert first.source == "def f() -> int:\n    return 1\n"
    assert first.expected == "module main"
    assert first.xfail is None
    assert (second.name, second.xfail, second.expected) == ("second", "the reason", "expected")
    assert second.comment == ["-- About the second case."]
    assert format_data_file(data) == path.read_text(encoding="utf-8")


def test_parse_refuses_a_case_without_out(tmp_path: Path) -> None:
    path = tmp_path / "lower-bad.test"
    path.write_text("[case nothing]\nx = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one \\[out\\]"):
        parse_data_file(path)


def test_parse_refuses_duplicate_case_names(tmp_path: Path) -> None:
    path = tmp_path / "lower-bad.test"
    path.write_text("[case a]\n[out]\n\n[case a]\n[out]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate case name"):
        parse_data_file(path)
