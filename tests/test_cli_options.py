"""Options shared by commands: one --week meaning, --dir after the subcommand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEED, run_cli


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
    elsewhere = run_cli("--dir", log_dir, "list", "--json", "--year", "2023")  # a year the log does not hold
    assert elsewhere.exit_code == 2 and elsewhere.stdout == "" and "the log holds 2024" in elsewhere.stderr
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


def _complete(monkeypatch: pytest.MonkeyPatch, words: str) -> list[str]:
    monkeypatch.setenv("_PAPERWEEK_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    result = run_cli()
    monkeypatch.delenv("_PAPERWEEK_COMPLETE")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_shell_completion_offers_paper_ids_and_tags(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("--dir", log_dir, "tag", "2404.07143", "+long-context").exit_code == 0
    monkeypatch.chdir(log_dir)
    assert "search" in _complete(monkeypatch, "paperweek sea")
    ids = _complete(monkeypatch, "paperweek show 2404.07")
    assert set(ids) == {"2404.07143", "2404.07965", "2404.07987"}
    assert _complete(monkeypatch, "paperweek edit 2404.1101") == ["2404.11018"]
    assert _complete(monkeypatch, "paperweek tag 2404.11018 +long") == ["+long-context"]
    assert _complete(monkeypatch, "paperweek tag 2404.07143 -long") == ["-long-context"]
    assert "long-context" in _complete(monkeypatch, "paperweek list --tag lo")
    monkeypatch.chdir(log_dir.parent)
    assert _complete(monkeypatch, f"paperweek --dir {log_dir} search --tag lo") == ["long-context"]
    assert _complete(monkeypatch, f"paperweek remove --dir {log_dir} 2404.1101") == ["2404.11018"]
    assert _complete(monkeypatch, "paperweek show 2404.") == []  # no log here: nothing, and no error


def test_one_spelling_for_the_output_file(log_dir: Path, tmp_path: Path) -> None:
    assert run_cli("--dir", log_dir, "export", "--format", "csv", "-o", tmp_path / "a.csv").exit_code == 0
    assert run_cli("--dir", log_dir, "digest", "-o", tmp_path / "d.md").exit_code == 0
    assert run_cli("--dir", log_dir, "digest", "--out", tmp_path / "d2.md").exit_code == 0
    assert (tmp_path / "d.md").read_text(encoding="utf-8") == (tmp_path / "d2.md").read_text(encoding="utf-8")
    assert run_cli("--dir", log_dir, "site", "-o", tmp_path / "www", "-q").stdout == ""
    assert (tmp_path / "www" / "index.html").is_file()


def test_export_picks_a_format_from_the_file_name_else_bibtex(log_dir: Path, tmp_path: Path) -> None:
    plain = run_cli("--dir", log_dir, "export")
    assert plain.exit_code == 0 and plain.stdout.lstrip().startswith("@")  # BibTeX by default
    for name, check in (
        ("refs.bib", lambda t: t.lstrip().startswith("@")),
        ("papers.csv", lambda t: t.startswith("week,")),
        ("papers.csl.json", lambda t: '"type"' in t and '"issued"' in t),
        ("papers.json", lambda t: '"citation_key"' in t),
    ):
        result = run_cli("--dir", log_dir, "export", "-o", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert check((tmp_path / name).read_text(encoding="utf-8")), name
        assert "Wrote 10 papers" in result.stderr


def test_quiet_add_and_import(tmp_path: Path) -> None:
    log = tmp_path / "log"
    loud = run_cli("--dir", log, "import", SEED)
    quiet = run_cli("--dir", tmp_path / "log2", "import", SEED, "-q")
    assert quiet.exit_code == loud.exit_code == 0
    assert "note:" not in quiet.stdout and set(quiet.stdout.splitlines()) <= {
        line.replace(str(log), str(tmp_path / "log2")) for line in loud.stdout.splitlines()
    }
    assert quiet.stdout.strip().splitlines()[-1].startswith("Imported 10 papers")
    verbose = run_cli("--dir", tmp_path / "log3", "import", SEED, "-v")
    assert "items read" in verbose.stdout
    added = run_cli(
        "--dir", log, "add", "-q", "--title", "A post", "--url", "https://example.com/p", "--released", "2024-04-20",
        "--week", "2024-04-17",
    )
    assert added.exit_code == 0 and added.stdout == "" and added.stderr == ""
    assert run_cli("--dir", log, "show", "a-post").exit_code == 0
