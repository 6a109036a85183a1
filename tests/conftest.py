"""Data-driven stage tests: `tests/data/<stage>-<feature>.test`, in the style of mypyc.

A data file holds cases; each case is a Python source compiled as `main.py`
and the text one stage gives for it:

    -- A comment: lines starting with `--` before a `[case]` line describe it.
    [case for_over_range]
    def count(n: int) -> int:
        total = 0
        for i in range(n):
            total += i
        return total
    [out]
    module main
    entry def count(n: int) -> int:
    ...

The stage is named by the file name:

- `lower-*.test`: the untyped IR, `pprint.module(driver.lower_only(...))`;
- `infer-*.test`: the typed IR, `pprint.module(driver.compile_source(...)[0])`;
- `lowered-*.test`: the lowered Rust-shaped IR, `driver.lowered(...)` (what
  `pycomp trace --lowered` prints: moves, clones and borrows spelled out);
- `diagnostics-*.test`: the rendered `CompileError`, exactly as `pycomp check`
  prints it. A case that compiles fails.

A lower or infer case that raises `CompileError` compares the rendered error,
so a golden never hides a diagnostic. An `InternalError` always fails the test.
The case's folder, where a message shows it, reads `$DIR`; a case that names
`model.onnx` finds a tiny ONNX model there (one float32 input `x` of shape
[1, 3], one output `y`, see `write_tiny_model`).

A line `[xfail why]` right after `[case ...]` marks a case whose `[out]` is
what pycomp should print but does not yet (a known compiler bug): the case is
an expected failure (strict: once the bug is fixed it fails until the marker
is removed), and `--update-goldens` leaves its `[out]` alone.

    pytest tests/data                        # every case
    pytest tests/data -k for_over_range      # one case
    pytest tests/data --update-goldens       # rewrite every [out] from the actual output

Tests that want the diagnostics cases as data (tests/test_cli.py runs each
through the `pycomp` command) take a `diagnostics_case` argument; it is
parametrized with every case of every `diagnostics-*.test` file.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

DATA_DIR = Path(__file__).resolve().parent / "data"
STAGES = ("lower", "infer", "lowered", "diagnostics")
MAIN = "main.py"

_CASE = re.compile(r"^\[case ([A-Za-z0-9_.-]+)\]\s*$")
_XFAIL = re.compile(r"^\[xfail(?: (.*))?\]\s*$")
_OUT = re.compile(r"^\[out\]\s*$")


# ------------------------------------------------------------------ the format


@dataclass
class DataCase:
    """One `[case]` of a data file; line numbers count from 1 in the data file."""

    name: str
    file: Path
    line: int
    source: str
    expected: str
    xfail: str | None = None
    comment: list[str] = field(default_factory=list)  # the `--` lines before `[case]`

    @property
    def stage(self) -> str:
        return stage_of(self.file)


@dataclass
class DataFile:
    """A parsed data file: the text before the first case, then the cases in order."""

    path: Path
    preamble: list[str]
    cases: list[DataCase] = field(default_factory=list)


def stage_of(path: Path) -> str:
    return path.name.split("-", 1)[0]


def _strip_blank_edges(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _split_comment(lines: list[str], contiguous: bool = False) -> tuple[list[str], list[str]]:
    """Split off the `--` comment lines that end `lines`: the comment of the next case.

    With `contiguous`, only the block of comment lines right above the case.
    """
    i = len(lines)
    while i > 0 and not contiguous and not lines[i - 1].strip():
        i -= 1
    while i > 0 and (lines[i - 1].startswith("--") or (not contiguous and not lines[i - 1].strip())):
        i -= 1
    return lines[:i], _strip_blank_edges(_strip_blank_edges(lines[i:])[::-1])[::-1]


def parse_data_file(path: Path) -> DataFile:
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, ln in enumerate(lines) if _CASE.match(ln)]
    head, comment = _split_comment(lines[: starts[0]] if starts else lines, contiguous=True)
    data = DataFile(path, head)
    seen: set[str] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        m = _CASE.match(lines[start])
        assert m is not None
        name = m.group(1)
        if name in seen:
            raise ValueError(f"{path}:{start + 1}: duplicate case name `{name}`")
        seen.add(name)
        body, next_comment = _split_comment(lines[start + 1:end])
        xfail = None
        if body and (x := _XFAIL.match(body[0])):
            xfail = (x.group(1) or "known compiler bug").strip()
            body = body[1:]
        outs = [i for i, ln in enumerate(body) if _OUT.match(ln)]
        if len(outs) != 1:
            raise ValueError(f"{path}:{start + 1}: case `{name}` needs exactly one [out] "
                             f"section, found {len(outs)}")
        source = "\n".join(_strip_blank_edges(body[: outs[0]])) + "\n"
        expected = "\n".join(_strip_blank_edges(body[outs[0] + 1:]))
        data.cases.append(DataCase(name, path, start + 1, source, expected, xfail, comment))
        comment = next_comment
    return data


def format_data_file(data: DataFile) -> str:
    out = list(_strip_blank_edges(data.preamble))
    if out:
        out.append("")
    for case in data.cases:
        out.extend(case.comment)
        out.append(f"[case {case.name}]")
        if case.xfail is not None:
            out.append(f"[xfail {case.xfail}]")
        out.extend(case.source.rstrip("\n").split("\n"))
        out.append("[out]")
        if case.expected:
            out.extend(case.expected.split("\n"))
        out.append("")
    return "\n".join(_strip_blank_edges(out)) + "\n"


def data_files(stage: str | None = None) -> list[Path]:
    stages = STAGES if stage is None else (stage,)
    return sorted(p for s in stages for p in DATA_DIR.glob(f"{s}-*.test"))


# ------------------------------------------------------------- running a case


class _InDirectory:
    """Run with the working directory set to `path`, so `main.py` names the case's file."""

    def __init__(self, path: Path):
        self.path = path
        self.old = ""

    def __enter__(self) -> None:
        self.old = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.old)


