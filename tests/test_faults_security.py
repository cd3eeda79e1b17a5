"""Fault catalogue, security: what an attacker's text, config, theme or server cannot make paperweek do.

Each test is one promise of docs/safety.md ("What is confined", "What is escaped", "What a
repository's config may and may not make paperweek do"), through the public CLI.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from fakes import FakeServices, Reply, completion

WEEK_FILE = "weeks/2024-04-22.yaml"
# what a hostile source holds: CSI colour, an OSC title change, a bell, a C1 CSI, a DEL, a NUL
HOSTILE = "Many \x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x9b2J\x7f\x00 Shots"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def yaml_escaped(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (the form a hand edit or a tool would write)."""
    return '"' + "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text) + '"'


def edit_week(root: Path, old: str, new: str) -> None:
    path = root / WEEK_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_table(root: Path, text: str) -> None:
    path = root / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file())


# --- item 11: control characters never get in, and never reach a terminal -------------------------


def test_control_characters_in_a_hand_edited_week_reach_no_output(log: Path, tmp_path: Path) -> None:
    edit_week(log, "title: Many-Shot In-Context Learning", f"title: {yaml_escaped(HOSTILE)}")
    edit_week(log, "week: 2024-04-22\n", f"week: 2024-04-22\nheading: {yaml_escaped('Week ' + chr(27) + '[2J one')}\n")
    assert run_cli("--dir", log, "build").exit_code == 0
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert "Many RED Shots" in readme and not CONTROL.search(readme)
    site = run_cli("--dir", log, "site", "--out", tmp_path / "www")
    assert site.exit_code == 0, site.output  # lxml would refuse a control character
    assert not CONTROL.search(all_text(tmp_path / "www"))
    for command in (["show", "2404.11018"], ["search", "shots"], ["list"], ["digest", "--week", "2024-04-22"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 0, (command, result.output)
        assert not CONTROL.search(result.stdout.replace("\n", "").replace("\t", "")), command


def test_control_characters_in_an_imported_readme_are_dropped(tmp_path: Path) -> None:
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8").replace("Many-Shot In-Context Learning", HOSTILE, 1)
    (tmp_path / "list.md").write_text(text, encoding="utf-8")
    result = run_cli("--dir", tmp_path / "log", "import", tmp_path / "list.md")
    assert result.exit_code == 0, result.output
    stored = all_text(tmp_path / "log" / "weeks")
    assert "Many RED Shots" in " ".join(stored.split()) and "\\e" not in stored and not CONTROL.search(stored)


def test_control_characters_in_an_llm_answer_are_dropped(
    services: FakeServices, fake_llm: Any, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_llm(Reply(body=completion("The paper \x1b]8;;http://evil\x07introduces\x1b]8;;\x07 \x1b[1mattention\x1b[0m.")))
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("PAPERWEEK_LLM_MODEL", "m")
    add_table(log, '[summary]\nengine = "llm"')
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 0, result.output
    show = run_cli("--dir", log, "show", "1706.03762", "--json")
    assert '"summary": "The paper introduces attention."' in show.stdout


# --- item 12: one URL and markup policy for every output format ---------------------------------


def test_digest_markdown_gets_the_sites_policy(log: Path, tmp_path: Path) -> None:
    edit_week(log, "week: 2024-04-22\n", "week: 2024-04-22\nheading: '<script>alert(1)</script> Week'\n")
    edit_week(log, "title: Many-Shot In-Context Learning", "title: 'Many-Shot [x](javascript:alert(1)) Learning'")
    edit_week(log, "url: https://arxiv.org/abs/2404.11018}", "url: '&#106;avascript:alert(21)'}")
    digest = run_cli("--dir", log, "digest", "--week", "2024-04-22", "--format", "md")
    assert digest.exit_code == 0, digest.output
    text = digest.stdout
    assert not re.search(r"(?<!\\)<script>", text) and "\\<script>" in text  # shown as text, as on the site
    unescaped_link = re.compile(r"(?<!\\)\]\(javascript:")
    assert not unescaped_link.search(text) and "avascript:alert(21)" not in text
    assert run_cli("--dir", log, "build").exit_code == 0
    readme = (log / "README.md").read_text(encoding="utf-8")
    assert not unescaped_link.search(readme) and "avascript:alert(21)" not in readme
    assert run_cli("--dir", log, "site", "--out", tmp_path / "www").exit_code == 0
    html = all_text(tmp_path / "www")
    assert 'href="javascript:' not in html and "avascript:alert(21)" not in html.replace("&amp;", "&")


@pytest.mark.parametrize("url", ["&#106;avascript:alert(21)", "java&#x09;script:x", "%6Aavascript:x", "JaVaScRiPt:x",
                                 "data:text/html,<b>", " javascript:x"])
def test_disguised_script_urls_are_no_link_anywhere(log: Path, tmp_path: Path, url: str) -> None:
    edit_week(log, "url: https://arxiv.org/abs/2404.11018}", f"url: {yaml_escaped(url)}}}")
    assert run_cli("--dir", log, "build").exit_code == 0
    digest = run_cli("--dir", log, "digest", "--week", "2024-04-22", "--format", "html").stdout
    markdown = run_cli("--dir", log, "digest", "--week", "2024-04-22", "--format", "md").stdout
    readme = (log / "README.md").read_text(encoding="utf-8")
    exports = [run_cli("--dir", log, "export", "--format", fmt).stdout for fmt in ("bibtex", "csl-json")]
    for output in (digest, markdown, readme, *exports):
        assert url.strip() not in output and f'"{url}' not in output


# --- item 13: a repository's config cannot read outside the log or send the user's key away --------


@pytest.mark.parametrize("prompt_file", ["/etc/hostname", "../secret.txt", ".git/config", ".paperweek/cache.sqlite"])
def test_prompt_file_is_confined_to_the_log(
    services: FakeServices, fake_llm: Any, log: Path, monkeypatch: pytest.MonkeyPatch, prompt_file: str
) -> None:
    (log.parent / "secret.txt").write_text("the secret {{ title }}", encoding="utf-8")
    fake = fake_llm()
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    add_table(log, f'[summary]\nengine = "llm"\nmodel = "m"\nprompt_file = "{prompt_file}"')
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 2
    assert "[summary] prompt_file" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert fake.requests == [] and services.arxiv_log == []


def test_the_key_goes_only_to_an_endpoint_the_user_named(
    services: FakeServices, fake_llm: Any, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_llm()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    add_table(log, f'[summary]\nengine = "llm"\nmodel = "m"\nbase_url = "{fake.base_url}"\ncache = false')
    assert run_cli("--dir", log, "add", "1706.03762").exit_code == 0
    assert "authorization" not in fake.requests[-1].headers  # named only by the repository's file
    assert run_cli("--dir", log, "remove", "1706.03762").exit_code == 0
    monkeypatch.setenv("PAPERWEEK_LLM_KEY_ORIGINS", fake.base_url.rsplit("/v1", 1)[0])
    assert run_cli("--dir", log, "add", "1706.03762").exit_code == 0
    assert fake.requests[-1].headers["authorization"] == "Bearer sk-secret"  # the user allowed it
    assert run_cli("--dir", log, "remove", "1706.03762").exit_code == 0
    monkeypatch.delenv("PAPERWEEK_LLM_KEY_ORIGINS")
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    assert run_cli("--dir", log, "add", "1706.03762").exit_code == 0
    assert fake.requests[-1].headers["authorization"] == "Bearer sk-secret"  # the user's own endpoint


def test_a_401_from_a_config_endpoint_says_why_no_key_was_sent(
    services: FakeServices, fake_llm: Any, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_llm(Reply(401, {"error": {"message": "no key"}}))
    monkeypatch.setenv("PAPERWEEK_LLM_API_KEY", "sk-secret")
    add_table(log, f'[summary]\nengine = "llm"\nmodel = "m"\nbase_url = "{fake.base_url}"')
    result = run_cli("--dir", log, "add", "1706.03762")
    assert "no key was sent" in result.stderr and "PAPERWEEK_LLM_KEY_ORIGINS" in result.stderr
    assert "sk-secret" not in result.output


# --- item 14: theme templates run in Jinja2's sandbox -------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ lipsum.__globals__['os'].system('touch MARKER') }}",
        "{{ joiner.__init__.__globals__.__builtins__.open('MARKER', 'w') }}",
    ],
)
def test_theme_templates_cannot_run_code(log: Path, payload: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(log)
    evil = log / "themes" / "evil"
    evil.mkdir(parents=True)
    builtin = Path(__import__("paperweek").__file__).parent / "themes" / "seed" / "README.md.j2"
    (evil / "README.md.j2").write_text(payload + "\n" + builtin.read_text(encoding="utf-8"), encoding="utf-8")
    path = log / "paperweek.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('theme = "seed"', 'theme = "evil"'), encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli("--dir", log, command)
        assert result.exit_code == 2, result.output
        assert "theme" in result.stderr and "Traceback" not in result.stderr
    assert not (log / "MARKER").exists()


# --- item 15: the time budget bounds the whole call, not each read ---------------------------------


def test_a_server_that_trickles_bytes_cannot_hold_add(
    services: FakeServices, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.arxiv_faults.extend([("trickle", 30.0, 0.2)] * 10)  # each read is quick; the answer never ends
    monkeypatch.setenv("PAPERWEEK_ARXIV_TIMEOUT", "1")
    monkeypatch.setenv("PAPERWEEK_ARXIV_BUDGET", "3")
    result = run_cli("--dir", log, "add", "1706.03762")
    assert result.exit_code == 1
    assert "did not answer within" in result.stderr
    # the budget ended the call: the server saw the client hang up on every trickling answer (30 s each)
    assert services.wait_for_give_ups(len(services.arxiv_log)) == services.requests
