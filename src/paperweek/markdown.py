"""Inline Markdown: escaping untrusted text for table cells, reading cells back, and Markdown -> text.

A row of the log's table must never break, whatever a title or summary holds.
``escape`` turns plain text into Markdown that shows exactly that text;
``cell`` makes stored Markdown safe inside a table cell; ``split_row`` and
``parse_links_with_gaps`` read cells back (the inverse of ``cell`` and ``links_cell``).

This module is also the one owner of reading Markdown as text (``plain``,
``rough_plain``, ``strip_markup``, ``loose_text``) and of the block syntax
paperweek reads line by line (``ATX_HEADING``, ``FENCE``, ``atx_headings``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from paperweek.models import Link
from paperweek.safetext import safe_url

# Characters that would start Markdown or HTML markup inside a table cell.
_SPECIAL = set("\\`*_[]<>|~")
_WS = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text -> inline Markdown that renders as exactly that text, on one line."""
    text = _WS.sub(" ", text).strip()
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def _escape_unescaped(text: str, target: str) -> str:
    """Backslash-escape every unescaped occurrence of the single character ``target``."""
    if target not in text and not text.endswith("\\"):
        return text  # the common case, without a character loop
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i : i + 2])
            i += 2
            continue
        out.append("\\" + ch if ch == target else ch)
        i += 1
    if out and out[-1] == "\\":
        out[-1] = "\\\\"
    return "".join(out)


def _count_unescaped(text: str, target: str) -> int:
    if target not in text:
        return 0
    count = 0
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            count += 1
            i += len(target)
            continue
        i += 1
    return count


def cell(markdown: str) -> str:
    """Stored inline Markdown -> text that cannot break a table row.

    Newlines become spaces, unescaped ``|`` become ``\\|``, a trailing
    lone backslash is doubled, and a link to an unsafe URL is no link (``unlink_unsafe``).
    """
    one_line = _WS.sub(" ", markdown).strip()
    return _escape_unescaped(unlink_unsafe(one_line), "|")


# "](destination" of an inline link or image: <...> or up to the first space or unbalanced ")"
_DESTINATION = re.compile(r"(?<!\\)\]\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)")


def unlink_unsafe(markdown: str) -> str:
    """Inline Markdown in which a link or image whose URL fails ``safe_url`` (``javascript:``,
    ``&#106;avascript:`` ...) is plain text: its ``](`` is escaped, so no renderer makes a link."""
    if "](" not in markdown:
        return markdown

    def fix(m: re.Match[str]) -> str:
        target = m.group(1).strip("<>")
        return m.group(0) if safe_url(target) is not None or not target else "\\" + m.group(0)

    return _DESTINATION.sub(fix, markdown)


def title_cell(markdown: str) -> str:
    """A title inside ``**...**``: as ``cell``, and no unescaped ``*`` may end the bold early."""
    return _escape_unescaped(cell(markdown), "*")


def summary_cell(markdown: str) -> str:
    """A summary: as ``cell``; a stray (unpaired) ``**`` is escaped so it cannot run on."""
    text = cell(markdown)
    if _count_unescaped(text, "**") % 2:
        text = _escape_unescaped(text, "*")
    return text


def label_text(label: str) -> str:
    """A link label: brackets, pipes and backslashes escaped."""
    return "".join("\\" + ch if ch in "\\[]|" else ch for ch in _WS.sub(" ", label).strip())


def link_destination(url: str) -> str:
    """A URL as a Markdown link destination inside a table cell."""
    url = url.strip().replace(" ", "%20").replace("|", "%7C")
    depth = 0
    balanced = True
    for ch in url:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                balanced = False
                break
    if not balanced or depth != 0 or "<" in url or ">" in url:
        url = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return url


def links_cell(links: list[Link]) -> str:
    """``[Paper](url), [Repo](url)``; a link whose URL fails ``safe_url`` shows its label only."""
    return ", ".join(
        f"[{label_text(link.label)}]({link_destination(link.url)})" if safe_url(link.url) is not None
        else label_text(link.label)
        for link in links
    )


