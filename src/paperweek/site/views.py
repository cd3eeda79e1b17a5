"""What the site's templates show: the log's weeks, papers and tags, rendered once.

Every URL here is relative to the site's root (``weeks/2024-04-15.html``);
templates prefix it with ``root`` (``""`` or ``"../"``) so the site works under
any sub-path and from ``file://``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from paperweek.config import Config, SiteSettings, normalize_base_url
from paperweek.days import format_date, week_year
from paperweek.ids import tag_slug
from paperweek.markdown import plain
from paperweek.models import Paper, Week
from paperweek.periods import PeriodNouns, nouns
from paperweek.render.headings import period_span, week_heading, week_label
from paperweek.safetext import split_url
from paperweek.site.paging import page_of, page_url
from paperweek.site.text import inline_html, safe_href
from paperweek.tags import effective_tags, explicit_tags
from paperweek.words import cut_at_word

CODE_LABELS = {"repo", "code", "github", "gitlab", "repository", "source", "source code"}
CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "sourceforge.net"}
MAX_AUTHORS = 6


def site_settings(config: Config, base_url: str | None = None) -> SiteSettings:
    """``[site]`` with a title and description always filled in; ``base_url`` (``--base-url``) wins over the file's."""
    table = config.site
    return replace(
        table,
        title=table.title if table.title is not None else config.title,
        description=table.description if table.description is not None else config.intro,
        base_url=normalize_base_url(base_url) if base_url is not None else table.base_url,
    )


@dataclass
class LinkView:
    label: str
    href: str | None  # None: not a safe target, shown as text


@dataclass
class TagRef:
    name: str
    url: str
    auto: bool = False  # from an arXiv category or a keyword rule, not written by the curator


@dataclass
class PaperView:
    paper: Paper
    number: int
    anchor: str
    url: str  # week page + anchor
    week_start: dt.date
    week_label: str
    title_html: Any  # markupsafe.Markup
    title_text: str
    href: str | None  # where the paper itself is (arXiv page or its Paper link); None: no safe target
    summary_html: Any
    summary_text: str
    released_text: str
    authors_text: str
    links: list[LinkView]
    tags: list[TagRef]
    has_code: bool

    @property
    def released(self) -> dt.date | None:
        return self.paper.released


@dataclass
class WeekView:
    week: Week
    label: str
    heading: str
    year: int
    url: str
    papers: list[PaperView] = field(default_factory=list)
    newer: WeekView | None = None
    older: WeekView | None = None

    @property
    def start(self) -> dt.date:
        return self.week.start

    @property
    def last_day(self) -> dt.date:
        return self.week.last_day

    @property
    def dates_text(self) -> str:
        return period_span(self.week)


@dataclass
class TagView:
    name: str
    slug: str
    url: str
    papers: list[PaperView] = field(default_factory=list)


@dataclass
class YearView:
    year: int
    url: str
    weeks: list[WeekView] = field(default_factory=list)

    @property
    def paper_count(self) -> int:
        return sum(len(w.papers) for w in self.weeks)


@dataclass
class SiteViews:
    weeks: list[WeekView]  # newest first
    tags: list[TagView]  # by paper count, then name
    years: list[YearView]  # newest first
    period: str = "week"  # [log] period: what each of ``weeks`` is

    @property
    def nouns(self) -> PeriodNouns:
        """The words the pages name the log's period with ("week", "weeks")."""
        return nouns(self.period)

    @property
    def papers(self) -> list[PaperView]:
        return [p for w in self.weeks for p in w.papers]


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (with an ellipsis when cut)."""
    return cut_at_word(" ".join(text.split()), limit)


def week_description(week: WeekView) -> str:
    """One line describing a week for link previews and feeds: its count and its titles."""
    count = len(week.papers)
    if not count:
        return f"{week.label}: no papers."
    noun = "paper" if count == 1 else "papers"
    return shorten(f"{week.label}: {count} {noun} -- " + "; ".join(p.title_text for p in week.papers))


def has_code(paper: Paper) -> bool:
    """Whether a paper links to its code (a Repo/Code link, or a link to a code host)."""
    urls = [link.url for link in paper.links] + list(paper.code_links)
    if any(link.label.strip().lower() in CODE_LABELS for link in paper.links):
        return True
    for url in urls:
        parts = split_url(url.strip())
        if parts is None:
            continue
        host = (parts.hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host in CODE_HOSTS:
            return True
    return False


_ANCHOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _anchor(paper: Paper, taken: set[str]) -> str:
    """The paper's id itself (``2404.11018``), so a link to it never moves; a second logging gets ``-2``."""
    base = paper.id if _ANCHOR.match(paper.id) else "p-" + (re.sub(r"[^A-Za-z0-9]+", "-", paper.id).strip("-") or "paper")
    anchor = base
    n = 2
    while anchor in taken:
        anchor = f"{base}-{n}"
        n += 1
    taken.add(anchor)
    return anchor


