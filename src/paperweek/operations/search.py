"""``search``: full-text search of the log, ranked, with highlighted snippets and a suggestion when nothing matches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from paperweek.index.query import MARK_END, MARK_START, Hit
from paperweek.index.search import SearchIndex
from paperweek.store import Log

__all__ = ["Found", "Hit", "highlighted", "search"]


@dataclass
class Found:
    """The hits, best first; when there are none, a query that would match (or None)."""

    hits: list[Hit]
    suggestion: str | None = None


def search(
    log: Log,
    query: str,
    tags: Sequence[str] = (),
    year: int | None = None,
    day: dt.date | None = None,
    limit: int = 20,
) -> Found:
    """Bring the log's index up to date (only changed week files are read), then search it.

    ``day``: only the week holding it; ``tags``: all must match; ``year``: weeks listed under it.
    """
    with SearchIndex(log) as index:
        index.refresh()
        hits = index.search(query, tags=tags, year=year, day=day, limit=limit)
        return Found(hits, None if hits else index.suggestion(query))


def highlighted(text: str) -> list[tuple[str, bool]]:
    """A hit's ``title_marked`` or ``snippet`` as (text, is a match) pieces, for whatever shows them."""
    first, *rest = text.split(MARK_START)
    pieces = [(first, False)]
    for part in rest:
        match, _, after = part.partition(MARK_END)
        pieces += [(match, True), (after, False)]
    return [(piece, match) for piece, match in pieces if piece]
