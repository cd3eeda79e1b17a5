"""Commands that find and cite: search, tag, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from paperweek.cli.common import console, open_log_from, plural, print_json, say
from paperweek.cli.options import WeekRef, complete_tag_args, complete_tags, week_option
from paperweek.safetext import for_terminal

MAX_LIMIT = 100_000  # more results than any log holds; SQLite cannot take a bigger LIMIT anyway

@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--tag", "tags", multiple=True, shell_complete=complete_tags, help="Only papers with this tag (repeatable: all must match)."
)
@click.option("--year", type=int, default=None, help="Only weeks listed under this year.")
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
    from paperweek.index.search import SearchIndex

    log = open_log_from(ctx)
    day = week.holding_day(log.config) if week else None
    text = " ".join(query)
    with SearchIndex(log) as index:
        index.refresh()
        hits = index.search(text, tags=tags, year=year, day=day, limit=limit)
        hint = None if hits else index.suggestion(text)
    if as_json:
        print_json([hit.to_json() for hit in hits])
        if hint:
            say(f"paperweek: no paper matches {text!r}; did you mean {hint}?")
        return
    from rich.text import Text

    from paperweek.index.query import MARK_END, MARK_START

    def marked(text: str, base: str = "") -> Text:
        out = Text(style=base)
        parts = text.split(MARK_START)
        out.append(for_terminal(parts[0]))
        for part in parts[1:]:
            hit, _, rest = part.partition(MARK_END)
            out.append(for_terminal(hit), style="bold yellow")
            out.append(for_terminal(rest))
        return out

    out = console()
    if not hits:
        out.print(Text(for_terminal(f"No papers match {text!r}."), style="dim"))
        if hint:
            out.print(Text(for_terminal(f"Did you mean {hint}?  paperweek search {hint}")))
        return
    for rank, hit in enumerate(hits, start=1):
        line = Text(f"{rank:>2}. ", style="dim")
        line.append_text(marked(hit.title_marked, "bold"))
        out.print(line)
        meta = f"    {hit.id} · week of {hit.week}"
        if hit.released:
            meta += f" · released {hit.released}"
        if hit.tags:
            meta += " · " + ", ".join(hit.tags)
        out.print(Text(for_terminal(meta), style="dim"))
        if hit.snippet:
            snippet = Text("    ")
            snippet.append_text(marked(hit.snippet))
            out.print(snippet)


class _TagCommand(click.Command):
    """``tag``'s completion: ``-name`` is a tag to remove, not an option, so offer tags for it too."""

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        found = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-") and not incomplete.startswith("--"):
            param = next(p for p in self.params if p.name == "args")
            found = complete_tag_args(ctx, param, incomplete) + found
        return found


@click.command(cls=_TagCommand, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED, shell_complete=complete_tag_args)
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
    default=None,
    help="bibtex, csl-json (Zotero, Pandoc), csv (header row) or json (all fields). "
    "Default: from the -o file's name (.bib, .csl.json, .csv, .json), else bibtex.",
)
@week_option()
@click.option(
    "--tag", "tags", multiple=True, shell_complete=complete_tags, help="Only papers with this tag (repeatable: all must match)."
)
@click.option("--year", type=int, default=None, help="Only weeks listed under this year.")
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (default: stdout)."
)
@click.pass_context
def export(
    ctx: click.Context, fmt: str | None, week: WeekRef | None, tags: tuple[str, ...], year: int | None, out: Path | None
) -> None:
    """Export logged papers as BibTeX, CSL-JSON, CSV or JSON."""
    from paperweek.export import export_log

    log = open_log_from(ctx)
    fmt = fmt or format_for(out)
    day = week.holding_day(log.config) if week else None
    from paperweek.store.atomic import write_text_atomic

    def write(text: str) -> None:
        if out is not None:
            write_text_atomic(out, text)

    result = export_log(log, fmt, day=day, tags=tags, year=year, write=write)
    if result.keys_fixed:
        n = result.keys_fixed
        click.echo(
            f"Recorded the citation key{'s' if n != 1 else ''} of {plural(n, 'paper')} "
            "in the week files (citekey); they will not change. Commit them.",
            err=True,
        )
    if out is None:
        click.echo(result.text, nl=False)
        return
    click.echo(f"Wrote {plural(result.count, 'paper')} to {out} ({fmt})", err=True)


SUFFIX_FORMATS = ((".csl.json", "csl-json"), (".bib", "bibtex"), (".csv", "csv"), (".json", "json"))


def format_for(out: Path | None) -> str:
    """``export``'s format when --format is not given: the output file's suffix says, else BibTeX."""
    name = out.name.lower() if out is not None else ""
    return next((fmt for suffix, fmt in SUFFIX_FORMATS if name.endswith(suffix)), "bibtex")
