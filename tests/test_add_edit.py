"""--edit, `edit`, `move`, `remove` and `refresh`: editing the log, with $EDITOR set to a script."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli, two_papers
from fakes import FakeServices

from paperweek.store import open_log

EDITOR_SCRIPT = r"""
import os, sys, time
path = sys.argv[-1]
mode = os.environ["FAKE_EDIT"]
counter = os.environ["FAKE_EDIT_COUNTER"]
n = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
open(counter, "w").write(str(n))
lines = open(path, encoding="utf-8").read().splitlines()
def set_field(key, value):
    for i, line in enumerate(lines):
        if line.startswith(key + ":"):
            lines[i] = f"{key}: {value}"
if mode == "summary":
    set_field("summary", "'Edited: a *sharp* summary.'")
elif mode == "break-then-fix":
    set_field("title", "''" if n == 1 else "Fixed Title")
elif mode == "bad-yaml":
    lines.append("links: [unclosed")
elif mode == "empty":
    lines = []
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
later = time.time() + 5
os.utime(path, (later, later))
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    script = tmp_path / "fake_editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setenv("FAKE_EDIT_COUNTER", str(tmp_path / "edit-count"))
    yield


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".paperweek" not in p.parts}


def order(root: Path, week: str = "2024-04-15") -> list[str]:
    log = open_log(root)
    found = [w for w in log.weeks if w.start.isoformat() == week]
    return [p.id for p in found[0].papers] if found else []


