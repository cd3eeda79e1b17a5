"""``build``: the README from the week files, and whether the README on disk is what build writes."""

from __future__ import annotations

from paperweek.operations.readme_diff import readme_difference, remedy_for
from paperweek.render.readme import render_readme, write_readme
from paperweek.store import Log


def build(log: Log, *, force: bool = False) -> bool:
    """Write README.md under the log's lock if it changed; True when it was written.

    A README edited by hand is kept (``errors.ReadmeEdited``) unless ``force``.
    """
    with log.locked():
        return write_readme(log, force=force)


def readme_stale(log: Log) -> str | None:
    """None when README.md is what ``build`` would write; else where it differs (``build --check``)."""
    return readme_difference(render_readme(log.config, log.weeks, log.root), log.readme_path, remedy_for(log))
