"""`paperweek site` without a browser: pages, escaping, CSP, relative links, feed, atomic swap."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_cli
from site_sample import UNIQUE_WORD, XSS_TITLE, make_log

from paperweek.errors import ConfigError, InputError, ParamError
from paperweek.site.builder import build_site


class PageScan(HTMLParser):
    """Collects what the safety checks need from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts = 0
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            if not dict(attrs).get("src"):
                self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def built(tmp_path: Path) -> Path:
    log = make_log(tmp_path / "log")
    result = build_site(log)
    return result.out


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_has_every_kind_of_page(built: Path) -> None:
    names = {p.relative_to(built).as_posix() for p in html_pages(built)}
    for expected in ("index.html", "archive.html", "stats.html", "search.html", "tags/index.html",
                     "weeks/2024-04-15.html", "weeks/2024-03-11.html", "years/2024.html", "tags/llm.html"):
        assert expected in names
    assert (built / "feed.xml").is_file()
    assert (built / "assets" / "lunr.min.js").read_text().startswith("/**\n * lunr - http://lunrjs.com")
    home = (built / "index.html").read_text()
    # newest week first, with its papers' titles, dates, summaries, links and tags
    assert home.index("April 15 - April 21") < home.index("April 8 - April 14")
    assert "Paper 0: <em>Scaling</em> laws for topic llm" in home
    assert '<time datetime="2024-04-13">April 13, 2024</time>' in home
    assert "We study <code>llm</code> with method number 0" in home
    assert 'href="https://github.com/example/repo0"' in home
    assert 'href="tags/llm.html"' in home


def test_every_page_is_safe_and_self_contained(built: Path) -> None:
    for page in html_pages(built):
        parsed = scan(page)
        where = page.relative_to(built).as_posix()
        csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(csp) == 1, where
        policy = csp[0]["content"] or ""
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        assert parsed.inline_scripts == 0, where
        for tag, attrs in parsed.tags:
            assert not [k for k in attrs if k.startswith("on")], (where, tag, attrs)
            assert "style" not in attrs, (where, tag)
            assert tag not in ("img", "iframe", "object", "embed", "style"), (where, tag)
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                if tag in ("script", "link") and value:
                    # no CDN, font or tracker: every resource is a relative file of the site
                    assert not urlsplit(value).scheme and not value.startswith("/"), (where, value)
                if tag == "a" and value:
                    assert not value.lower().startswith("javascript:"), (where, value)
                    assert not value.startswith("/"), (where, value)  # relative: works under a sub-path


