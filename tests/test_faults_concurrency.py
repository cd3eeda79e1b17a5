"""Fault catalogue: concurrency. Two paperweek processes on one log never interleave: every
read-modify-write reads inside the lock, and the cache's migrations are safe when many processes
open a fresh cache at once. Interleavings are chosen (a pause point, a barrier), not hoped for."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, run_cli


def start(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "paperweek", *map(str, args)], env=full, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )


def wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


WEEK = "weeks/2024-04-15.yaml"
PAPER = "2404.03592"

# (command, what it must have done) -- each run while another writer changes the same week file
COMMANDS = {
    "tag": (("tag", PAPER, "+late"), lambda p: p["tags"] == ["late"]),
    "edit": (("edit", PAPER, "--summary", "Late summary."), lambda p: p["summary"] == "Late summary."),
    "move": (("move", PAPER, "--position", "2"), lambda p: p["number"] == 2),
    "remove-other": (("remove", "2404.04125"), lambda p: True),
    "add": (("add", "--title", "Late post", "--url", "https://example.org/late", "--released", "2024-04-16",
             "--week", "2024-04-15"), lambda p: True),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_reads_the_log_again_inside_the_lock(log_dir: Path, tmp_path: Path, name: str) -> None:
    args, did = COMMANDS[name]
    pause = tmp_path / "pause"
    child = start("--dir", log_dir, *args, env={"PAPERWEEK_PAUSE": "lock:before-acquire", "PAPERWEEK_PAUSE_FILE": str(pause)})
    try:
        wait_for(Path(str(pause) + ".reached"))  # the child has read the log and waits for the lock
        # meanwhile another paperweek command changes the same paper (title) and week
        other = run_cli("--dir", log_dir, "edit", PAPER, "--title", "Changed meanwhile")
        assert other.exit_code == 0, other.output
        Path(str(pause) + ".go").write_text("")
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, out + err
    shown = json.loads(run_cli("--dir", log_dir, "show", PAPER, "--json").stdout)
    assert shown["title"] == "Changed meanwhile"  # the other command's change survived
    assert did(shown), shown
    assert run_cli("--dir", log_dir, "build", "--check").exit_code == 0


def test_migrations_are_safe_when_two_processes_open_a_fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Connection A is inside its first migration when B opens the same fresh cache; B must wait
    for A and then find every step done (before: "table arxiv_records already exists")."""
    from paperweek.cache import arxiv, db

    inside, release = threading.Event(), threading.Event()
    first = arxiv.MIGRATIONS.steps[0]

    def slow_first(conn: sqlite3.Connection) -> None:
        first(conn)
        inside.set()
        release.wait(10)

    slow_first.__name__ = first.__name__
    steps = db.Migrations(arxiv.MIGRATIONS.namespace, [slow_first, *arxiv.MIGRATIONS.steps[1:]])
    errors: list[BaseException] = []
    ran: dict[str, list[str]] = {}

    def run(name: str, migrations: db.Migrations) -> None:
        try:
            conn = db.connect(tmp_path / ".paperweek")
            ran[name] = db.migrate(conn, migrations)
            conn.close()
        except BaseException as exc:
            errors.append(exc)

    a = threading.Thread(target=run, args=("a", steps))
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=run, args=("b", arxiv.MIGRATIONS))
    b.start()
    b.join(0.5)  # B reaches its migration while A is in the middle of its own
    release.set()
    a.join(20)
    b.join(20)
    assert not errors, errors
    assert ran == {"a": arxiv.MIGRATIONS.names, "b": []}


def test_parallel_first_commands_on_a_fresh_clone(log_dir: Path) -> None:
    import shutil

    shutil.rmtree(log_dir / ".paperweek")
    children = [start("--dir", log_dir, "search", "learning") for _ in range(6)]
    children += [start("--dir", log_dir, "add", "--offline", "2404.99999") for _ in range(2)]
    results = [(c.wait(timeout=120), c.stderr.read() if c.stderr else "") for c in children]
    for code, err in results[:6]:
        assert code == 0 and "Traceback" not in err, err
    for code, err in results[6:]:
        assert code in (1, 2) and "Traceback" not in err, err
