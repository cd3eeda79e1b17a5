"""Where papers are in the log: the paper a reference names, the arXiv ids logged, new periods."""

from __future__ import annotations

import datetime as dt

from paperweek.errors import InputError
from paperweek.ids import arxiv_ids_in, format_date
from paperweek.models import Paper, Week
from paperweek.periods import end_for
from paperweek.store import Log


def week_label(start: dt.date) -> str:
    return f"the week of {format_date(start)}"


def locate(log: Log, ref: str) -> tuple[Week, Paper]:
    """The logged paper ``ref`` names (id, slug, any arXiv form), or InputError."""
    found = log.find(ref)
    if found is None:
        raise InputError(f"{ref}: no such paper in the log (see `paperweek list`)")
    return found


def logged_arxiv_ids(log: Log) -> dict[str, dt.date]:
    """Every arXiv id in the log -- as a paper's id or behind its links -- and its week's start."""
    out: dict[str, dt.date] = {}
    for week, paper in log.papers():
        if paper.arxiv_id:
            out.setdefault(paper.arxiv_id, week.start)
        for linked in arxiv_ids_in(link.url for link in paper.links):
            out.setdefault(linked, week.start)
    return out


def new_period(log: Log, start: dt.date) -> Week:
    """An empty period of the log's kind (``[log] period``) starting on ``start``."""
    return Week(start=start, end=end_for(start, log.config.period))
