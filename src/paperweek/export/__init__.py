"""Exports of the log: BibTeX, CSL-JSON, CSV and JSON.

``export_log(log, format, ...)`` selects papers (newest week first, like
``paperweek list``), fills what a week file lacks (authors, abstract,
categories) from the arXiv metadata cache when there is one, and renders.
Titles and summaries are stored as inline Markdown; exports carry plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperweek.cache import arxiv as arxiv_cache
from paperweek.errors import Param, ParamError
from paperweek.export.bibtex import render_bibtex
from paperweek.export.csl import render_csl_json
from paperweek.export.items import Item, once_each
from paperweek.export.names import citation_keys
from paperweek.export.tabular import render_csv, render_json
from paperweek.ids import week_year
from paperweek.models import Week
from paperweek.serialize import numbered
from paperweek.tags import effective_tags, normalize_tag

if TYPE_CHECKING:
    from paperweek.store import Log


FORMATS = ("bibtex", "csl-json", "csv", "json")


KEYED_FORMATS = ("bibtex", "csl-json", "json")  # the formats that carry citation keys


def _everything(log: Log) -> list[Item]:
    """Every logged paper as an Item, newest week first, with its citation key."""
    everything: list[Item] = []
    for week in log.weeks:
        for number, paper in numbered(week):
            everything.append(Item(week=week, number=number, paper=paper, tags=effective_tags(paper, log.config)))
    _attach_cache(log, everything)
    keys = citation_keys(list(reversed(everything)))  # oldest first: a later paper never takes an earlier one's key
    for item in everything:
        item.key = keys[id(item)]
    return everything


def fix_keys(log: Log, items: list[Item]) -> int:
    """Write the citation keys made up for papers without one into their week files; how many papers got one.

    Call with the log locked and ``items`` from ``_everything`` read under that lock.
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


def select(
    log: Log,
    day: dt.date | None = None,
    tags: Sequence[str] = (),
    year: int | None = None,
    items: list[Item] | None = None,
) -> list[Item]:
    """The papers to export, newest week first, with citation keys computed over the whole log."""
    wanted = [normalize_tag(t) for t in tags]
    chosen = []
    for item in items if items is not None else _everything(log):
        if day is not None and not (item.week.start <= day <= item.week.last_day):
            continue
        if year is not None and week_year(item.week.start) != year:
            continue
        if any(t not in item.tags for t in wanted):
            continue
        chosen.append(item)
    return chosen


def _attach_cache(log: Log, items: list[Item]) -> None:
    """Fill ``Item.cached`` from the arXiv metadata cache for papers missing authors, categories or abstract."""
    need = [i for i in items if i.paper.arxiv_id and not (i.paper.authors and i.paper.categories and i.paper.abstract)]
    if not need:
        return
    found = arxiv_cache.read_records(log.cache_dir, (str(i.paper.arxiv_id) for i in need))
    for item in need:
        item.cached = found.get(str(item.paper.arxiv_id))


def renderer(fmt: str) -> Callable[[list[Item]], str]:
    renderers: dict[str, Callable[[list[Item]], str]] = {
        "bibtex": render_bibtex,
        "csl-json": render_csl_json,
        "csv": render_csv,
        "json": render_json,
    }
    if fmt in renderers:
        return renderers[fmt]
    raise ParamError(Param("format"), f" {fmt!r}: not a format; use one of {', '.join(FORMATS)}")


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
    everything = _everything(log)
    if fmt not in KEYED_FORMATS or all(item.paper.citekey for item in everything):
        items = select(log, day=day, tags=tags, year=year, items=everything)
        text = render(items)
        if write is not None:
            write(text)
        return Export(text, _entries(fmt, items), papers=len(items))
    with log.locked():  # re-read under the lock: another process may have written meanwhile
        everything = _everything(log)
        items = select(log, day=day, tags=tags, year=year, items=everything)
        text = render(items)
        if write is not None:
            write(text)
        fixed = fix_keys(log, everything)
    return Export(text, _entries(fmt, items), fixed, papers=len(items))


def _entries(fmt: str, items: list[Item]) -> int:
    """How many entries ``fmt`` writes for ``items``: citation formats cite a paper once."""
    return len(once_each(items)) if fmt in ("bibtex", "csl-json") else len(items)
