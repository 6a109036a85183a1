"""The fuzz harness in CI, bounded: random programs (numpy arrays included) through
check and build, and edge-value calls of the compiled functions against CPython,
from Python and, where Node and koffi are installed, from Node (tests/fuzz/).

A few programs of many functions each (one cargo build per program); longer
runs by hand: `python -m tests.fuzz.harness --seeds 0:200`.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.fuzz.harness import run

# Seconds of fuzzing in CI (at least one program always runs); PYCOMP_FUZZ_BUDGET overrides.
BUDGET_S = float(os.environ.get("PYCOMP_FUZZ_BUDGET", "120"))


def test_random_programs_and_edge_arguments(tmp_path: Path) -> None:
    report = run(range(1000, 1100), functions=20, calls=10, work=tmp_path, budget_s=BUDGET_S)
    print(report.summary())
    assert report.programs >= 1
    assert report.findings == [], "\n\n".join(report.findings)
