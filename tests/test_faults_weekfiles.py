"""Fault catalogue: hand-edited week files. Values read as written, whichever reader reads them;
every bad file gives one clear line naming it (exit 2), never a traceback, and nothing is written."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli, snapshot
from hypothesis import example, given, settings
from hypothesis import strategies as st

from paperweek.store.weekfile import _fastyaml as fastyaml
from paperweek.store.weekfile import load_document, read_week

WEEK = "weeks/2024-04-22.yaml"
# An anchor and an alias the fast reader leaves to ruamel.yaml: the same file, read the other way.
TO_RUAMEL = "style: &s {}\n"


@pytest.mark.parametrize("via_ruamel", [False, True], ids=["fast-path", "ruamel-path"])
@pytest.mark.parametrize("written", ["2404.10000", "0b101", "1_000", "2024-04-04", "2024-04-04 10:00:00", "1e3", "0x1F"])
def test_unquoted_ids_read_as_written(log_dir: Path, written: str, via_ruamel: bool) -> None:
    path = log_dir / WEEK
    text = path.read_text()
    first = text.split("  - id: ", 1)[1].split("\n", 1)[0]
    text = text.replace(f"  - id: {first}\n", f"  - id: {written}\n", 1)
    if via_ruamel:
        text = text.replace("papers:\n", TO_RUAMEL + "papers:\n", 1)
    path.write_text(text)
    shown = run_cli("--dir", log_dir, "show", written, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == written
    assert run_cli("--dir", log_dir, "check").exit_code in (0, 1)
    # the next write keeps every digit, quoted so that any YAML reader reads it as text
    assert run_cli("--dir", log_dir, "tag", written, "+kept").exit_code == 0
    saved = path.read_text()
    assert f"id: '{written}'" in saved or f'id: "{written}"' in saved
    again = run_cli("--dir", log_dir, "show", written, "--json")
    assert json.loads(again.stdout)["tags"] == ["kept"]


@pytest.mark.parametrize("field", ["title", "summary", "comments"])
def test_text_fields_read_as_written_on_both_paths(tmp_path: Path, field: str) -> None:
    values = ["0b101", "1_000", "2024-04-04T10:00:00Z", "yes", "~x", "1.50", "12e3", ".inf"]
    for via_ruamel in (False, True):
        lines = ["schema: 1", "week: 2024-04-15"] + ([TO_RUAMEL.strip()] if via_ruamel else []) + ["papers:"]
        for i, value in enumerate(values):
            lines += [f"  - id: p{i}", f"    title: t{i}" if field != "title" else "", f"    {field}: {value}"]
        path = tmp_path / "2024-04-15.yaml"
        path.write_text("\n".join(line for line in lines if line) + "\n")
        week = read_week(path)
        assert [getattr(p, field) for p in week.papers] == values


# --- the two readers agree (the fast path proves itself against the authoritative one) -------

_TOKENS = st.sampled_from(
    ["2404.10000", "0b101", "0o17", "0x1F", "1_000", "1e3", ".inf", ".NaN", "-0", "+12", "007", "3",
     "2024-04-04", "2024-02-30", "2024-04-04 10:00:00", "2024-04-04T10:00:00Z", "yes", "No", "on", "true",
     "null", "~", "Null", "=", "<<", "a: b", "x # y", "- z", "#", "'q'", '"d"', "é", "", "1:2", "[1]"]
)
_TEXT = st.one_of(_TOKENS, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))


def _scalar(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return value


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.tuples(st.sampled_from(PAPER_FIELDS := ["id", "title", "summary", "number", "released", "doi"]),
                             _TEXT, st.sampled_from(["plain", "single", "double"])), min_size=1, max_size=6),
    tags=st.lists(st.tuples(_TEXT, st.sampled_from(["plain", "single", "double"])), max_size=3),
)
@example(cells=[("title", "x", "plain")], tags=[("0\t0", "plain")])  # libyaml takes it, ruamel refuses it
def test_fast_reader_equals_ruamel_on_any_week_file(cells: list[tuple[str, str, str]], tags: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    lines = ["schema: 1", "week: 2024-04-15", "papers:", "  - id: x"]
    for key, value, style in cells:
        if key in seen or key == "id":
            continue
        seen.add(key)
        lines.append(f"    {key}: {_scalar(value, style)}")
    if tags:
        lines.append("    tags: [" + ", ".join(_scalar(v, s) for v, s in tags) + "]")
    text = "\n".join(lines) + "\n"
    fast = fastyaml.load(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2024-04-15.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            slow = load_document(path)
        except Exception:
            assert fast is None
            return
        if fast is None:
            return  # deferred: read by ruamel only
        assert json.loads(json.dumps(fast)) == json.loads(json.dumps(slow))
        # and the two kinds of scalar (plain, quoted) are told apart the same way
        for a, b in zip(fast["papers"][0].values(), slow["papers"][0].values(), strict=True):
            if isinstance(a, str):
                assert (type(a) is str) == (type(b) is str)


# --- bad files: one line naming the file, exit 2, nothing written -------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("released: 2024-04-17", "released: 2024-02-30", 1), "papers[1].released: '2024-02-30' is not a date"),
        (lambda t: t.replace("week: 2024-04-22", "week: 2024-02-30"), "week: '2024-02-30' is not a date"),
        (lambda t: t.replace("    links:\n      - {label: Paper, url: https://arxiv.org/abs/2404.11018}\n", "    links: 5\n", 1),
         "papers[1].links: must be a list"),
        (lambda t: "papers:\n  - " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
        (lambda t: "a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), "nested more than"),
    ],
    ids=["released-feb-30", "week-feb-30", "links-5", "nested-flow-5000", "nested-block-3000"],
)
@pytest.mark.parametrize("command", ["list", "build", "check", "show 2404.07143", "site", "search llm"])
def test_bad_week_file_gives_one_line(log_dir: Path, edit, message: str, command: str) -> None:  # type: ignore[no-untyped-def]
    path = log_dir / WEEK
    path.write_text(edit(path.read_text()))
    before = snapshot(log_dir)
    result = run_cli("--dir", log_dir, *command.split())
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert WEEK.split("/")[1] in lines[0] and message in lines[0], result.stderr
    if command == "check":  # check reports problems: exit 1, then the count
        assert (result.exit_code, lines[1:]) == (1, ["1 problem"]), result.output
    else:
        assert (result.exit_code, len(lines)) == (2, 1), result.output
    assert snapshot(log_dir) == before


@pytest.mark.parametrize("kind", ["folder", "dangling-link", "unreadable"])
@pytest.mark.parametrize("command", ["list", "build", "check", "site"])
def test_odd_entries_in_weeks_give_one_line(
    log_dir: Path, kind: str, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = log_dir / "weeks" / "x.yaml"
    if kind == "folder":
        target.mkdir()
    elif kind == "dangling-link":
        target.symlink_to(log_dir / "weeks" / "gone.yaml")
    else:
        target = log_dir / WEEK
        if os.geteuid() != 0:
            target.chmod(0)
        else:  # root reads every file: the same refusal, injected
            real = Path.read_text

            def denied(self: Path, *args: object, **kwargs: object) -> str:
                if self.name == target.name:
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self, *args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(Path, "read_text", denied)
    before = snapshot(log_dir) if kind != "unreadable" else None
    result = run_cli("--dir", log_dir, command)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert target.name in lines[0], result.stderr
    assert (result.exit_code, len(lines)) == ((1, 2) if command == "check" else (2, 1)), result.output
    if before is not None:
        assert snapshot(log_dir) == before
