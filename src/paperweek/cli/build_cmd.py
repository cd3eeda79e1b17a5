"""``paperweek build``: README.md from the week files (``--check``: only say whether it is stale).

Its own module so that ``build`` imports only what it needs (it is in the start-up benchmark).
"""

from __future__ import annotations

import click

from paperweek.cli.common import open_log_from
from paperweek.operations.build import build as build_readme
from paperweek.operations.build import readme_stale


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if README.md is out of date.")
@click.option("--force", is_flag=True, help="Replace README.md even when it was edited by hand.")
@click.pass_context
def build(ctx: click.Context, check_only: bool, force: bool) -> int:
    """Regenerate README.md from the week files."""
    log = open_log_from(ctx)
    if check_only:
        difference = readme_stale(log)
        if difference:
            click.echo(difference, err=True)
            return 1
        click.echo(f"{log.readme_path} is up to date")
        return 0
    written = build_readme(log, force=force)
    click.echo(f"{'Wrote' if written else 'Unchanged:'} {log.readme_path}")
    return 0
