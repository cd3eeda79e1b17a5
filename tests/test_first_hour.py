"""Issue 21, "the first hour": what a new curator meets on a fresh machine, through the CLI.

Each test names the point of the issue it covers and fails on the code from before it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, SHARED, run_cli, snapshot
from fakes import refused_port

LISTS = SHARED / "lists"
STRANGER = ("As a researcher", "AI Papers of")  # the seed curator's words, nobody else's


# --- 1: a new or adopted log speaks in its own words ---------------------------------------------


def test_init_with_a_title_writes_no_stranger_s_intro_or_headings(tmp_path: Path) -> None:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "init", "--title", "My Reading Log").exit_code == 0
    added = run_cli("--dir", root, "add", "--title", "A post", "--url", "https://example.org/a",
                    "--released", "2024-06-17", "--week", "2024-06-17")
    assert added.exit_code == 0, added.output
    readme = (root / "README.md").read_text(encoding="utf-8")
    config = (root / "paperweek.toml").read_text(encoding="utf-8")
    assert readme.startswith("# My Reading Log\n\nHere is the weekly series:\n")
    assert "## Papers of the Week (June 17 - June 23) - 2024" in readme
    assert not [w for w in STRANGER if w in readme or w in config]
    assert run_cli("--dir", root, "check").exit_code == 0  # what init writes is what build writes


def test_an_imported_list_keeps_its_own_title_and_intro_for_site_and_feed(tmp_path: Path) -> None:
    root = tmp_path / "log"
    source = LISTS / "Fatflower+ArXiv_weekly_paper--53414a0.md"
    assert run_cli("--dir", root, "import", "-q", source).exit_code == 0
    log = tomllib.loads((root / "paperweek.toml").read_text(encoding="utf-8"))["log"]
    assert log["title"] == "ArXiv_weekly_paper"
    assert log["intro"].startswith("This repository records interesting articles on the arXiv website every week")
    assert run_cli("--dir", root, "site").exit_code == 0
    feed = (root / "_site" / "feed.xml").read_text(encoding="utf-8")
    home = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert "<title>ArXiv_weekly_paper</title>" in feed
    assert not [w for w in STRANGER if w in feed or w in home]


def test_a_list_without_a_title_gets_a_neutral_one(tmp_path: Path) -> None:
    root = tmp_path / "log"
    source = LISTS / "aishwaryanr+awesome-generative-ai-guide--b939582.md"  # a monthly table, no heading
    assert run_cli("--dir", root, "import", "-q", source).exit_code == 0
    log = tomllib.loads((root / "paperweek.toml").read_text(encoding="utf-8"))["log"]
    assert (log["title"], log["intro"]) == ("Papers of the Month", "")


# --- 4: a --week the log does not hold is said, never an empty answer ---------------------------


@pytest.mark.parametrize("command", [["list"], ["search", "learning"], ["export"], ["export", "--format", "csv"],
                                     ["digest"]])
def test_a_week_the_log_does_not_hold_is_one_line_on_stderr(log: Path, command: list[str]) -> None:
    result = run_cli("--dir", log, *command, "--week", "2020-01-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "paperweek: --week '2020-01-01': no logged week holds January 1, 2020; the newest logged week starts 2024-04-22"
    ]


# --- 5: a network outage is a line with a count, not a line per paper ---------------------------


def _network_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", f"http://127.0.0.1:{refused_port()}/api/query")
    monkeypatch.setenv("PAPERWEEK_ARXIV_BACKOFF", "0.01")
    monkeypatch.setenv("PAPERWEEK_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERWEEK_SOURCES_HUGGINGFACE", "0")


def test_refresh_with_the_network_down_says_it_once(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _network_down(monkeypatch)
    result = run_cli("--dir", log, "refresh")
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if "gave up after 2 attempts" in line]
    assert len(failed) == 1, result.stderr
    assert failed[0].startswith("paperweek: 10 failed (") and "7 more; -v lists each" in failed[0]
    assert "10 papers could not be refreshed" in result.stderr
    verbose = run_cli("--dir", log, "refresh", "-v")
    each = [line for line in verbose.stderr.splitlines() if "gave up after 2 attempts" in line]
    assert len(each) == 10 and each[0].startswith("paperweek: 24")  # one per paper, each naming its id


def test_add_of_many_ids_with_the_network_down_says_it_once(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _network_down(monkeypatch)
    ids = [f"2501.{n:05d}" for n in range(1, 251)]  # three batches of arXiv requests
    result = run_cli("--dir", log, "add", *ids)
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if "gave up after 2 attempts" in line]
    assert len(failed) == 1 and "2501.00001, 2501.00002, 2501.00003 and 247 more" in failed[0], result.stderr
    assert result.stderr.count("retrying in") == 1  # an unreachable API is not tried again for each batch
    assert "paperweek: 250 of 250 inputs failed (nothing written)" in result.stderr
    verbose = run_cli("--dir", log, "add", "-v", *ids)
    assert sum("gave up after 2 attempts" in line for line in verbose.stderr.splitlines()) == 250


# --- 7: no editor to open is refused at once ----------------------------------------------------


def _run_without_terminal(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``paperweek ARGS`` as a script or CI job meets it: no terminal on stdin, stdout or stderr."""
    base = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    return subprocess.run(
        [sys.executable, "-m", "paperweek", *map(str, args)], stdin=subprocess.DEVNULL, capture_output=True,
        text=True, env={**base, "PYTHONPATH": str(REPO / "src"), **env}, timeout=120, check=False,
    )


