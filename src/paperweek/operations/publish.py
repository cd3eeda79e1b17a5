"""``site``: the log's static website, as an operation (the builder lives in ``paperweek.site.builder``)."""

from __future__ import annotations

from pathlib import Path

from paperweek.site.builder import SiteResult
from paperweek.site.builder import build_site as _build
from paperweek.store import Log

__all__ = ["SiteResult", "build_site"]


def build_site(log: Log, out: Path | None = None, base_url: str | None = None) -> SiteResult:
    """Build the website of ``log`` into ``out`` (default ``<log>/_site``), replacing the last build as a whole.

    The week files are read under the log's lock; a failed build leaves the previous site in place.
    """
    return _build(log, out, base_url)
