"""Plain data: a paper, its links, a week of papers, an arXiv record. No I/O here.

Text fields (``title``, ``summary``) hold *inline Markdown*, exactly as the
README cell shows it, so an imported list keeps its formatting verbatim.
Text from untrusted sources (arXiv, an LLM) is turned into Markdown with
``paperweek.markdown.escape`` before it is stored. Every text field passes
``safetext.clean`` when the object is built, whatever built it (a week file,
an import, arXiv, an edit): no control character or terminal escape gets in.
Code that assigns a text field later cleans the value itself.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict, cast

from paperweek.days import LAST_WEEK_START, week_end
from paperweek.ids import abs_url, looks_like_arxiv_id
from paperweek.safetext import clean, split_url

_TEXT_LISTS = ("authors", "categories", "tags", "code_links")
_TEXT_FIELDS = ("id", "title", "summary", "abstract", "comments", "journal_ref", "doi", "citekey", "raw")


@dataclass(frozen=True)
class Link:
    """A labelled link of a row, e.g. ``[Repo](https://github.com/o/r)``."""

    label: str
    url: str

    def __post_init__(self) -> None:
        if not (self.label.__class__ is str and self.url.__class__ is str and (self.label + self.url).isprintable()):
            object.__setattr__(self, "label", clean(self.label) if isinstance(self.label, str) else self.label)
            object.__setattr__(self, "url", clean(self.url) if isinstance(self.url, str) else self.url)


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
    citekey: str = ""  # BibTeX/CSL key, fixed when first exported or added; a hand-set one wins
    tags: list[str] = field(default_factory=list)
    code_links: list[str] = field(default_factory=list)  # other code/project links found
    keep: list[str] = field(default_factory=list)  # fields the curator set on purpose (KEEPABLE): refresh leaves them
    raw: str | None = None  # a table row kept verbatim because it could not be split

    def __post_init__(self) -> None:
        if not self.id.isascii():  # one id whether typed on macOS (NFD) or elsewhere (NFC)
            object.__setattr__(self, "id", unicodedata.normalize("NFC", self.id))
        # Every text field is cleaned when a Paper is built (a week file, an import, arXiv, an
        # edit draft); code that assigns a field later passes it through ``clean`` itself.
        # One C-speed test of all fields at once keeps the common, clean case cheap.
        texts = [self.id, self.title, self.summary, self.abstract, self.comments, self.journal_ref, self.doi,
                 self.citekey, self.raw or "", *self.authors, *self.categories, *self.tags, *self.code_links]
        if all(t.__class__ is str for t in texts) and "".join(texts).isprintable():
            return
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, clean(value))
        for name in _TEXT_LISTS:
            values = getattr(self, name)
            if isinstance(values, list):
                object.__setattr__(self, name, [clean(v) if isinstance(v, str) else v for v in values])

    @property
    def arxiv_id(self) -> str | None:
        """The versionless arXiv id, when this paper is on arXiv."""
        return self.id if looks_like_arxiv_id(self.id) else None

    @property
    def url(self) -> str:
        """Where the paper itself is: its arXiv page, else its Paper link, else its first link."""
        if self.arxiv_id:
            return abs_url(self.arxiv_id)
        paper_link = self.link("Paper")
        if paper_link is not None:
            return paper_link.url
        return self.links[0].url if self.links else ""

    @property
    def web_kind(self) -> str | None:
        """``"post"`` (a blog post), ``"page"`` (another web page) or None (a paper: arXiv, DOI or journal).

        Exports type web items as ``@online``/``webpage``, and the digest labels them as what they are.
        """
        if self.arxiv_id or self.doi or self.journal_ref or not self.url:
            return None
        if any(link.label.strip().lower() in ("blog", "blog post", "post") for link in self.links):
            return "post"
        parts = split_url(self.url)
        if parts is None:
            return "page"
        host = (parts.hostname or "").lower()
        segments = {s.lower() for s in parts.path.split("/")}
        blog = host.startswith("blog.") or host.endswith((".substack.com", "medium.com")) or bool(
            segments & {"blog", "blogs", "posts", "post"}
        )
        return "post" if blog else "page"

    def link(self, label: str) -> Link | None:
        """The first link with this label (case-insensitive)."""
        for link in self.links:
            if link.label.lower() == label.lower():
                return link
        return None


class WeekStyleEntries(TypedDict, total=False):
    """A week file's ``style`` mapping (docs/themes.md): how import saw the week written, so build writes
    it again. Every value is text in the week file; ``render/theme.resolve`` reads them."""

    columns: str
    header: str
    align: str
    number: str
    bold: str
    separator: str
    link_separator: str
    rule: str
    table: str
    level: str
    year: str
    index_label: str
    before: str
    after: str
    layout: str
    place: str


