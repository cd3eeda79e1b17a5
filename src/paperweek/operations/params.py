"""Values passed to operations, checked, their errors naming the parameter (``ParamError``)."""

from __future__ import annotations

import datetime as dt

from paperweek.errors import InputError, Param, ParamError
from paperweek.ids import parse_date
from paperweek.sources.links import user_link


def user_link_param(url: str, param: str) -> str:
    """``sources.links.user_link`` for the value of parameter ``param`` (the CLI says ``--repo``)."""
    try:
        return user_link(url, "")
    except InputError as exc:  # user_link words it "{what} {url!r}: why"; here {what} is the parameter
        raise ParamError(Param(param), " " + str(exc).lstrip()) from exc


def date_param(text: str, param: str) -> dt.date:
    """A YYYY-MM-DD date given as parameter ``param``."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ParamError(Param(param), f": {exc}") from exc
