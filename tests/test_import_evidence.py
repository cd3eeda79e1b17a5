"""Issue 22: import never refuses a list for its dates. Each period is placed by the best evidence it
has (row dates, its heading, the headings around it, arXiv ids, git history, --date, else the week of
the import), `--report` says which, `--strict` refuses on any doubt; duplicate headings are merged.

Small lists written here, one per evidence source, through the CLI; then every real list in
../shared/lists/ (read there, never copied) imports without being refused.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED, imported, run_cli

LISTS = SHARED / "lists"


def test_row_dates_in_a_column_no_header_names_place_the_list(tmp_path: Path) -> None:
    text = (
        "# 论文精读\n\n| 日期 | 标题 | 时长 |\n| --: | -- | --: |\n"
        "| 9/04/24 | [Llama 3.1 论文精读](https://arxiv.org/abs/2407.21783) | 10:41 |\n"
        "| 8/28/24 | Llama 3.1 训练 infra | 25:04 |\n| 8/13/24 | Llama 3.1 模型 | 26:14 |\n"
    )
    papers, out, _ = imported(tmp_path, text)
    # the column of dates is learned from its cells; the title is the column that varies like titles
    assert [p["title"] for p in papers] == ["Llama 3.1 论文精读", "Llama 3.1 训练 infra", "Llama 3.1 模型"]
    # rows dated weeks apart: each row in the week holding its own date, the text where it stands
    assert "week 2024-09-02: 1 item read, 1 paper made, 3 lines kept as text (placed by row dates)" in out
    assert [p["week"] for p in papers] == ["2024-09-02", "2024-08-26", "2024-08-12"]


def test_a_year_heading_above_short_dates_places_them(tmp_path: Path) -> None:
    text = (
        "# Timeline\n\n### 2024\n\n"
        "  * 04/12 - **WESE: Weak Exploration to Strong Exploitation** <br>([:x:](https://arxiv.org/abs/2404.07456))\n"
        "  * 04/11 - **OSWorld: Benchmarking Multimodal Agents** <br>([:x:](https://arxiv.org/abs/2404.07972))\n"
        "  * 04/09 - **Grok-1.5 Vision Preview** <br>([:x:](https://x.ai/blog/grok-1.5v))\n"
    )
    papers, out, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers] == [  # the links repeat like labels: the bold text is the title
        "WESE: Weak Exploration to Strong Exploitation", "OSWorld: Benchmarking Multimodal Agents",
        "Grok-1.5 Vision Preview",
    ]
    assert "week 2024-04-08: 3 items read, 3 papers made, 2 lines kept as text (placed by row dates)" in out


@pytest.mark.parametrize(
    ("heading", "start"),
    [("# 2021 August", "2021-08-01"), ("## Added 2016/03/??:", "2016-03-01"), ("#### 2016-11 (ICLR Edition)", "2016-11-01"),
     ("#### 7th if October 2023", "2023-10-07")],
)
def test_period_headings_in_more_spellings(tmp_path: Path, heading: str, start: str) -> None:
    text = f"{heading}\n\n* [A Paper Title](https://arxiv.org/abs/1511.06434)\n"
    papers, out, _ = imported(tmp_path, text)
    assert papers[0]["week"] == start and "(placed by heading)" in out


def test_numeric_day_headings_read_in_the_order_the_document_shows(tmp_path: Path) -> None:
    # 13.11.2017 can only be day first, so 12.11.2017 is the 12th of November, not December 11th
    text = (
        "# Journal club\n\n## 13.11.2017\n\n- [Paper One](https://arxiv.org/abs/1711.00001)\n\n"
        "## 12.11.2017\n\n- [Paper Two](https://arxiv.org/abs/1711.00002)\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert sorted(p["week"] for p in papers) == ["2017-11-12", "2017-11-13"]


def test_arxiv_ids_place_a_list_with_no_date(tmp_path: Path) -> None:
    text = "# Reading\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n- [BERT](https://arxiv.org/abs/1810.04805)\n"
    papers, out, _ = imported(tmp_path, text)
    assert "2017-06-01: 2 items read, 2 papers made, 1 line kept as text (placed by arXiv ids)" in out
    assert {p["week"] for p in papers} == {"2017-06-01"}


def test_git_history_places_a_list_with_no_date(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    text = "# Reading\n\n- [A Paper](https://example.org/a)\n- [Another Paper](https://example.org/b)\n"
    (repo / "list.md").write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": "2019-03-13T12:00:00+00:00",
           "GIT_AUTHOR_DATE": "2019-03-13T12:00:00+00:00"}
    for args in (["init", "-q"], ["add", "list.md"], ["commit", "-q", "-m", "list"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)
    log = tmp_path / "log"
    done = run_cli("--dir", log, "import", "--report", repo / "list.md")
    assert done.exit_code == 0, done.stderr
    assert "2019-03-13: 2 items read, 2 papers made, 1 line kept as text (placed by git history)" in done.stdout


def test_date_places_a_list_with_no_evidence_and_none_lands_in_this_week(tmp_path: Path) -> None:
    text = "# Reading\n\n* **Week 1** [*A Paper*, Alex](notes.md)\n* **Week 2** [*Another Paper*, Ilya](notes.md)\n"
    _, out, source = imported(tmp_path, text, "--date", "2017-08-23")
    assert "week 2017-08-21: 2 items read, 2 papers made, 1 line kept as text (placed by --date)" in out
    shutil.rmtree(tmp_path / "log")
    done = run_cli("--dir", tmp_path / "log", "import", "--report", source)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    assert done.exit_code == 0
    assert f"imported into the week of {monday.isoformat()}: import again with --date YYYY-MM-DD" in done.stdout
    assert "(placed by none)" in done.stdout
    strict = run_cli("--dir", tmp_path / "strict", "import", "--strict", source)
    assert strict.exit_code == 1 and "no dated heading and no dated item; pass --date" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_the_same_day_heading_twice_is_one_period(tmp_path: Path) -> None:
    text = (
        "# Agents\n\n#### 12th of October 2023\n\n[AgentCF: Collaborative Learning](https://arxiv.org/abs/2310.09233)\n\n"
        "- AgentCF: recommender agents.\n\n---\n\n#### 12th of October 2023\n\n"
        "[Lemur: Open Foundation Models](https://arxiv.org/abs/2310.06830)\n\n- Lemur: code and text.\n\n---\n\n"
        "#### 9th of October 2023\n\n[Another Agent Paper](https://arxiv.org/abs/2310.05000)\n\n"
        "#### 12th of October 2023\n\n[Far From The First](https://arxiv.org/abs/2310.04000)\n"
    )
    papers, out, _ = imported(tmp_path, text)
    assert "a second heading for the period of 2023-10-12 (the first is at line 3); merged into it" in out
    # a second heading away from the first joins the period above it, so the list still reads as written
    assert "merged into the period of 2023-10-09 above it" in out
    assert sorted((p["title"], p["week"]) for p in papers) == [
        ("AgentCF: Collaborative Learning", "2023-10-12"), ("Another Agent Paper", "2023-10-09"),
        ("Far From The First", "2023-10-09"), ("Lemur: Open Foundation Models", "2023-10-12"),
    ]
    assert papers[0]["summary"] == "AgentCF: recommender agents."
    strict = run_cli("--dir", tmp_path / "strict", "import", "--strict", tmp_path / "list.md")
    assert strict.exit_code == 1 and "list.md:11: a second period starting 2023-10-12" in strict.stderr


def test_a_heading_that_cannot_be_read_is_a_topic_or_refused_with_strict(tmp_path: Path) -> None:
    text = "# L\n\n## 2024-01-08\n\n- [A Paper](https://arxiv.org/abs/2401.00001)\n\n## Week 3 draft\n\n- [B Paper](https://arxiv.org/abs/2401.00002)\n"
    papers, out, source = imported(tmp_path, text)
    assert "list.md:7: heading looks dated but its date is not understood: 'Week 3 draft'; read as a topic" in out
    assert [(p["title"], p["week"], p["tags"]) for p in papers][1] == ("B Paper", "2024-01-08", ["week-3-draft"])
    strict = run_cli("--dir", tmp_path / "strict", "import", "--strict", source)
    assert strict.exit_code == 1 and "list.md:7: heading looks dated" in strict.stderr


@pytest.mark.parametrize("path", sorted(LISTS.glob("*.md")) + sorted(LISTS.glob("more/*.md")), ids=lambda p: p.name)
def test_no_real_list_is_refused(path: Path) -> None:
    from paperweek.importer.parse import parse_readme

    if path.name == "README.md":
        pytest.skip("the folder's own description, not a list")
    parsed = parse_readme(path.read_text(encoding="utf-8"), str(path))
    assert parsed.errors == [] and parsed.weeks
    assert sum(len(w.papers) for w in parsed.weeks) > 0


def test_notes_say_what_they_are_about_whatever_their_text_quotes() -> None:
    # `check` reports only the index's notes; it once matched the word "index" in the text, so a
    # README at index.md (or a heading quoting the word) had every note reported as an index problem
    from paperweek.importer import parse_readme

    text = (
        "# Reading index\n\n## 2024-04-15\n\n- [Alpha](https://arxiv.org/abs/2404.00001)\n\n"
        "## 2024-04-15\n\n- [Beta](https://arxiv.org/abs/2404.00002)\n"
    )
    notes = parse_readme(text, "docs/index.md").notes
    assert notes and all(note.where.startswith("docs/index.md:") for note in notes)
    assert {note.kind for note in notes} == {"period"}
    assert any("second heading for the period of 2024-04-15" in str(note) for note in notes)
