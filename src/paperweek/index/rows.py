"""The search index's rows: one typed ``IndexRow`` per paper, built from a week file.

Why a module of its own: worker processes import it to parse week files in
parallel without loading the index code, and the row's fields are named once
here instead of as positions in a list.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperweek.config import Config
from paperweek.days import week_year
from paperweek.errors import PaperweekError
from paperweek.markdown import plain, rough_plain
from paperweek.store.weekfile import read_week
from paperweek.tags import effective_tags

if TYPE_CHECKING:
    from paperweek.models import Week

# The searched fields, in the FTS5 table's column order; the site's search uses the same ones.
COLUMNS = ("title", "summary", "abstract", "authors", "tags")
ABSTRACT_NONE, ABSTRACT_FILE, ABSTRACT_CACHE = 0, 1, 2

PAPER_COLUMNS = (  # search_papers: small, read for filters
    "doc_id",
    "file",
    "week",
    "week_end",
    "year",
    "position",
    "number",
    "paper_id",
    "arxiv_id",
    "tagset",
    "abstract_source",
)
TEXT_COLUMNS = ("doc_id", "title_md", "summary_md", "released", "links_json", *COLUMNS)  # search_text


@dataclass(slots=True)
class IndexRow:
    """One paper as indexed: filter fields (``search_papers``) and text fields (``search_text``)."""

    file: str
    week: str
    week_end: str
    year: int
    position: int
    number: int
    paper_id: str
    arxiv_id: str | None
    tagset: str  # "|a|b|": tags between bars, for instr() filters
    abstract_source: int  # ABSTRACT_NONE / _FILE / _CACHE
    title_md: str
    summary_md: str
    released: str | None
    links_json: str
    title: str
    summary: str
    abstract: str
    authors: str
    tags: str

    def paper_values(self, doc_id: int) -> tuple[Any, ...]:
        """Values for ``PAPER_COLUMNS``."""
        return (
            doc_id, self.file, self.week, self.week_end, self.year, self.position, self.number,
            self.paper_id, self.arxiv_id, self.tagset, self.abstract_source,
        )

    def text_values(self, doc_id: int) -> tuple[Any, ...]:
        """Values for ``TEXT_COLUMNS``."""
        return (
            doc_id, self.title_md, self.summary_md, self.released, self.links_json,
            self.title, self.summary, self.abstract, self.authors, self.tags,
        )


def paper_rows(file_name: str, week: Week, config: Config) -> list[IndexRow]:
    """The index rows of one week."""
    start = week.start.isoformat()
    end = week.last_day.isoformat()
    year = week_year(week.start)
    rows: list[IndexRow] = []
    for position, (number, paper) in enumerate(week.numbered()):
        tags = effective_tags(paper, config)
        links = [{"label": link.label, "url": link.url} for link in paper.links]
        title_md = paper.title or paper.raw or ""
        rows.append(
            IndexRow(
                file=file_name,
                week=start,
                week_end=end,
                year=year,
                position=position,
                number=number,
                paper_id=paper.id,
                arxiv_id=paper.arxiv_id,
                tagset="|" + "|".join(tags) + "|",
                abstract_source=ABSTRACT_FILE if paper.abstract else ABSTRACT_NONE,
                title_md=title_md,
                summary_md=paper.summary,
                released=paper.released.isoformat() if paper.released else None,
                links_json=json.dumps(links, ensure_ascii=False),
                title=plain(title_md),
                summary=rough_plain(paper.summary),
                abstract=paper.abstract,  # plain text from arXiv, not Markdown
                authors="; ".join(paper.authors),
                tags=" ".join(tags),
            )
        )
    return rows


def read_file_rows(job: tuple[str, str]) -> tuple[str, str, list[IndexRow]]:
    """Worker: (path, tags settings as JSON) -> (sha256, error or "", rows)."""
    path_text, tags_json = job
    path = Path(path_text)
    config = Config(sections={"tags": json.loads(tags_json)})
    try:
        data = path.read_bytes()
        week = read_week(path)
        return hashlib.sha256(data).hexdigest(), "", paper_rows(path.name, week, config)
    except (PaperweekError, OSError) as exc:
        return "", str(exc), []
