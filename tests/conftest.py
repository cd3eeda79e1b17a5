"""Shared test helpers: paths to ../shared, running the CLI in-process, the logs and fake servers
most tests start from (each fixture defined once, here; the servers live in fakes.py)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fakes import FakeLLM, FakeServices, Reply, point_at

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "fixtures" / "seed-README.md"
SAMPLE = SHARED / "data" / "arxiv-sample-2026.jsonl.gz"  # 34,025 real arXiv records (OAI snapshot form)


def isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PAPERWEEK_* setting of the developer's, and no real host: arXiv and HF point at a closed port."""
    for key in list(os.environ):
        if key.startswith("PAPERWEEK_") or key in ("OPENAI_API_KEY", "VISUAL", "EDITOR"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", "http://127.0.0.1:9/api/query")
    monkeypatch.setenv("PAPERWEEK_HF_API_URL", "http://127.0.0.1:9/api")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's PAPERWEEK_* settings or reaches a real host."""
    isolate(monkeypatch)
    yield


@contextlib.contextmanager
def isolated_env() -> Iterator[pytest.MonkeyPatch]:
    """The same isolation for session-scoped set-ups (they run before any test's own fixtures)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(monkeypatch)
        yield monkeypatch


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def looks(text: str) -> list[str]:
    """A README as a reader sees it on GitHub: trailing spaces, runs of spaces, runs of blank lines,
    cell padding and a blank line right after a heading (a heading is one line) ignored."""
    lines: list[str] = []
    for line in text.splitlines():
        line = re.sub(r" ?\| ?", "|", re.sub(r" +", " ", line.rstrip()))
        if not line and lines and lines[-1].startswith("#"):
            continue
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip().splitlines()


def run_cli(*args: str | os.PathLike[str], input: str | None = None) -> CliResult:
    """Run ``paperweek ARGS`` in-process the way the console script does (exit codes included)."""
    from paperweek.cli import main

    runner = CliRunner()
    with runner.isolation(input=input) as streams:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        stdout = streams[0].getvalue().decode("utf-8", "replace")
        stderr = streams[1].getvalue().decode("utf-8", "replace")
    return CliResult(code, stdout, stderr)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def copy_of(template: Path, tmp_path: Path) -> Path:
    """A private copy of a log built once per session: tests share the set-up, never the files."""
    root = tmp_path / "log"
    shutil.copytree(template, root, symlinks=True)
    return root


@pytest.fixture(scope="session")
def _seed_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seed") / "log"
    with isolated_env():
        assert run_cli("--dir", root, "import", SEED).exit_code == 0
        assert run_cli("--dir", root, "build").exit_code == 0
    return root


@pytest.fixture
def log_dir(_seed_log: Path, tmp_path: Path) -> Path:
    """The seed README imported and built: a log of 10 weeks (test files with other needs define their own)."""
    return copy_of(_seed_log, tmp_path)


@pytest.fixture
def empty_log(tmp_path: Path) -> Path:
    """A log with a config and no weeks yet."""
    root = tmp_path / "log"
    root.mkdir()
    (root / "paperweek.toml").write_text("schema = 1\n", encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the tree but the cache, to prove that nothing was written."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".paperweek" not in p.parts
    }


@pytest.fixture(scope="session")
def _demo_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "log"
    with isolated_env():
        assert run_cli("demo", root).exit_code == 0
    return root


@pytest.fixture
def log(_demo_log: Path, tmp_path: Path) -> Path:
    """The bundled demo log (two weeks, ten papers, README built)."""
    return copy_of(_demo_log, tmp_path)


# --- fake servers (fakes.py) ---------------------------------------------------------------------


@pytest.fixture
def fake_services(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., FakeServices]]:
    """Start local arXiv + Hugging Face servers: ``fake_services(entries, hf=..., search=...,
    point=True, **point_at options)``; with ``point``, paperweek's requests go there. Stopped after the test."""
    started: list[FakeServices] = []

    def start(entries: dict[str, Any] | None = None, *, point: bool = True, hf: dict[str, Any] | None = None,
              search: list[Any] | None = None, page_size: int = 3, **options: Any) -> FakeServices:
        fake = FakeServices(entries, hf=hf, search=search, page_size=page_size).__enter__()
        started.append(fake)
        if point:
            point_at(monkeypatch, fake, **options)
        return fake

    yield start
    for fake in started:
        fake.__exit__()


@pytest.fixture
def services(fake_services: Callable[..., FakeServices], monkeypatch: pytest.MonkeyPatch) -> FakeServices:
    """Local arXiv and Hugging Face servers holding the fixture entries, with today in the demo's week."""
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
    return fake_services()


@pytest.fixture
def fake_llm() -> Iterator[Callable[..., FakeLLM]]:
    """Start OpenAI-compatible chat servers: ``fake_llm(*replies)`` (default: one good summary)."""
    started: list[FakeLLM] = []

    def start(*replies: Reply) -> FakeLLM:
        fake = FakeLLM(list(replies)).__enter__()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.__exit__()


def imported(tmp_path: Path, text: str, *extra: str) -> tuple[list[dict[str, object]], str, Path]:
    """Import TEXT (with --report), check that build writes it back as written; the papers and the output."""
    source = tmp_path / "list.md"
    if not source.exists():
        source.write_text(text, encoding="utf-8")
    log = tmp_path / "log"
    done = run_cli("--dir", log, "import", "--report", *extra, source)
    assert done.exit_code == 0, done.stderr
    assert run_cli("--dir", log, "build").exit_code == 0
    assert (log / "README.md").read_text(encoding="utf-8") == text
    return json.loads(run_cli("--dir", log, "list", "--json").stdout), done.stdout, source


def two_papers(empty_log: Path) -> Path:
    """Week 2024-04-15 of ``empty_log`` with two papers (Infini-attention, VASA-1); its file."""
    weeks = empty_log / "weeks"
    weeks.mkdir()
    week = weeks / "2024-04-15.yaml"
    week.write_text(
        "schema: 1\nweek: 2024-04-15\npapers:\n"
        "  - id: '2404.07143'\n    title: Infini-attention\n    summary: Long context.\n"
        "    released: 2024-04-11\n    links:\n      - {label: Paper, url: https://arxiv.org/abs/2404.07143}\n"
        "  - id: '2404.10667'\n    title: 'VASA-1: Lifelike Audio-Driven Talking Faces Generated in Real Time'\n"
        "    summary: Faces.\n    released: 2024-04-16\n"
        "    links:\n      - {label: Paper, url: https://arxiv.org/abs/2404.10667}\n",
        encoding="utf-8",
    )
    return week
