"""`paperweek add` end to end, against local arXiv and Hugging Face servers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, snapshot
from fakes import FakeServices, fixture_entries, synthetic_entries

from paperweek.store import open_log

HF = {
    "2404.07965": {"githubRepo": "https://github.com/microsoft/rho"},
    "2404.11018": {},  # known to HF, no repo
}


@pytest.fixture
def services(fake_services: Callable[..., FakeServices], monkeypatch: pytest.MonkeyPatch) -> FakeServices:
    """conftest's services, with 150 more papers (for batching) and two known to Hugging Face."""
    entries = fixture_entries()
    entries.update(synthetic_entries(150))
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    return fake_services(entries, hf=dict(HF))


def test_add_one_paper_fills_everything(services: FakeServices, empty_log: Path) -> None:
    result = run_cli("--dir", empty_log, "add", "https://arxiv.org/abs/2404.03592v2")
    assert result.exit_code == 0, result.output
    assert "added 2404.03592" in result.stdout
    week_file = empty_log / "weeks" / "2024-04-15.yaml"
    assert week_file.is_file()
    log = open_log(empty_log)
    (week,) = log.weeks
    (paper,) = week.papers
    assert paper.id == "2404.03592"
    assert paper.title == "ReFT: Representation Finetuning for Language Models"
    assert paper.released == dt.date(2024, 4, 4)
    assert [(link.label, link.url) for link in paper.links] == [
        ("Paper", "https://arxiv.org/abs/2404.03592"),
        ("Repo", "https://github.com/stanfordnlp/pyreft"),
    ]
    assert paper.authors[:2] == ["Zhengxuan Wu", "Aryaman Arora"]
    assert paper.categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert paper.abstract.startswith("Parameter-efficient finetuning")
    assert paper.summary  # drafted
    readme = (empty_log / "README.md").read_text(encoding="utf-8")
    assert (
        "| April 4, 2024 | [Paper](https://arxiv.org/abs/2404.03592), [Repo](https://github.com/stanfordnlp/pyreft)|"
        in readme
    )
    assert "(1) **ReFT: Representation Finetuning for Language Models** - " in readme


def test_fragment_hf_repo_and_escaped_title(services: FakeServices, empty_log: Path) -> None:
    result = run_cli(
        "--dir", empty_log, "add", "https://arxiv.org/abs/2404.07965#:~:text=Previous%20language", "2404.04125"
    )
    assert result.exit_code == 0, result.output
    papers = {p.id: p for _, p in open_log(empty_log).papers()}
    rho = papers["2404.07965"]
    assert rho.links[0].url == "https://arxiv.org/abs/2404.07965#:~:text=Previous%20language"
    assert rho.link("Repo") is not None and rho.link("Repo").url == "https://github.com/microsoft/rho"  # type: ignore[union-attr]
    assert services.hf_log and set(services.hf_log) == {"2404.07965", "2404.04125"}  # 404 did not fail the add
    zero = papers["2404.04125"]
    assert zero.title.startswith('No "Zero-Shot" Without Exponential Data')
    assert [p.id for p in open_log(empty_log).weeks[0].papers] == ["2404.07965", "2404.04125"]  # input order


def test_bad_inputs_are_named_and_the_others_added(services: FakeServices, empty_log: Path) -> None:
    result = run_cli("--dir", empty_log, "add", "2404.11018", "not-a-paper", "2404.99999", "2404.10667")
    assert result.exit_code == 1
    assert "not-a-paper: not an arXiv id or link" in result.stderr
    assert "paperweek: 2404.99999: not found on arXiv" in result.stderr  # the id once, not twice
    assert "2 of 4 inputs failed (2 added)" in result.stderr
    assert sorted(p.id for _, p in open_log(empty_log).papers()) == ["2404.10667", "2404.11018"]


