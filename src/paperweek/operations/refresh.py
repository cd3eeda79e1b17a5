"""Refreshing logged arXiv papers: their metadata fetched again, batched, the curator's fields kept.

Title, release date and the Repo link are the curator's: they change only with
``overwrite`` (else differences are reported as notes), and never when kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from paperweek.days import format_date
from paperweek.errors import InputError, PaperweekError, Param, ParamError
from paperweek.markdown import loose_text
from paperweek.models import ArxivRecord, Paper, Week
from paperweek.operations.fetch import Metadata, fetch_metadata
from paperweek.operations.fetcher import Fetcher, using
from paperweek.operations.from_arxiv import (
    Failure,
    draft_summary_for,
    huggingface_enabled,
    log_voice,
    paper_from_record,
)
from paperweek.operations.locate import locate, period_in_words
from paperweek.operations.rebuild import rebuild_after_change
from paperweek.periods import period_of
from paperweek.store import Log
from paperweek.store.weekfile import paper_to_plain
from paperweek.summarize import Voice


@dataclass
class RefreshResult:
    updated: list[str] = field(default_factory=list)
    changed_fields: dict[str, list[str]] = field(default_factory=dict)  # paper id -> fields that changed
    notes: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata | None = None


def refresh_papers(
    log: Log,
    refs: Sequence[str] = (),
    *,
    overwrite: bool = False,
    summary: bool = False,
    build: bool = True,
    fetcher: Fetcher | None = None,
) -> RefreshResult:
    """Re-fetch metadata of logged arXiv papers (all, or ``refs``), batched.

    Fills authors, abstract, categories, comments, journal ref, DOI and code
    links. Title, release date and the Repo link are the curator's: they are
    changed only with ``overwrite`` (otherwise differences are reported), and
    never when listed in the paper's ``keep``. ``summary``: draft the summaries of
    the given papers again (``refs`` required: a whole log's summaries are not
    rewritten by accident).
    """
    result = RefreshResult()
    if summary and not refs:
        raise ParamError(
            "refresh ", Param("summary"), " rewrites summaries: name the papers, e.g. paperweek refresh --summary 2404.11018"
        )
    if refs:
        ids = []
        for ref in refs:
            _, paper = locate(log, ref)
            if paper.arxiv_id is None:
                raise InputError(f"{ref}: not an arXiv paper; nothing to refresh")
            ids.append(paper.arxiv_id)
    else:
        ids = [p.arxiv_id for _, p in log.papers() if p.arxiv_id is not None]
    if not ids:
        return result
    with using(fetcher) as run:  # always asks arXiv again (the cache is what is being refreshed), unless offline
        metadata = fetch_metadata(run, log.cache_dir, ids, huggingface=huggingface_enabled(log.config), refresh=True)
    result.metadata = metadata
    result.warnings += metadata.warnings
    result.failed += [Failure(i, e) for i, e in metadata.errors.items()]
    if not metadata.records:
        return result
    with log.locked():
        voice = log_voice(log, frozenset(metadata.records)) if summary else None
        for week in log.weeks:
            changed = False
            for number, paper in week.numbered():
                record = metadata.records.get(paper.id)
                if record is None:
                    continue
                before = paper_to_plain(paper)
                fresh = paper_from_record(
                    record, log.config, hf_repo=metadata.hf_repos.get(paper.id, ""), summary=""
                )
                _apply_refresh(paper, fresh, record, overwrite, result.notes, week, number)
                if summary:
                    _redraft(paper, record, log, result, voice)
                after = paper_to_plain(paper)
                if after != before:
                    changed = True
                    result.updated.append(paper.id)
                    keys = dict.fromkeys([*before, *after])  # the file's field order, once each
                    result.changed_fields[paper.id] = [k for k in keys if before.get(k) != after.get(k)]
            if changed:
                log.save_week(week)
        if build:
            rebuild_after_change(log)
    return result


def _redraft(paper: Paper, record: ArxivRecord, log: Log, result: RefreshResult, voice: Voice | None) -> None:
    """A new draft summary from the record (kept summaries, and failed drafts, leave it as it is)."""
    if "summary" in paper.keep:
        result.notes.append(f"{paper.id}: summary kept as written (keep: [summary]); not re-drafted")
        return
    try:
        drafted = draft_summary_for(record.title, record.abstract, log.config, log.root, voice)
    except PaperweekError as exc:
        result.warnings.append(f"{paper.id}: no new draft summary ({exc}); the old one is kept")
        return
    if drafted.strip():
        paper.summary = " ".join(drafted.split())


def _apply_refresh(
    paper: Paper, fresh: Paper, record: ArxivRecord, overwrite: bool, notes: list[str], week: Week, number: int
) -> None:
    period = period_of(week.start, week.last_day) or "week"
    where = f"{period_in_words(week.start, period)}, ({number}) {paper.id}"
    for key in ("authors", "abstract", "categories", "comments", "journal_ref", "doi"):
        setattr(paper, key, getattr(fresh, key))
    repo = paper.link("Repo")
    fresh_repo = fresh.link("Repo")
    found = ([fresh_repo.url] if fresh_repo else []) + fresh.code_links
    paper.code_links = [u for u in found if not repo or u.lower() != repo.url.lower()]
    kept = set(paper.keep)
    if "title" in kept and paper.title.strip():
        pass  # the curator's title, on purpose: neither replaced nor reported
    elif not paper.title.strip() or overwrite:
        paper.title = fresh.title
    elif loose_text(paper.title) != loose_text(fresh.title):
        notes.append(
            f"{where}: the title differs from arXiv's {record.title!r} (refresh --overwrite takes it; "
            f"`paperweek edit {paper.id} --keep title` keeps yours)"
        )
    if "released" in kept and paper.released is not None:
        pass
    elif paper.released is None or overwrite:
        paper.released = fresh.released
    elif paper.released != fresh.released:
        notes.append(
            f"{where}: release date {format_date(paper.released)} is not the v1 date "
            f"{format_date(fresh.released or paper.released)} (refresh --overwrite takes it)"
        )
    if overwrite and repo is None and fresh_repo is not None and "repo" not in kept:
        paper.links.append(fresh_repo)
        paper.code_links = [u for u in paper.code_links if u != fresh_repo.url]
