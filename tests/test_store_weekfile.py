"""store/weekfile/: the week file's two verbs. ``read_week`` types every field from the text as written
(whichever YAML path read it); ``write_week`` keeps what a person wrote into the file it replaces."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from paperweek.errors import DataFileError
from paperweek.models import Link, Paper, Week
from paperweek.store.weekfile import file_name, read_week, render_week_file, week_text, write_week

WEEK = Week(
    start=dt.date(2024, 4, 15),
    papers=[Paper(id="2404.10000", title="Ten *thousand*", summary="S.", released=dt.date(2024, 4, 16),
                  links=[Link("Paper", "https://arxiv.org/abs/2404.10000")], number=3)],
)


def test_a_new_file_reads_back_as_the_week(tmp_path: Path) -> None:
    path = tmp_path / file_name(WEEK.start)
    assert path.name == "2024-04-15.yaml"
    write_week(path, WEEK)
    assert path.read_text(encoding="utf-8") == week_text(WEEK)
    assert read_week(path) == WEEK


def test_the_field_decides_the_type_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "2024-04-15.yaml"
    path.write_text("schema: 1\nweek: 2024-04-15\npapers:\n  - id: 2404.10000\n    title: 0b101\n    number: 3\n",
                    encoding="utf-8")
    paper = read_week(path).papers[0]
    assert (paper.id, paper.title, paper.number) == ("2404.10000", "0b101", 3)  # every digit of the id kept


def test_a_persons_comments_survive_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "2024-04-15.yaml"
    write_week(path, WEEK)
    edited = path.read_text(encoding="utf-8").replace("  - id:", "  # my favourite this week\n  - id:", 1)
    path.write_text(edited, encoding="utf-8")
    week = read_week(path)
    week.papers[0].summary = "Changed."
    write_week(path, week)
    text = path.read_text(encoding="utf-8")
    assert "# my favourite this week\n  - id:" in text and "summary: Changed." in text


def test_a_bad_field_names_the_file_the_line_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "2024-04-15.yaml"
    path.write_text("schema: 1\nweek: 2024-04-15\npapers:\n  - id: x\n    title: T\n    number: three\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_week(path)
    assert (raised.value.line, raised.value.field) == (6, "papers[1].number")
    assert str(path) in str(raised.value)


def test_a_field_assigned_after_the_paper_was_built_is_written_as_the_paper_holds_it(tmp_path: Path) -> None:
    # found by Hypothesis: a NEL (U+0085) beside a character outside the BMP sends the week to the
    # round-trip writer, which wrote the NEL raw; it read back as a space where the Paper holds nothing
    week = Week(start=dt.date(2023, 1, 2), papers=[Paper(id="2301.00001", title="T", summary="S")])
    week.papers[0].summary += "\x85\U00010000"
    path = tmp_path / "2023-01-02.yaml"
    path.write_text(render_week_file(week), encoding="utf-8")
    held = dataclasses.replace(week, papers=[dataclasses.replace(p) for p in week.papers])
    assert read_week(path) == held
