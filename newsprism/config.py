"""Settings as data: the packaged ``defaults.toml``, a user file, then flags.

Every setting has a dotted name (``fetch.timeout``), a default and a help text; :data:`SETTINGS`
lists them and ``docs/settings.md`` documents each one (a test checks that).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import tomllib

from newsprism.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def _load_defaults() -> dict[str, Setting]:
    raw = tomllib.loads(resources.files("newsprism").joinpath("defaults.toml").read_text("utf-8"))
    out: dict[str, Setting] = {}
    for section, table in raw.items():
        for key, spec in table.items():
            name = f"{section}.{key}"
            out[name] = Setting(name, spec["default"], spec["help"])
    return out


SETTINGS: dict[str, Setting] = _load_defaults()


def user_config_path() -> Path:
    env = os.environ.get("NEWSPRISM_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "newsprism" / "settings.toml"


class Settings(Mapping[str, Any]):
    """Resolved settings: ``settings["fetch.timeout"]``."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {name: s.default for name, s in SETTINGS.items()}
        for name, value in (values or {}).items():
            self._set(name, value)

    def _set(self, name: str, value: Any) -> None:
        if name not in SETTINGS:
            raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(sorted(SETTINGS))}")
        default = SETTINGS[name].default
        if isinstance(default, bool):
            if isinstance(value, str):
                value = value.strip().lower() in ("1", "true", "yes", "on")
            value = bool(value)
        elif isinstance(default, (int, float)) and not isinstance(value, bool):
            try:
                value = type(default)(value)
            except (TypeError, ValueError):
                raise ConfigError(f"setting {name} needs a number, got {value!r}") from None
        elif isinstance(default, str):
            value = str(value)
        self._values[name] = value

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **overrides: Any) -> Settings:
        """A copy with ``section__key=value`` overrides (``fetch__timeout=5``)."""
        values = dict(self._values)
        values.update({k.replace("__", "."): v for k, v in overrides.items()})
        return Settings(values)


def load_settings(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Defaults, then the user file (``path`` or the default location, if it exists), then overrides."""
    values: dict[str, Any] = {}
    file = Path(path) if path else user_config_path()
    if path and not file.exists():
        raise ConfigError(f"settings file {file} does not exist")
    if file.exists():
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"settings file {file} cannot be read: {exc}") from None
        for section, table in data.items():
            if not isinstance(table, dict):
                raise ConfigError(f"settings file {file}: {section!r} must be a [section]")
            for key, value in table.items():
                values[f"{section}.{key}"] = value
    values.update(overrides or {})
    return Settings(values)
