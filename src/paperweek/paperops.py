"""Changing the log one paper at a time: add, remove, move/reorder, edit, refresh.

Every function here fetches what it needs first, then takes the log's lock,
re-reads the week files, writes atomically and (unless told not to) rebuilds
the README. When nothing succeeded, nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from paperweek.errors import ConfigError, InputError, PaperweekError
from paperweek.ids import abs_url, arxiv_ids_in, format_date, paper_slug, parse_arxiv_ref, parse_date
from paperweek.markdown import escape, loose_text, rough_plain
from paperweek.models import KEEPABLE, Link, Paper, Week
from paperweek.safetext import clean
from paperweek.sources.fetch import Metadata, Progress, fetch_metadata
from paperweek.sources.links import user_link
from paperweek.store.faults import crash_point

if TYPE_CHECKING:
    from paperweek.config import Config
    from paperweek.models import ArxivRecord
    from paperweek.sources.arxiv import ArxivClient
    from paperweek.sources.hf import HFClient
    from paperweek.store import Log

# An editor hook: given a paper, give back the edited paper (or raise EditAborted).
Editor = Callable[[Paper], Paper]


class EditAborted(InputError):
    """The user gave up editing: nothing is written."""


@dataclass
class AddResult:
    added: list[tuple[dt.date, Paper]] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # "2404.11018 is already in the week of ..."
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, why)
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata | None = None
    readme_written: bool = False
    invalid_inputs: int = 0  # inputs that are not arXiv references at all


def huggingface_enabled(config: Config) -> bool:
    """``[sources] huggingface`` (default true)."""
    return config.sources.huggingface


def week_label(start: dt.date) -> str:
    return f"the week of {format_date(start)}"


def _rebuild(log: Log) -> bool:
    """Rebuild README.md after a change; hand edits in it are kept, with a note saying so."""
    from paperweek.errors import ReadmeEdited
    from paperweek.render.readme import write_readme

    try:
        return write_readme(log)
    except ReadmeEdited as exc:
        log.notes.append(f"README.md not rebuilt: {exc}")
        return False


# --- building papers --------------------------------------------------------


def check_summary_settings(log: Log) -> None:
    """The ``[summary]`` engine can be set up (endpoint, model, prompt): a ConfigError now, not per paper."""
    from paperweek.summarize import make_drafter

    drafter = make_drafter(log.config, root=log.root)
    close = getattr(drafter, "close", None)
    if close is not None:
        close()


def draft_summary_for(title: str, abstract: str, config: Config, root: Path | None = None) -> str:
    """The draft summary (Markdown): the summarizer's plain text, escaped.

    ``root`` is the log's folder, where ``[summary] prompt_file`` and the LLM answer cache live.
    """
    from paperweek.summarize import draft_summary

    return escape(draft_summary(title, abstract, config, root=root))


def paper_from_record(
    record: ArxivRecord,
    config: Config,
    *,
    fragment: str = "",
    hf_repo: str = "",
    summary: str | None = None,
    repo: str | None = None,
    warnings: list[str] | None = None,
    root: Path | None = None,
) -> Paper:
    """A Paper for an arXiv record: escaped title, v1 date, Paper and Repo links, draft summary."""
    from paperweek.sources.links import best_code_link, find_links, normalise

    found = find_links(record.abstract, record.comments)
    if hf_repo:
        hf_link = normalise(hf_repo)
        if hf_link.lower() not in {u.lower() for u in found}:
            found.append(hf_link)
    best, others = best_code_link(found)
    if repo:
        chosen = user_link(repo, "--repo")
        others = [u for u in found if u.lower() != chosen.lower()]
        best = chosen
    if summary is None:
        try:
            summary = draft_summary_for(record.title, record.abstract, config, root)
        except ConfigError:
            raise  # a setting is wrong for every paper: an input error, not a per-paper warning
        except PaperweekError as exc:
            summary = ""
            if warnings is not None:
                warnings.append(
                    f"{record.id}: no draft summary ({exc}); add one with `paperweek edit {record.id}`"
                )
    url = abs_url(record.id) + (f"#{fragment}" if fragment else "")
    links = [Link("Paper", url)]
    if best:
        links.append(Link("Repo", best))
    return Paper(
        id=record.id,
        title=escape(record.title),
        summary=" ".join(summary.split()),
        released=record.published,
        links=links,
        authors=list(record.authors),
        abstract=record.abstract,
        categories=list(record.categories),
        comments=record.comments,
        journal_ref=record.journal_ref,
        doi=record.doi,
        code_links=others,
    )


# --- adding -------------------------------------------------------------------


def add_arxiv(
    log: Log,
    refs: Sequence[str],
    *,
    week: dt.date,
    summary: str | None = None,
    repo: str | None = None,
    offline: bool = False,
    refresh: bool = False,
    build: bool = True,
    editor: Editor | None = None,
    progress: Progress | None = None,
    arxiv_client: ArxivClient | None = None,
    hf_client: HFClient | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> AddResult:
    """Add arXiv papers (any pasted form) to the week starting ``week``.

    Bad inputs and failed fetches are reported per input; the others are added.
    """
    result = AddResult()
    wanted: dict[str, tuple[str, str]] = {}  # id -> (input, fragment)
    for ref in refs:
        parsed = parse_arxiv_ref(ref)
        if parsed is None:
            result.invalid_inputs += 1
            result.failed.append(
                (ref, "not an arXiv id or link (expected e.g. 2404.11018 or https://arxiv.org/abs/2404.11018)")
            )
            continue
        arxiv_id, _version, fragment = parsed
        if arxiv_id not in wanted:
            wanted[arxiv_id] = (ref, fragment)
    logged = logged_arxiv_ids(log)
    for arxiv_id in list(wanted):
        if arxiv_id in logged:
            where = week_label(logged[arxiv_id])
            result.already.append(f"{arxiv_id} is already in the log, in {where}; not added again")
            del wanted[arxiv_id]
    if not wanted:
        if build and result.already:
            with log.locked():  # a run killed before its rebuild left README.md behind: repair it
                result.readme_written = _rebuild(log)
        return result
    if summary is None:
        check_summary_settings(log)  # exit 2 before anything is fetched
    if repo:
        user_link(repo, "--repo")
    metadata = fetch_metadata(
        log.cache_dir,
        list(wanted),
        offline=offline,
        refresh=refresh,
        huggingface=huggingface_enabled(log.config) and not offline,
        progress=progress,
        arxiv_client=arxiv_client,
        hf_client=hf_client,
        on_retry=on_retry,
    )
    result.metadata = metadata
    result.warnings += metadata.warnings
    papers: list[Paper] = []
    for arxiv_id, (ref, fragment) in wanted.items():
        if arxiv_id in metadata.errors:
            why = metadata.errors[arxiv_id]
            if metadata.unreachable:
                why += "; papers already in the cache can be added with --offline, others with --title/--url"
            result.failed.append((ref, why if ref == arxiv_id else f"{arxiv_id}: {why}"))
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
        raise InputError("--title is empty; give the item's title")
    if not re.match(r"^https?://\S+$", url.strip()):
        raise InputError(f"--url {url!r} is not an http(s) URL")
    try:
        day = parse_date(released)
    except ValueError as exc:
        raise InputError(f"--released: {exc}") from exc
    links = [Link("Paper", url.strip())]
    if repo:
        links.append(Link("Repo", user_link(repo, "--repo")))
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
                    result.readme_written = _rebuild(log)
            return result
    if editor is not None:
        paper = editor(paper)
    result = AddResult()
    _write_new(log, week, [paper], result, build)
    return result


def logged_arxiv_ids(log: Log) -> dict[str, dt.date]:
    """Every arXiv id in the log -- as a paper's id or behind its links -- and its week's start."""
    out: dict[str, dt.date] = {}
    for week, paper in log.papers():
        if paper.arxiv_id:
            out.setdefault(paper.arxiv_id, week.start)
        for linked in arxiv_ids_in(link.url for link in paper.links):
            out.setdefault(linked, week.start)
    return out


def new_period(log: Log, start: dt.date) -> Week:
    """An empty period of the log's kind (``[log] period``) starting on ``start``."""
    from paperweek.periods import end_for

    return Week(start=start, end=end_for(start, log.config.period))


