"""The log's ``.gitignore``: paperweek's entries, added once, the user's own lines kept.

A module of its own because it writes atomically (``store.atomic``), which in turn
names its temporary files with ``store.tempfiles``: imports point one way.
"""

from __future__ import annotations

from pathlib import Path

from paperweek.store.atomic import write_text_atomic
from paperweek.store.tempfiles import PREFIX

IGNORED = (".paperweek/", "/_site/", f"{PREFIX}*")  # the cache, the website, leftovers of killed runs


def ensure_gitignore(root: Path, create: bool = True) -> None:
    """Add paperweek's entries (``IGNORED``) to the log's .gitignore; with ``create`` False, only
    to one that exists."""
    path = root / ".gitignore"
    if not create and not path.is_file():
        return
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {line.strip().strip("/") for line in existing.splitlines()}
    missing = [entry for entry in IGNORED if entry.strip("/") not in present]
    if not missing:
        return
    prefix = existing if not existing or existing.endswith("\n") else existing + "\n"
    write_text_atomic(path, prefix + "".join(entry + "\n" for entry in missing))