def test_nothing_written_when_every_id_fails(services: FakeServices, empty_log: Path) -> None:
    before = snapshot(empty_log)
    result = run_cli("--dir", empty_log, "add", "2404.99999", "2404.99998")
    assert result.exit_code == 1 and "nothing written" in result.stderr
    assert snapshot(empty_log) == before
    only_bad = run_cli("--dir", empty_log, "add", "garbage")
    assert only_bad.exit_code == 2 and "garbage" in only_bad.stderr
    assert snapshot(empty_log) == before


def test_nothing_written_when_arxiv_is_down(services: FakeServices, empty_log: Path) -> None:
    services.arxiv_faults.extend([("status", 503)] * 4)
    before = snapshot(empty_log)
    result = run_cli("--dir", empty_log, "add", "2404.11018", "2404.10667")
    assert result.exit_code == 1
    assert "HTTP 503" in result.stderr and "4 attempts" in result.stderr
    assert snapshot(empty_log) == before
    assert len(services.arxiv_log) == 4


def test_partial_success_writes_exactly_the_successes(services: FakeServices, empty_log: Path) -> None:
    result = run_cli("--dir", empty_log, "add", "--no-build", "2404.11018", "2404.88888", "2404.09990")
    assert result.exit_code == 1
    text = (empty_log / "weeks" / "2024-04-15.yaml").read_text(encoding="utf-8")
    assert "2404.11018" in text and "2404.09990" in text and "2404.88888" not in text
    assert not (empty_log / "README.md").exists()  # --no-build


def test_150_ids_take_2_requests_and_a_second_run_none(services: FakeServices, empty_log: Path) -> None:
    ids = [f"2501.{n:05d}" for n in range(1, 151)]
    services_hf_before = len(services.hf_log)
    first = run_cli("--dir", empty_log, "add", "--no-build", *ids)
    assert first.exit_code == 0, first.output
    assert [len(batch) for _, batch in services.arxiv_log] == [100, 50]
    assert "arXiv metadata" in first.stderr  # the progress bar, on stderr
    assert len(services.hf_log) - services_hf_before == 150
    assert run_cli("--dir", empty_log, "remove", "--no-build", *ids).exit_code == 0
    assert not list((empty_log / "weeks").glob("*.yaml"))  # an emptied week is removed
    again = run_cli("--dir", empty_log, "add", "--no-build", *ids)
    assert again.exit_code == 0
    assert len(services.arxiv_log) == 2 and len(services.hf_log) == 150  # all from the cache
    assert len(list(open_log(empty_log).papers())) == 150


def test_already_logged_says_which_week(services: FakeServices, empty_log: Path) -> None:
    assert run_cli("--dir", empty_log, "add", "--week", "2024-04-10", "2404.07143").exit_code == 0
    again = run_cli("--dir", empty_log, "add", "arXiv:2404.07143v2")
    assert again.exit_code == 0
    assert "2404.07143 is already in the log, in the week of April 8, 2024" in again.stderr
    assert len(list(open_log(empty_log).papers())) == 1


def test_week_option(services: FakeServices, empty_log: Path) -> None:
    assert run_cli("--dir", empty_log, "add", "--week", "last", "2404.11018").exit_code == 0
    assert (empty_log / "weeks" / "2024-04-08.yaml").is_file()
    bad = run_cli("--dir", empty_log, "add", "--week", "someday", "2404.10667")
    assert bad.exit_code == 2 and "--week" in bad.stderr


def test_offline_and_refresh(services: FakeServices, empty_log: Path) -> None:
    offline = run_cli("--dir", empty_log, "add", "--offline", "2404.11018")
    assert offline.exit_code == 1 and "not in the local cache (--offline)" in offline.stderr
    assert services.arxiv_log == [] and services.hf_log == []
    assert run_cli("--dir", empty_log, "add", "2404.11018").exit_code == 0
    assert run_cli("--dir", empty_log, "remove", "2404.11018").exit_code == 0
    assert run_cli("--dir", empty_log, "add", "--offline", "2404.11018").exit_code == 0
    assert len(services.arxiv_log) == 1
    assert run_cli("--dir", empty_log, "remove", "2404.11018").exit_code == 0
    assert run_cli("--dir", empty_log, "add", "--refresh", "2404.11018").exit_code == 0
    assert len(services.arxiv_log) == 2


