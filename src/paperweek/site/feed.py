"""The Atom feed (RFC 4287) of the latest weeks, written with feedgen.

One entry per week, newest first; its content is the week's papers as HTML.
Times are derived from the data (a week's start and its papers' release
dates), never from the clock, so building twice gives the same file.
Without a base URL, ids are name-based UUID URNs and links are relative to
the feed's own address (as RFC 4287 allows).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from paperweek.site.views import SiteSettings, WeekView

FEED_PATH = "feed.xml"


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _week_updated(week: WeekView) -> dt.datetime:
    days = [week.start] + [p.released for p in week.papers if p.released is not None]
    return _stamp(min(max(days), week.last_day))


def _id(settings: SiteSettings, path: str) -> str:
    if settings.base_url:
        return settings.base_url + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"paperweek:{settings.title}:{path}").urn


def build_feed(settings: SiteSettings, weeks: list[WeekView], env: Any, fallback_day: dt.date) -> bytes:
    """The feed document (UTF-8 XML) for the newest ``settings.feed_weeks`` weeks."""
    from feedgen.feed import FeedGenerator

    base = settings.base_url or ""
    chosen = weeks[: settings.feed_weeks] if settings.feed_weeks else list(weeks)
    fg = FeedGenerator()
    fg.id(_id(settings, ""))
    fg.title(settings.title)
    if settings.description:
        fg.subtitle(settings.description)
    fg.author({"name": settings.author or settings.title})
    fg.link(href=base + "index.html", rel="alternate", type="text/html")
    fg.link(href=base + FEED_PATH, rel="self", type="application/atom+xml")
    fg.language(settings.language)
    fg.generator("paperweek")
    updated = max((_week_updated(w) for w in chosen), default=_stamp(fallback_day))
    fg.updated(updated)
    template = env.get_template("feed_entry.html.j2")
    for week in chosen:
        entry = fg.add_entry(order="append")
        entry.id(_id(settings, week.url))
        entry.title(week.label)
        entry.link(href=base + week.url, rel="alternate", type="text/html")
        stamp = _week_updated(week)
        entry.published(_stamp(week.start))
        entry.updated(stamp)
        count = len(week.papers)
        entry.summary(f"{count} paper{'s' if count != 1 else ''}: " + "; ".join(p.title_text for p in week.papers)[:500])
        entry.content(template.render(week=week, base=base), type="html")
    data: bytes = fg.atom_str(pretty=True)
    return data
