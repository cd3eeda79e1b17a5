"""Author names and citation keys.

arXiv gives names as written ("Ankan Aich", "Ludwig van Beethoven", "J. Smith Jr.");
``split_name`` separates given name, particle, family name and suffix the way
BibTeX reads "First von Last" / "von Last, Jr, First". Citation keys are
``<surname><year><first significant title word>`` in lowercase ASCII, e.g.
``agarwal2024many``; when two papers would get the same key, the later one (in
log order, oldest first) gets ``a``, the next ``b``... A key is made up once:
the first ``export`` or ``add`` writes it into the paper's week file
(``citekey``), and from then on it is read back, so filling in authors later
(``refresh``) never renames a key a document cites.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperweek.errors import InputError
from paperweek.markdown import plain
from paperweek.store.weekfile import file_name

if TYPE_CHECKING:
    from paperweek.export.items import ExportedPaper
    from paperweek.models import Paper

PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "dello", "di", "da", "du", "des", "la", "le", "dos", "das",
    "do", "ter", "ten", "te", "bin", "ibn", "al", "el", "zu", "zum", "vom", "af", "av", "y",
}  # fmt: skip
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
# Words skipped when a key takes a title's first word.
STOPWORDS = {
    "a", "an", "the", "on", "of", "in", "for", "to", "towards", "toward", "with", "and", "or", "via", "from",
    "by", "at", "as", "is", "are", "be", "do", "does", "can", "what", "when", "why", "how", "which", "who",
    "into", "onto", "beyond", "through", "not", "no", "its", "it", "this", "that", "we", "our", "your", "you",
}  # fmt: skip
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D"})  # fmt: skip
_NOT_KEY = re.compile(r"[^a-z0-9]+")
# "et al." as lists write it after the first author ("et al.", "et.al.", "et al", "and others", "& al."):
# a marker that more authors follow, never a part of the name.
_ET_AL = re.compile(r"(?:[\s,;]+|(?<=\.))(?:et(?:\.\s*|\s+)al(?:ii|\.)?|and\s+others|&\s*al\.?)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Name:
    """A person's name in its parts (``family`` only for a one-word or organisation name)."""

    given: str
    family: str
    particle: str = ""
    suffix: str = ""

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip()


def without_et_al(name: str) -> tuple[str, bool]:
    """``"Mostafa Ahmadi et.al."`` -> ``("Mostafa Ahmadi", True)``: the name, and whether more authors follow."""
    bare = _ET_AL.sub("", name)
    return (bare.strip(" ,;"), True) if bare != name and bare.strip(" ,;") else (name, False)


def split_name(name: str) -> Name:
    """``"Ludwig van Beethoven"`` -> given "Ludwig", particle "van", family "Beethoven" (an "et al." after
    the name is no part of it)."""
    text = " ".join(without_et_al(name)[0].split()).strip(" ,")
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        family_part = parts[0]
        suffix = parts[1] if len(parts) >= 3 else ""
        given = parts[-1] if len(parts) >= 2 else ""
        words = family_part.split()
        particle_words: list[str] = []
        while len(words) > 1 and words[0].lower() in PARTICLES:
            particle_words.append(words.pop(0))
        return Name(given=given, family=" ".join(words), particle=" ".join(particle_words), suffix=suffix)
    words = text.split()
    if not words:
        return Name(given="", family="")
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(",") in SUFFIXES:
        suffix = words.pop().rstrip(",")
    if len(words) == 1:
        return Name(given="", family=words[0], suffix=suffix)
    family = words.pop()
    particle_words = []
    while len(words) > 1 and words[-1].lower() in PARTICLES:
        particle_words.insert(0, words.pop())
    return Name(given=" ".join(words), family=family, particle=" ".join(particle_words), suffix=suffix)


def ascii_key(text: str) -> str:
    """Lowercase ASCII letters and digits only: ``"Müller-Łukasz"`` -> ``"mullerlukasz"``."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_KEY.sub("", ascii_text)


def first_word(title: str) -> str:
    """The first title word that is not a stopword, as a key part (``"On the Many Shots"`` -> ``many``)."""
    words = [ascii_key(w) for w in _WORD.findall(title)]
    words = [w for w in words if w]
    for word in words:
        if word not in STOPWORDS:
            return word
    return words[0] if words else ""


def base_key(authors: Sequence[str], year: int, title: str) -> str:
    surname = ascii_key(split_name(authors[0]).family) if authors else ""
    return f"{surname or 'anon'}{year}{first_word(title)}"


def _suffixes() -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return list(letters) + [a + b for a in letters for b in letters]


def free_key(base: str, used: set[str], natural: set[str] | frozenset[str] = frozenset()) -> str:
    """``base``, or ``base`` + a, b, ... -- the first not in ``used`` (nor another paper's natural key)."""
    if base not in used:
        return base
    for suffix in _suffixes():
        key = base + suffix
        if key not in used and key not in natural:
            return key
    n = 1
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"


def fix_new_keys(stored: Iterable[str], papers: Sequence[Paper], week: dt.date) -> None:
    """Give each paper being added its citation key now (kept in its week file), unique among ``stored``."""
    used = {key for key in stored if key}
    for paper in papers:
        if not paper.citekey:
            year = (paper.released or week).year
            paper.citekey = free_key(base_key(paper.authors, year, plain(paper.title or paper.id)), used)
        used.add(paper.citekey)


def citation_keys(items: Sequence[ExportedPaper]) -> dict[int, str]:
    """``id(item)`` -> unique key, for items in log order (oldest first). The same paper id keeps one key.

    A key stored in the week file (``citekey``) is kept as written; the others
    are made up here. Two papers storing the same key is an input error.
    """
    by_paper: dict[str, str] = {}
    owner: dict[str, ExportedPaper] = {}
    for item in items:
        key = item.paper.citekey
        if not key or item.paper.id in by_paper:
            continue
        other = owner.get(key)
        if other is not None:
            raise InputError(
                f"{file_name(item.week.start)}: citekey {key!r} of {item.paper.id} is already the key of "
                f"{other.paper.id} ({file_name(other.week.start)}); give one of them another citekey"
            )
        owner[key] = item
        by_paper[item.paper.id] = key
    used = set(owner)
    bases = {
        id(item): base_key(item.authors, item.date.year, plain(item.paper.title))
        for item in items
        if item.paper.id not in by_paper
    }
    natural = set(bases.values())
    out: dict[int, str] = {}
    for item in items:
        existing = by_paper.get(item.paper.id)
        if existing is None:
            existing = by_paper[item.paper.id] = free_key(bases[id(item)], used, natural)
            used.add(existing)
        out[id(item)] = existing
    return out
