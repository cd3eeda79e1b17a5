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
        from paperweek.markdown import plain

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
        # the one URL policy: a javascript: (or disguised) link is no URL field in BibTeX or CSL-JSON
        return safe_url(self.paper.url) or ""

    @property
    def is_web(self) -> bool:
        """A web page or blog post: neither on arXiv nor with a DOI or journal reference."""
        return self.paper.web_kind is not None and not self.doi

    @property
    def is_blog_post(self) -> bool:
        return self.is_web and self.paper.web_kind == "post"

    @property
    def accessed(self) -> dt.date:
        """When the curator read a web item: the week it was logged in (or its release, if later)."""
        return max(self.week.start, self.date)

    @property
    def doi(self) -> str:
        if self.paper.doi:
            return self.paper.doi
        if self.cached.get("doi"):
            return str(self.cached["doi"])
        arxiv_id = self.paper.arxiv_id
        return f"10.48550/arXiv.{arxiv_id}" if arxiv_id else ""


KEYED_FORMATS = ("bibtex", "csl-json", "json")  # the formats that carry citation keys


def _everything(log: Log) -> list[Item]:
    """Every logged paper as an Item, newest week first, with its citation key."""
    from paperweek.export.names import citation_keys
    from paperweek.serialize import numbered
    from paperweek.tags import effective_tags

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
    from paperweek.ids import week_year
    from paperweek.tags import normalize_tag

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


@dataclass
class Export:
    """What ``export_log`` made: the text, how many papers it holds, how many got a citation key just now."""

    text: str
    count: int
    keys_fixed: int = 0


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
        return Export(text, len(items))
    with log.locked():  # re-read under the lock: another process may have written meanwhile
        everything = _everything(log)
        items = select(log, day=day, tags=tags, year=year, items=everything)
        text = render(items)
        if write is not None:
            write(text)
        fixed = fix_keys(log, everything)
    return Export(text, len(items), fixed)
