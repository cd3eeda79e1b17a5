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
    """What one numeric variable may hold."""

    minimum: float = 0.0
    maximum: float = 86400.0
    integer: bool = False
    positive: bool = False  # strictly more than ``minimum``
    unit: str = "seconds"


_TIMEOUT = Range(positive=True, maximum=3600)
_DELAY = Range(maximum=3600)
_RETRIES = Range(maximum=100, integer=True, unit="retries")

# Every numeric PAPERWEEK_* variable and its range: ``check_environment`` tries them all at start-up.
NUMBERS: dict[str, Range] = {
    "LOCK_TIMEOUT": Range(),
    "ARXIV_DELAY": _DELAY,
    "LINK_TIMEOUT": _TIMEOUT,
    "LLM_TIMEOUT": _TIMEOUT,
    "LLM_RETRY_BUDGET": Range(positive=True),
    "TEMPLATE_TIMEOUT": _TIMEOUT,
    **{f"{service}_{what}": rng for service in ("ARXIV", "HF")
       for what, rng in (("TIMEOUT", _TIMEOUT), ("RETRIES", _RETRIES), ("BACKOFF", _DELAY), ("BUDGET", Range()))},
}  # fmt: skip


def env_number(name: str, default: float) -> float:
    """A number from ``PAPERWEEK_<name>``, checked against its range in ``NUMBERS``; ``default`` when unset."""
    rng = NUMBERS[name]
    key = PREFIX + name
    raw = os.environ.get(key)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        value = math.nan
    low = "more than" if rng.positive else "at least"
    what = f"a whole number of {rng.unit}" if rng.integer else f"a number of {rng.unit}"
    ok = math.isfinite(value) and (value > rng.minimum if rng.positive else value >= rng.minimum)
    ok = ok and value <= rng.maximum and (not rng.integer or value == int(value))
    if not ok:
        raise ConfigError(
            f"{key}={raw!r} is not {what} ({low} {rng.minimum:g}, at most {rng.maximum:g}); "
            f"set it to e.g. {default:g}, or unset it for the default"
        )
    return float(int(value)) if rng.integer else value


# The defaults, for the "set it to e.g." of an error at start-up (each reader passes its own).
EXAMPLES = {"LOCK_TIMEOUT": 120, "ARXIV_DELAY": 3, "LINK_TIMEOUT": 15, "LLM_TIMEOUT": 60, "LLM_RETRY_BUDGET": 180,
            "TEMPLATE_TIMEOUT": 60,
            "ARXIV_TIMEOUT": 30, "ARXIV_RETRIES": 4, "ARXIV_BACKOFF": 2, "ARXIV_BUDGET": 300,
            "HF_TIMEOUT": 10, "HF_RETRIES": 2, "HF_BACKOFF": 1, "HF_BUDGET": 120}  # fmt: skip


def check_environment() -> None:
    """Every numeric ``PAPERWEEK_*`` variable that is set, checked before a command starts work."""
    for name in NUMBERS:
        env_number(name, EXAMPLES.get(name, 1.0))


__all__ = ["EXAMPLES", "NUMBERS", "Range", "check_environment", "env_number", "env_text"]