def _write_new(log: Log, week: dt.date, papers: list[Paper], result: AddResult, build: bool) -> None:
    with log.locked():
        target = log.week(week) or new_period(log, week)
        taken = {p.id for _, p in log.papers()}
        logged = logged_arxiv_ids(log)
        for paper in papers:
            if paper.id in taken and paper.arxiv_id is None:
                paper.id = paper_slug(rough_plain(paper.title), taken)  # another process took the slug meanwhile
            if paper.id in taken or paper.id in logged:
                start = logged.get(paper.id) or next((w.start for w, p in log.papers() if p.id == paper.id), week)
                where = week_label(start)
                result.already.append(f"{paper.id} is already in the log, in {where}; not added again")
                continue
            target.papers.append(paper)
            taken.add(paper.id)
            result.added.append((week, paper))
        if result.added:
            from paperweek.export.names import fix_new_keys

            fix_new_keys([p.citekey for _, p in log.papers()], [p for _, p in result.added], week)
            log.save_week(target)
            crash_point("write:before-readme")
        if build:  # also when nothing was added: a README left stale by a killed run is repaired
            result.readme_written = _rebuild(log)


# --- finding, removing, moving -----------------------------------------------------


def locate(log: Log, ref: str) -> tuple[Week, Paper]:
    """The logged paper ``ref`` names (id, slug, any arXiv form), or InputError."""
    found = log.find(ref)
    if found is None:
        raise InputError(f"{ref}: no such paper in the log (see `paperweek list`)")
    return found


