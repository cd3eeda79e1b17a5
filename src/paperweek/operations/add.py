"""Adding papers to the log: arXiv papers (fetched, batched) and items not on arXiv.

Everything is fetched first; then the log's lock is taken, the week files are
re-read, the new papers written atomically and (unless told not to) the README
rebuilt. When nothing succeeded, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from paperweek.errors import Param, ParamError
from paperweek.export.names import fix_new_keys
from paperweek.ids import paper_slug, parse_arxiv_ref
from paperweek.markdown import rough_plain
from paperweek.models import Link, Paper
from paperweek.operations.draft import Editor
from paperweek.operations.fetch import Metadata, fetch_metadata
from paperweek.operations.fetcher import Fetcher, using
from paperweek.operations.from_arxiv import (
    Failure,
    check_summary_settings,
    huggingface_enabled,
    log_voice,
    paper_from_record,
)
from paperweek.operations.locate import new_period, period_in_words
from paperweek.operations.params import date_param, user_link_param
from paperweek.operations.rebuild import rebuild_after_change
from paperweek.safetext import split_url
from paperweek.store import Log
from paperweek.store.faults import crash_point


class Added(NamedTuple):
    """A paper added, the start of the period it went into, and that period as messages name it."""

    week: dt.date
    paper: Paper
    where: str  # "the week of April 15, 2024" (operations.locate.period_in_words)


@dataclass
class AddResult:
    added: list[Added] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # "2404.11018 is already in the week of ..."
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata | None = None
    readme_written: bool = False
    invalid_inputs: int = 0  # inputs that are not arXiv references at all


def add_arxiv(
    log: Log,
    refs: Sequence[str],
    *,
    week: dt.date,
    summary: str | None = None,
    repo: str | None = None,
    build: bool = True,
    editor: Editor | None = None,
    fetcher: Fetcher | None = None,
) -> AddResult:
    """Add arXiv papers (any pasted form) to the week starting ``week``.

    Bad inputs and failed fetches are reported per input; the others are added. ``fetcher``: the
    run's options and clients (``Fetcher(offline=True)``: the cache only); default: online, quiet.
    """
    result = AddResult()
    wanted: dict[str, tuple[str, str]] = {}  # id -> (input, fragment)
    for ref in refs:
        parsed = parse_arxiv_ref(ref)
        if parsed is None:
            result.invalid_inputs += 1
            result.failed.append(
                Failure(ref, "not an arXiv id or link (expected e.g. 2404.11018 or https://arxiv.org/abs/2404.11018)")
            )
            continue
        arxiv_id, _version, fragment = parsed
        if arxiv_id not in wanted:
            wanted[arxiv_id] = (ref, fragment)
    logged = log.arxiv_ids()
    for arxiv_id in list(wanted):
        if arxiv_id in logged:
            where = period_in_words(logged[arxiv_id], log.config.period)
            result.already.append(f"{arxiv_id} is already in the log, in {where}; not added again")
            del wanted[arxiv_id]
    if not wanted:
        if build and result.already:
            with log.locked():  # a run killed before its rebuild left README.md behind: repair it
                result.readme_written = rebuild_after_change(log)
        return result
    voice = None
    if summary is None:
        check_summary_settings(log)  # exit 2 before anything is fetched
        voice = log_voice(log)  # drafts as long as the log's summaries, opening as they do
    if repo:
        user_link_param(repo, "repo")
    with using(fetcher) as run:
        metadata = fetch_metadata(run, log.cache_dir, list(wanted), huggingface=huggingface_enabled(log.config))
    result.metadata = metadata
    result.warnings += metadata.warnings
    papers: list[Paper] = []
    for arxiv_id, (ref, fragment) in wanted.items():
        if arxiv_id in metadata.errors:
            why = metadata.errors[arxiv_id]
            if metadata.unreachable:
                why += "; papers already in the cache can be added with --offline, others with --title/--url"
            result.failed.append(Failure(ref, why if ref == arxiv_id else f"{arxiv_id}: {why}"))
            continue
        record = metadata.records[arxiv_id]
        paper = paper_from_record(
            record,
            log.config,
            fragment=fragment,
            hf_repo=metadata.hf_repos.get(arxiv_id, ""),
            summary=summary,
            repo=repo,
            warnings=result.warnings,
            root=log.root,
            voice=voice,
        )
        if editor is not None:
            paper = editor(paper)
        papers.append(paper)
    if papers:
        _write_new(log, week, papers, result, build)
    return result


def add_other(
    log: Log,
    *,
    title: str,
    url: str,
    released: str,
    week: dt.date,
    repo: str | None = None,
    summary: str | None = None,
    build: bool = True,
    editor: Editor | None = None,
) -> AddResult:
    """Add an item that is not on arXiv (a blog post, a report): id = a slug of its title."""
    if not title.strip():
        raise ParamError(Param("title"), " is empty; give the item's title")
    parts = split_url(url.strip())
    if not re.match(r"^https?://\S+$", url.strip()) or parts is None or not parts.hostname:
        raise ParamError(Param("url"), f" {url!r} is not an http(s) URL with a valid host and port")
    day = date_param(released, "released")
    links = [Link("Paper", url.strip())]
    if repo:
        links.append(Link("Repo", user_link_param(repo, "repo")))
    taken = [p.id for _, p in log.papers()]
    paper = Paper(
        id=paper_slug(rough_plain(title), taken),
        title=" ".join(title.split()),
        summary=" ".join((summary or "").split()),
        released=day,
        links=links,
    )
    for _, logged in log.papers():
        if logged.link("Paper") and logged.link("Paper") == links[0]:
            result = AddResult()
            result.already.append(f"{url} is already in the log as {logged.id}; not added again")
            if build:
                with log.locked():  # a run killed before its rebuild left README.md behind: repair it
                    result.readme_written = rebuild_after_change(log)
            return result
    if editor is not None:
        paper = editor(paper)
    result = AddResult()
    _write_new(log, week, [paper], result, build)
    return result


def _write_new(log: Log, week: dt.date, papers: list[Paper], result: AddResult, build: bool) -> None:
    with log.locked():
        target = log.week(week) or new_period(log, week)
        taken = {p.id for _, p in log.papers()}
        logged = log.arxiv_ids()
        for paper in papers:
            if paper.id in taken and paper.arxiv_id is None:
                paper.id = paper_slug(rough_plain(paper.title), taken)  # another process took the slug meanwhile
            if paper.id in taken or paper.id in logged:
                start = logged.get(paper.id) or next((w.start for w, p in log.papers() if p.id == paper.id), week)
                where = period_in_words(start, log.config.period)
                result.already.append(f"{paper.id} is already in the log, in {where}; not added again")
                continue
            target.papers.append(paper)
            taken.add(paper.id)
            result.added.append(Added(week, paper, period_in_words(week, log.config.period)))
        if result.added:
            fix_new_keys([p.citekey for _, p in log.papers()], [a.paper for a in result.added], week)
            log.save_week(target)
            crash_point("write:before-readme")
        if build:  # also when nothing was added: a README left stale by a killed run is repaired
            result.readme_written = rebuild_after_change(log)
