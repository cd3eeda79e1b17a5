"""``paperweek discover``: rank new arXiv papers by what this log highlights (thin over paperweek.discover)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from paperweek.cli.common import open_log_from, print_json, report_add, say
from paperweek.days import format_date, parse_date
from paperweek.errors import InputError
from paperweek.operations.discover import (
    DiscoverResult,
    add_ranked,
    discover_papers,
    parse_add,
    parse_categories,
    split_sentences,
)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from exc


class _Bar:
    """Progress on stderr while ingesting: a rich bar on a terminal, else a line every 10 %."""

    def __init__(self) -> None:
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        self._shown: dict[str, int] = {}
        self._tty = sys.stderr.isatty()

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if not self._tty:
            step = 10 * done // total if total else done // 1000
            if self._shown.get(label, -1) < step:
                self._shown[label] = step
                amount = f"{100 * done // total} %" if total else f"{done:,}"
                say(f"paperweek: {label}: {amount}")
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns: list[Any] = [TextColumn("{task.description}"), BarColumn()]
            if label.startswith("reading"):
                columns.append(DownloadColumn())
            else:
                columns.append(TextColumn("{task.completed:,.0f}/{task.total:,.0f}"))
            columns += [TimeElapsedColumn(), TimeRemainingColumn()]
            self._progress = Progress(*columns, console=Console(stderr=True), transient=True)
            self._progress.start()
        if label not in self._tasks:
            self._tasks[label] = self._progress.add_task(label, total=total)
        self._progress.update(self._tasks[label], completed=done, total=total)

    def stage(self, message: str) -> None:
        """A line saying what is being done (above a live bar, if one is shown)."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            say(f"paperweek: {message}")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@click.command("discover")
@click.option(
    "--candidates",
    "files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="arXiv OAI-snapshot JSON lines (plain or .gz) to ingest; repeatable.",
)
@click.option(
    "--arxiv", "arxiv", default=None, metavar="CATS",
    help="Only these categories, e.g. cs.CV,cs.CL: fetched from the arXiv API and filtered in the cache.",
)
@click.option("--since", default=None, metavar="DATE", help="First v1 date of candidates (default: 14 days to week's end).")
@click.option("--until", default=None, metavar="DATE", help="Last v1 date of candidates (with --since).")
@click.option("--top", default=20, show_default=True, type=int, help="How many results to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (only JSON on stdout).")
@click.option("--explain", is_flag=True, help="For each result: the closest logged paper and the terms that weighed most.")
@click.option(
    "--add", "add_items", default=None, metavar="IDS|RANKS",
    help="Add papers to the current week: arXiv ids, or ranks of the listing printed last (no ranking is done).",
)
@click.option(
    "--method",
    type=click.Choice(["default", "baseline"]),
    default="default",
    show_default=True,
    help="Ranker: the default, or the arxiv-sanity-lite baseline it is measured against.",
)
@click.pass_context
def discover(
    ctx: click.Context,
    files: tuple[Path, ...],
    arxiv: str | None,
    since: str | None,
    until: str | None,
    top: int,
    as_json: bool,
    explain: bool,
    add_items: str | None,
    method: str,
) -> None:
    """Rank new arXiv papers by how likely this log would highlight them.

    Candidates come from --candidates files and/or the arXiv API (--arxiv CATS --since DATE)
    and are kept in .paperweek/cache.sqlite; without --since, those first submitted in the
    14 days up to the end of the current week are ranked. Papers already logged are left out.
    """
    if add_items is not None:
        ranking = [name for name, given in (("--candidates", files), ("--arxiv", arxiv), ("--since", since),
                                            ("--until", until), ("--json", as_json), ("--explain", explain),
                                            ("--top", top != 20), ("--method", method != "default")) if given]
        if ranking:
            raise InputError(f"--add adds papers and does not rank; give it without {', '.join(ranking)}")
        _add(ctx, add_items)
        return
    since_day, until_day = _date(since, "--since"), _date(until, "--until")
    if until_day is not None and since_day is None:
        raise InputError("--until needs --since DATE")
    cats = parse_categories(arxiv) if arxiv is not None else []
    log = open_log_from(ctx)
    bar = _Bar()
    try:
        result = discover_papers(
            log,
            files=list(files),
            arxiv=cats,
            since=since_day,
            until=until_day,
            top=top,
            method=method,
            explain=explain,
            progress=bar,
            on_retry=lambda message: say(f"paperweek: {message}"),
            on_stage=bar.stage,
        )
    finally:
        bar.stop()
    if as_json:
        print_json([r.to_json() for r in result.results])
    else:
        _print_results(result, explain)
    say(
        f"discover: {result.seen:,} candidates seen, {result.new:,} new, {result.ranked:,} ranked "
        f"against {result.positives:,} logged papers ({result.since} to {result.until or 'now'}) "
        f"in {result.seconds:.1f} s"
    )


def _print_results(result: DiscoverResult, explain: bool) -> None:
    if not result.results:
        say("paperweek: no candidates in that date range; ingest some with --candidates FILE or --arxiv CATS")
        return
    width = len(str(len(result.results)))
    pad = " " * (width + 2)
    for r in result.results:
        released = format_date(dt.date.fromisoformat(r.released)) if r.released else "?"
        click.echo(f"{r.rank:>{width}}. {r.title}")
        click.echo(f"{pad}{r.url}  {released} · {' '.join(r.categories)} · score {r.score:.2f}")
        sentences = split_sentences(r.abstract)
        if sentences:
            click.echo(f"{pad}{sentences[0]}")
        if explain and r.explanation is not None:
            e = r.explanation
            click.echo(f"{pad}closest logged: {e.closest_id} {e.closest_title} (cosine {e.similarity:.2f})")
            if e.terms:
                click.echo(f"{pad}words: {', '.join(e.terms)}")
    click.echo(f"{pad}(add with: paperweek discover --add RANKS, e.g. --add 1,{min(2, len(result.results))})")


def _add(ctx: click.Context, text: str) -> None:
    """Add arXiv ids / ranks of the saved listing to the current week through `paperweek add`'s path."""
    items = parse_add(text)  # syntax first: nothing is done for a bad --add
    added, asked = add_ranked(open_log_from(ctx), items, on_retry=lambda message: say(f"paperweek: {message}"))
    report_add(added, asked, what="paper")
