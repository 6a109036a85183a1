"""A model config loaded from JSON into a dataclass, with validation errors that name
the class of the value found (`type(v).__name__` of JSON values and of typed names),
an exception hierarchy with a field, and `raise ... from` a JSONDecodeError."""

import json
from dataclasses import dataclass, field
from typing import Any


class ConfigError(ValueError):
    pass


class MissingKey(ConfigError):
    def __init__(self, key: str) -> None:
        super().__init__(f"missing required key: {key!r}")
        self.key = key


@dataclass
class ModelConfig:
    name: str
    max_length: int = 512
    temperature: float = 1.0
    labels: list[str] = field(default_factory=list)

    def validate(self) -> None:
        if not self.name:
            raise ConfigError("name must not be empty")
        if not 1 <= self.max_length <= 8192:
            raise ConfigError(f"max_length out of range: {self.max_length}")
        if self.temperature < 0:
            raise ConfigError(f"temperature must be >= 0, got {self.temperature:.2f}")
        if len(set(self.labels)) != len(self.labels):
            dup = sorted({l for l in self.labels if self.labels.count(l) > 1})
            raise ConfigError("duplicate labels: " + ", ".join(dup))


def _get_int(d: dict[str, Any], key: str, default: int) -> int:
    v = d.get(key, default)
    if isinstance(v, bool) or not isinstance(v, int):
        raise ConfigError(f"{key} must be an int, got {type(v).__name__}")
    return v


def _get_float(d: dict[str, Any], key: str, default: float) -> float:
    v = d.get(key, default)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    raise ConfigError(f"{key} must be a number, got {type(v).__name__}")


def _parse_config(text: str) -> ModelConfig:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise ConfigError(f"invalid JSON at line {e.lineno}: {e.msg}") from e
    if not isinstance(raw, dict):
        raise ConfigError(f"top level must be an object, not {type(raw).__name__}")
    if "name" not in raw:
        raise MissingKey("name")
    labels: list[str] = [str(x) for x in raw.get("labels", [])]
    cfg = ModelConfig(name=str(raw["name"]), max_length=_get_int(raw, "max_length", 512),
                      temperature=_get_float(raw, "temperature", 1.0), labels=labels)
    unknown = sorted(k for k in raw if k not in ("name", "max_length", "temperature", "labels"))
    if unknown:
        raise ConfigError(f"unknown keys: {unknown}")
    cfg.validate()
    return cfg


def describe(text: str) -> str:
    try:
        cfg = _parse_config(text)
    except MissingKey as e:
        return f"missing:{e.key}"
    except ConfigError as e:
        return f"error:{e}"
    return f"{cfg.name} len={cfg.max_length} t={cfg.temperature} labels={cfg.labels}"


def config_repr(text: str) -> str:
    return repr(_parse_config(text))


def kinds(text: str) -> list[str]:
    """The class of each value of a JSON array, and of names of static types."""
    items: list[Any] = json.loads(text)
    n = len(items)
    label = "items"
    return [type(v).__name__ for v in items] + [type(n).__name__, type(label).__name__,
                                                 type(items).__name__]


def check_all(texts: list[str]) -> dict[str, int]:
    outcome: dict[str, int] = {}
    for t in texts:
        try:
            _parse_config(t)
            key = "ok"
        except MissingKey:
            key = "missing"
        except ValueError as e:
            key = type(e).__name__
        outcome[key] = outcome.get(key, 0) + 1
    return outcome


def loaded(text: str) -> ModelConfig:
    """The config itself, crossing the ABI as a record."""
    return _parse_config(text)
