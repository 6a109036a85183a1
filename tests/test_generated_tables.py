"""Tables generated from CPython stay what the running CPython (3.11, Unicode 14.0) says."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_unicodedata_tables_match_cpython() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_unicodedata_tables.py"),
                          "--check"], check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
