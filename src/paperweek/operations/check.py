"""``paperweek check``: everything that can be wrong with a log, as precise one-line problems.

``check_log`` is the one entry point of ``check``: the log's own problems offline, and
with ``online`` the rows compared with arXiv and their links tried
(``operations.check_online``; ``sources.verify`` only probes URLs).
"""

from __future__ import annotations

import re
from pathlib import Path

from paperweek.days import WEEKDAYS
from paperweek.errors import DataFileError
from paperweek.ids import arxiv_ids_in
from paperweek.models import Week
from paperweek.operations.fetcher import Fetcher
from paperweek.operations.readme_diff import readme_difference, remedy_for
from paperweek.periods import period_end, period_start
from paperweek.render.readme import render_readme
from paperweek.safetext import safe_url, split_url
from paperweek.store import Log
from paperweek.store.weekfile import paper_places, read_week


def load_weeks_collecting(log: Log) -> tuple[list[Week], list[str]]:
    """Read every week file; a file that does not validate becomes a problem, not a crash."""
    weeks: list[Week] = []
    problems: list[str] = []
    for path in log.week_files():
        try:
            weeks.append(read_week(path))
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


class _Places:
    """``weeks/2024-04-15.yaml:42``: where a paper (or one of its links) is written, the week file read
    for places only when a problem names it."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self._read: dict[Path, list[tuple[int, list[int]]]] = {}

    def of(self, week: Week, paper: int, link: int | None = None) -> str:
        path = self.log.week_path(week.start)
        if path not in self._read:
            self._read[path] = paper_places(path)
        places = self._read[path]
        if paper >= len(places) or (link is not None and link >= len(places[paper][1])):
            return f"{path} (paper {paper + 1})"  # the file changed meanwhile: its number in the file
        return f"{path}:{places[paper][0] if link is None else places[paper][1][link]}"


def duplicate_problems(log: Log, weeks: list[Week]) -> list[str]:
    """The same paper (same arXiv id, any version) logged twice."""
    seen: dict[str, tuple[Week, int]] = {}
    places = _Places(log)
    problems = []
    for week in sorted(weeks, key=lambda w: w.start):
        for index, paper in enumerate(week.papers):
            keys = {paper.id}
            keys.update(arxiv_ids_in(link.url for link in paper.links))
            for key in sorted(keys):
                if key in seen and seen[key] != (week, index):
                    first = places.of(*seen[key])
                    problems.append(
                        f"{places.of(week, index)}: {key} is already logged at {first}; remove one with `paperweek remove`"
                    )
                    break
            for key in keys:
                seen.setdefault(key, (week, index))
    return problems


_HOST_FIRST = re.compile(r"^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#:]|$)", re.IGNORECASE)


def link_problems(log: Log, weeks: list[Week]) -> list[str]:
    """Links the README would not write as their author meant: ones the link policy drops (``javascript:``)
    and web addresses written without a scheme (``arxiv.org/abs/...`` becomes a link relative to the README)."""
    places = _Places(log)
    problems = []
    for week in sorted(weeks, key=lambda w: w.start):
        for index, paper in enumerate(week.papers):
            for number, link in enumerate(paper.links):
                url = link.url.strip()
                parts = split_url(url)
                if safe_url(url) is None:
                    why = "is left out of the README and the site (only http(s), mailto and ftp links are written)"
                elif parts is None:
                    why = "is not a valid web address (its host or port)"
                elif not parts.scheme and _HOST_FIRST.match(url) and (url.startswith("www.") or "/" in url):
                    why = f"has no scheme, so it links to a file beside the README; write it as https://{url}"
                else:
                    continue
                problems.append(f"{places.of(week, index, number)}: {paper.id}: link {link.label} {url!r} {why}; "
                                f"fix it with `paperweek edit {paper.id}`")
    return problems


def index_problems(log: Log) -> list[str]:
    """Index lines of README.md that point at no heading or at another week."""
    # Lazy on purpose, like render/context's kept renderer: the README parser costs 34 ms of imports
    # (python -X importtime), paid by every `check` otherwise, and is needed only when the README
    # differs from what build writes or a week file is broken.
    from paperweek.importer.parse import parse_readme

    path = log.readme_path
    if not path.exists():
        return []
    parsed = parse_readme(path.read_text(encoding="utf-8"), str(path))
    return [str(note) for note in parsed.notes if note.kind == "index"]


def check_log(
    log: Log, *, online: bool = False, fetcher: Fetcher | None = None
) -> list[str]:
    """All problems of a log, in a stable order (an empty list: all good).

    ``online``: also compare rows with arXiv and try their links, through ``fetcher`` (the run's:
    ``Fetcher(refresh=True)`` asks arXiv again instead of using the cache; its ``on_retry`` hears retries).
    """
    weeks, problems = load_weeks_collecting(log)
    data_ok = not problems
    problems += week_shape_problems(log, weeks)
    problems += duplicate_problems(log, weeks)
    problems += link_problems(log, weeks)
    difference = None
    if data_ok:  # with a broken week file, a README difference would only repeat that problem
        difference = readme_difference(render_readme(log.config, weeks, log.root), log.readme_path, remedy_for(log))
        if difference:
            problems.append(difference)
    if difference or not data_ok:
        # a README that is exactly what build writes has the index build writes: reading it back
        # could only second-guess headings the parser does not take for weeks (custom, with markup)
        problems += index_problems(log)
    if online:
        # Lazy on purpose: the arXiv client, HTTP layer and link probe cost 20 ms of imports that an
        # offline `check` (the common case, in CI on every pull request) does not need.
        from paperweek.operations.check_online import online_problems

        problems += online_problems(log, fetcher=fetcher)
    return problems