def write_tiny_model(path: Path) -> None:
    """An ONNX model with one input `x` (float32, [1, 3]) and one output `y`, its copy."""
    onnx = pytest.importorskip("onnx")
    helper = onnx.helper
    x = helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 3])
    y = helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, 3])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "tiny", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def _stage_text(stage: str) -> str:
    from pycomp import driver, pprint
    from pycomp.diagnostics import CompileError

    try:
        if stage == "lower":
            return pprint.module(driver.lower_only(MAIN)).rstrip("\n")
        if stage == "infer":
            return pprint.module(driver.compile_source(MAIN)[0]).rstrip("\n")
        if stage == "lowered":
            return driver.lowered(MAIN).rstrip("\n")
        if stage == "diagnostics":
            import warnings

            from pycomp.diagnostics import CompileWarning

            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CompileWarning)
                driver.compile_source(MAIN)
            shown = [str(w.message) for w in caught if isinstance(w.message, CompileWarning)]
            return "\n\n".join(shown) if shown else "(compiled without diagnostics)"
    except CompileError as e:
        return e.render()
    raise ValueError(f"unknown stage `{stage}`")


def run_stage(stage: str, source: str, workdir: Path) -> str:
    """The text a stage gives for `source`, compiled as `main.py` in `workdir`.

    A source that names `model.onnx` finds `write_tiny_model`'s model next to it.
    The folder's absolute path, which a message may show, reads `$DIR`.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / MAIN).write_text(source, encoding="utf-8")
    if "model.onnx" in source:
        write_tiny_model(workdir / "model.onnx")
    with _InDirectory(workdir):
        text = _stage_text(stage)
    for path in {str(workdir.resolve()), str(workdir)}:
        text = text.replace(path, "$DIR")
    return text


def _normalize(text: str) -> list[str]:
    return [ln.rstrip() for ln in _strip_blank_edges(text.splitlines())]


class GoldenMismatch(Exception):
    def __init__(self, case: DataCase, actual: str):
        self.case = case
        self.actual = actual
        super().__init__(case.name)


class DataCaseItem(pytest.Item):
    def __init__(self, *, case: DataCase, **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case
        if case.xfail is not None:
            self.add_marker(pytest.mark.xfail(reason=case.xfail, strict=True))

    def runtest(self) -> None:
        case = self.case
        with tempfile.TemporaryDirectory(prefix=f"pycomp-{case.name[:30]}-") as workdir:
            actual = run_stage(case.stage, case.source, Path(workdir))
        if self.config.getoption("update_goldens") and case.xfail is None:
            self.config.stash[_UPDATES].setdefault(case.file, {})[case.name] = actual
            return
        if _normalize(actual) != _normalize(case.expected):
            raise GoldenMismatch(case, actual)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, GoldenMismatch):
            case = excinfo.value.case
            diff = difflib.unified_diff(_normalize(case.expected),
                                        _normalize(excinfo.value.actual),
                                        "expected", "actual", lineterm="")
            return "\n".join([
                f"{case.file.name}:{case.line}: [case {case.name}]: {case.stage} output differs",
                "", "source:", *("    " + ln for ln in case.source.splitlines()), "",
                *diff, "",
                "if the new output is right: pytest tests/data --update-goldens",
            ])
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.case.file, self.case.line - 1, f"[case {self.case.name}]"


class DataFileCollector(pytest.File):
    def collect(self) -> Iterator[DataCaseItem]:
        for case in parse_data_file(self.path).cases:
            yield DataCaseItem.from_parent(self, name=case.name, case=case)


# ------------------------------------------------------------------ the hooks

_UPDATES = pytest.StashKey[dict[Path, dict[str, str]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", dest="update_goldens",
                     help="rewrite the [out] sections of tests/data/*.test from the actual output")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_UPDATES] = {}


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> DataFileCollector | None:
    if file_path.suffix == ".test" and file_path.parent == DATA_DIR \
            and stage_of(file_path) in STAGES:
        return DataFileCollector.from_parent(parent, path=file_path)  # type: ignore[no-any-return]
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "diagnostics_case" in metafunc.fixturenames:
        cases = [c for p in data_files("diagnostics") for c in parse_data_file(p).cases]
        metafunc.parametrize("diagnostics_case", cases,
                             ids=[f"{c.file.stem}::{c.name}" for c in cases])


def _fail_skip_under_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI=true a skipped test (or test module) is a failure: scripts/install.sh
    installs every tool and package a test needs (valgrind, Node and koffi, the
    models), so a skip there means a requirement the project's own files do not
    provide. Tests the project runs only on request skip with a reason starting
    `optional:`."""
    if os.environ.get("CI") != "true" or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if str(reason).removeprefix("Skipped: ").startswith("optional:"):
        return
    report.outcome = "failed"
    report.longrepr = (f"skipped under CI=true ({reason}): scripts/install.sh must "
                       "install what this test needs")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())
    return None


def pytest_sessionfinish(session: pytest.Session) -> None:
    updates = session.config.stash.get(_UPDATES, {})
    for path, actuals in updates.items():
        data = parse_data_file(path)
        changed = False
        for case in data.cases:
            new = actuals.get(case.name)
            if new is not None and _normalize(new) != _normalize(case.expected):
                case.expected = "\n".join(_normalize(new))
                changed = True
        if changed:
            path.write_text(format_data_file(data), encoding="utf-8")
