"""``paperweek check``: the log's problems, one line each (``--online``: compared with arXiv too)."""

from __future__ import annotations

import click

from paperweek.cli.common import fetcher, open_log_from, plural
from paperweek.operations.check import check_log


@click.command()
@click.option("--online", is_flag=True, help="Also compare rows with arXiv (titles, v1 dates) and test that links resolve.")
@click.option("--refresh", is_flag=True, help="With --online: fetch arXiv metadata again instead of using the cache.")
@click.pass_context
def check(ctx: click.Context, online: bool, refresh: bool) -> int:
    """Report problems in the log and its README (exit 1 if any)."""
    log = open_log_from(ctx)
    with fetcher(refresh=refresh) as run:  # nothing is imported or opened for it unless --online asks arXiv
        problems = check_log(log, online=online, fetcher=run)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(plural(len(problems), "problem"), err=True)
        return 1
    papers = sum(len(w.papers) for w in log.weeks)
    click.echo(f"ok: {plural(len(log.weeks), log.config.period)}, {plural(papers, 'paper')}")
    return 0
