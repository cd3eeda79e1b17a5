"""Commands that make and publish a log: init, demo, import, build, check."""

from __future__ import annotations

from pathlib import Path

import click

from paperweek.cli.common import log_dir, open_log_from, rebuild_readme


def _target(ctx: click.Context) -> Path:
    return log_dir(ctx) or Path.cwd()


@click.command()
@click.option("--title", default=None, help="The README's title.")
@click.option(
    "--github-actions", is_flag=True, help="Also write a workflow: check on pull requests, deploy the site to GitHub Pages."
)
@click.pass_context
def init(ctx: click.Context, title: str | None, github_actions: bool) -> None:
    """Start a new log here (or in --dir): paperweek.toml, weeks/, .gitignore, README.md."""
    from paperweek.logops import init_log

    log = init_log(_target(ctx), title, github_actions=github_actions)
    with log.locked():
        rebuild_readme(log)
    click.echo(f"Started a log in {log.root}: paperweek.toml, {log.config.weeks_dir}/, README.md")
    if github_actions:
        from paperweek.site.workflow import WORKFLOW_PATH

        click.echo(
            f"Wrote {log.root / WORKFLOW_PATH}: `paperweek check` on pull requests, "
            "the site deployed to GitHub Pages from main"
        )
    click.echo("Next: paperweek add 2404.11018")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("paperweek-demo"))
def demo(directory: Path) -> None:
    """Build a complete example log in DIRECTORY from bundled sample data (no network)."""
    from paperweek.logops import demo_log
    from paperweek.site import build_site

    log = demo_log(directory)
    with log.locked():
        rebuild_readme(log)
    site = build_site(log)
    papers = sum(len(w.papers) for w in log.weeks)
    click.echo(f"Demo log with {len(log.weeks)} weeks and {papers} papers in {log.root}")
    click.echo(f"  README:     {log.readme_path}")
    click.echo(f"  week files: {log.weeks_dir}/")
    click.echo(f"  website:    {site.out / 'index.html'} (open it in a browser; search works offline)")
    click.echo(f"Try: paperweek --dir {directory} list")


@click.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import what can be read; list the rows that cannot.")
@click.option("--report", is_flag=True, help="Print items read and papers made per period.")
@click.option("--date", "undated", default=None, metavar="YYYY-MM-DD",
              help="For a list with no dated heading and no dated item: the day whose week holds its items.")
@click.pass_context
def import_(ctx: click.Context, source: Path, skip_bad: bool, report: bool, undated: str | None) -> int:
    """Read an existing list of papers (a README of weekly tables, or any list of the genre) into a new log."""
    import datetime as dt

    from paperweek.errors import InputError
    from paperweek.logops import import_readme

    day = None
    if undated is not None:
        try:
            day = dt.date.fromisoformat(undated)
        except ValueError as exc:
            raise InputError(f"--date {undated!r}: not a date; write it as YYYY-MM-DD") from exc
    result = import_readme(source, _target(ctx), skip_bad=skip_bad, undated=day)
    verbatim = sum(len(rows) for rows in result.verbatim.values())
    if report:
        for start, read, kept in result.rows:
            click.echo(f"{result.log.config.period} {start}: {read} items read, {kept} papers made")
            for line in result.verbatim.get(start, []):
                click.echo(f"  {line}")
    for note in result.notes:
        click.echo(f"note: {note}")
    for skipped in result.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    weeks = len(result.rows)
    papers = sum(kept for _, _, kept in result.rows)
    periods = f"{weeks} {result.log.config.period}{'s' if weeks != 1 else ''}"
    theme = f"theme {result.theme}" + (f", inferred and written to themes/{result.theme}/" if result.inferred_theme else "")
    click.echo(f"Imported {papers} papers in {periods} into {result.log.root} ({theme}); next: paperweek build")
    if verbatim and not report:
        click.echo(f"{verbatim} row(s) kept exactly as written (not split into fields); list them with --report")
    return 1 if result.skipped else 0


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if README.md is out of date.")
@click.option("--force", is_flag=True, help="Replace README.md even when it was edited by hand.")
@click.pass_context
def build(ctx: click.Context, check_only: bool, force: bool) -> int:
    """Regenerate README.md from the week files."""
    log = open_log_from(ctx)
    if check_only:
        from paperweek.checks import readme_difference
        from paperweek.render.readme import render_readme

        difference = readme_difference(render_readme(log.config, log.weeks, log.root), log.readme_path)
        if difference:
            click.echo(difference, err=True)
            return 1
        click.echo(f"{log.readme_path} is up to date")
        return 0
    with log.locked():
        written = rebuild_readme(log, force=force)
    click.echo(f"{'Wrote' if written else 'Unchanged:'} {log.readme_path}")
    return 0


@click.command()
@click.option("--online", is_flag=True, help="Also compare rows with arXiv (titles, v1 dates) and test that links resolve.")
@click.option("--refresh", is_flag=True, help="With --online: fetch arXiv metadata again instead of using the cache.")
@click.pass_context
def check(ctx: click.Context, online: bool, refresh: bool) -> int:
    """Report problems in the log and its README (exit 1 if any)."""
    from paperweek.checks import check_log

    log = open_log_from(ctx)
    problems = check_log(log)
    if online:
        from paperweek.sources.verify import online_problems

        problems += online_problems(log, refresh=refresh)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        return 1
    papers = sum(len(w.papers) for w in log.weeks)
    click.echo(f"ok: {len(log.weeks)} weeks, {papers} papers")
    return 0
