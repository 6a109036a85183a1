"""Retry loops as inference clients write them: the last error kept in a
`last_error: Exception | None` (or `Optional[ValueError]`) and raised again after
the last attempt, `raise err` of a caught exception, and ConnectionError /
TimeoutError (with their OSError family) raised and caught."""

from typing import Optional


def _attempt(plan: list[str], i: int) -> int:
    """One call to a (simulated) model server: what `plan[i]` says happens."""
    step = plan[i]
    if step == "timeout":
        raise TimeoutError(f"attempt {i} timed out")
    if step == "refused":
        raise ConnectionRefusedError(f"attempt {i}: connection refused")
    if step == "reset":
        raise ConnectionResetError(f"attempt {i}: connection reset by peer")
    if step == "broken":
        raise BrokenPipeError("broken pipe")
    if step == "down":
        raise ConnectionError("server is down")
    if step == "bad":
        raise ValueError(f"attempt {i}: malformed reply")
    return int(step)


def call_with_retries(plan: list[str], tries: int) -> int:
    """Retries connection problems; raises the last one when every attempt failed."""
    last_error: Exception | None = None
    for i in range(tries):
        try:
            return _attempt(plan, i)
        except (ConnectionError, TimeoutError) as e:
            last_error = e
    if last_error is not None:
        raise last_error
    raise RuntimeError("no attempts made")


def retry_log(plan: list[str]) -> list[str]:
    """Which class each attempt raised, caught through OSError."""
    log = []
    for i in range(len(plan)):
        try:
            log.append(f"ok {_attempt(plan, i)}")
        except OSError as e:
            kind = "timeout" if isinstance(e, TimeoutError) else \
                "connection" if isinstance(e, ConnectionError) else "os"
            log.append(f"{kind}: {e}")
        except ValueError as e:
            log.append(f"value: {e}")
    return log


def classify_failure(plan: list[str], i: int) -> str:
    """The handler that catches each class, most specific first."""
    try:
        return str(_attempt(plan, i))
    except ConnectionRefusedError:
        return "refused"
    except (ConnectionResetError, BrokenPipeError) as e:
        return "dropped: " + str(e)
    except ConnectionError as e:
        return f"connection: {e!r}"
    except TimeoutError as e:
        return "timeout: " + repr(e)


def first_valid(replies: list[str]) -> int:
    """The first reply that parses; the last ValueError again when none does (its
    message is CPython's), ValueError of its own for no replies."""
    last: Optional[ValueError] = None
    for r in replies:
        try:
            return int(r)
        except ValueError as e:
            last = e
    if last is None:
        raise ValueError("no replies")
    raise last


def reraise_after_cleanup(plan: list[str], i: int) -> list[str]:
    """`raise e` of the handler's exception after some work; a TimeoutError is kept."""
    done = []
    try:
        done.append(str(_attempt(plan, i)))
    except TimeoutError:
        done.append("timed out")
        return done
    except Exception as e:
        done.append("cleanup")
        if len(done) > 0:
            raise e
    return done


def raise_unset(n: int) -> int:
    """`raise err` where err may still be None: CPython's TypeError for None."""
    err: Exception | None = None
    if n > 0:
        try:
            raise ConnectionAbortedError(f"aborted after {n}")
        except ConnectionAbortedError as e:
            err = e
    if n > 1 and err is not None:
        return len(str(err))
    raise err
