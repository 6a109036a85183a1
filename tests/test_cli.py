"""The `pycomp` command as a user runs it: `python -m pycomp.cli` in a subprocess.

Every case of tests/data/diagnostics-*.test is checked twice: as text (exit
status 1, nothing on stdout, stderr exactly the case's [out]) and as
`--format json` (exit status 1, a JSON list on stdout with every field, the
same codes, positions, messages and help as the text). Neither may show a
Python traceback: a user mistake is reported as a diagnostic, never as a crash.
A good file exits 0.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import write_tiny_model

if TYPE_CHECKING:
    from conftest import DataCase

pycomp = pytest.importorskip("pycomp")

FRONTEND = Path(pycomp.__file__).resolve().parents[1]
JSON_FIELDS = {"code", "severity", "message", "file", "line", "column", "end_line",
               "end_column", "help", "notes"}

GOOD = '''\
def word_lengths(words: list[str]) -> list[int]:
    return [len(w) for w in words]
'''

BAD = '''\
def name(x: int) -> str:
    return 1
'''


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def pycomp_cli(*args: str, cwd: Path) -> Run:
    """Run `python -m pycomp.cli ARGS` in `cwd`, with the pycomp these tests import.

    As in the data files, the absolute path of `cwd` in the output reads `$DIR`.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(FRONTEND)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    proc = subprocess.run([sys.executable, "-m", "pycomp.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    out, err = proc.stdout, proc.stderr
    for path in {str(cwd.resolve()), str(cwd)}:
        out, err = out.replace(path, "$DIR"), err.replace(path, "$DIR")
    return Run(proc.returncode, out, err)


def assert_no_traceback(run: Run) -> None:
    assert "Traceback (most recent call last)" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr


@dataclass
class Expected:
    code: str
    message: str
    line: int
    column: int
    help: str | None


def expected_diagnostics(rendered: str) -> list[Expected]:
    """The diagnostics a rendered [out] shows, read back from its text."""
    out = []
    for block in rendered.split("\n\n"):
        head = re.match(r"(?:error|warning)\[([EW]\d+)\]: (.*)", block)
        if head is None:
            continue
        where = re.search(r"^ --> main\.py:(\d+):(\d+)$", block, re.MULTILINE)
        assert where is not None, block
        help_ = re.search(r"^\s*\d*\s*= help: (.*)$", block, re.MULTILINE)
        out.append(Expected(head.group(1), head.group(2), int(where.group(1)),
                            int(where.group(2)), help_.group(1) if help_ else None))
    return out


def check_outcome(expected: str) -> tuple[int, str]:
    """What `pycomp check` exits with and prints for a case's [out]: errors exit 1; a
    file with only warnings (W0xx) compiles, prints them and `main.py: ok (N warnings)`."""
    if expected == "(compiled without diagnostics)":
        return 0, "main.py: ok\n"
    if re.search(r"^error\[", expected, re.MULTILINE):
        return 1, expected + "\n"
    n = len(re.findall(r"^warning\[", expected, re.MULTILINE))
    return 0, expected + f"\n\nmain.py: ok ({n} warning{'s' if n != 1 else ''})\n"


def _write_main(tmp_path: Path, source: str) -> Path:
    """`source` as main.py in `tmp_path`, with the data files' tiny model if it names one."""
    (tmp_path / "main.py").write_text(source, encoding="utf-8")
    if "model.onnx" in source:
        write_tiny_model(tmp_path / "model.onnx")
    return tmp_path


# ------------------------------------------------------------- every mistake


def test_check_prints_the_diagnostics(diagnostics_case: DataCase,
                                                 tmp_path: Path) -> None:
    run = pycomp_cli("check", "main.py", cwd=_write_main(tmp_path, diagnostics_case.source))
    assert_no_traceback(run)
    code, stderr = check_outcome(diagnostics_case.expected)
    if diagnostics_case.xfail and (run.returncode, run.stderr) != (code, stderr):
        pytest.xfail(diagnostics_case.xfail)
    assert run.returncode == code
    assert run.stdout == ""
    assert run.stderr == stderr


def test_check_json_has_every_field(diagnostics_case: DataCase, tmp_path: Path) -> None:
    run = pycomp_cli("check", "main.py", "--format", "json",
                     cwd=_write_main(tmp_path, diagnostics_case.source))
    assert_no_traceback(run)
    assert run.stderr == ""
    got = json.loads(run.stdout)
    assert isinstance(got, list)
    for d in got:
        assert set(d) == JSON_FIELDS
        assert d["severity"] == ("warning" if d["code"].startswith("W") else "error")
        assert d["file"] == "main.py"
        assert (d["line"], d["column"]) <= (d["end_line"], d["end_column"])
        assert isinstance(d["notes"], list)
    want = expected_diagnostics(diagnostics_case.expected)
    seen = [Expected(d["code"], d["message"], d["line"], d["column"], d["help"]) for d in got]
    code, _ = check_outcome(diagnostics_case.expected)
    if diagnostics_case.xfail and (run.returncode, seen) != (code, want):
        pytest.xfail(diagnostics_case.xfail)
    assert run.returncode == code
    assert seen == want


# ------------------------------------------------------------------ the rest


def test_check_accepts_a_good_file(tmp_path: Path) -> None:
    run = pycomp_cli("check", "main.py", cwd=_write_main(tmp_path, GOOD))
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "main.py: ok\n")


def test_check_json_of_a_good_file_is_an_empty_list(tmp_path: Path) -> None:
    run = pycomp_cli("check", "main.py", "--format", "json", cwd=_write_main(tmp_path, GOOD))
    assert run.returncode == 0
    assert json.loads(run.stdout) == []


def test_check_reports_every_error_of_a_file(tmp_path: Path) -> None:
    source = BAD + "\n\ndef total(x: int) -> int:\n    return x + y\n"
    run = pycomp_cli("check", "main.py", "--format", "json", cwd=_write_main(tmp_path, source))
    assert run.returncode == 1
    assert [(d["code"], d["line"]) for d in json.loads(run.stdout)] == [("E030", 2),
                                                                         ("E020", 6)]


def test_trace_prints_the_typed_ir(tmp_path: Path) -> None:
    run = pycomp_cli("trace", "main.py", cwd=_write_main(tmp_path, BAD.replace("1", "str(x)")))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("module main\nentry def name(x: int) -> str:\n")


def test_trace_untyped_prints_the_lowered_ir(tmp_path: Path) -> None:
    run = pycomp_cli("trace", "--untyped", "main.py", cwd=_write_main(tmp_path, BAD))
    assert (run.returncode, run.stdout) == (
        0, "module main\nentry def name(x: int) -> str:\n    return 1\n")


def test_trace_of_a_bad_file_prints_the_diagnostics(tmp_path: Path) -> None:
    run = pycomp_cli("trace", "main.py", cwd=_write_main(tmp_path, BAD))
    assert run.returncode == 1
    assert run.stderr.startswith("error[E030]: the return value is a `int`")


def test_to_rust_of_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    run = pycomp_cli("to-rust", "main.py", "-o", "crate", cwd=_write_main(tmp_path, BAD))
    assert_no_traceback(run)
    assert run.returncode == 1
    assert run.stderr.startswith("error[E030]")
    assert not (tmp_path / "crate").exists()


def test_check_of_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    run = pycomp_cli("check", "nowhere.py", cwd=tmp_path)
    assert run.returncode == 1
    assert_no_traceback(run)
    assert "nowhere.py" in run.stderr


def test_check_of_a_file_that_is_not_utf8_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_bytes(b"def f(x: int) -> int:\n    return x  # \xff\n")
    run = pycomp_cli("check", "main.py", cwd=tmp_path)
    assert run.returncode == 1
    assert_no_traceback(run)
    assert "main.py" in run.stderr
