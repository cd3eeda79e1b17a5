"""Issue 21, item 14 (the rest): a log kept day by day or month by month (`[log] period`) is named
so wherever a reader meets it -- the website's pages, the Atom feed, the digest and `paperweek site`'s
message say "day"/"month", never "week"."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
WEEK = re.compile(r"\bweek", re.IGNORECASE)  # "week", "weekly", "weeks" (not the tool's name, paperweek)
SHOWN_ATTRS = ("aria-label", "title", "alt", "content", "placeholder")  # read out or shown to a reader


class Reading(HTMLParser):
    """What a reader of an HTML page sees or hears: its text and its labels (not URLs, classes or ids)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SHOWN_ATTRS and value and not value.startswith(("http:", "https:")):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def read_html(text: str) -> str:
    reader = Reading()
    reader.feed(text)
    return " ".join(" ".join(reader.parts).split())


def read_feed(path: Path) -> str:
    """The feed's titles, summaries and entry contents as a feed reader shows them."""
    root = ET.parse(path).getroot()
    shown = []
    for el in root.iter():
        if el.tag in (f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}summary") and el.text:
            shown.append(el.text)
        elif el.tag == f"{ATOM}content" and el.text:
            shown.append(read_html(el.text))
    return " ".join(" ".join(shown).split())


def period_log(tmp_path: Path, period: str, older: str) -> Path:
    """A log of ``period``s titled without the word "week": this period holds Alpha, an older one Beta."""
    log = tmp_path / "log"
    assert run_cli("--dir", log, "init").exit_code == 0
    config = log / "paperweek.toml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^title = ".*"$', 'title = "Reading group"', text)
    text = re.sub(r'(?m)^intro = ".*"$', 'intro = ""', text)  # the site's description: its default then
    config.write_text(text.replace("[log]\n", f'[log]\nperiod = "{period}"\n'), encoding="utf-8")
    for title, extra in (("Alpha", ()), ("Beta", ("--week", older))):
        done = run_cli("--dir", log, "add", "--title", title, "--url", f"https://example.org/{title.lower()}",
                       "--released", "2024-01-02", *extra)
        assert done.exit_code == 0, done.stderr
    return log


CASES = [
    # period, its noun, plural, this period's file, an older date
    ("day", "day", "days", "2024-04-17", "2024-04-03"),
    ("month", "month", "months", "2024-04-01", "2024-02-20"),
]


@pytest.mark.parametrize(("period", "one", "many", "current", "older"), CASES)
def test_the_site_and_feed_of_a_day_or_month_log_name_its_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str, one: str, many: str, current: str, older: str
) -> None:
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    log = period_log(tmp_path, period, older)
    out = tmp_path / "site"
    built = run_cli("--dir", log, "site", "--out", out, "--base-url", "https://example.org/log/")
    assert built.exit_code == 0, built.stderr
    message = built.stdout.replace(str(out), "OUT")
    assert f"(2 papers, 2 {many}, " in message and not WEEK.search(message)

    home = read_html((out / "index.html").read_text(encoding="utf-8"))
    page = read_html((out / "weeks" / f"{current}.html").read_text(encoding="utf-8"))
    stats = read_html((out / "stats.html").read_text(encoding="utf-8"))
    archive = read_html((out / "archive.html").read_text(encoding="utf-8"))
    year = read_html((out / "years" / "2024.html").read_text(encoding="utf-8"))
    feed = read_feed(out / "feed.xml")
    assert f"2 papers in 2 {many}" in home  # the footer of every page
    assert f"Papers per {one}" in stats and f"2 papers in 2 {many}" in stats
    assert f"Reading group: papers read each {one}." in stats  # the default description
    assert f"Every {one} of Reading group, by year." in archive
    assert f"2 papers in 2 {many}" in year
    assert f"This {one} is still in progress: more papers may be added." in feed
    raw_page = (out / "weeks" / f"{current}.html").read_text(encoding="utf-8")
    assert f'aria-label="{many.capitalize()}"' in raw_page  # the older/newer links: what they step through
    for where, shown in {"home": home, "period page": page, "stats": stats, "archive": archive, "year": year,
                         "feed": feed}.items():
        assert not WEEK.search(shown), f"{where}: {shown}"


