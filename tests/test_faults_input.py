"""Fault catalogue, input errors: bad config, environment, options and network answers give one
clear line and the documented exit status, before anything is fetched or written, never a traceback.

Each test is one promise of docs/safety.md ("Input errors"), through the public CLI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import run_cli, snapshot
from fakes import FakeServices, refused_port

WEEK_FILE = "weeks/2024-04-15.yaml"


def one_clear_line(result: object, *needles: str) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def set_log_key(root: Path, key: str, value: str) -> None:
    path = root / "paperweek.toml"
    text = path.read_text(encoding="utf-8")
    line = re.compile(rf"^{key} = .*$", re.M)
    if line.search(text):
        text = line.sub(lambda _: f"{key} = {value}", text, count=1)
    else:
        text = text.replace("[log]\n", f"[log]\n{key} = {value}\n", 1)
    path.write_text(text, encoding="utf-8")


def add_table(root: Path, text: str) -> None:
    path = root / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


# --- item 7 (and 17: readme = ""): every path from the config stays inside the log -----------------


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("readme", '"paperweek.toml"', "paperweek's own files"),
        ("readme", f'"{WEEK_FILE}"', "inside weeks_dir"),
        ("readme", '"../outside.md"', "inside the log's folder (no ..)"),
        ("readme", "ABSOLUTE", "not an absolute path"),  # an absolute path beside the log (see below)
        ("readme", '""', "must name a path inside the log"),
        ("readme", '".paperweek/x.md"', "hidden files"),
        ("readme", '"themes/seed/README.md.j2"', "paperweek's own files"),
        ("weeks_dir", '"../x"', "no .."),
        ("weeks_dir", '""', "must name a path inside the log"),
        ("weeks_dir", '"."', "must name a path inside the log"),
    ],
)
def test_config_paths_are_confined_to_the_log(log: Path, key: str, value: str, says: str) -> None:
    outside = log.parent / "absolute.md"
    set_log_key(log, key, f'"{outside}"' if value == "ABSOLUTE" else value)
    before = snapshot(log.parent)
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2
    one_clear_line(result, f"[log] {key}", says)
    assert snapshot(log.parent) == before  # nothing written, inside the log or beside it
    assert not outside.exists()


def test_a_readme_that_leaves_the_log_through_a_link_is_refused(log: Path) -> None:
    outside = log.parent / "outside.md"
    outside.write_text("not yours\n", encoding="utf-8")
    (log / "linked.md").symlink_to(outside)
    set_log_key(log, "readme", '"linked.md"')
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2
    one_clear_line(result, "leads outside the log's folder")
    assert outside.read_text(encoding="utf-8") == "not yours\n"


# --- item 17 / issue 10: environment numbers, one helper ----------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PAPERWEEK_LOCK_TIMEOUT", "abc"),
        ("PAPERWEEK_LOCK_TIMEOUT", "nan"),
        ("PAPERWEEK_ARXIV_RETRIES", "inf"),
        ("PAPERWEEK_ARXIV_RETRIES", "2.5"),
        ("PAPERWEEK_ARXIV_DELAY", "inf"),
        ("PAPERWEEK_ARXIV_TIMEOUT", "0"),
        ("PAPERWEEK_HF_BUDGET", "-1"),
        ("PAPERWEEK_LLM_TIMEOUT", "1e999"),
    ],
)
def test_bad_environment_numbers_stop_before_anything_is_fetched(
    services: FakeServices, log: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    before = snapshot(log)
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 2
    line = one_clear_line(result, f"{name}={value!r}", "unset it")
    assert "number" in line
    assert services.arxiv_log == []  # nothing was fetched
    assert snapshot(log) == before


# --- item 18: [summary] errors are input errors, before anything is fetched ---------------------


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('[summary]\nengin = "llm"', "unknown key 'engin'"),
        ('[summary]\nengine = "bogus"', "engine = 'bogus'"),
        ('[summary]\nlead = "bogus"', "lead = 'bogus'"),
        ("[summary]\nmax_chars = -5", "max_chars = -5"),
        ("[summary]\nmax_chars = 0", "max_chars = 0"),
        ('[summary]\nmax_chars = "abc"', "max_chars = 'abc'"),
        ('[summary]\nengine = "llm"\nbase_url = "http://127.0.0.1:9/v1"', "needs a model"),
        ('[summary]\nengine = "llm"\nmodel = "m"', "needs an endpoint"),
    ],
)
def test_summary_config_errors_exit_2_before_fetching(services: FakeServices, log: Path, table: str, says: str) -> None:
    add_table(log, table)
    before = snapshot(log)
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 2
    one_clear_line(result, says)
    assert services.arxiv_log == []
    assert snapshot(log) == before


# --- item 21: values accepted silently before ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[discover]\ntypo = 1", "[discover] has unknown key 'typo'"),
        ("[sources]\nhugginface = false", "[sources] has unknown key 'hugginface'"),
        ('[site]\ntitel = "x"', "[site] has unknown key 'titel'"),
        ("[tags]\nautomatic = 1", "[tags] automatic = 1"),
        ('[tags]\nrules = {"bad tag!" = ["x"]}', "[tags] rules"),
    ],
)
def test_unknown_keys_and_bad_values_in_every_section(log: Path, text: str, says: str) -> None:
    add_table(log, text)
    result = run_cli("--dir", log, "list")
    assert result.exit_code == 2
    one_clear_line(result, says)


def test_week_start_true_is_refused(log: Path) -> None:
    set_log_key(log, "week_start", "true")
    result = run_cli("--dir", log, "list")
    assert result.exit_code == 2
    one_clear_line(result, "week_start = true", "weekday name")


def test_theme_names_are_names_not_paths(log: Path) -> None:
    path = log / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('theme = "seed"', 'theme = "../../etc"'), encoding="utf-8")
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2
    one_clear_line(result, "theme = '../../etc'")


def test_a_utf8_bom_in_paperweek_toml_is_accepted(log: Path) -> None:
    path = log / "paperweek.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run_cli("--dir", log, "build", "--check")
    assert result.exit_code == 0, result.output


def test_edit_title_empty_is_refused(log: Path) -> None:
    before = snapshot(log)
    result = run_cli("--dir", log, "edit", "2404.07143", "--title", "  ")
    assert result.exit_code == 2
    one_clear_line(result, "--title is empty")
    assert snapshot(log) == before


@pytest.mark.parametrize("repo", ["javascript:alert(1)", "data:text/html,x", "https://exa mple.org/x", "vbscript:x"])
def test_edit_repo_must_be_a_web_address(log: Path, repo: str) -> None:
    before = snapshot(log)
    result = run_cli("--dir", log, "edit", "2404.07143", "--repo", repo)
    assert result.exit_code == 2
    one_clear_line(result, f"--repo {repo!r}")
    assert snapshot(log) == before
    assert run_cli("--dir", log, "edit", "2404.07143", "--repo", "github.com/o/r").exit_code == 0


# --- item 19: check agrees with build --check on headings with markup -----------------------------


@pytest.mark.parametrize("heading", ["`code` week", "*em* week", "<b>bold</b> week", "Reading group: **special**"])
def test_check_accepts_week_headings_with_inline_markup(log: Path, heading: str) -> None:
    path = log / WEEK_FILE
    text = path.read_text(encoding="utf-8").replace("week: 2024-04-15\n", f"week: 2024-04-15\nheading: '{heading}'\n")
    path.write_text(text, encoding="utf-8")
    assert run_cli("--dir", log, "build").exit_code == 0
    assert run_cli("--dir", log, "build", "--check").exit_code == 0
    result = run_cli("--dir", log, "check")
    assert result.exit_code == 0, result.output


# --- item 20: exit codes --------------------------------------------------------------------


def test_importing_an_empty_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = run_cli("--dir", tmp_path / "new", "import", tmp_path / "empty.md")
    assert result.exit_code == 2
    line = one_clear_line(result, "no week sections found", "nothing written")
    assert "--skip-bad" not in line
    assert not (tmp_path / "new").exists()


def test_edit_abort_at_end_of_input_exits_2(log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "bad-editor.sh"
    editor.write_text('#!/bin/sh\nprintf "id: [unclosed\\n" > "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    before = snapshot(log)
    result = run_cli("--dir", log, "edit", "2404.07143", input="")  # stdin closed at "Re-open the editor?"
    assert result.exit_code == 2, result.output
    assert "aborted" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(log) == before


def test_ctrl_c_exits_130(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import paperweek.operations.check

    def interrupted(*args: object, **kwargs: object) -> tuple[list[object], list[str]]:
        raise KeyboardInterrupt

    monkeypatch.setattr(paperweek.operations.check, "load_weeks_collecting", interrupted)
    result = run_cli("--dir", log, "check")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


# --- item 17: options and outputs -------------------------------------------------------------


def test_search_limit_beyond_any_log_is_a_usage_error(log: Path) -> None:
    result = run_cli("--dir", log, "search", "learning", "--limit", str(10**30))
    assert result.exit_code == 2
    assert "--limit" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["site", "--out", "/proc/paperweek-site"],
                                     ["export", "--format", "bibtex", "--out", "/proc/paperweek.bib"]])
def test_an_out_path_that_cannot_be_written_is_one_line(log: Path, command: list[str]) -> None:
    result = run_cli("--dir", log, *command)
    assert result.exit_code == 2, result.output
    one_clear_line(result, "/proc/")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_permission_denied_on_out(log: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    for command in (["site", "--out", locked / "site"], ["export", "--format", "csv", "--out", locked / "x.csv"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 2
        one_clear_line(result, str(locked))


# --- item 17 and issue 14.15: network faults -----------------------------------------------------


def test_a_refused_connection_fails_fast_and_says_what_to_do(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = refused_port()
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", f"http://127.0.0.1:{port}/api/query")
    monkeypatch.setenv("PAPERWEEK_ARXIV_BACKOFF", "1")
    monkeypatch.setenv("PAPERWEEK_ARXIV_DELAY", "0")
    result = run_cli("--dir", log, "add", "2606.19168")
    assert result.exit_code == 1
    # two tries and one backoff, not four retries with doubling waits: one "retrying" line, then it gives up
    assert result.stderr.count("retrying in") == 1, result.stderr
    assert "gave up after 2 attempts" in result.stderr
    assert "2606.19168: 2606.19168" not in result.stderr  # the id once
    assert "connection refused" in result.stderr
    assert "--offline" in result.stderr


@pytest.mark.parametrize(("fault", "says"), [(("redirect",), "redirects in a loop"),
                                             (("bad_gzip",), "corrupt")])
def test_redirect_loops_and_corrupt_bodies_are_one_message(
    services: FakeServices, log: Path, fault: tuple[str], says: str
) -> None:
    services.arxiv_faults.extend([fault] * 30)
    before = snapshot(log)
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 1
    assert says in result.stderr and "Traceback" not in result.stderr
    assert snapshot(log) == before


def test_check_online_without_network_says_so(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = refused_port()
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", f"http://127.0.0.1:{port}/api/query")
    monkeypatch.setenv("PAPERWEEK_ARXIV_BACKOFF", "0.01")
    monkeypatch.setenv("PAPERWEEK_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERWEEK_LINK_TIMEOUT", "1")
    # every other link of the demo log points at this refused port too: no network at all
    for path in (log / "weeks").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("https://github.com", f"http://127.0.0.1:{port}/gh")
        path.write_text(text.replace("https://huggingface.co", f"http://localhost:{port}/hf"), encoding="utf-8")
    result = run_cli("--dir", log, "check", "--online", "--refresh")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    # the one retry of a refused connection is said as `add` says it (one fetcher per run), then one problem line
    assert [line for line in lines if "; retrying in" in line] == lines[:1]
    assert len(lines) == 2 and "the network looks unreachable" in lines[1], lines
