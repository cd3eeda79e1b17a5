"""Options shared by several commands, parsed one way: ``--week`` and ``--dir``.

``--week`` always means *the week holding this date* (``this``/``last``: the week
holding today / a week ago; ``latest``: the newest logged week, where allowed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from paperweek.cli.common import plural
from paperweek.config import Config
from paperweek.days import format_date, parse_date, week_year
from paperweek.errors import InputError, PaperweekError
from paperweek.models import Week
from paperweek.operations.tagging import tag_counts
from paperweek.periods import resolve_period, today
from paperweek.store import Log, open_log

F = TypeVar("F", bound=Callable[..., Any])

_THIS = ("this", "current", "today")
_LAST = ("last", "previous")
_LATEST = ("latest", "newest")

# ``--year``: a calendar year, as the date library can hold it (``--year 99999999999999999999`` is one
# line naming the option, not an OverflowError)
YEAR = click.IntRange(1, 9999)


@dataclass(frozen=True)
class WeekRef:
    """What ``--week`` named: a date, this/last week (``weeks_back`` 0/1), or the newest logged week."""

    text: str
    day: dt.date | None = None
    weeks_back: int = 0
    latest: bool = False

    def holding_day(self, config: Config) -> dt.date:
        """A date inside the named period, checked to have a whole period around it on the calendar."""
        start = self.start(config)
        return self.day if self.day is not None else start

    def start(self, config: Config) -> dt.date:
        """The first day of the named period (a week, or a day or month in such a log): where ``add`` and
        ``move`` file a paper. The log's ``[log] period`` decides (paperweek.periods owns the arithmetic)."""
        named = self.day.isoformat() if self.day is not None else ("last" if self.weeks_back else "this")
        try:
            return resolve_period(named, today(), config.period, config.week_start)
        except ValueError as exc:
            raise InputError(f"--week {self.text!r}: {exc}") from exc

    def logged_day(self, log: Log) -> dt.date:
        """A day of the logged week ``--week`` names: what list, search and export filter on. A week the
        log does not hold is the same one clear error as ``digest``'s, never an empty answer."""
        week = self.logged_week(log)
        return self.day if self.day is not None and week.start <= self.day <= week.last_day else week.start

    def logged_week(self, log: Log) -> Week:
        """The logged week holding the named date (``latest``: the newest), or one clear error."""

        weeks = log.weeks
        if self.latest:
            if not weeks:
                raise InputError(f"{log.root}: the log has no weeks yet; add papers first")
            return weeks[0]
        day = self.holding_day(log.config)
        found = holding(weeks, day)
        if found:
            return found[0]
        newest = f"; the newest logged week starts {weeks[0].start.isoformat()}" if weeks else ""
        raise InputError(f"--week {self.text!r}: no logged week holds {format_date(day)}{newest}")


def logged_year(log: Log, year: int | None) -> int | None:
    """``--year`` checked against the log, as ``--week`` is: a year no logged week is listed under is
    one clear error naming the years the log holds (what list, search and export filter on), never an
    empty answer."""
    if year is None:
        return None
    years = sorted({week_year(w.start) for w in log.weeks})
    if year in years:
        return year
    if not years:
        raise InputError(f"--year {year}: the log has no weeks yet; add papers first")
    raise InputError(f"--year {year}: no logged week is listed under {year}; the log holds {_spans(years)}")


def _spans(years: list[int]) -> str:
    """``[2019, 2020, 2021, 2024]`` -> ``2019-2021, 2024``: a long log's years in one short line."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def holding(weeks: list[Week], day: dt.date | None) -> list[Week]:
    """The weeks whose days include ``day`` (all of them when ``day`` is None)."""
    if day is None:
        return weeks
    return [w for w in weeks if w.start <= day <= w.last_day]


class WeekType(click.ParamType):  # type: ignore[type-arg]
    """``--week DATE|this|last`` (and ``latest`` where allowed), parsed once for every command."""

    name = "week"

    def __init__(self, allow_latest: bool = False) -> None:
        self.allow_latest = allow_latest

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "DATE|this|last|latest" if self.allow_latest else "DATE|this|last"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> WeekRef:
        if isinstance(value, WeekRef):
            return value

        text = str(value)
        lowered = text.strip().lower()
        if lowered in _THIS:
            return WeekRef(text)
        if lowered in _LAST:
            return WeekRef(text, weeks_back=1)
        if self.allow_latest and lowered in _LATEST:
            return WeekRef(text, latest=True)
        try:
            return WeekRef(text, day=parse_date(text))
        except ValueError as exc:
            others = "this, last or latest" if self.allow_latest else "'this' or 'last'"
            # One line and exit 2, like every input error (click's usage block is not needed here).
            raise InputError(f"--week {text!r}: {exc}; or use {others}") from exc


def week_option(help_text: str = "Only the week holding this date (or 'this', 'last').", **kwargs: Any) -> Callable[[F], F]:
    """The ``--week`` option, stored as ``week``."""
    allow_latest = bool(kwargs.pop("allow_latest", False))
    return click.option("--week", "week", type=WeekType(allow_latest), help=help_text, **kwargs)


def _store_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        root = ctx.find_root()
        root.obj = {**(root.obj or {}), "dir": value}


def dir_option() -> click.Option:
    """``--dir`` accepted after a subcommand too (``paperweek list --dir X``); same meaning as before it."""
    return click.Option(
        ["--dir"],
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_store_dir,
        help="The log's folder (default: nearest ancestor holding paperweek.toml).",
    )


# --- shell completion (click's _PAPERWEEK_COMPLETE): paper ids and tags of the log at hand ---------


def _completion_log(ctx: click.Context) -> Log | None:
    root = ctx.find_root()
    folder = (root.obj or {}).get("dir") or root.params.get("directory")
    try:
        return open_log(folder if isinstance(folder, Path) or folder is None else Path(str(folder)))
    except (PaperweekError, OSError):
        return None  # no log here: nothing to offer, and never an error while completing


def complete_paper_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Logged paper ids starting with what was typed, each with its title as help."""
    from click.shell_completion import CompletionItem

    log = _completion_log(ctx)
    if log is None:
        return []
    return [
        CompletionItem(paper.id, help=" ".join(paper.title.split())[:60])
        for _week, paper in log.papers()
        if paper.id.startswith(incomplete)
    ]


def complete_tags(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Tags in use (explicit and automatic) starting with what was typed."""
    from click.shell_completion import CompletionItem

    log = _completion_log(ctx)
    if log is None:
        return []
    return [
        CompletionItem(count.tag, help=plural(count.papers, "paper"))
        for count in tag_counts(log)
        if count.tag.startswith(incomplete)
    ]


def complete_tag_args(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """``paperweek tag``: paper ids, or +tag / -tag."""
    from click.shell_completion import CompletionItem

    if incomplete[:1] in ("+", "-"):
        sign = incomplete[0]
        return [CompletionItem(sign + item.value, help=item.help) for item in complete_tags(ctx, param, incomplete[1:])]
    return complete_paper_ids(ctx, param, incomplete)
