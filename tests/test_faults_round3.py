"""Fault catalogue, round 3 (issue #19): links out of the log, outputs over the log's own files, user
material replaced without a word, exports that break their readers, resource bombs, values parsed
into tracebacks, line ends and case, concurrent first runs. One section per family, through the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEED, run_cli, snapshot

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not-a-real-key"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the log that a link in a pull request would point at."""
    path = tmp_path / "outside" / "id_rsa"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


# --- family 1: links lead out of the log, for writes and for reads -------------------------------------


@pytest.mark.parametrize("name", ["README.md.j2", "theme.toml"])
def test_a_theme_file_linked_out_of_the_log_is_never_read(log: Path, secret: Path, name: str) -> None:
    (log / "themes" / "seed").mkdir(parents=True)
    (log / "themes" / "seed" / name).symlink_to(secret)
    for command in (["check"], ["build", "--check"], ["build"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "not-a-real-key" not in result.output
        assert "leads outside the log" in result.stderr
    assert "not-a-real-key" not in (log / "README.md").read_text(encoding="utf-8")


def test_a_theme_folder_linked_out_of_the_log_is_refused(log: Path, secret: Path) -> None:
    (log / "themes").mkdir()
    (log / "themes" / "seed").symlink_to(secret.parent, target_is_directory=True)
    assert run_cli("--dir", log, "build").exit_code == 2
    assert sorted(p.name for p in secret.parent.iterdir()) == ["id_rsa"]


def test_theme_copy_never_writes_through_a_link(log: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (log / "themes").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("--dir", log, "theme", "copy", "seed")
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert list(elsewhere.iterdir()) == []


def test_import_never_writes_through_a_link_before_refusing(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "new"
    root.mkdir()
    (root / "weeks").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("--dir", root, "import", SEED)
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert list(elsewhere.iterdir()) == []
    assert not (root / "paperweek.toml").exists()


def test_a_week_file_linked_out_of_the_log_is_never_read(log: Path, secret: Path) -> None:
    (log / "weeks" / "2024-04-29.yaml").symlink_to(secret)
    for command in (["list"], ["check"], ["build"], ["search", "key"], ["export", "--format", "json"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code in (1, 2), (command, result.output)
        assert "not-a-real-key" not in result.output and "leads outside the log" in result.stderr, command


def test_writes_never_follow_a_weeks_folder_linked_out_of_the_log(log: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (log / "weeks").rename(elsewhere)
    (log / "weeks").symlink_to(elsewhere, target_is_directory=True)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    result = run_cli("--dir", log, "tag", "2404.11018", "+x")
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


def test_a_link_that_stays_inside_the_log_is_followed(log: Path) -> None:
    (log / "weeks" / "2024-04-22.yaml").rename(log / "kept.yaml")
    (log / "weeks" / "2024-04-22.yaml").symlink_to(log / "kept.yaml")
    assert run_cli("--dir", log, "build", "--check").exit_code == 0
    assert run_cli("--dir", log, "tag", "2404.11018", "+x").exit_code == 0
    assert "tags: [x]" in (log / "kept.yaml").read_text(encoding="utf-8")
    assert (log / "weeks" / "2024-04-22.yaml").is_symlink()


# --- family 2: outputs over the log's own files -------------------------------------------------------

OWN_FILES = ["weeks/2024-04-22.yaml", "weeks/new.csv", "paperweek.toml", "README.md", "readme.MD",
             ".paperweek/cache.sqlite", ".paperweek/out.bib", "themes/x.csv", "Weeks/2024-04-22.yaml"]


@pytest.mark.parametrize("name", OWN_FILES)
@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["digest", "--week", "2024-04-22"]])
def test_an_output_may_not_name_the_logs_own_files(log: Path, name: str, command: list[str]) -> None:
    run_cli("--dir", log, "list")  # the cache exists, as it would after any command
    before = snapshot(log)
    result = run_cli("--dir", log, *command, "-o", log / name)
    assert result.exit_code == 2 and "the log's own" in result.stderr, result.output
    assert snapshot(log) == before
    assert run_cli("--dir", log, "build", "--check").exit_code == 0


def test_an_output_may_not_reach_the_logs_files_through_a_link(log: Path, tmp_path: Path) -> None:
    (tmp_path / "out.csv").symlink_to(log / "weeks" / "2024-04-22.yaml")
    before = snapshot(log)
    result = run_cli("--dir", log, "export", "--format", "csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 2 and "the log's own" in result.stderr, result.output
    assert snapshot(log) == before


def test_site_may_not_be_built_over_the_log(log: Path) -> None:
    for out in (log / ".paperweek" / "www", log / "weeks" / "www", log.parent):
        result = run_cli("--dir", log, "site", "--out", out)
        assert result.exit_code == 2 and "the log's own" in result.stderr, (out, result.output)


def test_outputs_beside_the_logs_files_are_fine(log: Path) -> None:
    for name in ("papers.csv", "docs/README.md", "weeks.csv"):
        result = run_cli("--dir", log, "export", "--format", "csv", "-o", log / name)
        assert result.exit_code == 0, result.output
        assert (log / name).read_text(encoding="utf-8").startswith("week,number,id,")
