"""``theme``: which README themes a log can use, and copying a built-in one into the log to edit it."""

from __future__ import annotations

from pathlib import Path

from paperweek.render.theme import builtin_names, copy_theme, local_names
from paperweek.store import Log


def themes(log: Log) -> list[tuple[str, bool]]:
    """Every theme the log can name, sorted: (name, True when the log holds its own copy under themes/)."""
    local = set(local_names(log.root))
    return [(name, name in local) for name in sorted(set(builtin_names()) | local)]


def copy(log: Log, name: str, as_name: str | None = None, force: bool = False) -> Path:
    """Copy built-in theme ``name`` into the log's themes/ folder (under the lock); the folder written."""
    with log.locked():
        return copy_theme(log.root, name, as_name, force)
