"""README.md rebuilt after an operation changed the week files."""

from __future__ import annotations

from paperweek.errors import ReadmeEdited
from paperweek.render.readme import write_readme
from paperweek.store import Log


def rebuild_after_change(log: Log) -> bool:
    """Rebuild README.md after a change; hand edits in it are kept, with a note saying so."""
    try:
        return write_readme(log)
    except ReadmeEdited as exc:
        log.notes.append(f"README.md not rebuilt: {exc}")
        return False

