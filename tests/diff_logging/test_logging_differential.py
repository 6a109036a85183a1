"""Differential tests of `logging` (issue 11): what compiled code writes to stderr (and
stdout) through logging, byte for byte against CPython's.

logging's state belongs to the process and is made when the module is imported (its
`basicConfig` and `setLevel` statements), so each (function, input) runs in a fresh
process on each side: CPython imports `cases/<topic>.py` under its module name (so
`__name__` is the topic, as for an imported module) and calls the function; the compiled
side loads the topic's bundle and calls it. The call's result (or exception class and
message), stdout and stderr are compared. `inputs/<topic>.py` holds
`INPUTS: dict[str, list[tuple]]`, and each topic has a raising input.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pyref import load_module, topics

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
INPUTS_DIR = HERE / "inputs"
TOPICS = topics(CASES_DIR)

# One call in a fresh process: argv = side, module file or bundle, function, repr(args).
CHILD = r"""
import importlib.util, json, sys
side, where, fname, args = sys.argv[1], sys.argv[2], sys.argv[3], eval(sys.argv[4])
if side == "cpython":
    from pathlib import Path
    name = Path(where).stem
    spec = importlib.util.spec_from_file_location(name, where)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
else:
    import pycomp
    mod = pycomp.load(where)
try:
    out = {"value": repr(getattr(mod, fname)(*args))}
except Exception as exc:
    out = {"raised": type(exc).__name__, "message": str(exc)}
sys.stdout.flush()
sys.stderr.flush()
print("\n@@result@@" + json.dumps(out))
"""


@functools.cache
def inputs(topic: str) -> Any:
    return load_module(INPUTS_DIR / f"{topic}.py", f"pycomp_logging_inputs_{topic}")


def public_names(topic: str) -> set[str]:
    """The topic's public functions, read without importing it (importing would
    configure logging in this process)."""
    tree = ast.parse((CASES_DIR / f"{topic}.py").read_text(encoding="utf-8"))
    return {n.name for n in tree.body
            if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}


class Bundles:
    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.built: dict[str, Path | str] = {}

    def bundle(self, topic: str) -> Path:
        if topic not in self.built:
            import pycomp

            out = self.factory.mktemp(f"logging-{topic}")
            try:
                self.built[topic] = Path(pycomp.build(CASES_DIR / f"{topic}.py", out))
            except Exception as exc:
                render = getattr(exc, "render", None)
                self.built[topic] = render() if render else repr(exc)
        b = self.built[topic]
        if isinstance(b, str):
            pytest.fail(f"{topic}.py does not compile:\n{b}", pytrace=False)
        return b


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    return Bundles(tmp_path_factory)


def run(side: str, where: Path, fname: str, args: tuple) -> tuple[dict[str, str], str, str]:
    proc = subprocess.run([sys.executable, "-c", CHILD, side, str(where), fname, repr(args)],
                          capture_output=True, text=True, check=False, timeout=120)
    out, sep, result = proc.stdout.rpartition("\n@@result@@")
    assert sep, f"{side} child failed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(result), out, proc.stderr


def _cases() -> list[Any]:
    return [pytest.param(t, f, i, id=f"{t}.py::{f}[{i}]")
            for t in TOPICS for f, arg_list in inputs(t).INPUTS.items()
            for i in range(len(arg_list))]


@pytest.mark.parametrize(("topic", "fname", "index"), _cases())
def test_logging_diff(topic: str, fname: str, index: int, bundles: Bundles) -> None:
    args = inputs(topic).INPUTS[fname][index]
    bundle = bundles.bundle(topic)
    expected = run("cpython", CASES_DIR / f"{topic}.py", fname, args)
    actual = run("compiled", bundle, fname, args)
    call = f"{topic}.{fname}{args!r}"[:300]
    assert actual[0] == expected[0], f"{call}: result differs"
    assert actual[1] == expected[1], f"{call}: stdout differs"
    assert actual[2] == expected[2], f"{call}: stderr differs"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_function_has_inputs_and_one_raises(topic: str) -> None:
    assert set(inputs(topic).INPUTS) == public_names(topic)
    raised = 0
    for f, arg_list in inputs(topic).INPUTS.items():
        for a in arg_list:
            result, _, _ = run("cpython", CASES_DIR / f"{topic}.py", f, a)
            raised += "raised" in result
    assert raised > 0, f"{topic}.py has no input that raises"
