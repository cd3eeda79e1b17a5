"""Inline Markdown (as stored in titles and summaries) -> plain text.

Exports and search results show text, not Markdown: ``\\*Many\\* **shots**``
becomes ``*Many* shots``. ``plain`` uses markdown-it-py (a CommonMark parser)
so escapes, emphasis, code spans, links and entities are read exactly as a
Markdown renderer reads them; text with no Markdown syntax at all skips the
parser. ``rough_plain`` is a fast approximation for display snippets, which
are cut out of the middle of a text and cannot be parsed as a whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A text holding none of these characters reads the same as Markdown and as plain text.
_MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]<>&~!]")
_WS = re.compile(r"\s+")
_ROUGH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ROUGH_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ROUGH_EMPHASIS = re.compile(r"\*\*|(?<![\\\w])__|__(?!\w)|`")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def plain(markdown: str) -> str:
    """The text a reader sees when ``markdown`` (inline Markdown) is rendered, on one line."""
    if not markdown:
        return ""
    if not _MARKDOWN_CHARS.search(markdown):
        return _WS.sub(" ", markdown).strip()
    out: list[str] = []
    for block in _parser().parseInline(markdown, {}):
        for token in block.children or ():
            if token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif token.type == "image":
                out.append(token.content)
    return _WS.sub(" ", "".join(out)).strip()


def rough_plain(markdown: str) -> str:
    """A quick plain-text approximation (escapes, ``**``, backticks and link targets removed)."""
    text = _ROUGH_LINK.sub(r"\1", markdown)
    text = _ROUGH_EMPHASIS.sub("", text)
    return _ROUGH_ESCAPE.sub(r"\1", text)
