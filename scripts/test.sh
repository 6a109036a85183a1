#!/usr/bin/env bash
# Installs everything, then runs every test: the runtime's Rust tests, lints,
# and the pytest suites (stages, differential, diagnostics, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# One cargo target directory for the workspace and every generated crate:
# ort, tokenizers and ndarray compile once.
export PYCOMP_TARGET_DIR="${PYCOMP_TARGET_DIR:-$HOME/.cache/pycomp/target}"
export CARGO_TARGET_DIR="$PYCOMP_TARGET_DIR"
# Every crate is built once per run: incremental state would only fill the disk
# (14 GB over the suite's generated crates).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Full debug info makes each test crate 4-5x larger on disk and slower to link;
# line tables keep file:line in panic backtraces.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
echo "== cargo fmt / clippy / test (runtime and loader)"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p pcrt-tests --all-targets --features models -- -D warnings
cargo test -p pcrt-tests
cargo test -p pcrt-tests --features models --test models
echo "== ruff / mypy"
python3 -m ruff check frontend tests
python3 -m mypy
export PYCOMP_PROFILE="${PYCOMP_PROFILE:-debug}"
echo "== pytest"
python3 -m pytest -q -p no:cacheprovider "$@"
