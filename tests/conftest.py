"""Shared test helpers: paths to ../shared, running the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
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