def test_huggingface_off_in_config(services: FakeServices, empty_log: Path) -> None:
    (empty_log / "paperweek.toml").write_text("schema = 1\n[sources]\nhuggingface = false\n", encoding="utf-8")
    assert run_cli("--dir", empty_log, "add", "2404.07965").exit_code == 0
    assert services.hf_log == []
    assert open_log(empty_log).weeks[0].papers[0].link("Repo") is None


def test_summary_and_repo_options(services: FakeServices, empty_log: Path) -> None:
    result = run_cli(
        "--dir", empty_log, "add", "2404.10667", "--summary", "VASA-1 makes *lifelike* faces.",
        "--repo", "https://github.com/microsoft/VASA-1.git",
    )
    assert result.exit_code == 0, result.output
    paper = open_log(empty_log).weeks[0].papers[0]
    assert paper.summary == "VASA-1 makes *lifelike* faces."
    assert paper.link("Repo") is not None and paper.link("Repo").url == "https://github.com/microsoft/VASA-1"  # type: ignore[union-attr]
    two = run_cli("--dir", empty_log, "add", "2404.11018", "2404.09990", "--summary", "x")
    assert two.exit_code == 2


def test_item_not_on_arxiv(services: FakeServices, empty_log: Path) -> None:
    args = ["--title", "Introducing Llama 3", "--url", "https://ai.meta.com/blog/meta-llama-3/", "--released"]
    assert run_cli("--dir", empty_log, "add", *args, "2024-04-18").exit_code == 0
    assert run_cli("--dir", empty_log, "add", "--week", "last", *args[:2], "--url", "https://example.com/b",
                   "--released", "April 18, 2024").exit_code == 0
    ids = [p.id for _, p in open_log(empty_log).papers()]
    assert sorted(ids) == ["introducing-llama-3", "introducing-llama-3-2"]
    paper = open_log(empty_log).find("introducing-llama-3")
    assert paper is not None and paper[1].released == dt.date(2024, 4, 18)
    assert paper[1].links[0].url == "https://ai.meta.com/blog/meta-llama-3/"
    assert services.arxiv_log == []
    missing = run_cli("--dir", empty_log, "add", "--title", "X", "--url", "https://x.org")
    assert missing.exit_code == 2 and "--released" in missing.stderr
    bad_date = run_cli("--dir", empty_log, "add", "--title", "X", "--url", "https://x.org", "--released", "soon")
    assert bad_date.exit_code == 2


def test_released_is_read_the_way_import_reads_a_date(empty_log: Path) -> None:
    """`add --released` takes any spelling of one day, with its year, that import reads in a list (grammar/dates.py)."""
    for i, text in enumerate(["Apr 15th, 2024", "15 April 2024", "2024/04/15", "April 15, 2024"]):
        added = run_cli("--dir", empty_log, "add", "--title", f"Post {i}", "--url", f"https://example.com/{i}",
                        "--released", text, "--no-build")
        assert added.exit_code == 0, (text, added.output)
    assert {p.released for _, p in open_log(empty_log).papers()} == {dt.date(2024, 4, 15)}
    for text in ["Apr 15th", "Apr 15-17, 2024", "released Apr 15th, 2024", "Apr 2024"]:  # no year, or not one day
        refused = run_cli("--dir", empty_log, "add", "--title", "X", "--url", "https://example.com/x", "--released", text)
        assert refused.exit_code == 2, text
        assert refused.stderr.startswith(f"paperweek: --released: {text!r} is not a date"), refused.stderr


def test_retry_is_reported_and_succeeds(services: FakeServices, empty_log: Path) -> None:
    services.arxiv_faults.extend([("status", 429, {"Retry-After": "0.1"}), ("truncate",)])
    result = run_cli("--dir", empty_log, "add", "2404.09833")
    assert result.exit_code == 0, result.output
    assert "HTTP 429; retrying in 0.1 s" in result.stderr
    assert open_log(empty_log).weeks[0].papers[0].title.startswith("Video2Game: Real-time, Interactive")


