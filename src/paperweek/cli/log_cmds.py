"""Commands that make a log: init, import (``demo``, which also builds a website, is ``demo_cmd``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from paperweek.cli.common import log_dir, plural
from paperweek.errors import InputError
from paperweek.operations.build import build
from paperweek.operations.create import WORKFLOW_PATH, import_readme, init_log
from paperweek.periods import PERIODS


def _target(ctx: click.Context) -> Path:
    return log_dir(ctx) or Path.cwd()


@click.command()
@click.option("--title", default=None, help="The README's title (default: Papers of the Week, Day or Month).")
@click.option("--period", type=click.Choice(PERIODS), default="week", show_default=True,
              help="How the log is cut: one file and one README section per day, week or month.")
@click.option(
    "--github-actions", is_flag=True, help="Also write a workflow: check on pull requests, deploy the site to GitHub Pages."
)
@click.pass_context
def init(ctx: click.Context, title: str | None, period: str, github_actions: bool) -> None:
    """Start a new log here (or in --dir): paperweek.toml, weeks/, .gitignore, README.md."""
    log = init_log(_target(ctx), title, github_actions=github_actions, period=period)
    build(log)
    click.echo(f"Started a log in {log.root}: paperweek.toml, {log.config.weeks_dir}/, README.md")
    if github_actions:
        click.echo(
            f"Wrote {log.root / WORKFLOW_PATH}: `paperweek check` on pull requests, "
            "the site deployed to GitHub Pages from main"
        )
    click.echo("Next: paperweek add 2404.11018")


@click.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import what can be read; list the rows that cannot.")
@click.option("-v", "--verbose", "--report", "report", is_flag=True, help="Print items read and papers made per period.")
@click.option("-q", "--quiet", is_flag=True, help="Print only skipped rows and the final line, not the notes.")
@click.option("--date", "undated", default=None, metavar="YYYY-MM-DD",
              help="For a list with no dated heading and no dated item: the day whose week holds its items.")
@click.option("--strict", is_flag=True,
              help="Refuse the list on any doubt about its dates (a heading not understood, no date at all).")
@click.pass_context
def import_(ctx: click.Context, source: Path, skip_bad: bool, report: bool, quiet: bool, undated: str | None,
            strict: bool) -> int:
    """Read an existing list of papers (a README of weekly tables, or any list of the genre) into a new log."""
    day = None
    if undated is not None:
        try:
            day = dt.date.fromisoformat(undated)
        except ValueError as exc:
            raise InputError(f"--date {undated!r}: not a date; write it as YYYY-MM-DD") from exc
    result = import_readme(source, _target(ctx), skip_bad=skip_bad, undated=day, strict=strict)
    verbatim = sum(len(rows) for rows in result.verbatim.values())
    if report:
        for period in result.rows:
            placed = f" (placed by {period.placed_by})" if period.placed_by else ""
            text = f", {plural(period.text_lines, 'line')} kept as text" if period.text_lines else ""
            click.echo(f"{result.log.config.period} {period.start}: {plural(period.read, 'item')} read, "
                       f"{plural(period.kept, 'paper')} made{text}{placed}")
            for line in result.verbatim.get(period.start, []):
                click.echo(f"  {line}")
    for note in [] if quiet else result.notes:
        click.echo(f"note: {note}")
    for skipped in result.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    weeks = len(result.rows)
    papers = sum(period.kept for period in result.rows)
    periods = plural(weeks, result.log.config.period)
    theme = f"theme {result.theme}" + (f", inferred and written to themes/{result.theme}/" if result.inferred_theme else "")
    items = sum(period.read for period in result.rows)
    by: dict[str, int] = {}
    for period in result.rows:
        if period.placed_by:
            by[period.placed_by] = by.get(period.placed_by, 0) + 1
    placed = f", placed by {', '.join(f'{how} ({n})' for how, n in by.items())}" if by else ""
    click.echo(f"Imported {plural(papers, 'paper')} in {periods} into {result.log.root} ({theme}); "
               f"{plural(items, 'item')} read{placed}; next: paperweek build")
    if verbatim and not report and not quiet:
        click.echo(f"{plural(verbatim, 'row')} kept exactly as written (not split into fields); list them with --report")
    return 1 if result.skipped else 0
