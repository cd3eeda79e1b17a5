"""Exports of the log: BibTeX, CSL-JSON, CSV and JSON.

``all_items`` and ``select`` choose papers (newest week first, like
``paperweek list``), fills what a week file lacks (authors, abstract,
categories) from the arXiv metadata cache when there is one; ``renderer`` renders.
``operations.export.export_log`` is the command, which also records new citation keys.
Titles and summaries are stored as inline Markdown; exports carry plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from paperweek.cache import arxiv as arxiv_cache
from paperweek.days import week_year
from paperweek.errors import Param, ParamError
from paperweek.export.bibtex import render_bibtex
from paperweek.export.csl import render_csl_json
from paperweek.export.items import ExportedPaper
from paperweek.export.names import citation_keys
from paperweek.export.tabular import render_csv, render_json
from paperweek.tags import effective_tags, normalize_tag

if TYPE_CHECKING:
    from paperweek.store import Log


FORMATS = ("bibtex", "csl-json", "csv", "json")


KEYED_FORMATS = ("bibtex", "csl-json", "json")  # the formats that carry citation keys


def all_items(log: Log) -> list[ExportedPaper]:
    """Every logged paper as an ExportedPaper, newest week first, with its citation key."""
    everything: list[ExportedPaper] = []
    for week in log.weeks:
        for number, paper in week.numbered():
            everything.append(ExportedPaper(week=week, number=number, paper=paper, tags=effective_tags(paper, log.config)))
    _attach_cache(log, everything)
    keys = citation_keys(list(reversed(everything)))  # oldest first: a later paper never takes an earlier one's key
    for item in everything:
        item.key = keys[id(item)]
    return everything


def select(
    log: Log,
    day: dt.date | None = None,
    tags: Sequence[str] = (),
    year: int | None = None,
    items: list[ExportedPaper] | None = None,
) -> list[ExportedPaper]:
    """The papers to export, newest week first, with citation keys computed over the whole log."""
    wanted = [normalize_tag(t) for t in tags]
    chosen = []
    for item in items if items is not None else all_items(log):
        if day is not None and not (item.week.start <= day <= item.week.last_day):
            continue
        if year is not None and week_year(item.week.start) != year:
            continue
        if any(t not in item.tags for t in wanted):
            continue
        chosen.append(item)
    return chosen


def _attach_cache(log: Log, items: list[ExportedPaper]) -> None:
    """Fill ``ExportedPaper.cached`` from the arXiv metadata cache for papers missing authors, categories or abstract."""
    need = [i for i in items if i.paper.arxiv_id and not (i.paper.authors and i.paper.categories and i.paper.abstract)]
    if not need:
        return
    found = arxiv_cache.read_records(log.cache_dir, (str(i.paper.arxiv_id) for i in need))
    for item in need:
        item.cached = found.get(str(item.paper.arxiv_id))


def renderer(fmt: str) -> Callable[[list[ExportedPaper]], str]:
    renderers: dict[str, Callable[[list[ExportedPaper]], str]] = {
        "bibtex": render_bibtex,
        "csl-json": render_csl_json,
        "csv": render_csv,
        "json": render_json,
    }
    if fmt in renderers:
        return renderers[fmt]
    raise ParamError(Param("format"), f" {fmt!r}: not a format; use one of {', '.join(FORMATS)}")
