"""Exports of the log: BibTeX, CSL-JSON, CSV and JSON.

``export_log(log, format, ...)`` selects papers (newest week first, like
``paperweek list``), fills what a week file lacks (authors, abstract,
categories) from the arXiv metadata cache when there is one, and renders.
Titles and summaries are stored as inline Markdown; exports carry plain text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from paperweek.errors import InputError
from paperweek.safetext import safe_url

if TYPE_CHECKING:
    from paperweek.models import Paper, Week
    from paperweek.store import Log

FORMATS = ("bibtex", "csl-json", "csv", "json")


@dataclass
class Item:
    """One paper to export, with what the exporters need beside the Paper itself."""

    week: Week
    number: int
    paper: Paper
    tags: list[str]
    key: str = ""  # citation key, stable and unique across the whole log
    cached: dict[str, Any] = field(default_factory=dict)  # arXiv metadata cache record, when any

    @property
    def authors(self) -> list[str]:
        return list(self.paper.authors) or [str(a) for a in self.cached.get("authors") or []]

    @property
    def categories(self) -> list[str]:
        if self.paper.categories:
            return list(self.paper.categories)
        return [str(c) for c in self.cached.get("categories") or []]

    @property
    def abstract_text(self) -> str:
        from paperweek.index.plaintext import plain

        if self.paper.abstract:
            return plain(self.paper.abstract)
        return " ".join(str(self.cached.get("abstract") or "").split())

    @property
    def date(self) -> dt.date:
        """The release date, else the week's first day."""
        if self.paper.released is not None:
            return self.paper.released
        published = self.cached.get("published")
        if isinstance(published, str):
            try:
                return dt.date.fromisoformat(published)
            except ValueError:
                pass
        return self.week.start

    @property
    def url(self) -> str:
        from paperweek.ids import abs_url

        arxiv_id = self.paper.arxiv_id
        if arxiv_id:
            return abs_url(arxiv_id)
        paper_link = self.paper.link("Paper")
        if paper_link is None and self.paper.links:
            paper_link = self.paper.links[0]
        # the one URL policy: a javascript: (or disguised) link is no URL field in BibTeX or CSL-JSON
        return (safe_url(paper_link.url) or "") if paper_link is not None else ""

    @property
    def doi(self) -> str:
        if self.paper.doi:
            return self.paper.doi
        if self.cached.get("doi"):
            return str(self.cached["doi"])
        arxiv_id = self.paper.arxiv_id
        return f"10.48550/arXiv.{arxiv_id}" if arxiv_id else ""


def select(
    log: Log, day: dt.date | None = None, tags: Sequence[str] = (), year: int | None = None
) -> list[Item]:
    """The papers to export, newest week first, with citation keys computed over the whole log."""
    from paperweek.export.names import citation_keys
    from paperweek.ids import week_year
    from paperweek.serialize import numbered
    from paperweek.tags import effective_tags, normalize_tag

    wanted = [normalize_tag(t) for t in tags]
    everything: list[Item] = []
    for week in log.weeks:
        for number, paper in numbered(week):
            everything.append(Item(week=week, number=number, paper=paper, tags=effective_tags(paper, log.config)))
    _attach_cache(log, everything)
    keys = citation_keys(list(reversed(everything)))  # oldest first: a later paper never renames an earlier one
    for item in everything:
        item.key = keys[id(item)]
    chosen = []
    for item in everything:
        if day is not None and not (item.week.start <= day <= item.week.last_day):
            continue
        if year is not None and week_year(item.week.start) != year:
            continue
        if any(t not in item.tags for t in wanted):
            continue
        chosen.append(item)
    return chosen


def _attach_cache(log: Log, items: list[Item]) -> None:
    """Fill ``Item.cached`` from the arXiv metadata cache for papers missing authors or categories."""
    from paperweek.index.db import CACHE_FILE

    need = [i for i in items if i.paper.arxiv_id and not (i.paper.authors and i.paper.categories and i.paper.abstract)]
    if not need or not (log.cache_dir / CACHE_FILE).exists():
        return
    import json
    import sqlite3

    from paperweek.index.db import connect

    conn = connect(log.cache_dir)
    try:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'arxiv_records'").fetchone()
        if not exists:
            return
        ids = list(dict.fromkeys(str(i.paper.arxiv_id) for i in need))
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT id, data FROM arxiv_records WHERE id IN ({marks})", chunk):
                try:
                    data = json.loads(row[1])
                except ValueError:
                    continue
                if isinstance(data, dict):
                    found[str(row[0])] = data
        for item in need:
            item.cached = found.get(str(item.paper.arxiv_id), {})
    except sqlite3.DatabaseError:
        return  # a damaged cache only means less metadata; the week files are the data
    finally:
        conn.close()


def once_each(items: list[Item]) -> list[Item]:
    """Items with a citation key not seen before: a paper logged twice is cited once."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


def renderer(fmt: str) -> Callable[[list[Item]], str]:
    if fmt == "bibtex":
        from paperweek.export.bibtex import render_bibtex

        return render_bibtex
    if fmt == "csl-json":
        from paperweek.export.csl import render_csl_json

        return render_csl_json
    if fmt == "csv":
        from paperweek.export.tabular import render_csv

        return render_csv
    if fmt == "json":
        from paperweek.export.tabular import render_json

        return render_json
    raise InputError(f"--format {fmt!r}: not a format; use one of {', '.join(FORMATS)}")


def export_log(
    log: Log, fmt: str, day: dt.date | None = None, tags: Sequence[str] = (), year: int | None = None
) -> tuple[str, int]:
    """(text, number of papers) of the chosen papers in format ``fmt``."""
    render = renderer(fmt)
    items = select(log, day=day, tags=tags, year=year)
    return render(items), len(items)
