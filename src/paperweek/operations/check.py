"""``paperweek check``: everything that can be wrong with a log, as precise one-line problems.

The one owner of ``check`` (and of ``build --check``'s README difference): the log's
own problems offline, and with ``online`` the rows compared with arXiv (titles, v1
dates) and their links tried (``sources.verify`` only probes URLs).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from paperweek.errors import DataFileError, NetworkError
from paperweek.ids import WEEKDAYS, arxiv_id_from_url, arxiv_ids_in, format_date
from paperweek.markdown import loose_text
from paperweek.models import Paper, Week
from paperweek.operations.readme_diff import readme_difference
from paperweek.periods import period_end, period_start
from paperweek.render.parse import parse_readme
from paperweek.render.readme import render_readme
from paperweek.sources.fetch import fetch_metadata
from paperweek.sources.verify import CANNOT_CONNECT, dead_links
from paperweek.store import Log
from paperweek.store.weekfile import read_week_file

if TYPE_CHECKING:
    from paperweek.sources.arxiv import ArxivClient


def load_weeks_collecting(log: Log) -> tuple[list[Week], list[str]]:
    """Read every week file; a file that does not validate becomes a problem, not a crash."""
    weeks: list[Week] = []
    problems: list[str] = []
    for path in log.week_files():
        try:
            weeks.append(read_week_file(path))
        except DataFileError as exc:
            problems.append(str(exc))
    weeks.sort(key=lambda w: w.start, reverse=True)
    return weeks, problems


def week_shape_problems(log: Log, weeks: list[Week]) -> list[str]:
    """Periods that are not the log's period (``[log] period``): a 7-day week starting on the configured
    day, a day, or a calendar month."""
    period = log.config.period
    if period != "week":
        out = []
        for week in weeks:
            path = log.week_path(week.start)
            if period_start(week.start, period) != week.start or week.last_day != period_end(week.start, period):
                out.append(
                    f"{path}: runs {week.start.isoformat()} to {week.last_day.isoformat()}, not one {period} "
                    "([log] period); fix 'week' and 'end' or move its papers with `paperweek move`"
                )
        return out
    problems = []
    day = WEEKDAYS[log.config.week_start]
    for week in weeks:
        path = log.week_path(week.start)
        if week.start.weekday() != log.config.week_start:
            problems.append(
                f"{path}: week starts on a {WEEKDAYS[week.start.weekday()]}, the log's weeks start on a {day} "
                "([log] week_start); move its papers with `paperweek move`"
            )
        if (week.last_day - week.start).days != 6:
            problems.append(
                f"{path}: week runs {week.start.isoformat()} to {week.last_day.isoformat()}, not 7 days; "
                "remove 'end' or split the week"
            )
    return problems


def duplicate_problems(log: Log, weeks: list[Week]) -> list[str]:
    """The same paper (same arXiv id, any version) logged twice."""
    seen: dict[str, str] = {}
    problems = []
    for week in sorted(weeks, key=lambda w: w.start):
        for position, paper in enumerate(week.papers, start=1):
            keys = {paper.id}
            keys.update(arxiv_ids_in(link.url for link in paper.links))
            where = f"{log.week_path(week.start)} paper {position}"
            for key in sorted(keys):
                if key in seen and seen[key] != where:
                    problems.append(f"{where}: {key} is already logged at {seen[key]}; remove one with `paperweek remove`")
                    break
            for key in keys:
                seen.setdefault(key, where)
    return problems


def index_problems(log: Log) -> list[str]:
    """Index lines of README.md that point at no heading or at another week."""
    path = log.readme_path
    if not path.exists():
        return []
    parsed = parse_readme(path.read_text(encoding="utf-8"), str(path))
    return [note for note in parsed.notes if "index" in note]


def check_log(
    log: Log, *, online: bool = False, refresh: bool = False, arxiv_client: ArxivClient | None = None
) -> list[str]:
    """All problems of a log, in a stable order (an empty list: all good).

    ``online``: also compare rows with arXiv and try their links (``refresh``: fetch
    arXiv metadata again instead of using the cache).
    """
    weeks, problems = load_weeks_collecting(log)
    data_ok = not problems
    problems += week_shape_problems(log, weeks)
    problems += duplicate_problems(log, weeks)
    difference = None
    if data_ok:  # with a broken week file, a README difference would only repeat that problem
        difference = readme_difference(render_readme(log.config, weeks, log.root), log.readme_path)
        if difference:
            problems.append(difference)
    if difference or not data_ok:
        # a README that is exactly what build writes has the index build writes: reading it back
        # could only second-guess headings the parser does not take for weeks (custom, with markup)
        problems += index_problems(log)
    if online:
        problems += online_problems(log, refresh=refresh, arxiv_client=arxiv_client)
    return problems


# --- check --online: the log compared with arXiv, its links tried ------------------------------


def titles_match(row_title: str, arxiv_title: str) -> bool:
    """Loose: same words once Markdown, punctuation and case are gone; a shortened title still matches."""
    a, b = loose_text(row_title), loose_text(arxiv_title)
    if not a or not b or a == b or a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


@dataclass
class _Row:
    where: str
    week: Week
    paper: Paper
    arxiv_ids: list[str]


def online_problems(
    log: Log,
    *,
    refresh: bool = False,
    check_links: bool = True,
    arxiv_client: ArxivClient | None = None,
) -> list[str]:
    """One line per problem found (empty: all good). Uses the metadata cache unless ``refresh``.

    Reports rows whose arXiv link points at a paper with another title (lists of this
    genre contain such wrong links), release dates that are not the v1 date, arXiv links
    to papers that do not exist, and other links that no longer resolve.
    """
    rows: list[_Row] = []
    for week in log.weeks:
        name = log.week_path(week.start).relative_to(log.root).as_posix()
        for index, paper in enumerate(week.papers):
            ids = arxiv_ids_in(link.url for link in paper.links)
            if not ids and paper.arxiv_id:
                ids.append(paper.arxiv_id)
            number = paper.number if paper.number is not None else index + 1
            rows.append(_Row(f"{name}: ({number}) {paper.id}", week, paper, ids))
    wanted = [i for row in rows for i in row.arxiv_ids]
    problems: list[str] = []
    metadata = fetch_metadata(
        log.cache_dir, wanted, refresh=refresh, huggingface=False, arxiv_client=arxiv_client
    )
    unchecked = [i for i in dict.fromkeys(wanted) if i in metadata.errors] if metadata.unreachable else []
    if unchecked:
        problems.append(f"could not check {len(unchecked)} arXiv link(s): {metadata.errors[unchecked[0]]}")
    for row in rows:
        paper = row.paper
        for arxiv_id in row.arxiv_ids:
            if arxiv_id in unchecked:
                continue
            if arxiv_id in metadata.errors:
                error = metadata.errors[arxiv_id]
                if error.startswith(("not found", "arXiv rejected")):
                    problems.append(f"{row.where}: the link to arXiv {arxiv_id} does not resolve ({error})")
                else:
                    problems.append(f"{row.where}: could not check arXiv {arxiv_id} ({error})")
                continue
            record = metadata.records[arxiv_id]
            if paper.title and "title" not in paper.keep and not titles_match(paper.title, record.title):
                problems.append(
                    f"{row.where}: the link points at arXiv {arxiv_id}, titled {record.title!r}, "
                    f"not this row's title; fix the link or the title"
                )
                continue  # its date would be another paper's date
            if paper.released is not None and "released" not in paper.keep and paper.released != record.published:
                problems.append(
                    f"{row.where}: release date {format_date(paper.released)} is not the v1 date "
                    f"{format_date(record.published)} of arXiv {arxiv_id}"
                )
    if check_links:
        urls: dict[str, list[str]] = {}
        for row in rows:
            for link in row.paper.links:
                if arxiv_id_from_url(link.url) is None and link.url.startswith(("http://", "https://")):
                    urls.setdefault(link.url, []).append(row.where)
        dead = dead_links(list(urls))
        hosts = {urlsplit(u).hostname for u in urls}
        unreachable = [u for u, why in dead.items() if why.startswith(CANNOT_CONNECT)]
        if urls and len(unreachable) == len(urls) and (metadata.unreachable or len(hosts) > 1):
            raise NetworkError(
                f"the network looks unreachable: none of the {len(urls)} links nor arXiv could be reached "
                f"({dead[unreachable[0]]}); check the connection and run `paperweek check --online` again"
            )
        for url, why in dead.items():
            for where in urls[url]:
                problems.append(f"{where}: link {url} no longer resolves ({why})")
    elif unchecked and len(unchecked) == len(set(wanted)):
        raise NetworkError(f"the network looks unreachable: {metadata.errors[unchecked[0]]}")
    return problems
