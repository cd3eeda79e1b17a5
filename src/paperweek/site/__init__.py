"""The static website, Atom feed and GitHub Actions workflow (``paperweek site``, ``init --github-actions``)."""

from paperweek.config import SiteSettings
from paperweek.site.builder import SiteResult, build_site, environment
from paperweek.site.views import PaperView, WeekView, build_views, shorten, site_settings

__all__ = [
    "PaperView",
    "SiteResult",
    "SiteSettings",
    "WeekView",
    "build_site",
    "build_views",
    "environment",
    "shorten",
    "site_settings",
]
