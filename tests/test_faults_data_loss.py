"""Fault catalogue: data loss. No command replaces what a user wrote, and a command killed at
any step leaves the log consistent, or the next run repairs it. Kills are injected at a chosen
step (``PAPERWEEK_FAULT``), never left to timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED, run_cli, snapshot


def paperweek(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real console command in a child process (for kills and editors)."""
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "paperweek", *map(str, args)], env=full, capture_output=True, text=True, timeout=60
    )


# --- 1, 4: init never replaces what is there -------------------------------------------------


def test_init_refuses_to_replace_a_hand_kept_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(SEED.read_text())
    result = run_cli("--dir", tmp_path, "init")
    assert result.exit_code == 2
    assert "README.md" in result.stderr and "paperweek import" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    assert (tmp_path / "README.md").read_text() == SEED.read_text()


def test_init_with_a_different_workflow_writes_nothing(tmp_path: Path) -> None:
    workflow = tmp_path / ".github" / "workflows" / "paperweek.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n")
    result = run_cli("--dir", tmp_path, "init", "--github-actions")
    assert result.exit_code == 2
    assert "paperweek.yml" in result.stderr and "nothing written" in result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        ".github", ".github/workflows", ".github/workflows/paperweek.yml"
    ]
    assert workflow.read_text() == "name: mine\n"


# --- 2: import never overwrites week files or config ----------------------------------------


def test_import_refuses_to_overwrite_hand_edited_week_files(log_dir: Path) -> None:
    week = log_dir / "weeks" / "2024-04-22.yaml"
    week.write_text(week.read_text().replace("Many-Shot In-Context Learning", "My own title"))
    (log_dir / "paperweek.toml").unlink()
    before = snapshot(log_dir)
    result = run_cli("--dir", log_dir, "import", SEED)
    assert result.exit_code == 2, result.output
    assert "2024-04-22.yaml" in result.stderr and "nothing written" in result.stderr
    assert snapshot(log_dir) == before
    assert "My own title" in week.read_text()


def test_import_rerun_after_a_kill_before_the_config_finishes(tmp_path: Path) -> None:
    root = tmp_path / "log"
    killed = paperweek("--dir", root, "import", SEED, env={"PAPERWEEK_FAULT": "import:before-config"})
    assert killed.returncode != 0
    assert not (root / "paperweek.toml").exists() and any((root / "weeks").iterdir())
    again = run_cli("--dir", root, "import", SEED)  # the same files: finishing the job is allowed
    assert again.exit_code == 0, again.output
    assert run_cli("--dir", root, "check").exit_code in (0, 1)


# --- 3: edit with a slow editor keeps what other commands did meanwhile ------------------------

EDITOR = r"""
import os, subprocess, sys
path = sys.argv[-1]
# while the editor is open, another paperweek command changes the same paper
other = subprocess.run([sys.executable, "-m", "paperweek", "--dir", os.environ["LOG"], *os.environ["MEANWHILE"].split("|")],
                       capture_output=True, text=True)
open(os.environ["MEANWHILE_OUT"], "w").write(other.stdout + other.stderr)
text = open(path, encoding="utf-8").read()
lines = [("summary: " + os.environ["NEW_SUMMARY"]) if line.startswith("summary:") else line for line in text.splitlines()]
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
st = os.stat(path); os.utime(path, (st.st_atime + 5, st.st_mtime + 5))
"""


@pytest.fixture
def slow_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_dir: Path) -> Path:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setenv("LOG", str(log_dir))
    monkeypatch.setenv("PYTHONPATH", str(REPO / "src"))
    monkeypatch.setenv("MEANWHILE_OUT", str(tmp_path / "meanwhile.txt"))
    monkeypatch.setenv("NEW_SUMMARY", "Edited by hand.")
    return tmp_path / "meanwhile.txt"


def _paper(log_dir: Path, ref: str) -> dict[str, object]:
    shown = run_cli("--dir", log_dir, "show", ref, "--json")
    assert shown.exit_code == 0, shown.output
    data: dict[str, object] = json.loads(shown.stdout)
    return data


