"""``paperweek digest``: one week of the log as a newsletter, in Markdown or e-mail HTML.

The HTML digest is a whole document with inline CSS and tables for layout,
the form mail clients render reliably. Titles and summaries are the stored
inline Markdown, rendered with raw HTML disabled; every other text is escaped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from paperweek import markdown as md
from paperweek.errors import InputError
from paperweek.ids import format_date, parse_date, resolve_week
from paperweek.models import Week

if TYPE_CHECKING:
    from paperweek.site.views import PaperView, SiteSettings, WeekView
    from paperweek.store import Log

FORMATS = ("md", "html")
LINK_STYLE = "color:#1f4e8c; text-decoration:underline;"
_BLOCK_START = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d+[.)]\s|=+$|-+$|\[[^\]]*\]:)")  # ...or a link definition
# An unescaped "<" that does not open an autolink (<https://...>): raw HTML, to be shown as text.
_RAW_HTML = re.compile(r"(?<!\\)((?:\\\\)*)<(?!https?://[^\s<>]*>)")


def _no_raw_html(markdown: str) -> str:
    """Escape raw HTML in stored Markdown so a renderer shows it as text, as the website does."""
    return _RAW_HTML.sub(lambda m: m.group(1) + "\\<", markdown)


def find_week(log: Log, text: str) -> Week:
    """The logged week named by ``latest``, ``this``, ``last`` or a date inside it."""
    weeks = log.weeks
    lowered = text.strip().lower()
    if lowered in ("latest", "newest"):
        if not weeks:
            raise InputError(f"{log.root}: the log has no weeks yet; add papers first")
        return weeks[0]
    from paperweek.config import today

    try:
        if lowered in ("this", "current", "today", "last", "previous"):
            day = resolve_week(lowered, today(), log.config.week_start)
        else:
            day = parse_date(text)
    except ValueError as exc:
        raise InputError(f"--week {text!r}: {exc}; or use this, last or latest") from exc
    for week in weeks:
        if week.start <= day <= week.last_day:
            return week
    newest = f"; the newest logged week starts {weeks[0].start.isoformat()}" if weeks else ""
    raise InputError(f"--week {text!r}: no logged week holds {format_date(day)}{newest}")


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


def _md_paper(p: PaperView) -> dict[str, Any]:
    meta = []
    if p.released_text:
        meta.append(f"Released {p.released_text}")
    if p.authors_text:
        meta.append(md.escape(p.authors_text))
    links = [f"[{md.label_text(link.label)}]({md.link_destination(link.href)})" for link in p.links if link.href]
    return {
        "number": p.number,
        "title": _heading(p.paper.title if p.paper.title else (p.paper.raw or "")),
        "summary": _paragraph(p.paper.summary) if p.paper.summary.strip() else "",
        "meta": " · ".join(meta),
        "links": " · ".join(links),
        "tags": ", ".join(md.escape(t.name) for t in p.tags),
    }


def _styled(html_text: Any) -> Any:
    """Rendered inline Markdown with inline CSS on its links (raw HTML is off, so every <a is ours)."""
    from markupsafe import Markup

    return Markup(str(html_text).replace("<a href=", f'<a style="{LINK_STYLE}" href='))


def render_digest(log: Log, week: Week, fmt: str, base_url: str | None = None) -> str:
    """The digest text of ``week`` in ``fmt`` (``md`` or ``html``)."""
    from paperweek.site.builder import environment
    from paperweek.site.views import build_views, site_settings

    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    settings: SiteSettings = site_settings(log.config, base_url)
    view: WeekView = build_views(log.config, [week]).weeks[0]
    env = environment()
    base = settings.base_url or ""
    context: dict[str, Any] = {
        "site": settings,
        "title": settings.title,
        "week": view,
        "count_text": _count_text(len(view.papers)),
        "base": base,
        "web_url": base + view.url if base else "",
    }
    if fmt == "md":
        context["title"] = md.escape(settings.title)
        context["label"] = _heading(view.label)  # a week's heading is stored Markdown: same policy as titles
        context["papers"] = [_md_paper(p) for p in view.papers]
        text: str = env.get_template("digest.md.j2").render(**context)
    else:
        context["styled"] = _styled
        text = env.get_template("digest.html.j2").render(**context)
    return text.rstrip("\n") + "\n"
