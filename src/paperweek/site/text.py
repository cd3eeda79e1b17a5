"""Stored inline Markdown -> safe HTML; safe link targets.

Titles and summaries hold inline Markdown that may come from anywhere (a
hand-edited week file, an imported README). They are rendered with
markdown-it-py with raw HTML *disabled* and images off (``markdown.parser(html=False)``),
so whatever they hold comes out as escaped text plus a few inline elements (em,
strong, code, a); markdown-it's own link validation drops ``javascript:`` and
similar targets. The same text as plain text is ``markdown.plain(text, html=False)``.
"""

from __future__ import annotations

import html
import re

from paperweek import markdown as md
from paperweek.safetext import safe_url

_WS = re.compile(r"\s+")


def inline_html(markdown: str) -> str:
    """Inline Markdown -> HTML that is safe to put inside an element."""
    text = _WS.sub(" ", markdown).strip()
    if not md.has_markup(text):
        return html.escape(text, quote=False)
    rendered: str = md.parser(html=False).renderInline(text)
    return rendered.strip()


def safe_href(url: str) -> str | None:
    """A link target fit for ``href``: the one URL policy, ``safetext.safe_url``."""
    return safe_url(url)
