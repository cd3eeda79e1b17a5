"""Structure learned per document: what a list's own repeated structure says about its items.

The importer (``genre``) asks here which column of a table is its date and which its title
(the column that varies like titles, not the one a header word named), whether a block's links
repeat like labels (so each item's title is the text before them), and whether a line that is
not a heading is a date that starts a period. Nothing here names a list: each rule reads the
document at hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from paperweek import markdown as md
from paperweek.errors import InputError
from paperweek.grammar import items as itemlib
from paperweek.grammar.dates import Found, blank_markup, find_period
from paperweek.grammar.titles import clean_title
from paperweek.grammar.when import find_when
from paperweek.tags import normalize_tag

_TAG = re.compile(r"<[^>]+>")


def date_line(line: str, order: str | None) -> Found | None:
    """The period a line names when the line is only a date (``<b>2022-05-29</b><br>``,
    ``<span class="date">March 4-10, 2025</span>``): not a list item, a table row or a link."""
    if "|" in line or "](" in line or "href" in line.lower() or itemlib.list_marker(line):
        return None
    plain = md.strip_markup(_TAG.sub(" ", line)).strip(" *_[]():")
    if not 4 <= len(plain) <= 40:
        return None
    found = find_period(plain, order)
    if found is None or not (found.has_year or found.iso_week):
        return None
    rest = blank_markup(plain)[: found.start] + blank_markup(plain)[found.end :]
    return found if not re.search(r"\w", rest) else None


_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<t>[^*_].*?)\1:?\s*$")


def bold_heading(line: str) -> str | None:
    """The text of a line that is only bold text (``**Top Papers of the Week (Jan 1-8):**``): a paragraph
    written as a heading, which can head a period as a heading does."""
    found = _BOLD_LINE.match(line)
    return found.group("t").rstrip(" :") if found else None


_FRONT_DATE = re.compile(r"^date\s*[:=]\s*[\"']?(?P<y>(?:19|20)\d\d)-\d\d-\d\d")


def front_matter_year(lines: list[str]) -> list[tuple[int, int]]:
    """The year of the date in a page's front matter (``+++`` TOML or ``---`` YAML: ``date = 2018-10-07``),
    as (its line, the year): the year of the dates written without one below it, as a year heading's."""
    if not lines or lines[0].strip() not in ("+++", "---"):
        return []
    fence = lines[0].strip()
    for k in range(1, min(len(lines), 200)):
        if lines[k].strip() == fence:
            return []
        found = _FRONT_DATE.match(lines[k].strip())
        if found:
            return [(k, int(found.group("y")))]
    return []


def learn_roles(roles: list[str], rows: list[list[str]], year: int | None, order: str | None) -> list[str]:
    """Learned per table from its rows: the column whose cells all read as dates is the date (``9/04/24``,
    ``09/18`` under a 2019 title), and the title is the column that varies like titles (many words, each
    row its own), not a column of dates, presenters or counters that a header word named."""
    roles = list(roles)
    if len(rows) < 2:
        return roles
    first_title = roles.index("title") if "title" in roles else -1
    roles = [("links" if r == "title" and k != first_title else r) for k, r in enumerate(roles)]
    columns = [[row[k] for row in rows if k < len(row) and row[k].strip()] for k in range(len(roles))]
    if "date" not in roles:
        for k, role in enumerate(roles):
            cells = columns[k]
            if role in ("other", "title") and len(cells) >= 2 and sum(
                1 for c in cells if find_when(c, year, order, whole=True)) >= 0.8 * len(cells):
                roles[k] = "date"
                break
    # titles are many words, each row its own, and usually the text of a link
    candidates = ("other", "title", "topics", "code", "links", "pdf")
    named = [[_named(c) for c in cells] if roles[k] in candidates else [] for k, cells in enumerate(columns)]
    linked = [sum(1 for n in names if n) / len(names) if names else 0.0 for names in named]
    score = [(1 + linked[k]) * (_title_score(cells) if roles[k] in ("other", "title", "topics")
                                else _title_score(named[k]) if roles[k] in ("code", "links", "pdf")
                                else 0.0)
             for k, cells in enumerate(columns)]
    best = max(range(len(roles)), key=lambda k: score[k])
    now = roles.index("title") if "title" in roles else -1
    if score[best] > 0 and (now < 0 or score[now] < 0.5 * score[best]):
        if now >= 0:
            roles[now] = "other"
        roles[best] = "title"
    for k, cells in enumerate(columns):  # ``| Refs. |`` of ``[PDF](…)`` cells: the paper's links, whatever the header
        if roles[k] == "other" and len(cells) >= 2 and sum(1 for c in cells if _labels_only(c)) >= 0.8 * len(cells):
            roles[k] = "links"
    return roles


