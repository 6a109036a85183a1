"""What an exception of the module's own class says: `__str__` and `__repr__` overrides
(in `str(e)`, f-strings, `repr(e)` and the message the caller sees), an `__init__` that
never calls `super().__init__` (CPython's args are then the constructor call's), `e.args`
and fields read in a handler catching several classes."""


class ParseError(ValueError):
    """A line that does not parse."""

    def __init__(self, line: int, text: str) -> None:
        super().__init__(line, text)
        self.line = line
        self.text = text

    def __str__(self) -> str:
        return f"line {self.line}: cannot parse {self.text!r}"


class StrictParseError(ParseError):
    def __repr__(self) -> str:
        return f"StrictParseError<line={self.line}>"


class HttpError(Exception):
    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason


class NotFound(HttpError):
    def __init__(self, path: str) -> None:
        super().__init__(404, f"no {path}")
        self.path = path


class MissingLabel(KeyError):
    def __init__(self, label: str) -> None:
        self.label = label


class Overloaded(RuntimeError):
    def __init__(self, load: float, limit: float) -> None:
        super().__init__(f"load {load:.2f} over {limit:.2f}")
        self.load = load
        self.limit = limit


class Throttled(RuntimeError):
    def __init__(self, load: float, retry_after: int) -> None:
        super().__init__("throttled", retry_after)
        self.load = load
        self.retry_after = retry_after


class BadValue(ValueError):
    pass


LABELS = {"O": 0, "B-PER": 1, "I-PER": 2}


def parse_ints(lines: list[str], strict: bool) -> list[int]:
    out = []
    for i, text in enumerate(lines):
        if not text.strip().lstrip("-").isdigit():
            if strict:
                raise StrictParseError(i + 1, text)
            raise ParseError(i + 1, text)
        out.append(int(text))
    return out


def parse_report(lines: list[str], strict: bool) -> str:
    try:
        return f"sum {sum(parse_ints(lines, strict))}"
    except ParseError as e:
        text = str(e)
        shown = repr(e)
        return f"{e} | {e!r} | {text} | {shown} | {e.args} | line {e.line}"


def fetch(path: str, status: int) -> str:
    if status == 404:
        raise NotFound(path)
    if status >= 400:
        raise HttpError(status, "server error" if status >= 500 else "client error")
    return f"GET {path}"


def fetch_report(paths: list[str], status: int) -> list[str]:
    out = []
    for p in paths:
        try:
            out.append(fetch(p, status))
        except HttpError as e:
            out.append(f"{e.status} {e.reason}: [{e}] {e!r} {len(e.args)} {e.args[0]}")
    return out


def label_id(label: str) -> int:
    if label not in LABELS:
        raise MissingLabel(label)
    return LABELS[label]


def label_ids(labels: list[str]) -> tuple[list[int], list[str]]:
    ids = []
    problems = []
    for lab in labels:
        try:
            ids.append(label_id(lab))
        except MissingLabel as e:
            problems.append(f"{e.label}: {e} {e!r} {e.args}")
    return ids, problems


def admit(load: float, limit: float) -> float:
    if load > 2 * limit:
        raise Throttled(load, 30)
    if load > limit:
        raise Overloaded(load, limit)
    return limit - load


def admit_all(loads: list[float], limit: float) -> list[str]:
    out = []
    for load in loads:
        try:
            out.append(f"ok {admit(load, limit):.2f}")
        except (Overloaded, Throttled) as e:
            out.append(f"{e.load} refused: {e} {e.args}")
    return out


def check_value(kind: int, value: str) -> str:
    try:
        if kind == 0:
            raise BadValue(value)
        if kind == 1:
            raise BadValue(len(value))
        if kind == 2:
            raise BadValue([value, value.upper()])
        if kind == 3:
            raise BadValue
        return value
    except BadValue as e:
        first = e.args[0] if e.args else None
        return f"[{e}] {e!r} {e.args} {len(e.args)} {first}"