def test_edit_with_no_editor_and_no_terminal_refuses_at_once(log: Path) -> None:
    before = snapshot(log)
    result = _run_without_terminal("--dir", log, "edit", "2404.11018")
    assert (result.returncode, result.stdout) == (2, "")
    assert "\x1b" not in result.stderr  # no editor drew a screen into the output
    assert result.stderr.splitlines() == [
        "paperweek: no editor to open: $VISUAL and $EDITOR are not set; set one, e.g. `export EDITOR=nano` "
        "(or $VISUAL), or set fields directly with --title, --summary or --repo"
    ]
    assert snapshot(log) == before


@pytest.mark.parametrize("command", [["edit", "2404.11018"], ["add", "--edit", "2404.99999"]])
def test_an_editor_that_is_not_installed_is_refused_before_any_work(log: Path, command: list[str]) -> None:
    before = snapshot(log)
    result = _run_without_terminal("--dir", log, *command, EDITOR="no-such-editor --wait")
    assert (result.returncode, result.stdout) == (2, "")
    line, = result.stderr.splitlines()
    assert "$EDITOR names 'no-such-editor', which is not an installed program" in line
    assert "export EDITOR=nano" in line
    assert snapshot(log) == before


# --- 8: check reports what the README drops or breaks, at a file line, with a remedy that works ---


def test_check_reports_links_the_readme_drops_or_turns_relative(log: Path) -> None:
    week = log / "weeks" / "2024-04-15.yaml"
    text = week.read_text(encoding="utf-8")
    text = text.replace("url: https://github.com/stanfordnlp/pyreft}", "url: 'javascript:alert(1)'}")
    text = text.replace("url: https://arxiv.org/abs/2404.07143}", "url: arxiv.org/abs/2404.07143}")
    week.write_text(text, encoding="utf-8")
    assert run_cli("--dir", log, "build").exit_code == 0  # the README drops one and makes the other relative
    lines = text.splitlines()
    bad = lines.index("      - {label: Repo, url: 'javascript:alert(1)'}") + 1
    bare = lines.index("      - {label: Paper, url: arxiv.org/abs/2404.07143}") + 1
    result = run_cli("--dir", log, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{week}:{bad}: 2404.03592: link Repo 'javascript:alert(1)' is left out of the README and the site "
        "(only http(s), mailto and ftp links are written); fix it with `paperweek edit 2404.03592`",
        f"{week}:{bare}: 2404.07143: link Paper 'arxiv.org/abs/2404.07143' has no scheme, so it links to a file "
        "beside the README; write it as https://arxiv.org/abs/2404.07143; fix it with `paperweek edit 2404.07143`",
        "2 problems",
    ]


def test_check_names_a_duplicate_by_its_file_line(log: Path) -> None:
    later = log / "weeks" / "2024-04-22.yaml"
    text = later.read_text(encoding="utf-8").replace("2404.11018", "2404.07143")
    later.write_text(text, encoding="utf-8")
    item = "  - id: '2404.07143'"
    first = (log / "weeks" / "2024-04-15.yaml").read_text(encoding="utf-8").splitlines().index(item) + 1
    second = text.splitlines().index(item) + 1
    result = run_cli("--dir", log, "check")
    assert (
        f"{later}:{second}: 2404.07143 is already logged at {log / 'weeks' / '2024-04-15.yaml'}:{first}; "
        "remove one with `paperweek remove`"
    ) in result.stderr.splitlines()


