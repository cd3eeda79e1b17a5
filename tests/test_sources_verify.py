"""online_problems (for `paperweek check --online`): wrong links, wrong dates, dead links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeServices

from paperweek.operations.check_online import online_problems, titles_match
from paperweek.operations.fetcher import Fetcher
from paperweek.store import open_log

WEEK = """schema: 1
week: 2024-04-15
papers:
  - id: '2404.04125'
    title: 'No “Zero-Shot” Without Exponential Data: Pretraining Concept Frequency Determines Multimodal Model Performance'
    released: 2024-04-04
    links:
      - {{label: Paper, url: https://arxiv.org/abs/2404.04125}}
      - {{label: Repo, url: {base}/page/alive}}
  - id: '2404.07143'
    title: 'Rho-1: Not All Tokens Are What You Need'
    released: 2024-04-11
    links:
      - {{label: Paper, url: https://arxiv.org/abs/2404.07143}}
  - id: '2404.10667'
    title: 'VASA-1: Lifelike Audio-Driven Talking Faces Generated in Real Time'
    released: 2024-04-17
    links:
      - {{label: Paper, url: https://arxiv.org/abs/2404.10667}}
      - {{label: Repo, url: {base}/page/gone}}
  - id: '2404.55555'
    title: A paper that is not there
    released: 2024-04-15
    links:
      - {{label: Paper, url: https://arxiv.org/abs/2404.55555}}
"""


@pytest.fixture
def log_dir(tmp_path: Path, fake_services: Callable[..., FakeServices]) -> tuple[Path, FakeServices]:
    """A week whose links point at the fake's pages (one alive, one gone), and the fake."""
    fake = fake_services()
    fake.pages["alive"] = 200
    (tmp_path / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    (tmp_path / "weeks").mkdir()
    (tmp_path / "weeks" / "2024-04-15.yaml").write_text(WEEK.format(base=fake.base), encoding="utf-8")
    return tmp_path, fake


def test_online_problems(log_dir: tuple[Path, FakeServices]) -> None:
    root, fake = log_dir
    problems = online_problems(open_log(root))
    text = "\n".join(problems)
    assert len(problems) == 4, text
    assert "weeks/2024-04-15.yaml: (2) 2404.07143: the link points at arXiv 2404.07143, titled 'Leave No Context" in text
    assert "(3) 2404.10667: release date April 17, 2024 is not the v1 date April 16, 2024" in text
    assert f"(3) 2404.10667: link {fake.base}/page/gone no longer resolves (HTTP 404)" in text
    assert "(4) 2404.55555: the link to arXiv 2404.55555 does not resolve" in text
    assert "2404.04125" not in text  # curly quotes vs straight quotes: same title; live repo
    assert len(fake.arxiv_log) == 1
    assert online_problems(open_log(root), check_links=False) == problems[:3]
    assert len(fake.arxiv_log) == 2  # the unknown id is asked again; the others come from the cache
    online_problems(open_log(root), fetcher=Fetcher(refresh=True), check_links=False)
    assert len(fake.arxiv_log[-1][1]) == 4


def test_titles_match_loosely() -> None:
    assert titles_match("**ReFT**: Representation Finetuning for Language Models",
                        "ReFT: Representation Finetuning for Language Models")
    assert titles_match("Rho-1", "Rho-1: Not All Tokens Are What You Need")
    assert not titles_match("Rho-1: Not All Tokens Are What You Need", "Many-Shot In-Context Learning")


def test_check_online_command_reports_and_exits_1(log_dir: tuple[Path, FakeServices]) -> None:
    from conftest import run_cli

    root, fake = log_dir
    result = run_cli("--dir", root, "check", "--online")
    assert result.exit_code == 1
    assert "(2) 2404.07143: the link points at arXiv 2404.07143, titled 'Leave No Context" in result.stderr
    assert f"(3) 2404.10667: link {fake.base}/page/gone no longer resolves (HTTP 404)" in result.stderr
    offline = run_cli("--dir", root, "check")
    assert "2404.07143: the link points at" not in offline.stderr
