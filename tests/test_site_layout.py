"""The site as a reader sees it at 1280 and 390 px: one-row header, no overflow, readable charts,
automatic tags told apart, highlighted search hits, linked titles and anchors (chromium, Playwright).

Every page kind is screenshotted at both widths into test-artifacts/ (looked at by eye once);
the assertions are about layout: header height, rows, overflow, rendered label sizes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fakes import serve_folder
from site_sample import UNIQUE_TITLE, make_log
from test_site_browser import ARTIFACTS, SUB_PATH, Watch, browser  # noqa: F401  (browser: a fixture)

from paperweek.site.builder import build_site

PAGES = (
    "index.html", "weeks/2024-04-15.html", "years/2024.html", "archive.html", "tags/index.html",
    "tags/nlp.html", "stats.html", "search.html?q=scaling",
)  # fmt: skip
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("layout")
    log = make_log(base / "log", auto_tags=True)
    docroot = base / "www"
    build_site(log, docroot / SUB_PATH.strip("/"))
    with serve_folder(docroot) as base:
        yield base + SUB_PATH


@pytest.fixture
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:  # noqa: F811
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.watch = Watch(page)
    try:
        yield page
    finally:
        context.close()


BOX = "(s) => { const e = document.querySelector(s); if (!e) return null; const r = e.getBoundingClientRect();" \
      " return {top: r.top, bottom: r.bottom, height: r.height, left: r.left, right: r.right}; }"


@pytest.mark.parametrize("tab", WIDTHS, indirect=True, ids=[f"{w}px" for w in WIDTHS])
def test_every_page_lays_out_at_desktop_and_phone_width(site: str, tab: Any) -> None:
    width = tab.viewport_size["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for path in PAGES:
        tab.goto(site + path)
        tab.wait_for_load_state("load")
        name = path.split("?")[0].replace("/", "_").removesuffix(".html")
        tab.screenshot(path=str(ARTIFACTS / f"site-{name}-{width}px.png"))
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{path}: {scroll} px wide")
        header = tab.evaluate(BOX, ".site-header")
        nav = tab.evaluate(BOX, ".site-header nav")
        form = tab.evaluate(BOX, ".site-header .search-form")
        title = tab.evaluate(BOX, ".site-title")
        if width == 1280:
            # one row: title, menu and search form side by side
            if header["height"] > 70:
                problems.append(f"{path}: header {header['height']:.0f} px high")
            if form is not None and abs(form["top"] - nav["top"]) > 12:
                problems.append(f"{path}: search form on another row than the menu")
            if abs(title["top"] - nav["top"]) > 12:
                problems.append(f"{path}: title on another row than the menu")
        elif header["height"] > 160:
            problems.append(f"{path}: header {header['height']:.0f} px high at {width} px")
    assert problems == [], problems
    assert tab.watch.errors == []


@pytest.mark.parametrize("tab", [390], indirect=True)
def test_chart_labels_are_readable_on_a_phone(site: str, tab: Any) -> None:
    tab.goto(site + "stats.html")
    sizes = tab.evaluate(
        "[...document.querySelectorAll('svg.chart text')].map(t =>"
        " t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))"
    )
    assert sizes and min(sizes) >= 11, sorted(sizes)[:3]  # rendered size in CSS px
    clipped = tab.evaluate(
        "[...document.querySelectorAll('svg.chart text')].filter(t => { const s = t.ownerSVGElement"
        ".getBoundingClientRect(), r = t.getBoundingClientRect(); return r.left < s.left - 1 || r.right > s.right + 1; })"
        ".map(t => t.textContent)"
    )
    assert clipped == []  # no label runs out of its chart
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # the chart scrolls, not the page
    frame = tab.evaluate(
        "(() => { const f = document.querySelector('figure.chart-frame'); return [f.scrollWidth, f.clientWidth]; })()"
    )
    assert frame[0] > frame[1]


def test_automatic_tags_look_different_from_the_curators(site: str, tab: Any) -> None:
    tab.goto(site + "weeks/2024-04-15.html")
    card = tab.locator('[id="2404.99999"]')
    own = card.locator("a.tag:not(.tag-auto)").first
    auto = card.locator("a.tag-auto").first
    assert own.text_content() == "marsupials" and auto.text_content() == "nlp"
    style = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderStyle, s.color]; }"
    own_style, auto_style = own.evaluate(style), auto.evaluate(style)
    assert own_style[0] != auto_style[0] and auto_style[1] == "dashed" and own_style[1] != "dashed"
    assert auto.get_attribute("aria-label") == "nlp (automatic tag)"


def test_search_results_highlight_the_matched_words(site: str, tab: Any) -> None:
    tab.goto(site + "search.html?q=estimating+burrow")
    tab.wait_for_selector(".search-results li")
    marks = tab.locator(".search-results mark").all_text_contents()
    assert "Estimation" in marks and "burrows" in marks  # stems match: estimating ~ Estimation, burrow ~ burrows
    assert tab.locator(".search-results li").count() == 1
    title = tab.locator(".search-results .result-title").first
    assert title.text_content() == UNIQUE_TITLE  # the text is intact around the marks
    assert title.get_attribute("href") == "weeks/2024-04-15.html#2404.99999"


def test_titles_link_to_the_paper_and_anchors_land_on_it(site: str, tab: Any) -> None:
    tab.goto(site + "index.html#2404.99999")
    card = tab.locator('[id="2404.99999"]')
    assert card.evaluate("e => e.matches(':target')")
    top = card.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 100  # scrolled to the paper
    link = card.locator("a.paper-link")
    assert link.get_attribute("href") == "https://arxiv.org/abs/2404.99999"
    assert link.text_content() == UNIQUE_TITLE
