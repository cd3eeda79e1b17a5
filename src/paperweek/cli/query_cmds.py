"""Commands that read the log: list, show."""

from __future__ import annotations

import click

from paperweek.cli.common import for_console, open_log_from, print_json


@click.command(name="list")
@click.option("--week", "week_ref", default=None, help="Only the week holding this date (or 'this', 'last').")
@click.option("--tag", "tags", multiple=True, help="Only papers with this tag (explicit or automatic); repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def list_(ctx: click.Context, week_ref: str | None, tags: tuple[str, ...], as_json: bool) -> None:
    """List logged papers, newest week first."""
    from paperweek.config import today
    from paperweek.errors import InputError
    from paperweek.periods import resolve_period
    from paperweek.serialize import numbered, paper_dict
    from paperweek.tags import effective_tags, has_tags

    log = open_log_from(ctx)
    weeks = log.weeks
    if week_ref is not None:
        try:
            start = resolve_period(week_ref, today(), log.config.period, log.config.week_start)
        except ValueError as exc:
            raise InputError(f"--week: {exc}") from exc
        weeks = [w for w in weeks if w.start == start]
    rows = [(w, n, p) for w in weeks for n, p in numbered(w)]
    if tags:
        rows = [(w, n, p) for w, n, p in rows if has_tags(p, log.config, tags)]
    if as_json:
        print_json([paper_dict(p, w, n) | {"tags": effective_tags(p, log.config)} for w, n, p in rows])
        return
    from rich.console import Console
    escape = for_console

    console = Console(highlight=False, soft_wrap=True)
    shown = None
    for week, number, paper in rows:
        if week is not shown:
            shown = week
            count = sum(1 for w, _, _ in rows if w is week)
            console.print(f"[bold]{week.start.isoformat()} – {week.last_day.isoformat()}[/bold]  ({count} papers)")
        released = paper.released.isoformat() if paper.released else "          "
        console.print(f"  ({number}) {escape(paper.id):<14} {released}  {escape(paper.title)}")


@click.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def show(ctx: click.Context, ref: str, as_json: bool) -> None:
    """Show one logged paper (by arXiv id, URL or id)."""
    from paperweek.errors import InputError
    from paperweek.serialize import numbered, paper_dict

    log = open_log_from(ctx)
    found = log.find(ref)
    if found is None:
        raise InputError(f"{ref}: not in this log; see `paperweek list`")
    week, paper = found
    number = next(n for n, p in numbered(week) if p is paper)
    data = paper_dict(paper, week, number)
    if as_json:
        print_json(data)
        return
    from rich.console import Console
    escape = for_console

    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{escape(paper.title)}[/bold]")
    console.print(f"id: {escape(paper.id)}   week: {data['week']} – {data['week_end']}   number: {number}")
    for key in ("released", "authors", "categories", "tags", "comments", "journal_ref", "doi"):
        value = data[key]
        if value:
            text = ", ".join(value) if isinstance(value, list) else str(value)
            console.print(f"{key}: {escape(text)}")
    for link in paper.links:
        console.print(f"{escape(link.label)}: {escape(link.url)}")
    if paper.summary:
        console.print(f"\n{escape(paper.summary)}")
    if paper.abstract:
        console.print(f"\n[dim]abstract:[/dim] {escape(paper.abstract)}")
