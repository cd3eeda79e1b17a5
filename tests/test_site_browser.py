"""The built site in a real browser: Debian's chromium driven by Playwright for Python.

The site is served under a sub-path (/sub/site/) from 127.0.0.1 by fakes.serve_folder,
like a GitHub Pages project site. Without chromium or
playwright these tests are skipped with the reason shown, except in CI
(CI=true), where they fail: the browser checks must run there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO
from fakes import serve_folder
from site_sample import LONG_WORD, UNIQUE_TITLE, UNIQUE_WORD, XSS_TITLE, make_log

from paperweek.site.builder import build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
SUB_PATH = "/sub/site/"


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"Debian's chromium is not at {CHROMIUM}: apt-get install -y chromium (.ci/run does this)"
    return None


def _require_browser() -> None:
    """Fail (in CI) or skip with the reason (elsewhere) when the browser cannot run."""
    problem = _missing_browser()
    if problem:
        if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests cannot run in CI: {problem}", pytrace=False)
        pytest.skip(f"browser tests need a browser: {problem}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(URL of the site's folder, its path) with the site served under a sub-path."""
    base = tmp_path_factory.mktemp("browser")
    log = make_log(base / "log")
    docroot = base / "www"
    out = docroot / SUB_PATH.strip("/")
    build_site(log, out)
    with serve_folder(docroot) as base:
        yield base + SUB_PATH, out


