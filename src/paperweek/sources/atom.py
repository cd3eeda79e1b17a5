"""arXiv API answers (Atom 1.0) -> plain records. Pure: no I/O.

Parsed with feedparser, which understands the ``arxiv:`` extension elements
(``arxiv:comment``, ``arxiv:journal_ref``, ``arxiv:doi``,
``arxiv:primary_category``). An answer that is not well-formed XML (cut
short, an HTML error page) raises ``MalformedFeed``; the API's ``Error``
entries (a malformed id) come back as ``Feed.errors``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from paperweek.ids import parse_arxiv_ref
from paperweek.safetext import clean

_WS = re.compile(r"\s+")


class MalformedFeed(Exception):
    """The answer is not a well-formed Atom feed."""


@dataclass
class ArxivRecord:
    """One paper as the arXiv API describes it (plain text, not Markdown)."""

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


@dataclass
class FeedError:
    """An ``Error`` entry: the API refused (part of) the request."""

    message: str  # e.g. "incorrect id format for abc"
    bad_id: str | None  # the id it names, when it names one


@dataclass
class Feed:
    records: list[ArxivRecord] = field(default_factory=list)
    errors: list[FeedError] = field(default_factory=list)
    total_results: int | None = None


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (arXiv wraps titles and abstracts) into single spaces;
    control characters and escape sequences are dropped (``safetext.clean``)."""
    return _WS.sub(" ", clean(text)).strip()


def _date(parsed: Any) -> dt.date | None:
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).date()


def parse_feed(body: bytes | str) -> Feed:
    """Parse one API answer. Raises ``MalformedFeed`` when it is not a well-formed Atom feed."""
    import xml.sax

    import feedparser

    data = body.encode("utf-8") if isinstance(body, str) else body
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, xml.sax.SAXException):
        raise MalformedFeed(f"not well-formed XML ({problem})")
    if not str(parsed.get("version", "")).startswith("atom"):
        raise MalformedFeed("not an Atom feed")
    feed = Feed()
    total = parsed.feed.get("opensearch_totalresults")
    if total is not None and str(total).strip().isdigit():
        feed.total_results = int(str(total).strip())
    for entry in parsed.entries:
        entry_id = str(entry.get("id", ""))
        if "/api/errors" in entry_id or normalise_space(str(entry.get("title", ""))) == "Error":
            message = normalise_space(str(entry.get("summary", ""))) or "the arXiv API reported an error"
            feed.errors.append(FeedError(message=message, bad_id=_named_id(message)))
            continue
        record = _record(entry)
        if record is not None:
            feed.records.append(record)
    return feed


def _named_id(message: str) -> str | None:
    # "incorrect id format for abc" -> "abc"
    marker = " for "
    if marker in message:
        return message.rsplit(marker, 1)[1].strip() or None
    return None


def _record(entry: Any) -> ArxivRecord | None:
    ref = parse_arxiv_ref(str(entry.get("id", "")))
    published = _date(entry.get("published_parsed"))
    if ref is None or published is None:
        return None
    arxiv_id, version, _ = ref
    updated = _date(entry.get("updated_parsed")) or published
    terms = [str(tag.get("term")) for tag in entry.get("tags", []) if tag.get("term")]
    primary = str((entry.get("arxiv_primary_category") or {}).get("term") or (terms[0] if terms else ""))
    categories = [primary] if primary else []
    categories += [t for t in dict.fromkeys(terms) if t != primary]
    return ArxivRecord(
        id=arxiv_id,
        version=version,
        title=normalise_space(str(entry.get("title", ""))),
        abstract=normalise_space(str(entry.get("summary", ""))),
        authors=[normalise_space(str(a.get("name", ""))) for a in entry.get("authors", []) if a.get("name")],
        published=published,
        updated=updated,
        primary_category=primary,
        categories=categories,
        comments=normalise_space(str(entry.get("arxiv_comment", ""))),
        journal_ref=normalise_space(str(entry.get("arxiv_journal_ref", ""))),
        doi=normalise_space(str(entry.get("arxiv_doi", ""))),
    )
