"""A log kept day by day or month by month (`[log] period`) works like a weekly one
for add, move, list, search, site, feed and digest; a daily or monthly list imports as such a log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, run_cli

CASES = {
    # period: (today, the period holding it, the period before, a date in an older period)
    "day": ("2024-04-17", ("2024-04-17", "2024-04-17"), ("2024-04-16", "2024-04-16"), "2024-04-03"),
    "month": ("2024-04-17", ("2024-04-01", "2024-04-30"), ("2024-03-01", "2024-03-31"), "2024-01-20"),
}


def listed(log: Path, *extra: str) -> list[dict[str, object]]:
    done = run_cli("--dir", log, "list", "--json", *extra)
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def add_item(log: Path, title: str, *extra: str) -> None:
    done = run_cli("--dir", log, "add", "--title", title, "--url", f"https://example.org/{title.lower()}",
                   "--released", "2024-01-02", *extra)
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize("period", sorted(CASES))
def test_every_command_works_on_a_log_of_days_or_months(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str
) -> None:
    today, current, previous, older = CASES[period]
    monkeypatch.setenv("PAPERWEEK_TODAY", today)
    log = tmp_path / "log"
    assert run_cli("--dir", log, "init").exit_code == 0
    config = log / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[log]\n", f'[log]\nperiod = "{period}"\n'),
                      encoding="utf-8")
    add_item(log, "Alpha")  # this period
    add_item(log, "Beta", "--week", "last")
    add_item(log, "Gamma", "--week", older)
    papers = {str(p["title"]): (p["week"], p["week_end"]) for p in listed(log)}
    assert papers["Alpha"] == current and papers["Beta"] == previous
    assert (log / "weeks" / f"{current[0]}.yaml").is_file()
    assert [p["title"] for p in listed(log, "--week", "this")] == ["Alpha"]
    assert [p["title"] for p in listed(log, "--week", "last")] == ["Beta"]
    # move Gamma into this period
    assert run_cli("--dir", log, "move", _id(log, "Gamma"), "--week", "this").exit_code == 0
    assert sorted(p["title"] for p in listed(log, "--week", "this")) == ["Alpha", "Gamma"]
    assert not (log / "weeks" / f"{older}.yaml").exists() or not listed(log, "--week", older)
    # check knows the log's period: no "not 7 days" complaint
    checked = run_cli("--dir", log, "check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    found = run_cli("--dir", log, "search", "--week", "last", "--json", "Beta")
    assert found.exit_code == 0 and [r["title"] for r in json.loads(found.stdout)] == ["Beta"]
    digest = run_cli("--dir", log, "digest", "--week", "this")
    assert digest.exit_code == 0 and "Alpha" in digest.stdout and "Beta" not in digest.stdout
    site = run_cli("--dir", log, "site", "--base-url", "https://example.org/log/")
    assert site.exit_code == 0, site.stderr
    feed = (log / "_site" / "feed.xml").read_text(encoding="utf-8")
    assert "Alpha" in feed and "Beta" in feed
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert readme.index("Alpha") < readme.index("Beta")  # newest period first


def _id(log: Path, title: str) -> str:
    return next(str(p["id"]) for p in listed(log) if p["title"] == title)


@pytest.mark.parametrize(
    ("name", "period"),
    [("Vincentqyw+cv-arxiv-daily--b10b9d24.md", "day"), ("aishwaryanr+awesome-generative-ai-guide--038bbb4.md", "month")],
)
def test_a_daily_or_monthly_list_imports_as_a_log_of_that_period(tmp_path: Path, name: str, period: str) -> None:
    log = tmp_path / "log"
    assert run_cli("--dir", log, "import", SHARED / "lists" / name).exit_code == 0
    assert f'period = "{period}"' in (log / "paperweek.toml").read_text(encoding="utf-8")
    assert run_cli("--dir", log, "build").exit_code == 0
    checked = run_cli("--dir", log, "check")
    assert "not one" not in checked.stdout + checked.stderr and "not 7 days" not in checked.stdout + checked.stderr


def test_an_unknown_period_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "paperweek.toml").write_text('schema = 1\n[log]\nperiod = "fortnight"\n', encoding="utf-8")
    done = run_cli("--dir", tmp_path, "list")
    assert done.exit_code == 2 and "[log] period must be one of day, week, month" in done.stderr


@pytest.mark.parametrize(
    ("period", "heading", "label", "dates"),
    [
        ("day", "## Papers of the Day (April 17, 2024)", "- [Papers of the Day (April 17, 2024)]", "April 17, 2024 ·"),
        ("month", "## Papers of the Month (April 2024)", "- [Papers of the Month (April 2024)]", "April 2024 ·"),
    ],
)
def test_headings_name_the_period_the_log_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str, heading: str, label: str, dates: str
) -> None:
    """Issue 21, item 14: a daily log heads a day "April 17, 2024", not "(April 17 - April 17) - 2024";
    a monthly log "April 2024"; in the README (heading and index), the site and the digest."""
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    log = tmp_path / "log"
    assert run_cli("--dir", log, "init").exit_code == 0
    config = log / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[log]\n", f'[log]\nperiod = "{period}"\n'),
                      encoding="utf-8")
    add_item(log, "Alpha")
    assert run_cli("--dir", log, "build").exit_code == 0
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert heading + "\n" in readme and label in readme
    assert "April 17 - April" not in readme and "(April 1 - April 30)" not in readme
    assert run_cli("--dir", log, "site", "--out", tmp_path / "site").exit_code == 0
    page = next((tmp_path / "site" / "weeks").glob("*.html")).read_text(encoding="utf-8")
    assert dates in page and " – April" not in page
    digest = run_cli("--dir", log, "digest", "--week", "this")
    assert dates.rstrip(" ·") in digest.stdout and " – " not in digest.stdout