def remove_papers(log: Log, refs: Sequence[str], *, build: bool = True) -> tuple[list[str], list[str]]:
    """Remove papers; returns (messages for removed, messages for refs not found)."""
    removed: list[str] = []
    missing: list[str] = []
    with log.locked():
        changed: dict[dt.date, Week] = {}
        for ref in refs:
            found = log.find(ref)
            if found is None:
                missing.append(f"{ref}: no such paper in the log (see `paperweek list`)")
                continue
            week, paper = found
            week.papers = [p for p in week.papers if p is not paper]
            changed[week.start] = week
            removed.append(f"removed {paper.id} from {week_label(week.start)}")
        for start, week in changed.items():
            if week.papers:
                log.save_week(week)
            else:
                log.delete_week(start)
        if build:
            _rebuild(log)
    return removed, missing


def move_paper(
    log: Log,
    ref: str,
    *,
    week: dt.date | None = None,
    position: int | None = None,
    before: str | None = None,
    after: str | None = None,
    build: bool = True,
) -> str:
    """Move a paper to another week and/or another place in its week. Returns what was done."""
    if sum(x is not None for x in (position, before, after)) > 1:
        raise InputError("give only one of --position, --before, --after")
    if week is None and position is None and before is None and after is None:
        raise InputError("say where to: --week DATE, --position N, --before ID or --after ID")
    with log.locked():
        source, paper = locate(log, ref)
        if week is not None and source.start == week:  # after a killed move: the copy still at its origin
            source, paper = next(((w, p) for w, p in log.papers() if p.id == paper.id and w.start != week),
                                 (source, paper))
        anchor_ref = before or after
        anchor: tuple[Week, Paper] | None = None
        if anchor_ref is not None:
            anchor = locate(log, anchor_ref)
            if anchor[1] is paper:
                raise InputError(f"{anchor_ref}: cannot place a paper before or after itself")
            if week is not None and anchor[0].start != week:
                raise InputError(
                    f"{anchor_ref} is in {week_label(anchor[0].start)}, not in {week_label(week)}; "
                    "drop --week or choose a paper of that week"
                )
        target_start = anchor[0].start if anchor else (week if week is not None else source.start)
        same = target_start == source.start
        target = source if same else (log.week(target_start) or new_period(log, target_start))
        source.papers = [p for p in source.papers if p is not paper]
        # a copy left in the target week by a move killed between its two writes: finished now
        target.papers = [p for p in target.papers if p.id != paper.id or p is paper]
        if anchor is not None:
            index = next(i for i, p in enumerate(target.papers) if p is anchor[1]) + (1 if after else 0)
        elif position is not None:
            if not 1 <= position <= len(target.papers) + 1:
                raise InputError(f"--position {position} is out of range 1..{len(target.papers) + 1}")
            index = position - 1
        else:
            index = len(target.papers)
        target.papers.insert(index, paper)
        for touched in {id(source): source, id(target): target}.values():
            for p in touched.papers:
                p.number = None  # numbers follow the new order
        log.save_week(target)  # the target first: a kill before the source is written leaves a copy, never a loss
        if not same:
            crash_point("move:between-weeks")
            if source.papers:
                log.save_week(source)
            else:
                log.delete_week(source.start)
        if build:
            _rebuild(log)
    where = week_label(target_start)
    return f"moved {paper.id} to {where}, position {index + 1} of {len(target.papers)}"


