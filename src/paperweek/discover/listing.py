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

ADD = Param("add")
FILE = "discover-listing.json"


@dataclass(frozen=True)
class Listing:
    ids: list[str]
    generation: str
    saved: str  # ISO timestamp (UTC)
    since: str
    until: str


def save(cache_dir: Path, ids: Sequence[str], generation: str, since: dt.date | None, until: dt.date | None) -> None:
    """Save the results just printed (atomically)."""
    data = {
        "saved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "generation": generation,
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
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
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def parse_add(text: str) -> list[int | str]:
    """``2606.18663,3`` -> ["2606.18663", 3]: arXiv ids (any form ``add`` takes) and ranks; InputError names a bad one."""
    items: list[int | str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        item: int | str
        if part.isdigit() and len(part) < 6:
            if int(part) < 1:
                raise ParamError(ADD, f" {text!r}: rank {part} does not exist; ranks start at 1")
            item = int(part)
        else:
            parsed = parse_arxiv_ref(part)
            if parsed is None:
                raise ParamError(ADD, f" {text!r}: {part!r} is neither an arXiv id (e.g. 2606.18663) nor a result rank")
            item = parsed[0]
        if item not in items:
            items.append(item)
    if not items:
        raise ParamError(ADD, f" {text!r}: give arXiv ids (2606.18663,2606.18701) or ranks of the last listing (3,5)")
    return items


def resolve(cache_dir: Path, items: Sequence[int | str], generation: str) -> list[str]:
    """arXiv ids for ``items``: ranks are looked up in the saved listing, if it is still current."""
    ranks = [i for i in items if isinstance(i, int)]
    listing = load(cache_dir) if ranks else None
    if ranks:
        if listing is None:
            raise ParamError(ADD, ": no listing to take ranks from; run `paperweek discover` first, or give arXiv ids")
        if listing.generation != generation:
            raise ParamError(
                ADD,
                f": ranks refer to the listing printed at {listing.saved}, and candidates "
                "have been ingested since; run `paperweek discover` again, or give arXiv ids",
            )
        too_big = [r for r in ranks if r > len(listing.ids)]
        if too_big:
            raise ParamError(
                ADD, f": rank {too_big[0]} is not in the listing printed at {listing.saved} (ranks 1 to {len(listing.ids)})"
            )
    out: list[str] = []
    for item in items:
        pid = listing.ids[item - 1] if isinstance(item, int) and listing is not None else str(item)
        if pid not in out:
            out.append(pid)
    return out
