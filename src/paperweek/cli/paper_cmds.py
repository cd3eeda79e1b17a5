"""``add``, ``remove``, ``move``, ``edit``, ``refresh``: thin commands over paperweek.operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from paperweek.cli.common import fetcher, open_log_from, plural, report_add, report_failures, say
from paperweek.cli.options import WeekRef, complete_paper_ids, week_option
from paperweek.errors import InputError, ItemsFailed
from paperweek.models import KEEPABLE, Paper
from paperweek.operations.add import add_arxiv, add_other
from paperweek.operations.draft import edit_loop
from paperweek.operations.edit import edit_paper
from paperweek.operations.locate import locate
from paperweek.operations.move import move_paper
from paperweek.operations.refresh import refresh_papers
from paperweek.operations.remove import remove_papers

MANY = 10  # show a progress bar from this many ids on


class _RichProgress:
    """A rich progress bar on stderr, started on first use."""

    def __init__(self) -> None:
        self._progress: Any = None

    def task(self, description: str, total: int) -> Callable[[int], None]:
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._progress.start()
        task_id = self._progress.add_task(description, total=total)
        progress = self._progress
        return lambda n: progress.advance(task_id, n)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _require_editor(instead: str) -> None:
    """Refuse at once when no editor can be started: click would fall back to vim, even with no
    terminal to show it in, and a missing program would only fail after the work before it."""
    import os
    import shlex
    import shutil

    how = f"set one, e.g. `export EDITOR=nano` (or $VISUAL), or {instead}"
    name = "VISUAL" if os.environ.get("VISUAL") else "EDITOR"
    command = os.environ.get(name, "").strip()
    if not command:
        raise InputError(f"no editor to open: $VISUAL and $EDITOR are not set; {how}")
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError) as exc:
        raise InputError(f"${name} {command!r} is not a command line; {how}") from exc
    if shutil.which(program) is None:
        raise InputError(f"${name} names {program!r}, which is not an installed program; {how}")


def _editor(check: Callable[[Paper], None] | None = None, *, instead: str) -> Callable[[Paper], Paper]:
    """$VISUAL/$EDITOR on a YAML draft, validated; invalid: re-open or abort."""
    _require_editor(instead)

    def open_editor(text: str) -> str | None:
        edited: str | None = click.edit(text, extension=".yaml", require_save=True)
        return edited

    def ask_reopen(message: str) -> bool:
        say(f"paperweek: {message}")
        return click.confirm("Re-open the editor? (no: abort, nothing is written)", default=True, err=True)

    return lambda paper: edit_loop(paper, open_editor, ask_reopen, check)


@click.command("add")
@click.argument("refs", nargs=-1, metavar="ID_OR_URL...")
@week_option("The week holding this date, 'this' (default) or 'last'.")
@click.option("--summary", default=None, help="The summary (Markdown) instead of the drafted one.")
@click.option("--repo", default=None, help="The Repo link, instead of the best code link found.")
@click.option("--edit", "edit", is_flag=True, help="Review each entry in $VISUAL/$EDITOR before it is saved.")
@click.option("--offline", is_flag=True, help="Use only cached metadata; no network.")
@click.option("--refresh", is_flag=True, help="Fetch metadata again even when cached.")
@click.option("--no-build", is_flag=True, help="Do not rebuild README.md.")
@click.option("--title", default=None, help="Not on arXiv: the item's title (with --url and --released).")
@click.option("--url", default=None, help="Not on arXiv: the item's link.")
@click.option("--released", default=None, help="Not on arXiv: its release date (YYYY-MM-DD or e.g. Apr 15th, 2024).")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and failures, not each paper added.")
@click.option("-v", "--verbose", is_flag=True, help="Say why each paper failed (default: one line per reason, counted).")
@click.pass_context
def add(
    ctx: click.Context,
    refs: tuple[str, ...],
    week: WeekRef | None,
    summary: str | None,
    repo: str | None,
    edit: bool,
    offline: bool,
    refresh: bool,
    no_build: bool,
    title: str | None,
    url: str | None,
    released: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Add papers from arXiv (ids or any arXiv/Hugging Face/alphaXiv/DOI link) to a week."""
    log = open_log_from(ctx)
    start = (week or WeekRef("this")).start(log.config)
    editor = _editor(instead="add without --edit") if edit else None
    other = (title, url, released)
    if any(v is not None for v in other):
        if refs:
            raise InputError("give either arXiv ids or --title/--url/--released, not both")
        if any(v is None for v in other):
            raise InputError("an item not on arXiv needs all of --title, --url and --released")
        assert title is not None and url is not None and released is not None
        result = add_other(
            log, title=title, url=url, released=released, week=start, repo=repo, summary=summary,
            build=not no_build, editor=editor,
        )
        report_add(result, 1, quiet=quiet)
        return
    if not refs:
        raise InputError("give at least one arXiv id or link, e.g. `paperweek add 2404.11018`")
    if len(refs) > 1 and (summary is not None or repo is not None):
        raise InputError("--summary and --repo apply to one paper; add the papers one at a time")
    progress = _RichProgress() if len(refs) >= MANY else None
    try:
        with fetcher(offline=offline, refresh=refresh, progress=progress) as run:
            result = add_arxiv(
                log, refs, week=start, summary=summary, repo=repo, build=not no_build, editor=editor, fetcher=run
            )
    finally:
        if progress is not None:
            progress.stop()
    report_add(result, len(refs), quiet=quiet, verbose=verbose)


