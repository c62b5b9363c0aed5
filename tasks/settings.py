"""Configuration, read in one place: shipped defaults, the user's file, then the environment."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULTS = Path(__file__).with_name("settings.toml")
ENV = {  # environment variable -> (section, key)
    "BAOCAO_DB": ("storage", "db"),
    "BAOCAO_ARCHIVE": ("storage", "archive"),
    "BAOCAO_SOURCES": ("sources", "file"),
}


class SettingsError(Exception):
    """A settings file that cannot be read; the message names the file and the fix."""


def _user_file() -> Path | None:
    explicit = os.environ.get("BAOCAO_CONFIG")
    if explicit:
        return Path(explicit)
    home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "baocao" / "settings.toml"
    return home if home.exists() else None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such settings file (unset BAOCAO_CONFIG or create it)") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: {e} — fix the TOML syntax there") from None


def _merged() -> dict:
    merged = _read(DEFAULTS)
    user = _user_file()
    if user is not None:
        for section, values in _read(user).items():
            if isinstance(values, dict):
                merged.setdefault(section, {}).update(values)
    for var, (section, key) in ENV.items():
        if os.environ.get(var):
            merged[section][key] = os.environ[var]
    return merged


@dataclass(frozen=True)
class Settings:
    db: Path
    archive: Path
    sources_file: Path
    fetch: dict
    load: dict


def settings() -> Settings:
    """The settings in force now (read afresh: tests change the environment)."""
    m = _merged()
    return Settings(
        db=Path(m["storage"]["db"]),
        archive=Path(m["storage"]["archive"]),
        sources_file=Path(m["sources"]["file"]),
        fetch=dict(m["fetch"]),
        load=dict(m["load"]),
    )
