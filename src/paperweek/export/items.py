"""One paper to export (``ExportedPaper``): the Paper and its week, plus what the exporters need beside it.

A module of its own so that each exporter (bibtex, csl, tabular) and the
citation keys (names) import it, and the ``export`` package imports them, one way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paperweek.markdown import plain
from paperweek.models import ArxivRecord, Paper, Week
from paperweek.safetext import safe_url


@dataclass
class ExportedPaper:
    """One paper to export, with what the exporters need beside the Paper itself."""

    week: Week
    number: int
    paper: Paper
    tags: list[str]
    key: str = ""  # citation key, stable and unique across the whole log
    cached: ArxivRecord | None = None  # the arXiv metadata cache's record, for what the week file lacks

    @property
    def authors(self) -> list[str]:
        return list(self.paper.authors) or (list(self.cached.authors) if self.cached else [])

    @property
    def categories(self) -> list[str]:
        if self.paper.categories:
            return list(self.paper.categories)
        return list(self.cached.categories) if self.cached else []

    @property
    def primary_category(self) -> str:
        if self.cached is not None and self.cached.primary_category:
            return self.cached.primary_category
        categories = self.categories
        return categories[0] if categories else ""

    @property
    def abstract_text(self) -> str:
        if self.paper.abstract:
            return plain(self.paper.abstract)
        return " ".join(self.cached.abstract.split()) if self.cached else ""

    @property
    def date(self) -> dt.date:
        """The release date, else the arXiv v1 date, else the week's first day."""
        if self.paper.released is not None:
            return self.paper.released
        if self.cached is not None:
            return self.cached.published
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
        if self.cached is not None and self.cached.doi:
            return self.cached.doi
        arxiv_id = self.paper.arxiv_id
        return f"10.48550/arXiv.{arxiv_id}" if arxiv_id else ""


def once_each(items: list[ExportedPaper]) -> list[ExportedPaper]:
    """Items with a citation key not seen before: a paper logged twice is cited once."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out
