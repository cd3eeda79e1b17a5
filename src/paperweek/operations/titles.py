"""Titles compared loosely: ``refresh`` notes a title that differs from arXiv's, ``check --online``
reports a row whose arXiv link points at a paper with another title."""

from __future__ import annotations

import difflib
import re
import unicodedata


def titles_match(row_title: str, arxiv_title: str) -> bool:
    """Loose: same words once Markdown, punctuation and case are gone; a shortened title still matches."""
    a, b = plain_title(row_title), plain_title(arxiv_title)
    if not a or not b or a == b or a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def plain_title(markdown: str) -> str:
    """A title compared loosely: no Markdown escapes or emphasis, no punctuation, lower case."""
    text = re.sub(r"\\(.)", r"\1", markdown)
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())
