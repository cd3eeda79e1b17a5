"""What an imported list calls itself: the title and intro its site and feed show.

A list whose top is not in the seed's shape keeps that top verbatim in the README; its site and
feed still need a title and a description. They are taken from the list's own first heading and
its first paragraph of prose, never from paperweek's defaults (another curator's words).
"""

from __future__ import annotations

import re

from paperweek import markdown as md

_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_PROSE = re.compile(r"^ {0,3}\w")  # a paragraph of text, not a list, table, badge, image or HTML block


def title_and_intro(preamble: str) -> tuple[str | None, str]:
    """The list's title (the text of its first level-1 heading; None without one) and its intro (the
    first paragraph of prose after that heading, as written; empty when there is none)."""
    lines = preamble.splitlines()
    fenced = False
    for i, line in enumerate(lines):
        if md.FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = md.ATX_HEADING.match(line)
        if match and len(match.group("hashes")) == 1:
            return _title(md.heading_text(match)), _first_prose(lines[i + 1 :])
        if line.strip() and i + 1 < len(lines) and _SETEXT_H1.match(lines[i + 1]):
            return _title(line), _first_prose(lines[i + 2 :])
    return None, ""


def _title(text: str) -> str | None:
    plain = " ".join(md.rough_plain(text).split())
    return plain or None


def _first_prose(lines: list[str]) -> str:
    paragraph: list[str] = []
    for line in lines:
        if md.FENCE.match(line) or md.ATX_HEADING.match(line):
            if paragraph:
                break
            return ""  # the next heading or code comes before any prose
        if line.strip():
            paragraph.append(line.strip())
            continue
        if paragraph and _PROSE.match(paragraph[0]):
            break
        paragraph = []
    return " ".join(paragraph) if paragraph and _PROSE.match(paragraph[0]) else ""
