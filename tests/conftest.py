"""Shared test helpers: paths to ../shared, running the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from arxiv_fake import FakeServices, fixture_entries, point_at
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "fixtures" / "seed-README.md"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's PAPERWEEK_* settings or reaches a real host."""
    for key in list(os.environ):
        if key.startswith("PAPERWEEK_") or key in ("OPENAI_API_KEY", "VISUAL", "EDITOR"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PAPERWEEK_ARXIV_API_URL", "http://127.0.0.1:9/api/query")
    monkeypatch.setenv("PAPERWEEK_HF_API_URL", "http://127.0.0.1:9/api")
    yield


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


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


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """The seed README imported and built: a log of 10 weeks (test files with other needs define their own)."""
    root = tmp_path / "log"
    assert run_cli("--dir", root, "import", SEED).exit_code == 0
    assert run_cli("--dir", root, "build").exit_code == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the tree but the cache, to prove that nothing was written."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".paperweek" not in p.parts
    }


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """The bundled demo log (two weeks, ten papers, README built)."""
    root = tmp_path / "log"
    assert run_cli("demo", root).exit_code == 0
    return root


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    """Local arXiv and Hugging Face servers holding the fixture entries, with today in the demo's week."""
    with FakeServices(fixture_entries()) as fake:
        point_at(monkeypatch, fake)
        monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-17")
        yield fake