def split_row(line: str) -> list[str]:
    """Split a GFM table row into raw cell texts (escaped pipes stay escaped)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    if "\\" not in text:
        return [c.strip() for c in text.split("|")]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return [c.strip() for c in cells]


def unescape_label(label: str) -> str:
    """Inverse of ``label_text``."""
    return re.sub(r"\\([\\\[\]|])", r"\1", label)


def parse_links_with_gaps(text: str) -> tuple[list[Link], list[str]]:
    """The ``[label](url)`` links of a cell and the text around them.

    ``pieces`` has one more entry than ``links``: the text before the first
    link, between each pair, and after the last, exactly as written.
    """
    links: list[Link] = []
    pieces: list[str] = []
    rest: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        found = text.find("[", i)
        if found < 0:
            rest.append(text[i:])
            break
        if found > i:
            rest.append(text[i:found])  # plain text up to the next "[" in one piece
            i = found
        if text[i] == "[":
            end = _closing_bracket(text, i)
            if end is not None and end + 1 < n and text[end + 1] == "(":
                dest_end = _closing_paren(text, end + 1)
                if dest_end is not None:
                    label = unescape_label(text[i + 1 : end])
                    dest = text[end + 2 : dest_end].strip()
                    if dest.startswith("<") and dest.endswith(">"):
                        dest = dest[1:-1]
                    links.append(Link(label=label, url=dest.replace("\\|", "|")))
                    pieces.append("".join(rest))
                    rest = []
                    i = dest_end + 1
                    continue
        rest.append(text[i])
        i += 1
    pieces.append("".join(rest))
    return links, pieces


def _closing_bracket(text: str, start: int) -> int | None:
    close = text.find("]", start + 1)
    if close < 0:
        return None
    inner = text[start + 1 : close]
    if "[" not in inner and "\\" not in inner:
        return close  # the common case: no nesting, no escapes
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _closing_paren(text: str, start: int) -> int | None:
    close = text.find(")", start + 1)
    if close >= 0:
        inner = text[start + 1 : close]
        if "(" not in inner and "\\" not in inner and "<" not in inner:
            return close  # the common case: no nesting, no escapes, no <...>
    depth = 1  # the "(" at start; a ``<…>`` destination (CommonMark) may hold parentheses and spaces
    i = start + 1
    in_angle = i < len(text) and text[i] == "<"
    if in_angle:
        i += 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_angle:
            if ch == ">":
                in_angle = False
            i += 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def find_closing_bold(text: str, start: int) -> int | None:
    """Index of the unescaped ``**`` that closes a bold span opened before ``start``."""
    if "\\" not in text:
        found = text.find("**", start)
        return None if found < 0 else found
    i = start
    while i < len(text) - 1:
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith("**", i):
            return i
        i += 1
    return None


# --- Markdown -> text ----------------------------------------------------------

# A text holding none of these characters reads the same as Markdown and as plain text.
_MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]<>&~!]")
_ROUGH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ROUGH_LINK = re.compile(r"\[([^\[\]]*)\]\([^)]*\)")  # no "[" in the label: linear on "[[[["
_ROUGH_EMPHASIS = re.compile(r"\*\*|(?<![\\\w])__|__(?!\w)|`")
# An HTML tag or comment as CommonMark reads raw HTML (``a < b`` and ``<https://...>`` are no tags).
_ROUGH_TAG = re.compile(r"(?<!\\)(?:<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)", re.DOTALL)
_TAGS = re.compile(r"<[^<>]+>")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a character that can start inline Markdown or an entity
    (without one, it reads the same as Markdown and as plain text)."""
    return _MARKDOWN_CHARS.search(text) is not None


@lru_cache(maxsize=2)
def parser(*, html: bool) -> Any:
    """markdown-it-py's CommonMark parser (imported here, on first use: it is a heavy import).

    ``html=False`` is the site's: raw HTML is read as text and images are off (they would
    load from other sites, which the page's Content-Security-Policy forbids anyway).
    """
    from markdown_it import MarkdownIt

    if html:
        return MarkdownIt("commonmark")
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def plain(markdown: str, *, html: bool = True) -> str:
    """The text a reader sees when ``markdown`` (inline Markdown) is rendered, on one line.

    Exact: markdown-it-py reads escapes, emphasis, code spans, links and entities as a
    renderer does; text with no Markdown syntax at all skips the parser. ``html=True``
    reads raw HTML as markup (dropped), as GitHub shows the README and exports want it;
    ``html=False`` reads it as text and images as ``!`` plus a link, as the site shows
    them (its renderer has raw HTML and images off), so the site's search and feed text
    match its pages.
    """
    if not markdown:
        return ""
    if not has_markup(markdown):
        return _WS.sub(" ", markdown).strip()
    # The site renders text with its whitespace collapsed first (site.text.inline_html): read it so.
    source = markdown if html else _WS.sub(" ", markdown).strip()
    out: list[str] = []
    for block in parser(html=html).parseInline(source, {}):
        for token in block.children or ():
            if token.type in ("text", "code_inline", "image"):
                out.append(token.content)  # an image's content is its alt text
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return _WS.sub(" ", "".join(out)).strip()


