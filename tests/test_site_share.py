"""What a reader, a feed reader and a link preview get: anchors, linked titles, card metadata, stable feeds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import run_cli
from site_sample import make_log
from test_site_build import html_pages, scan

BASE = "https://example.github.io/papers/"


def test_every_paper_has_its_id_as_anchor_and_a_linked_title(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log", site="\n[site]\nhome_weeks = 2\n")
    out = tmp_path / "www"
    assert run_cli("--dir", log.root, "site", "--out", out).exit_code == 0
    ids = {p.id for _, p in log.papers()}
    for page in ("index.html", "weeks/2024-04-15.html", "years/2024.html", "tags/llm.html"):
        tags = scan(out / page).tags
        cards = [a for t, a in tags if t == "article"]
        assert cards and all(a.get("id") in ids for a in cards), page
        assert len({a["id"] for a in cards}) == len(cards)  # unique on the page
    week = scan(out / "weeks" / "2024-04-15.html").tags
    anchors = {a.get("id") for t, a in week if t == "article"}
    assert "2404.99999" in anchors and "evil-1" in anchors  # arXiv id or slug, as logged
    title_links = [a["href"] for t, a in week if t == "a" and a.get("class") == "paper-link"]
    assert "https://arxiv.org/abs/2404.99999" in title_links
    assert "https://example.org/evil?a=1&b=<2>" in title_links  # a blog post links to its own page
    assert len(title_links) == len(anchors)
    # the feed and the search data point at the same anchors
    feed = feedparser.parse((out / "feed.xml").read_text(encoding="utf-8"))
    assert 'href="weeks/2024-04-15.html#2404.99999"' in feed.entries[0].content[0].value
    assert '"u":"weeks/2024-04-15.html#2404.99999"' in (out / "assets" / "search-data.js").read_text()


def _meta(path: Path) -> dict[str, str]:
    out = {}
    for tag, attrs in scan(path).tags:
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                out[key] = attrs.get("content") or ""
    return out


def test_every_page_has_card_metadata(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log")
    plain = tmp_path / "plain"
    shared = tmp_path / "shared"
    assert run_cli("--dir", log.root, "site", "--out", plain).exit_code == 0
    assert run_cli("--dir", log.root, "site", "--out", shared, "--base-url", BASE).exit_code == 0
    pages = html_pages(shared)
    assert len(pages) > 10
    for page in pages:
        rel = page.relative_to(shared).as_posix()
        meta = _meta(page)
        assert meta["og:title"] and meta["og:description"] and meta["twitter:card"] == "summary", rel
        assert meta["og:url"] == BASE + rel
        assert meta["og:site_name"] == "Reading Group <Log>"
        assert "og:url" not in _meta(plain / rel)  # no address known: none claimed
    home = _meta(shared / "index.html")
    assert home["og:description"].startswith("Papers of the Week (April 15 - April 21): 6 papers -- Paper 0")
    week = _meta(shared / "weeks" / "2024-04-08.html")
    assert week["og:description"].startswith("Papers of the Week (April 8 - April 14): 4 papers")
    assert week["og:title"].startswith("Papers of the Week (April 8 - April 14) - 2024")
    assert len(home["og:description"]) <= 200


def _feed(root: Path, out: Path, *args: str) -> feedparser.FeedParserDict:
    result = run_cli("--dir", root, "site", "--out", out, *args)
    assert result.exit_code == 0, result.output
    return feedparser.parse((out / "feed.xml").read_text(encoding="utf-8"))


def test_feed_ids_do_not_depend_on_flags(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log")
    without = _feed(log.root, tmp_path / "a")
    with_base = _feed(log.root, tmp_path / "b", "--base-url", BASE)
    assert without.feed.id == with_base.feed.id == "tag:paperweek,2024:reading-group-log"
    assert [e.id for e in without.entries] == [e.id for e in with_base.entries]
    assert without.entries[0].id == "tag:paperweek,2024:reading-group-log/week/2024-04-15"
    (log.root / "paperweek.toml").write_text(
        (log.root / "paperweek.toml").read_text() + '\n[site]\nid = "tag:ada@example.org,2024:papers"\n'
    )
    own = _feed(log.root, tmp_path / "c")
    assert own.feed.id == "tag:ada@example.org,2024:papers"
    assert own.entries[0].id == "tag:ada@example.org,2024:papers/week/2024-04-15"
    (log.root / "paperweek.toml").write_text((log.root / "paperweek.toml").read_text().replace('"tag:', '"no uri '))
    bad = run_cli("--dir", log.root, "site", "--out", tmp_path / "d")
    assert bad.exit_code == 2 and "[site] id" in bad.stderr


def test_entries_carry_author_categories_and_mark_the_week_in_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = make_log(tmp_path / "log", site='\n[site]\nauthor = "Ada"\n')
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    feed = _feed(log.root, tmp_path / "a")
    first, second = feed.entries[0], feed.entries[1]
    assert first.author == "Ada" and second.author == "Ada"
    assert {"llm", "vision", "marsupials"} <= {t.term for t in first.tags}
    assert first.title.endswith("(in progress)") and "still in progress" in first.content[0].value
    assert not second.title.endswith("(in progress)") and "in progress" not in second.content[0].value
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-22")
    done = _feed(log.root, tmp_path / "b")
    assert done.entries[0].title == "Papers of the Week (April 15 - April 21)"
    assert done.entries[0].id == first.id


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
def test_updated_moves_when_and_only_when_a_week_changes(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log", weeks=3, per_week=2)
    root = log.root
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start", when="2024-04-20T10:00:00Z")

    def updated() -> dict[str, str]:
        feed = _feed(root, tmp_path / "www")
        return {e.id.rsplit("/", 1)[1]: e.updated for e in feed.entries} | {"feed": feed.feed.updated}

    before = updated()
    assert before["2024-04-15"] == before["2024-04-01"] == before["feed"] == "2024-04-20T10:00:00+00:00"
    assert updated() == before  # rebuilding changes nothing
    # a change no reader sees: a comment, and citation keys recorded by export
    week_file = root / "weeks" / "2024-04-08.yaml"
    week_file.write_text(week_file.read_text() + "# reread these\n")
    assert run_cli("--dir", root, "export", "--format", "bibtex").exit_code == 0
    assert "citekey" in week_file.read_text()
    _git(root, "commit", "-qam", "keys", when="2024-04-21T10:00:00Z")
    assert updated() == before
    # a paper added to an older week, with an old release date: that week, and only it, is updated
    added = run_cli("--dir", root, "add", "--title", "A late post", "--url", "https://example.org/blog/late",
                    "--released", "2024-04-02", "--week", "2024-04-08")
    assert added.exit_code == 0, added.output
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "late", when="2024-04-25T09:30:00Z")
    after = updated()
    assert after["2024-04-08"] == after["feed"] == "2024-04-25T09:30:00+00:00"
    assert after["2024-04-15"] == before["2024-04-15"] and after["2024-04-01"] == before["2024-04-01"]
    # not committed yet: the change counts from the file's time
    path = root / "weeks" / "2024-04-01.yaml"
    path.write_text(path.read_text().replace("Paper 4", "Paper four"))
    os.utime(path, (1714300000, 1714300000))  # 2024-04-28T10:26:40Z
    assert updated()["2024-04-01"] == "2024-04-28T10:26:40+00:00"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
def test_shallow_or_no_history_says_so(tmp_path: Path) -> None:
    log = make_log(tmp_path / "log", weeks=1, per_week=1)
    result = run_cli("--dir", log.root, "site", "--out", tmp_path / "www")
    assert result.exit_code == 0
    assert "not a git repository" in result.stderr and "release dates" in result.stderr
    _git(log.root, "init", "-q")
    _git(log.root, "add", "-A")
    _git(log.root, "commit", "-qm", "one", when="2024-04-20T10:00:00Z")
    (log.root / "weeks" / "2024-04-15.yaml").write_text((log.root / "weeks" / "2024-04-15.yaml").read_text() + "# x\n")
    _git(log.root, "commit", "-qam", "two", when="2024-04-21T10:00:00Z")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", (log.root).as_uri(), str(clone))
    shallow = run_cli("--dir", clone, "site", "--out", tmp_path / "www2")
    assert shallow.exit_code == 0 and "shallow" in shallow.stderr and "fetch-depth: 0" in shallow.stderr
    full = run_cli("--dir", log.root, "site", "--out", tmp_path / "www3")
    assert full.exit_code == 0 and "warning" not in full.stderr
