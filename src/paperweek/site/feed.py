"""The Atom feed (RFC 4287) of the latest weeks, written with feedgen.

One entry per week, newest first; its content is the week's papers as HTML,
each title linking to the paper's anchor on the week page.

* Ids are ``tag:`` URIs (RFC 4151) made from the log's identity and the week
  (``tag:paperweek,2024:reading-group/week/2024-04-15``), never from
  ``--base-url`` or the time of the build, so a build with other flags does
  not make every week new to feed readers. The identity is ``[site] id`` when
  set, else the slug of the site title.
* ``updated`` is when the week's content (title, papers, links, tags) last
  changed, read from git history (site/history.py); without history it falls
  back to the newest release date in the week.
* Entries carry the curator as author and the week's tags as categories.
* The week in progress (it holds today) is marked: its title ends with
  "(in progress)" and its content says more papers may come.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from paperweek.config import Config, SiteSettings
from paperweek.ids import tag_slug
from paperweek.models import Week
from paperweek.periods import NOUNS, PeriodNouns
from paperweek.site.views import WeekView, build_views

FEED_PATH = "feed.xml"
IN_PROGRESS = "(in progress)"


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def data_updated(week: WeekView) -> dt.datetime:
    """The fallback time of a week without git history: its newest release date (within the week)."""
    days = [week.start] + [p.released for p in week.papers if p.released is not None]
    return _stamp(min(max(days), week.last_day))


def feed_identity(settings: SiteSettings) -> str:
    """The feed's id: ``[site] id``, else a ``tag:`` URI from the site title."""
    if settings.id:
        return settings.id
    return f"tag:paperweek,2024:{tag_slug(settings.title or '')}"


def _entry_id(identity: str, week: WeekView) -> str:
    sep = "" if identity.endswith(("/", ":")) else "/"
    return f"{identity}{sep}week/{week.start.isoformat()}"


def fingerprint(config: Config, env: Any) -> Callable[[Week], str]:
    """Week -> a hash of what its feed entry shows (not the in-progress mark, which depends on the day)."""

    def of(week: Week) -> str:
        view = build_views(config, [week]).weeks[0]
        body = env.get_template("feed_entry.html.j2").render(week=view, base="", in_progress=False)
        tags = "\n".join(sorted({t.name for p in view.papers for t in p.tags}))
        return hashlib.sha256(f"{view.label}\n{tags}\n{body}".encode()).hexdigest()

    return of


def build_feed(
    settings: SiteSettings,
    weeks: list[WeekView],
    env: Any,
    fallback_day: dt.date,
    times: dict[dt.date, dt.datetime] | None = None,
    today: dt.date | None = None,
    words: PeriodNouns = NOUNS["week"],
) -> bytes:
    """The feed document (UTF-8 XML) for the newest ``settings.feed_weeks`` weeks.

    ``times``: week start -> when its content last changed (site/history.py);
    weeks missing there use their newest release date. ``words``: the log's period, as the
    in-progress note names it.
    """
    from feedgen.feed import FeedGenerator

    base = settings.base_url or ""
    times = times or {}
    chosen = weeks[: settings.feed_weeks] if settings.feed_weeks else list(weeks)
    identity = feed_identity(settings)
    curator = {"name": settings.author or settings.title}
    fg = FeedGenerator()
    fg.id(identity)
    fg.title(settings.title)
    if settings.description:
        fg.subtitle(settings.description)
    fg.author(curator)
    fg.link(href=base + "index.html", rel="alternate", type="text/html")
    fg.link(href=base + FEED_PATH, rel="self", type="application/atom+xml")
    fg.language(settings.language)
    fg.generator("paperweek")

    def updated(week: WeekView) -> dt.datetime:
        return max(times.get(week.start) or data_updated(week), _stamp(week.start))

    fg.updated(max((updated(w) for w in chosen), default=_stamp(fallback_day)))
    template = env.get_template("feed_entry.html.j2")
    for week in chosen:
        in_progress = today is not None and week.start <= today <= week.last_day
        entry = fg.add_entry(order="append")
        entry.id(_entry_id(identity, week))
        entry.title(f"{week.label} {IN_PROGRESS}" if in_progress else week.label)
        entry.link(href=base + week.url, rel="alternate", type="text/html")
        entry.published(_stamp(week.start))
        entry.updated(updated(week))
        entry.author(curator)
        tags = sorted({t.name: t for p in week.papers for t in p.tags}.values(), key=lambda t: t.name.lower())
        for tag in tags:
            entry.category(term=tag.name, label=tag.name, scheme=base + "tags/" if base else None)
        count = len(week.papers)
        entry.summary(f"{count} paper{'s' if count != 1 else ''}: " + "; ".join(p.title_text for p in week.papers)[:500])
        entry.content(template.render(week=week, base=base, in_progress=in_progress, nouns=words), type="html")
    data: bytes = fg.atom_str(pretty=True)
    return data