def rough_plain(markdown: str) -> str:
    """A fast plain-text approximation: link targets, HTML tags, ``**``, ``__``, backticks and
    backslash escapes removed; no parser is imported.

    Not ``plain`` on purpose: search snippets are cut out of the middle of a text (an
    unpaired ``**`` must still go, a parser would keep it), and heading anchors, row ids,
    title comparison and the rankers read every text of a log, where importing and running
    a parser would cost more than these uses need.
    """
    if not has_markup(markdown):
        return markdown
    text = _ROUGH_LINK.sub(r"\1", markdown)
    if "<" in text:
        text = _ROUGH_TAG.sub("", text)
    text = _ROUGH_EMPHASIS.sub("", text)
    return _ROUGH_ESCAPE.sub(r"\1", text)


def strip_markup(markdown: str) -> str:
    """Inline Markdown with its link syntax, paired emphasis and HTML tags removed, escapes kept.

    Not text: import stores an item's title, summary and topics as Markdown, so the
    backslash escapes that keep them reading the same must stay (``plain`` and
    ``rough_plain`` remove them). Whitespace is collapsed to single spaces.
    """
    text = markdown
    if "](" in text:
        out: list[str] = []
        links, pieces = parse_links_with_gaps(text)
        for i, piece in enumerate(pieces):
            out.append(piece)
            if i < len(links):
                out.append(unescape_label(links[i].label))
        text = "".join(out)
    if "<" in text:
        text = _TAGS.sub("", text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(r"\2", text)
        text = _ITALIC.sub(r"\1", text)
    return " ".join(text.split())


def loose_text(markdown: str) -> str:
    """A text compared loosely (a row's title against arXiv's): ``rough_plain``, NFKC, lower case,
    punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", rough_plain(markdown)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


# --- block syntax read line by line --------------------------------------------

# An ATX heading (CommonMark 4.2): up to 3 spaces, 1-6 ``#``, then the text (none for an
# empty heading) and an optional closing run of ``#``.
# The text is everything after the hashes; ``heading_text`` drops the closing sequence. (A lazy text
# followed by an optional closing ``[ \t]+#+`` took quadratic time on a heading of 40,000 spaces.)
ATX_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*)|[ \t]*)$")
# The opening or closing line of a fenced code block (CommonMark 4.5).
FENCE = re.compile(r"^ {0,3}(```|~~~)")


def heading_text(match: re.Match[str]) -> str:
    """The text of an ``ATX_HEADING`` match (``""`` for an empty heading), without its closing
    sequence of ``#`` (one preceded by a blank) and trailing blanks."""
    text = (match.group("text") or "").rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare and bare[-1] in " \t":
        text = bare.rstrip(" \t")
    return text


def atx_headings(text: str) -> list[str]:
    """The text of the ATX headings in raw Markdown, in order, outside fenced code."""
    out = []
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = ATX_HEADING.match(line)
        if match:
            out.append(heading_text(match))
    return out


def opaque_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside code fences or HTML comments (``<!-- ... -->``): a reader sees
    neither as headings or rows, so a week written there is hidden, not published."""
    out: set[int] = set()
    fenced = comment = False
    for i, line in enumerate(lines):
        if not comment and FENCE.match(line):
            fenced = not fenced
            out.add(i)
            continue
        if fenced:
            out.add(i)
            continue
        touched = comment
        pos = 0
        while True:
            mark = line.find("-->" if comment else "<!--", pos)
            if mark < 0:
                break
            touched = True
            comment = not comment
            pos = mark + 3
        if touched:
            out.add(i)
    return out