# --- editing ------------------------------------------------------------------------

def paper_to_yaml(paper: Paper) -> str:
    """The YAML draft of one paper that an editor opens (store/weekfile owns its format)."""
    from paperweek.store.weekfile import paper_to_draft

    return paper_to_draft(paper)


def paper_from_yaml(text: str, where: str = "the edited draft") -> Paper | None:
    """Validate an edited draft; None when it was emptied (abort). Raises InputError when invalid."""
    from paperweek.store.weekfile import paper_from_draft

    paper = paper_from_draft(text, where)
    if paper is None:
        return None
    if not paper.title.strip() and paper.raw is None:
        raise InputError(f"{where}: title is empty; every paper needs a title")
    for link in paper.links:
        if not link.url.strip() or not link.label.strip():
            raise InputError(f"{where}: a link needs both a label and a url")
    return paper


def edit_loop(
    paper: Paper,
    open_editor: Callable[[str], str | None],
    ask_reopen: Callable[[str], bool],
    check: Callable[[Paper], None] | None = None,
) -> Paper:
    """Open the draft until it validates. ``open_editor`` gives back the edited text (None: not
    saved); on an invalid draft ``ask_reopen(message)`` decides between re-opening and aborting."""
    text = paper_to_yaml(paper)
    while True:
        edited = open_editor(text)
        if edited is None:
            return paper  # closed without saving: keep the draft as it was
        try:
            result = paper_from_yaml(edited)
            if result is None:
                raise EditAborted(f"{paper.id}: the draft was emptied; nothing written")
            if check is not None:
                check(result)
            return result
        except EditAborted:
            raise
        except InputError as exc:
            if not ask_reopen(str(exc)):
                raise EditAborted(f"{paper.id}: edit abandoned ({exc}); nothing written") from exc
            text = edited


def edit_paper(
    log: Log,
    ref: str,
    *,
    editor: Editor | None = None,
    title: str | None = None,
    summary: str | None = None,
    repo: str | None = None,
    keep: Sequence[str] = (),
    unkeep: Sequence[str] = (),
    build: bool = True,
) -> Paper:
    """Change one logged paper: given fields, then (optionally) an editor session.

    ``keep``/``unkeep``: fields (``KEEPABLE``) that refresh must leave as the curator set them.
    """
    if title is not None and not title.strip():
        raise InputError("--title is empty; give the new title (a paper keeps a title)")
    new_repo = user_link(repo, "--repo") if repo is not None and repo.strip() else None
    for name in (*keep, *unkeep):
        if name not in KEEPABLE:
            raise InputError(f"{name!r} cannot be kept; use any of {', '.join(KEEPABLE)}")
    _week, paper = locate(log, ref)
    original_id = paper.id
    base = copy.deepcopy(paper)
    edited = copy.deepcopy(paper)
    if title is not None:
        edited.title = " ".join(clean(title).split())
    if summary is not None:
        edited.summary = " ".join(clean(summary).split())
    if repo is not None:
        edited.links = [link for link in edited.links if link.label.lower() != "repo"]
        if new_repo is not None:
            edited.links.append(Link("Repo", new_repo))
    if keep or unkeep:
        edited.keep = [k for k in KEEPABLE if (k in edited.keep or k in keep) and k not in unkeep]
    if editor is not None:
        edited = editor(edited)  # may take minutes: the lock is not held meanwhile
    with log.locked():
        found = log.find(original_id)
        if found is None:
            raise InputError(f"{original_id}: was removed from the log while you edited it; nothing written")
        week2, current = found
        try:
            merged = merge_edit(base, edited, current)
        except InputError as exc:
            raise InputError(f"{exc}; your version is kept in {_keep_draft(log, edited)}") from exc
        if merged.id != original_id and log.find(merged.id) is not None:
            raise InputError(f"id {merged.id!r} is already used by another paper; keep {original_id!r}")
        week2.papers = [merged if p is current else p for p in week2.papers]
        log.save_week(week2)
        if build:
            _rebuild(log)
    return merged


