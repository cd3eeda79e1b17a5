"""What a reader sees as a paper's name, from the text a list writes around it.

Lists put numbering, emoji, tags, star counts, affiliations and dates next to a title
(``1. EnvHarness: … ⭐ 66``, ``🔥[**OneComp**] OneComp: …(@Fujitsu)``, ``Title (2015-12)``);
``clean_title`` leaves the title. Used by the item grammar (``items``) both ways: a title read
at import is read the same when build checks an item against its paper.
"""

from __future__ import annotations

import re

from paperweek import markdown as md

NUMBER = re.compile(r"^(?:\(\d+\)|\d+[.)])\s+")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LEAD_JUNK = re.compile(r"^(?:[^\w\s\[(\"'“‘`]+\s*)+")  # emoji and symbols before a title (🔥🔥, ⭐, •)
LEAD_TAG = re.compile(r"^\[[^\]\[]{1,40}\]\s*(?=\S)")  # "[OneComp] OneComp: …": a tag before the title
TAIL_JUNK = re.compile(  # "[1]", "⭐ 66", "(@org)", "(2015-12)", "(NeurIPS 2022)" after a title
    r"(?:\s*\[\d+\]|\s*(?:⭐|🌟|★)\s*\d[\d,.]*k?|\s*\(@[^()]*\)|\s*\((?:19|20)\d\d-\d\d\)"
    r"|\s*\([^()]*\b(?:19|20)\d\d\))+\s*$"
)
LEAD_DATE = re.compile(r"^\d{1,4}(?:[/.-]\d{1,2}){1,2}\s*(?:[-–—:]\s*)?")




def clean_title(text: str) -> str:
    """What a reader sees as the paper's name: no images, numbering, leading emoji or tag, star counts,
    ``(@affiliation)`` or trailing ``(2015-12)`` date (the title is Markdown; its escapes are kept)."""
    plain = md.strip_markup(IMAGE.sub(" ", text) if "![" in text else text)
    if plain[:1] and not plain[:1].isalpha():  # the common case, a title starting with a letter, skips these
        plain = NUMBER.sub("", LEAD_JUNK.sub("", plain), count=1)
        plain = LEAD_TAG.sub("", plain, count=1)
    if plain[-1:] in (")", "]") or plain[-1:].isdigit() or plain[-1:] in ("k", "K"):
        plain = TAIL_JUNK.sub("", plain)
    return plain.strip()


def trailing_date(text: str) -> str | None:
    """A ``(2015-12)`` or ``(2015-12-01)`` date written after an item's title, for the importer to read."""
    found = re.search(r"\(((?:19|20)\d\d-\d\d(?:-\d\d)?)\)\s*$", md.strip_markup(IMAGE.sub(" ", text)))
    return found.group(1) if found else None