def _authors(authors: list[str]) -> str:
    if len(authors) <= MAX_AUTHORS:
        return ", ".join(authors)
    return ", ".join(authors[:MAX_AUTHORS]) + f" et al. ({len(authors)} authors)"


def build_views(config: Config, weeks: list[Week], page_papers: int = 0) -> SiteViews:
    """Render every paper once and group them by week, tag and year (explicit and automatic tags).

    ``page_papers``: a period's page holds at most this many papers (0: all); a paper's address
    names the page of its period that shows it."""
    from markupsafe import Markup

    tag_views: dict[str, TagView] = {}
    taken_slugs: set[str] = set()
    anchors: set[str] = set()  # unique over the log: pages showing several weeks keep every anchor
    week_views: list[WeekView] = []
    for week in sorted(weeks, key=lambda w: w.start, reverse=True):
        url = f"weeks/{week.start.isoformat()}.html"
        view = WeekView(
            week=week,
            label=week_label(config, week),
            heading=week_heading(config, week),
            year=week_year(week.start),
            url=url,
        )
        for number, paper in week.numbered():
            anchor = _anchor(paper, anchors)
            # a row kept verbatim (it could not be split) shows as its text
            title_md = paper.raw if paper.raw is not None and not paper.title else paper.title
            tags: list[TagRef] = []
            own = set(explicit_tags(paper))
            for name in effective_tags(paper, config):
                tag = tag_views.get(name)
                if tag is None:
                    page = tag_slug(name, taken_slugs)
                    tag = tag_views[name] = TagView(name=name, slug=page, url=f"tags/{page}.html")
                tags.append(TagRef(name=name, url=tag.url, auto=name not in own))
            paper_view = PaperView(
                paper=paper,
                number=number,
                anchor=anchor,
                url=f"{page_url(url, page_of(len(view.papers), page_papers))}#{anchor}",
                week_start=week.start,
                week_label=view.label,
                title_html=Markup(inline_html(title_md)),
                title_text=plain(title_md, html=False),
                href=safe_href(paper.url) if paper.url else None,
                summary_html=Markup(inline_html(paper.summary)),
                summary_text=plain(paper.summary, html=False),
                released_text=format_date(paper.released) if paper.released else "",
                authors_text=_authors(paper.authors),
                links=[LinkView(label=link.label, href=safe_href(link.url)) for link in paper.links],
                tags=tags,
                has_code=has_code(paper),
            )
            view.papers.append(paper_view)
            for ref in tags:
                tag_views[ref.name].papers.append(paper_view)
        week_views.append(view)
    for newer, older in itertools.pairwise(week_views):
        newer.older = older
        older.newer = newer
    years: dict[int, YearView] = {}
    for view in week_views:
        years.setdefault(view.year, YearView(year=view.year, url=f"years/{view.year}.html")).weeks.append(view)
    tags_sorted = sorted(tag_views.values(), key=lambda t: (-len(t.papers), t.name.lower(), t.name))
    return SiteViews(
        weeks=week_views, tags=tags_sorted, years=sorted(years.values(), key=lambda y: -y.year), period=config.period
    )
