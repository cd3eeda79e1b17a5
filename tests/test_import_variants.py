"""Import, variant by variant: each table, numbering, title, link and heading variant is read into
fields, recorded, and written back by build as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperweek.config import Config
from paperweek.importer.parse import parse_readme, parse_week_range, range_parts
from paperweek.markdown import escape
from paperweek.models import Link, Paper, Week
from paperweek.render.readme import render_readme
from paperweek.store.weekfile import read_week
from paperweek.store.weekfile._fast import render_new_week_file  # the two writers, compared
from paperweek.store.weekfile._roundtrip import render_week_file

TOP = "# List\n\nIntro.\n\nHere is the weekly series:\n\n## 2024\n\n- [W (April 15 - April 21)](./#w-april-15---april-21---2024)\n\n"
HEADING = "## W (April 15 - April 21) - 2024\n"


def doc(table: str) -> str:
    return TOP + HEADING + table.strip("\n") + "\n"


def one_week(text: str) -> Week:
    parsed = parse_readme(text)
    assert parsed.errors == [], parsed.errors
    assert len(parsed.weeks) == 1
    return parsed.weeks[0]


def cells(line: str) -> str:
    return re.sub(r"\s*\|\s*", "|", re.sub(r" +", " ", line.strip()))


@pytest.mark.parametrize(
    ("header", "align", "row", "title", "summary", "number"),
    [
        ("| **Paper**  | **Links** |", "| --- | --- |", "| 1) **T** - s | [Paper](https://arxiv.org/abs/2404.00001) |", "T", "s", 1),
        ("| Paper | Link |", "| :---: | :---: |", "| (1) **T**-s | [Paper](https://arxiv.org/abs/2404.00001) |", "T", "s", 1),
        ("| **Paper / Project** | **Links** |", "|---|---|", "| 1. **T**  s | [Paper](https://arxiv.org/abs/2404.00001) |", "T", "s", 1),
        ("| **Paper** | **Links** |", "| --- | --- |", "| 3) T - s | [Paper](https://arxiv.org/abs/2404.00001) |", "T", "s", 3),
        ("| **Paper** | **Links** |", "| --- | --- |", "| 1) Only a description. | [Paper](https://arxiv.org/abs/2404.00001) |", "", "Only a description.", 1),
        ("| **Paper** | **Links** |", "| --- | --- |", "| **T**: s | [Paper](https://arxiv.org/abs/2404.00001) |", "T", "s", None),
    ],
)
def test_table_variants_are_read_and_written_back(
    header: str, align: str, row: str, title: str, summary: str, number: int | None
) -> None:
    text = doc(f"{header}\n{align}\n{row}")
    week = one_week(text)
    paper = week.papers[0]
    assert (paper.title, paper.summary, paper.raw) == (title, summary, None)
    assert paper.number == (None if number in (1, None) else number)
    assert paper.id == "2404.00001"
    built = render_readme(parse_readme(text).config, [week])
    out = built.splitlines()
    at = out.index(HEADING.strip())
    assert [cells(line) for line in out[at + 1 : at + 4]] == [cells(header), cells(align), cells(row)]


def test_release_date_column_and_any_links() -> None:
    row = (
        "| (1) **T** - s | April 4, 2024 | [Paper](https://arxiv.org/abs/2404.00001v2), [Repo](https://github.com/o/r), "
        "[Code](https://c.org), [Tweet](https://x.com/s), [Project](https://p.org), [Blog](https://b.org), "
        "[Model](https://huggingface.co/m), [Dataset](https://huggingface.co/datasets/d)|"
    )
    week = one_week(doc("| **Paper**  | **Release Date** | **Links** |\n| --- | --- | --- |\n" + row))
    paper = week.papers[0]
    assert paper.released == dt.date(2024, 4, 4)
    assert [link.label for link in paper.links] == ["Paper", "Repo", "Code", "Tweet", "Project", "Blog", "Model", "Dataset"]
    assert paper.links[0].url == "https://arxiv.org/abs/2404.00001v2" and paper.id == "2404.00001"


def test_inline_html_and_bullets_are_kept_verbatim() -> None:
    summary = "Key highlights:<br>● one<br>● two <i>three</i> &amp; <a href='x'>four</a>"
    week = one_week(doc(f"| **Paper** | **Links** |\n| --- | --- |\n| 1) **T** - {summary} | [Paper](https://arxiv.org/pdf/2404.00001.pdf) |"))
    assert week.papers[0].summary == summary
    assert week.papers[0].id == "2404.00001"


def test_rows_that_cannot_be_split_are_kept_raw_and_reported() -> None:
    rows = [
        "| 1) **T** - s | [Paper](https://arxiv.org/abs/2404.00001) | surplus |",
        "| 2) **U** - s | N/A |",
        "| 3) **V** - s |",
    ]
    parsed = parse_readme(doc("| **Paper** | **Links** |\n| --- | --- |\n" + "\n".join(rows)))
    week = parsed.weeks[0]
    assert [p.raw for p in week.papers] == rows
    assert week.papers[0].id == "2404.00001"  # its arXiv link still names it
    assert parsed.rows_read[week.start] == 3
    reasons = parsed.verbatim[week.start]
    assert reasons[0].endswith(":14: row kept verbatim (3 cells, the table has 2 columns)")
    assert reasons[1].endswith(":15: row kept verbatim (links cell has text that is not a link: 'N/A')")
    assert reasons[2].endswith(":16: row kept verbatim (1 cells, the table has 2 columns)")
    assert render_readme(parsed.config, parsed.weeks).count("\n".join(rows)) == 1


@pytest.mark.parametrize(
    ("text", "year", "start", "end"),
    [
        ("April 15 - April 21", 2024, dt.date(2024, 4, 15), dt.date(2024, 4, 21)),
        ("Apr 15 - Apr 21", 2024, dt.date(2024, 4, 15), dt.date(2024, 4, 21)),
        ("Jan 30-Feb 5", 2023, dt.date(2023, 1, 30), dt.date(2023, 2, 5)),
        ("Jan 1-8", 2023, dt.date(2023, 1, 1), dt.date(2023, 1, 8)),
        ("Sept 4 - 10", 2023, dt.date(2023, 9, 4), dt.date(2023, 9, 10)),
        ("December 30 - January 5", 2025, dt.date(2024, 12, 30), dt.date(2025, 1, 5)),
        ("14 Apr - 20 Apr 2024", None, dt.date(2024, 4, 14), dt.date(2024, 4, 20)),
    ],
)
def test_week_ranges(text: str, year: int | None, start: dt.date, end: dt.date) -> None:
    assert range_parts(text) is not None
    assert parse_week_range(text, year) == (start, end)


def test_headings_without_a_year_take_it_from_their_neighbours() -> None:
    text = (
        "# L\n\n## Top (Jan 9-15)\n| Paper | Links |\n| --- | --- |\n| 1) **A** - a |  |\n\n"
        "## Top (Jan 2 - Jan 8) - 2023\n| Paper | Links |\n| --- | --- |\n| 1) **B** - b |  |\n\n"
        "## Top (Dec 26-Jan 1)\n| Paper | Links |\n| --- | --- |\n| 1) **C** - c |  |\n"
    )
    parsed = parse_readme(text)
    assert parsed.errors == []
    assert [w.start for w in parsed.weeks] == [dt.date(2023, 1, 9), dt.date(2023, 1, 2), dt.date(2022, 12, 26)]
    assert parsed.config.index_layout == "none"
    assert render_readme(parsed.config, parsed.weeks) == text


def test_a_heading_that_cannot_be_dated_is_a_topic_and_its_rows_stay_papers(tmp_path: Path) -> None:
    """Issue 22 over issue 12: a dated-looking heading that cannot be read no longer refuses the list; its rows
    stay papers (seen by list and search) in the period above, under its topic, and the import says so."""
    text = doc("| Paper | Links |\n| --- | --- |\n| 1) **A** - a | |") + (
        "\n## W (April 22 - Mai 28) - 2024\n| Paper | Links |\n| --- | --- |\n| 1) **B** - b | |\n"
    )
    source = tmp_path / "list.md"
    source.write_text(text)
    done = run_cli("--dir", tmp_path / "log", "import", source)
    assert done.exit_code == 0, done.stderr
    assert f"{source}:16: heading looks dated but its date is not understood" in done.stdout
    listed = json.loads(run_cli("--dir", tmp_path / "log", "list", "--json").stdout)
    assert {p["title"] for p in listed} == {"A", "B"}
    assert run_cli("--dir", tmp_path / "log", "build").exit_code == 0
    assert (tmp_path / "log" / "README.md").read_text() == text


def test_strict_stops_at_a_heading_that_cannot_be_dated_even_with_skip_bad(tmp_path: Path) -> None:
    """Issue 12, kept under --strict: a dated-looking heading is read or stops the import."""
    text = doc("| Paper | Links |\n| --- | --- |\n| 1) **A** - a | |") + (
        "\n## W (April 22 - Mai 28) - 2024\n| Paper | Links |\n| --- | --- |\n| 1) **B** - b | |\n"
    )
    source = tmp_path / "list.md"
    source.write_text(text)
    for extra in ([], ["--skip-bad"]):
        failed = run_cli("--dir", tmp_path / "log", "import", "--strict", *extra, source)
        assert failed.exit_code == 1
        assert f"{source}:16: heading looks dated but its date is not understood: 'W (April 22 - Mai 28) - 2024'" in (
            failed.stderr
        )
        assert "--skip-bad" not in failed.stderr  # it would not help: only a remedy that works is suggested
        assert "fix those lines, then import again" in failed.stderr
        assert not (tmp_path / "log" / "paperweek.toml").exists()


def test_a_row_issue_2_would_have_dropped_is_kept(tmp_path: Path, seed_text: str) -> None:
    """Issue 4 supersedes issue 2 here: no row is ever dropped; this one still reads as a row
    (a description with stray asterisks), and build writes it exactly as it was."""
    bad = seed_text.replace("| (3) **Leave No Context Behind", "| (3) Leave No Context Behind **", 1)
    source = tmp_path / "bad.md"
    source.write_text(bad)
    result = run_cli("--dir", tmp_path / "log", "import", "--report", source)
    assert result.exit_code == 0, result.output
    assert "week 2024-04-15: 9 items read, 9 papers made" in result.stdout
    run_cli("--dir", tmp_path / "log", "build")
    row = next(r for r in bad.splitlines() if r.startswith("| (3) Leave"))
    assert re.sub(r"\s+", " ", row) in re.sub(r" +", " ", (tmp_path / "log" / "README.md").read_text())


# --- property: any recorded style survives build -> import -> build -------------------------------

words = st.text(alphabet="abcdefghij XYZ", min_size=1, max_size=12).map(lambda t: " ".join(t.split())).filter(bool)
styles = st.fixed_dictionaries(
    {},
    optional={
        "number": st.sampled_from(["(1)", "1)", "1.", "none"]),
        "separator": st.sampled_from([" - ", "-", "  ", ": ", " -- "]),
        "link_separator": st.sampled_from([", ", " ", " · ", "<br>"]),
        "header": st.sampled_from(["| Paper | Release Date | Links |", "| **Papers** | **Date** | **Link** |"]),
        "align": st.sampled_from(["| :---: | :---: | :---: |", "|---|---|---|"]),
        "rule": st.sampled_from(["---", "none"]),
        "after": st.sampled_from(["Some text after the table.", "## Notes\n\nA note with a heading."]),
        "before": st.sampled_from(["A line before the table."]),
    },
)


@st.composite
def styled_logs(draw: st.DrawFn) -> list[Week]:
    weeks = []
    start = dt.date(2023, 1, 2) + dt.timedelta(weeks=draw(st.integers(0, 100)))
    serial = iter(range(10000, 99999))
    for _ in range(draw(st.integers(1, 4))):
        papers = [
            Paper(
                id=f"{start:%y%m}.{next(serial)}",
                title=escape(draw(words)),
                summary=escape(draw(words)),
                released=draw(st.none() | st.just(dt.date(start.year, start.month, start.day))),
                links=[Link("Paper", "https://arxiv.org/abs/x"), Link(draw(words), "https://example.org/")][: draw(st.integers(0, 2))],
            )
            for _ in range(draw(st.integers(1, 3)))
        ]
        weeks.append(Week(start=start, papers=papers, style=draw(styles)))
        start += dt.timedelta(weeks=draw(st.integers(1, 30)))
    return weeks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks=styled_logs(), theme=st.sampled_from(["seed", "top-ml"]))
def test_styled_weeks_survive_build_import_build(weeks: list[Week], theme: str) -> None:
    config = Config(theme=theme, columns=["paper", "release_date", "links"] if theme == "seed" else ["paper", "links"])
    for week in weeks:
        if theme == "top-ml":
            week.style.pop("header", None)
            week.style.pop("align", None)
    text = render_readme(config, weeks)
    parsed = parse_readme(text)
    assert parsed.errors == [] and parsed.notes == []
    assert all(p.raw is None for w in parsed.weeks for p in w.papers)
    again = render_readme(parsed.config, parsed.weeks)
    if parsed.config.theme == theme:
        assert again == text
    else:  # a week that looks the same in both themes: the other one may be chosen, nothing visible changes
        def shown(t: str) -> list[str]:
            return [re.sub(r" ?\| ?", "|", " ".join(line.split())) for line in t.splitlines()]

        assert shown(again) == shown(text)
        assert render_readme(parse_readme(again).config, parse_readme(again).weeks) == again
    got = {w.start: [(p.title, p.summary, p.links) for p in w.papers] for w in parsed.weeks}
    assert got == {w.start: [(p.title, p.summary, p.links) for p in w.papers] for w in weeks}


@settings(max_examples=60, deadline=None)
@given(weeks=styled_logs(), extra=st.text(max_size=40))
def test_the_fast_week_file_writer_reads_back_and_matches_the_round_trip_writer(weeks: list[Week], extra: str) -> None:
    week = weeks[0]
    week.papers[0].summary += extra
    week.papers[0].raw = "| raw 'row' \"quoted\" |" + extra
    week.papers[0].links.append(Link("a, b [c]: {d}", "https://e.org/x,y#:~:text=a,b'c"))
    fast = render_new_week_file(week)
    # the fast writer defers to the round-trip writer exactly for the characters the two write differently
    deferred = any(ch == "\x7f" or ("\x80" <= ch <= "\x9f" and ch != "\x85") or ord(ch) > 0xFFFF for ch in extra)
    assert (fast is None) == deferred
    slow = render_week_file(week)
    import tempfile

    from paperweek.store.weekfile import load_document, week_from_document

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{week.start.isoformat()}.yaml"
        path.write_text(fast if fast is not None else slow, encoding="utf-8")
        # what reads back is the week as a Paper holds it: control characters dropped (safetext.clean)
        held = dataclasses.replace(week, papers=[dataclasses.replace(p) for p in week.papers])
        assert read_week(path) == held  # libyaml first, ruamel when needed
        assert week_from_document(load_document(path), path) == held  # ruamel.yaml, YAML 1.2
    if fast is not None and all(ch.isprintable() or ch in " " for ch in extra):
        assert fast == slow  # same layout and quoting as the round-trip writer


def test_fast_writer_files_read_back(tmp_path: Path) -> None:
    week = Week(start=dt.date(2024, 4, 15), papers=[Paper(id="2404.00001", title="T", summary="no", raw="| x |")],
                style={"bold": "plain", "number": "1.", "after": "line one\n\nline two"})
    path = tmp_path / "2024-04-15.yaml"
    text = render_new_week_file(week)
    assert text is not None
    path.write_text(text)
    assert read_week(path) == week
