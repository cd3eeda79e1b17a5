"""arXiv API answers (Atom 1.0) -> plain records. Pure: no I/O.

Read with the standard library's ElementTree: the API speaks one well-specified
Atom dialect (Atom 1.0 + OpenSearch + the ``arxiv:`` extension elements
``comment``, ``journal_ref``, ``doi``, ``primary_category``), so a general feed
library buys nothing (measured: benchmarks/atom_parse_bench.py). Expat resolves
no external entities and caps entity amplification. An answer that is not well-formed XML (cut
short, an HTML error page) raises ``MalformedFeed``; the API's ``Error``
entries (a malformed id) come back as ``Feed.errors``.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from paperweek.ids import parse_arxiv_ref
from paperweek.models import ArxivRecord
from paperweek.safetext import clean

_WS = re.compile(r"\s+")


class MalformedFeed(Exception):
    """The answer is not a well-formed Atom feed."""


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


_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def _text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    return normalise_space("".join(child.itertext())) if child is not None else ""


def _date(value: str) -> dt.date | None:
    """An RFC 3339 timestamp (``2024-04-17T17:59:59Z``) -> its UTC date."""
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC)
    return stamp.date()


def parse_feed(body: bytes | str) -> Feed:
    """Parse one API answer. Raises ``MalformedFeed`` when it is not a well-formed Atom feed."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MalformedFeed(f"not well-formed XML ({exc})") from None
    if root.tag != f"{_ATOM}feed":
        raise MalformedFeed("not an Atom feed")
    feed = Feed()
    total = _text(root, f"{_OPENSEARCH}totalResults")
    if total.isdigit():
        feed.total_results = int(total)
    for entry in root.iterfind(f"{_ATOM}entry"):
        entry_id = _text(entry, f"{_ATOM}id")
        if "/api/errors" in entry_id or _text(entry, f"{_ATOM}title") == "Error":
            message = _text(entry, f"{_ATOM}summary") or "the arXiv API reported an error"
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


def _record(entry: ET.Element) -> ArxivRecord | None:
    ref = parse_arxiv_ref(_text(entry, f"{_ATOM}id"))
    published = _date(_text(entry, f"{_ATOM}published"))
    if ref is None or published is None:
        return None
    arxiv_id, version, _ = ref
    updated = _date(_text(entry, f"{_ATOM}updated")) or published
    terms = [str(tag.get("term")) for tag in entry.iterfind(f"{_ATOM}category") if tag.get("term")]
    primary_element = entry.find(f"{_ARXIV}primary_category")
    primary = str(primary_element.get("term") or "") if primary_element is not None else ""
    primary = primary or (terms[0] if terms else "")
    categories = [primary] if primary else []
    categories += [t for t in dict.fromkeys(terms) if t != primary]
    authors = [_text(author, f"{_ATOM}name") for author in entry.iterfind(f"{_ATOM}author")]
    return ArxivRecord(
        id=arxiv_id,
        version=version,
        title=_text(entry, f"{_ATOM}title"),
        abstract=_text(entry, f"{_ATOM}summary"),
        authors=[name for name in authors if name],
        published=published,
        updated=updated,
        primary_category=primary,
        categories=categories,
        comments=_text(entry, f"{_ARXIV}comment"),
        journal_ref=_text(entry, f"{_ARXIV}journal_ref"),
        doi=_text(entry, f"{_ARXIV}doi"),
    )
