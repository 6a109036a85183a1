#!/usr/bin/env bash
# Installs everything, then runs every test: the runtime's Rust tests, lints,
# and the pytest suites (stages, differential, diagnostics, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
echo "== cargo fmt / clippy / test (runtime and loader)"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test -p pcrt-tests
echo "== ruff / mypy"
python3 -m ruff check frontend tests
python3 -m mypy
export PYCOMP_PROFILE="${PYCOMP_PROFILE:-debug}"
echo "== pytest"
python3 -m pytest -q -p no:cacheprovider "$@"
