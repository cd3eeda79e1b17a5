"""``paperweek site`` and ``paperweek digest``: publish the log beyond the README."""

from __future__ import annotations

from pathlib import Path

import click

from paperweek.cli.common import open_log_from, plural, print_json
from paperweek.cli.options import WeekRef, week_option
from paperweek.operations.digest import read_intro, render_digest, week_name
from paperweek.operations.publish import build_site
from paperweek.periods import nouns
from paperweek.store.atomic import write_text_atomic


@click.command("site")
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to build into (default: <log>/_site). Replaced as a whole on success.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Absolute URL the site is served from (e.g. https://you.github.io/repo/); "
    "used only for the feed and canonical links. Default: [site] base_url.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what was built as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.pass_context
def site(ctx: click.Context, out: Path | None, base_url: str | None, as_json: bool, quiet: bool) -> None:
    """Build the static website: pages per period (week, day or month), tag and year, stats, search and an Atom feed."""
    log = open_log_from(ctx)
    if out is not None:
        log.refuse_output(out)
    result = build_site(log, out, base_url)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        print_json(
            {
                "out": str(result.out),
                "pages": len(result.pages),
                "papers": result.papers,
                "weeks": result.weeks,
                "tags": result.tags,
            }
        )
        return
    if quiet:
        return
    click.echo(
        f"Built {plural(len(result.pages), 'page')} ({plural(result.papers, 'paper')}, "
        f"{nouns(log.config.period).count(result.weeks)}, {plural(result.tags, 'tag')}) in {result.out}"
    )


@click.command("digest")
@week_option(
    "The week holding this date, this, last, or latest (the newest logged week).",
    allow_latest=True,
    default="latest",
    show_default=True,
)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True, help="Output format."
)
@click.option("--base-url", default=None, metavar="URL", help="The site's URL, for links to the web version.")
@click.option(
    "--intro",
    default=None,
    metavar="TEXT|FILE",
    help="The editor's note that opens the digest (Markdown), or a file holding it. Default: the week file's intro.",
)
@click.option(
    "--preheader",
    default=None,
    metavar="TEXT",
    help="The inbox preview line of the HTML digest. Default: the start of the note, else the week's titles.",
)
@click.option(
    "-o",
    "--out",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of standard output (--output: the same).",
)
@click.pass_context
def digest(
    ctx: click.Context,
    week: WeekRef,
    fmt: str,
    base_url: str | None,
    intro: str | None,
    preheader: str | None,
    output: Path | None,
) -> None:
    """Print a newsletter-ready digest of one week (Markdown, or HTML with inline CSS for e-mail)."""
    log = open_log_from(ctx)
    if output is not None:
        log.refuse_output(output, "-o")
    note = read_intro(intro) if intro is not None else None
    chosen = week.logged_week(log)
    text = render_digest(log, chosen, fmt, base_url, intro=note, preheader=preheader)
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomic(output, text)
    what = f"the digest of {week_name(log, chosen)} ({plural(len(chosen.papers), 'paper')})"
    click.echo(f"Wrote {what} to {output} ({fmt})", err=True)
