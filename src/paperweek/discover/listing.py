"""The listing ``discover`` printed last, so ``--add 3,5`` means what the user saw.

Each run that prints results saves them (ids in rank order, the window, the candidates
cache's generation) to ``.paperweek/discover-listing.json``. ``--add`` takes arXiv ids, or
ranks of that saved listing; a rank is refused when no listing is saved or the cache has
changed since it was ranked (new candidates would rank differently), never re-resolved.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperweek.errors import Param, ParamError
from paperweek.ids import parse_arxiv_ref
from paperweek.store.atomic import write_text_atomic

FILE = "discover-listing.json"


@dataclass(frozen=True)
class Listing:
    ids: list[str]
    generation: str
    saved: str  # ISO timestamp (UTC)
    since: str
    until: str
    options: dict[str, Any]  # the ranking options it was printed with (``RANKING_OPTIONS``)


# Options that decide what a listing holds: given again with --add/--dismiss, they must match it
RANKING_OPTIONS = ("candidates", "arxiv", "since", "until", "top", "method")


def save(cache_dir: Path, ids: Sequence[str], generation: str, since: dt.date | None, until: dt.date | None,
         options: dict[str, Any] | None = None) -> None:
    """Save the results just printed (atomically), with the ranking options they were printed with."""
    data = {
        "saved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "generation": generation,
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
        "options": options or {},
        "ids": list(ids),
    }
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(cache_dir / FILE, json.dumps(data, indent=1) + "\n")


def load(cache_dir: Path) -> Listing | None:
    try:
        data: Any = json.loads((cache_dir / FILE).read_text(encoding="utf-8"))
        return Listing(
            [str(i) for i in data["ids"]],
            str(data["generation"]),
            str(data["saved"]),
            str(data.get("since", "")),
            str(data.get("until", "")),
            dict(data.get("options") or {}),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def parse_add(text: str, verb: str = "add") -> list[int | str]:
    """``2606.18663,3`` -> ["2606.18663", 3]: arXiv ids (any form ``add`` takes) and ranks; InputError names a bad one."""
    option = Param(verb)
    items: list[int | str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        item: int | str
        if part.isdigit() and len(part) < 6:
            if int(part) < 1:
                raise ParamError(option, f" {text!r}: rank {part} does not exist; ranks start at 1")
            item = int(part)
        else:
            parsed = parse_arxiv_ref(part)
            if parsed is None:
                raise ParamError(option, f" {text!r}: {part!r} is neither an arXiv id (e.g. 2606.18663) nor a result rank")
            item = parsed[0]
        if item not in items:
            items.append(item)
    if not items:
        raise ParamError(option, f" {text!r}: give arXiv ids (2606.18663,2606.18701) or ranks of the last listing (3,5)")
    return items


def resolve(cache_dir: Path, items: Sequence[int | str], generation: str, verb: str = "add") -> list[str]:
    """arXiv ids for ``items``: ranks are looked up in the saved listing, if it is still current."""
    option = Param(verb)
    ranks = [i for i in items if isinstance(i, int)]
    listing = load(cache_dir) if ranks else None
    if ranks:
        if listing is None:
            raise ParamError(option, ": no listing to take ranks from; run `paperweek discover` first, or give arXiv ids")
        if listing.generation != generation:
            raise ParamError(
                option,
                f": ranks refer to the listing printed at {listing.saved}, and candidates "
                "have been ingested since; run `paperweek discover` again, or give arXiv ids",
            )
        too_big = [r for r in ranks if r > len(listing.ids)]
        if too_big:
            raise ParamError(
                option, f": rank {too_big[0]} is not in the listing printed at {listing.saved} (ranks 1 to {len(listing.ids)})"
            )
    out: list[str] = []
    for item in items:
        pid = listing.ids[item - 1] if isinstance(item, int) and listing is not None else str(item)
        if pid not in out:
            out.append(pid)
    return out


def check_options(listing: Listing | None, given: dict[str, Any], verb: str) -> str:
    """Ranking options given with ``--add``/``--dismiss`` must be those of the saved listing.

    Returns the line saying they matched ('' when none were given); ParamError says which differ.
    """
    if not given:
        return ""
    names = ", ".join(f"--{k}" for k in given)
    if listing is None:
        raise ParamError(Param(verb), f": {names} rank, and no listing is saved to compare them with; "
                                      f"give --{verb} without them, or run `paperweek discover` first")
    saved = {**listing.options, "since": listing.since, "until": listing.until}
    differ = [k for k, v in given.items() if saved.get(k, _UNRECORDED) != v]
    if differ:
        shown = "; ".join(f"--{k} {_show(given[k])} (the listing: {_show(saved.get(k, 'not recorded'))})"
                          for k in differ)
        raise ParamError(Param(verb), f": these options differ from the listing printed at {listing.saved}: {shown}; "
                                      f"give --{verb} without them, or run `paperweek discover` with them first")
    return f"{names} match the listing printed at {listing.saved}"


_UNRECORDED = object()


def _show(value: Any) -> str:
    return ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
