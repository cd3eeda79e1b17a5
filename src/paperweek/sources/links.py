"""Code and project links in an abstract or a comments field, normalised and ranked.

Looked for: github.com, gitlab.com, bitbucket.org, huggingface.co and
``*.github.io`` project pages. Normalised: https, no ``www.``, no trailing
punctuation or slash, no ``.git``, no ``/tree/main`` (or ``master``) at the end.
These regular expressions read plain text (an abstract), never XML.
"""

from __future__ import annotations

import re
from urllib.parse import urlunsplit

from paperweek.errors import InputError
from paperweek.safetext import safe_url, split_url

_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co")
# A URL with a scheme, or a bare code-host URL ("github.com/o/r").
_URL = re.compile(
    r"(?:https?://|(?<![\w./-])(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)/"
    r"|(?<![\w./-])[\w-]+\.github\.io\b)"
    r"[^\s<>\"'`{}|\\^]*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*'\""
_TAIL_BRANCH = re.compile(r"/tree/(?:main|master)/?$")


def normalise(url: str) -> str:
    """One spelling per link: https, lower-case host without www., no junk at the end."""
    url = url.strip()
    url = _strip_trailing(url)
    if "://" not in url:
        url = "https://" + url
    parts = split_url(url)
    if parts is None:
        return url  # not a web address: left as it is, and no code link (is_code_link)
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    scheme = "https" if host in _CODE_HOSTS or host.endswith(".github.io") else parts.scheme.lower()
    path = parts.path
    if host in _CODE_HOSTS:
        path = _TAIL_BRANCH.sub("", path)
        path = path.rstrip("/")
        if path.endswith(".git"):
            path = path[:-4]
    if path == "/":
        path = ""
    return urlunsplit((scheme, host, path, parts.query, parts.fragment)).rstrip("/")


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def user_link(url: str, what: str = "the link") -> str:
    """A link the user typed (``--repo``, ``--url``), normalised; an InputError unless it is a web
    address (``github.com/o/r`` or an http(s) URL with a valid host): ``javascript:`` and the like
    are refused, not turned into ``https://javascript:...``."""
    text = url.strip()
    has_scheme = "://" in text or (_SCHEME.match(text) is not None and not text.split(":", 1)[1][:1].isdigit())
    if split_url(text) is None:
        raise InputError(f"{what} {url!r}: not a valid web address (its host or port); give e.g. https://github.com/owner/repo")
    if has_scheme and split_url(text).scheme.lower() not in ("http", "https"):  # type: ignore[union-attr]
        raise InputError(f"{what} {url!r}: only http(s) links are allowed; give e.g. https://github.com/owner/repo")
    link = normalise(text)
    parts = split_url(link)
    if parts is None:
        raise InputError(f"{what} {url!r}: not a valid web address (its host or port); give e.g. https://github.com/owner/repo")
    host = parts.hostname or ""
    if not host or not re.fullmatch(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\]", host) or safe_url(link) is None:
        raise InputError(f"{what} {url!r}: not a valid web address; give e.g. https://github.com/owner/repo")
    return link


def _strip_trailing(url: str) -> str:
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
            continue
        if last in ")]" and url.count("(" if last == ")" else "[") < url.count(last):
            url = url[:-1]
            continue
        break
    return url


def is_code_link(url: str) -> bool:
    """True for a link to a code host or a github.io project page."""
    parts = split_url(url if "://" in url else "https://" + url)
    host = parts.netloc.lower().removeprefix("www.") if parts is not None else ""
    return host in _CODE_HOSTS or host.endswith(".github.io")


def find_links(*texts: str) -> list[str]:
    """Code and project links in these texts, normalised, in order of appearance, no repeats."""
    found: list[str] = []
    for text in texts:
        for match in _URL.finditer(text or ""):
            url = normalise(match.group(0))
            if is_code_link(url) and _has_path_or_pages(url) and url not in found:
                found.append(url)
    return found


def _has_path_or_pages(url: str) -> bool:
    parts = split_url(url)
    if parts is None:
        return False
    return parts.netloc.endswith(".github.io") or bool(parts.path.strip("/"))


def rank(url: str) -> int:
    """Lower is better: a repository beats a profile, a model card or a project page."""
    parts = split_url(url)
    if parts is None:
        return 9
    host = parts.netloc
    segments = [s for s in parts.path.split("/") if s]
    if host in ("github.com", "gitlab.com", "bitbucket.org"):
        return 0 if len(segments) >= 2 else 4
    if host == "huggingface.co":
        return 2 if segments and segments[0] == "spaces" else 3
    if host.endswith(".github.io"):
        return 1
    return 5


def best_code_link(links: list[str]) -> tuple[str | None, list[str]]:
    """The link to show as Repo, and the others (in their order)."""
    if not links:
        return None, []
    best = min(links, key=lambda u: (rank(u), links.index(u)))
    return best, [u for u in links if u != best]