@pytest.mark.parametrize(("period", "one", "many", "current", "older"), CASES)
def test_the_digest_of_a_day_or_month_log_names_its_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str, one: str, many: str, current: str, older: str
) -> None:
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    log = period_log(tmp_path, period, older)
    for fmt in ("md", "html"):
        done = run_cli("--dir", log, "digest", "--week", "this", "--format", fmt, "--base-url", "https://example.org/")
        assert done.exit_code == 0, done.stderr
        shown = read_html(done.stdout) if fmt == "html" else done.stdout
        assert f"Read this {one} on the web" in shown
        assert not WEEK.search(re.sub(r"https://\S+", "", shown)), shown
    # a period whose file lists no papers says so in the period's word
    file = log / "weeks" / f"{current}.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: text.index("papers:")] + "papers: []\n", encoding="utf-8")
    empty = run_cli("--dir", log, "digest", "--week", "this", "--format", "html")
    assert empty.exit_code == 0, empty.stderr
    assert f"No papers were logged this {one}." in read_html(empty.stdout)
    assert f"No papers this {one}." in empty.stdout  # the inbox preview line


def test_a_weekly_log_still_says_week(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    log = period_log(tmp_path, "week", "2024-04-03")
    out = tmp_path / "site"
    assert run_cli("--dir", log, "site", "--out", out).exit_code == 0
    assert "Papers per week" in read_html((out / "stats.html").read_text(encoding="utf-8"))
    assert "This week is still in progress" in read_feed(out / "feed.xml")


@pytest.mark.parametrize(
    ("period", "current_words", "older_words"),
    [("day", "April 17, 2024", "April 3, 2024"), ("month", "April 2024", "February 2024")],
)
def test_the_commands_of_a_day_or_month_log_name_its_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str, current_words: str, older_words: str
) -> None:
    """add, move, remove and search name the day or month, never a week."""
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    older = {"day": "2024-04-03", "month": "2024-02-20"}[period]
    log = period_log(tmp_path, period, older)
    added = run_cli("--dir", log, "add", "--title", "Gamma", "--url", "https://example.org/gamma",
                    "--released", "2024-01-05")
    assert added.exit_code == 0, added.stderr
    assert f"-> {current_words}" in added.stdout and not WEEK.search(added.stdout)
    moved = run_cli("--dir", log, "move", "gamma", "--week", older)
    assert moved.exit_code == 0, moved.stderr
    assert f"moved gamma to {older_words}, position 2 of 2" in moved.stdout + moved.stderr
    found = run_cli("--dir", log, "search", "gamma")
    assert found.exit_code == 0, found.stderr
    shown = {"day": older, "month": older[:7]}[period]
    assert f"gamma · {shown}" in found.stdout and not WEEK.search(found.stdout)
    removed = run_cli("--dir", log, "remove", "gamma")
    assert removed.exit_code == 0, removed.stderr
    assert f"removed gamma from {older_words}" in removed.stdout + removed.stderr


def test_init_period_writes_the_period_and_a_title_that_names_it(tmp_path: Path) -> None:
    log = tmp_path / "log"
    done = run_cli("--dir", log, "init", "--period", "month")
    assert done.exit_code == 0, done.stderr
    assert 'period = "month"' in (log / "paperweek.toml").read_text(encoding="utf-8")
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Papers of the Month\n") and not WEEK.search(readme)
    titled = run_cli("--dir", tmp_path / "other", "init", "--period", "day", "--title", "Reading group")
    assert titled.exit_code == 0 and (tmp_path / "other" / "README.md").read_text().startswith("# Reading group")
    refused = run_cli("--dir", tmp_path / "third", "init", "--period", "fortnight")
    assert refused.exit_code == 2 and "fortnight" in refused.stderr and not (tmp_path / "third").exists()
