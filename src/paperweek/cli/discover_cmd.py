"""``paperweek discover``: rank new arXiv papers by what this log highlights (thin over paperweek.discover)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from paperweek.cli.common import fetcher, open_log_from, plural, print_json, report_add, say
from paperweek.days import format_date, parse_date
from paperweek.errors import InputError
from paperweek.models import ARXIV_LIMITS
from paperweek.operations.discover import (
    RANKING_OPTIONS,
    DiscoverResult,
    add_ranked,
    discover_papers,
    dismiss_ranked,
    parse_add,
    parse_categories,
    split_sentences,
)
from paperweek.store import dismissed


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
    "--dismiss", "dismiss_items", default=None, metavar="IDS|RANKS",
    help="Never show these papers again (ids, or ranks of the listing printed last); they count as not wanted. "
         "Kept in the log's dismissed.txt.",
)
@click.option("--offline", is_flag=True, help="With --add: use only what is cached (ingested candidates, metadata).")
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
    dismiss_items: str | None,
    offline: bool,
    method: str,
) -> None:
    """Rank new arXiv papers by how likely this log would highlight them.

    Candidates come from --candidates files and/or the arXiv API (--arxiv CATS --since DATE)
    and are kept in .paperweek/cache.sqlite; without --since, those first submitted in the
    14 days up to the end of the current week are ranked. Papers already logged are left out.
    """
    given = _ranking_options(ctx, files, arxiv, since, until, top, method)
    if add_items is not None or dismiss_items is not None:
        if add_items is not None and dismiss_items is not None:
            raise InputError("give --add or --dismiss, not both")
        _act_on_listing(ctx, add_items, dismiss_items, given, offline, as_json)
        return
    if offline:
        raise InputError("--offline goes with --add (ranking reads only the cache anyway; --arxiv asks the API)")
    since_day, until_day = _date(since, "--since"), _date(until, "--until")
    if until_day is not None and since_day is None:
        raise InputError("--until needs --since DATE")
    cats = parse_categories(arxiv) if arxiv is not None else []
    log = open_log_from(ctx)
    bar = _Bar()
    run = fetcher()  # the arXiv search (--arxiv) goes through the run's client, its retries said like add's
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
            arxiv_client=run.arxiv if cats else None,
            on_stage=bar.stage,
            listing_options={"candidates": _recorded(files), "arxiv": sorted(cats), "top": top, "method": method},
        )
    finally:
        run.close()
        bar.stop()
    if as_json:
        print_json([r.to_json() for r in result.results])
    else:
        _print_results(result, explain)
    if result.choice and (explain or not as_json):
        say(f"paperweek: views: {result.choice}")
    if not result.results:
        _say_where_candidates_are(result)
    if result.cut:
        say(f"paperweek: {result.cut:,} candidate records had a title, abstract or comments longer than arXiv "
            f"allows (at most {', '.join(f'{ARXIV_LIMITS[k]:,} for the {k}' for k in ('title', 'abstract', 'comments'))}"
            " characters); they were stored cut to that")
    say(
        f"discover: {result.seen:,} candidates seen, {result.new:,} new, {result.ranked:,} ranked "
        f"against {result.positives:,} logged papers ({result.since} to {result.until or 'now'}) "
        f"in {result.seconds:.1f} s"
    )


def _say_where_candidates_are(result: DiscoverResult) -> None:
    """No candidates in the window: say where the ingested ones are, and the --since that reaches them."""
    window = f"released {result.since} to {result.until}" if result.until else f"released since {result.since}"
    n, first, last = result.cached
    if not n:
        say(f"paperweek: no candidates {window}: none are ingested yet; ingest some with --candidates FILE "
            "or --arxiv CATS")
        return
    reach = dt.date.fromisoformat(last) - dt.timedelta(days=13)
    say(f"paperweek: no candidates {window}; the {n:,} ingested papers were released {first} to {last}: "
        f"rank their last 14 days with --since {reach} --until {last}")


def _print_results(result: DiscoverResult, explain: bool) -> None:
    if not result.results:
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


def _recorded(files: tuple[Path, ...]) -> list[str]:
    """``--candidates`` files as a saved listing records them (and a repeated option is compared)."""
    return sorted(str(p.resolve()) for p in files)


def _ranking_options(ctx: click.Context, files: tuple[Path, ...], arxiv: str | None, since: str | None,
                     until: str | None, top: int, method: str) -> dict[str, Any]:
    """The ranking options given on the command line, normalised as a saved listing records them."""
    values: dict[str, Any] = {
        "candidates": lambda: _recorded(files),
        "arxiv": lambda: sorted(parse_categories(arxiv or "")),
        "since": lambda: str(_date(since, "--since")),
        "until": lambda: str(_date(until, "--until")),
        "top": lambda: top,
        "method": lambda: method,
    }
    given = {}
    for name in RANKING_OPTIONS:
        param = "files" if name == "candidates" else name
        if ctx.get_parameter_source(param) not in (ParameterSource.DEFAULT, None):
            given[name] = values[name]()
    return given


def _act_on_listing(ctx: click.Context, add_text: str | None, dismiss_text: str | None, given: dict[str, Any],
                    offline: bool, as_json: bool) -> None:
    """``--add`` / ``--dismiss``: arXiv ids or ranks of the saved listing (whose ranking options may be repeated)."""
    verb = "add" if add_text is not None else "dismiss"
    items = parse_add(add_text if add_text is not None else dismiss_text or "", verb)  # syntax first
    log = open_log_from(ctx)
    if dismiss_text is not None:
        ids, new, matched = dismiss_ranked(log, items, given)
        if matched:
            say(f"paperweek: {matched}")
        kept = len(ids) - len(new)
        say(f"dismissed {plural(len(new), 'paper')}{f' ({kept} already dismissed)' if kept else ''}: "
            f"{', '.join(ids)}; they will not be shown again ({dismissed.FILE})")
        return
    with fetcher(offline=offline) as run:
        added, asked, matched = add_ranked(log, items, given, fetcher=run)
    if matched:
        say(f"paperweek: {matched}")
    if as_json:  # stdout stays JSON: the ids added (the report goes to stderr)
        print_json([{"id": a.paper.id, "week": a.week.isoformat()} for a in added.added])
    report_add(added, asked, what="paper", added_to_stderr=as_json)
