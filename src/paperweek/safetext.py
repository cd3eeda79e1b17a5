"""The one sanitiser for text entering paperweek, and the one URL policy for every output.

``clean`` runs where text enters: every ``Paper``, ``Link`` and ``Week`` built
(from a week file, an import, arXiv, an edit, an LLM answer) and every string of
paperweek.toml. It drops terminal escape sequences (CSI, OSC, ...) whole and
every other C0/C1 control character except tab and newline, plus the
characters XML cannot hold (lone surrogates, U+FFFE/U+FFFF), so no output --
README, site, feed, terminal -- ever receives them. ``for_terminal`` makes
any text that reaches a terminal visible (``\\x1b``) instead of interpreted.

``safe_url`` is the link policy of the README, the site, the feed and the
digest: http(s), mailto and ftp, or a relative reference -- judged after HTML
character references and percent-escapes are decoded, so ``&#106;avascript:``
is the ``javascript:`` it turns into in a Markdown renderer.
"""

from __future__ import annotations

import html
import re
from urllib.parse import SplitResult, unquote, urlsplit

# ESC-started sequences first (so "ESC[31m" goes whole, not leaving "[31m"), then single controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -/]*[0-~]?"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SAFE_SCHEMES = {"http", "https", "mailto", "ftp"}


def UNCLEAN(text: str) -> bool:
    """True when ``clean`` would change ``text``; ``str.isprintable`` (C speed) settles most texts."""
    return not text.isprintable() and _ANY.search(text) is not None
_PLAIN_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f&%]*\Z")
_ODD_SPACE = re.compile(r"[^\S ]|[\x00-\x1f]")  # whitespace other than a plain space, or a control
_PATH_START = re.compile(r"[/?#]")


def clean(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline kept; CR -> newline)."""
    if text.isprintable() or not _ANY.search(text):
        return text  # the common case: one scan, no copy
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def for_terminal(text: str) -> str:
    """Text for a terminal: any control character left is shown (``\\x1b``), never interpreted."""
    if not _ANY.search(text):
        return text
    return _ANY.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def safe_url(url: str) -> str | None:
    """``url`` when it may be a link target in any output; None for javascript:, data:, vbscript: ...

    The scheme is judged on the URL as a browser or Markdown renderer would see it: after
    HTML character references (``&#106;``) and percent-escapes are decoded and whitespace
    and control characters (which browsers ignore inside a scheme) are removed.
    """
    url = url.strip()
    if _PLAIN_WEB.match(url):
        return url  # the common case: http(s) with nothing a decoder could turn into another scheme
    if not url or _ANY.search(url) or _ODD_SPACE.search(url):
        return None
    seen = url
    for _ in range(3):  # entities inside percent-escapes inside entities ...
        decoded = unquote(html.unescape(seen))
        if decoded == seen:
            break
        seen = decoded
    probe = _ODD_SPACE.sub("", seen.replace(" ", ""))
    try:
        scheme = urlsplit(probe).scheme or _lenient_scheme(probe)
    except ValueError:
        return None
    if scheme:
        return url if scheme.lower() in _SAFE_SCHEMES else None
    return url  # a relative reference (a page of the site, "#anchor", "//host/...")


def split_url(url: str) -> SplitResult | None:
    """The one URL parser: ``urlsplit``, with None where it would raise (``http://[`` is an "Invalid
    IPv6 URL", ``http://h:99999`` a port out of range, and port 0, which no server listens on, is
    refused too): every URL paperweek reads -- an abstract, a
    Hugging Face answer, ``--url``, ``--repo``, an imported link, ``--base-url`` -- goes through it,
    so a bad one is "not a web address", never a traceback."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    return None if port is not None and not 1 <= port <= 65535 else parts


def _lenient_scheme(text: str) -> str:
    """A scheme a browser would still see where ``urlsplit`` sees none (``java&script:`` is no
    scheme to urlsplit; a colon before any / ? # makes it suspicious either way)."""
    head = _PATH_START.split(text, maxsplit=1)[0]
    return head.split(":", 1)[0] if ":" in head else ""


__all__ = ["UNCLEAN", "clean", "for_terminal", "safe_url", "split_url"]
