"""``paperweek digest``: one period (week, day or month) of the log as a newsletter, in Markdown or e-mail HTML.

The HTML digest is a whole document with inline CSS and tables for layout,
the form mail clients render reliably, opening with a hidden preheader (the
line inboxes show beside the subject). Titles and summaries are the stored
inline Markdown, rendered with raw HTML disabled; every other text is escaped.
An editor's note (``--intro`` or the week file's ``intro``) opens the digest.
Each title links to the paper's anchor on the website when its address is
known, else to the paper itself; a web item's link is labelled as what it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from paperweek import markdown as md
from paperweek.config import SiteSettings
from paperweek.errors import Param, ParamError
from paperweek.markdown import plain
from paperweek.models import Week
from paperweek.periods import PeriodNouns
from paperweek.render.headings import week_label
from paperweek.site.builder import environment
from paperweek.site.views import PaperView, WeekView, build_views, shorten, site_settings
from paperweek.store import Log

FORMATS = ("md", "html")
LINK_STYLE = "color:#1f4e8c; text-decoration:underline;"
_BLOCK_START = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d+[.)]\s|=+$|-+$|\[[^\]]*\]:)")  # ...or a link definition
# An unescaped "<" that does not open an autolink (<https://...>): raw HTML, to be shown as text.
_RAW_HTML = re.compile(r"(?<!\\)((?:\\\\)*)<(?!https?://[^\s<>]*>)")


def _no_raw_html(markdown: str) -> str:
    """Escape raw HTML in stored Markdown so a renderer shows it as text, as the website does."""
    return _RAW_HTML.sub(lambda m: m.group(1) + "\\<", markdown)


WEB_LABELS = {"post": "Blog post", "page": "Web page"}
PREHEADER_LENGTH = 140
INTRO = Param("intro")


def week_name(log: Log, week: Week) -> str:
    """The week as the digest and its messages name it: its index label."""
    return week_label(log.config, week)


def read_intro(value: str) -> str:
    """``--intro TEXT|FILE``: the file's text when ``value`` names a file, else ``value`` itself."""
    text = value.strip()
    path = Path(text).expanduser() if text and "\n" not in text and len(text) < 1024 else None
    if path is not None and path.is_file():
        try:
            return path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ParamError(INTRO, f" {value}: cannot read it as UTF-8 text ({exc})") from exc
    if path is not None and " " not in text and re.search(r"\.(md|markdown|txt)$", text, re.IGNORECASE):
        raise ParamError(INTRO, f" {value}: no such file; give an existing file or the note's text itself")
    return text


def heading_text(site_title: str, label: str) -> str:
    """The digest's title: the week's label, after the site's title unless the label already says it."""
    if not site_title.strip() or site_title.strip().casefold() in label.casefold():
        return label
    return f"{site_title}: {label}"


def _count_text(n: int) -> str:
    return f"{n} paper" if n == 1 else f"{n} papers"


def _paragraph(markdown: str) -> str:
    """Inline Markdown on one line that cannot start a block (heading, list, quote) of its own."""
    text = _no_raw_html(md.cell(markdown))
    return "\\" + text if _BLOCK_START.match(text) else text


def _heading(markdown: str) -> str:
    """Inline Markdown for an ATX heading: a trailing ``#`` would be eaten as a closing sequence."""
    text = _no_raw_html(md.cell(markdown))
    return text[:-1] + "\\#" if text.endswith("#") and not text.endswith("\\#") else text


def link_label(p: PaperView, label: str) -> str:
    """A link's label; a web item's "Paper" link says what it is (a blog post is not a paper)."""
    kind = p.paper.web_kind
    return WEB_LABELS[kind] if kind and label.strip().lower() == "paper" else label


def title_href(p: PaperView, base: str) -> str | None:
    """Where a title links: the paper's anchor on the site when its address is known, else the paper."""
    return base + p.url if base else p.href


