"""Issue 12: any list of the genre is adopted -- every item a paper, the layout kept.

The real lists in ../shared/lists/ (read there, never copied) are imported through the CLI:
every item (counted with the README's regexes) becomes a paper with the right title, date
and links; the first build changes nothing a reader sees; import -> build -> import -> build
is byte-identical. Then the forms one by one, on small documents.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import SHARED, looks, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from paperweek.grammar.dates import DAY_SPELLINGS, find_period

LISTS = SHARED / "lists"
REGEXES = {  # from ../shared/lists/README.md: one item per matching line
    "Fatflower": r"^\d+\. \[.*\]\(https?://arxiv\.org/",
    "Vincentqyw": r"^\|\*\*\d{4}-\d{2}-\d{2}\*\*\|",
    "aishwaryanr": r"^\| *\d{1,2}(st|nd|rd|th)? [A-Z][a-z]+ \d{4} *\|",
    "xavrb": r"^\* \*\*Week ",
}
FILES = sorted(p.name for p in LISTS.glob("*--*.md"))
UNDATED = {"xavrb+a-paper-a-week--1d0a28e.md": "2017-08-21"}  # its items carry no date: --date says where



def imported(tmp_path: Path, name: str, folder: str = "log") -> tuple[Path, list[dict[str, object]]]:
    log = tmp_path / folder
    extra = ["--date", UNDATED[name]] if name in UNDATED else []
    done = run_cli("--dir", log, "import", *extra, LISTS / name)
    assert done.exit_code == 0, done.stderr
    listed = run_cli("--dir", log, "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    return log, json.loads(listed.stdout)


@pytest.mark.parametrize("name", FILES)
def test_every_item_of_a_real_list_is_a_paper_and_the_first_build_changes_nothing_visible(
    tmp_path: Path, name: str
) -> None:
    text = (LISTS / name).read_text(encoding="utf-8")
    pattern = re.compile(REGEXES[name.split("+")[0]])
    items = [line for line in text.splitlines() if pattern.match(line)]
    log, papers = imported(tmp_path, name)
    # a row shown under several topics is one paper with each topic as a tag (issue 21, point 10)
    assert len(papers) == len(set(items)) > 0
    assert all(p["title"] for p in papers)
    assert all(p["links"] for p in papers)
    assert run_cli("--dir", log, "build").exit_code == 0
    assert looks((log / "README.md").read_text(encoding="utf-8")) == looks(text)
    # the theme inferred at import is in the log, as `theme copy` would put it
    assert (log / "themes" / "kept" / "README.md.j2").is_file()
    # import -> build -> import -> build: byte-identical
    again = run_cli("--dir", tmp_path / "again", "import", *(["--date", UNDATED[name]] if name in UNDATED else []),
                    log / "README.md")
    assert again.exit_code == 0, again.stderr
    assert run_cli("--dir", tmp_path / "again", "build").exit_code == 0
    assert (tmp_path / "again" / "README.md").read_bytes() == (log / "README.md").read_bytes()


def by_title(papers: list[dict[str, object]], start: str) -> dict[str, object]:
    return next(p for p in papers if str(p["title"]).startswith(start))


def test_spot_checks_fatflower_week_number_list(tmp_path: Path) -> None:
    _, papers = imported(tmp_path, "Fatflower+ArXiv_weekly_paper--5723370.md")
    paper = by_title(papers, "")
    assert paper["week"] == "2023-12-25" and paper["week_end"] == "2023-12-31"  # Week 52, 2023 (ISO)
    last = papers[-1]
    assert last["id"] == last["arxiv_id"] and str(last["links"][0]["url"]).startswith("https://arxiv.org/abs/")  # type: ignore[index]


def test_spot_checks_vincentqyw_daily_tables(tmp_path: Path) -> None:
    _, papers = imported(tmp_path, "Vincentqyw+cv-arxiv-daily--910061b8.md")
    first = papers[0]
    assert first["title"] == (
        "HDPV-SLAM: Hybrid Depth-augmented Panoramic Visual SLAM for Mobile Mapping System with Tilted LiDAR "
        "and Panoramic Visual Camera"
    )
    assert first["released"] == "2023-01-27" and first["week"] == "2023-02-20"  # row date; "Updated on 2023.02.20"
    assert first["arxiv_id"] == "2301.11823" and first["authors"] == ["Mostafa Ahmadi et.al."]
    assert first["links"] == [{"label": "2301.11823v1", "url": "http://arxiv.org/abs/2301.11823v1"}]
    assert first["tags"] == ["slam"]  # the topic sub-heading
    swarm = by_title(papers, "Swarm-SLAM")
    assert {"label": "link", "url": "https://github.com/mistlab/swarm-slam"} in swarm["links"]  # type: ignore[operator]
    assert by_title(papers, "Is Attention All NeRF Needs?")["tags"] == ["nerf"]


def test_spot_checks_monthly_lists(tmp_path: Path) -> None:
    _, papers = imported(tmp_path, "aishwaryanr+awesome-generative-ai-guide--038bbb4.md")
    first = papers[0]
    assert first["week"] == "2024-01-01" and first["week_end"] == "2024-01-31"  # ":star:January 2024 Best ..."
    assert first["released"] == "2024-01-31" and first["arxiv_id"] == "2402.00157"  # /html/2402.00157v1
    assert first["tags"] == ["task-specific-llms"]
    seven = by_title(papers, "Seven Failure Points")
    assert seven["title"] == "Seven Failure Points When Engineering a Retrieval Augmented Generation System"
    _, march = imported(tmp_path, "aishwaryanr+awesome-generative-ai-guide--b939582.md", "march")
    assert {p["week"] for p in march} == {"2025-03-01"} and march[0]["released"] == "2025-03-27"
    assert str(march[0]["abstract"]).startswith("The era of intelligent agents is upon us")


def test_spot_checks_xavrb_bullets(tmp_path: Path) -> None:
    _, papers = imported(tmp_path, "xavrb+a-paper-a-week--1d0a28e.md")
    first = papers[0]
    assert first["title"] == "ImageNet Classification with Deep Convolutional Neural Networks"
    assert first["authors"] == ["Alex Krizhevsky", "Sutskever, Ilya", "Hinton, Geoffrey E"]
    assert first["links"][1] == {  # type: ignore[index]
        "label": "PDF",
        "url": "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks.pdf",
    }
    assert papers[2]["arxiv_id"] == "1502.04042"  # from its /pdf/ link
    assert papers[4]["links"][1]["url"] == "icml2010.haifa.il.ibm.com/papers/432.pdf"  # type: ignore[index]


def test_strict_refuses_a_list_without_dates_and_asks_for_date(tmp_path: Path) -> None:
    source = LISTS / "xavrb+a-paper-a-week--1d0a28e.md"
    failed = run_cli("--dir", tmp_path / "log", "import", "--strict", source)
    assert failed.exit_code == 1
    assert f"{source}:8: no dated heading and no dated item; pass --date YYYY-MM-DD" in failed.stderr
    assert "--skip-bad" not in failed.stderr and not (tmp_path / "log").exists()
    assert run_cli("--dir", tmp_path / "log", "import", "--date", "2017-08-21", source).exit_code == 0


# --- the heading grammar: generated dates, each spelling, read back -----------------------------

DECORATIONS = ["{}", "## {}", "**{}**", "[{}](#x)", "{} 🔥", ":star:{}", "{} (updated)", "Papers of the week ({})"]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    spelling=st.sampled_from(sorted(DAY_SPELLINGS)),
    decoration=st.sampled_from(DECORATIONS),
)
def test_a_day_in_every_spelling_reads_back(day: dt.date, spelling: str, decoration: str) -> None:
    text = decoration.format(DAY_SPELLINGS[spelling](day))
    found = find_period(text)
    assert found is not None and found.kind == "day"
    assert found.dates(day.year) == (day, day)


def _month(d: dt.date) -> str:
    return d.strftime("%B")


RANGES = {
    "April 15 - April 21": lambda a, b: f"{_month(a)} {a.day} - {_month(b)} {b.day}",
    "Mar 20-Mar 26": lambda a, b: f"{_month(a)[:3]} {a.day}-{_month(b)[:3]} {b.day}",
    "Jan 1-8": lambda a, b: f"{_month(a)[:3]} {a.day}-{b.day}" if a.month == b.month else None,
    "Dec 30, 2024 – Jan 5, 2025": lambda a, b: f"{_month(a)[:3]} {a.day}, {a.year} – {_month(b)[:3]} {b.day}, {b.year}",
    "15-21 April 2024": lambda a, b: f"{a.day}-{b.day} {_month(a)} {b.year}" if a.month == b.month else None,
    "2024-01-01 to 2024-01-07": lambda a, b: f"{a.isoformat()} to {b.isoformat()}",
}


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 20)),
    length=st.integers(min_value=1, max_value=8),
    spelling=st.sampled_from(sorted(RANGES)),
    decoration=st.sampled_from(DECORATIONS),
)
def test_a_range_in_every_spelling_reads_back(start: dt.date, length: int, spelling: str, decoration: str) -> None:
    end = start + dt.timedelta(days=length)
    written = RANGES[spelling](start, end)
    if written is None:
        return
    found = find_period(decoration.format(written))
    assert found is not None and found.kind == "range"
    assert found.dates(start.year) == (start, end)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    form=st.sampled_from(["Week {w}, {y}", "week {w} of {y}", "{y}-W{w:02d}", "Recommended Papers for Week {w}, {y}"]),
    decoration=st.sampled_from(DECORATIONS),
)
def test_an_iso_week_reads_back(day: dt.date, form: str, decoration: str) -> None:
    iso = day.isocalendar()
    found = find_period(decoration.format(form.format(w=iso.week, y=iso.year)))
    monday = day - dt.timedelta(days=day.weekday())
    assert found is not None and found.kind == "week"
    assert found.dates() == (monday, monday + dt.timedelta(days=6))


@settings(max_examples=100, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    form=st.sampled_from(["{B} {y}", "{b} {y}", "{y}-{m:02d}", "{B} {y} Best GenAI Papers"]),
    decoration=st.sampled_from(DECORATIONS),
)
def test_a_month_reads_back(day: dt.date, form: str, decoration: str) -> None:
    text = form.format(B=_month(day), b=_month(day)[:3], y=day.year, m=day.month)
    found = find_period(decoration.format(text))
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    assert found is not None and found.kind == "month" and found.dates() == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Septmber 3 - Septmber 9, 2024", dt.date(2024, 9, 3), dt.date(2024, 9, 9)),  # misspelt, unambiguous
        ("Febuary 2024", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("AI Papers of the Week (Dec 30 - Jan 5) - 2025", dt.date(2024, 12, 30), dt.date(2025, 1, 5)),
    ],
)
def test_misspelt_months_and_a_year_written_apart(text: str, first: dt.date, last: dt.date) -> None:
    found = find_period(text)
    assert found is not None and found.dates() == (first, last)


def test_text_that_names_no_period_is_not_read_as_one() -> None:
    for text in ("SLAM", "Summary of recommended papers in 2024", "Table of Contents", "Top 10 papers"):
        assert find_period(text) is None


# --- the forms, one by one, in small documents ---------------------------------------------------

SEED_TOP = "# List\n\nIntro.\n\nHere is the weekly series:\n\n"
TABLE = "| **Paper** | **Links** |\n| --- | --- |\n"


def run_import(tmp_path: Path, text: str, *extra: str) -> tuple[Path, list[dict[str, object]], str]:
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    log = tmp_path / "log"
    done = run_cli("--dir", log, "import", "--report", *extra, source)
    assert done.exit_code == 0, done.stderr
    listed = json.loads(run_cli("--dir", log, "list", "--json").stdout)
    assert run_cli("--dir", log, "build").exit_code == 0
    assert looks((log / "README.md").read_text(encoding="utf-8")) == looks(text)
    return log, listed, done.stdout


@pytest.mark.parametrize(
    "heading",
    [
        "## AI Papers of the Week (April 22 - April 28) - 2024 🔥",
        "## AI Papers of the Week (April 22 - April 28) - 2024 (updated)",
        "## [AI Papers of the Week (April 22 - April 28) - 2024](https://example.org/w17)",
    ],
)
def test_a_week_heading_with_one_more_word_is_still_a_week(tmp_path: Path, heading: str) -> None:
    text = (
        SEED_TOP + "## AI Papers of the Week (April 29 - May 5) - 2024\n\n" + TABLE
        + "| (1) **A** - first | [Paper](https://arxiv.org/abs/2404.00001) |\n\n"
        + heading + "\n\n" + TABLE + "| (1) **B** - second | [Paper](https://arxiv.org/abs/2404.00002) |\n"
    )
    _, papers, report = run_import(tmp_path, text)
    weeks = {p["title"]: p["week"] for p in papers}
    assert weeks == {"A": "2024-04-29", "B": "2024-04-22"}
    assert "week 2024-04-22: 1 item read, 1 paper made" in report


def test_numbered_links_several_tables_and_sub_headings_under_one_period(tmp_path: Path) -> None:
    text = (
        "# My reading\n\n## Week of January 8, 2024\n\n### Vision\n\n"
        "1. [Paper One](https://arxiv.org/pdf/2401.00001v2)\n"
        "   A first summary.\n"
        "2. [Paper Two](https://arxiv.org/html/2401.00002v1), [Code](https://github.com/o/two)\n\n"
        "### Language\n\n| Title | Authors | Code |\n|---|---|---|\n"
        "| [Paper Three](https://arxiv.org/abs/2401.00003) | Ann Smith, Bo Li | null |\n\n"
        "| Date | Paper |\n|---|---|\n| 2024-01-09 | **Paper Four** |\n\n"
        "<details><summary>Paper Five</summary>\n\nA summary in a details block. "
        "[arXiv](https://arxiv.org/abs/2401.00005)\n\n</details>\n\nThanks for reading!\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    assert [p["title"] for p in papers] == ["Paper One", "Paper Two", "Paper Three", "Paper Four", "Paper Five"]
    assert [p["arxiv_id"] for p in papers] == ["2401.00001", "2401.00002", "2401.00003", None, "2401.00005"]
    assert papers[0]["summary"] == "A first summary." and papers[0]["tags"] == ["vision"]
    assert papers[2]["authors"] == ["Ann Smith", "Bo Li"] and papers[2]["tags"] == ["language"]
    assert papers[3]["released"] == "2024-01-09" and papers[0]["released"] is None
    assert {p["week"] for p in papers} == {"2024-01-08"}
    assert papers[1]["links"] == [
        {"label": "Paper Two", "url": "https://arxiv.org/html/2401.00002v1"},
        {"label": "Code", "url": "https://github.com/o/two"},
    ]


def test_an_edited_paper_is_written_in_its_blocks_form_the_rest_as_written(tmp_path: Path) -> None:
    text = (
        "## Updated on 2024.01.10\n\n|Publish Date|Title|Authors|PDF|Code|\n|---|---|---|---|---|\n"
        "|**2024-01-09**|**Old Title**|Ann Smith et.al.|[2401.00001v1](http://arxiv.org/abs/2401.00001v1)|null|\n"
        "|**2024-01-08**|**Other**|Bo Li et.al.|[2401.00002v1](http://arxiv.org/abs/2401.00002v1)|null|\n"
    )
    log, _, _ = run_import(tmp_path, text)
    week = log / "weeks" / "2024-01-10.yaml"
    week.write_text(week.read_text(encoding="utf-8").replace("title: Old Title", "title: New Title"), encoding="utf-8")
    assert run_cli("--dir", log, "build").exit_code == 0
    lines = (log / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "## Updated on 2024.01.10"
    assert "| 2024-01-09 | [New Title](http://arxiv.org/abs/2401.00001v1) | Ann Smith et.al. |  |  |" in lines
    assert "|**2024-01-08**|**Other**|Bo Li et.al.|[2401.00002v1](http://arxiv.org/abs/2401.00002v1)|null|" in lines


def test_a_period_with_text_but_no_papers_is_reported(tmp_path: Path) -> None:
    text = "## March 2024\n\nNothing this month, sorry.\n\n## February 2024\n\n- [A paper](https://arxiv.org/abs/2402.00001)\n"
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    done = run_cli("--dir", tmp_path / "log", "import", "--report", source)
    assert done.exit_code == 0, done.stderr
    assert f"note: {source}:1: the period of 2024-03-01 has text but no papers; its text is kept as written" in done.stdout
    assert "month 2024-03-01: 0 items read, 0 papers made" in done.stdout  # a monthly list: a log of months
    assert "month 2024-02-01: 1 item read, 1 paper made" in done.stdout


def test_a_heading_without_a_year_takes_it_from_its_neighbours(tmp_path: Path) -> None:
    text = (
        "## June 30\n\n- [B](https://arxiv.org/abs/2406.00002)\n\n"
        "## June 23, 2026\n\n- [A](https://arxiv.org/abs/2406.00001)\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    assert sorted((p["title"], p["week"]) for p in papers) == [("A", "2026-06-23"), ("B", "2026-06-30")]


def test_top_ml_rows_written_title_two_spaces_summary_get_their_title(tmp_path: Path) -> None:
    text = (
        "# Top ML Papers\n\nIntro.\n\nHere is the weekly series:\n\n## Top ML Papers of the Week (Jan 1 - Jan 7) - 2024\n"
        "| **Paper**  | **Links** |\n| ------------- | ------------- |\n"
        "| 1) **Bold One** - a summary | [Paper](https://arxiv.org/abs/2401.00001) |\n"
        "| 2) Ultra-Fast Diffusion-based Language Models  This paper introduces a model. "
        "| [Paper](https://arxiv.org/abs/2401.00002) |\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    assert papers[1]["title"] == "Ultra-Fast Diffusion-based Language Models"
    assert papers[1]["summary"] == "This paper introduces a model."


def test_text_that_reads_like_a_marker_is_kept_as_written(tmp_path: Path) -> None:
    text = "## 2024-01-18\n\n<<papers list -: 2401.00001>>\n\n- [A](https://arxiv.org/abs/2401.00002)\n"
    log, papers, _ = run_import(tmp_path, text)
    assert [p["arxiv_id"] for p in papers] == ["2401.00002"]
    assert "<<papers list -: 2401.00001>>" in (log / "README.md").read_text(encoding="utf-8")


def test_year_headings_label_links_and_tables_without_outer_pipes(tmp_path: Path) -> None:
    text = (
        "# Weekly papers\n\n## 2024\n\n### Week of Jan 15 - Jan 21\n\n"
        "1. **Chain of Thought** - prompting helps [arXiv](https://arxiv.org/abs/2201.11903) [Code](https://github.com/x/y)\n"
        "2. **Second** [paper](https://arxiv.org/abs/2201.00002)\n\n"
        "### Jan 8 - Jan 14\n\nDate | Title | Link\n--- | --- | ---\n2024-01-09 | Foo paper | [arXiv](https://arxiv.org/abs/2401.00003)\n\n"
        "## 2023\n\n### Dec 25 - Dec 31\n\n- Attention Is All You Need [[paper]](https://arxiv.org/abs/1706.03762)\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    got = {p["title"]: (p["week"], p["summary"], [link["label"] for link in p["links"]]) for p in papers}  # type: ignore[attr-defined]
    assert got == {
        "Chain of Thought": ("2024-01-15", "prompting helps", ["arXiv", "Code"]),
        "Second": ("2024-01-15", "", ["paper"]),
        "Foo paper": ("2024-01-08", "", ["arXiv"]),
        "Attention Is All You Need": ("2023-12-25", "", ["[paper]"]),
    }


@pytest.mark.parametrize(
    ("text", "first"),
    [("📅 2024/03/11 ~ 2024/03/17", dt.date(2024, 3, 11)), ("30/12/2021", dt.date(2021, 12, 30)),
     ("12/30/2021", dt.date(2021, 12, 30)), ("Jan 15th – Jan 21st, 2024", dt.date(2024, 1, 15))],
)
def test_more_numeric_and_ordinal_spellings(text: str, first: dt.date) -> None:
    found = find_period(text)
    assert found is not None and found.dates() is not None and found.dates()[0] == first  # type: ignore[index]


def test_an_ambiguous_numeric_date_is_placed_by_other_evidence_or_stops_strict(tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text("# L\n\n## 03/04/2021\n\n- [A](https://arxiv.org/abs/2104.00001)\n", encoding="utf-8")
    done = run_cli("--dir", tmp_path / "log", "import", "--strict", source)
    assert done.exit_code == 1 and f"{source}:3: heading looks dated but its date is not understood" in done.stderr
    done = run_cli("--dir", tmp_path / "log", "import", "--report", source)
    assert done.exit_code == 0, done.stderr
    assert f"{source}:3: heading looks dated but its date is not understood" in done.stdout
    assert "month 2021-04-01: 1 item read, 1 paper made, 2 lines kept as text (placed by arXiv ids)" in done.stdout


def test_html_anchors_and_a_summary_after_the_title_link(tmp_path: Path) -> None:
    text = (
        "# Reading list\n\n## 2024-02-05\n\n"
        '- <a href="https://arxiv.org/abs/2402.00001">An HTML Anchored Paper</a> - why it matters\n'
        "- [Second One](https://arxiv.org/abs/2402.00002): a short note\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    got = sorted((p["title"], p["summary"], p["arxiv_id"]) for p in papers)
    assert got == [("An HTML Anchored Paper", "why it matters", "2402.00001"), ("Second One", "a short note", "2402.00002")]


def test_periods_out_of_order_stay_where_they_were(tmp_path: Path) -> None:
    text = (
        "## Week 3, 2024\n\n* [*T*, A](https://example.org/t)\n\n## Dec 30 - Jan 5, 2025\n\n"
        "- [B](https://arxiv.org/abs/2412.00002)\n\n## April 15 - April 21, 2024\n\n- [C](https://arxiv.org/abs/2404.00003)\n"
    )
    log, papers, _ = run_import(tmp_path, text)  # run_import asserts the build looks the same
    assert sorted(p["week"] for p in papers) == ["2024-01-15", "2024-04-15", "2024-12-30"]
    again = run_cli("--dir", tmp_path / "again", "import", log / "README.md")
    assert again.exit_code == 0 and run_cli("--dir", tmp_path / "again", "build").exit_code == 0
    assert (tmp_path / "again" / "README.md").read_bytes() == (log / "README.md").read_bytes()


FRAGMENTS = [
    "## April 15 - April 21, 2024", "## Jan 1-8", "### 2024", "# Title", "## Week 3, 2024", "## March 2024",
    "| Date | Title |", "|---|---|", "| 2024-01-02 | [A](https://arxiv.org/abs/2401.00001) |", "| x | y |", "",
    "1. [T](https://arxiv.org/abs/2401.00002)", "   summary", "- **B** [paper](http://x)", "<details><summary>S</summary>",
    "[z](https://a.b)", "</details>", "```", "<!--", "-->", "text | more", "## 30/12/2021", "* [*T*, A](u)",
    "<<papers list -: x>>", "## Dec 30 - Jan 5", "--- | ---", "| **2024-01-02** | **T** | null |", "## 2024-02-30",
    "- <a href='http://q'>Q</a>", "- [T2](https://arxiv.org/abs/2401.00002) - note", "| Title | Code |", "|:--|--:|",
    "| **X** - y | [c](http://c) |", "> quoted", "<p align=right>top</p>", "[ref]: https://example.org",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
def test_any_document_of_these_pieces_is_read_or_refused_and_built_as_written(pieces: list[str]) -> None:
    """Generated lists: import never crashes; what it reads, build writes back the same to a reader."""
    from paperweek.importer.parse import parse_readme
    from paperweek.render.readme import render_readme

    text = "\n".join(pieces)
    parsed = parse_readme(text, "list.md")
    if parsed.errors or not parsed.weeks:
        assert all(e.startswith("list.md") for e in parsed.errors)
        return
    if parsed.config.theme == "kept":
        assert looks(render_readme(parsed.config, parsed.weeks)) == looks(text)


def test_a_number_column_is_never_the_title_and_a_new_row_gets_the_next_number(tmp_path: Path) -> None:
    text = (
        "## Week 3, 2024\n\n| # | Paper | Date | Links |\n|---|---|---|---|\n"
        "| 1 | **Great** - nice | 2024-01-16 | [PDF](https://arxiv.org/pdf/2401.00001) |\n"
    )
    log, papers, _ = run_import(tmp_path, text)
    assert [(p["title"], p["summary"], p["released"]) for p in papers] == [("Great", "nice", "2024-01-16")]
    added = run_cli("--dir", log, "add", "--week", "2024-01-17", "--title", "Next", "--url", "https://example.org/n",
                    "--released", "2024-01-17")
    assert added.exit_code == 0, added.stderr
    assert "| 2 | [Next](https://example.org/n) | 2024-01-17 |  |" in (log / "README.md").read_text(encoding="utf-8")


def test_a_details_block_around_a_table_holds_papers_under_its_topic(tmp_path: Path) -> None:
    text = (
        "## Updated on 2024.01.10\n\n<details>\n  <summary>SLAM</summary>\n\n|Publish Date|Title|PDF|\n|---|---|---|\n"
        "|**2024-01-09**|**One**|[2401.00001v1](http://arxiv.org/abs/2401.00001v1)|\n"
        "|**2024-01-08**|**Two**|[2401.00002v1](http://arxiv.org/abs/2401.00002v1)|\n\n</details>\n\n"
        "<details><summary>A single paper</summary>\nNotes, and [arXiv](https://arxiv.org/abs/2401.00003).\n</details>\n"
    )
    _, papers, _ = run_import(tmp_path, text)
    assert sorted((p["title"], tuple(p["tags"])) for p in papers) == [  # type: ignore[arg-type]
        ("A single paper", ()), ("One", ("slam",)), ("Two", ("slam",))
    ]
