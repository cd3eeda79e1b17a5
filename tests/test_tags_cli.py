"""Tags: effective tags (explicit, categories, keyword rules), `paperweek tag` editing week files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_cli

from paperweek.config import Config, config_from_dict
from paperweek.errors import ConfigError, InputError
from paperweek.models import Paper, Week
from paperweek.operations.create import init_log
from paperweek.store import Log, open_log
from paperweek.tags import apply_ops, effective_tags, normalize_tag

WEEK = dt.date(2024, 4, 15)
OTHER = dt.date(2024, 4, 22)


def config(tags: dict[str, object] | None = None) -> Config:
    return config_from_dict({"tags": tags} if tags is not None else {})


def test_categories_map_to_readable_tags() -> None:
    p = Paper(id="1", title="T", categories=["cs.CL", "cs.LG", "stat.ML", "cs.CV", "math.XX"])
    assert effective_tags(p, config()) == ["nlp", "machine-learning", "vision"]


def test_explicit_tags_come_first_normalised_and_deduplicated() -> None:
    p = Paper(id="1", title="T", categories=["cs.CL"], tags=["Reading Group", "nlp", "NLP"])
    assert effective_tags(p, config()) == ["reading-group", "nlp"]


def test_category_map_is_configurable() -> None:
    p = Paper(id="1", title="T", categories=["cs.CL", "cs.CV", "cs.RO"])
    c = config({"categories": {"cs.CL": "Language", "cs.CV": "", "q-bio.GN": "genomics"}})
    assert effective_tags(p, c) == ["language", "robotics"]
    assert effective_tags(p, config({"automatic": False})) == []


def test_keyword_rules_match_words_case_insensitively() -> None:
    c = config({"rules": {"llm": ["language model", "LLM"], "agents": "agent"}})
    assert effective_tags(Paper(id="1", title="Scaling LLMs"), c) == ["llm"]
    assert effective_tags(Paper(id="1", title="T", summary="large language\nmodels"), c) == ["llm"]
    assert effective_tags(Paper(id="1", title="T", abstract="Tool-using Agents."), c) == ["agents"]
    assert effective_tags(Paper(id="1", title="Reagent chemistry, DALLM"), c) == []  # not at a word start


def test_minus_entry_hides_an_automatic_tag() -> None:
    p = Paper(id="1", title="T", categories=["cs.CV", "cs.CL"], tags=["-vision"])
    assert effective_tags(p, config()) == ["nlp"]


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ({"categories": ["cs.CL"]}, r"categories = \['cs.CL'\]: must be a table of tag names"),
        ({"categories": {"cs.CL": 3}}, "must be a table of tag names"),
        ({"rules": {"llm": []}}, "list of keywords"),
        ({"rules": {"bad tag!": ["x"]}}, "is not a tag"),
        ({"colours": {}}, "unknown key 'colours'"),
    ],
)
def test_bad_tags_settings_are_config_errors(tags: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        effective_tags(Paper(id="1", title="T"), config(tags))
    assert "[tags]" in str(info.value)


def test_normalize_tag() -> None:
    assert normalize_tag("  In Context ") == "in-context"
    assert normalize_tag("C++") == "c++"
    for bad in ("", "-x", "a/b", "tag!"):
        with pytest.raises(InputError):
            normalize_tag(bad)


def test_apply_ops() -> None:
    c = config()
    p = Paper(id="1", title="T", categories=["cs.CV"], tags=["old"])
    assert apply_ops(p, c, [("+", "llm"), ("-", "old")]) == ["llm"]
    assert apply_ops(p, c, [("-", "vision")]) == ["old", "-vision"]
    hidden = Paper(id="1", title="T", categories=["cs.CV"], tags=["-vision"])
    assert apply_ops(hidden, c, [("+", "vision")]) == ["vision"]
    assert apply_ops(p, c, [("+", "old")]) == ["old"]


# --- the command -----------------------------------------------------------------


@pytest.fixture
def small_log(tmp_path: Path) -> Log:
    small_log = init_log(tmp_path / "log")
    with small_log.locked():
        small_log.save_week(
            Week(
                start=WEEK,
                papers=[
                    Paper(id="2404.11018", title="Many-Shot In-Context Learning", categories=["cs.CL", "cs.CV"]),
                    Paper(id="2404.07143", title="Leave No Context Behind", tags=["long-context"]),
                ],
            )
        )
        small_log.save_week(Week(start=OTHER, papers=[Paper(id="2404.99999", title="Other week")]))
    assert run_cli("--dir", small_log.root, "build").exit_code == 0
    return open_log(small_log.root)


def week_tags(small_log: Log, start: dt.date) -> dict[str, list[str]]:
    week = open_log(small_log.root).week(start)
    assert week is not None
    return {p.id: p.tags for p in week.papers}


def test_tag_command_edits_the_week_file_only(small_log: Log) -> None:
    readme = small_log.readme_path.read_bytes()
    other = small_log.week_path(OTHER).read_bytes()
    result = run_cli("--dir", small_log.root, "tag", "2404.11018", "+LLM", "-vision", "+reading group")
    assert result.exit_code == 0, result.output
    assert week_tags(small_log, WEEK) == {"2404.11018": ["llm", "-vision", "reading-group"], "2404.07143": ["long-context"]}
    assert "2404.11018: llm, reading-group, nlp  [updated]" in result.stdout
    assert small_log.readme_path.read_bytes() == readme  # the README does not show tags
    assert small_log.week_path(OTHER).read_bytes() == other
    text = small_log.week_path(WEEK).read_text(encoding="utf-8")
    assert "tags: [llm, -vision, reading-group]" in text


def test_tag_several_papers_by_url(small_log: Log) -> None:
    result = run_cli(
        "--dir", small_log.root, "tag", "https://arxiv.org/abs/2404.11018v2", "2404.07143", "+reading-group", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["id"], d["changed"]) for d in data] == [("2404.11018", True), ("2404.07143", True)]
    assert data[1]["tags"] == ["long-context", "reading-group"]
    again = run_cli("--dir", small_log.root, "tag", "2404.07143", "+reading-group")
    assert "[unchanged]" in again.stdout


def test_unknown_paper_changes_nothing(small_log: Log) -> None:
    before = small_log.week_path(WEEK).read_bytes()
    result = run_cli("--dir", small_log.root, "tag", "2404.11018", "2401.00000", "+llm")
    assert result.exit_code == 2
    assert "2401.00000: not in this log" in result.stderr
    assert small_log.week_path(WEEK).read_bytes() == before


@pytest.mark.parametrize("arg", ["+", "+a/b", "-"])
def test_bad_tag_is_exit_2(small_log: Log, arg: str) -> None:
    before = small_log.week_path(WEEK).read_bytes()
    result = run_cli("--dir", small_log.root, "tag", "2404.11018", arg)
    assert result.exit_code == 2 and "is not a tag" in result.stderr
    assert small_log.week_path(WEEK).read_bytes() == before


def test_tag_without_arguments_lists_counts(small_log: Log) -> None:
    result = run_cli("--dir", small_log.root, "tag", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"tag": "long-context", "papers": 1},
        {"tag": "nlp", "papers": 1},
        {"tag": "vision", "papers": 1},
    ]
    plain = run_cli("--dir", small_log.root, "tag")
    assert "     1  nlp" in plain.stdout


def test_tags_feed_search_filters(small_log: Log) -> None:
    assert run_cli("--dir", small_log.root, "tag", "2404.07143", "+llm").exit_code == 0
    result = run_cli("--dir", small_log.root, "search", "context", "--tag", "llm", "--json")
    assert [h["id"] for h in json.loads(result.stdout)] == ["2404.07143"]
    assert run_cli("--dir", small_log.root, "tag", "2404.07143", "-llm").exit_code == 0
    result = run_cli("--dir", small_log.root, "search", "context", "--tag", "llm", "--json")
    assert json.loads(result.stdout) == []


def test_bad_tags_config_is_one_line_exit_2(small_log: Log) -> None:
    path = small_log.root / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[tags]\nrules = 3\n", encoding="utf-8")
    before = small_log.week_path(WEEK).read_bytes()
    result = run_cli("--dir", small_log.root, "tag", "2404.11018", "+x")
    assert result.exit_code == 2
    assert "[tags] rules = 3: must be a table" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert small_log.week_path(WEEK).read_bytes() == before
