"""Options shared by commands: one --week meaning, --dir after the subcommand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEED, run_cli


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    return root


def _sunday_weeks(root: Path) -> None:
    toml = root / "paperweek.toml"
    text = toml.read_text(encoding="utf-8")
    if "week_start" in text:
        text = re.sub(r"week_start = .*", 'week_start = "sunday"', text)
    else:
        text = text.replace("[log]\n", '[log]\nweek_start = "sunday"\n')
    toml.write_text(text, encoding="utf-8")


def test_week_means_the_week_holding_the_date_in_every_command(log_dir: Path) -> None:
    # The seed's weeks start on Mondays; with Sunday weeks configured, the "week starting on the
    # Sunday before" (what `list --week` used to look for) is not a logged week at all.
    _sunday_weeks(log_dir)
    listed = run_cli("--dir", log_dir, "list", "--week", "2024-04-24", "--json")
    assert listed.exit_code == 0, listed.stderr
    ids = [d["id"] for d in json.loads(listed.stdout)]
    assert ids == ["2404.11018"]
    found = run_cli("--dir", log_dir, "search", "--week", "2024-04-24", "--json", "the")
    assert [h["id"] for h in json.loads(found.stdout)] == ids
    exported = run_cli("--dir", log_dir, "export", "--format", "json", "--week", "2024-04-24")
    assert [p["id"] for p in json.loads(exported.stdout)] == ids
    digest = run_cli("--dir", log_dir, "digest", "--week", "2024-04-24")
    assert digest.exit_code == 0 and "Many-Shot In-Context Learning" in digest.stdout
    assert "VASA-1" not in digest.stdout  # a paper of the week before


@pytest.mark.parametrize(
    ("args", "env", "sunday"),
    [
        (["list", "--week", "9999-12-31"], {}, False),
        (["search", "x", "--week", "9999-12-31"], {}, False),
        (["export", "--format", "csv", "--week", "0001-01-01"], {}, True),
        (["list", "--week", "last"], {"PAPERWEEK_TODAY": "0001-01-01"}, False),
        (["add", "2404.00001", "--week", "last", "--offline"], {"PAPERWEEK_TODAY": "0001-01-01"}, False),
        (["digest", "--week", "0001-01-01"], {}, True),
        (["move", "2404.11018", "--week", "9999-12-31"], {}, False),
    ],
)
def test_week_off_the_calendar_is_one_line_exit_2(
    log_dir: Path, args: list[str], env: dict[str, str], sunday: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if sunday:
        _sunday_weeks(log_dir)
    before = {p: p.read_bytes() for p in sorted((log_dir / "weeks").iterdir())}
    result = run_cli("--dir", log_dir, *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("paperweek: --week ") and "calendar" in lines[0]
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in sorted((log_dir / "weeks").iterdir())} == before


def test_week_that_is_not_a_date_is_one_line(log_dir: Path) -> None:
    for command in (["list"], ["search", "x"], ["export", "--format", "csv"], ["digest"], ["add", "2404.00001"]):
        result = run_cli("--dir", log_dir, *command, "--week", "someday")
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [
            result.stderr.strip()
        ] and "--week 'someday': 'someday' is not a date" in result.stderr


def test_dir_after_the_subcommand(log_dir: Path, tmp_path: Path) -> None:
    before = run_cli("--dir", log_dir, "list", "--json")
    after = run_cli("list", "--dir", log_dir, "--json")
    assert after.exit_code == 0 and after.stdout == before.stdout
    assert run_cli("search", "--dir", log_dir, "--json", "attention").exit_code == 0
    assert run_cli("build", "--dir", log_dir).exit_code == 0
    assert run_cli("check", "--dir", log_dir).exit_code == 0
    fresh = tmp_path / "fresh"
    assert run_cli("init", "--dir", fresh).exit_code == 0
    assert (fresh / "paperweek.toml").is_file()


def test_list_year_limit_and_columns(log_dir: Path) -> None:
    everything = json.loads(run_cli("--dir", log_dir, "list", "--json").stdout)
    assert len(json.loads(run_cli("--dir", log_dir, "list", "--json", "--limit", "3").stdout)) == 3
    assert json.loads(run_cli("--dir", log_dir, "list", "--json", "--year", "2024").stdout) == everything
    assert json.loads(run_cli("--dir", log_dir, "list", "--json", "--year", "2023").stdout) == []
    limited = run_cli("--dir", log_dir, "list", "--limit", "2").stdout
    assert sum(line.startswith("  (") for line in limited.splitlines()) == 2
    assert "(1 paper)" in limited and "(9 papers)" in limited  # week lines count the whole week
    title = "A very long blog post title " * 6
    added = run_cli(
        "--dir", log_dir, "add", "--week", "2024-04-24", "--title", title.strip(), "--url", "https://example.com/post",
        "--released", "2024-04-25", "--no-build",
    )
    assert added.exit_code == 0, added.stderr
    text = run_cli("--dir", log_dir, "list", "--week", "2024-04-24").stdout
    lines = text.splitlines()
    rows = [line for line in lines[1:] if line.startswith("  (")]
    # the ids of normal length share one column: the release dates start at the same place
    starts = {line.index("2024-04") for line in rows if "2404." in line}
    assert len(starts) == 1
    long_id = next(line for line in lines if "a-very-long" in line)
    assert "2024-04-25" not in long_id  # a too-long id gets its own line ...
    below = lines[lines.index(long_id) + 1]
    assert below.index("2024-04-25") in starts  # ... and its date lines up with the others
    assert len(long_id.split()[1]) > 40  # the slug id made from the long title
    assert any(len(line) > 120 for line in lines)  # piped: not hard-wrapped at 80 columns


def test_piped_search_output_is_not_wrapped(log_dir: Path) -> None:
    out = run_cli("--dir", log_dir, "search", "in-context").stdout
    assert max(len(line) for line in out.splitlines()) > 100
    assert all(not line.startswith(("learning", "for ")) for line in out.splitlines())
