"""Themes: the built-in seed and top-ml layouts, `paperweek theme copy/list`, the log's own copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_cli

from paperweek.config import Config
from paperweek.importer.parse import parse_readme
from paperweek.models import Link, Paper, Week
from paperweek.render.readme import render_readme
from paperweek.store import open_log
from paperweek.store.weekfile import week_text

WEEK = Week(
    start=dt.date(2025, 4, 14),
    papers=[
        Paper(
            id="2504.10458",
            title="GUI-R1",
            summary="A generalist R1-style action model.",
            links=[Link("Paper", "https://arxiv.org/abs/2504.10458"), Link("Tweet", "https://x.com/a/status/1")],
        ),
        Paper(id="2504.00002", title="Second", summary="", links=[Link("Paper", "https://arxiv.org/abs/2504.00002")]),
    ],
)
OLD_WEEK = Week(start=dt.date(2024, 12, 30), papers=[Paper(id="2501.00001", title="New Year", summary="s")])


def _log(tmp_path: Path, theme: str) -> Path:
    assert run_cli("--dir", tmp_path, "init").exit_code == 0
    config = tmp_path / "paperweek.toml"
    config.write_text(config.read_text().replace('theme = "seed"', f'theme = "{theme}"'))
    for week in (WEEK, OLD_WEEK):
        (tmp_path / "weeks" / f"{week.start.isoformat()}.yaml").write_text(week_text(week))
    return tmp_path


def test_top_ml_theme_writes_the_top_ml_format(tmp_path: Path) -> None:
    log = _log(tmp_path, "top-ml")
    assert run_cli("--dir", log, "build").exit_code == 0
    lines = (log / "README.md").read_text().splitlines()
    assert "## 2025" in lines
    assert (
        "- [Top ML Papers of the Week (April 14 - April 20)](./#top-ml-papers-of-the-week-april-14---april-20---2025)"
        in lines
    )
    at = lines.index("## Top ML Papers of the Week (April 14 - April 20) - 2025")
    assert lines[at + 1 : at + 5] == [
        "| **Paper**  | **Links** |",
        "| ------------- | ------------- |",
        "| 1) **GUI-R1** - A generalist R1-style action model. | [Paper](https://arxiv.org/abs/2504.10458), "
        "[Tweet](https://x.com/a/status/1) |",
        "| 2) **Second** | [Paper](https://arxiv.org/abs/2504.00002) |",
    ]
    assert "## Top ML Papers of the Week (December 30 - January 5) - 2025" in lines
    assert run_cli("--dir", log, "check").exit_code == 0


def test_seed_theme_is_the_default(tmp_path: Path) -> None:
    log = _log(tmp_path, "seed")
    run_cli("--dir", log, "build")
    text = (log / "README.md").read_text()
    assert "## Papers of the Week (April 14 - April 20) - 2025\n| **Paper**  | **Release Date** | **Links** |\n" in text
    assert "| (1) **GUI-R1** - A generalist R1-style action model. |  | [Paper](https://arxiv.org/abs/2504.10458), " in text


def test_theme_copy_puts_the_templates_in_the_log_and_build_uses_them(tmp_path: Path) -> None:
    log = _log(tmp_path, "top-ml")
    listed = run_cli("--dir", log, "theme", "list")
    assert listed.stdout.splitlines() == ["  kept         built in", "  seed         built in", "* top-ml       built in"]
    copied = run_cli("--dir", log, "theme", "copy", "top-ml")
    assert copied.exit_code == 0, copied.output
    assert sorted(p.name for p in (log / "themes" / "top-ml").iterdir()) == ["README.md.j2", "theme.toml"]
    assert "* top-ml       themes/top-ml/ (the log's copy)" in run_cli("--dir", log, "theme", "list").stdout
    # the copy is the one build reads: a rule between sections, and a footer in the template
    defaults = log / "themes" / "top-ml" / "theme.toml"
    defaults.write_text(defaults.read_text().replace("rule = false", "rule = true"))
    template = log / "themes" / "top-ml" / "README.md.j2"
    template.write_text(template.read_text() + "\nMade with paperweek.\n")
    run_cli("--dir", log, "build")
    text = (log / "README.md").read_text()
    assert text.endswith("\nMade with paperweek.\n")
    assert "\n---\n\n## Top ML Papers of the Week (December 30 - January 5) - 2025\n" in text
    # a second copy never overwrites the edited one, unless --force
    again = run_cli("--dir", log, "theme", "copy", "top-ml")
    assert again.exit_code == 2 and "already there" in again.stderr
    assert run_cli("--dir", log, "theme", "copy", "top-ml", "--force").exit_code == 0
    assert "Made with paperweek" not in template.read_text()


def test_theme_copy_as_another_name_and_the_config_names_the_theme(tmp_path: Path) -> None:
    log = _log(tmp_path, "seed")
    copied = run_cli("--dir", log, "theme", "copy", "top-ml", "--as", "mine")
    assert 'set theme = "mine" under [log]' in copied.stdout
    run_cli("--dir", log, "build")
    assert "| (1) **GUI-R1**" in (log / "README.md").read_text()  # still the seed theme
    config = log / "paperweek.toml"
    config.write_text(config.read_text().replace('theme = "seed"', 'theme = "mine"'))
    run_cli("--dir", log, "build")
    assert "| 1) **GUI-R1**" in (log / "README.md").read_text()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda root: _set_theme(root, "nope"), "theme 'nope' not found in themes/ or built in; built-in themes: kept, seed, top-ml"),
        (lambda root: _copy_and_write(root, "README.md.j2", "{% for x in %}"), "README.md.j2:1: template error"),
        (lambda root: _copy_and_write(root, "theme.toml", 'colour = "red"\n'), "theme.toml: unknown key 'colour'"),
        (lambda root: _copy_and_write(root, "theme.toml", 'number = "#1"\n'), "theme.toml: number must be one of"),
    ],
)
def test_a_broken_theme_is_one_clear_line_and_exit_2(tmp_path: Path, edit: object, message: str) -> None:
    log = _log(tmp_path, "top-ml")
    run_cli("--dir", log, "build")
    before = (log / "README.md").read_text()
    edit(log)  # type: ignore[operator]
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2
    assert message in result.stderr
    assert (log / "README.md").read_text() == before


def _set_theme(root: Path, name: str) -> None:
    config = root / "paperweek.toml"
    config.write_text(config.read_text().replace('theme = "top-ml"', f'theme = "{name}"'))


def _copy_and_write(root: Path, name: str, text: str) -> None:
    assert run_cli("--dir", root, "theme", "copy", "top-ml").exit_code == 0
    (root / "themes" / "top-ml" / name).write_text(text)


def test_theme_copy_of_an_unknown_theme(tmp_path: Path) -> None:
    log = _log(tmp_path, "seed")
    result = run_cli("--dir", log, "theme", "copy", "fancy")
    assert result.exit_code == 2
    assert "theme 'fancy' is not a built-in theme; built-in themes: kept, seed, top-ml" in result.stderr


def test_top_ml_build_then_import_gives_back_the_same_data(tmp_path: Path) -> None:
    log = _log(tmp_path, "top-ml")
    config = open_log(log).config
    text = render_readme(config, [WEEK, OLD_WEEK], log)
    parsed = parse_readme(text)
    assert parsed.errors == [] and parsed.notes == []
    assert parsed.config.theme == "top-ml"
    assert [w.style for w in parsed.weeks] == [{}, {}]
    assert render_readme(parsed.config, parsed.weeks) == text


def test_week_heading_and_columns_left_at_defaults_follow_the_theme() -> None:
    config = Config(theme="top-ml")
    text = render_readme(config, [WEEK])
    assert "## Top ML Papers of the Week (April 14 - April 20) - 2025" in text
    custom = Config(theme="top-ml", week_heading="Reading group", columns=["release_date", "paper", "links"])
    text = render_readme(custom, [WEEK])
    assert "## Reading group (April 14 - April 20) - 2025\n| **Release Date** | **Paper**  | **Links** |" in text


def test_every_week_style_key_is_typed_and_documented() -> None:
    # Week.style is typed (models.WeekStyleEntries): the keys import records, build reads and
    # docs/themes.md explains are one list, so none can exist only in the docs or only in code
    from paperweek.models import STYLE_KEYS, WeekStyleEntries

    docs = (Path(__file__).resolve().parents[1] / "docs" / "themes.md").read_text(encoding="utf-8")
    section = docs.split("## Week style", 1)[1].split("\n## ", 1)[0]
    assert set(STYLE_KEYS) == set(WeekStyleEntries.__annotations__)
    assert [key for key in STYLE_KEYS if f"`{key}`" not in section] == []