def _labels_only(cell: str) -> bool:
    """A cell holding links whose texts are all labels (``[PDF](…) [Code](…)``)."""
    links, _ = md.parse_links_with_gaps(itemlib.as_markdown_links(cell))
    return bool(links) and all(itemlib.is_link_label(link.label) for link in links)


def _named(cell: str) -> str:
    """A links cell read for titles: the text of its first link that is not a label (``[Paper](…)``)."""
    links, _ = md.parse_links_with_gaps(itemlib.as_markdown_links(cell))
    return next((link.label for link in links if not itemlib.is_link_label(link.label)), "")


def _title_score(cells: list[str]) -> float:
    texts = [clean_title(c) for c in cells]
    if not texts:
        return 0.0
    words = sum(len(t.split()) for t in texts) / len(texts)
    return words * len(set(texts)) / len(texts)


def labels_repeat(items: list[itemlib.Item]) -> bool:
    """Learned per block: the items' first links repeat like labels (a presenter, ``:x:``, ``[pdf]``) while
    text comes before them, so that text is each item's title."""
    if len(items) < 3:
        return False
    labels = [it.links[0].label if it.links else "" for it in items]
    top = max(labels.count(label) for label in set(labels))
    leads = sum(1 for it in items if len(_before_link(it.text).split()) >= 2)
    return top >= 2 and len(set(labels)) <= len(items) * 0.5 and leads >= len(items) * 0.7


def _before_link(text: str) -> str:
    first = itemlib.list_marker(text.split("\n", 1)[0])
    body = first.group("body") if first else text
    return md.strip_markup(itemlib.as_markdown_links(body).split("](", 1)[0].rsplit("[", 1)[0])


def section_end(lines: list[str], opaque: set[int], i: int, end: int) -> int | None:
    """For a heading whose section (to the next heading) holds no list or table of items but a link to a
    paper: the line after the section's last text (the item); else None (a topic heading)."""
    heading = md.ATX_HEADING.match(lines[i])
    if heading is None or len(heading.group("hashes")) < 2 or len(md.heading_text(heading).split()) < 2:
        return None  # a document's title (#) or a one-word heading names a topic
    j = i + 1
    while j < end and not md.ATX_HEADING.match(lines[j]):
        if j in opaque or itemlib.is_pipe_line(lines[j]) or itemlib.leads_with_link(lines[j]) or (
                itemlib.list_marker(lines[j]) and itemlib.has_link(lines[j])) or "<details" in lines[j].lower():
            return None  # a section of items, not an item
        j += 1
    text = "\n".join(lines[i + 1 : j])
    if not any(itemlib.is_paper_url(url) for url in itemlib.urls_in(text)):
        return None
    entries = re.split(r"\n(?= {0,3}(?:[-*+]|\d{1,4}[.)])[ \t])", "\n" + text)
    if sum(1 for entry in entries if itemlib.list_marker(entry.lstrip("\n").split("\n", 1)[0]) and itemlib.urls_in(entry)) >= 2:
        return None  # entries of a list, each with its link (``- Paper: …`` / ``  Link: https://…``)
    while j > i + 1 and not lines[j - 1].strip():
        j -= 1
    return j


