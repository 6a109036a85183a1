"""A module logger and basicConfig(level=logging.INFO) at module level, as inference
code writes them: INFO and above through the default format on stderr."""

import logging

logger = logging.getLogger(__name__)
logging.basicConfig(level=logging.INFO)


def load_rows(rows: list[str]) -> int:
    n = len(rows)
    logger.info("loaded %d rows", n)
    logger.debug("first row: %s", rows[0] if rows else "")
    if n == 0:
        logger.warning("no rows")
        raise ValueError("empty input")
    for i, r in enumerate(rows):
        if not r.strip():
            logger.error("row %d is blank", i)
    return n


def scores(xs: list[float], threshold: float) -> list[float]:
    logger.info("scoring %d values with threshold %.2f", len(xs), threshold)
    out = []
    for x in xs:
        if x < threshold:
            logger.debug("dropping %f", x)
            continue
        out.append(x)
    if not out:
        logger.critical("nothing above %s", threshold)
    logger.info("kept %d of %d (%.1f%%)", len(out), len(xs),
                100.0 * len(out) / len(xs))
    return out


def messages(words: list[str]) -> int:
    logger.info("plain message with 100% and no args")
    logger.info(words)
    for w in words:
        logger.warning("word %r (%s) has %d chars", w, w.upper(), len(w))
    logger.info(len(words))
    return len(words)


def enabled(level: int) -> bool:
    logger.log(level, "logged at level %d", level)
    return logger.isEnabledFor(level)


def effective() -> int:
    return logger.getEffectiveLevel()


def local_logger(name: str, values: list[int]) -> int:
    log = logging.getLogger(name)
    total = 0
    for v in values:
        total += v
        log.info(f"running total {total}")
        if v > 100:
            log.warning("big value %d at total %d", v, total)
    log.error("%s: %d values, mean %.3f", name, len(values), total / len(values))
    return total
