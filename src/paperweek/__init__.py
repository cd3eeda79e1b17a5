"""paperweek: keep a weekly log of research papers as plain text, publish it as a README.

The library the ``paperweek`` command is made of (docs/api.md)::

    import paperweek

    log = paperweek.open_log("my-log")
    paperweek.build(log)  # README.md from the week files
    for hit in paperweek.search(log, "diffusion").hits:
        print(hit.id, hit.title_text)

The names below are imported on first use (module ``__getattr__``), so ``import paperweek``
and the command's start-up load none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that owns it (one owner each: docs/architecture.md)
_API = {
    "open_log": "paperweek.store",
    "Log": "paperweek.store",
    "Paper": "paperweek.models",
    "Week": "paperweek.models",
    "add_arxiv": "paperweek.operations.add",
    "add_other": "paperweek.operations.add",
    "build": "paperweek.operations.build",
    "build_site": "paperweek.operations.publish",
    "check_log": "paperweek.operations.check",
    "Fetcher": "paperweek.operations.fetcher",
    "discover_papers": "paperweek.operations.discover",
    "export_log": "paperweek.operations.export",
    "search": "paperweek.operations.search",
    "PaperweekError": "paperweek.errors",
    "InputError": "paperweek.errors",
    "ParamError": "paperweek.errors",
    "ConfigError": "paperweek.errors",
    "DataFileError": "paperweek.errors",
    "ReadmeEdited": "paperweek.errors",
    "WriteError": "paperweek.errors",
    "LockTimeout": "paperweek.errors",
    "ItemsFailed": "paperweek.errors",
    "NetworkError": "paperweek.errors",
    "MissingDependency": "paperweek.errors",
}

__all__ = [  # the same names as _API (tests/test_architecture.py)
    "ConfigError",
    "DataFileError",
    "Fetcher",
    "InputError",
    "ItemsFailed",
    "LockTimeout",
    "Log",
    "MissingDependency",
    "NetworkError",
    "Paper",
    "PaperweekError",
    "ParamError",
    "ReadmeEdited",
    "Week",
    "WriteError",
    "__version__",
    "add_arxiv",
    "add_other",
    "build",
    "build_site",
    "check_log",
    "discover_papers",
    "export_log",
    "open_log",
    "search",
]

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports the same names
    from paperweek.errors import (
        ConfigError,
        DataFileError,
        InputError,
        ItemsFailed,
        LockTimeout,
        MissingDependency,
        NetworkError,
        PaperweekError,
        ParamError,
        ReadmeEdited,
        WriteError,
    )
    from paperweek.models import Paper, Week
    from paperweek.operations.add import add_arxiv, add_other
    from paperweek.operations.build import build
    from paperweek.operations.check import check_log
    from paperweek.operations.discover import discover_papers
    from paperweek.operations.export import export_log
    from paperweek.operations.fetcher import Fetcher
    from paperweek.operations.publish import build_site
    from paperweek.operations.search import search
    from paperweek.store import Log, open_log


def __getattr__(name: str) -> Any:
    """Import a public name from its owner on first use, and keep it."""
    if name not in _API:
        raise AttributeError(f"module 'paperweek' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
