"""The settings schema (config/schema.py, config/options.py): one declaration per key of paperweek.toml.

A value of the wrong type or out of range names FILE, table and key and says what to write; an
unknown key in any table is an error; every default is the one the schema declares.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from paperweek.config import TABLES, Config, config_from_dict, config_to_toml
from paperweek.config.options import Option, options
from paperweek.errors import ConfigError


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as info:
        config_from_dict(data, "paperweek.toml")
    return str(info.value)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"summary": {"timeout": "soon"}}, "paperweek.toml: [summary] timeout = 'soon': must be a number >= 0.01 and at most 3600; fix or remove it"),
        ({"summary": {"max_attempts": 0}}, "[summary] max_attempts = 0: must be a whole number >= 1 and at most 100"),
        ({"summary": {"cache": "yes"}}, "[summary] cache = 'yes': must be true or false"),
        ({"site": {"home_weeks": -1}}, "[site] home_weeks = -1: must be a whole number >= 0"),
        ({"site": {"feed_weeks": True}}, "[site] feed_weeks = True: must be a whole number"),
        ({"site": {"author": 3}}, "[site] author = 3: must be a string"),
        ({"sources": {"huggingface": 1}}, "[sources] huggingface = 1: must be true or false"),
        ({"tags": {"categories": {"cs.CL": "bad tag!"}}}, "[tags] categories: cs.CL: 'bad tag!' is not a tag"),
        ({"tags": {"rules": {"llm": []}}}, '[tags] rules: llm must be a list of keywords, e.g. ["language model"]'),
        ({"log": {"title": 3}}, "paperweek.toml: [log] title must be a string, not 3"),
        ({"log": {"period": "fortnight"}}, "[log] period must be one of day, week, month"),
        ({"log": {"week_start": True}}, "[log] week_start = true: must be a weekday name (monday ... sunday)"),
        ({"log": {"theme": "../x"}}, "[log] theme = '../x': must be a theme name"),
        ({"log": {"readme": "/etc/passwd"}}, "[log] readme = '/etc/passwd': must be relative to the log's folder"),
        ({"log": {"weeks_dir": ""}}, "[log] weeks_dir = '': must name a path inside the log's folder"),
        ({"table": {"columns": ["paper", "votes"]}}, "[table] columns must be a list drawn from paper, release_date, links"),
        ({"summary": []}, "paperweek.toml: summary must be a table ([summary])"),
    ],
)
def test_a_bad_value_names_table_key_and_what_to_write(data: dict[str, Any], says: str) -> None:
    assert says in refused(data)


@pytest.mark.parametrize("table", ["log", "table", *TABLES])
def test_an_unknown_key_is_an_error_in_every_table(table: str) -> None:
    message = refused({table: {"colour": "red"}})
    assert f"[{table}] has unknown key 'colour'; known keys: " in message
    known = options(Config, table) if table in ("log", "table") else options(TABLES[table], table)
    assert message.endswith(", ".join(sorted(known)) or "none yet")


def _defaults(kind: type) -> dict[str, Any]:
    found = {}
    for f in fields(kind):
        if isinstance(f.metadata.get("option"), Option):
            found[f.name] = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
    return found


def test_defaults_come_from_the_schema_alone() -> None:
    """An empty file, a file that writes each default back, and a bare dataclass agree key for key."""
    empty = config_from_dict({})
    assert {k: getattr(empty, k) for k in _defaults(Config)} == _defaults(Config)
    for name, kind in TABLES.items():
        typed = getattr(empty, name, None) if name != "discover" else kind()
        assert {k: getattr(typed, k) for k in _defaults(kind)} == _defaults(kind), name
    again = config_from_dict(__import__("tomllib").loads(config_to_toml(Config())))
    assert again == Config()


def test_every_key_has_its_option_and_no_table_reads_keys_by_hand() -> None:
    """Each dataclass field of a table is a declared key (apart from Config's bookkeeping)."""
    for kind in (Config, *TABLES.values()):
        undeclared = {f.name for f in fields(kind) if not isinstance(f.metadata.get("option"), Option)}
        assert undeclared <= {"sections", "source"}, kind


def test_a_bad_tag_name_is_refused_when_the_log_is_opened(log: Path) -> None:
    """[tags] names are checked with the rest of the file, for a library caller too (not first when tags are used)."""
    import paperweek

    path = log / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[tags]\nrules = {"bad tag!" = ["x"]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tags\] rules: 'bad tag!' is not a tag"):
        paperweek.open_log(log)
    result = run_cli("--dir", log, "list")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output


def test_an_unknown_key_under_table_is_an_error(log: Path) -> None:
    path = log / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[table]\n", "[table]\ncolumnz = []\n"), encoding="utf-8")
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2 and "[table] has unknown key 'columnz'" in result.stderr, result.output