def test_edit_keeps_a_tag_made_while_the_editor_was_open(
    slow_editor: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEANWHILE", "tag|2404.11018|+meanwhile")
    result = run_cli("--dir", log_dir, "edit", "2404.11018")
    assert result.exit_code == 0, result.output
    assert "updated" in slow_editor.read_text()
    paper = _paper(log_dir, "2404.11018")
    assert paper["tags"] == ["meanwhile"]
    assert paper["summary"] == "Edited by hand."
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 0


def test_edit_refuses_when_the_same_field_changed_meanwhile(
    slow_editor: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEANWHILE", "edit|2404.11018|--summary|Changed by the other command.")
    result = run_cli("--dir", log_dir, "edit", "2404.11018")
    assert result.exit_code == 2, result.output
    assert "summary" in result.stderr and "nothing written" in result.stderr
    assert _paper(log_dir, "2404.11018")["summary"] == "Changed by the other command."
    kept = log_dir / ".paperweek" / "drafts" / "2404.11018.yaml"  # the user's version is not lost
    assert str(kept) in result.stderr and "summary: Edited by hand." in kept.read_text()


# --- 8: a run killed between the week file and the README is repaired by the next run ------------


def test_add_killed_before_the_readme_is_repaired_by_the_rerun(log_dir: Path) -> None:
    args = ("--dir", log_dir, "add", "--title", "A blog post", "--url", "https://example.org/post",
            "--released", "2024-04-20", "--week", "2024-04-22")
    killed = paperweek(*args, env={"PAPERWEEK_FAULT": "write:before-readme"})
    assert killed.returncode == 137
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 1  # the README is stale
    again = run_cli(*args)
    assert again.exit_code == 0, again.output
    assert "already in the log" in again.stderr and "README rebuilt" in again.stderr
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 0


@pytest.mark.parametrize(("paper", "to"), [("2404.11018", "2024-04-15"), ("2404.03592", "2024-04-22")])
def test_move_killed_between_its_two_week_files_loses_nothing(log_dir: Path, paper: str, to: str) -> None:
    killed = paperweek("--dir", log_dir, "move", paper, "--week", to, env={"PAPERWEEK_FAULT": "move:between-weeks"})
    assert killed.returncode == 137
    listed = json.loads(run_cli("--dir", log_dir, "list", "--json").stdout)
    assert paper in [p["id"] for p in listed]  # a copy in both weeks at worst, never lost
    again = run_cli("--dir", log_dir, "move", paper, "--week", to)
    assert again.exit_code == 0, again.output
    listed = json.loads(run_cli("--dir", log_dir, "list", "--json").stdout)
    assert [p["week"] for p in listed if p["id"] == paper] == [to]
    assert run_cli("--dir", log_dir, "check").exit_code == 0


def test_a_fresh_clone_says_when_build_rewrites_an_edited_readme(log_dir: Path) -> None:
    import shutil

    shutil.rmtree(log_dir / ".paperweek")  # a fresh clone: no record of what paperweek wrote
    readme = log_dir / "README.md"
    readme.write_text(readme.read_text() + "\nA hand-written footer.\n")
    result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 0
    assert "no record of writing it" in result.stderr and "git diff" in result.stderr  # never silently


def test_readme_written_but_not_recorded_is_not_taken_for_a_hand_edit(log_dir: Path) -> None:
    killed = paperweek("--dir", log_dir, "remove", "2404.11018", env={"PAPERWEEK_FAULT": "readme:before-record"})
    assert killed.returncode == 137
    result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 0, result.output
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 0


# --- 9: leftovers of killed runs are swept and git-ignored; the site is never missing ------------


def test_leftovers_of_killed_writes_are_swept_and_ignored(log_dir: Path) -> None:
    for command in (("remove", "2404.11018"), ("site",)):
        fault = "atomic:before-rename" if command[0] == "remove" else "site:before-swap"
        assert paperweek("--dir", log_dir, *command, env={"PAPERWEEK_FAULT": fault}).returncode == 137
    leftovers = [p for p in log_dir.rglob(".paperweek-tmp-*")]
    assert leftovers  # what kill -9 leaves: a temporary week file and a half-built site
    subprocess.run(["git", "init", "-q"], cwd=log_dir, check=True)
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *map(str, leftovers)], cwd=log_dir,
                             capture_output=True, text=True)
    assert sorted(ignored.stdout.split()) == sorted(map(str, leftovers))
    assert run_cli("--dir", log_dir, "tag", "2404.03592", "+x").exit_code == 0  # any command under the lock
    assert list(log_dir.rglob(".paperweek-tmp-*")) == []


def test_leftovers_of_earlier_versions_are_swept(log_dir: Path) -> None:
    (log_dir / ".README.md.k3j9x_2a.tmp").write_text("half")
    (log_dir / "weeks" / ".2024-04-15.yaml.ab12cd34.tmp").write_text("half")
    (log_dir / "._site.new-zz99yy88").mkdir()
    (log_dir / "._site.new-zz99yy88" / "index.html").write_text("x")
    (log_dir / ".notes.tmp").write_text("mine")  # not paperweek's: stays
    assert run_cli("--dir", log_dir, "tag", "2404.03592", "+x").exit_code == 0
    assert sorted(p.name for p in log_dir.rglob(".*") if ".paperweek" not in p.parts and p.name != ".gitignore") == [
        ".notes.tmp"
    ]


def test_site_killed_between_the_two_renames_leaves_a_site(log_dir: Path) -> None:
    assert run_cli("--dir", log_dir, "site").exit_code == 0
    killed = paperweek("--dir", log_dir, "site", env={"PAPERWEEK_FAULT": "site:between-renames"})
    assert killed.returncode == 137
    assert (log_dir / "_site" / "index.html").is_file()
    assert run_cli("--dir", log_dir, "site").exit_code == 0
    assert [p.name for p in log_dir.iterdir() if p.name.startswith(".paperweek-tmp-")] == []


