"""The static website, Atom feed and GitHub Actions workflow (``paperweek site``, ``init --github-actions``).

Nothing is imported here: ``init`` and ``import`` use ``workflow`` without loading the builder.
The builder is ``builder`` (``build_site``, ``environment``), the pages' data ``views``.
"""
