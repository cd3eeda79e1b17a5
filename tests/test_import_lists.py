"""Real-world lists (tests/fixtures/lists/*.md, one per style): import, then build, changes nothing
a reader can see except the repaired index links; import -> build -> import -> build is byte-identical;
check reports what was kept but is wrong (duplicates, odd weeks, broken index lines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import looks, run_cli

LISTS = Path(__file__).resolve().parent / "fixtures" / "lists"
FIXTURES = sorted(p.name for p in LISTS.glob("*.md"))

# What build is allowed to change in each fixture: index lines only (repaired anchors, weeks added to
# or dropped from the index). (line as written, line(s) build writes instead; "" drops the line).
REPAIRS: dict[str, list[tuple[str, str]]] = {
    "top-ml.md": [],
    "top-ml-early.md": [
        (  # listed but has no section: dropped; the week missing from the index takes its place
            "- [Top ML Papers of the Week (Feb 13 - 19)](./#top-ml-papers-of-the-week-feb-13---19)",
            "- [Top ML Papers of the Week (Feb 6 - 12)](./#top-ml-papers-of-the-week-feb-6---12)",
        ),
        (  # absolute link to the README's own heading
            "- [Top ML Papers of the Week (Jan 23-29)](https://github.com/owner/repo/blob/main/#top-ml-papers-of-the-week-jan-23-29)",
            "- [Top ML Papers of the Week (Jan 23-29)](./#top-ml-papers-of-the-week-jan-23-29)",
        ),
        (  # anchor of another week
            "- [Top ML Papers of the Week (Jan 16-22)](./#top-ml-papers-of-the-week-jan-30-feb-5)",
            "- [Top ML Papers of the Week (Jan 16-22)](./#top-ml-papers-of-the-week-jan-16-22)",
        ),
    ],
    "seed-drift.md": [
        (  # same target, written ./#
            "- [AI Papers of the Week (April 22 - April 28)](#ai-papers-of-the-week-april-22---april-28---2024)",
            "- [AI Papers of the Week (April 22 - April 28)](./#ai-papers-of-the-week-april-22---april-28---2024)",
        ),
        (
            "- [AI Papers of the Week (April 15 - April 21)](#ai-papers-of-the-week-april-15---april-21---2024)",
            "- [AI Papers of the Week (April 15 - April 21)](./#ai-papers-of-the-week-april-15---april-21---2024)",
        ),
        (  # and the week missing from the index is added
            "- [AI Papers of the Week (April 8 - April 14)](#ai-papers-of-the-week-april-8---april-14---2024)",
            "- [AI Papers of the Week (April 8 - April 14)](./#ai-papers-of-the-week-april-8---april-14---2024)\n"
            "- [AI Papers of the Week (April 1 - April 7)](./#ai-papers-of-the-week-april-1---april-7---2024)",
        ),
    ],
    "no-index.md": [],
}



def repaired(name: str) -> str:
    text = (LISTS / name).read_text(encoding="utf-8")
    for old, new in REPAIRS[name]:
        assert text.count(old + "\n") == 1, old
        text = text.replace(old + "\n", new + "\n" if new else "")
    return text


def test_every_fixture_has_its_repairs_listed() -> None:
    assert sorted(REPAIRS) == FIXTURES


@pytest.mark.parametrize("name", FIXTURES)
def test_first_build_after_import_changes_only_repaired_links(tmp_path: Path, name: str) -> None:
    imported = run_cli("--dir", tmp_path, "import", LISTS / name)
    assert imported.exit_code == 0, imported.output
    assert run_cli("--dir", tmp_path, "build").exit_code == 0
    built = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert looks(built) == looks(repaired(name))


@pytest.mark.parametrize("name", FIXTURES)
def test_import_build_import_build_is_byte_identical(tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli("--dir", first, "import", LISTS / name).exit_code == 0
    run_cli("--dir", first, "build")
    once = (first / "README.md").read_bytes()
    assert run_cli("--dir", second, "import", first / "README.md").exit_code == 0
    run_cli("--dir", second, "build")
    assert (second / "README.md").read_bytes() == once
    assert run_cli("--dir", second, "build", "--check").exit_code == 0
    for path in sorted((first / "weeks").iterdir()):
        assert (second / "weeks" / path.name).read_text() == path.read_text(), path.name
    assert (second / "paperweek.toml").read_text() == (first / "paperweek.toml").read_text()


def test_top_ml_list_gets_the_top_ml_theme_and_keeps_cells_verbatim(tmp_path: Path) -> None:
    result = run_cli("--dir", tmp_path, "import", LISTS / "top-ml.md")
    assert "(theme top-ml)" in result.stdout
    config = (tmp_path / "paperweek.toml").read_text()
    assert 'theme = "top-ml"' in config and 'index_order = "newest-first"' in config
    import json

    shown = json.loads(run_cli("--dir", tmp_path, "show", "2504.10458", "--json").stdout)
    assert shown["title"] == "GUI-R1"
    assert shown["summary"].startswith("A generalist R1-style vision-language action model for GUI agents.<br><br>● Unified")
    report = json.loads(run_cli("--dir", tmp_path, "show", "2504.09037", "--json").stdout)
    assert [link["label"] for link in report["links"]] == ["Paper", "Code", "Tweet"]
    assert report["links"][0]["url"] == "https://arxiv.org/abs/2504.09037v2"
    pdf = json.loads(run_cli("--dir", tmp_path, "show", "2504.01234", "--json").stdout)
    assert pdf["title"] == "Pipes \\| and stars \\* in a title"
    run_cli("--dir", tmp_path, "build")
    built = (tmp_path / "README.md").read_text()
    assert "## Top ML Papers of the Week (April 14 - April 20) - 2025\n| **Paper**  | **Links** |\n" in built
    assert "| 4) **A talk worth watching** - Recorded keynote, no links yet. |  |\n" in built
    assert "\n---\n\n## Top ML Papers of the Week (April 7 - April 13) - 2025\n" in built
    # the same paper in two weeks is kept, and check reports it
    checked = run_cli("--dir", tmp_path, "check")
    assert checked.exit_code == 1
    assert "2025-04-14.yaml:12: 2504.09037 is already logged at" in checked.stderr


def test_early_list_dates_headings_without_a_year(tmp_path: Path) -> None:
    run_cli("--dir", tmp_path, "import", LISTS / "top-ml-early.md")
    weeks = sorted(p.name for p in (tmp_path / "weeks").iterdir())
    assert weeks == ["2023-01-01.yaml", "2023-01-16.yaml", "2023-01-23.yaml", "2023-01-30.yaml", "2023-02-06.yaml"]
    text = (tmp_path / "weeks" / "2023-01-01.yaml").read_text()
    assert "end: 2023-01-08" in text and "heading: Top ML Papers of the Week (Jan 1-8)" in text


def test_check_reports_what_import_kept_but_is_wrong(tmp_path: Path) -> None:
    source = LISTS / "top-ml-early.md"
    run_cli("--dir", tmp_path, "import", source)
    # before the first build the README is the list as it was: check names its broken index lines
    (tmp_path / "README.md").write_text(source.read_text())
    checked = run_cli("--dir", tmp_path, "check")
    assert checked.exit_code == 1
    err = checked.stderr
    assert "README.md:9: index line for 'Top ML Papers of the Week (Feb 13 - 19)' names a week with no section" in err
    assert "README.md:11: index line for 'Top ML Papers of the Week (Jan 23-29)' links https://github.com/" in err
    assert "README.md:12: index line for 'Top ML Papers of the Week (Jan 16-22)' links #top-ml-papers-of-the-week-jan-30-feb-5" in err
    assert "week of 2023-02-06 is missing from the index" in err
    assert "2023-01-01.yaml: week starts on a sunday, the log's weeks start on a monday" in err
    assert "2023-01-01.yaml: week runs 2023-01-01 to 2023-01-08, not 7 days" in err
    assert "2023-02-06.yaml:10: 2302.04761 is already logged at" in err
    run_cli("--dir", tmp_path, "build")
    after = run_cli("--dir", tmp_path, "check").stderr
    assert "index line" not in after and "missing from the index" not in after
    assert "not 7 days" in after  # kept as it was: only the person can fix the week itself


def test_report_lists_rows_read_kept_and_every_row_kept_verbatim(tmp_path: Path) -> None:
    source = LISTS / "top-ml-early.md"
    result = run_cli("--dir", tmp_path, "import", "--report", source)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "week 2023-01-16: 3 items read, 3 papers made" in out
    assert f"  {source}:39: row kept verbatim (links cell has text that is not a link: 'coming soon')" in out
    assert f"  {source}:40: row kept verbatim (3 cells, the table has 2 columns)" in out
    assert f"  {source}:25: row kept verbatim (written differently" in out
    assert "Imported 12 papers in 5 weeks" in out
    plain = run_cli("--dir", tmp_path / "again", "import", source)
    assert "3 rows kept exactly as written (not split into fields); list them with --report" in plain.stdout


def test_a_row_kept_verbatim_follows_edits_to_its_fields(tmp_path: Path) -> None:
    run_cli("--dir", tmp_path, "import", LISTS / "top-ml-early.md")
    path = tmp_path / "weeks" / "2023-01-30.yaml"
    text = path.read_text()
    assert "raw: '| (2) **Extracting Training Data from Diffusion Models**  shows" in text
    path.write_text(text.replace("summary: shows that diffusion models", "summary: Shows that diffusion models"))
    run_cli("--dir", tmp_path, "build")
    built = (tmp_path / "README.md").read_text()
    # edited: the row is written from its fields, in the week's style ("(N)", separator "-")
    assert "| (2) **Extracting Training Data from Diffusion Models**-Shows that diffusion models memorize" in built
    # rows that could not be split stay exactly as written
    assert "| 2) **Dissociating language and thought** - a review of LLM evidence. | coming soon |" in built