# --- 10: remove keeps the comment above the next paper; README hand edits are never lost silently ---


def test_remove_keeps_the_comment_written_above_the_next_paper(log_dir: Path) -> None:
    path = log_dir / "weeks" / "2024-04-15.yaml"
    text = path.read_text()
    text = text.replace("  - id: '2404.04125'\n", "  # read this one twice\n  - id: '2404.04125'\n")
    path.write_text(text)
    assert run_cli("--dir", log_dir, "remove", "2404.03592").exit_code == 0
    after = path.read_text()
    assert "  # read this one twice\n  - id: '2404.04125'\n" in after
    assert run_cli("--dir", log_dir, "move", "2404.04125", "--position", "3").exit_code == 0
    assert "  # read this one twice\n  - id: '2404.04125'\n" in path.read_text()


def test_build_refuses_to_discard_hand_edits_of_the_readme(log_dir: Path) -> None:
    readme = log_dir / "README.md"
    edited = readme.read_text().replace("Here is the weekly series:", "Here is the weekly series (see also our blog):")
    readme.write_text(edited)
    result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 2
    assert "edited by hand" in result.stderr and "--force" in result.stderr
    assert readme.read_text() == edited
    # a command that changes the data saves its change and says why the README stays as it is
    removed = run_cli("--dir", log_dir, "remove", "2404.11018")
    assert removed.exit_code == 0
    assert "README.md not rebuilt" in removed.stderr
    assert readme.read_text() == edited
    forced = run_cli("--dir", log_dir, "build", "--force")
    assert forced.exit_code == 0
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 0


# --- 5: weeks at the calendar's edge ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["add", "move", "today", "discover-today"])
def test_a_week_past_the_calendars_end_is_refused(log_dir: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(log_dir)
    if how == "add":
        result = run_cli("--dir", log_dir, "add", "--title", "T", "--url", "https://e.org/x", "--released",
                         "2024-04-20", "--week", "9999-12-31")
    elif how == "move":
        result = run_cli("--dir", log_dir, "move", "2404.11018", "--week", "9999-12-31")
    elif how == "today":
        monkeypatch.setenv("PAPERWEEK_TODAY", "9999-12-31")
        result = run_cli("--dir", log_dir, "add", "--title", "T", "--url", "https://e.org/x", "--released", "2024-04-20")
    else:
        monkeypatch.setenv("PAPERWEEK_TODAY", "9999-12-31")
        result = run_cli("--dir", log_dir, "discover")
    assert result.exit_code == 2, result.output
    assert "9999-12-31" in result.stderr and "Traceback" not in result.output
    assert snapshot(log_dir) == before
    assert not (log_dir / "weeks" / "9999-12-27.yaml").exists()


@pytest.mark.parametrize("command", ["list", "build", "check", "site"])
def test_a_week_file_at_the_calendars_end_names_the_file(log_dir: Path, command: str) -> None:
    edge = log_dir / "weeks" / "9999-12-27.yaml"
    edge.write_text("schema: 1\nweek: 9999-12-27\npapers:\n  - id: x\n    title: X\n")
    result = run_cli("--dir", log_dir, command)
    assert "Traceback" not in result.output
    assert result.exit_code == (1 if command == "check" else 2), result.output
    assert "9999-12-27.yaml" in result.stderr and "end: 9999-12-31" in result.stderr
    edge.write_text("schema: 1\nweek: 9999-12-27\nend: 9999-12-31\npapers:\n  - id: x\n    title: X\n")
    handled = run_cli("--dir", log_dir, command, "--force") if command == "build" else run_cli("--dir", log_dir, command)
    assert handled.exit_code in (0, 1) and "Traceback" not in handled.output, handled.output


# --- 17: a folder that cannot be written, a full disk: one line, nothing half-written ---------------


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EACCES"])
def test_a_write_that_fails_gives_one_line_and_keeps_the_old_file(
    log_dir: Path, errno_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from paperweek.store import atomic

    real = atomic.os.fsync

    def failing(fd: int) -> None:
        raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))

    before = snapshot(log_dir)
    monkeypatch.setattr(atomic.os, "fsync", failing)
    result = run_cli("--dir", log_dir, "remove", "2404.03592")
    monkeypatch.setattr(atomic.os, "fsync", real)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "2024-04-15.yaml: cannot write" in lines[0], result.stderr
    assert snapshot(log_dir) == before
    assert list(log_dir.rglob(".paperweek-tmp-*")) == []


def test_a_cache_folder_that_cannot_be_made_gives_one_line(log_dir: Path) -> None:
    import shutil

    shutil.rmtree(log_dir / ".paperweek", ignore_errors=True)
    (log_dir / ".paperweek").write_text("not a folder")
    for command in (("remove", "2404.11018"), ("search", "learning")):
        result = run_cli("--dir", log_dir, *command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert ".paperweek" in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
