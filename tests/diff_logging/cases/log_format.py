"""basicConfig with a format, to stdout, and module-level levels on dotted loggers."""

import logging
import sys

logging.basicConfig(format="%(levelname)-8s %(name)s | %(message)s", level=logging.DEBUG,
                    stream=sys.stdout)
logger = logging.getLogger("app")
model_log = logging.getLogger("app.model")
logger.setLevel(logging.INFO)


def run_model(n: int) -> float:
    model_log.debug("not shown: app is INFO")
    model_log.info("running on %d items", n)
    logger.warning("%d%% done", 50)
    if n == 0:
        model_log.error("nothing to run")
        raise ZeroDivisionError("division by zero")
    return 1.0 / n


def set_levels(level: int) -> list[int]:
    model_log.setLevel(level)
    model_log.debug("debug after setLevel(%d)", level)
    model_log.info("info after setLevel(%d)", level)
    logging.getLogger("app.model.sub").warning("sub warning")
    result = [model_log.level, model_log.getEffectiveLevel(),
              logging.getLogger("app.model.sub").getEffectiveLevel(), logger.level]
    if level > 50:
        raise ValueError("too high")
    return result


def force_again(fmt_level: int) -> int:
    logging.basicConfig(level=logging.ERROR)  # the root has its handler: no effect
    logging.getLogger("x").info("still INFO at root? %d", fmt_level)
    logging.basicConfig(level=fmt_level, force=True)
    logging.getLogger("x").info("after force %d", fmt_level)
    logging.getLogger("x").warning("after force %d", fmt_level)
    return logging.getLogger().getEffectiveLevel() // (fmt_level - 30)
