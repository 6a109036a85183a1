"""No configuration: CPython's last resort writes WARNING and above as the bare
message; a module function (`logging.warning`) configures the root logger first."""

import logging

log = logging.getLogger(__name__)


def quiet_info(n: int) -> int:
    log.info("not shown %d", n)
    log.debug("not shown either")
    log.warning("shown bare: %d", n)
    log.error("error %s", [n, n])
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * 2


def root_functions(n: int) -> int:
    log.warning("before basicConfig: %d", n)
    logging.info("root info %d", n)
    logging.warning("root warning %d", n)
    log.warning("after: %d", n)
    logging.error("root error")
    return 1 // n


def root_logger(name: str) -> str:
    root = logging.getLogger()
    root.warning("from the root logger")
    other = logging.getLogger(name)
    other.error("named %s", name)
    return other.name + "|" + root.name + "|" + logging.getLevelName(other.getEffectiveLevel())


def level_names(level: int) -> str:
    if level < 0:
        raise ValueError("no negative levels")
    return logging.getLevelName(level)


def guarded(xs: list[int]) -> int:
    try:
        first = xs[0]
        log.warning("first is %d", first)
        return 10 // first
    except IndexError as e:
        log.error("no first item: %s", e)
        return -1
    finally:
        log.warning("done with %d items", len(xs))