def test_check_of_a_hand_edited_readme_names_the_remedy_build_accepts(log: Path) -> None:
    readme = log / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
    assert run_cli("--dir", log, "build").exit_code == 2  # build refuses to lose the edit
    for command in (["check"], ["build", "--check"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 1
        assert "run `paperweek build`;" not in result.stderr and "run `paperweek build`\n" not in result.stderr
        assert ("it was edited by hand, so build will not replace it: move the edits into the week files or the "
                "theme, then run `paperweek build --force` to replace README.md") in result.stderr
    assert run_cli("--dir", log, "build", "--force").exit_code == 0
    assert run_cli("--dir", log, "check").exit_code == 0


# --- 9: "et al." is no surname, and export counts what it writes ---------------------------------


def test_et_al_authors_get_their_own_keys_and_export_counts_its_entries(tmp_path: Path) -> None:
    root = tmp_path / "log"
    source = LISTS / "Vincentqyw+cv-arxiv-daily--910061b8.md"  # authors written "Mostafa Ahmadi et.al."
    assert run_cli("--dir", root, "import", "-q", source).exit_code == 0
    out = tmp_path / "log.bib"
    result = run_cli("--dir", root, "export", "-o", out)
    assert result.exit_code == 0, result.output
    bib = out.read_text(encoding="utf-8")
    keys = [line.split("{", 1)[1].rstrip(",") for line in bib.splitlines() if line.startswith("@")]
    assert not [k for k in keys if k.startswith("etal")]
    assert "author        = {Ahmadi, Mostafa and others}," in bib
    wrote = result.stderr.splitlines()[-1]
    assert wrote.startswith(f"Wrote {len(keys)} entries to {out} (bibtex): ")
    assert wrote.endswith("of them logged more than once and cited once")


# --- 12: command-line habits ---------------------------------------------------------------------


def test_a_mistyped_command_names_the_closest_one(log: Path) -> None:
    result = run_cli("--dir", log, "lst")
    assert result.exit_code == 2
    assert "Error: No such command 'lst'. Did you mean 'list'?" in result.stderr
    assert "Did you mean" not in run_cli("--dir", log, "zzzz").stderr  # nothing close: no guess


def test_completion_prints_a_script_the_shell_completes_with(log: Path) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = run_cli("completion", shell)
        assert result.exit_code == 0 and f"_PAPERWEEK_COMPLETE={shell}_complete" in result.stdout, shell
    if shutil.which("bash") is None:
        pytest.skip("no bash to source the script in")
    script = run_cli("completion", "bash").stdout
    words = {"(paperweek se)": "search", "(paperweek show 2404.110)": "2404.11018"}
    for typed, offered in words.items():
        done = subprocess.run(
            ["bash", "-c", f'{script}\nCOMP_WORDS={typed}; COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ));'
             ' _paperweek_completion paperweek; printf "%s\\n" "${COMPREPLY[@]}"'],
            capture_output=True, text=True, check=False, timeout=120, cwd=log,
            env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                 "PYTHONPATH": str(REPO / "src")},
        )
        assert offered in done.stdout.split(), (typed, done.stdout, done.stderr)


def _in_terminal(*args: str | Path, columns: int = 60) -> str:
    """``paperweek ARGS`` in a pseudo-terminal ``columns`` wide: what a person sees, escape codes and all."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES="50", PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "paperweek", *map(str, args)], stdin=slave, stdout=slave,
                            stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8")


def test_search_in_a_terminal_shows_titles_bold_not_faded_and_keeps_the_indent(log: Path) -> None:
    screen = _in_terminal("--dir", log, "search", "language")
    styles = re.findall(r"\x1b\[([0-9;]*)m", screen)
    assert "1" in styles  # titles are bold ...
    assert not [s for s in styles if {"1", "2"} <= set(s.split(";"))]  # ... and never bold and faded at once
    lines = re.sub(r"\x1b\[[0-9;]*m", "", screen).replace("\r\n", "\n").splitlines()
    assert lines[0].startswith(" 1. CodecLM: Aligning Language Models")
    results = [i for i, line in enumerate(lines) if re.match(r"^ ?\d+\. ", line)]
    assert len(results) >= 3 and results[1] - results[0] > 3  # the snippet took more than one line
    body = [line for i, line in enumerate(lines) if i not in results and line.strip()]
    assert body and all(line.startswith("    ") for line in body), lines  # wrapped lines keep the indent too


def test_counts_are_english(tmp_path: Path) -> None:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "init").exit_code == 0
    run_cli("--dir", root, "add", "--title", "A post", "--url", "https://example.org/a", "--released", "2024-06-17",
            "--week", "2024-06-17")
    assert run_cli("--dir", root, "check").stdout == "ok: 1 week, 1 paper\n"
    (root / "weeks" / "2024-06-17.yaml").write_text("schema: 1\nweek: 2024-06-18\npapers: []\n", encoding="utf-8")
    checked = run_cli("--dir", root, "check")
    assert checked.exit_code == 1 and checked.stderr.splitlines()[-1] == "1 problem"