def _md_paper(p: PaperView, base: str) -> dict[str, Any]:
    meta = []
    if p.released_text:
        meta.append(f"Released {p.released_text}")
    if p.authors_text:
        meta.append(md.escape(p.authors_text))
    links = [
        f"[{md.label_text(link_label(p, link.label))}]({md.link_destination(link.href)})" for link in p.links if link.href
    ]
    title = _heading(p.paper.title if p.paper.title else (p.paper.raw or ""))
    href = title_href(p, base)
    if href and "<a " not in str(p.title_html):
        title = f"[{title}]({md.link_destination(href)})"
    return {
        "number": p.number,
        "title": title,
        "summary": _paragraph(p.paper.summary) if p.paper.summary.strip() else "",
        "meta": " · ".join(meta),
        "links": " · ".join(links),
        "tags": ", ".join(md.escape(t.name) for t in p.tags),
    }


def _styled(html_text: Any) -> Any:
    """Rendered inline Markdown with inline CSS on its links (raw HTML is off, so every <a is ours)."""
    from markupsafe import Markup

    return Markup(str(html_text).replace("<a href=", f'<a style="{LINK_STYLE}" href='))


def _preheader(intro: str, view: WeekView, text: str | None, words: PeriodNouns) -> str:
    if text is not None and text.strip():
        return shorten(text, PREHEADER_LENGTH)
    if intro:
        return shorten(plain(intro, html=False), PREHEADER_LENGTH)
    titles = "; ".join(p.title_text for p in view.papers)  # the subject line already names the week
    return shorten(f"{_count_text(len(view.papers))}: {titles}" if titles else f"No papers this {words.one}.", PREHEADER_LENGTH)


def _intro_html(intro: str) -> Any:
    """The editor's note as e-mail HTML: Markdown blocks, raw HTML off, inline CSS on paragraphs and links."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    rendered = MarkdownIt("commonmark", {"html": False}).disable("image").render(intro)
    rendered = rendered.replace("<p>", '<p style="margin:0 0 10px 0;">')
    return _styled(Markup(rendered))


def render_digest(
    log: Log,
    week: Week,
    fmt: str,
    base_url: str | None = None,
    intro: str | None = None,
    preheader: str | None = None,
) -> str:
    """The digest text of ``week`` in ``fmt`` (``md`` or ``html``).

    ``intro``: the editor's note (Markdown), else the week file's ``intro``;
    ``preheader``: the inbox preview line of the HTML digest (default: made from the note or the titles).
    """
    if fmt not in FORMATS:
        raise ParamError(Param("format"), f" {fmt!r}: use one of {', '.join(FORMATS)}")
    settings: SiteSettings = site_settings(log.config, base_url)
    views = build_views(log.config, [week], settings.page_papers)
    view: WeekView = views.weeks[0]  # links name the paper's page
    env = environment()
    base = settings.base_url or ""
    note = md.unlink_unsafe((intro if intro is not None else week.intro).strip())  # the one URL policy
    heading = heading_text(settings.title or "", view.label)
    context: dict[str, Any] = {
        "site": settings,
        "heading": heading,
        "show_site": heading != view.label,  # the label does not already name the site
        "week": view,
        "nouns": views.nouns,  # "No papers were logged this day"
        "count_text": _count_text(len(view.papers)),
        "base": base,
        "web_url": base + view.url if base else "",
        "link_label": link_label,
        "title_href": title_href,
    }
    if fmt == "md":
        # the site's title is text, a week's heading stored Markdown (same policy as titles)
        label = _heading(view.label)
        context["heading"] = label if heading == view.label else f"{md.escape(settings.title or '')}: {label}"
        context["intro"] = _no_raw_html(note)
        context["papers"] = [_md_paper(p, base) for p in view.papers]
        text: str = env.get_template("digest.md.j2").render(**context)
    else:
        context["styled"] = _styled
        context["intro_html"] = _intro_html(note) if note else ""
        context["preheader"] = _preheader(note, view, preheader, views.nouns)
        text = env.get_template("digest.html.j2").render(**context)
    return text.rstrip("\n") + "\n"
