"""Small helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from paperweek.errors import InputError, ItemsFailed
from paperweek.operations.fetcher import Fetcher, Progress
from paperweek.safetext import for_terminal
from paperweek.store import Log, open_log
from paperweek.words import plural

__all__ = ["plural"]  # the commands count nouns with it (paperweek.words owns it)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from paperweek.operations.add import AddResult
    from paperweek.operations.from_arxiv import Failure

NAMED = 3  # ids named on a failure line that stands for many papers
REASONS = 5  # distinct reasons shown before the rest are only counted


def say(message: str) -> None:
    """A progress or problem line: stderr, so stdout stays clean for --json."""
    click.echo(for_terminal(message), err=True)


def for_console(text: str) -> str:
    """Logged text for a rich console: control characters made visible, rich markup escaped."""
    from rich.markup import escape

    return escape(for_terminal(text))


def report_failures(failures: Sequence[Failure], *, verbose: bool = False) -> None:
    """Why papers failed: one line per paper under ``-v`` (or when one failed), else one line per reason
    with a count, so that a network outage over 1,000 papers is a line, not 1,000 of them."""
    if verbose or len(failures) == 1:
        for failure in failures:
            say(f"paperweek: {failure.ref}: {failure.why}")
        return
    groups: dict[str, list[str]] = {}
    for failure in failures:
        groups.setdefault(failure.why, []).append(failure.ref)
    for why, refs in list(groups.items())[:REASONS]:
        if len(refs) == 1:
            say(f"paperweek: {refs[0]}: {why}")
            continue
        more = f" and {len(refs) - NAMED} more" if len(refs) > NAMED else ""
        say(f"paperweek: {len(refs)} failed ({', '.join(refs[:NAMED])}{more}; -v lists each): {why}")
    if len(groups) > REASONS:
        rest = sum(len(refs) for refs in list(groups.values())[REASONS:])
        say(f"paperweek: {plural(rest, 'more failure')} for {plural(len(groups) - REASONS, 'other reason')}; "
            "-v lists each")


def report_add(
    result: AddResult, total_inputs: int, *, what: str = "input", added_to_stderr: bool = False, quiet: bool = False,
    verbose: bool | None = None,
) -> None:
    """Print what ``operations.add.add_arxiv`` did, and raise the right exit status for what failed.

    ``verbose``: the command's ``-v`` (None for a command without one: every failure on its line)."""
    for added in [] if quiet else result.added:
        click.echo(f"added {added.paper.id}  {added.paper.title}  -> {added.where}",
                   err=added_to_stderr)
    for note in result.already:
        say(f"paperweek: {note}")
    for warning in result.warnings:
        say(f"paperweek: warning: {warning}")
    if result.readme_written and not quiet:
        say("paperweek: README rebuilt")
    report_failures(result.failed, verbose=verbose is None or verbose)
    if result.failed:
        if result.invalid_inputs == total_inputs:
            if total_inputs == 1:
                raise InputError(f"the {what} given is not an arXiv id or link; nothing written")
            raise InputError(f"none of the {total_inputs} {what}s is an arXiv id or link; nothing written")
        written = "nothing written" if not result.added else f"{len(result.added)} added"
        raise ItemsFailed(f"{len(result.failed)} of {plural(total_inputs, what)} failed ({written})")


def console(stderr: bool = False) -> Any:
    """A rich console that wraps lines only on a terminal: piped output keeps each line whole."""
    from rich.console import Console

    class PipedConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError  # cli.main's one rule for a reader that went away (rich would exit 1)

    stream = sys.stderr if stderr else sys.stdout
    return PipedConsole(file=stream, highlight=False, soft_wrap=not stream.isatty())


def log_dir(ctx: click.Context) -> Path | None:
    """The ``--dir`` given to ``paperweek`` (None: search upwards)."""
    root = ctx.find_root()
    obj = root.obj or {}
    value = obj.get("dir")
    return value if isinstance(value, Path) else None


def open_log_from(ctx: click.Context) -> Log:
    """The command's log; its notes (e.g. README.md kept for its hand edits) are printed at the end."""
    log = open_log(log_dir(ctx))

    def print_notes() -> None:
        for note in log.notes:
            say(f"paperweek: warning: {note}")

    ctx.call_on_close(print_notes)
    return log


def fetcher(*, offline: bool = False, refresh: bool = False, progress: Progress | None = None) -> Fetcher:
    """The run's one fetcher: the flags, the progress bar, and each retried request said on stderr."""
    return Fetcher(offline=offline, refresh=refresh, progress=progress, on_retry=lambda m: say(f"paperweek: {m}"))


def print_json(data: Any) -> None:
    """Machine-readable output: JSON on stdout and nothing else there."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
