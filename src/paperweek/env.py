"""The one reader of ``PAPERWEEK_*`` environment settings.

Every number comes through ``env_number``: finite, inside its range, and a bad
value is one ``ConfigError`` that names the variable, says what it must be and
what to do. Strings come through ``env_text`` (unset and blank are the same).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from paperweek.errors import ConfigError

PREFIX = "PAPERWEEK_"


def env_text(name: str, default: str | None = None) -> str | None:
    """``PAPERWEEK_<name>`` (or ``name`` itself when it has no such prefix), stripped; blank is unset."""
    key = name if name.startswith(PREFIX) or name == "OPENAI_API_KEY" else PREFIX + name
    value = os.environ.get(key)
    if value is None or not value.strip():
        return default
    return value.strip()


@dataclass(frozen=True)
class Range:
    """What one numeric variable may hold, and what it is when unset."""

    default: float | None  # None: a [summary] setting is the default (the reader passes it)
    minimum: float = 0.0
    maximum: float = 86400.0
    integer: bool = False
    positive: bool = False  # strictly more than ``minimum``
    unit: str = "seconds"


def _timeout(default: float) -> Range:
    return Range(default, positive=True, maximum=3600)


def _delay(default: float) -> Range:
    return Range(default, maximum=3600)


def _retries(default: float) -> Range:
    return Range(default, maximum=100, integer=True, unit="retries")


# Every numeric PAPERWEEK_* variable, its default and its range: the one place they are written.
NUMBERS: dict[str, Range] = {
    "LOCK_TIMEOUT": Range(120),
    "ARXIV_DELAY": _delay(3),
    "LINK_TIMEOUT": _timeout(15),
    "LLM_TIMEOUT": Range(None, positive=True, maximum=3600),  # [summary] timeout
    "LLM_RETRY_BUDGET": Range(None, positive=True),  # [summary] retry_budget
    "TEMPLATE_TIMEOUT": _timeout(60),
    "ARXIV_TIMEOUT": _timeout(30), "ARXIV_RETRIES": _retries(4), "ARXIV_BACKOFF": _delay(2), "ARXIV_BUDGET": Range(300),
    "HF_TIMEOUT": _timeout(10), "HF_RETRIES": _retries(2), "HF_BACKOFF": _delay(1), "HF_BUDGET": Range(120),
}  # fmt: skip


def env_number(name: str, default: float | None = None) -> float:
    """``PAPERWEEK_<name>``, checked against its range in ``NUMBERS``; unset: ``default``, else the variable's own."""
    rng = NUMBERS[name]
    fallback = rng.default if default is None else default
    key = PREFIX + name
    raw = os.environ.get(key)
    if raw is None or not raw.strip():
        if fallback is None:
            raise TypeError(f"{key} has no default of its own; pass the setting it overrides")
        return fallback
    try:
        value = float(raw.strip())
    except ValueError:
        value = math.nan
    low = "more than" if rng.positive else "at least"
    what = f"a whole number of {rng.unit}" if rng.integer else f"a number of {rng.unit}"
    ok = math.isfinite(value) and (value > rng.minimum if rng.positive else value >= rng.minimum)
    ok = ok and value <= rng.maximum and (not rng.integer or value == int(value))
    if not ok:
        example = f"set it to e.g. {fallback:g}, or " if fallback is not None else ""
        raise ConfigError(
            f"{key}={raw!r} is not {what} ({low} {rng.minimum:g}, at most {rng.maximum:g}); "
            f"{example}unset it for the default"
        )
    return float(int(value)) if rng.integer else value


def check_environment() -> None:
    """Every numeric ``PAPERWEEK_*`` variable that is set, checked before a command starts work."""
    for name, rng in NUMBERS.items():
        env_number(name, rng.default if rng.default is not None else rng.maximum)


__all__ = ["NUMBERS", "Range", "check_environment", "env_number", "env_text"]
