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
from conftest import REPO, SEED, run_cli


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    assert run_cli("--dir", root, "build").exit_code == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".paperweek" not in p.parts
    }


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