STYLE_KEYS = tuple(WeekStyleEntries.__annotations__)


def week_style(entries: Mapping[str, str]) -> WeekStyleEntries:
    """``entries`` (text keys and values, as a week file or import has them) as a week's style.
    An unknown key is reported where the style is used, with its file (``render/theme.resolve``)."""
    return cast(WeekStyleEntries, dict(entries))


@dataclass
class Week:
    """The papers of one week, in their order in the table."""

    start: dt.date
    papers: list[Paper] = field(default_factory=list)
    end: dt.date | None = None  # only for imported weeks that are not 7 days long
    heading: str | None = None  # the heading text as imported, when it differs from the theme's
    style: WeekStyleEntries = field(default_factory=lambda: WeekStyleEntries())  # table variants seen on import
    intro: str = ""  # the editor's note for this week's digest (inline Markdown); not in the README

    def __post_init__(self) -> None:
        if not isinstance(self.start, dt.date):
            raise TypeError("Week.start must be a date")
        if isinstance(self.heading, str):
            self.heading = clean(self.heading)
        if isinstance(self.intro, str):
            self.intro = clean(self.intro)
        if any(type(v) is str and clean(v) != v for v in self.style.values()):
            self.style = cast(WeekStyleEntries, {k: clean(v) if type(v) is str else v for k, v in self.style.items()})
        if self.end is None and self.start > LAST_WEEK_START:
            raise ValueError(f"the week of {self.start.isoformat()} would end after 9999-12-31")

    @staticmethod
    def stored_end(start: dt.date, last: dt.date) -> dt.date | None:
        """What ``end`` holds for a period from ``start`` to ``last``: None for 7 days (the default)."""
        return None if start <= LAST_WEEK_START and last == week_end(start) else last

    def numbered(self) -> list[tuple[int, Paper]]:
        """Each paper with the number the README shows for it: its ``number`` if it has one, else its place."""
        return [(p.number if p.number is not None else place, p) for place, p in enumerate(self.papers, start=1)]

    @property
    def last_day(self) -> dt.date:
        """The week's last day (6 days after the start unless imported otherwise)."""
        return self.end if self.end is not None else week_end(self.start)


# What arXiv accepts (its submission form caps an abstract at 1,920 characters; titles, comments and
# journal references are a line or two; the largest collaborations list a few thousand authors), with
# room to spare for older records. A record past these is cut to them, and the user is told
# (``within_arxiv_limits``): a hostile answer cannot store a 60 MB abstract in a week file.
ARXIV_LIMITS = {"title": 1_000, "abstract": 5_000, "comments": 2_000, "journal_ref": 1_000, "doi": 500}
MAX_AUTHORS = 5_000
MAX_CATEGORIES = 50


def cut_to_arxiv_limit(name: str, value: str) -> str:
    """``value`` cut to ``ARXIV_LIMITS[name]`` (the same limits for a text column stored apart from a record)."""
    limit = ARXIV_LIMITS[name]
    return value if len(value) <= limit else value[:limit]


def within_arxiv_limits(record: ArxivRecord) -> tuple[ArxivRecord, list[str]]:
    """``record`` with each field cut to ``ARXIV_LIMITS``, and a note for each field that was cut."""
    import dataclasses

    changes: dict[str, object] = {}
    notes = []
    for name, limit in ARXIV_LIMITS.items():
        value = getattr(record, name)
        if len(value) > limit:
            changes[name] = value[:limit]
            notes.append(f"{record.id}: its {name} has {len(value):,} characters, more than arXiv allows; "
                         f"the first {limit:,} were kept")
    for name, limit in (("authors", MAX_AUTHORS), ("categories", MAX_CATEGORIES)):
        values = getattr(record, name)
        if len(values) > limit:
            changes[name] = values[:limit]
            notes.append(f"{record.id}: {len(values):,} {name}, more than arXiv lists; the first {limit:,} were kept")
    return (dataclasses.replace(record, **changes) if changes else record), notes  # type: ignore[arg-type]


@dataclass
class ArxivRecord:
    """One paper as the arXiv API describes it (plain text, not Markdown): what ``sources.atom`` parses
    and ``cache.arxiv`` keeps."""

    id: str  # versionless
    version: str  # the latest version, e.g. "v2"
    title: str
    abstract: str
    authors: list[str]
    published: dt.date  # the v1 date
    updated: dt.date
    primary_category: str
    categories: list[str]  # primary first
    comments: str = ""
    journal_ref: str = ""
    doi: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        data["updated"] = self.updated.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArxivRecord:
        values = dict(data)
        values["published"] = dt.date.fromisoformat(values["published"])
        values["updated"] = dt.date.fromisoformat(values["updated"])
        return cls(**values)
