"""``paperweek export``: logged papers as BibTeX, CSL-JSON, CSV or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from paperweek.cli.common import open_log_from, plural
from paperweek.cli.options import YEAR, WeekRef, complete_tags, logged_year, week_option
from paperweek.operations.export import export_log
from paperweek.store.atomic import write_text_atomic


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
@click.option("--year", type=YEAR, default=None, help="Only weeks listed under this year.")
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (default: stdout)."
)
@click.pass_context
def export(
    ctx: click.Context, fmt: str | None, week: WeekRef | None, tags: tuple[str, ...], year: int | None, out: Path | None
) -> None:
    """Export logged papers as BibTeX, CSL-JSON, CSV or JSON."""
    log = open_log_from(ctx)
    if out is not None:
        log.refuse_output(out, "-o")  # before anything is written, the citation keys included
    fmt = fmt or format_for(out)
    day = week.logged_day(log) if week else None
    def write(text: str) -> None:
        if out is not None:
            write_text_atomic(out, text)

    result = export_log(log, fmt, day=day, tags=tags, year=logged_year(log, year), write=write)
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
    if result.count == result.papers:
        click.echo(f"Wrote {plural(result.count, 'paper')} to {out} ({fmt})", err=True)
    else:  # a paper logged twice is cited once
        click.echo(f"Wrote {plural(result.count, 'entry', 'entries')} to {out} ({fmt}): {result.papers} logged papers, "
                   f"{result.papers - result.count} of them logged more than once and cited once", err=True)


SUFFIX_FORMATS = ((".csl.json", "csl-json"), (".bib", "bibtex"), (".csv", "csv"), (".json", "json"))


def format_for(out: Path | None) -> str:
    """``export``'s format when --format is not given: the output file's suffix says, else BibTeX."""
    name = out.name.lower() if out is not None else ""
    return next((fmt for suffix, fmt in SUFFIX_FORMATS if name.endswith(suffix)), "bibtex")
