"""Exception classes whose `__init__` stores fields: `super().__init__(message)`, fields
read in handlers (`e.field`), inherited and extended by subclasses, and raised to the
caller."""


class SchemaError(Exception):
    """A record breaks the schema."""

    def __init__(self, field: str, msg: str) -> None:
        super().__init__(f"{field}: {msg}")
        self.field = field
        self.reason = msg


class MissingField(SchemaError):
    ...


class TooLong(SchemaError):
    def __init__(self, field: str, size: int, limit: int) -> None:
        super().__init__(field, f"{size} characters, at most {limit}")
        self.size = size
        self.limit = limit


class OutOfRange(ValueError):
    def __init__(self, name: str, value: float, bounds: tuple[float, float]) -> None:
        self.name = name
        self.value = value
        super().__init__(name, value, bounds)
        self.bounds = bounds


class UnknownToken(KeyError):
    def __init__(self, token: str, known: list[str]) -> None:
        super().__init__(token)
        self.token = token
        self.close = [k for k in known if k[:1] == token[:1]]


class RateLimited(RuntimeError):
    def __init__(self, attempt: int) -> None:
        super().__init__()
        self.attempt = attempt
        self.wait = 1 << attempt


SCHEMA = {"name": 12, "city": 20}
VOCAB = ["hello", "help", "world", "word"]


def validate(record: dict[str, str]) -> dict[str, str]:
    for field, limit in SCHEMA.items():
        if field not in record:
            raise MissingField(field, "required")
        if len(record[field]) > limit:
            raise TooLong(field, len(record[field]), limit)
    for field in record:
        if field not in SCHEMA:
            raise SchemaError(field, "unknown field")
    return record


def validation_report(records: list[dict[str, str]]) -> list[str]:
    out = []
    for r in records:
        try:
            validate(r)
            out.append("ok")
        except TooLong as e:
            out.append(f"{e.field} too long by {e.size - e.limit} ({e})")
        except MissingField as e:
            out.append(f"missing {e.field}: {e.reason}")
        except SchemaError as e:
            out.append(f"schema error on {e.field!r}: {e} / {e!r}")
    return out


def check_scores(scores: dict[str, float]) -> float:
    total = 0.0
    for name, value in scores.items():
        if not 0.0 <= value <= 1.0:
            raise OutOfRange(name, value, (0.0, 1.0))
        total += value
    return total


def scores_or_error(scores: dict[str, float]) -> str:
    try:
        return f"total {check_scores(scores)}"
    except OutOfRange as e:
        return f"{e.name}={e.value} outside {e.bounds}: {e}"


def encode(tokens: list[str]) -> list[int]:
    ids = []
    for t in tokens:
        if t not in VOCAB:
            raise UnknownToken(t, VOCAB)
        ids.append(VOCAB.index(t))
    return ids


def encode_or_suggest(tokens: list[str]) -> tuple[list[int], list[str]]:
    try:
        return encode(tokens), []
    except UnknownToken as e:
        return [], [f"{e.token}?", str(e), *e.close]


def fetch_with_backoff(limited: int, attempts: int) -> tuple[int, list[int]]:
    waits = []
    done = -1
    for attempt in range(attempts):
        try:
            if attempt < limited:
                raise RateLimited(attempt)
            done = attempt
            break
        except RateLimited as e:
            waits.append(e.wait)
            if e.attempt == attempts - 1:
                raise
    return done, waits
