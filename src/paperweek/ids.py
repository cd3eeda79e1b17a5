"""arXiv ids and slugs: pure functions, no I/O (days and weeks are ``days.py``).

The one owner of reading arXiv ids (``parse_arxiv_ref``, ``arxiv_id_from_url``,
``arxiv_ids_in``) and of every slug paperweek makes: GitHub's heading anchors
(``github_slug``, ``Slugger``), ids of items that are not on arXiv (``paper_slug``)
and file names of tag pages (``tag_slug``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable
from urllib.parse import unquote

from paperweek.safetext import split_url

# New-style ids: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-), optional version.
_NEW_ID = re.compile(r"(?P<id>\d{4}\.\d{4,5})(?P<version>v\d+)?")
# Old-style ids: archive(.SUBJ)?/YYMMNNN, optional version.
_OLD_ID = re.compile(r"(?P<id>[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?")
_ARXIV_HOSTS = {"arxiv.org", "www.arxiv.org", "export.arxiv.org", "alphaxiv.org", "www.alphaxiv.org"}
_HF_HOSTS = {"huggingface.co", "www.huggingface.co", "hf.co"}
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?10\.48550/arxiv\.", re.IGNORECASE)



def looks_like_arxiv_id(text: str) -> bool:
    """True for a bare, versionless arXiv id (new or old style)."""
    found = _match_id(text)
    return found is not None and not found[1]


def _match_id(text: str) -> tuple[str, str] | None:
    for pattern in (_NEW_ID, _OLD_ID):
        m = pattern.fullmatch(text)
        if m:
            return m.group("id"), m.group("version") or ""
    return None


def parse_arxiv_ref(text: str) -> tuple[str, str, str] | None:
    """Read whatever a user pastes for an arXiv paper.

    Returns ``(id, version, fragment)`` -- the versionless id, the version
    (``"v2"`` or ``""``) and the URL fragment without ``#`` (``""`` if none) --
    or ``None`` when the text is not an arXiv reference.
    """
    text = text.strip().strip("<>").strip()  # also <https://...> as pasted from Markdown or mail
    if not text:
        return None
    fragment = ""
    if "#" in text:
        text, fragment = text.split("#", 1)
    if text.lower().startswith("arxiv:"):
        text = text[6:].lstrip()
    doi = _DOI_PREFIX.match(text)
    if doi:
        return _with(_match_id(text[doi.end():]), fragment)
    direct = _match_id(text)
    if direct:
        return _with(direct, fragment)
    url = text if "://" in text else "https://" + text.lstrip("/") if "/" in text else text
    parts = split_url(url)
    if parts is None:
        return None
    host = parts.netloc.lower()
    path = unquote(parts.path)
    if not host or "." not in host:
        # a bare path such as /pdf/2404.11018v1
        path = "/" + text.lstrip("/")
        host = "arxiv.org"
    if host in _ARXIV_HOSTS:
        segments = [s for s in path.split("/") if s]
        if len(segments) >= 2 and segments[0] in {"abs", "pdf", "html", "format", "src", "overview"}:
            ref = "/".join(segments[1:])
            if ref.endswith(".pdf"):
                ref = ref[:-4]
            return _with(_match_id(ref), fragment)
        return None
    if host in _HF_HOSTS:
        segments = [s for s in path.split("/") if s]
        if len(segments) == 2 and segments[0] == "papers":
            return _with(_match_id(segments[1]), fragment)
    return None


def _with(found: tuple[str, str] | None, fragment: str) -> tuple[str, str, str] | None:
    return None if found is None else (found[0], found[1], fragment)


_PLAIN_ARXIV_URL = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?")


def arxiv_id_from_url(url: str) -> str | None:
    """The versionless arXiv id a link points at, if it is an arXiv link."""
    plain = _PLAIN_ARXIV_URL.fullmatch(url)
    if plain:
        return plain.group(1)  # the common case, without parsing the URL
    found = parse_arxiv_ref(url)
    return None if found is None else found[0]


def arxiv_ids_in(urls: Iterable[str]) -> list[str]:
    """The versionless arXiv ids that links point at, each once, in link order.

    Whatever a link's label (``Paper``, ``PDF``, ``arXiv v2``): a row's id at import, the
    papers ``add`` finds already logged and the duplicates ``check`` reports all read this.
    """
    return list(dict.fromkeys(found for url in urls if (found := arxiv_id_from_url(url))))


def abs_url(arxiv_id: str) -> str:
    """The canonical abstract page of an arXiv id."""
    return f"https://arxiv.org/abs/{arxiv_id}"


# --- weeks ---------------------------------------------------------------


# --- GitHub heading anchors -----------------------------------------------

_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def github_slug(heading_text: str) -> str:
    """GitHub's anchor for a heading's rendered text (before de-duplication).

    Lower-cased; every character that is not a letter, digit, ``_``, ``-`` or
    space is removed; each space becomes ``-``.
    """
    return _SLUG_DROP.sub("", heading_text.strip().lower()).replace(" ", "-")


class Slugger:
    """Hands out unique anchors the way GitHub does: a repeat gets ``-1``, ``-2``..."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, heading_text: str) -> str:
        base = github_slug(heading_text)
        slug = base
        count = self._seen.get(base, 0)
        while slug in self._seen:
            count += 1
            slug = f"{base}-{count}"
        self._seen[base] = count
        self._seen.setdefault(slug, 0)
        return slug


# --- slugs of ids and file names --------------------------------------------------

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH = 60


def _unique(base: str, taken: Collection[str]) -> str:
    """``base``, else ``base-2``, ``base-3`` ... the first not in ``taken``."""
    result, n = base, 2
    while result in taken:
        result = f"{base}-{n}"
        n += 1
    return result


def paper_slug(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """The id of an item not on arXiv, from its title as plain text (``markdown.rough_plain``),
    unique among ``taken``: ``[a-z0-9-]``, accents folded (``Café`` -> ``cafe``), at most 60
    characters, ``fallback`` when nothing is left.

    ``add --title`` and import both name items this way, so one title gets one id. Not
    ``github_slug``: ids are typed in commands (``show``, ``remove``), so they are ASCII,
    and ``_`` or ``&`` read as a word break, as in the title.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    base = _NOT_SLUG.sub("-", folded).strip("-")[:SLUG_LENGTH].rstrip("-") or fallback
    return _unique(base, taken)


def tag_slug(name: str, taken: set[str] | None = None) -> str:
    """A file-name-safe slug (``[a-z0-9-]``) for a tag's page; unique within ``taken`` when given
    (and added to it).

    Not ``paper_slug``: a tag page's name must never change once published and two tags
    must never share a page, so accents are not folded, and a name that is empty or
    shortened once non-ASCII is dropped gets a short hash of the whole name.
    """
    full = _NOT_SLUG.sub("-", name.lower()).strip("-")
    base = full[:SLUG_LENGTH].strip("-")
    if not base or base != full:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        base = f"{base}-{digest}" if base else f"tag-{digest}"
    if taken is None:
        return base
    result = _unique(base, taken)
    taken.add(result)
    return result
