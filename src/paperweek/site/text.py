"""Stored inline Markdown -> safe HTML or plain text; safe link targets; file-name slugs.

Titles and summaries hold inline Markdown that may come from anywhere (a
hand-edited week file, an imported README). They are rendered with
markdown-it-py with raw HTML *disabled* and images off, so whatever they hold
comes out as escaped text plus a few inline elements (em, strong, code, a);
markdown-it's own link validation drops ``javascript:`` and similar targets.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from typing import Any

from paperweek.safetext import safe_url

# Characters that can start inline Markdown (or an entity); text without them is plain text.
_MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]<>&!~]")
_TAGS = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")
_SAFE_SCHEMES = {"http", "https", "mailto", "ftp"}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the text is shown as text. No images: they would load
    # from other sites, which the page's Content-Security-Policy forbids anyway.
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def inline_html(markdown: str) -> str:
    """Inline Markdown -> HTML that is safe to put inside an element."""
    text = _WS.sub(" ", markdown).strip()
    if not _MARKDOWN_CHARS.search(text):
        return html.escape(text, quote=False)
    rendered: str = _parser().renderInline(text)
    return rendered.strip()


def inline_text(markdown: str) -> str:
    """Inline Markdown -> the plain text a reader sees (for search, feed titles, SVG)."""
    text = _WS.sub(" ", markdown).strip()
    if not _MARKDOWN_CHARS.search(text):
        return text
    return html.unescape(_TAGS.sub("", inline_html(text)))


def safe_href(url: str) -> str | None:
    """A link target fit for ``href``: the one URL policy, ``safetext.safe_url``."""
    return safe_url(url)


def slug(name: str, taken: set[str] | None = None) -> str:
    """A file-name-safe slug (``[a-z0-9-]``) for a tag; unique within ``taken`` when given."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    if not base or base != re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"):
        # Non-ASCII, empty or shortened names get a short hash so different names stay apart.
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        base = f"{base}-{digest}" if base else f"tag-{digest}"
    result = base
    if taken is not None:
        n = 2
        while result in taken:
            result = f"{base}-{n}"
            n += 1
        taken.add(result)
    return result