def test_add_edit_saves_the_edited_draft(
    services: FakeServices, empty_log: Path, editor: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDIT", "summary")
    result = run_cli("--dir", empty_log, "add", "--edit", "2404.11018")
    assert result.exit_code == 0, result.output
    paper = open_log(empty_log).weeks[0].papers[0]
    assert paper.summary == "Edited: a *sharp* summary."
    assert "Edited: a *sharp* summary." in (empty_log / "README.md").read_text(encoding="utf-8")


def test_invalid_draft_reopen_then_valid(
    services: FakeServices, empty_log: Path, editor: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_EDIT", "break-then-fix")
    result = run_cli("--dir", empty_log, "add", "--edit", "2404.11018", input="y\n")
    assert result.exit_code == 0, result.output
    assert "title is empty" in result.stderr
    assert open_log(empty_log).weeks[0].papers[0].title == "Fixed Title"


@pytest.mark.parametrize("mode", ["break-then-fix", "bad-yaml", "empty"])
def test_abort_leaves_the_log_untouched(
    services: FakeServices, empty_log: Path, editor: None, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("FAKE_EDIT", mode)
    before = files(empty_log)
    result = run_cli("--dir", empty_log, "add", "--edit", "2404.11018", input="n\n")
    assert result.exit_code == 2
    assert "nothing written" in result.stderr
    assert files(empty_log) == before


def test_edit_command_with_editor_and_options(
    services: FakeServices, empty_log: Path, editor: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("--dir", empty_log, "add", "2404.11018", "2404.10667").exit_code == 0
    drafted = open_log(empty_log).weeks[0].papers[0].summary
    monkeypatch.setenv("FAKE_EDIT", "summary")
    assert run_cli("--dir", empty_log, "edit", "https://arxiv.org/abs/2404.10667v1").exit_code == 0
    papers = {p.id: p for _, p in open_log(empty_log).papers()}
    assert papers["2404.10667"].summary == "Edited: a *sharp* summary."
    assert papers["2404.11018"].summary == drafted  # untouched
    result = run_cli("--dir", empty_log, "edit", "2404.11018", "--title", "Many-Shot ICL", "--repo", "github.com/o/r")
    assert result.exit_code == 0
    paper = open_log(empty_log).find("2404.11018")
    assert paper is not None and paper[1].title == "Many-Shot ICL"
    assert [link.url for link in paper[1].links] == ["https://arxiv.org/abs/2404.11018", "https://github.com/o/r"]
    missing = run_cli("--dir", empty_log, "edit", "2404.00000", "--title", "x")
    assert missing.exit_code == 2 and "no such paper" in missing.stderr


def test_move_and_reorder(services: FakeServices, empty_log: Path) -> None:
    ids = ["2404.11018", "2404.10667", "2404.09990", "2404.09833"]
    assert run_cli("--dir", empty_log, "add", *ids).exit_code == 0
    assert run_cli("--dir", empty_log, "move", "2404.09833", "--position", "1").exit_code == 0
    assert order(empty_log) == ["2404.09833", "2404.11018", "2404.10667", "2404.09990"]
    assert run_cli("--dir", empty_log, "move", "2404.09833", "--after", "2404.10667").exit_code == 0
    assert order(empty_log) == ["2404.11018", "2404.10667", "2404.09833", "2404.09990"]
    assert run_cli("--dir", empty_log, "move", "2404.09990", "--before", "2404.11018").exit_code == 0
    assert order(empty_log) == ["2404.09990", "2404.11018", "2404.10667", "2404.09833"]
    readme = (empty_log / "README.md").read_text(encoding="utf-8")
    assert readme.index("(1) **HQ-Edit") < readme.index("(2) **Many-Shot")
    assert run_cli("--dir", empty_log, "move", "2404.11018", "--week", "2024-04-10").exit_code == 0
    assert order(empty_log, "2024-04-08") == ["2404.11018"]
    assert order(empty_log) == ["2404.09990", "2404.10667", "2404.09833"]
    bad = run_cli("--dir", empty_log, "move", "2404.10667", "--position", "9")
    assert bad.exit_code == 2 and "out of range" in bad.stderr
    both = run_cli("--dir", empty_log, "move", "2404.10667", "--position", "1", "--before", "2404.09990")
    assert both.exit_code == 2


def test_remove(services: FakeServices, empty_log: Path) -> None:
    assert run_cli("--dir", empty_log, "add", "2404.11018", "2404.10667").exit_code == 0
    result = run_cli("--dir", empty_log, "remove", "2404.11018", "2404.55555")
    assert result.exit_code == 1 and "2404.55555: no such paper" in result.stderr
    assert order(empty_log) == ["2404.10667"]
    assert "Many-Shot" not in (empty_log / "README.md").read_text(encoding="utf-8")
    assert run_cli("--dir", empty_log, "remove", "2404.55555").exit_code == 2


def test_refresh_fills_metadata_and_reports_differences(services: FakeServices, empty_log: Path) -> None:
    weeks = empty_log / "weeks"
    weeks.mkdir()
    (weeks / "2024-04-15.yaml").write_text(
        "schema: 1\nweek: 2024-04-15\npapers:\n"
        "  - id: '2404.07143'\n    title: Infini-attention\n    summary: Long context.\n"
        "    released: 2024-04-11\n    links:\n      - {label: Paper, url: https://arxiv.org/abs/2404.07143}\n"
        "  - id: '2404.10667'\n    title: 'VASA-1: Lifelike Audio-Driven Talking Faces Generated in Real Time'\n"
        "    summary: Faces.\n    released: 2024-04-16\n",
        encoding="utf-8",
    )
    result = run_cli("--dir", empty_log, "refresh")
    assert result.exit_code == 0, result.output
    assert "refreshed 2 papers; 2 changed" in result.stdout
    assert "release date April 11, 2024 is not the v1 date April 10, 2024" in result.stderr
    assert "title differs" in result.stderr
    assert len(services.arxiv_log) == 1  # one batch
    papers = {p.id: p for _, p in open_log(empty_log).papers()}
    assert papers["2404.07143"].authors[0] == "Tsendsuren Munkhdalai"
    assert papers["2404.07143"].title == "Infini-attention"  # the curator's, kept
    over = run_cli("--dir", empty_log, "refresh", "--overwrite", "2404.07143")
    assert over.exit_code == 0
    paper = open_log(empty_log).find("2404.07143")
    assert paper is not None and paper[1].title.startswith("Leave No Context Behind")
    assert str(paper[1].released) == "2024-04-10"


def test_refresh_names_a_paper_by_the_number_the_readme_shows(services: FakeServices, empty_log: Path) -> None:
    """A paper numbered by hand (``number: 7``) is "(7)" in refresh's notes, as in the README, not its place."""
    week = two_papers(empty_log)
    week.write_text(week.read_text(encoding="utf-8").replace("    summary: Long context.\n", "    summary: Long context.\n    number: 7\n"),
                    encoding="utf-8")
    assert run_cli("--dir", empty_log, "build").exit_code == 0
    assert re.search(r"\| \(7\) \*\*Infini-attention\*\*", (empty_log / "README.md").read_text(encoding="utf-8"))
    result = run_cli("--dir", empty_log, "refresh")
    assert result.exit_code == 0, result.output
    assert "the week of April 15, 2024, (7) 2404.07143: release date April 11, 2024" in result.stderr


def test_refresh_says_which_fields_changed_per_paper(services: FakeServices, empty_log: Path) -> None:
    two_papers(empty_log)
    first = run_cli("--dir", empty_log, "refresh")
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    infini = next(line for line in lines if line.startswith("2404.07143: "))
    assert {"authors", "abstract", "categories"} <= set(infini.removeprefix("2404.07143: ").split(", "))
    assert "title" not in infini and "summary" not in infini  # the curator's fields are left alone
    again = run_cli("--dir", empty_log, "refresh")
    assert again.stdout.strip().splitlines() == ["refreshed 2 papers; 0 changed"]
    quiet = run_cli("--dir", empty_log, "refresh", "--overwrite", "-q", "2404.07143")
    assert quiet.stdout.strip().splitlines() == ["refreshed 1 paper; 1 changed"]


def test_a_kept_title_is_not_flagged_again(services: FakeServices, empty_log: Path) -> None:
    two_papers(empty_log)
    assert run_cli("--dir", empty_log, "edit", "2404.07143", "--title", "Endless context, explained").exit_code == 0
    flagged = run_cli("--dir", empty_log, "check", "--online")
    assert flagged.exit_code == 1 and "2404.07143, titled" in flagged.stderr
    assert "title differs" in run_cli("--dir", empty_log, "refresh").stderr
    kept = run_cli("--dir", empty_log, "edit", "2404.07143", "--keep", "title", "--keep", "released")
    assert kept.exit_code == 0, kept.output
    assert "keep: [title, released]" in (empty_log / "weeks" / "2024-04-15.yaml").read_text(encoding="utf-8")
    refreshed = run_cli("--dir", empty_log, "refresh", "--overwrite")
    assert refreshed.exit_code == 0
    assert "2404.07143" not in refreshed.stderr  # neither the title nor the date is reported
    paper = open_log(empty_log).find("2404.07143")
    assert paper is not None and paper[1].title == "Endless context, explained"
    assert str(paper[1].released) == "2024-04-11"
    checked = run_cli("--dir", empty_log, "check", "--online")
    assert "2404.07143" not in checked.stderr, checked.stderr
    bad = run_cli("--dir", empty_log, "edit", "2404.07143", "--keep", "colour")
    assert bad.exit_code == 2 and "--keep" in bad.stderr
    week = empty_log / "weeks" / "2024-04-15.yaml"
    week.write_text(week.read_text(encoding="utf-8").replace("keep: [title, released]", "keep: [colour]"))
    broken = run_cli("--dir", empty_log, "list")
    assert broken.exit_code == 2 and "papers[1].keep: 'colour' cannot be kept" in broken.stderr
    week.write_text(week.read_text(encoding="utf-8").replace("keep: [colour]", "keep: [title]"))
    assert run_cli("--dir", empty_log, "edit", "2404.07143", "--unkeep", "title").exit_code == 0
    assert "keep:" not in week.read_text(encoding="utf-8")


def test_refresh_summary_redrafts_the_chosen_papers(services: FakeServices, empty_log: Path) -> None:
    two_papers(empty_log)
    everyone = run_cli("--dir", empty_log, "refresh", "--summary")
    assert everyone.exit_code == 2 and "name the papers" in everyone.stderr
    result = run_cli("--dir", empty_log, "refresh", "--summary", "2404.07143")
    assert result.exit_code == 0, result.output
    assert "summary" in next(line for line in result.stdout.splitlines() if line.startswith("2404.07143: "))
    papers = {p.id: p for _, p in open_log(empty_log).papers()}
    assert papers["2404.07143"].summary not in ("", "Long context.")
    assert papers["2404.10667"].summary == "Faces."  # not chosen: untouched
    assert run_cli("--dir", empty_log, "edit", "2404.10667", "--keep", "summary").exit_code == 0
    kept = run_cli("--dir", empty_log, "refresh", "--summary", "2404.10667")
    assert "summary kept as written" in kept.stderr
    assert {p.id: p for _, p in open_log(empty_log).papers()}["2404.10667"].summary == "Faces."
