"""``paperweek search``: full-text search of the log, ranked, with snippets."""

from __future__ import annotations

import datetime as dt

import click

from paperweek.cli.common import console, open_log_from, print_json, say
from paperweek.cli.options import YEAR, WeekRef, complete_tags, logged_year, week_option
from paperweek.operations.locate import period_in_words
from paperweek.operations.search import highlighted
from paperweek.operations.search import search as search_log
from paperweek.safetext import for_terminal

INDENT = 4  # columns before a result's details
MAX_LIMIT = 100_000  # more results than any log holds; SQLite cannot take a bigger LIMIT anyway


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--tag", "tags", multiple=True, shell_complete=complete_tags, help="Only papers with this tag (repeatable: all must match)."
)
@click.option("--year", type=YEAR, default=None, help="Only weeks listed under this year.")
@week_option()
@click.option(
    "--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=20, show_default=True, help="At most this many results."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    tags: tuple[str, ...],
    year: int | None,
    week: WeekRef | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of titles, summaries, abstracts, authors, links and tags.

    QUERY: words (all must match), "quoted phrases", prefix* words, AND / OR / NOT,
    and column filters such as title:diffusion.
    """
    log = open_log_from(ctx)
    day = week.logged_day(log) if week else None
    text = " ".join(query)
    found = search_log(log, text, tags=tags, year=logged_year(log, year), day=day, limit=limit)
    hits, hint = found.hits, found.suggestion
    if as_json:
        print_json([hit.to_json() for hit in hits])
        if hint:
            say(f"paperweek: no paper matches {text!r}; did you mean {hint}?")
        return
    from rich.text import Text

    def marked(text: str, base: str = "") -> Text:
        out = Text(style=base)
        for piece, match in highlighted(text):
            out.append(for_terminal(piece), style="bold yellow" if match else "")
        return out

    out = console()
    if not hits:
        out.print(Text(for_terminal(f"No papers match {text!r}."), style="dim"))
        if hint:
            out.print(Text(for_terminal(f"Did you mean {hint}?  paperweek search {hint}")))
        return
    indent = max(INDENT, len(f"{len(hits):>2}. "))

    def hanging(head: Text, body: Text) -> None:
        """``head`` in the first ``indent`` columns, then ``body``; the lines a terminal wraps start
        under ``body`` too (piped output keeps each line whole)."""
        if out.is_terminal:
            from rich.table import Table

            grid = Table.grid()
            grid.add_column(width=indent, no_wrap=True)
            grid.add_column()
            grid.add_row(head, body)
            out.print(grid)
        else:
            out.print(Text(" " * (indent - len(head))) + head + body)

    def indented(text: Text) -> None:
        hanging(Text(), text)

    for rank, hit in enumerate(hits, start=1):
        # the number faded, the title bold (not both)
        hanging(Text(f"{rank:>2}. ", style="dim"), marked(hit.title_marked, "bold"))
        meta = f"{hit.id} · {period_in_words(dt.date.fromisoformat(hit.week), log.config.period, short=True)}"
        if hit.released:
            meta += f" · released {hit.released}"
        if hit.tags:
            meta += " · " + ", ".join(hit.tags)
        indented(Text(for_terminal(meta), style="dim"))
        if hit.snippet:
            indented(marked(hit.snippet))