def tags(topic: str | None, topics: list[str]) -> list[str]:
    out: list[str] = []
    for text in ([topic] if topic else []) + topics:
        try:
            tag = normalize_tag(text)
        except InputError:  # text that cannot be a tag is simply not one
            continue
        if tag not in out:
            out.append(tag)
    return out


def paragraph_end(lines: list[str], opaque: set[int], i: int, end: int) -> int | None:
    """``[Title](url)`` on a line of its own, with the bullets below it (its notes): the line after the item
    when the link is a paper's or bullets follow it; else None (a line of text)."""
    j = last = i + 1
    while j < end and j not in opaque:
        nxt = lines[j]
        if not nxt.strip():
            j += 1
            continue
        sub = itemlib.list_marker(nxt)
        if sub is None and not nxt.startswith((" ", "\t")):
            break
        if sub is not None and itemlib.leads_with_link(sub.group("body")):
            break  # a list of linked items: items of their own
        j = last = j + 1
    if last == i + 1 and not itemlib.carries_paper_link(lines[i]) and not itemlib.is_paper_url(
            itemlib.first_url(lines[i])):
        return None
    return last


def card_end(lines: list[str], opaque: set[int], i: int, end: int) -> int | None:
    """``<h3>Title</h3>`` with a link a few lines below it, before the next heading: the line after the card."""
    for k in range(i + 1, min(end, i + 8)):
        if k in opaque or itemlib.html_heading(lines[k]) is not None or md.ATX_HEADING.match(lines[k]):
            return None
        if re.search(r"<a\s[^>]*href=[\"']?https?://", lines[k], re.IGNORECASE):
            return k + 1
    return None


_SUMMARY = re.compile(r"<summary[^>]*>(?P<s>.*?)</summary>", re.IGNORECASE | re.DOTALL)
_CUT = ("…", "...")


def full_titles(lines: list[str]) -> list[str]:
    """The titles a document writes in full elsewhere: its ``<summary>`` texts (``<b>1. Full Title</b>``),
    without their numbers, for the items that show a cut one."""
    out = []
    for found in _SUMMARY.finditer("\n".join(lines)):
        text = re.sub(r"^\s*\d{1,4}[.)]\s+", "", md.strip_markup(_TAG.sub(" ", found.group("s"))).strip())
        if text:
            out.append(text)
    return out


def uncut(title: str, full: list[str]) -> str:
    """A title cut short (``A Controlled C…``) in its full form, when the document writes exactly one."""
    if not title.endswith(_CUT):
        return title
    head = title.rstrip(".…").rstrip()
    if len(head) < 12:
        return title
    found = {t for t in full if t.startswith(head) and len(t) > len(head)}
    return found.pop() if len(found) == 1 else title


class _Items(Protocol):
    """A run of items (``genre._Block``)."""

    items: list[itemlib.Item]


def siblings(level: int, parts: Sequence[str | _Items]) -> list[Any]:
    """A heading as high as the period's own that names no period (``#### Other collections`` after the
    ``#### 2017-09`` periods) starts a section of its own: when its items link only other things than papers
    (blogs, repositories), it is a list of those, kept as text."""
    out: list[Any] = []
    section: list[Any] = []
    sibling = False
    for part in [*parts, "# end"]:
        heading = md.ATX_HEADING.match(part) if isinstance(part, str) and level else None
        if heading is not None and len(heading.group("hashes")) <= level:
            out += section if not sibling or _papers_or_none(section) else [
                line for b in section for line in ([b] if isinstance(b, str) else _written(b))]
            section, sibling = [], True
        section.append(part)
    return out + section[:-1]


def _papers_or_none(parts: list[Any]) -> bool:
    """Whether the items of a section link a paper, or nothing at all."""
    linked = False
    for block in parts:
        for item in [] if isinstance(block, str) else block.items:
            urls = [link.url for link in item.links] or itemlib.urls_in(item.text)
            if any(itemlib.is_paper_url(url) for url in urls):
                return True
            linked = linked or bool(urls)
    return not linked


def _written(block: _Items) -> list[str]:
    """A block's items as written, as lines of text."""
    return [line for it in block.items if not it.joined for line in it.text.split("\n")]