@click.command("remove")
@click.argument("refs", nargs=-1, required=True, metavar="ID...", shell_complete=complete_paper_ids)
@click.option("--no-build", is_flag=True, help="Do not rebuild README.md.")
@click.pass_context
def remove(ctx: click.Context, refs: tuple[str, ...], no_build: bool) -> None:
    """Remove papers from the log (a week left empty is removed too)."""
    log = open_log_from(ctx)
    removal = remove_papers(log, refs, build=not no_build)
    removed, missing = removal.removed, removal.missing
    for line in removed:
        click.echo(line)
    for line in missing:
        say(f"paperweek: {line}")
    if missing and not removed:
        raise InputError("nothing removed")
    if missing:
        raise ItemsFailed(f"{len(missing)} of {len(refs)} not found")


@click.command("move")
@click.argument("ref", metavar="ID", shell_complete=complete_paper_ids)
@week_option("The week holding this date, 'this' or 'last'.")
@click.option("--position", type=click.IntRange(min=1), default=None, help="Put it at this row (1: first).")
@click.option(
    "--before", default=None, metavar="OTHER", shell_complete=complete_paper_ids, help="Place it just before paper OTHER."
)
@click.option(
    "--after", default=None, metavar="OTHER", shell_complete=complete_paper_ids, help="Place it just after paper OTHER."
)
@click.option("--no-build", is_flag=True, help="Do not rebuild README.md.")
@click.pass_context
def move(
    ctx: click.Context,
    ref: str,
    week: WeekRef | None,
    position: int | None,
    before: str | None,
    after: str | None,
    no_build: bool,
) -> None:
    """Move a paper to another week, or reorder it within its week."""
    log = open_log_from(ctx)
    start = week.start(log.config) if week is not None else None
    click.echo(
        move_paper(
            log, ref, week=start, position=position, before=before, after=after, build=not no_build
        )
    )


@click.command("edit")
@click.argument("ref", metavar="ID", shell_complete=complete_paper_ids)
@click.option("--title", default=None, help="New title (Markdown), without opening an editor.")
@click.option("--summary", default=None, help="New summary (Markdown), without opening an editor.")
@click.option("--repo", default=None, help="New Repo link ('' removes it), without opening an editor.")
@click.option(
    "--keep", "keep", multiple=True, type=click.Choice(KEEPABLE),
    help="Keep this field as written: refresh leaves it and check --online does not report it (repeatable).",
)
@click.option("--unkeep", "unkeep", multiple=True, type=click.Choice(KEEPABLE), help="Let refresh update this field again.")
@click.option("--no-build", is_flag=True, help="Do not rebuild README.md.")
@click.pass_context
def edit(
    ctx: click.Context,
    ref: str,
    title: str | None,
    summary: str | None,
    repo: str | None,
    keep: tuple[str, ...],
    unkeep: tuple[str, ...],
    no_build: bool,
) -> None:
    """Edit a logged paper in $VISUAL/$EDITOR (validated), or set fields directly."""
    log = open_log_from(ctx)
    _, paper = locate(log, ref)
    original = paper.id

    def check(edited: Paper) -> None:
        if edited.id != original and log.find(edited.id) is not None:
            raise InputError(f"id {edited.id!r} is already used by another paper; keep {original!r}")

    direct = any(v is not None for v in (title, summary, repo)) or bool(keep or unkeep)
    editor = None if direct else _editor(check, instead="set fields directly with --title, --summary or --repo")
    result = edit_paper(
        log, ref, editor=editor, title=title, summary=summary, repo=repo, keep=keep, unkeep=unkeep,
        build=not no_build,
    )
    click.echo(f"saved {result.id}")


@click.command("refresh")
@click.argument("refs", nargs=-1, metavar="[ID...]", shell_complete=complete_paper_ids)
@click.option("--overwrite", is_flag=True, help="Also take arXiv's title, v1 date and a missing Repo link.")
@click.option("--offline", is_flag=True, help="Use only cached metadata; no network.")
@click.option("--summary", "redraft", is_flag=True, help="Draft the summaries of the given papers again.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the final count, not each changed paper.")
@click.option("-v", "--verbose", is_flag=True, help="Say why each paper failed (default: one line per reason, counted).")
@click.option("--no-build", is_flag=True, help="Do not rebuild README.md.")
@click.pass_context
def refresh(
    ctx: click.Context,
    refs: tuple[str, ...],
    overwrite: bool,
    offline: bool,
    redraft: bool,
    quiet: bool,
    verbose: bool,
    no_build: bool,
) -> None:
    """Fetch metadata again for every logged arXiv paper (or the given ones), batched."""
    log = open_log_from(ctx)
    ids = refs or tuple(p.arxiv_id for _, p in log.papers() if p.arxiv_id)
    progress = _RichProgress() if len(ids) >= MANY else None
    try:
        with fetcher(offline=offline, progress=progress) as run:
            result = refresh_papers(log, refs, overwrite=overwrite, summary=redraft, build=not no_build, fetcher=run)
    finally:
        if progress is not None:
            progress.stop()
    for note in result.notes:
        say(f"paperweek: {note}")
    for warning in result.warnings:
        say(f"paperweek: warning: {warning}")
    report_failures(result.failed, verbose=verbose)
    if not quiet:
        for paper_id in result.updated:
            click.echo(f"{paper_id}: {', '.join(result.changed_fields.get(paper_id, []))}")
    checked = len(result.metadata.records) if result.metadata else 0
    click.echo(f"refreshed {plural(checked, 'paper')}; {len(result.updated)} changed")
    if result.failed:
        raise ItemsFailed(f"{plural(len(result.failed), 'paper')} could not be refreshed")