class Watch:
    """Console errors, page errors, failed requests and dialogs of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        page.on("dialog", self._dialog)

    def _failed(self, request: Any) -> None:
        # A request cut short by the next navigation (e.g. the icon) is not the site's fault.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    watch = Watch(tab)
    try:
        yield tab, watch
    finally:
        context.close()


def test_crawl_every_internal_link_resolves_without_console_errors(site: tuple[str, Path], page: Any) -> None:
    root, _ = site
    tab, watch = page
    seen: set[str] = set()
    queue = [root + "index.html"]
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, id)
    landmarks_missing = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        if not url.endswith(".html"):
            # the feed, scripts, stylesheet, icon: fetched, not shown (a shown XML file makes the
            # browser ask the server's root for /favicon.ico, which is not the site's)
            fetched = tab.request.get(url)
            assert fetched.status == 200, url
            continue
        response = tab.goto(url)
        assert response is not None and response.status == 200, url
        counts = tab.evaluate(
            "() => ['header', 'nav', 'main', 'footer'].map(s => document.querySelectorAll('body > ' + "
            "(s === 'nav' ? 'header nav' : s)).length)"
        )
        if counts != [1, 1, 1, 1] or tab.locator("a.skip-link[href='#main']").count() != 1:
            landmarks_missing.append(url)
        hrefs = tab.eval_on_selector_all("a[href], link[href], script[src]", "els => els.map(e => e.href || e.src)")
        for href in hrefs:
            absolute = urljoin(url, href)
            if not absolute.startswith(root):
                assert urlsplit(absolute).scheme in ("http", "https", "mailto"), (url, href)
                assert not absolute.startswith("http://127.0.0.1"), f"{url} links outside the site: {href}"
                continue
            target, _, fragment = absolute.partition("#")
            if fragment:
                fragments.append((url, target, fragment))
            if target not in seen:
                queue.append(target)
    ids_of: dict[str, set[str]] = {}
    for origin, target, fragment in fragments:
        if target not in ids_of:
            tab.goto(target)
            ids_of[target] = set(tab.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        assert fragment in ids_of[target], f"{origin} links to a missing #{fragment} of {target}"
    assert not landmarks_missing, f"pages without header/nav/main/footer or skip link: {landmarks_missing}"
    assert len([u for u in seen if "/weeks/" in u]) == 6
    assert any(u.endswith("/tags/marsupials.html") for u in seen)
    assert any(u.endswith("/feed.xml") for u in seen)
    assert watch.errors == [], "\n".join(watch.errors)
    assert watch.dialogs == []


def search(tab: Any, query: str) -> list[str]:
    tab.fill("#search-input", query)
    tab.press("#search-input", "Enter")
    tab.wait_for_function("() => document.getElementById('search-status').textContent.trim() !== ''")
    return [str(t) for t in tab.locator("#search-results li a.result-title").all_text_contents()]


def test_search_finds_the_one_paper_whose_summary_has_a_word(site: tuple[str, Path], page: Any) -> None:
    root, _ = site
    tab, watch = page
    tab.goto(root + "search.html")
    assert search(tab, UNIQUE_WORD) == [UNIQUE_TITLE]
    assert "1 paper matches" in tab.text_content("#search-status")
    assert search(tab, "Lovelace") and len(search(tab, "Lovelace")) == 24  # authors are searched
    assert len(search(tab, "marsupials")) == 1  # tags too
    assert search(tab, "nosuchwordanywhere") == []
    assert "No paper matches" in tab.text_content("#search-status")
    # a typo still finds the paper, and says so (issue 21, item 6)
    assert search(tab, "quokaflux") == [UNIQUE_TITLE]
    assert "No paper matches “quokaflux”; 1 paper matches words spelled like it" in tab.text_content("#search-status")
    assert tab.locator("#search-results mark").all_text_contents() == ["quokkaflux"]
    search(tab, UNIQUE_WORD)
    tab.click("#search-results a.result-title")
    tab.wait_for_url("**/weeks/2024-04-15.html#2404.99999")
    assert tab.locator("[id=\"2404.99999\"] .paper-title").text_content().endswith(UNIQUE_TITLE)
    # the header form of every other page leads to the search page with the query filled in
    tab.goto(root + "tags/index.html")
    tab.fill("#site-search", UNIQUE_WORD)
    tab.press("#site-search", "Enter")
    tab.wait_for_selector("#search-results li")
    assert tab.locator("#search-results a.result-title").all_text_contents() == [UNIQUE_TITLE]
    assert watch.errors == [] and watch.dialogs == []


def test_hostile_title_shows_as_text_and_runs_nothing(site: tuple[str, Path], page: Any) -> None:
    root, _ = site
    tab, watch = page
    for path in ("index.html", "weeks/2024-04-15.html", "years/2024.html"):
        tab.goto(root + path)
        titles = tab.locator(".paper-title").all_text_contents()
        assert any(t.endswith(XSS_TITLE) for t in titles), path
        assert tab.locator("img").count() == 0
        assert tab.locator("main script, main svg").count() == 0
    tab.goto(root + "search.html?q=img")
    tab.wait_for_selector("#search-results li")
    assert XSS_TITLE in tab.locator("#search-results a.result-title").all_text_contents()
    assert tab.locator("#search-results img").count() == 0
    tab.wait_for_timeout(200)
    assert watch.dialogs == []
    assert watch.errors == []


def test_works_from_file_urls(site: tuple[str, Path], page: Any) -> None:
    _, out = site
    tab, watch = page
    tab.goto((out / "search.html").as_uri() + "?q=" + UNIQUE_WORD)
    tab.wait_for_selector("#search-results li")
    assert tab.locator("#search-results a.result-title").all_text_contents() == [UNIQUE_TITLE]
    tab.click("#search-results a.result-title")
    tab.wait_for_url("**/weeks/2024-04-15.html#2404.99999")
    tab.click("nav[aria-label='Site'] >> text=Stats")
    assert tab.locator("svg.chart").count() == 3
    assert tab.evaluate("getComputedStyle(document.querySelector('svg.chart .bar')).fill") != "rgb(0, 0, 0)"
    assert watch.errors == [] and watch.dialogs == []


def test_keyboard_skip_link_and_visible_focus(site: tuple[str, Path], page: Any) -> None:
    root, _ = site
    tab, _watch = page
    tab.goto(root + "index.html")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "skip-link"
    box = tab.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # it moves into view when focused
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    tab.goto(root + "index.html")
    for _ in range(3):
        tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return [e.tagName, s.outlineStyle, s.outlineWidth]; })()"
    )
    assert focused[0] == "A" and focused[1] == "solid" and focused[2] == "3px"


def test_layout_at_375px(site: tuple[str, Path], browser: Any) -> None:
    root, _ = site
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    tab = context.new_page()
    watch = Watch(tab)
    try:
        overflow = {}
        for path in ("index.html", "weeks/2024-04-15.html", "stats.html", "tags/index.html",
                     "search.html?q=" + UNIQUE_WORD, "archive.html"):
            tab.goto(root + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 375:
                overflow[path] = width
        tab.goto(root + "index.html")
        assert LONG_WORD[:20] in (tab.text_content("main") or "")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "site-home-375px.png"
        tab.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        font = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.summary')).fontSize)")
        assert font >= 14  # readable without zooming
        assert overflow == {}, f"pages wider than 375 px: {overflow}"
        assert watch.errors == []
    finally:
        context.close()


def test_missing_browser_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The guard itself: in CI a missing chromium is a failure with a clear message, not a skip."""
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        _require_browser()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="need a browser"):
        _require_browser()