def test_untrusted_text_is_escaped(built: Path) -> None:
    week = (built / "weeks" / "2024-04-15.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in week
    assert "<img" not in week and "<script>alert" not in week and "<svg onload" not in week
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in week
    assert 'href="javascript' not in week
    assert "[click](javascript:alert(4))" in week  # shown as text, not made a link
    assert '<span class="bad-link"' in week  # the javascript: Demo link is not a link
    assert "https://example.org/evil?a=1&amp;b=&lt;2&gt;" in week
    text = "".join(scan(built / "weeks" / "2024-04-15.html").text)
    assert XSS_TITLE in text  # a reader sees the title exactly
    tag_pages = [p.read_text() for p in (built / "tags").glob("*.html")]
    assert any("&lt;script&gt;alert(6)&lt;/script&gt;" in t for t in tag_pages)


def test_search_data_holds_plain_text_of_every_paper(built: Path) -> None:
    source = (built / "assets" / "search-data.js").read_text()
    match = re.search(r"window\.PAPERWEEK_SEARCH = (\{.*\});\s*$", source, re.S)
    assert match
    papers = json.loads(match.group(1))["papers"]
    assert len(papers) == 6 * 4 + 2
    unique = [p for p in papers if UNIQUE_WORD in p["s"]]
    assert len(unique) == 1 and unique[0]["u"] == "weeks/2024-04-15.html#2404.99999"
    assert any(p["t"] == XSS_TITLE for p in papers)
    assert "Ada Lovelace" in papers[0]["a"] and "llm" in papers[0]["g"]
    assert "</" not in source  # nothing can close a script element


def test_stats_page_has_svg_charts(built: Path) -> None:
    stats = (built / "stats.html").read_text()
    assert stats.count("<svg") == 3
    assert "Papers per week" in stats and "Top tags" in stats and "Share of papers with code" in stats
    assert stats.count("Week of ") == 6  # one bar per week, each with its tooltip
    assert "Week of April 15, 2024: 6 papers" in stats
    # 12 of 26 papers have a Repo link
    assert "12 papers link to code (46%)" in stats
    assert "<script" not in stats


def test_feed_is_atom_with_latest_weeks(tmp_path: Path) -> None:
    import feedparser

    log = make_log(tmp_path / "log", weeks=12, site='\n[site]\nfeed_weeks = 5\nauthor = "Group"\n')
    out = build_site(log, base_url="https://example.github.io/papers").out
    raw = (out / "feed.xml").read_text()
    assert raw.startswith("<?xml") and 'xmlns="http://www.w3.org/2005/Atom"' in raw
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert feed.feed.title == "Reading Group <Log>"
    assert feed.feed.id == "tag:paperweek,2024:reading-group-log"
    assert [e.title for e in feed.entries][:2] == [
        "Papers of the Week (April 15 - April 21)",
        "Papers of the Week (April 8 - April 14)",
    ]
    assert len(feed.entries) == 5
    assert feed.entries[0].link == "https://example.github.io/papers/weeks/2024-04-15.html"
    assert len({e.id for e in feed.entries}) == 5
    content = feed.entries[0].content[0].value
    assert "&lt;img src=x onerror=alert(1)&gt;" in content and "<img" not in content
    assert "https://example.github.io/papers/tags/llm.html" in content
    assert feed.feed.author == "Group"
    canonical = (out / "weeks" / "2024-04-15.html").read_text()
    assert '<link rel="canonical" href="https://example.github.io/papers/weeks/2024-04-15.html">' in canonical


def test_build_is_reproducible_and_replaces_the_old_site(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log")
    out = tmp_path / "public"
    first = build_site(log, out).out
    before = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    (out / "stale.html").write_text("old")
    build_site(log, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # byte-identical, and files of the old build are gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log", "public"]  # no temp folders left


def test_failed_build_keeps_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = make_log(tmp_path / "log")
    out = build_site(log).out
    index = (out / "index.html").read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("paperweek.site.builder.build_feed", boom)
    with pytest.raises(RuntimeError):
        build_site(log)
    assert (out / "index.html").read_bytes() == index
    assert sorted(p.name for p in (tmp_path / "log").iterdir() if p.name.startswith(".")) == [".paperweek"]


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log")
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.md").write_text("mine")
    with pytest.raises(InputError, match="was not built by `paperweek site`"):
        build_site(log, precious)
    assert (precious / "notes.md").read_text() == "mine"
    with pytest.raises(InputError, match="log's folder"):
        build_site(log, tmp_path / "log")


def test_home_page_shows_recent_weeks_and_links_the_rest(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log", weeks=5, per_week=1, site="\n[site]\nhome_weeks = 2\n")
    out = build_site(log).out
    home = (out / "index.html").read_text()
    assert home.count('class="week"') == 2
    assert "Earlier papers, by year" in home
    assert 'href="years/2024.html"' in home and 'href="archive.html">Archive' in home
    assert 'href="weeks/2024-03-18.html"' in (out / "archive.html").read_text()


def test_a_big_list_is_paged_by_papers(tmp_path: Path) -> None:
    """Issue 21, item 11: 250 papers in one period after two small weeks: no page shows more than
    [site] page_papers (100); a period larger than a page runs over pages; search and feed unchanged."""
    from paperweek.models import Link, Paper, Week

    log = make_log(tmp_path / "log", weeks=1, per_week=3)
    big = [
        Paper(id=f"2403.{20000 + i}", title=f"Topic paper {i}", summary=f"Summary {i}.", released=dt.date(2024, 3, 1),
              links=[Link("Paper", f"https://arxiv.org/abs/2403.{20000 + i}")])
        for i in range(250)
    ]
    with log.locked():
        log.save_week(Week(start=dt.date(2024, 4, 8), papers=big[:95]))
        log.save_week(Week(start=dt.date(2024, 3, 4), papers=big[95:]))
    built = run_cli("--dir", log.root, "site", "--out", tmp_path / "site")
    assert built.exit_code == 0, built.output
    site = tmp_path / "site"
    home = (site / "index.html").read_text()
    assert home.count('<article class="paper"') == 5 + 95  # whole weeks, up to 100 papers
    assert 'href="years/2024.html"' in home
    period = [site / "weeks" / "2024-03-04.html", site / "weeks" / "2024-03-04" / "2.html"]
    assert [p.read_text().count('<article class="paper"') for p in period] == [100, 55]
    assert 'id="2403.20200"' in period[1].read_text() and "Page 2 of 2" in period[1].read_text()
    data = (site / "assets" / "search-data.js").read_text()
    assert data.count('"k":"2403.') == 250 and '"u":"weeks/2024-03-04/2.html#2403.20200"' in data
    year = [(site / "years" / name).read_text() for name in ("2024.html", "2024/2.html", "2024/3.html")]
    assert not (site / "years" / "2024" / "4.html").exists()
    assert [y.count('<article class="paper"') for y in year] == [100, 100, 55]
    assert "(continued)" in year[2] and "101–155 here" in year[2]  # the big week runs over pages
    assert (site / "feed.xml").read_text().count("<entry>") == 3


def test_a_period_bigger_than_a_page_starts_the_home_page(tmp_path: Path) -> None:
    from paperweek.models import Link, Paper, Week

    log = make_log(tmp_path / "log", weeks=0)
    with log.locked():
        log.save_week(Week(start=dt.date(2024, 4, 15), papers=[
            Paper(id=f"2404.{20000 + i}", title=f"T {i}", links=[Link("Paper", f"https://arxiv.org/abs/2404.{20000 + i}")])
            for i in range(230)
        ]))
    out = build_site(log).out
    home = (out / "index.html").read_text()
    assert home.count('<article class="paper"') == 100 and "1–100 here" in home
    assert 'href="weeks/2024-04-15/2.html">Papers 101–230 of' in home


def test_bad_site_settings_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[site\] home_weeks = -1: must be a whole number >= 0"):
        build_site(make_log(tmp_path / "log", weeks=1, site="\n[site]\nhome_weeks = -1\n"))
    # A bad parameter is named as the library calls it; the command line names the flag (below).
    with pytest.raises(ParamError, match=r"^base_url 'javascript:alert\(1\)' is not an absolute http"):
        build_site(make_log(tmp_path / "log2", weeks=1), base_url="javascript:alert(1)")


def test_empty_log_builds(tmp_path: Path) -> None:
    import feedparser

    log = make_log(tmp_path / "log", weeks=0)
    out = build_site(log).out
    assert "No papers logged yet." in (out / "index.html").read_text()
    assert not feedparser.parse((out / "feed.xml").read_text()).bozo


def test_cli_site_and_errors(tmp_path: Path) -> None:
    make_log(tmp_path / "log", weeks=2, per_week=2)
    result = run_cli("--dir", tmp_path / "log", "site", "--out", tmp_path / "www", "--base-url", "https://x.org/p/")
    assert result.exit_code == 0, result.output
    assert "Built " in result.stdout and str(tmp_path / "www") in result.stdout
    assert (tmp_path / "www" / "weeks" / "2024-04-08.html").is_file()
    result = run_cli("--dir", tmp_path / "log", "site", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["papers"] == 2 * 2 + 2
    result = run_cli("--dir", tmp_path / "log", "site", "--base-url", "ftp://x")
    assert result.exit_code == 2 and "--base-url 'ftp://x' is not an absolute http(s) URL" in result.stderr
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "a.txt").write_text("x")
    result = run_cli("--dir", tmp_path / "log", "site", "--out", tmp_path / "taken")
    assert result.exit_code == 2 and "was not built by `paperweek site`" in result.stderr
