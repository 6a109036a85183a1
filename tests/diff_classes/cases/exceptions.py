"""A module's own exception classes: a validation hierarchy raised and caught by class
and by base, re-raised, chained, and escaping to the caller."""


class ValidationError(ValueError):
    """A value that breaks a rule."""


class ConfigError(Exception):
    pass


class MissingField(ConfigError):
    ...


class BadType(ConfigError, ):
    """A field of the wrong type."""


class UnknownLabel(KeyError):
    pass


class TransientError(RuntimeError):
    pass


LABELS = {"neg": 0, "neu": 1, "pos": 2}


def _require(cfg: dict[str, str], key: str) -> str:
    if key not in cfg:
        raise MissingField(f"missing field: {key}")
    return cfg[key]


def parse_port(cfg: dict[str, str]) -> int:
    text = _require(cfg, "port")
    if not text.isdigit():
        raise BadType(f"port must be digits, got {text!r}")
    port = int(text)
    if not 0 < port < 65536:
        raise ValidationError(f"port out of range: {port}")
    return port


def config_report(cfgs: list[dict[str, str]]) -> list[str]:
    out = []
    for cfg in cfgs:
        try:
            out.append(f"port {parse_port(cfg)}")
        except MissingField as e:
            out.append(f"missing: {e}")
        except ConfigError as e:
            out.append(f"config: {e} ({isinstance(e, BadType)})")
        except ValueError as e:
            out.append(f"value: {e!r}")
    return out


def label_ids(names: list[str]) -> list[int]:
    ids = []
    for n in names:
        if n not in LABELS:
            raise UnknownLabel(n)
        ids.append(LABELS[n])
    return ids


def label_ids_or_report(names: list[str]) -> str:
    try:
        return str(label_ids(names))
    except LookupError as e:
        return f"lookup failed: {e} / {e!r} / {isinstance(e, UnknownLabel)}"


def validate_scores(scores: list[float], low: float, high: float) -> list[float]:
    if not scores:
        raise ValidationError("no scores")
    for i, s in enumerate(scores):
        if not low <= s <= high:
            raise ValidationError(f"score {i} = {s} is outside [{low}, {high}]")
    return scores


def clamp_or_reraise(scores: list[float], strict: bool) -> list[float]:
    try:
        return validate_scores(scores, 0.0, 1.0)
    except ValidationError:
        if strict:
            raise
        return [min(max(s, 0.0), 1.0) for s in scores]


def chained(cfg: dict[str, str]) -> int:
    try:
        return int(cfg["retries"])
    except KeyError as err:
        raise MissingField("retries is required") from err
    except ValueError as err:
        raise BadType(f"retries: {err}") from err


def with_retries(failures: int, attempts: int) -> tuple[int, list[str]]:
    log = []
    left = failures
    done = 0
    for attempt in range(1, attempts + 1):
        try:
            if left > 0:
                left -= 1
                raise TransientError(f"attempt {attempt} failed")
            log.append(f"attempt {attempt} ok")
            done = attempt
            break
        except TransientError as e:
            log.append(str(e))
        finally:
            log.append("cleanup")
    if done:
        return done, log
    raise TransientError(f"gave up after {attempts} attempts: {'; '.join(log)}")


def classify(values: list[str]) -> dict[str, int]:
    counts = {"ok": 0, "config": 0, "value": 0, "runtime": 0}
    for v in values:
        try:
            if v == "":
                raise MissingField
            if v.startswith("-"):
                raise ValidationError(v)
            if v == "busy":
                raise TransientError()
            counts["ok"] += 1
        except (ConfigError, TransientError) as e:
            counts["config" if isinstance(e, ConfigError) else "runtime"] += 1
        except Exception:
            counts["value"] += 1
    return counts
