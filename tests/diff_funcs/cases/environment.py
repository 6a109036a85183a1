"""Configuration read from the environment, as services read theirs: defaults for
unset variables, required ones raising KeyError, flags, numbers parsed from
strings (ValueError for a value that is not one), module constants read at load.
The variables named by the inputs are ones every test process has (HOME, PATH)
or none has."""

import os
from pathlib import Path

MAX_LEN = int(os.environ.get("PYCOMP_TEST_UNSET_MAX_LEN", "128"))
HOME_SET = "HOME" in os.environ
LOG_DIR = Path(os.getenv("PYCOMP_TEST_UNSET_LOG_DIR", "/tmp/logs"))


def setting(name: str, default: str) -> str:
    return os.environ.get(name, default)


def optional_setting(name: str) -> str:
    value = os.getenv(name)
    if value is None:
        return "<unset>"
    return value.split(os.pathsep)[0]


def required(name: str) -> str:
    """KeyError: 'NAME' for an unset variable."""
    return os.environ[name]


def is_set(name: str) -> bool:
    return name in os.environ


def enabled(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def number(name: str, default: int) -> int:
    """ValueError for a variable that does not hold an int."""
    return int(os.environ.get(name, str(default)))


def loaded() -> str:
    return f"{MAX_LEN} {HOME_SET} {LOG_DIR / 'run.log'} {os.sep}"
