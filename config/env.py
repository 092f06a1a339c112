"""Small typed helpers that read settings from the environment and fail loudly on bad values.

Every helper also accepts ``NAME_FILE`` pointing at a file holding the value, so secrets can come
from Docker/Kubernetes/systemd credentials rather than the process environment.
"""

import os
from pathlib import Path


class ConfigurationError(Exception):
    """Raised at start-up when an environment variable holds a value we cannot use."""


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE points at a file that cannot be read") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, "").strip()
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name, "").strip()
    if raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
