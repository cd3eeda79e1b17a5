"""Citation keys are fixed once: the first `export` or `add` writes them into the week files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bibtexparser
from conftest import SEED, run_cli
from fakes import FakeServices

from paperweek.store import open_log


def keys(root: Path, *args: str) -> dict[str, str]:
    """arXiv id -> citation key of `export --format bibtex`."""
    result = run_cli("--dir", root, "export", "--format", "bibtex", *args)
    assert result.exit_code == 0, result.output
    library = bibtexparser.parse_string(result.stdout)
    assert not library.failed_blocks
    return {e.fields_dict["eprint"].value: e.key for e in library.entries if "eprint" in e.fields_dict}


def stored(root: Path) -> dict[str, str]:
    return {p.id: p.citekey for _, p in open_log(root).papers()}


def test_keys_survive_refresh_after_import(services: FakeServices, tmp_path: Path) -> None:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    assert not any(stored(root).values())  # import alone fixes nothing
    first = run_cli("--dir", root, "export", "--format", "bibtex")
    assert first.exit_code == 0 and "Recorded the citation keys of" in first.stderr
    before = keys(root)
    assert len(before) >= 10 and all(k.startswith("anon") for k in before.values())
    assert {i: k for i, k in stored(root).items() if i in before} == before  # written into the week files
    week_text = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "weeks").glob("*.yaml")))
    assert f"citekey: {before['2404.11018']}" in week_text
    refreshed = run_cli("--dir", root, "refresh")
    assert refreshed.exit_code == 0, refreshed.output
    assert open_log(root).find("2404.11018")[1].authors  # type: ignore[index]  # authors are known now
    after = keys(root)
    assert after == before  # 10/10 keys unchanged: LaTeX documents citing the log keep working
    again = run_cli("--dir", root, "export", "--format", "bibtex")
    assert "Recorded" not in again.stderr  # nothing new to record


def test_add_fixes_the_key_and_a_hand_set_key_wins(services: FakeServices, tmp_path: Path) -> None:
    root = tmp_path / "log"
    root.mkdir()
    (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    assert run_cli("--dir", root, "add", "2404.11018", "2404.07143").exit_code == 0
    added = stored(root)
    assert added["2404.11018"] == "agarwal2024many" and added["2404.07143"].startswith("munkhdalai2024")
    path = next((root / "weeks").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("citekey: agarwal2024many", "citekey: 'Agarwal:ICL-2024'"), encoding="utf-8")
    assert keys(root)["2404.11018"] == "Agarwal:ICL-2024"
    # a second add of a paper with the same natural key does not take an existing one
    assert keys(root)["2404.07143"] == added["2404.07143"]


def test_bad_or_doubled_hand_keys_are_input_errors(services: FakeServices, tmp_path: Path) -> None:
    root = tmp_path / "log"
    root.mkdir()
    (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    assert run_cli("--dir", root, "add", "2404.11018", "2404.07143").exit_code == 0
    path = next((root / "weeks").glob("*.yaml"))
    good = path.read_text(encoding="utf-8")
    other = stored(root)["2404.07143"]
    path.write_text(good.replace(f"citekey: {other}", "citekey: agarwal2024many"), encoding="utf-8")
    doubled = run_cli("--dir", root, "export", "--format", "bibtex", "--out", tmp_path / "refs.bib")
    assert doubled.exit_code == 2 and "'agarwal2024many'" in doubled.stderr and "Traceback" not in doubled.output
    assert not (tmp_path / "refs.bib").exists()
    path.write_text(good.replace(f"citekey: {other}", "citekey: 'has space'"), encoding="utf-8")
    bad = run_cli("--dir", root, "export", "--format", "csl-json")
    assert bad.exit_code == 2 and path.name in bad.stderr and "citekey" in bad.stderr


def test_recording_keys_keeps_hand_edits_and_matches_the_round_trip_writer(tmp_path: Path) -> None:
    from paperweek.store.weekfile import load_document
    from paperweek.store.weekfile._roundtrip import render_week_file

    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    files = sorted((root / "weeks").glob("*.yaml"))
    edited, plain = files[0], files[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("papers:", "# my note\npapers:", 1), encoding="utf-8")
    assert run_cli("--dir", root, "export", "--format", "csl-json").exit_code == 0
    assert "# my note\npapers:" in edited.read_text(encoding="utf-8")  # the round-trip writer kept the comment
    text = plain.read_text(encoding="utf-8")
    assert "citekey:" in text
    week = open_log(root).week(dt.date.fromisoformat(plain.stem))
    assert week is not None
    assert text == render_week_file(week, load_document(plain))  # the fast rewrite is what round-trip writes


def test_an_export_whose_out_file_cannot_be_written_records_no_key(tmp_path: Path) -> None:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    weeks = {p: p.read_bytes() for p in (root / "weeks").glob("*.yaml")}
    (tmp_path / "a-file").write_text("not a folder")
    bad = run_cli("--dir", root, "export", "--format", "bibtex", "--out", tmp_path / "a-file" / "log.bib")
    assert bad.exit_code == 2 and "a-file" in bad.stderr and "Recorded" not in bad.stderr
    assert {p: p.read_bytes() for p in (root / "weeks").glob("*.yaml")} == weeks  # nothing written
    good = run_cli("--dir", root, "export", "--format", "bibtex", "--out", tmp_path / "log.bib")
    assert good.exit_code == 0 and "Recorded the citation keys of" in good.stderr
    assert all(stored(root).values())
