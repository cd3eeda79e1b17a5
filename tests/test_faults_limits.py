"""Leftovers of issues #19 and #21: stored fields capped at what arXiv allows (the SQLite cache too),
URL ports in range, an empty --year said out loud, and neutral wording that follows the log's period."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli, snapshot
from fakes import make_entry

HUGE = "We study things. " + "a" * 3_000_000  # 3 MB: far past arXiv's 1,920-character abstract


def _cache_rows(log: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(log / ".paperweek" / "cache.sqlite")
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def test_add_stores_an_oversized_arxiv_record_cut_in_the_cache(fake_services: object, log: Path) -> None:
    entry = make_entry("2404.77777", "A huge record", HUGE, ["A. Author"], "2024-04-20T00:00:00Z", ["cs.CL"])
    fake_services({"2404.77777": entry})  # type: ignore[operator]
    result = run_cli("--dir", log, "add", "2404.77777", "--week", "2024-04-22")
    assert result.exit_code == 0, result.output[-800:]
    assert result.stderr.count("more than arXiv allows; the first 5,000 were kept") == 1, result.stderr
    [(data,)] = _cache_rows(log, "SELECT data FROM arxiv_records WHERE id = '2404.77777'")
    stored = json.loads(str(data))
    assert len(stored["abstract"]) == 5_000 and stored["abstract"].startswith("We study things.")
    assert (log / ".paperweek" / "cache.sqlite").stat().st_size < 1_000_000


def test_discover_stores_an_oversized_candidate_cut_and_says_so(log: Path, tmp_path: Path) -> None:
    line = {"id": "2404.88888", "title": "T" * 20_000, "abstract": HUGE, "authors": "A. Author",
            "categories": "cs.CL", "comments": "", "update_date": "2024-04-20",
            "versions": [{"version": "v1", "created": "Sat, 20 Apr 2024 00:00:00 GMT"}]}
    snapshot = tmp_path / "huge.jsonl"
    snapshot.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run_cli("--dir", log, "discover", "--candidates", snapshot, "--since", "2024-04-01",
                     "--until", "2024-04-30", "--json")
    assert result.exit_code == 0, result.output[-800:]
    assert "1 candidate records had a title, abstract or comments longer than arXiv allows" in result.stderr
    [(title, abstract)] = _cache_rows(log, "SELECT title, abstract FROM discover_candidates WHERE id = '2404.88888'")
    assert len(str(title)) == 1_000 and len(str(abstract)) == 5_000


def test_a_url_with_port_0_is_one_line_and_nothing_written(log: Path) -> None:
    before = snapshot(log)
    for args in (["edit", "2404.11018", "--repo", "https://github.com:0/o/r"],
                 ["add", "--title", "T", "--url", "http://example.org:0/", "--released", "2024-04-20"]):
        result = run_cli("--dir", log, *args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert snapshot(log) == before


@pytest.mark.parametrize("command", [["list"], ["search", "shot"], ["export", "--format", "json"]])
def test_a_year_the_log_does_not_hold_is_one_line_naming_the_years_it_does(log: Path, command: list[str]) -> None:
    result = run_cli("--dir", log, *command, "--year", "1999")
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and result.stderr.strip() == \
        "paperweek: --year 1999: no logged week is listed under 1999; the log holds 2024", result.stderr
    held = run_cli("--dir", log, *command, "--year", "2024")
    assert held.exit_code == 0 and held.stdout.strip(), held.output


@pytest.mark.parametrize(("period", "line"), [("day", "Here is the daily series:"),
                                              ("month", "Here is the monthly series:"),
                                              ("week", "Here is the weekly series:")])
def test_the_neutral_series_line_names_the_period_the_log_keeps(tmp_path: Path, period: str, line: str) -> None:
    assert run_cli("--dir", tmp_path, "init").exit_code == 0
    config = tmp_path / "paperweek.toml"  # init writes the neutral words; the curator then cuts by day/month
    config.write_text(config.read_text(encoding="utf-8").replace("[log]\n", f'[log]\nperiod = "{period}"\n'),
                      encoding="utf-8")
    added = run_cli("--dir", tmp_path, "add", "--title", "T", "--url", "https://example.org/a",
                    "--released", "2024-04-01", "--week", "2024-04-01", "--summary", "s")
    assert added.exit_code == 0, added.output
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert f"\n{line}\n" in readme and readme.count("series:") == 1, readme[:300]
    heading = {"day": "## Papers of the Day (April 1, 2024)", "month": "## Papers of the Month (April 2024)",
               "week": "## Papers of the Week (April 1 - April 7) - 2024"}[period]
    assert f"\n{heading}\n" in readme, readme
