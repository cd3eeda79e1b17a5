"""Commands that read the log: list, show."""

from __future__ import annotations

import click

from paperweek.cli.common import console, for_console, open_log_from, plural, print_json
from paperweek.cli.options import (
    YEAR,
    WeekRef,
    complete_paper_ids,
    complete_tags,
    holding,
    logged_year,
    week_option,
)
from paperweek.days import week_year
from paperweek.errors import InputError
from paperweek.serialize import paper_dict
from paperweek.tags import effective_tags, has_tags

ID_WIDTH = 40  # the id column is as wide as the longest id shown, up to this; a longer id gets its own line


@click.command(name="list")
@week_option()
@click.option(
    "--tag", "tags", multiple=True, shell_complete=complete_tags,
    help="Only papers with this tag (explicit or automatic); repeatable.",
)
@click.option("--year", type=YEAR, default=None, help="Only weeks listed under this year.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many papers (newest first).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def list_(
    ctx: click.Context,
    week: WeekRef | None,
    tags: tuple[str, ...],
    year: int | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List logged papers, newest week first."""
    log = open_log_from(ctx)
    weeks = holding(log.weeks, week.logged_day(log) if week else None)
    if logged_year(log, year) is not None:
        weeks = [w for w in weeks if week_year(w.start) == year]
    rows = [(w, n, p) for w in weeks for n, p in w.numbered()]
    if tags:
        rows = [(w, n, p) for w, n, p in rows if has_tags(p, log.config, tags)]
    per_week = {id(w): sum(1 for x, _, _ in rows if x is w) for w in weeks}  # before --limit
    rows = rows[:limit] if limit is not None else rows
    if as_json:
        print_json([paper_dict(p, w, n) | {"tags": effective_tags(p, log.config)} for w, n, p in rows])
        return
    escape = for_console

    out = console()
    width = min(ID_WIDTH, max((len(p.id) for _, _, p in rows), default=0))
    number_width = max((len(str(n)) for _, n, _ in rows), default=1)
    shown = None
    for each, number, paper in rows:
        if each is not shown:
            shown = each
            count = plural(per_week[id(each)], "paper")
            out.print(f"[bold]{each.start.isoformat()} – {each.last_day.isoformat()}[/bold]  ({count})")
        released = paper.released.isoformat() if paper.released else " " * 10
        lead = f"  {f'({number})':>{number_width + 2}} "
        if len(paper.id) > width:  # too long for the column: the id alone, the rest aligned below it
            out.print(f"{lead}{escape(paper.id)}")
            out.print(f"{' ' * len(lead)}{' ' * width} {released}  {escape(paper.title)}")
            continue
        out.print(f"{lead}{escape(paper.id) + ' ' * (width - len(paper.id))} {released}  {escape(paper.title)}")


@click.command()
@click.argument("ref", shell_complete=complete_paper_ids)
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def show(ctx: click.Context, ref: str, as_json: bool) -> None:
    """Show one logged paper (by arXiv id, URL or id)."""
    log = open_log_from(ctx)
    found = log.find(ref)
    if found is None:
        raise InputError(f"{ref}: not in this log; see `paperweek list`")
    week, paper = found
    number = next(n for n, p in week.numbered() if p is paper)
    data = paper_dict(paper, week, number)
    if as_json:
        print_json(data)
        return
    escape = for_console

    out = console()
    out.print(f"[bold]{escape(paper.title)}[/bold]")
    out.print(f"id: {escape(paper.id)}   week: {data['week']} – {data['week_end']}   number: {number}")
    for key in ("released", "authors", "categories", "tags", "comments", "journal_ref", "doi"):
        value = data[key]
        if value:
            text = ", ".join(value) if isinstance(value, list) else str(value)
            out.print(f"{key}: {escape(text)}")
    for link in paper.links:
        out.print(f"{escape(link.label)}: {escape(link.url)}")
    if paper.summary:
        out.print(f"\n{escape(paper.summary)}")
    if paper.abstract:
        out.print(f"\n[dim]abstract:[/dim] {escape(paper.abstract)}")