def _keep_draft(log: Log, paper: Paper) -> Path:
    """Save an edit that could not be applied, so the user's work is not lost."""
    from paperweek.store.atomic import write_text_atomic

    path = log.cache_dir / "drafts" / (re.sub(r"[^A-Za-z0-9._-]+", "_", paper.id) + ".yaml")
    write_text_atomic(path, paper_to_yaml(paper))
    return path


def merge_edit(base: Paper, edited: Paper, current: Paper) -> Paper:
    """The user's changes (``base`` -> ``edited``) applied to the paper as it is now.

    Another command (``tag``, ``refresh``) may have changed the paper while the editor was
    open; those changes are kept. When both changed the same field differently, nothing is
    written: InputError names the fields.
    """
    from dataclasses import fields

    merged = copy.deepcopy(current)
    clashes = []
    for spec in fields(Paper):
        name = spec.name
        mine, theirs, was = getattr(edited, name), getattr(current, name), getattr(base, name)
        if mine == was:
            continue
        if theirs != was and theirs != mine:
            clashes.append(name)
        setattr(merged, name, copy.deepcopy(mine))
    if clashes:
        raise InputError(
            f"{base.id}: {', '.join(clashes)} changed by another paperweek command while you edited; "
            "nothing written"
        )
    return merged


# --- refresh ---------------------------------------------------------------------------------


@dataclass
class RefreshResult:
    updated: list[str] = field(default_factory=list)
    changed_fields: dict[str, list[str]] = field(default_factory=dict)  # paper id -> fields that changed
    notes: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: Metadata | None = None


def refresh_papers(
    log: Log,
    refs: Sequence[str] = (),
    *,
    overwrite: bool = False,
    offline: bool = False,
    summary: bool = False,
    build: bool = True,
    progress: Progress | None = None,
    arxiv_client: ArxivClient | None = None,
    hf_client: HFClient | None = None,
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
        raise InputError("refresh --summary rewrites summaries: name the papers, e.g. paperweek refresh --summary 2404.11018")
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
    metadata = fetch_metadata(
        log.cache_dir,
        ids,
        offline=offline,
        refresh=not offline,
        huggingface=huggingface_enabled(log.config) and not offline,
        progress=progress,
        arxiv_client=arxiv_client,
        hf_client=hf_client,
    )
    result.metadata = metadata
    result.warnings += metadata.warnings
    result.failed += [(i, e) for i, e in metadata.errors.items()]
    if not metadata.records:
        return result
    from paperweek.store.weekfile import paper_to_plain

    with log.locked():
        for week in log.weeks:
            changed = False
            for i, paper in enumerate(week.papers):
                record = metadata.records.get(paper.id)
                if record is None:
                    continue
                before = paper_to_plain(paper)
                fresh = paper_from_record(
                    record, log.config, hf_repo=metadata.hf_repos.get(paper.id, ""), summary=""
                )
                _apply_refresh(paper, fresh, record, overwrite, result.notes, week, i)
                if summary:
                    _redraft(paper, record, log, result)
                after = paper_to_plain(paper)
                if after != before:
                    changed = True
                    result.updated.append(paper.id)
                    keys = dict.fromkeys([*before, *after])  # the file's field order, once each
                    result.changed_fields[paper.id] = [k for k in keys if before.get(k) != after.get(k)]
            if changed:
                log.save_week(week)
        if build:
            _rebuild(log)
    return result


def _redraft(paper: Paper, record: ArxivRecord, log: Log, result: RefreshResult) -> None:
    """A new draft summary from the record (kept summaries, and failed drafts, leave it as it is)."""
    if "summary" in paper.keep:
        result.notes.append(f"{paper.id}: summary kept as written (keep: [summary]); not re-drafted")
        return
    try:
        drafted = draft_summary_for(record.title, record.abstract, log.config, log.root)
    except PaperweekError as exc:
        result.warnings.append(f"{paper.id}: no new draft summary ({exc}); the old one is kept")
        return
    if drafted.strip():
        paper.summary = " ".join(drafted.split())


def _apply_refresh(
    paper: Paper, fresh: Paper, record: ArxivRecord, overwrite: bool, notes: list[str], week: Week, index: int
) -> None:
    where = f"{week_label(week.start)}, ({index + 1}) {paper.id}"
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
