"""What is written like an item but is not a paper: the rules of the genre that keep it text.

A paper item carries a link to a paper, or reads as a title. A table row whose cells are only
counts, dates, file names or placeholders (``| LLM | 50 |``, ``| 2026-09-30 | 0 篇 | [2026-09-30.md](…) |``,
``| TBD | TBD | TBD | Ann |``), a two-column table of bold keys and their values (the fields of one
record), and a list item whose links only point inside the repository by a path or an anchor
(a table of contents, a map of files) are kept as written, as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from paperweek import markdown as md
from paperweek.grammar import items as itemlib

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+(?=\s*%))?"  # 1,921 or 50 or 12.5%; never a dotted date (10.5)
_COUNT = re.compile(rf"^{_NUM}(?:\s+/\s+{_NUM})*\s*(?:%|篇|个|条|项|papers?|items?|entries)?$", re.IGNORECASE)
_PLACEHOLDER = frozenset(("tbd", "tba", "tbc", "todo", "n/a", "na", "-", "—", "–", "?", "...", "…", "none"))
_PATH = re.compile(r"^`?[\w./~-]*[./][\w./~-]*`?$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _plain(cell: str) -> str:
    return md.strip_markup(itemlib.as_markdown_links(cell)).strip()


def _short(cell: str) -> bool:
    """A label or a figure, not a title: a few words (``Pending / Screened / Error``)."""
    return min(len(cell.split()), len(re.findall(r"\w+", cell))) <= 4 and len(cell) <= 48


def _count(cell: str, counting: bool = False) -> bool:
    """A count (``50``, ``0 篇``, ``553 / 580``); a number that reads as a year (``2019``) only in a table
    of counts (``counting``)."""
    bare = cell.strip("*_ ")
    return _COUNT.match(bare) is not None and (counting or re.fullmatch(r"(?:19|20)\d\d", bare) is None)


def counts_table(rows: list[list[str]]) -> bool:
    """Whether a table's rows hold counts that cannot be years: then its year-like numbers are counts too."""
    return any(_count(_plain(cell)) for row in rows for cell in row)


def _local(url: str) -> bool:
    """A link inside the repository or the page (``daily/2026-09-30.md``, ``#generative-models``)."""
    return not _SCHEME.match(url) and not url.startswith("//")


def is_data_row(item: itemlib.Item, counting: Callable[[], bool] = lambda: False) -> bool:
    """A table row that holds no paper: no link to a paper, and a placeholder title, or short cells only with
    a count or a file link among them (``counting``: whether the table's year-like numbers are counts)."""
    if any(itemlib.is_paper_url(link.url) for link in item.links):
        return False
    title = md.strip_markup(item.title).strip().lower()
    if title not in _PLACEHOLDER and not _short(title):
        return False  # a title: most rows stop here
    remote = [link for link in item.links if not _local(link.url)]
    if remote or any(itemlib.is_paper_url(url) for url in itemlib.urls_in(item.text)):
        return False
    if title in _PLACEHOLDER:
        return True
    cells = [c for c in (_plain(raw) for raw in md.split_row(item.text.strip())) if c]
    if not cells or not all(_short(c) for c in cells):
        return False
    return bool(item.links) or any(_count(c) for c in cells) or (counting() and any(_count(c, True) for c in cells))


def is_field_table(rows: list[list[str]]) -> bool:
    """Two columns of bold keys and their values (``| **Authors** | A, B |``): the fields of one record."""
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return False
    keys = [row[0].strip() for row in rows]
    return len(set(keys)) == len(keys) and all(
        re.fullmatch(r"(\*\*|__)[^*_]{1,30}\1", key) and _short(md.strip_markup(key)) for key in keys)


def is_nav_item(text: str) -> bool:
    """A list item whose links all point inside the repository by their path or the page by an anchor
    (``* [**Topic**](#topic)``, ``- Map: [`docs/map.md`](docs/map.md)``), with no bare URL: navigation."""
    links, _ = md.parse_links_with_gaps(itemlib.as_markdown_links(text))
    if not links or len(itemlib.urls_in(text)) > len(links):
        return False
    return all(_local(link.url) and not itemlib.is_paper_url(link.url) and (
        link.url.startswith("#") or _PATH.match(md.strip_markup(link.label).strip()) is not None) for link in links)
