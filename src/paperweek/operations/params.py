"""Values passed to operations, checked, their errors naming the parameter (``ParamError``)."""

from __future__ import annotations

import datetime as dt

from paperweek.days import parse_date
from paperweek.errors import InputError, Param, ParamError
from paperweek.grammar.dates import find_period
from paperweek.sources.links import user_link


def user_link_param(url: str, param: str) -> str:
    """``sources.links.user_link`` for the value of parameter ``param`` (the CLI says ``--repo``)."""
    try:
        return user_link(url, "")
    except InputError as exc:  # user_link words it "{what} {url!r}: why"; here {what} is the parameter
        raise ParamError(Param(param), " " + str(exc).lstrip()) from exc


def read_day(text: str) -> dt.date:
    """A day as people write it: ISO, or any spelling of one day, with its year, that the list reader
    reads (``Apr 15th, 2024``, ``15 April 2024``, ``2024/04/15``): typing a date and importing it agree.
    ValueError when the text is not one day."""
    try:
        return parse_date(text)
    except ValueError:
        found = find_period(text)
        rest = text[: found.start] + text[found.end :] if found is not None else text
        days = found.dates() if found is not None and found.kind == "day" and found.has_year else None
        if days is None or rest.strip(" ,.*_"):
            raise
        return days[0]


def date_param(text: str, param: str) -> dt.date:
    """A date given as parameter ``param`` (``read_day``)."""
    try:
        return read_day(text)
    except ValueError as exc:
        raise ParamError(Param(param), f": {exc}") from exc