def test_a_row_linking_the_paper_counts_as_logged(services: FakeServices, empty_log: Path) -> None:
    (empty_log / "weeks").mkdir()
    (empty_log / "weeks" / "2024-04-08.yaml").write_text(
        "schema: 1\nweek: 2024-04-08\npapers:\n  - id: infini\n    title: Infini-attention\n"
        "    links:\n      - {label: Paper, url: 'https://arxiv.org/pdf/2404.07143v1.pdf'}\n",
        encoding="utf-8",
    )
    result = run_cli("--dir", empty_log, "add", "2404.07143")
    assert result.exit_code == 0
    assert "already in the log, in the week of April 8, 2024" in result.stderr
    assert services.arxiv_log == []


def _curated_log(root: Path, opening: str, count: int = 5) -> Path:
    """A log whose curator writes ~140-word summaries that all open with ``opening`` ("" : with the verb)."""
    from paperweek.models import Paper, Week
    from paperweek.operations.create import init_log

    body = (
        "{opening}tudies question number {i} of the field with a careful method. It compares several designs "
        "on public benchmarks and reports where each one helps and where it fails. The authors release code, "
        "data and models, and discuss the limits of the evaluation in detail. Results show steady gains over "
        "strong baselines on most tasks, with the largest gains on the hardest ones. An ablation separates the "
        "effect of each component, and a study of scaling shows the trend holds for larger models. The paper "
        "closes with open problems and a discussion of the costs of training and inference at scale. It also "
        "surveys related work from the last five years and explains how the approach differs from each line of it, "
        "which makes the contribution easy to place for a reader new to the area."
    )
    log = init_log(root)
    papers = [
        Paper(id=f"2403.0000{i}", title=f"Curated paper {i}", summary=body.format(opening=f"{opening} s" if opening else "S", i=i),
              links=[], released=dt.date(2024, 3, 4))
        for i in range(1, count + 1)
    ]
    with log.locked():
        log.save_week(Week(start=dt.date(2024, 4, 1), papers=papers))
    return root


def test_drafts_learn_the_lists_length_and_opening(services: FakeServices, tmp_path: Path) -> None:
    """Issue 21, item 13: a curator who writes ~140 words opening with the verb ("Studies …") gets drafts
    like that; one who opens "This work" gets "This work"."""
    log = _curated_log(tmp_path / "log", "")
    result = run_cli("--dir", log, "add", "2404.09990")
    assert result.exit_code == 0, result.output
    drafted = next(p for _, p in open_log(log).papers() if p.id == "2404.09990").summary
    assert drafted.startswith("Introduces HQ-Edit, a high-quality")
    assert len(drafted) > 700  # the default drafts stop at 700 characters; this list's run ~780
    worked = _curated_log(tmp_path / "work", "This work")
    assert run_cli("--dir", worked, "add", "2404.03592").exit_code == 0
    refit = next(p for _, p in open_log(worked).papers() if p.id == "2404.03592").summary
    assert "This work pursues this hypothesis" in refit and "The paper" not in refit
    fresh = tmp_path / "fresh"  # the same paper in a log without summaries: the default voice and length
    assert run_cli("--dir", fresh, "init").exit_code == 0
    assert run_cli("--dir", fresh, "add", "2404.09990").exit_code == 0
    default = next(p for _, p in open_log(fresh).papers()).summary
    assert default.startswith("This study introduces HQ-Edit") and len(default) <= 700


def test_the_llm_is_asked_for_the_lists_length_and_opening(
    services: FakeServices, fake_llm: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _curated_log(tmp_path / "log", "This work")
    with (log / "paperweek.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[summary]\nengine = "llm"\n')
    fake = fake_llm()
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("PAPERWEEK_LLM_MODEL", "test-model")
    result = run_cli("--dir", log, "add", "2404.09990")
    assert result.exit_code == 0, result.output
    prompt = fake.requests[-1].body["messages"][-1]["content"]
    assert "about 137 words, as long as the list's other" in prompt  # the median of the log's summaries
    assert 'begin with "This work …"' in prompt
