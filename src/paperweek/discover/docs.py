"""A paper as the rankers see it (``Doc``): plain text plus categories, authors and dates,
made from an ingested candidate or from a logged paper (with its cached arXiv record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperweek.grammar.items import author_names
from paperweek.markdown import rough_plain

if TYPE_CHECKING:
    from paperweek.cache.candidates import Candidate
    from paperweek.models import Paper


@dataclass(frozen=True)
class Doc:
    """A paper as the rankers see it: plain text plus categories, authors and date."""

    id: str
    title: str
    text: str  # title, summary and abstract, plain text
    categories: tuple[str, ...] = ()
    authors: str = ""  # as arXiv writes them: "A. Smith, B. Jones and C. Wu"
    released: str = ""  # ISO date of v1
    logged: str = ""  # for a logged paper: the last day of its week (ISO)
    extra: str = ""  # comments and other text the default ranker may use


def split_authors(authors: str) -> tuple[str, ...]:
    """``A. Smith, B. Jones and C. Wu`` -> normalised names (lowercase, single spaces): what the rankers compare."""
    return tuple(" ".join(n.lower().split()) for n in author_names(authors))


def doc_from_candidate(c: Candidate) -> Doc:
    title = " ".join(c.title.split())
    return Doc(
        id=c.id,
        title=title,
        text=f"{title}. {c.abstract}",
        categories=tuple(c.categories.split()),
        authors=c.authors,
        released=c.released,
        extra=c.comments,
    )


def doc_from_paper(
    paper: Paper, cached: Candidate | None = None, abstract: str = "", logged: dt.date | None = None
) -> Doc:
    """A logged paper: its title and summary, plus the best abstract known (week file, cache, candidates)."""
    title = rough_plain(paper.title)
    abstract = paper.abstract or abstract or (cached.abstract if cached else "")
    parts = [title, rough_plain(paper.summary), rough_plain(abstract) if paper.abstract else abstract]
    categories = tuple(paper.categories) or (tuple(cached.categories.split()) if cached else ())
    authors = ", ".join(paper.authors) or (cached.authors if cached else "")
    released = paper.released.isoformat() if paper.released else (cached.released if cached else "")
    return Doc(
        id=paper.id,
        title=title,
        text=". ".join(p for p in parts if p),
        categories=categories,
        authors=authors,
        released=released,
        logged=logged.isoformat() if logged else "",
        extra=paper.comments or (cached.comments if cached else ""),
    )
