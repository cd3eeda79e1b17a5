"""Week files and config: validation with one clear line, comments kept, atomic writes, the lock."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli, snapshot

from paperweek.models import Link, Paper, Week
from paperweek.store import open_log
from paperweek.store.weekfile import load_document

SCHEMA = REPO / "src" / "paperweek" / "data" / "week.schema.json"


def test_init_makes_a_log(tmp_path: Path) -> None:
    result = run_cli("--dir", tmp_path, "init", "--title", "Reading Group Log")
    assert result.exit_code == 0
    assert (tmp_path / "paperweek.toml").is_file()
    assert (tmp_path / "weeks").is_dir()
    assert ".paperweek/" in (tmp_path / ".gitignore").read_text().splitlines()
    assert (tmp_path / "README.md").read_text().startswith("# Reading Group Log\n")
    again = run_cli("--dir", tmp_path, "init")
    assert again.exit_code == 2
    assert "a log already exists here" in again.stderr


def test_dir_defaults_to_nearest_ancestor(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(log_dir / "weeks")
    result = run_cli("list", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 10


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("released: 2024-04-17", "released: April 17"), "2024-04-22.yaml:9: papers[1].released: 'April 17' is not a date; write it as YYYY-MM-DD"),
        (lambda t: t.replace("    released:", "    colour: red\n    released:"), "2024-04-22.yaml:9: papers[1].colour: unknown field"),
        (lambda t: t.replace("week: 2024-04-22", "week: 2024-04-29"), "2024-04-22.yaml:4: week: the file says week 2024-04-29 but is named 2024-04-22.yaml"),
        (lambda t: t.replace("papers:", "papers: [unclosed"), "2024-04-22.yaml:6: not valid YAML"),
        (lambda t: t.replace("schema: 1", "schema: 9"), "schema: version 9 is newer than this paperweek"),
    ],
)
def test_bad_week_file_gives_one_line_exit_2_nothing_written(log_dir: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    path = log_dir / "weeks" / "2024-04-22.yaml"
    path.write_text(edit(path.read_text()))
    before = snapshot(log_dir)
    result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert snapshot(log_dir) == before
    checked = run_cli("--dir", log_dir, "check")
    assert checked.exit_code == 1
    assert message in checked.stderr


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (None, "paperweek.toml: not found; run `paperweek init`"),
        ("[log\ntitle = 1", "paperweek.toml: not valid TOML"),
        ('[log]\ncolour = "red"\n', "[log] has unknown key 'colour'"),
        ('[log]\nweek_start = "someday"\n', "week_start: week start 'someday' is not a weekday name"),
        ('[colours]\n', "unknown table or key 'colours'"),
    ],
)
def test_bad_config_gives_one_line_exit_2(log_dir: Path, toml: str | None, message: str) -> None:
    config = log_dir / "paperweek.toml"
    if toml is None:
        config.unlink()
    else:
        config.write_text(toml)
    before = snapshot(log_dir)
    result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert snapshot(log_dir) == before


def test_week_files_validate_against_the_shipped_json_schema(log_dir: Path) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    for path in sorted((log_dir / "weeks").iterdir()):
        from ruamel.yaml import YAML

        # as an editor's YAML 1.2 language server types the files paperweek writes
        data = json.loads(json.dumps(YAML(typ="safe").load(path), default=lambda v: v.isoformat()))
        jsonschema.validate(data, schema)
    bad = {"week": "2024-04-22", "papers": [{"id": "x", "title": "t", "colour": "red"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_comments_and_key_order_survive_a_rewrite(log_dir: Path) -> None:
    path = log_dir / "weeks" / "2024-04-15.yaml"
    text = path.read_text()
    text = text.replace("papers:\n", "# my reading notes for this week\npapers:\n", 1)
    text = text.replace("    released: 2024-04-04\n", "    released: 2024-04-04  # checked on arXiv\n", 1)
    path.write_text(text)
    log = open_log(log_dir)
    week = log.weeks[1]
    week.papers[0].tags = ["peft"]
    week.papers.append(Paper(id="2404.99999", title="New", summary="", released=dt.date(2024, 4, 20),
                             links=[Link("Paper", "https://arxiv.org/abs/2404.99999")]))
    with log.locked():
        log.save_week(week)
    rewritten = path.read_text()
    assert "# my reading notes for this week\npapers:" in rewritten
    assert "released: 2024-04-04  # checked on arXiv" in rewritten
    assert "tags: [peft]" in rewritten
    assert rewritten.index("id: '2404.03592'") < rewritten.index("title: 'ReFT") < rewritten.index("released: 2024-04-04")
    assert "id: '2404.99999'" in rewritten
    assert open_log(log_dir).weeks[1].papers[0].tags == ["peft"]


def test_new_year_week_is_headed_and_grouped_by_the_year_holding_most_days(tmp_path: Path) -> None:
    from paperweek.config import Config
    from paperweek.render.readme import render_readme

    weeks = [
        Week(start=dt.date(2024, 12, 23), papers=[Paper(id="2412.00001", title="A")]),
        Week(start=dt.date(2024, 12, 30), papers=[Paper(id="2412.00002", title="B")]),
        Week(start=dt.date(2025, 12, 29), papers=[Paper(id="2512.00003", title="C")]),
    ]
    text = render_readme(Config(), weeks)
    assert "## Papers of the Week (December 30 - January 5) - 2025" in text
    assert "## Papers of the Week (December 29 - January 4) - 2026" in text
    assert "## Papers of the Week (December 23 - December 29) - 2024" in text
    index = text[: text.index("## Papers of the Week (December 29")]
    assert index.index("## 2024") < index.index("(December 23 - December 29)") < index.index("## 2025")
    assert index.index("## 2025") < index.index("(December 30 - January 5)") < index.index("## 2026")


def test_check_reports_each_kind_of_problem(log_dir: Path) -> None:
    assert run_cli("--dir", log_dir, "check").exit_code == 0
    # a week that does not start on the configured day, and a duplicate paper (another version)
    moved = (log_dir / "weeks" / "2024-04-22.yaml").read_text().replace("week: 2024-04-22", "week: 2024-04-23")
    moved = moved.replace("https://arxiv.org/abs/2404.11018", "https://arxiv.org/abs/2404.03592v2").replace(
        "id: '2404.11018'", "id: '2404.03592'"
    )
    (log_dir / "weeks" / "2024-04-23.yaml").write_text(moved)
    (log_dir / "weeks" / "2024-04-22.yaml").unlink()
    result = run_cli("--dir", log_dir, "check")
    assert result.exit_code == 1
    err = result.stderr
    assert "2024-04-23.yaml: week starts on a tuesday, the log's weeks start on a monday" in err
    assert "2024-04-23.yaml:6: 2404.03592 is already logged at" in err
    assert "README.md:" in err and "differs from what build writes" in err
    build_check = run_cli("--dir", log_dir, "build", "--check")
    assert build_check.exit_code == 1


def test_build_check_passes_when_up_to_date(log_dir: Path) -> None:
    result = run_cli("--dir", log_dir, "build", "--check")
    assert result.exit_code == 0
    (log_dir / "README.md").write_text((log_dir / "README.md").read_text() + "\nhand edit\n")
    result = run_cli("--dir", log_dir, "build", "--check")
    assert result.exit_code == 1
    assert "differs from what build writes" in result.stderr


def test_list_and_show(log_dir: Path) -> None:
    listed = run_cli("--dir", log_dir, "list", "--week", "2024-04-24", "--json")
    data = json.loads(listed.stdout)
    assert [d["id"] for d in data] == ["2404.11018"]
    text = run_cli("--dir", log_dir, "list").stdout
    assert text.index("2024-04-22") < text.index("2024-04-15")
    assert "(4) 2404.07965" in text
    shown = run_cli("--dir", log_dir, "show", "https://arxiv.org/abs/2404.10667v2")
    assert shown.exit_code == 0
    assert "VASA-1: Lifelike Audio-Driven Talking Faces Generated in Real Time" in shown.stdout
    missing = run_cli("--dir", log_dir, "show", "2401.00001")
    assert missing.exit_code == 2
    assert "2401.00001: not in this log" in missing.stderr


def _hold_lock(root: str, taken: Any, release: Any) -> None:
    log = open_log(Path(root))
    with log.locked():
        taken.set()
        release.wait(60)


class _LockHolder:
    """Another process that holds the log's lock from ``__enter__`` until ``release``: no sleeps to guess with."""

    def __init__(self, root: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.taken, self.released = context.Event(), context.Event()
        self.process = context.Process(target=_hold_lock, args=(str(root), self.taken, self.released))

    def __enter__(self) -> _LockHolder:
        self.process.start()
        assert self.taken.wait(60), "the holder never took the lock"
        return self

    def release(self) -> None:
        self.released.set()

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.process.join(60)


def test_second_process_waits_for_the_lock(log_dir: Path) -> None:
    with _LockHolder(log_dir) as holder:
        build = subprocess.Popen(
            [sys.executable, "-m", "paperweek", "--dir", str(log_dir), "build"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        with pytest.raises(subprocess.TimeoutExpired):
            build.wait(timeout=1.0)  # it waits while the lock is held ...
        holder.release()
        _out, err = build.communicate(timeout=60)  # ... and goes on once it is free
    assert build.returncode == 0, err


def test_lock_timeout_is_a_clear_error(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERWEEK_LOCK_TIMEOUT", "0.2")
    with _LockHolder(log_dir):
        result = run_cli("--dir", log_dir, "build")
    assert result.exit_code == 1
    assert "another paperweek process has held the log" in result.stderr


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from paperweek.store import atomic

    target = tmp_path / "README.md"
    target.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    from paperweek.errors import WriteError

    with pytest.raises(WriteError, match=r"README\.md: cannot write"):
        atomic.write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_demo_builds_a_complete_log(tmp_path: Path) -> None:
    result = run_cli("demo", tmp_path / "demo")
    assert result.exit_code == 0
    assert "README" in result.stdout
    assert "website:" in result.stdout
    assert "Many-Shot In-Context Learning" in (tmp_path / "demo" / "_site" / "index.html").read_text()
    readme = (tmp_path / "demo" / "README.md").read_text()
    assert "## AI Papers of the Week (April 15 - April 21) - 2024" in readme
    assert "| (1) **Many-Shot In-Context Learning** - " in readme
    assert run_cli("--dir", tmp_path / "demo", "check").exit_code == 0
    assert run_cli("demo", tmp_path / "demo").exit_code == 2


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "paperweek", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "Commands:" in result.stdout


def test_yaml_1_1_lookalikes_round_trip_as_text(tmp_path: Path) -> None:
    """Titles such as `No` or `12:30` must not turn into booleans or numbers on the fast read path."""
    from paperweek.store import Log
    from paperweek.store.weekfile import read_week

    assert run_cli("--dir", tmp_path, "init").exit_code == 0
    log = open_log(tmp_path)
    titles = ["No", "yes", "12:30", "0o17", "1e3", "null", "~", "2024-04-04", "on"]
    week = Week(start=dt.date(2024, 4, 15), papers=[Paper(id=f"p{i}", title=t, summary=t) for i, t in enumerate(titles)])
    with log.locked():
        log.save_week(week)
    back = read_week(log.week_path(week.start))
    assert [p.title for p in back.papers] == titles
    assert [p.summary for p in back.papers] == titles
    assert isinstance(Log, type)


def test_init_with_github_actions_writes_the_workflow(tmp_path: Path) -> None:
    result = run_cli("--dir", tmp_path, "init", "--github-actions")
    assert result.exit_code == 0, result.output
    workflow = (tmp_path / ".github" / "workflows" / "paperweek.yml").read_text()
    assert "paperweek check" in workflow
    assert "paperweek site" in workflow
    assert (tmp_path / ".gitignore").read_text().splitlines() == [".paperweek/", "/_site/", ".paperweek-tmp-*"]


def test_fast_reader_agrees_with_ruamel_and_defers_what_it_cannot_type(tmp_path: Path) -> None:
    from paperweek.store.weekfile import _fastyaml as fastyaml
    from paperweek.store.weekfile import read_week

    text = (
        "schema: 1\nweek: 2024-04-15\npapers:\n  - id: '2404.03592'\n    number: 3\n    title: No\n"
        "    summary: \"a: b\"\n    released: 2024-04-04\n    tags: [x, 'y']\n"
        "    links:\n      - {label: Paper, url: https://arxiv.org/abs/2404.03592}\n"
    )
    path = tmp_path / "2024-04-15.yaml"
    path.write_text(text)
    fast = fastyaml.load(text)
    expected = {  # untyped: the text as written; weekschema types each field
        "schema": "1",
        "week": "2024-04-15",
        "papers": [
            {
                "id": "2404.03592",
                "number": "3",
                "title": "No",
                "summary": "a: b",
                "released": "2024-04-04",
                "tags": ["x", "y"],
                "links": [{"label": "Paper", "url": "https://arxiv.org/abs/2404.03592"}],
            }
        ],
    }
    assert fast == expected
    assert json.loads(json.dumps(load_document(path))) == expected
    week = read_week(path)
    assert (week.start, week.papers[0].number, week.papers[0].title) == (dt.date(2024, 4, 15), 3, "No")
    for deferred in ("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: [unclosed\n", "? [a]\n: 1\n"):
        assert fastyaml.load(deferred) is None, deferred


def test_list_filters_by_explicit_and_automatic_tags(log_dir: Path) -> None:
    assert run_cli("--dir", log_dir, "tag", "2404.07143", "+long-context").exit_code == 0
    path = log_dir / "weeks" / "2024-04-15.yaml"
    path.write_text(path.read_text().replace("  - id: '2404.07987'\n", "  - id: '2404.07987'\n    categories: [cs.CV]\n"))
    tagged = json.loads(run_cli("--dir", log_dir, "list", "--tag", "long-context", "--json").stdout)
    assert [p["id"] for p in tagged] == ["2404.07143"]
    vision = run_cli("--dir", log_dir, "list", "--tag", "vision")
    assert "2404.07987" in vision.stdout and "2404.07143" not in vision.stdout
    assert "(1 paper)" in vision.stdout


def test_check_shows_the_differing_words_of_each_line(log_dir: Path) -> None:
    readme = log_dir / "README.md"
    text = readme.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "2404.11018" in line and line.startswith("| (1)"))
    late = row.replace("April 17, 2024", "April 18, 2024")  # a change far past the row's first 60 characters
    assert late[:60] == row[:60]
    readme.write_text(text.replace(row, late), encoding="utf-8")
    for args in (["build", "--check"], ["check"]):
        result = run_cli("--dir", log_dir, *args)
        assert result.exit_code == 1
        number = text.splitlines().index(row) + 1
        assert f"README.md:{number}: differs from what build writes" in result.stderr
        assert f"  line {number}: " in result.stderr
        assert "[-18,-]{+17,+}" in result.stderr  # found, then expected
        assert "[Paper](" in result.stderr and "Many-Shot" not in result.stderr  # context only near the change
    readme.write_text(text.replace(row, "").replace("Here is the weekly series:", "Here are the weeks:"), encoding="utf-8")
    both = run_cli("--dir", log_dir, "build", "--check").stderr
    assert "Here [-are-]{+is+} the [-weeks:-]{+weekly series:+}" in both
    assert "{+" + row + "+}" in both  # a line build would write that the README lacks
