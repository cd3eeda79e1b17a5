"""``paperweek init --github-actions``: a GitHub Actions workflow for the log.

It runs ``paperweek check`` on pull requests, and on pushes to the main
branch builds the site with ``paperweek site`` and deploys it to GitHub Pages
(the base URL comes from ``actions/configure-pages``, so feed and canonical
links are absolute while every page link stays relative).
"""

from __future__ import annotations

import re
from pathlib import Path

from paperweek.errors import InputError
from paperweek.store.atomic import write_text_atomic

TEMPLATE = Path(__file__).resolve().parent / "templates" / "github-actions.yml"
WORKFLOW_PATH = Path(".github") / "workflows" / "paperweek.yml"
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")
_PYTHON = re.compile(r"^3\.\d+$")
_INSTALL = re.compile(r"^[A-Za-z0-9._\-\[\],<>=!~+:/@ ]+$")


def workflow_text(branch: str = "main", python: str = "3.12", install: str = "paperweek") -> str:
    """The workflow file's text."""
    if not _BRANCH.match(branch) or branch.startswith("-") or ".." in branch:
        raise InputError(f"branch {branch!r} is not a plain git branch name")
    if not _PYTHON.match(python):
        raise InputError(f"python version {python!r} should look like 3.12")
    if not _INSTALL.match(install) or "'" in install or '"' in install:
        raise InputError(f"install spec {install!r} is not a pip requirement")
    text = TEMPLATE.read_text(encoding="utf-8")
    return text.replace("__BRANCH__", branch).replace("__PYTHON__", python).replace("__INSTALL__", install)


def write_github_actions(
    root: Path, *, branch: str = "main", python: str = "3.12", install: str = "paperweek", force: bool = False
) -> Path:
    """Write ``<root>/.github/workflows/paperweek.yml`` and return its path.

    An existing file with the same text is left alone; a different one is an
    InputError unless ``force`` (nothing is written then).
    """
    path = root / WORKFLOW_PATH
    text = workflow_text(branch, python, install)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path
    if not force:
        check_workflow_free(root, text)
    write_text_atomic(path, text)
    return path


def check_workflow_free(root: Path, text: str) -> None:
    """InputError when a different workflow file is in the way (checked before anything is written)."""
    path = root / WORKFLOW_PATH
    if path.exists() and path.read_text(encoding="utf-8") != text:
        raise InputError(f"{path}: exists and differs; remove it or overwrite it on purpose (force); nothing written")
