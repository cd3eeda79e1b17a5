"""Fault catalogue, round 3 (issue #19): links out of the log, outputs over the log's own files, user
material replaced without a word, exports that break their readers, resource bombs, values parsed
into tracebacks, line ends and case, concurrent first runs. One section per family, through the CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import SEED, run_cli, snapshot
from fakes import FakeServices

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not-a-real-key"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the log that a link in a pull request would point at."""
    path = tmp_path / "outside" / "id_rsa"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


# --- family 1: links lead out of the log, for writes and for reads -------------------------------------


@pytest.mark.parametrize("name", ["README.md.j2", "theme.toml"])
def test_a_theme_file_linked_out_of_the_log_is_never_read(log: Path, secret: Path, name: str) -> None:
    (log / "themes" / "seed").mkdir(parents=True)
    (log / "themes" / "seed" / name).symlink_to(secret)
    for command in (["check"], ["build", "--check"], ["build"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 2, (command, result.output)
        assert "not-a-real-key" not in result.output
        assert "leads outside the log" in result.stderr
    assert "not-a-real-key" not in (log / "README.md").read_text(encoding="utf-8")


def test_a_theme_folder_linked_out_of_the_log_is_refused(log: Path, secret: Path) -> None:
    (log / "themes").mkdir()
    (log / "themes" / "seed").symlink_to(secret.parent, target_is_directory=True)
    assert run_cli("--dir", log, "build").exit_code == 2
    assert sorted(p.name for p in secret.parent.iterdir()) == ["id_rsa"]


def test_theme_copy_never_writes_through_a_link(log: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (log / "themes").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("--dir", log, "theme", "copy", "seed")
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert list(elsewhere.iterdir()) == []


def test_import_never_writes_through_a_link_before_refusing(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "new"
    root.mkdir()
    (root / "weeks").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("--dir", root, "import", SEED)
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert list(elsewhere.iterdir()) == []
    assert not (root / "paperweek.toml").exists()


def test_a_relative_dir_is_checked_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("--dir", "new", "import", SEED).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "new" / "weeks").iterdir())[:1] == ["2024-04-15.yaml"]
    assert run_cli("--dir", "new", "theme", "copy", "seed").exit_code == 0
    assert (tmp_path / "new" / "themes" / "seed" / "README.md.j2").is_file()


def test_a_week_file_linked_out_of_the_log_is_never_read(log: Path, secret: Path) -> None:
    (log / "weeks" / "2024-04-29.yaml").symlink_to(secret)
    for command in (["list"], ["check"], ["build"], ["search", "key"], ["export", "--format", "json"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code in (1, 2), (command, result.output)
        assert "not-a-real-key" not in result.output and "leads outside the log" in result.stderr, command


def test_writes_never_follow_a_weeks_folder_linked_out_of_the_log(log: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (log / "weeks").rename(elsewhere)
    (log / "weeks").symlink_to(elsewhere, target_is_directory=True)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    result = run_cli("--dir", log, "tag", "2404.11018", "+x")
    assert result.exit_code == 2 and "leads outside the log" in result.stderr, result.output
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


@pytest.mark.parametrize("name", ["paperweek.toml", ".paperweek"])
def test_the_config_and_the_cache_folder_may_not_lead_out_of_the_log(log: Path, tmp_path: Path, name: str) -> None:
    elsewhere = tmp_path / "elsewhere" / name
    elsewhere.parent.mkdir()
    (log / name).rename(elsewhere)
    (log / name).symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir()) if elsewhere.is_dir() else elsewhere.read_bytes()
    for command in (["list"], ["search", "learning"], ["tag", "2404.11018", "+x"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 2 and "leads outside the log" in result.stderr, (command, result.output)
    assert (sorted(p.name for p in elsewhere.iterdir()) if elsewhere.is_dir() else elsewhere.read_bytes()) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["README.md", "weeks/2024-04-29.yaml"])
def test_a_pipe_in_place_of_a_file_of_the_log_is_refused_not_read(log: Path, name: str) -> None:
    path = log / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)  # reading it would block for ever
    for command in (["check"], ["build"], ["list"])[: 2 if name == "README.md" else 3]:  # list reads no README
        result = paperweek_capped("--dir", log, *command, memory=GIB, seconds=60)
        assert result.returncode in (1, 2) and "not a regular file" in result.stderr, (command, result.stderr)


def test_a_link_that_stays_inside_the_log_is_followed(log: Path) -> None:
    (log / "weeks" / "2024-04-22.yaml").rename(log / "kept.yaml")
    (log / "weeks" / "2024-04-22.yaml").symlink_to(log / "kept.yaml")
    assert run_cli("--dir", log, "build", "--check").exit_code == 0
    assert run_cli("--dir", log, "tag", "2404.11018", "+x").exit_code == 0
    assert "tags: [x]" in (log / "kept.yaml").read_text(encoding="utf-8")
    assert (log / "weeks" / "2024-04-22.yaml").is_symlink()


# --- family 2: outputs over the log's own files -------------------------------------------------------

OWN_FILES = ["weeks/2024-04-22.yaml", "weeks/new.csv", "paperweek.toml", "README.md", "readme.MD",
             ".paperweek/cache.sqlite", ".paperweek/out.bib", "themes/x.csv", "Weeks/2024-04-22.yaml"]


@pytest.mark.parametrize("name", OWN_FILES)
@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["digest", "--week", "2024-04-22"]])
def test_an_output_may_not_name_the_logs_own_files(log: Path, name: str, command: list[str]) -> None:
    run_cli("--dir", log, "list")  # the cache exists, as it would after any command
    before = snapshot(log)
    result = run_cli("--dir", log, *command, "-o", log / name)
    assert result.exit_code == 2 and "the log's own" in result.stderr, result.output
    assert snapshot(log) == before
    assert run_cli("--dir", log, "build", "--check").exit_code == 0


def test_an_output_may_not_reach_the_logs_files_through_a_link(log: Path, tmp_path: Path) -> None:
    (tmp_path / "out.csv").symlink_to(log / "weeks" / "2024-04-22.yaml")
    before = snapshot(log)
    result = run_cli("--dir", log, "export", "--format", "csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 2 and "the log's own" in result.stderr, result.output
    assert snapshot(log) == before


def test_site_may_not_be_built_over_the_log(log: Path) -> None:
    for out in (log / ".paperweek" / "www", log / "weeks" / "www", log / "THEMES" / "www"):
        result = run_cli("--dir", log, "site", "--out", out)
        assert result.exit_code == 2 and "the log's own" in result.stderr, (out, result.output)
    assert "the log's folder or above it" in run_cli("--dir", log, "site", "--out", log.parent).stderr


def test_outputs_beside_the_logs_files_are_fine(log: Path) -> None:
    for name in ("papers.csv", "docs/README.md", "weeks.csv"):
        result = run_cli("--dir", log, "export", "--format", "csv", "-o", log / name)
        assert result.exit_code == 0, result.output
        assert (log / name).read_text(encoding="utf-8").startswith("week,number,id,")


# --- family 3: user material replaced without a word --------------------------------------------------

HIDDEN_WEEK = "## AI Papers of the Week (April 22 - April 28) - 2024"


def commented_seed(tmp_path: Path) -> Path:
    """The seed README with its newest week inside an HTML comment (a hidden draft)."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index(HIDDEN_WEEK)
    end = text.index("## AI Papers of the Week", start + 10)
    path = tmp_path / "commented.md"
    path.write_text(text[:start] + "<!--\n" + text[start:end] + "-->\n\n" + text[end:], encoding="utf-8")
    return path


def test_a_week_inside_an_html_comment_stays_hidden(tmp_path: Path) -> None:
    source = commented_seed(tmp_path)
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", source).exit_code == 0
    assert not (root / "weeks" / "2024-04-22.yaml").exists()  # hidden text, not a week
    assert run_cli("--dir", root, "build").exit_code == 0
    assert (root / "README.md").read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    added = run_cli("--dir", root, "add", "--title", "New post", "--url", "https://example.org/new",
                    "--released", "2024-04-30", "--week", "2024-04-29")
    assert added.exit_code == 0, added.output
    readme = (root / "README.md").read_text(encoding="utf-8")
    hidden = readme[readme.index("<!--"):readme.index("-->")]
    assert HIDDEN_WEEK in hidden and "April 15 - April 21" not in hidden and "New post" not in hidden


def test_import_never_replaces_a_hand_made_theme(tmp_path: Path) -> None:
    source = commented_seed(tmp_path)  # its layout is read as the inferred theme "kept"
    root = tmp_path / "log"
    (root / "themes" / "kept").mkdir(parents=True)
    (root / "themes" / "kept" / "README.md.j2").write_text("{# my own layout #}\n", encoding="utf-8")
    result = run_cli("--dir", root, "import", source)
    assert result.exit_code == 2 and "theme file exists" in result.stderr, result.output
    assert (root / "themes" / "kept" / "README.md.j2").read_text(encoding="utf-8") == "{# my own layout #}\n"
    assert not (root / "paperweek.toml").exists()


def test_move_never_deletes_a_different_paper_of_the_same_id(log: Path) -> None:
    source = (log / "weeks" / "2024-04-15.yaml").read_text(encoding="utf-8")
    block = source[source.index("  - id: '2404.03592'"):source.index("  - id: '2404.04125'")]
    other = block.replace("ReFT: Representation Finetuning", "ReFT, the copy I rewrote")
    target = log / "weeks" / "2024-04-22.yaml"
    target.write_text(target.read_text(encoding="utf-8") + other, encoding="utf-8")
    before = snapshot(log)
    for week in ("2024-04-22", "2024-04-15"):
        result = run_cli("--dir", log, "move", "2404.03592", "--week", week)
        assert result.exit_code == 2 and "different content" in result.stderr, result.output
        assert snapshot(log) == before


def test_move_takes_the_comment_above_the_paper_along(log: Path) -> None:
    path = log / "weeks" / "2024-04-15.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: '2404.04125'", "  # read this one twice\n  - id: '2404.04125'"), encoding="utf-8")
    assert run_cli("--dir", log, "move", "2404.04125", "--week", "2024-04-22").exit_code == 0
    target = (log / "weeks" / "2024-04-22.yaml").read_text(encoding="utf-8")
    assert "  # read this one twice\n  - id: '2404.04125'" in target
    assert "read this one twice" not in path.read_text(encoding="utf-8")
    assert run_cli("--dir", log, "check").exit_code == 0


def test_the_sweep_keeps_a_persons_tmp_files(log: Path) -> None:
    mine = [log / ".notes.20240422.tmp", log / "weeks" / ".draft.abcdefgh.tmp"]
    for path in mine:
        path.write_text("mine", encoding="utf-8")
    leftover = log / "weeks" / ".2024-04-15.yaml.ab12cd34.tmp"  # an earlier version's, killed
    leftover.write_text("half", encoding="utf-8")
    assert run_cli("--dir", log, "tag", "2404.11018", "+x").exit_code == 0
    assert all(p.read_text(encoding="utf-8") == "mine" for p in mine)
    assert not leftover.exists()


EDITOR = r"""
import os, subprocess, sys
path = sys.argv[-1]
subprocess.run([sys.executable, "-m", "paperweek", "--dir", os.environ["LOG"], "remove", "2404.11018"], check=True,
               capture_output=True)
lines = open(path, encoding="utf-8").read().splitlines()
lines = ["summary: My careful edit." if line.startswith("summary:") else line for line in lines]
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
"""


def test_an_edit_of_a_paper_removed_meanwhile_is_kept(log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from conftest import REPO

    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    monkeypatch.setenv("LOG", str(log))
    monkeypatch.setenv("PYTHONPATH", str(REPO / "src"))
    result = run_cli("--dir", log, "edit", "2404.11018")
    assert result.exit_code == 2 and "removed from the log" in result.stderr, result.output
    kept = log / ".paperweek" / "drafts" / "2404.11018.yaml"
    assert str(kept) in result.stderr and "My careful edit." in kept.read_text(encoding="utf-8")


# --- family 4: exports that break their readers -------------------------------------------------------

HOSTILE_TITLES = [
    "Safe}, note = {Injected",
    "Safe\\}, note = {Injected",
    "Math $x}$, note = {Injected",
    "Closing $\\}$ math }, note = {Injected",
    "Run $\\input{/etc/passwd}$ now",
    "Run $\\immediate\\write18{rm -rf ~}$",
    "Keep $\\alpha_{1} + \\frac{a}{b}$ as math",
]


def _bib_fields(text: str) -> dict[str, str]:
    """The fields of the one entry of ``text`` as BibTeX 0.99 reads them: every brace counted, escaped
    or not (bibtexparser is more lenient than BibTeX here, so the test reads as BibTeX does)."""
    import re

    match = re.match(r"@\w+\{[^,]*,", text)
    assert match, text
    fields: dict[str, str] = {}
    pos = match.end()
    while True:
        field = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, pos)
        if field is None:
            break
        depth, i = 1, field.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        fields[field.group(1)] = text[field.end():i - 1]
        pos = i + 1 if text[i:i + 1] == "," else i
    assert text[pos:].strip() == "}", f"the entry goes on after its fields: {text[pos:]!r}"
    return fields


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_bibtex_fields_can_neither_be_closed_nor_run_a_command(log: Path, title: str) -> None:
    import json

    path = log / "weeks" / "2024-04-22.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Many-Shot In-Context Learning", f"title: {json.dumps(title)}", 1)
                    .replace("    released: 2024-04-17\n", f"    released: 2024-04-17\n    abstract: {json.dumps(title)}\n", 1),
                    encoding="utf-8")
    result = run_cli("--dir", log, "export", "--format", "bibtex", "--week", "2024-04-22")
    assert result.exit_code == 0, result.output
    entry = next(e for e in result.stdout.split("\n@") if "2404.11018" in e)
    fields = _bib_fields("@" + entry.lstrip("@"))
    assert "note" not in fields and "Injected" not in "".join(k for k in fields)
    for name in ("title", "abstract"):
        assert "Injected" in fields[name] or "input" in fields[name] or "write" in fields[name] or "frac" in fields[name]
        for command in ("\\input", "\\write", "\\immediate"):
            assert command not in fields[name]
    if "frac" in title:
        assert "$\\alpha_{1} + \\frac{a}{b}$" in fields["title"]  # real math stays math


# --- family 5: resources are bounded by bytes in, not by work done ------------------------------------

GIB = 1 << 30


def paperweek_capped(*args: str | os.PathLike[str], memory: int, env: dict[str, str] | None = None,
                     seconds: float = 300, cpu: int | None = None) -> subprocess.CompletedProcess[str]:
    """``paperweek ARGS`` in a subprocess whose address space is capped at ``memory`` bytes (and its
    processor time at ``cpu`` seconds, a resource limit the kernel enforces): what it may use is
    measured by whether it can finish, not by a clock."""
    import sys

    resource = pytest.importorskip("resource")  # POSIX: the limits are the kernel's

    from conftest import REPO

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if cpu is not None:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "paperweek", *map(str, args)], env=full, preexec_fn=cap,
                          capture_output=True, text=True, timeout=seconds, check=False)


def test_a_gzip_bomb_from_arxiv_is_decompressed_only_up_to_the_cap(services: FakeServices, log: Path) -> None:
    services.arxiv_faults.extend([("gzip_bomb", 2048)] * 5)  # 2 MB on the wire, 2 GiB inflated
    before = snapshot(log)
    result = paperweek_capped("--dir", log, "add", "1706.03762", memory=GIB,
                              env={"PAPERWEEK_ARXIV_TIMEOUT": "60", "PAPERWEEK_ARXIV_BUDGET": "120"})
    assert result.returncode == 1, result.stderr
    assert "more than 64 MB (decompressed)" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(log) == before


def test_yaml_aliases_in_a_week_file_are_refused(log: Path) -> None:
    long = "x" * 10_000
    papers = [f"  - id: p0\n    title: &t {long}\n"] + [f"  - id: p{i}\n    title: *t\n" for i in range(1, 500)]
    path = log / "weeks" / "2024-04-29.yaml"
    path.write_text("schema: 1\nweek: 2024-04-29\npapers:\n" + "".join(papers), encoding="utf-8")
    readme = (log / "README.md").read_bytes()
    for command in (["build"], ["list"], ["check"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code in (1, 2), (command, result.output[:300])
        assert "2024-04-29.yaml:7: a YAML alias (*name) of a list, a mapping or a text" in result.stderr, command
        assert len(result.output) < 2000
    assert (log / "README.md").read_bytes() == readme


HUNGRY_TEMPLATES = [
    '{{ "a" * 10**13 }}',
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    '{{ "a".center(10**12) }}',
    '{{ "a"|center(10**12) }}',
    '{{ "{:>9999999999}".format(1) }}',
    '{{ "%9999999999d" % 1 }}',
    '{{ ("x" * 900000)|replace("x", "x" * 900000) }}',
    '{{ 7 ** 1000000000 }}',
    '{% for i in range(100000) %}{{ "x" * 900000 }}{% endfor %}',
]


@pytest.mark.parametrize("line", HUNGRY_TEMPLATES)
def test_theme_templates_are_bounded_in_work_and_memory(log: Path, line: str) -> None:
    assert run_cli("--dir", log, "theme", "copy", "seed").exit_code == 0
    template = log / "themes" / "seed" / "README.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    readme = (log / "README.md").read_bytes()
    result = paperweek_capped("--dir", log, "build", memory=GIB, seconds=120)
    assert result.returncode == 2, result.stderr[-500:]
    assert "more than a template may ask for" in result.stderr and "Traceback" not in result.stderr
    assert (log / "README.md").read_bytes() == readme


SPACES = " " * 40_000
SLOW_LINES = [  # each took quadratic time in a heading, row or date pattern before
    "## x" + SPACES + "y",
    "## AI Papers of the Week" + SPACES + "(April 29 - May 5) - 2024",
    "## AI Papers of the Week (May 6 - May 12)" + SPACES + "- 2024",
    "## (" + SPACES + "x",
    "## May" + SPACES + "13",
    "| (1) **Many" + SPACES + "-" + SPACES + "Shot** - summary | April 4, 2024 | [Paper](https://arxiv.org/abs/2404.00001)|",
    "- " + "[" * 40_000 + " <" * 20_000 + "a",
]


def test_long_runs_of_spaces_take_linear_time_in_import_and_check(tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(text.replace("## 2024\n", "\n\n".join(SLOW_LINES) + "\n\n## 2024\n", 1), encoding="utf-8")
    root = tmp_path / "log"
    imported = paperweek_capped("--dir", root, "import", source, memory=GIB, cpu=30)
    assert imported.returncode == 0, imported.stderr[-500:]
    (root / "README.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")  # a pull request's README
    checked = paperweek_capped("--dir", root, "check", memory=GIB, cpu=30)
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stderr, checked.stderr[-500:]


def test_short_aliases_written_by_earlier_versions_still_read(log: Path) -> None:
    path = log / "weeks" / "2024-04-22.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("week: 2024-04-22\n", "week: &id001 2024-04-22\nend: *id001\n", 1), encoding="utf-8")
    assert run_cli("--dir", log, "list").exit_code == 0
    assert run_cli("--dir", log, "tag", "2404.11018", "+x").exit_code == 0
    assert "*id001" not in path.read_text(encoding="utf-8")  # written out from then on


# --- family 8: concurrent first runs ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="watches /proc to know the child reached the cache")
def test_opening_the_cache_waits_for_a_process_loading_it(log: Path) -> None:
    """The first command of a fresh clone loads the search index in rollback mode (``bulk_mode``): a
    second command that opens the cache meanwhile waits instead of failing "database is locked"."""
    import sqlite3
    import sys
    import time

    from conftest import REPO

    cache = log / ".paperweek" / "cache.sqlite"
    assert run_cli("--dir", log, "search", "learning").exit_code == 0  # the cache exists
    holder = sqlite3.connect(cache, isolation_level=None)
    assert holder.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE loading (x)")  # a write in progress, as a bulk load holds it
    child = subprocess.Popen([sys.executable, "-m", "paperweek", "--dir", str(log), "search", "learning"],
                             env={**os.environ, "PYTHONPATH": str(REPO / "src")}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    fds = Path(f"/proc/{child.pid}/fd")
    while child.poll() is None:  # until the child has the cache open (or has given up)
        try:
            if any(os.path.realpath(fd) == str(cache.resolve()) for fd in fds.iterdir()):
                break
        except OSError:
            pass
        time.sleep(0.01)
    holder.execute("ROLLBACK")
    holder.close()
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and "cannot open the cache" not in err, err
    assert "learning" in out.lower() or out.strip()


# --- family 6: one clear line instead of a traceback, wherever a value is parsed --------------------

NESTED = b"[" * 100_000 + b"]" * 100_000


def one_line(result: object, says: str) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and says in stderr, stderr[-800:]


@pytest.mark.parametrize("args", [
    ["add", "--title", "T", "--url", "http://[", "--released", "2024-04-20"],
    ["add", "--title", "T", "--url", "http://example.org:99999/", "--released", "2024-04-20"],
    ["edit", "2404.11018", "--repo", "http://["],
    ["edit", "2404.11018", "--repo", "https://github.com:99999/o/r"],
    ["site", "--base-url", "http://[", "--out", "www"],
    ["site", "--base-url", "https://example.org:99999/", "--out", "www"],
    ["search", "--year", "99999999999999999999", "shot"],
    ["list", "--year", "-5"],
    ["export", "--year", "99999999999999999999"],
])
def test_bad_values_on_the_command_line_are_one_line(log: Path, args: list[str]) -> None:
    before = snapshot(log)
    result = run_cli("--dir", log, *[str(log / a) if a == "www" else a for a in args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 4  # click: usage + error
    assert snapshot(log) == before


@pytest.mark.parametrize("table", [
    '[summary]\nengine = "llm"\nmodel = "m"\nbase_url = "http://[/v1"',
    '[summary]\nengine = "llm"\nmodel = "m"\nbase_url = "http://127.0.0.1:99999/v1"',
    '[summary]\ntimeout = 1e300',
    '[summary]\nmax_tokens = 1000000000000000000000',
    '[summary]\nmax_chars = 100000000000',
])
def test_bad_numbers_and_urls_in_the_config_are_one_line(log: Path, table: str) -> None:
    config = log / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + table + "\n", encoding="utf-8")
    result = run_cli("--dir", log, "add", "--offline", "2404.99999")
    assert result.exit_code == 2, result.output
    one_line(result, "paperweek.toml")


def test_a_bad_url_in_an_imported_readme_is_no_traceback(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("https://github.com/microsoft/rho", "http://[", 1)
    source = tmp_path / "list.md"
    source.write_text(text, encoding="utf-8")
    root = tmp_path / "log"
    for command in (["import", source], ["build"], ["check"], ["list"], ["export", "--format", "csl-json"]):
        result = run_cli("--dir", root, *command)
        assert result.exit_code in (0, 1), (command, result.output[-500:])
        assert "Traceback" not in result.output


def test_hugging_face_can_never_fail_an_add(fake_services: object, log: Path) -> None:
    services = fake_services(hf={"1706.03762": {"githubRepo": "http://["}})  # type: ignore[operator]
    result = run_cli("--dir", log, "add", "1706.03762", "--week", "2024-04-22")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    services.hf_faults.extend([("raw", NESTED)] * 10)
    again = run_cli("--dir", log, "add", "2404.11018v1", "1706.03762", "--week", "2024-04-22")
    assert "Traceback" not in again.output and "RecursionError" not in again.output, again.output


def test_deeply_nested_llm_json_is_one_line(services: FakeServices, fake_llm: object, log: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from fakes import Reply

    fake = fake_llm(*[Reply(body=NESTED)] * 6)  # type: ignore[operator]
    monkeypatch.setenv("PAPERWEEK_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("PAPERWEEK_LLM_MODEL", "m")
    config = log / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[summary]\nengine = "llm"\n', encoding="utf-8")
    result = run_cli("--dir", log, "add", "1706.03762")
    assert "Traceback" not in result.output and "RecursionError" not in result.output, result.output[-800:]
    assert "not JSON" in result.stderr or "nests too deeply" in result.stderr


def _paperweek_raw(log: Path, *args: str, env: dict[str, str] | None = None, **popen: object) -> subprocess.Popen[bytes]:
    import sys

    from conftest import REPO

    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "paperweek", "--dir", str(log), *args], env=full,
                            stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload, no-any-return]


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_crash(log: Path) -> None:
    child = _paperweek_raw(log, "list", env={"PYTHONIOENCODING": "latin-1"}, stdout=subprocess.PIPE)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    assert b"\\u201c" in out and b"Traceback" not in err  # "No “Zero-Shot”": the quotes escaped


def test_a_closed_standard_output_is_one_line(log: Path) -> None:
    child = _paperweek_raw(log, "list", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    _, err = child.communicate(timeout=60)
    assert child.returncode == 2 and b"standard output is closed" in err and b"Traceback" not in err, err


@pytest.mark.parametrize("command", [["list"], ["search", "learning"], ["list", "--json"], ["export"]])
def test_a_reader_that_stops_early_is_no_error(log: Path, command: list[str]) -> None:
    for i in range(40):  # a log long enough that the output outgrows the pipe
        run_cli("--dir", log, "add", "--title", f"Post {i}", "--url", f"https://example.org/{i}",
                "--released", "2024-04-20", "--week", "2024-04-22", "--summary", "x " * 500)
    child = _paperweek_raw(log, *command, stdout=subprocess.PIPE)
    assert child.stdout is not None
    child.stdout.readline()
    child.stdout.close()  # `| head -1`
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0 and b"rror" not in err and b"Traceback" not in err, err


def test_an_oversized_arxiv_record_is_cut_to_what_arxiv_allows_and_says_so(fake_services: object, log: Path) -> None:
    from fakes import make_entry

    abstract = "We study things. " + "http://[ " + "a" * 2_000_000  # 2 MB, and a URL that is no URL
    entry = make_entry("2404.77777", "A huge record", abstract, ["A. Author"], "2024-04-20T00:00:00Z", ["cs.CL"],
                       comment="see http://[ and https://github.com/o/r")
    fake_services({"2404.77777": entry})  # type: ignore[operator]
    result = run_cli("--dir", log, "add", "2404.77777", "--week", "2024-04-22")
    assert result.exit_code == 0, result.output[-800:]
    assert "abstract has 2,000,026 characters, more than arXiv allows; the first 5,000 were kept" in result.stderr
    assert (log / "weeks" / "2024-04-22.yaml").stat().st_size < 20_000


def test_a_huge_unclosed_think_block_from_an_llm_takes_linear_time(services: FakeServices, fake_llm: object,
                                                                   log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fakes import Reply, completion

    fake = fake_llm(Reply(body=completion("<think>" * 40_000 + " The paper studies many shots.")))  # type: ignore[operator]
    config = log / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[summary]\nengine = "llm"\nmodel = "m"\n'
                      f'base_url = "{fake.base_url}"\n', encoding="utf-8")
    result = paperweek_capped("--dir", log, "add", "1706.03762", memory=GIB, cpu=20,
                              env={"PAPERWEEK_ARXIV_TIMEOUT": "30", "PAPERWEEK_LLM_TIMEOUT": "30"})
    assert result.returncode == 0, result.stderr[-800:]


# --- family 7: line ends and case -------------------------------------------------------------------


def test_a_readme_with_crlf_line_ends_is_the_same_readme(log: Path) -> None:
    readme = log / "README.md"
    readme.write_bytes(readme.read_bytes().replace(b"\n", b"\r\n"))  # core.autocrlf on Windows
    for command in (["check"], ["build", "--check"], ["build"]):
        result = run_cli("--dir", log, *command)
        assert result.exit_code == 0, (command, result.output)
    assert run_cli("--dir", log, "tag", "2404.11018", "+x").exit_code == 0  # the README is rebuilt, no warning
    assert run_cli("--dir", log, "build", "--check").exit_code == 0


@pytest.mark.parametrize("value", ["PAPERWEEK.TOML", "Paperweek.toml", "Themes/x.md"])
def test_config_paths_are_compared_without_case(log: Path, value: str) -> None:
    config = log / "paperweek.toml"
    import re

    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^readme = .*$\n?", "", text).replace("[log]\n", f'[log]\nreadme = "{value}"\n')
    config.write_text(text, encoding="utf-8")
    result = run_cli("--dir", log, "build")
    assert result.exit_code == 2 and "paperweek's own files" in result.stderr, result.output


@pytest.mark.parametrize("name", ["2024-04-29.YAML", "2024-04-29.Yaml", "2024-04-29.yml"])
def test_a_week_file_named_in_another_case_is_not_ignored(log: Path, name: str) -> None:
    (log / "weeks" / name).write_text("schema: 1\nweek: 2024-04-29\npapers: []\n", encoding="utf-8")
    result = run_cli("--dir", log, "list")
    assert result.exit_code == 2 and name in result.stderr and "rename it" in result.stderr, result.output


def test_an_id_in_nfc_and_nfd_is_one_paper(log: Path) -> None:
    import unicodedata

    nfc = unicodedata.normalize("NFC", "café-notes")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    path = log / "weeks" / "2024-04-22.yaml"
    papers = "".join(f"  - id: {i}\n    title: Café notes\n    links:\n      - {{label: Post, url: https://example.org/{n}}}\n"
                     for n, i in enumerate((nfc, nfd)))  # one typed on Linux, one by a macOS tool
    path.write_text(path.read_text(encoding="utf-8") + papers, encoding="utf-8")
    checked = run_cli("--dir", log, "check")
    assert checked.exit_code == 1 and f"{nfc} is already logged" in checked.stdout + checked.stderr, checked.output
    for typed in (nfc, nfd):
        shown = run_cli("--dir", log, "show", typed, "--json")
        assert shown.exit_code == 0, shown.output
