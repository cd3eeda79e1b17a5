"""``export``: logged papers as BibTeX, CSL-JSON, CSV or JSON; a paper exported with a made-up
citation key keeps it (written to its week file), so a citing document never breaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from paperweek.export import FORMATS, KEYED_FORMATS, all_items, renderer, select
from paperweek.export.items import ExportedPaper, once_each
from paperweek.models import Week
from paperweek.store import Log

__all__ = ["FORMATS", "Export", "export_log", "fix_keys"]


def fix_keys(log: Log, items: list[ExportedPaper]) -> int:
    """Write the citation keys made up for papers without one into their week files; how many papers got one.

    Call with the log locked and ``items`` from ``all_items`` read under that lock.
    """
    changed: dict[dt.date, Week] = {}
    fixed: set[str] = set()
    for item in items:
        if not item.paper.citekey:
            item.paper.citekey = item.key
            changed[item.week.start] = item.week
            fixed.add(item.paper.id)
    for week in changed.values():
        log.save_week(week)
    return len(fixed)


@dataclass
class Export:
    """What ``export_log`` made: the text, how many papers it holds, how many got a citation key just now."""

    text: str
    count: int  # entries written: a paper logged twice is one BibTeX or CSL entry, two CSV/JSON rows
    keys_fixed: int = 0
    papers: int = 0  # the logged papers chosen (more than ``count`` when some are logged twice)


def export_log(
    log: Log,
    fmt: str,
    day: dt.date | None = None,
    tags: Sequence[str] = (),
    year: int | None = None,
    write: Callable[[str], None] | None = None,
) -> Export:
    """The chosen papers in format ``fmt``; papers exported with a key for the first time keep it (week files).

    ``write`` (the ``--out`` file) receives the text before any week file is touched, so an output
    that cannot be written leaves the log as it was.
    """
    render = renderer(fmt)
    everything = all_items(log)
    if fmt not in KEYED_FORMATS or all(item.paper.citekey for item in everything):
        items = select(log, day=day, tags=tags, year=year, items=everything)
        text = render(items)
        if write is not None:
            write(text)
        return Export(text, _entries(fmt, items), papers=len(items))
    with log.locked():  # re-read under the lock: another process may have written meanwhile
        everything = all_items(log)
        items = select(log, day=day, tags=tags, year=year, items=everything)
        text = render(items)
        if write is not None:
            write(text)
        fixed = fix_keys(log, everything)
    return Export(text, _entries(fmt, items), fixed, papers=len(items))


def _entries(fmt: str, items: list[ExportedPaper]) -> int:
    """How many entries ``fmt`` writes for ``items``: citation formats cite a paper once."""
    return len(once_each(items)) if fmt in ("bibtex", "csl-json") else len(items)
