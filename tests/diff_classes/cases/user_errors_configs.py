"""Client code as users write it (issue 11, trialA's trials): the last error of a
retry loop kept in a variable annotated with the module's own exception class
(`last: BackendError | None`, raised again), and dataclass fields whose
`default_factory` is a lambda without parameters (a fresh list per instance)."""

from dataclasses import dataclass, field


class BackendError(Exception):
    """Base class for backend failures."""


class RateLimited(BackendError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited, retry after {retry_after:.1f}s")
        self.retry_after = retry_after


class BadResponse(BackendError):
    pass


def _fake_call(attempt: int, script: str) -> str:
    code = script[attempt] if attempt < len(script) else "o"
    if code == "r":
        raise RateLimited(0.5 * (attempt + 1))
    if code == "b":
        raise BadResponse(f"bad payload on attempt {attempt}")
    if code == "x":
        raise RuntimeError("connection reset")
    return f"ok@{attempt}"


def call_with_retry(script: str, max_attempts: int) -> tuple[str, float]:
    waited = 0.0
    last: BackendError | None = None
    for attempt in range(max_attempts):
        try:
            return _fake_call(attempt, script), waited
        except RateLimited as e:
            waited += e.retry_after
            last = e
        except BadResponse as e:
            last = e
            break
    if last is None:
        raise ValueError("max_attempts must be positive")
    raise last


def describe_failure(script: str) -> str:
    try:
        result, waited = call_with_retry(script, 3)
    except RateLimited as e:
        return f"gave up: {e} (last wait {e.retry_after})"
    except BackendError as e:
        return f"{type(e).__name__}: {e}"
    except RuntimeError as e:
        return "runtime: " + str(e)
    return f"{result} after {waited:g}s"


def first_error(scripts: list[str]) -> str:
    found: RateLimited | None = None
    for s in scripts:
        try:
            _fake_call(0, s)
        except RateLimited as e:
            found = e
            break
        except BackendError:
            continue
    return "none" if found is None else str(found)


@dataclass
class TokenizerConfig:
    vocab_size: int = 32000
    special: list[str] = field(default_factory=lambda: ["<s>", "</s>"])
    merges: dict[str, int] = field(default_factory=lambda: {"a b": 0})

    def __post_init__(self) -> None:
        if self.vocab_size <= len(self.special):
            raise ValueError(f"vocab_size {self.vocab_size} too small for "
                             f"{len(self.special)} specials")


def specials(extra: list[str], vocab: int) -> list[str]:
    base = TokenizerConfig()
    cfg = TokenizerConfig(vocab_size=vocab)
    cfg.special.extend(extra)
    return base.special + ["|"] + cfg.special


def config_repr(vocab: int) -> str:
    return repr(TokenizerConfig(vocab, ["<pad>"]))
