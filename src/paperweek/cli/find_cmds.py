"""Commands that find and cite: search, tag, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paperweek.cli.common import open_log_from, print_json
from paperweek.safetext import for_terminal

MAX_LIMIT = 100_000  # more results than any log holds; SQLite cannot take a bigger LIMIT anyway

if TYPE_CHECKING:
    from paperweek.config import Config


def _week_day(ref: str | None, config: Config) -> dt.date | None:
    """``--week``: a date inside the wanted week (``this``/``last`` resolve to the week's start)."""
    if ref is None:
        return None
    from paperweek.config import today
    from paperweek.errors import InputError
    from paperweek.ids import parse_date
    from paperweek.periods import resolve_period

    try:
        if ref.strip().lower() in ("this", "current", "today", "last", "previous"):
            return resolve_period(ref, today(), config.period, config.week_start)
        return parse_date(ref)
    except ValueError as exc:
        raise InputError(f"--week: {exc}") from exc


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--tag", "tags", multiple=True, help="Only papers with this tag (repeatable: all must match).")
@click.option("--year", type=int, default=None, help="Only weeks listed under this year.")
@click.option("--week", "week_ref", default=None, help="Only the week holding this date (or 'this', 'last').")
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
    week_ref: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of titles, summaries, abstracts, authors, links and tags.

    QUERY: words (all must match), "quoted phrases", prefix* words, AND / OR / NOT,
    and column filters such as title:diffusion.
    """
    from paperweek.index.search import search_log

    log = open_log_from(ctx)
    day = _week_day(week_ref, log.config)
    hits = search_log(log, " ".join(query), tags=tags, year=year, day=day, limit=limit)
    if as_json:
        print_json([hit.to_json() for hit in hits])
        return
    from rich.console import Console
    from rich.text import Text

    from paperweek.index.search import MARK_END, MARK_START

    def marked(text: str, base: str = "") -> Text:
        out = Text(style=base)
        parts = text.split(MARK_START)
        out.append(for_terminal(parts[0]))
        for part in parts[1:]:
            hit, _, rest = part.partition(MARK_END)
            out.append(for_terminal(hit), style="bold yellow")
            out.append(for_terminal(rest))
        return out

    console = Console(highlight=False)
    if not hits:
        console.print(Text(f"No papers match {' '.join(query)!r}.", style="dim"))
        return
    for rank, hit in enumerate(hits, start=1):
        line = Text(f"{rank:>2}. ", style="dim")
        line.append_text(marked(hit.title_marked, "bold"))
        console.print(line)
        meta = f"    {hit.id} · week of {hit.week}"
        if hit.released:
            meta += f" · released {hit.released}"
        if hit.tags:
            meta += " · " + ", ".join(hit.tags)
        console.print(Text(meta, style="dim"))
        if hit.snippet:
            snippet = Text("    ")
            snippet.append_text(marked(hit.snippet))
            console.print(snippet)


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def tag(ctx: click.Context, args: tuple[str, ...], as_json: bool) -> None:
    """Add (+name) or remove (-name) tags of papers; with no arguments, list every tag.

    \b
    paperweek tag 2404.11018 +llm -vision
    paperweek tag 2404.11018 2404.07143 +reading-group
    paperweek tag                      (all tags, with counts)
    paperweek tag 2404.11018           (that paper's tags)
    """
    from paperweek.tags import edit_tags, effective_tags, parse_tag_ops, tag_counts

    log = open_log_from(ctx)
    refs, ops = parse_tag_ops(args)
    if not refs and not ops:
        counts = tag_counts(log)
        if as_json:
            print_json([{"tag": name, "papers": count} for name, count in counts])
            return
        for name, count in counts:
            click.echo(for_terminal(f"{count:>6}  {name}"))
        return
    changes = edit_tags(log, refs, ops)
    if as_json:
        print_json(
            [
                {
                    "id": change.paper.id,
                    "week": change.week.start.isoformat(),
                    "tags": change.after,
                    "effective_tags": effective_tags(change.paper, log.config),
                    "changed": change.changed,
                }
                for change in changes
            ]
        )
        return
    for change in changes:
        status = "updated" if change.changed else "unchanged"
        tags = ", ".join(effective_tags(change.paper, log.config)) or "(no tags)"
        click.echo(for_terminal(f"{change.paper.id}: {tags}  [{status}]"))


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "csl-json", "csv", "json"]),
    required=True,
    help="bibtex (biblatex @misc), csl-json (Zotero, Pandoc), csv (header row) or json (all fields).",
)
@click.option("--week", "week_ref", default=None, help="Only the week holding this date (or 'this', 'last').")
@click.option("--tag", "tags", multiple=True, help="Only papers with this tag (repeatable: all must match).")
@click.option("--year", type=int, default=None, help="Only weeks listed under this year.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (default: stdout).")
@click.pass_context
def export(
    ctx: click.Context, fmt: str, week_ref: str | None, tags: tuple[str, ...], year: int | None, out: Path | None
) -> None:
    """Export logged papers as BibTeX, CSL-JSON, CSV or JSON."""
    from paperweek.export import export_log

    log = open_log_from(ctx)
    day = _week_day(week_ref, log.config)
    from paperweek.store.atomic import write_text_atomic

    def write(text: str) -> None:
        if out is not None:
            write_text_atomic(out, text)

    result = export_log(log, fmt, day=day, tags=tags, year=year, write=write)
    if result.keys_fixed:
        n = result.keys_fixed
        click.echo(
            f"Recorded the citation key{'s' if n != 1 else ''} of {n} paper{'s' if n != 1 else ''} "
            "in the week files (citekey); they will not change. Commit them.",
            err=True,
        )
    if out is None:
        click.echo(result.text, nl=False)
        return
    click.echo(f"Wrote {result.count} papers to {out} ({fmt})", err=True)
