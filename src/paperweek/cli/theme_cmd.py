"""``paperweek theme``: list the README themes, copy one into the log to edit it."""

from __future__ import annotations

import click

from paperweek.cli.common import open_log_from
from paperweek.operations.theme import copy as copy_theme
from paperweek.operations.theme import themes


@click.group()
def theme() -> None:
    """README themes: `theme list`, `theme copy NAME`."""


@theme.command(name="list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """The built-in themes and the log's own copies (* marks the one paperweek.toml names)."""
    log = open_log_from(ctx)
    for name, local in themes(log):
        where = "themes/" + name + "/ (the log's copy)" if local else "built in"
        mark = "*" if name == log.config.theme else " "
        click.echo(f"{mark} {name:<12} {where}")


@theme.command()
@click.argument("name")
@click.option("--as", "as_name", default=None, help="Name of the copy (default: NAME).")
@click.option("--force", is_flag=True, help="Replace an existing copy with the built-in files.")
@click.pass_context
def copy(ctx: click.Context, name: str, as_name: str | None, force: bool) -> None:
    """Copy built-in theme NAME into the log's themes/ folder; build then uses the copy."""
    log = open_log_from(ctx)
    target = copy_theme(log, name, as_name, force)
    used = as_name or name
    click.echo(f"Copied theme {name!r} to {target}/ (README.md.j2, theme.toml)")
    if log.config.theme == used:
        click.echo("paperweek.toml names this theme: edit the copy, then run `paperweek build`")
    else:
        click.echo(f'To use it, set theme = "{used}" under [log] in paperweek.toml, then run `paperweek build`')
