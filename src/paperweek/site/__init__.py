"""The static website, Atom feed and GitHub Actions workflow (``paperweek site``, ``init --github-actions``)."""

from paperweek.site.builder import SiteResult, build_site

__all__ = ["SiteResult", "build_site"]
