"""Plain data: a paper, its links, a week of papers. No I/O here.

Text fields (``title``, ``summary``) hold *inline Markdown*, exactly as the
README cell shows it, so an imported list keeps its formatting verbatim.
Text from untrusted sources (arXiv, an LLM) is turned into Markdown with
``paperweek.markdown.escape`` before it is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A labelled link of a row, e.g. ``[Repo](https://github.com/o/r)``."""

    label: str
    url: str


# Fields a curator can keep as written (week file `keep: [title]`): `refresh` (even --overwrite)
# leaves them, and neither `refresh` nor `check --online` reports that they differ from arXiv.
KEEPABLE = ("title", "released", "repo", "summary")


@dataclass
class Paper:
    """One logged paper (or blog post, report...)."""

    id: str
    title: str
    summary: str = ""
    released: dt.date | None = None
    links: list[Link] = field(default_factory=list)
    number: int | None = None  # order number as written, when it differs from the position
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    categories: list[str] = field(default_factory=list)
    comments: str = ""
    journal_ref: str = ""
    doi: str = ""
    tags: list[str] = field(default_factory=list)
    code_links: list[str] = field(default_factory=list)  # other code/project links found
    keep: list[str] = field(default_factory=list)  # fields the curator set on purpose (KEEPABLE): refresh leaves them
    raw: str | None = None  # a table row kept verbatim because it could not be split

    @property
    def arxiv_id(self) -> str | None:
        """The versionless arXiv id, when this paper is on arXiv."""
        from paperweek.ids import looks_like_arxiv_id

        return self.id if looks_like_arxiv_id(self.id) else None

    def link(self, label: str) -> Link | None:
        """The first link with this label (case-insensitive)."""
        for link in self.links:
            if link.label.lower() == label.lower():
                return link
        return None


@dataclass
class Week:
    """The papers of one week, in their order in the table."""

    start: dt.date
    papers: list[Paper] = field(default_factory=list)
    end: dt.date | None = None  # only for imported weeks that are not 7 days long
    heading: str | None = None  # the heading text as imported, when it differs from the theme's
    style: dict[str, str] = field(default_factory=dict)  # table variants seen on import

    def __post_init__(self) -> None:
        if not isinstance(self.start, dt.date):
            raise TypeError("Week.start must be a date")

    @property
    def last_day(self) -> dt.date:
        """The week's last day (6 days after the start unless imported otherwise)."""
        return self.end if self.end is not None else self.start + dt.timedelta(days=6)
