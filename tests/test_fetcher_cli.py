"""Every command that asks arXiv goes through one fetcher the CLI builds once (operations/fetcher.Fetcher):
`refresh` and `check --online` report a retry the way `add` always has."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli, two_papers
from fakes import FakeServices


@pytest.mark.parametrize("command", [["refresh"], ["check", "--online", "--refresh"], ["add", "2404.09833"]])
def test_a_retried_arxiv_request_is_reported(services: FakeServices, empty_log: Path, command: list[str]) -> None:
    two_papers(empty_log)
    services.arxiv_faults.append(("status", 503))  # arXiv is busy once, then answers
    result = run_cli("--dir", empty_log, *command)
    assert result.exit_code in (0, 1), result.output  # check may find differences; it ran
    assert "paperweek: the arXiv API answered HTTP 503; retrying in" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert services.arxiv_faults == type(services.arxiv_faults)()  # the fault was met, then the retry answered
