#!/usr/bin/env bash
# The main job: install, compile the bundled example, call it, compare with CPython.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
python3 examples/run_demo.py
